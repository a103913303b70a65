/**
 * The two-scale nucleation model for a library caller: `nucleation(request, options)` from the
 * package entry. The model's own `nucleation()` (index.ts) takes a Store object and a synchronous
 * progress callback, the plumbing the CLI and the workbench hold; here the store is a file path
 * (the CLI's by default, so the two share cached atomistic data) and the work runs on a worker
 * thread (in-worker.ts), so that an AbortSignal fired by a timer or a button stops it: on the
 * caller's thread the atomistic stage would block the event loop for seconds to minutes.
 */
import { InputError } from '../errors.js';
import { isMap, plainOptionsArg, refuseUnknownKeys, signalArg, withOptionNames } from '../args.js';
import { checkRequest } from './request.js';
import { nucleationInWorker } from './in-worker.js';
import { defaultFfsThreads, parseFfsThreads, SAMPLERS, type Sampler } from './sampler.js';
import { NucleationCancelled, type NucleationReport, type NucleationRequest } from './index.js';

export interface NucleationOptions {
  /** the store whose cached atomistic data a call reuses and adds to: a file path; default the CLI's
   * (SACPLATE_DB or ~/.sacplate/sacplate.db); false: none (every call runs its atomistic stage) */
  db?: string | false;
  /** each line the atomistic stage reports (one per overpotential scanned) */
  onProgress?: (message: string) => void;
  /** stops the atomistic stage before its next run; the promise then rejects with NucleationCancelled */
  signal?: AbortSignal;
  /** threads each forward flux sampling point's repetitions run on (default defaultFfsThreads(): 2, or 1 on a one-core
   * machine; the same answer to the bit as 1, and the same cached data: not in the cache key) */
  threads?: number;
}
const OPTION_KEYS = ['db', 'onProgress', 'signal', 'threads'] as const;

/** the sampler a request names (none: undefined), 'mfpt' for plain kMC (reservoir false) that names none */
const namedSampler = (r: NucleationRequest): Sampler | undefined => {
  const s = r.atomistic?.sampler;
  return (SAMPLERS as readonly unknown[]).includes(s) ? s : r.atomistic?.reservoir === false ? 'mfpt' : undefined;
};

function optionsArg(o: unknown, request: NucleationRequest): NucleationOptions {
  if (!isMap(o)) throw new InputError('options', o, 'a map of options, e.g. { db: false, onProgress: console.log }');
  plainOptionsArg('options', o, '{ db: false, onProgress: console.log }');
  refuseUnknownKeys('options', o, OPTION_KEYS, { word: 'option', owner: 'nucleation takes' });
  if (o.db !== undefined && o.db !== false && (typeof o.db !== 'string' || o.db.trim() === '')) throw new InputError('db', o.db, 'a store file path (text), or false for no cache');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new InputError('onProgress', o.onProgress, 'a function (message)');
  signalArg('signal', o.signal);
  if (o.threads !== undefined) parseFfsThreads('threads', o.threads, false, namedSampler(request));
  return o as NucleationOptions;
}

/** The nucleation overpotential of a metal on a host (with a SAC, named or by its numbers), on a worker thread. */
export function nucleation(request: NucleationRequest, options: NucleationOptions = {}): Promise<NucleationReport> {
  // the model's refusals name the CLI's --sac (system.ts): a script reads its request's sac
  return withOptionNames(() => nucleationOf(request, options), {}, { '--sac': 'sac' }).catch((e: unknown) => { throw asWritten(e, request); });
}

/**
 * mends126 (review90 F7): the model names a SAC's migration barrier as the CLI's text writes it (`sac.migration`,
 * "0.35 eV", from `--sac "binding ..., migration 0.35"`); a script wrote `sac.migration_eV: 0.35`, and the refusal
 * names that key and that value (api.md: a mistake names the option as each caller wrote it).
 */
function asWritten(e: unknown, request: NucleationRequest): unknown {
  const sac = (request as { sac?: unknown } | null)?.sac;
  if (e instanceof InputError && e.field === 'sac.migration' && isMap(sac) && Object.hasOwn(sac, 'migration_eV')) {
    return new InputError('sac.migration_eV', sac.migration_eV, e.expected);
  }
  return e;
}

async function nucleationOf(request: NucleationRequest, options: NucleationOptions): Promise<NucleationReport> {
  checkRequest(request); // here, not only on the worker: a mistake costs no thread start-up
  const o = optionsArg(options, request);
  if (o.signal?.aborted) throw new NucleationCancelled();
  const storePath = o.db === false ? null : o.db; // undefined: the worker opens the default store
  const work = nucleationInWorker([{ name: `${request.metal} on ${request.host}`, req: request }], storePath as string | null,
    o.onProgress ? { progress: (_i, m) => { if (!m.endsWith(': ...')) o.onProgress!(m); } } : {}, o.threads ?? defaultFfsThreads());
  const stop = () => work.cancel();
  o.signal?.addEventListener('abort', stop, { once: true });
  try {
    const { reports, cancelled } = await work.done;
    if (cancelled || !reports[0]) throw new NucleationCancelled();
    return reports[0];
  } finally {
    o.signal?.removeEventListener('abort', stop);
  }
}
