/**
 * A queue URL as it may be said or kept: its password masked. `redis://:PASSWORD@host:port` and
 * `redis://USER:PASSWORD@host:port` (and `rediss://`) connect to a Redis started with `--requirepass` or an ACL user;
 * until mends108 the worker's banner, the sweep's plan and stop lines, the `--queue` refusals and the store's mark of a
 * queued run said the URL with the password in clear (review83). Kept apart from queue.ts, which loads BullMQ: the
 * store and the CLI's lines need this without it.
 */
import { readFileSync } from 'node:fs';
import { InputError, fsReason } from '../errors.js';

/** what a password is said as */
export const MASK = '***';

/**
 * `url` with its password (the userinfo's, and a `password` query parameter, which ioredis also reads) replaced by `***`:
 * `redis://:s3cret@127.0.0.1:6391` -> `redis://:***@127.0.0.1:6391`, `redis://app:s3cret@h` -> `redis://app:***@h`.
 * The rest is kept as given (a URL without a password is returned unchanged), a URL that does not parse included (it is
 * said in the refusal of a bad URL).
 */
export function maskQueueUrl(url: string): string {
  let out = url;
  const start = url.indexOf('//');
  if (start >= 0) {
    const rest = url.slice(start + 2);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    const colon = at < 0 ? -1 : authority.slice(0, at).indexOf(':');
    if (colon >= 0 && colon + 1 < at) out = url.slice(0, start + 2) + authority.slice(0, colon + 1) + MASK + rest.slice(at);
  }
  return out.replace(/([?&]pass(?:word)?=)[^&#]*/gi, (_m, key: string) => key + MASK);
}

/** The environment variable the queue URL is read from where a command is given no URL (mends109). */
export const QUEUE_ENV = 'SACPLATE_QUEUE';

/** an example URL for the refusals: the form with a password, as docs/sweeps.md's recipe gives it */
const FORM = 'redis://:PASSWORD@host:6379 (or redis://host:6379 without a password, rediss:// for TLS)';

/** Where a command's queue URL came from, and how its lines name it. */
export interface QueueSource {
  url: string;
  /** the field a refusal of the URL names: `--queue`, `SACPLATE_QUEUE`, or `--queue-file FILE` */
  field: string;
  /** how a line that says to run again gives the queue: `--queue redis://:***@host:6379`, `--queue-file FILE`, or `--queue (SACPLATE_QUEUE)` */
  flag: string;
}

/**
 * A command's queue URL, kept off its command line (mends109: `--queue redis://:PASSWORD@host` showed the password to
 * every user of the machine in `ps`, review83): `--queue URL` as given; `--queue-file FILE`, the file's first line that
 * is not empty (a file only its owner reads: `chmod 600`); `--queue` without a URL, or neither flag where a queue is
 * required (`worker`), the environment's SACPLATE_QUEUE. Nothing given where none is required (`sweep`): undefined, the
 * sweep runs locally; SACPLATE_QUEUE alone does not send it to a queue.
 */
export function queueSource(o: { queue?: string | boolean; queueFile?: string }, required: boolean, env: Record<string, string | undefined> = process.env, readFile: (f: string) => string = (f) => readFileSync(f, 'utf8')): QueueSource | undefined {
  if (o.queueFile !== undefined) {
    if (typeof o.queue === 'string' || o.queue === true) throw new InputError('--queue-file', o.queueFile, 'either --queue-file FILE or --queue, not both');
    if (o.queueFile.trim() === '') throw new InputError('--queue-file', o.queueFile, `a file holding the queue URL on its first line, e.g. ${FORM}`);
    let text: string;
    try { text = readFile(o.queueFile); } catch (e) { throw new InputError('--queue-file', o.queueFile, `a readable file holding the queue URL on its first line, e.g. ${FORM} (${fsReason(e)})`); }
    const url = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
    if (url === undefined) throw new InputError('--queue-file', o.queueFile, `a file holding the queue URL on its first line, e.g. ${FORM} (the file is empty)`);
    return { url, field: `the queue URL in --queue-file ${o.queueFile}`, flag: `--queue-file ${o.queueFile}` };
  }
  if (typeof o.queue === 'string') return { url: o.queue, field: '--queue', flag: `--queue ${maskQueueUrl(o.queue)}` };
  if (o.queue !== true && !required) return undefined;
  const url = env[QUEUE_ENV]?.trim();
  if (!url) {
    throw new InputError(QUEUE_ENV, env[QUEUE_ENV], `the queue URL, e.g. export ${QUEUE_ENV}=${FORM}, where --queue gives none${required ? ' or is left out' : ''}; or --queue-file FILE holding it, or --queue URL`,
      env[QUEUE_ENV] === undefined ? 'nothing (not set)' : undefined);
  }
  return { url, field: QUEUE_ENV, flag: `--queue (the URL in ${QUEUE_ENV})` };
}

/** `e`, a refusal of the URL under `--queue` (parseQueueUrl, connect), named by where the URL came from; anything else as it is. */
export function namedBySource(e: unknown, src: QueueSource): unknown {
  return e instanceof InputError && e.field === '--queue' && src.field !== '--queue' ? new InputError(src.field, e.value, e.expected) : e;
}
