/**
 * `sacplate serve`: the local workbench. Loopback by default; binding to any other address needs
 * a token (--token or SACPLATE_TOKEN) that every request then carries. Ctrl-C (SIGINT) or SIGTERM
 * stops it cleanly: no new requests, running runs and nucleation jobs cancelled and recorded, store closed.
 * The command itself (flags, the stop on a signal) is src/cli/commands/serve.ts; this file is the server it starts.
 */
import { InputError } from '../errors.js';
import { countExpected, countOf, decimalOf } from '../args.js';
import type { RunService } from './service.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface ServeOptions {
  port?: number; host?: string; token?: string; db?: string; concurrency?: number; quiet?: boolean;
  /** seconds between checkpoints of the workbench's runs (null: none; default the service's, 120) */
  checkpointEvery_s?: number | null;
  /** memory one run may take, bytes (default half of the machine's over `concurrency`: input/memory.ts) */
  maxRunMemory?: number;
}

export function checkServeOptions(o: { port?: string; host?: string; token?: string; concurrency?: string; checkpointEvery?: string }, env = process.env): Required<Pick<ServeOptions, 'port' | 'host'>> & { token?: string; concurrency?: number; checkpointEvery_s?: number | null } {
  const port = o.port === undefined ? 8737 : countOf(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError('--port', o.port, countExpected('a TCP port from 0 to 65535', o.port));
  const host = o.host ?? '127.0.0.1';
  const token = o.token ?? (env.SACPLATE_TOKEN && env.SACPLATE_TOKEN !== '' ? env.SACPLATE_TOKEN : undefined);
  if (token !== undefined && token.length < 8) throw new InputError('--token', token, 'a token of at least 8 characters');
  if (!LOOPBACK.has(host) && token === undefined)
    throw new InputError('--host', host, 'a loopback address (127.0.0.1, ::1, localhost), or a --token (or SACPLATE_TOKEN) that every request must then carry');
  const concurrency = o.concurrency === undefined ? undefined : countOf(o.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) throw new InputError('--concurrency', o.concurrency, countExpected('an integer >= 1', o.concurrency));
  // "off" writes none (nothing to resume after a cancel); 0 writes one at every progress check
  const ck = o.checkpointEvery;
  const checkpointEvery_s = ck === undefined ? undefined : ck === 'off' ? null : decimalOf(ck);
  if (checkpointEvery_s !== undefined && checkpointEvery_s !== null && !(checkpointEvery_s >= 0)) {
    throw new InputError('--checkpoint-every', ck, 'seconds of wall time >= 0 between checkpoints of the runs the workbench starts, or off');
  }
  return { port, host, token, concurrency, ...(checkpointEvery_s !== undefined ? { checkpointEvery_s } : {}) };
}

/** A port in use, a privileged port or an address not on this machine: the user's to change, in one line. */
function listenError(e: unknown, port: number, host: string): unknown {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') return new InputError('--port', String(port), `a free TCP port (${host}:${port} is in use, perhaps by another sacplate serve; --port 0 picks a free one)`);
  if (code === 'EACCES') return new InputError('--port', String(port), `a port this user may open (${port} needs privileges; ports from 1024 up, or --port 0)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new InputError('--host', host, 'an address of this machine (127.0.0.1 by default)');
  return e;
}

/** Starts the server; resolves with its URL, a stop function and, for a store this user may read but not write, why. */
export async function startServer(o: ServeOptions): Promise<{ url: string; stop: () => Promise<void>; service: RunService; readOnly?: string }> {
  // loaded here, not at CLI start-up: other commands do not pay for Fastify
  const { RunService } = await import('./service.js');
  const { buildApp } = await import('./app.js');
  const service = new RunService({ storePath: o.db, concurrency: o.concurrency, ...(o.checkpointEvery_s !== undefined ? { checkpointEvery_s: o.checkpointEvery_s } : {}), runMemory: { bytes: o.maxRunMemory, flag: '--max-run-memory' } });
  const { NucleationJobs } = await import('./nucleation-jobs.js');
  const nucleation = new NucleationJobs(service.stored ? service.store : null);
  const app = await buildApp({ service, nucleation, token: o.token });
  try {
    await app.listen({ port: o.port ?? 8737, host: o.host ?? '127.0.0.1' });
  } catch (e) {
    await nucleation.close(); await service.close(); await app.close();
    throw listenError(e, o.port ?? 8737, o.host ?? '127.0.0.1');
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const h = o.host && o.host.includes(':') ? `[${o.host}]` : o.host ?? '127.0.0.1';
  let stopping: Promise<void> | undefined;
  // nucleation jobs first: a cancelled job is recorded in the store before the service closes it
  const stop = () => (stopping ??= (async () => { await nucleation.close(); await service.close(); await app.close(); })());
  // robust63: a store whose file this user may read only (in a folder it can write) opens and its runs are shown; a run
  // started then was refused at its first record (400, the store's words). Said once at the start; the refusal is a 503
  const readOnly = service.stored ? service.store.writeRefusal()?.message : undefined;
  return { url: `http://${h}:${port}/`, stop, service, ...(readOnly ? { readOnly } : {}) };
}
