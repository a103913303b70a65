/**
 * The workbench's HTTP API and static pages (Fastify 5). Every route is a thin layer over a
 * library call: runs over the RunService, evidence over src/evidence, cycler analysis over
 * src/analysis. Errors are one line: InputError/FileError -> 400 with the CLI's message,
 * malformed JSON -> 400, unknown ids -> 404, a run in the wrong state (cancel a finished run, resume
 * one with no checkpoint) -> 409, oversize uploads -> 413, missing token -> 401.
 * No request value is used as a file path: uploads go to a fresh temporary file named by the
 * server, run outputs to folders named by run ids the server made, static files through
 * @fastify/static (which refuses paths outside its root).
 */
import { duplicateJsonKey, duplicateKeyWords } from '../input/json-keys.js';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, extname, basename } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { FileError, InputError, formatValue, fsReason, isUserError } from '../errors.js';
import { runJsonSchema } from '../input/schema.js';
import { choiceArg, countExpected, countOf, isMap, refuseUnknownKeys } from '../args.js';
import { boundedInterval, RUN_CONSTANT_METRICS } from '../stats/interval.js';
import { METRIC_COLUMNS, bareShareAsNull } from '../store/index.js';
import { parseRunCondition, parseRunOrder, type RunCondition, type RunOrder } from '../store/run-query.js';
import { dipsOf, noDipCount } from '../screen/no-dip.js';
import { TRANSPORT_COLUMNS, SETTING_COLUMNS, compareCsv, settingValue, transportValue, migrationOfInput, MIGRATION_MEANING, READINGS_AT_MEANING } from '../batch/table.js';
import type { Metrics } from '../simulation/report.js';
import { PROTOCOLS, analyzeTable } from '../analysis/report.js';
import { readCycler } from '../cycler/read.js';
import { parseAreaCm2, parseQuantity } from '../units.js';
import { checkRunName, RUN_FILES, type RunService, type RunEvent } from './service.js';
import { importedRecords } from '../evidence/sync.js';
import { evidenceQuery, evidenceExport, elementsReport, capacityReport, EVIDENCE_QUERY, EVIDENCE_EXPORT_QUERY, ELEMENTS_QUERY, CAPACITY_QUERY } from './evidence.js';
import { exampleByName, listExamples } from './examples.js';
import { cyclerMessageForApi, measuredMessageForApi } from './cycler-hints.js';
import { sameHostNotes } from './host-twins.js';
import { notSeedsNote } from './seed-groups.js';
import { seiOfInput } from './page-readings.js';
import { implausibleFlags } from '../analysis/plausibility.js';
import { openApiDocument } from './openapi.js';
import { JOB_ID, NucleationJobs, type JobEvent } from './nucleation-jobs.js';
import { MEASURED_ID, MeasuredCells } from './measured-cells.js';
import { MEASURED_PROTOCOLS } from '../batch/measured-rows.js';
import { measuredReadOptions } from '../cycler/measured-options.js';
import { CYCLER_FILES_KEPT, CYCLER_FILE_ID, CyclerFiles, unknownFileMessage, type CyclerFileInfo } from './cycler-files.js';

export interface AppOptions {
  service: RunService;
  /** nucleation jobs (default: made here on the service's store, closed with the app) */
  nucleation?: NucleationJobs;
  /** when set, every request must carry it (Authorization: Bearer, x-sacplate-token or ?token=) */
  token?: string;
  /** largest cycler upload, bytes (default 200 MB) */
  uploadLimit?: number;
  /** largest cycler file the server keeps for the Compare page, bytes (default CYCLER_FILE_KEEP_BYTES, 20 MB; web68) */
  keepLimit?: number;
  /** folder of the built front end (default: dist/web of this package) */
  webRoot?: string;
  logger?: boolean;
}

export const DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024;
/** a JSON body's limit (Fastify's bodyLimit): 4 MB */
const JSON_BODY_LIMIT = 4 * 1024 * 1024;

class HttpError extends Error {
  constructor(readonly statusCode: number, message: string) { super(message); }
}

const RUN_ID = /^run-\d{8}-\d{9}-[0-9a-f]{8}$/;

function jobId(raw: unknown): string {
  const id = String(raw ?? '');
  if (!JOB_ID.test(id)) throw new HttpError(404, `nucleation job: got ${JSON.stringify(id.slice(0, 80))}, expected the id of a nucleation job (nuc-YYYYMMDD-HHMMSSmmm-xxxxxxxx)`);
  return id;
}

function runId(raw: unknown): string {
  const id = String(raw ?? '');
  if (!RUN_ID.test(id)) throw new HttpError(404, `run: got ${JSON.stringify(id.slice(0, 80))}, expected the id of a stored run (run-YYYYMMDD-HHMMSSmmm-xxxxxxxx)`);
  return id;
}

const TOKEN_COOKIE = 'sacplate_token';

/** The token a request carries: Authorization: Bearer, x-sacplate-token, ?token= or the page's cookie. */
/**
 * The query of a route that takes only `allowed` (and the access token): a misspelt parameter
 * (`?limt=5`, `?desc=1&sortt=metal`) was ignored and the route answered as if it were not there.
 */
function queryOf(req: FastifyRequest, allowed: readonly string[]): Record<string, string | undefined> {
  const q = (req.query ?? {}) as Record<string, unknown>;
  refuseUnknownKeys('', q, allowed, { word: 'query parameter', owner: 'this route takes:', ignored: ['token'] });
  for (const k of Object.keys(q)) {
    if (k !== 'token' && typeof q[k] !== 'string') throw new InputError(k, q[k], 'the query parameter once');
  }
  return q as Record<string, string | undefined>;
}

/**
 * The routes that read a query (queryOf, limitOf), each checking its own; every other /api route takes none but the
 * token (refused in preHandler): `/api/nucleation/systems?metal=Na` listed every system and `/api/runs/ID?limit=5` the
 * run, as if the parameter were not there, until session 25.
 */
const QUERY_ROUTES = new Set(['GET /api/runs', 'GET /api/compare', 'GET /api/compare/csv', 'GET /api/sweeps', 'GET /api/sweeps/:name/points', 'GET /api/nucleation', 'GET /api/evidence', 'GET /api/evidence/export', 'GET /api/elements', 'GET /api/capacity', 'POST /api/cycler', 'POST /api/compare/measured']);

function refuseQueryOfOthers(req: FastifyRequest): void {
  const url = req.routeOptions.url;
  if (url === undefined || !url.startsWith('/api/')) return;
  if (!QUERY_ROUTES.has(`${req.method === 'HEAD' ? 'GET' : req.method} ${url}`)) queryOf(req, []);
}

function givenToken(req: FastifyRequest): { token?: string; fromQuery: boolean } {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return { token: h.slice(7), fromQuery: false };
  const x = req.headers['x-sacplate-token'];
  if (typeof x === 'string') return { token: x, fromQuery: false };
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  if (typeof q === 'string') return { token: q, fromQuery: true };
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return { token: cookie ? decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1)) : undefined, fromQuery: false };
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given), b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Streams a request body to `file`, failing with 413 past `limit` bytes: the body is no longer
 * read, the partial file is removed and the connection is closed after the answer.
 */
function streamToFile(body: Readable, file: string, limit: number): Promise<number> {
  return new Promise((res, rej) => {
    const out = createWriteStream(file);
    let n = 0, failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      body.unpipe(out);
      body.pause();
      out.destroy();
      rmSync(file, { force: true });
      rej(e);
    };
    body.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) fail(new HttpError(413, `upload: got more than ${limit} bytes, expected a cycler file of at most ${sizeText(limit)}`));
    });
    body.on('error', (e) => fail(new HttpError(400, `upload: the request body ended early (${e.message})`)));
    body.on('aborted', () => fail(new HttpError(400, 'upload: the client went away before the body ended')));
    out.on('error', (e) => fail(new HttpError(500, `upload: cannot write the temporary file (${e.message})`)));
    out.on('finish', () => { if (!failed) res(n); });
    body.pipe(out);
  });
}

/** GET /api/sweeps/:name/points' page of points when no `limit` is given (the Sweeps page asks for fewer: 100) */
export const POINTS_LIMIT = 1000;

/** `?limit=` of a listing route (its only query parameter but `others`): an integer from 1 to `max` (no bound without one). */
function limitOf(req: FastifyRequest, dflt: number, max?: number, what = '', others: readonly string[] = [], min = 1): number {
  const q = queryOf(req, ['limit', ...others]);
  const limit = q.limit === undefined ? dflt : countOf(q.limit);
  if (!Number.isInteger(limit) || limit < min || (max !== undefined && limit > max)) throw new InputError('limit', q.limit, countExpected(`${max !== undefined ? `an integer from ${min} to ${max}` : `an integer >= ${min}`}${what}`, q.limit));
  return limit;
}

/**
 * A server-sent event stream on a hijacked reply (the runs' and the nucleation jobs' `/events`):
 * `send(event, data)`, a keep-alive comment every 15 s, `follow(unsubscribe)` for the source's
 * listener, and `end()`; a client that goes away drops the listener and the ping (it costs nothing).
 */
function eventStream(req: FastifyRequest, reply: FastifyReply): { send: (event: string, data: unknown) => void; end: () => void; follow: (unsubscribe: (() => void) | undefined) => void } {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  let unsubscribe: (() => void) | undefined;
  const ping = setInterval(() => { if (!res.destroyed) res.write(': ping\n\n'); }, 15000);
  const close = () => { unsubscribe?.(); unsubscribe = undefined; clearInterval(ping); };
  req.raw.on('close', close);
  return {
    send: (event, data) => { if (!res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(jsonSafe(data))}\n\n`); },
    end: () => { close(); res.end(); },
    follow: (u) => { unsubscribe = u; },
  };
}

/**
 * GET /api/runs' `where` (conditions as `runs list --where` takes them, separated by ";": `average_ce>0.95; host=graphene`)
 * and `sort` (a column, `-column` highest first), read by the CLI's parsers (store/run-query.ts).
 */
function runsQuery(q: Record<string, string | undefined>): { where?: RunCondition[]; orderBy?: RunOrder } {
  const where = (q.where ?? '').split(';').filter((w) => w.trim() !== '').map((w) => parseRunCondition(w.trim(), 'where'));
  return { ...(where.length ? { where } : {}), ...(q.sort ? { orderBy: parseRunOrder(q.sort, 'sort') } : {}) };
}

const sizeText = (n: number) => (n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${n} bytes`);
const finite = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A stored run's metrics.json `transport` block, or undefined (no electrolyte, or no metrics yet). */
const transportOf = (metrics: unknown): Record<string, unknown> | undefined => {
  const t = metrics && typeof metrics === 'object' ? (metrics as { transport?: unknown }).transport : undefined;
  return t && typeof t === 'object' ? t as Record<string, unknown> : undefined;
};

/** compare.csv's setting columns among its `transport.*` ones: one value a name, no interval (settingValue) */
const SETTING_TRANSPORT_KEYS: ReadonlySet<string> = new Set(TRANSPORT_COLUMNS.filter((c) => c.setting).map((c) => c.key));
/**
 * What a run was set up with, not what it measured: the constants of its set-up (voxel size, temperature, the voxel's
 * charge) and its protocol's first plating current and capacity (compare.csv's SETTING_COLUMNS): one value a group as
 * the cell's settings (mends103: a group at 1 and 3 mA/cm2 read 2 [-10.7, 14.7], at 298.15 and 310 K 304.075 K)
 */
const SETUP_KEYS: ReadonlySet<string> = new Set([...RUN_CONSTANT_METRICS, ...SETTING_COLUMNS.map((c) => c.key)]);

/** compare.csv's `transport.*` columns (TRANSPORT_COLUMNS) and `transport.electrolyte` of a run's transport block: null where it has none or no finite value; `cell.migration`, the run's setting (mends101), given. */
const transportCells = (t: Record<string, unknown> | undefined, migration: string | null = null): Record<string, string | number | null> => ({
  'cell.migration': migration,
  'transport.electrolyte': typeof t?.electrolyte === 'string' ? t.electrolyte : null,
  // what the end-of-run readings are of (metrics.json's; compare.csv's column since mends103)
  'transport.readings_at': typeof t?.readings_at === 'string' ? t.readings_at : null,
  ...Object.fromEntries(TRANSPORT_COLUMNS.map((c) => { const v = transportValue(c, t); return [c.key, typeof v === 'number' && Number.isFinite(v) ? v : null]; })),
});

const jsonSafe = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as unknown;

/** Evenly thinned copy of some Float64 columns (at most `max` rows). */
function thinColumns(cols: Record<string, Float64Array | undefined>, rows: number, max: number): Record<string, (number | null)[]> {
  const step = rows <= max ? 1 : (rows - 1) / (max - 1);
  const n = Math.min(rows, max);
  const out: Record<string, (number | null)[]> = {};
  for (const [k, col] of Object.entries(cols)) {
    if (!col) continue;
    const a = new Array<number | null>(n);
    for (let i = 0; i < n; i++) a[i] = finite(col[Math.round(i * step)]);
    out[k] = a;
  }
  return out;
}



/** The longest a path part may be (Fastify's maxParamLength, its default): a run id has 31 characters. */
const MAX_PATH_PART = 100;

/**
 * The router's own refusals, made before any route, hook or error handler runs (robust61): a path whose %-escapes do
 * not decode (FST_ERR_BAD_URL) and a path part over MAX_PATH_PART characters (FST_ERR_MAX_PARAM_LENGTH) answered
 * {"error":"Bad Request","code":"FST_ERR_...","message":"'/api/runs/aaa...' is exceeding the max param length"}, in
 * Fastify's shape and words; now in the API's: the part, and the form it takes.
 */
/**
 * The refusal of a path with a part over MAX_PATH_PART characters, or undefined when every part is shorter. Said by the
 * router's refusal and by the not-found handler alike: with the workbench's pages built, the static files' wildcard
 * route takes a path whose API parameter is too long (the router backtracks to it), and it ends in the not-found handler.
 */
function longPartMessage(url: string): string | undefined {
  const part = url.split('/').reduce((a, b) => (b.length > a.length ? b : a), '');
  if (part.length <= MAX_PATH_PART) return undefined;
  return `path: got a part of ${part.length} characters (${JSON.stringify(`${part.slice(0, 20)}...`)}), expected at most ${MAX_PATH_PART} characters in each part of the path (a run id, run-YYYYMMDD-HHMMSSmmm-xxxxxxxx, has 31)`;
}

function routerRefusal(err: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply): void {
  const url = String(req.raw.url ?? '').split('?')[0]!;
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send({ error: longPartMessage(url) ?? `path: got ${formatValue(url.slice(0, 200))}, expected at most ${MAX_PATH_PART} characters in each part of the path` });
    return;
  }
  const shown = url.length > 200 ? `${url.slice(0, 200)}...` : url;
  void reply.code(400).send({ error: `path: got ${formatValue(shown)}, expected %-escapes that decode to UTF-8 text (e.g. %C3%A9 for é)` });
}
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { service } = opts;
  const uploadLimit = opts.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  // the Compare page's measured cells (POST /api/compare/measured), kept in memory (cmpmeas67)
  const measured = new MeasuredCells();
  /** `?measured=` of GET /api/compare and /api/compare/csv: ids POST /api/compare/measured gave, comma-separated */
  const measuredOf = (raw: string | undefined) => {
    const list = (raw ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    if (list.length > 10) throw new InputError('measured', raw, 'at most 10 measured cells (ids from POST /api/compare/measured), comma-separated');
    return list.map((id) => {
      const cell = MEASURED_ID.test(id) ? measured.get(id) : undefined;
      if (!cell) throw new HttpError(404, `measured: got ${JSON.stringify(id.slice(0, 80))}, expected the id of a measured cell this server read (mea-xxxxxxxxxxxx, from POST /api/compare/measured; a server restart forgets them: read the file again, its bytes or file=ID of a kept cycler file)`);
      return cell;
    });
  };
  // web68: the cycler files the Cycler page analysed, kept in the store (or in memory without one) for the Compare page
  const cyclerFiles = CyclerFiles.open(service.stored ? service.store.path : null, opts.keepLimit);
  // a "__proto__" or "constructor" key stays an own key of the parsed body (JSON.parse never
  // sets a prototype) and is refused by the route's checks as the unknown key it is, in the same
  // words as any other ("__proto__: got ..., expected no such key; allowed keys: ..."); Fastify's
  // default refused the whole body as "not valid JSON", which it is.
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: JSON_BODY_LIMIT, return503OnClosing: true, onProtoPoisoning: 'ignore', onConstructorPoisoning: 'ignore', frameworkErrors: routerRefusal });

  // robust63: a request declaring a body over the limit with `Expect: 100-continue` (curl's way for a body over 1 MB) was
  // told to go on by Node's own 100 Continue, then cut off mid-body: curl said "Send failure: Broken pipe", never the
  // 413's words. The declared length is looked at first; the 413 (the same words as below) comes instead of the 100
  app.server.on('checkContinue', (req, res) => {
    const declared = Number(req.headers['content-length']);
    const upload = (req.url ?? '').startsWith('/api/cycler') || (req.url ?? '').startsWith('/api/compare/measured');
    if (Number.isFinite(declared) && declared > (upload ? uploadLimit : JSON_BODY_LIMIT)) {
      const error = upload ? `upload: got ${declared} bytes, expected a cycler file of at most ${sizeText(uploadLimit)}` : 'body: too large, expected a JSON body of at most 4 MB';
      res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(JSON.stringify({ error }));
      return;
    }
    res.writeContinue();
    app.server.emit('request', req, res);
  });

  // robust63: a body with a key twice in one object was taken with the last value (JSON.parse's rule, which Fastify's
  // parser keeps); Fastify's own parser still reads it (its errors keep their words below), then the text is scanned
  const fastifyJson = app.getDefaultJsonParser('ignore', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    fastifyJson(req, body as string, (err: Error | null, value?: unknown) => {
      if (err) { done(err, undefined); return; }
      const dup = duplicateJsonKey(body as string);
      if (dup) { done(new HttpError(400, `body: ${duplicateKeyWords(dup)}`), undefined); return; }
      done(null, value);
    });
  });

  // cycler uploads arrive as raw bytes and are streamed to disk by the route, never parsed here
  app.addContentTypeParser(['application/octet-stream', 'text/plain', 'text/csv'], (_req, payload, done) => done(null, payload));

  if (opts.token) {
    const token = opts.token;
    app.addHook('onRequest', async (req, reply) => {
      const given = givenToken(req);
      // a page opened with ?token= gets it as a cookie, so that its scripts and styles load too
      if (sameToken(given.token, token) && given.fromQuery) reply.header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      if (!sameToken(given.token, token)) {
        await reply.code(401).send({ error: 'token: missing or wrong, expected the server\'s token (Authorization: Bearer TOKEN, x-sacplate-token, or ?token= once in the page address)' });
      }
    });
  }

  app.addHook('preHandler', async (req) => refuseQueryOfOthers(req));

  // every API route's methods, by its path pattern: a request whose path is a route, by another method, is a 405 naming
  // the methods it takes (review45: `GET /api/runs/ID/resume` was a 404 saying "expected an API route", which it is)
  const apiRoutes: { pattern: RegExp; url: string; methods: string[] }[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/')) return;
    const methods = ([] as string[]).concat(r.method).filter((m) => m !== 'HEAD');
    const known = apiRoutes.find((x) => x.url === r.url);
    if (known) { known.methods = [...known.methods, ...methods].sort(); return; }
    const parts = r.url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[^\w-]/g, (c) => `\\${c}`)));
    apiRoutes.push({ url: r.url, methods: methods.sort(), pattern: new RegExp(`^${parts.join('/')}$`) });
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof HttpError) {
      if (err.statusCode === 413) reply.header('connection', 'close');
      return reply.code(err.statusCode).send({ error: err.message });
    }
    // robust63: the server's own store refused a write (read-only for this user, a full disk): the request was not at
    // fault, a 503 with the store's words (it was a 400, as for a bad input)
    if (err instanceof FileError && service.stored && err.file === service.store.path) return reply.code(503).send({ error: err.message });
    // robust63b: nor when the folder its runs write in cannot be made or written (the run was accepted, then failed)
    if (err instanceof FileError && err.file === service.runsFolder) return reply.code(503).send({ error: err.message });
    if (isUserError(err)) return reply.code(400).send({ error: err.message });
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
      return reply.code(400).send({ error: `body: got malformed JSON (${err.message.replace(/\s+/g, ' ')}), expected a JSON object` });
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send({ error: 'body: got nothing, expected a JSON object' });
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'body: too large, expected a JSON body of at most 4 MB' });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      // curl -d sends application/x-www-form-urlencoded: say what came and what the route takes
      const ct = String(req.headers['content-type'] ?? '').slice(0, 100);
      return reply.code(415).send({ error: `content-type: got ${JSON.stringify(ct)}, expected ${req.url.startsWith('/api/cycler') || req.url.startsWith('/api/compare/measured') ? 'application/octet-stream (the file\'s bytes)' : 'application/json'}` });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ error: err.message.split('\n')[0] });
    process.stderr.write(`sacplate serve: internal error: ${err.stack ?? err.message}\n`);
    return reply.code(500).send({ error: 'internal error (logged by the server)' });
  });

  // ---------------------------------------------------------------------------------------------
  // runs

  app.get('/api/health', async () => ({ ok: true, ...service.counts(), concurrency: service.concurrency }));
  app.get('/api/schema/run', async () => runJsonSchema());

  /** The Run page's examples: the single runs among the package's examples/*.yaml (src/server/examples.ts). */
  app.get('/api/examples', async () => ({ examples: listExamples() }));
  app.get('/api/examples/:name', async (req) => {
    const { example, missing } = exampleByName(String((req.params as { name: string }).name ?? ''));
    if (!example) throw new HttpError(404, missing!);
    return example;
  });
  app.get('/api/openapi.json', async () => openApiDocument());

  /**
   * The body of a JSON route. text/plain and text/csv bodies are passed on as raw streams (for
   * cycler uploads); a run sent as text/plain (curl -d without -H) would otherwise be checked as
   * a stream object ("_events: no such key").
   */
  const jsonBody = (req: FastifyRequest): unknown => {
    const b = req.body as { pipe?: unknown } | undefined;
    if (b && typeof b === 'object' && typeof b.pipe === 'function') {
      (b as Readable).resume(); // drain it: the connection stays usable
      throw new HttpError(415, `content-type: got ${JSON.stringify(String(req.headers['content-type'] ?? ''))}, expected application/json`);
    }
    return req.body;
  };

  /** A run body: the run itself, or { input: run, name }; /api/validate reads it as /api/runs does. */
  const runBody = (req: FastifyRequest): { input: unknown; name?: string } => {
    const body = jsonBody(req) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InputError('body', body, 'a JSON object: a run (the keys of a run file), or { input: run, name }');
    if ('input' in body && (!body.input || typeof body.input !== 'object' || Array.isArray(body.input))) throw new InputError('input', body.input, 'a run: a JSON object with the keys of a run file');
    const wrapped = 'input' in body && body.input && typeof body.input === 'object';
    // a run wrapped in "run" (as a client's { run: {...} }) is named as such: its unknown-key line showed the whole run as the value (review48)
    if (!wrapped && 'run' in body && isMap(body.run)) {
      const e = new InputError('run', body.run, `the run's keys at the top level (metal, host, ...), or { "input": run, "name": ... }: send the run's keys at the top level`);
      e.message = `run: got a map with key "run" (the run wrapped in it), expected ${e.expected}`;
      throw e;
    }
    // { input, name } takes nothing else: a misspelt "nmae" (or a "__proto__") was dropped without a word
    if (wrapped) refuseUnknownKeys('', body, ['input', 'name'], { owner: 'a wrapped run has:' });
    if (!wrapped) return { input: body };
    if (body.name !== undefined) checkRunName(body.name);
    return { input: body.input, ...(body.name !== undefined ? { name: body.name as string } : {}) };
  };

  app.post('/api/validate', async (req) => {
    const { validateRunInput } = await import('../input/schema.js');
    const { runInputWarnings } = await import('../input/limits.js');
    const r = validateRunInput(runBody(req).input);
    service.checkFits(r); // what POST /api/runs would refuse
    // what the run would be warned of (a Hold at a cell voltage's size, an electrolyte with another's SEI set: review61)
    const inputWarnings = runInputWarnings(r);
    return { ok: true, mode: r.lattice.mode, voxels: r.lattice.size[0] * r.lattice.size[1] * r.lattice.size[2], ...(inputWarnings.length ? { input_warnings: inputWarnings } : {}) };
  });

  app.post('/api/runs', async (req, reply) => {
    const { input, name } = runBody(req);
    const v = service.start(input, name);
    const inputWarnings = service.inputWarnings(v.id);
    return reply.code(202).send(inputWarnings.length ? { ...v, input_warnings: inputWarnings } : v);
  });

  app.get('/api/runs', async (req) => {
    const limit = limitOf(req, 200, 5000, '', ['where', 'sort']);
    return { runs: service.list(limit, runsQuery(queryOf(req, ['limit', 'where', 'sort']))), columns: METRIC_COLUMNS.map((c) => c.name) };
  });

  app.get('/api/runs/:id', async (req) => {
    const id = runId((req.params as { id: string }).id);
    const v = service.status(id);
    if (!v) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
    // a step that ended early, in the CLI's words (a plating that stopped at the top of the box)
    const warnings = service.warnings(id);
    // and what the CLI says of its input before it runs (review61), from its start to its end
    const inputWarnings = service.inputWarnings(id);
    // why it stopped, as GET /api/runs' rows say it (mends90: the rows had it since mends88, this view not)
    // cmpmeas67: and fieldcost66's line naming a coarser cell.field_cell, as `sacplate simulate` ends with it
    const cellLine = service.fieldCellLine(id);
    return { ...v, stopped_by: service.stoppedBy(id), ...(inputWarnings.length ? { input_warnings: inputWarnings } : {}), ...(warnings.length ? { warnings } : {}), ...(cellLine ? { field_cell_line: cellLine } : {}) };
  });

  app.get('/api/runs/:id/input', async (req) => {
    const id = runId((req.params as { id: string }).id);
    const v = service.input(id);
    if (v === undefined) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
    return v;
  });

  app.get('/api/runs/:id/series', async (req) => {
    const id = runId((req.params as { id: string }).id);
    const s = service.series(id);
    if (!s) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
    return s;
  });

  /**
   * A voxel grid as the Run page's 3D view loads it: one byte per voxel, x fastest, with its box, voxel edge, host
   * layers and whether they are the metal's own foil in headers; the latest grid and each per-step snapshot alike (web64)
   */
  const sendGrid = (reply: FastifyReply, s: ReturnType<RunService['snapshotGrid']> | NonNullable<ReturnType<RunService['snapshot']>>) => {
    reply.header('content-type', 'application/octet-stream')
      .header('x-grid', `${s.nx},${s.ny},${s.nz}`).header('x-voxel-nm', String(s.voxel_nm))
      .header('x-host-layers', String(s.host_layers)).header('x-host-foil', String(s.host_foil));
    if ('step' in s) reply.header('x-step', String(s.step));
    return reply.send(Buffer.from(s.cells));
  };

  app.get('/api/runs/:id/snapshot', async (req, reply) => {
    const id = runId((req.params as { id: string }).id);
    if (!service.status(id)) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
    const s = service.snapshot(id);
    if (!s) throw new HttpError(404, `snapshot: none for run "${id}" (snapshots are kept in memory for runs this server started)`);
    return sendGrid(reply, s);
  });

  // a run's per-step snapshots (snapshots/step-NNN-KIND-cycle-C.vti in its output folder): listed from their headers,
  // and one grid by its step in the latest grid's form (web64: the page showed the latest grid only)
  app.get('/api/runs/:id/snapshots', async (req) => service.snapshots(runId((req.params as { id: string }).id)));
  app.get('/api/runs/:id/snapshots/:step', async (req, reply) => {
    const { id: raw, step } = req.params as { id: string; step: string };
    return sendGrid(reply, service.snapshotGrid(runId(raw), String(step ?? '')));
  });

  // the run folder's outputs (metrics.json, eta.csv, final.vti, ...): listed, and each downloaded by its name
  const filesOf = (id: string) => {
    const files = service.outputFiles(id);
    if (!files) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
    return files;
  };
  // outputs not written by the run's last attempt (a failed, running or queued run: those of where it stopped before a
  // resume) are marked, each file `earlier_part: true`, and `note` says whose they are (mends80)
  app.get('/api/runs/:id/files', async (req) => {
    const id = runId((req.params as { id: string }).id);
    const files = filesOf(id);
    const note = service.earlierOutputs(id);
    return { files: files.map(({ name, bytes }) => ({ name, bytes, ...(note ? { earlier_part: true } : {}) })), ...(note ? { note } : {}) };
  });
  app.get('/api/runs/:id/files/:name', async (req, reply) => {
    const { id: raw, name } = req.params as { id: string; name: string };
    const id = runId(raw);
    const files = filesOf(id);
    if (!(RUN_FILES as readonly string[]).includes(name)) throw new HttpError(404, `file: got ${JSON.stringify(name.slice(0, 80))}, expected one of a run's output files: ${RUN_FILES.join(', ')}`);
    const f = files.find((x) => x.name === name);
    if (!f) throw new HttpError(404, `file: got "${name}", expected a file run "${id}" wrote (it has ${files.map((x) => x.name).join(', ') || 'none: not ended, or started without an output folder'})`);
    const type = name.endsWith('.json') ? 'application/json' : name.endsWith('.csv') ? 'text/csv' : name.endsWith('.vti') ? 'application/xml' : 'text/plain';
    return reply.type(type).header('content-length', String(f.bytes)).header('content-disposition', `attachment; filename="${id}-${name}"`).send(createReadStream(f.path));
  });

  app.post('/api/runs/:id/cancel', async (req) => {
    const id = runId((req.params as { id: string }).id);
    const v = service.status(id);
    if (!v) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
    const ok = service.cancel(id);
    if (!ok) throw new HttpError(409, `run: "${id}" has already ended (${v.status}); only queued or running runs can be cancelled`);
    return { id, cancelling: true };
  });

  /** Continues a cancelled run (or one whose server stopped) from its checkpoint, or starts one cancelled while queued; 404 unknown id, 409 nothing to resume. */
  app.post('/api/runs/:id/resume', async (req, reply) => {
    const id = runId((req.params as { id: string }).id);
    return reply.code(202).send(service.resume(id));
  });

  app.get('/api/runs/:id/events', async (req, reply) => {
    const id = runId((req.params as { id: string }).id);
    const v = service.status(id);
    if (!v) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
    const { send, end, follow } = eventStream(req, reply);
    send('status', v);
    if (v.status !== 'queued' && v.status !== 'running') { end(); return; }
    const live = service.liveTrace(id);
    if (live && live.time_s.length) send('progress', { progress: v.progress, rows: live });
    follow(service.subscribe(id, (e: RunEvent) => {
      if (e.type === 'progress') send('progress', { progress: e.progress, rows: e.rows });
      else if (e.type === 'snapshot') send('snapshot', {});
      else if (e.type === 'status') {
        send('status', service.status(id));
        if (e.status !== 'queued' && e.status !== 'running') end();
      }
    }));
  });

  /** Metric columns of chosen runs, their traces and per-cycle CE, and 95 % intervals over seeds of runs that share a name (with their seeds of no nucleation dip). */
  app.get('/api/compare', async (req) => {
    const q = queryOf(req, ['ids', 'measured']);
    const ids = (q.ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 0 || ids.length > 50) throw new InputError('ids', q.ids, 'a comma-separated list of 1 to 50 run ids');
    ids.forEach(runId);
    const cells = measuredOf(q.measured);
    // sacs as metrics.json's list, as GET /api/runs gives it; a host without SACs has no SAC share nor chance: null in
    // its rows and out of the group's interval, as compare's table reads "-" and compare.csv an empty cell (mends61:
    // the store's 0 was shown as 0 and averaged in; a run recorded since mends62 holds null itself, an older row its 0)
    // stopped_by: event_limit for a run stopped at its event limit (mends88; the page says `cancelled (event limit)`)
    const metricRows = service.withStops(service.withSacLists(service.store.runMetricRows(ids)).map((r) => bareShareAsNull(r)));
    // an electrolyte run's readings (metrics.json's `transport` block) as compare.csv's `transport.*` columns and the
    // electrolyte's name, where some chosen run had one; null in a run without (review63: the page showed none of them)
    const records = new Map(metricRows.map((r) => [r.id, service.store.getRun(String(r.id))]));
    const transports = new Map(metricRows.map((r) => [r.id, transportOf(records.get(r.id)?.metrics)]));
    const withTransport = [...transports.values()].some((t) => t !== undefined);
    // compare.csv's `cell.migration` (off / ohmic) of an electrolyte run, from its stored input (mends101: the rows did
    // not say a run had cell.migration: ohmic); null in a run without an electrolyte
    const migration = (id: unknown) => (transports.get(id as string) !== undefined ? migrationOfInput(records.get(id as string)?.input) : null);
    // mends112 (review85 M3): why a run's early_* cells are empty (metrics.json's early_reason: the first-layer coverage
    // never reached the threshold), which the page gives beside them
    // and an Aurbach run's protocol CE by its name (metrics.json's aurbach_ce; M9: the page showed it only as average_ce)
    const aurbachOf = (id: unknown): { aurbach_ce?: number } => { const m = records.get(id as string)?.metrics as { aurbach_ce?: unknown } | null | undefined; return typeof m?.aurbach_ce === 'number' ? { aurbach_ce: m.aurbach_ce } : {}; };
    const earlyReason = (id: unknown) => { const m = records.get(id as string)?.metrics as { early_reason?: unknown } | null | undefined; return typeof m?.early_reason === 'string' ? m.early_reason : null; };
    // mends115 (review85 F9): an SEI run's sei_charge_fraction (metrics.json's; compare.csv's `SEI %`, a run with `sei:`),
    // null in a run without an SEI, and the SEI set its input names (`sei`), which the page's system text says
    const seiOf = (id: unknown): { sei: string | null; sei_charge_fraction: number | null } => {
      const m = records.get(id as string)?.metrics as { sei?: unknown; sei_charge_fraction?: unknown } | null | undefined;
      const sei = seiOfInput(records.get(id as string)?.input);
      return { sei, sei_charge_fraction: m?.sei !== undefined && typeof m.sei_charge_fraction === 'number' && Number.isFinite(m.sei_charge_fraction) ? m.sei_charge_fraction : null };
    };
    const rows = (withTransport ? metricRows.map((r) => ({ ...r, ...transportCells(transports.get(r.id), migration(r.id)) })) : metricRows).map((r) => Object.assign({}, r, { early_reason: earlyReason(r.id) }, aurbachOf(r.id), seiOf(r.id)));
    const withSei = rows.some((r) => r.sei_charge_fraction !== null);
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length) throw new HttpError(404, `run: got "${missing[0]}", expected the id of a stored run`);
    const series = Object.fromEntries(ids.map((id) => [id, service.series(id) ?? null]));
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = String(r.name ?? `${r.metal}/${r.host}/${(r.sacs ?? []).join('+')}`);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const numeric = [...METRIC_COLUMNS.filter((c) => c.type !== 'TEXT' && c.name !== 'seed' && c.name !== 'threads').map((c) => c.name),
      ...(withTransport ? TRANSPORT_COLUMNS.map((c) => c.key) : []), ...(withSei ? ['sei_charge_fraction'] : [])];
    const intervals = [...groups].map(([group, rs]) => ({
      group, runs: rs.length,
      // webaudit65: a group whose runs share a seed or differ in more than the seed is not one over seeds: said
      ...(((note) => (note ? { not_seeds: note } : {}))(notSeedsNote(group, rs.map((r) => ({ seed: r.seed, input: records.get(r.id)?.input }))))),
      // seeds whose nucleation reading had no dip (<= 0: not a nucleation barrier), as compare.csv's column
      nucleation_no_dip_seeds: noDipCount(rs.map((r) => r.nucleation_overpotential_mV).filter((x): x is number => typeof x === 'number' && Number.isFinite(x))),
      metrics: Object.fromEntries(numeric.map((k) => {
        const read = rs.map((r) => (r as Record<string, unknown>)[k]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
        // mends120 (mends119 left it): a no-dip nucleation reading (<= 0) is counted above, not averaged: the mean and
        // interval are over the seeds with a dip, none (null) where no seed had one, as compare.csv's cell
        const xs = k === 'nucleation_overpotential_mV' ? dipsOf(read) : read;
        if (!xs.length) return [k, null];
        // a setting of the cell (the limiting current, Sand's closed-form time) is one value, as compare.csv's cell: the
        // runs' common value, null where they differ (`differs`); it was a mean with an interval (mends98, mends96 left it)
        // so is what the run was set up with (SETUP_KEYS; mends103, mends98 left it)
        if (SETTING_TRANSPORT_KEYS.has(k) || SETUP_KEYS.has(k)) { const v = settingValue(xs); return [k, { n: xs.length, mean: Number.isFinite(v) ? v : null, lo: null, hi: null, setting: true, ...(Number.isFinite(v) ? {} : { differs: true }) }]; }
        return [k, jsonSafe(boundedInterval(xs, k, rs.map((r) => ({ host: r.host, metal: r.metal }))))];
      })),
    }));
    // each transport column's unit and meaning (compare.csv's, src/batch/table.ts), for the page's legend: its heads are
    // compare.csv's column names, and `.zones`, `.onset_layer`, `.layers_reached` name no unit (mends96)
    const transport_columns = withTransport ? [{ key: 'cell.migration', unit: 'off | ohmic', meaning: MIGRATION_MEANING }, { key: 'transport.readings_at', unit: 'text', meaning: READINGS_AT_MEANING }, ...TRANSPORT_COLUMNS.map((c) => ({ key: c.key, unit: c.unit, meaning: c.meaning }))] : undefined;
    // mends112 (review85 M2): hosts among the runs that the model's built-in sets cannot tell apart (Cu and graphene: one
    // assumed wetting factor), said under the page's table: their equal rows read as a measured equality
    const same_hosts = sameHostNotes(metricRows.map((r) => ({ metal: r.metal, host: r.host, input: records.get(r.id)?.input })));
    // cmpmeas67: the measured cells asked for (compare --measured's rows), each as POST /api/compare/measured gave it
    return { rows, series, intervals, same_hosts, ...(transport_columns ? { transport_columns } : {}), ...(cells.length ? { measured: cells.map((c) => c.view) } : {}) };
  });

  /**
   * The chosen runs as `sacplate compare` writes compare.csv (src/batch/table.ts compareCsv): one row per name, as the
   * Compare page groups them (its seeds' mean and 95 % interval), from each run's stored metrics.json, the transport.*
   * columns where some run had an electrolyte; as an attachment. A run that never ran (no metrics), or that failed or runs still, is left out.
   * review63: the Compare page had no download.
   */
  app.get('/api/compare/csv', async (req, reply) => {
    const q = queryOf(req, ['ids', 'measured']);
    const ids = (q.ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 0 || ids.length > 50) throw new InputError('ids', q.ids, 'a comma-separated list of 1 to 50 run ids');
    ids.forEach(runId);
    const cells = measuredOf(q.measured);
    const groups = new Map<string, Metrics[]>();
    // each name's runs' seeds and stored inputs, for its not_seeds note (the page's; polish65: the CSV had none)
    const seedInputs = new Map<string, { seed?: unknown; input?: unknown }[]>();
    // each name's cell.migration from its runs' stored inputs (compare.csv's column; mends101), `ohmic` where any says so
    const migrations = new Map<string, 'off' | 'ohmic'>();
    for (const id of ids) {
      const rec = service.store.getRun(id);
      if (!rec || rec.id !== id) throw new HttpError(404, `run: got "${id}", expected the id of a stored run`);
      const m = rec.metrics as Metrics | null;
      if (!m || typeof m !== 'object' || (rec.status !== 'finished' && rec.status !== 'cancelled')) continue;
      const key = rec.name ?? `${m.metal}/${m.host}/${(Array.isArray(m.sacs) ? m.sacs : []).join('+')}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
      seedInputs.set(key, [...(seedInputs.get(key) ?? []), { seed: m.seed, input: rec.input }]);
      if (migrations.get(key) !== 'ohmic') migrations.set(key, migrationOfInput(rec.input));
    }
    if (!groups.size) throw new InputError('ids', q.ids, 'runs with metrics (finished or cancelled after they started)');
    // cmpmeas67: the measured cells after the runs, as compare --measured writes them (its `source` column)
    const csv = compareCsv([...[...groups].map(([name, runs]) => ({ name, runs, migration: migrations.get(name), ...(((note) => (note ? { notSeeds: note } : {}))(notSeedsNote(name, seedInputs.get(name) ?? []))) })), ...cells.map((c) => c.row)]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="compare.csv"').send(csv);
  });

  /**
   * Sweeps in the store, each with its results as `sacplate results` gives them: one row per task
   * (axis values, status, error, every metric as a column), at most `limit` rows per sweep; and
   * the screens' latest rankings (objectives, fronts, values with intervals) for the Pareto plot.
   */
  app.get('/api/sweeps', async (req) => {
    // webaudit65: 0, each sweep's counts alone (no rows read), what the Sweeps page asks for every few seconds to follow
    // the store (a sweep run from the CLI while the page was open was shown only after a reload)
    const limit = limitOf(req, 1000, undefined, ' (rows per sweep; 0: the counts alone)', [], 0);
    const { SweepStore } = await import('../sweep/store.js');
    const { resultTable } = await import('../sweep/results.js');
    const store = SweepStore.open(service.store.path);
    try {
      const sweeps = store.listSweeps().map((sw) => {
        if (limit === 0) return { ...sw, columns: [], rows: [], truncated: sw.task_count > 0 };
        const t = resultTable(store.sweepRows(sw.name));
        return jsonSafe({ ...sw, columns: t.columns, rows: t.rows.slice(0, limit), truncated: t.rows.length > limit });
      });
      return { sweeps, screens: store.listScreens().map((x) => ({ ...(x.result as object), file: x.file, updated_at: x.updated_at })) };
    } finally { store.close(); }
  });

  /** A stored sweep's rows for GET /api/sweeps/:name/results and /points (an unknown name: 404 with the store's message). */
  async function storedSweepRows(name: string, route: 'results' | 'points') {
    const { SweepStore } = await import('../sweep/store.js');
    const store = SweepStore.open(service.store.path);
    try { return store.storedSweepRows(name, 'sweep', name.slice(0, 100), (runs) => `GET /api/sweeps/${runs}/${route}`); } catch (e) {
      if (e instanceof InputError) throw new HttpError(404, e.message);
      throw e;
    } finally { store.close(); }
  }

  /** One sweep's results as `sacplate results NAME --format csv` writes them (resultTable, tableCsv), as an attachment. */
  app.get('/api/sweeps/:name/results', async (req, reply) => {
    const name = String((req.params as { name: string }).name ?? '');
    const { resultTable, tableCsv } = await import('../sweep/results.js');
    const rows = await storedSweepRows(name, 'results');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}-results.csv"`).send(tableCsv(resultTable(rows)));
  });

  /**
   * One sweep's rows by axis point, its seeds together, as `sacplate results NAME --by-point` gives them (pointTable): each
   * metric's mean and 95 % interval over the seeds. JSON `{ columns, rows, total, offset, next_offset }` for the Sweeps page,
   * a page of `limit` points (default POINTS_LIMIT) from `offset` (default 0; next_offset null at the end); `?format=csv`
   * the CSV that command writes, every point, as an attachment. mends123 (review88 F8: the page showed one row per task
   * only); the pages since mends124 (every point was sent, and the page drew thousands of rows for a large sweep).
   */
  app.get('/api/sweeps/:name/points', async (req, reply) => {
    const name = String((req.params as { name: string }).name ?? '');
    const q = queryOf(req, ['format', 'limit', 'offset']);
    const format = q.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new InputError('format', format, 'json or csv');
    const limit = limitOf(req, POINTS_LIMIT, undefined, ' (points per page)', ['format', 'offset']);
    if (format === 'csv') {
      for (const k of ['limit', 'offset'] as const) if (q[k] !== undefined) throw new InputError(k, q[k], `no ${k} with format=csv (the CSV is every point, as sacplate results --by-point writes it)`);
    }
    const { pointTable, tableCsv } = await import('../sweep/results.js');
    const rows = await storedSweepRows(name, 'points');
    const t = pointTable(rows);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}-points.csv"`).send(tableCsv(t));
    const total = t.rows.length;
    const offset = q.offset === undefined ? 0 : countOf(q.offset);
    if (!Number.isInteger(offset) || offset < 0 || offset > total) throw new InputError('offset', q.offset, countExpected(`an integer from 0 to ${total} (the sweep's points; the first is 0)`, q.offset));
    const end = Math.min(total, offset + limit);
    return jsonSafe({ columns: t.columns, rows: t.rows.slice(offset, end), total, offset, next_offset: end < total ? end : null });
  });

  // ---------------------------------------------------------------------------------------------
  // nucleation: `sacplate nucleation` as jobs (cases read by the CLI's reader, nucleation() on a worker)

  const jobs = opts.nucleation ?? new NucleationJobs(service.stored ? service.store : null);
  if (!opts.nucleation) app.addHook('onClose', async () => { await jobs.close(); });
  app.addHook('onClose', async () => { cyclerFiles.close(); });

  /** The names `--metal`, `--host` and `--sac` take (the parameter sets), for the page's form. */
  app.get('/api/nucleation/systems', async () => {
    const { listParams } = await import('../params/registry.js');
    const pick = (k: 'metal' | 'host' | 'sac') => listParams(k).map((p) => ({ name: p.name, description: p.description, metals: p.metals }));
    return { metals: pick('metal'), hosts: pick('host'), sacs: pick('sac') };
  });

  /** 200 with the result when every case's atomistic data is cached (or none is needed), else 202 with the job to follow. */
  app.post('/api/nucleation', async (req, reply) => {
    const { casesFromBody } = await import('../nucleation/cases.js');
    const body = jsonBody(req);
    const { cases, literature, notes } = await casesFromBody(body);
    // the body as sent is kept with the job: the page refills its form from it (casesFromBody took an object)
    // mends86: a set of `parameters` that no case names (a misspelt SAC name ran the built-in set without a word) is said
    // in the job's `notes`; kept with the job since mends88 (GET, the events and the Nucleation page show them)
    const { view, computes } = jobs.start(cases, literature, body as Record<string, unknown>, notes);
    if (computes) return reply.code(202).send(view);
    return reply.code(200).send(await jobs.wait(view.id));
  });

  app.get('/api/nucleation', async (req) => {
    const limit = limitOf(req, 50, 1000);
    return { jobs: jobs.list(limit) };
  });

  app.get('/api/nucleation/:id', async (req) => {
    const id = jobId((req.params as { id: string }).id);
    const v = jobs.status(id);
    if (!v) throw new HttpError(404, `nucleation job: got "${id}", expected the id of a nucleation job`);
    return v;
  });

  app.post('/api/nucleation/:id/cancel', async (req) => {
    const id = jobId((req.params as { id: string }).id);
    const v = jobs.status(id);
    if (!v) throw new HttpError(404, `nucleation job: got "${id}", expected the id of a nucleation job`);
    if (!jobs.cancel(id)) throw new HttpError(409, `nucleation job: "${id}" has already ended (${v.status}); only a queued or running job can be cancelled`);
    return { id, cancelling: true };
  });

  /** server-sent events: `status` (the whole job), `progress` (a line of the atomistic stage), `case` (a case finished: fetch the job) */
  app.get('/api/nucleation/:id/events', async (req, reply) => {
    const id = jobId((req.params as { id: string }).id);
    const v = jobs.status(id);
    if (!v) throw new HttpError(404, `nucleation job: got "${id}", expected the id of a nucleation job`);
    const { send, end, follow } = eventStream(req, reply);
    send('status', v);
    if (v.status !== 'queued' && v.status !== 'running') { end(); return; }
    follow(jobs.subscribe(id, (e: JobEvent) => {
      // with the job's time so far: the status event at its start is the page's only other clock
      if (e.type === 'progress') send('progress', { case: e.case, message: e.message, wall_s: jobs.status(id)?.wall_s ?? null });
      else if (e.type === 'case') send('case', { case: e.case });
      else {
        send('status', jobs.status(id));
        if (e.status !== 'queued' && e.status !== 'running') end();
      }
    }));
  });

  // ---------------------------------------------------------------------------------------------
  // evidence

  // the user's imported records (lit import) from the workbench's store beside the review's; read only, no sync
  app.get('/api/evidence', async (req) => evidenceQuery(queryOf(req, EVIDENCE_QUERY), service.stored ? importedRecords(service.store) : []));
  // the records the page shows (its filters and sort) as `lit export` writes them: csv or bibtex, as an attachment
  app.get('/api/evidence/export', async (req, reply) => {
    const { format, text } = evidenceExport(queryOf(req, EVIDENCE_EXPORT_QUERY), service.stored ? importedRecords(service.store) : []);
    return format === 'csv'
      ? reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="evidence.csv"').send(text)
      : reply.type('application/x-bibtex; charset=utf-8').header('content-disposition', 'attachment; filename="evidence.bib"').send(text);
  });
  app.get('/api/elements', async (req) => elementsReport(queryOf(req, ELEMENTS_QUERY)));
  app.get('/api/capacity', async (req) => capacityReport(queryOf(req, CAPACITY_QUERY)));

  // ---------------------------------------------------------------------------------------------
  // cycler upload -> analysis

  app.post('/api/cycler', async (req: FastifyRequest, reply: FastifyReply) => {
    const q = queryOf(req, ['name', 'protocol', 'area', 'mass']);
    // any case, as the CLI's --protocol takes it (the same matching: args.ts choiceArg)
    const protocol = choiceArg('protocol', q.protocol ?? 'symmetric', PROTOCOLS, PROTOCOLS.join(', '));
    let area_cm2: number | undefined;
    if (q.area !== undefined && q.area !== '') area_cm2 = parseAreaCm2('area', q.area);
    // the active material's mass, as the CLI's --mass (fullcell only): capacities per gram too (review48: review46 gave
    // the CLI and the library --mass / mass_g, the API had no way to ask for mAh/g)
    let mass_g: number | undefined;
    if (q.mass !== undefined && q.mass !== '') {
      const kg = parseQuantity('mass', q.mass, 'mass');
      if (!(kg > 0)) throw new InputError('mass', q.mass, 'the active material\'s mass, above 0, e.g. "10.5 mg"');
      if (protocol !== 'fullcell') throw new InputError('mass', q.mass, `left out with protocol ${protocol} (read by protocol fullcell only)`);
      mass_g = kg * 1e3;
    }
    return receiveUpload(req, q.name, async (file, display, bytes) => {
      const table = await readCycler(file, {});
      const report = await analyzeTable(table, { protocol, ...(area_cm2 !== undefined ? { area_cm2 } : {}), ...(mass_g !== undefined ? { mass_g } : {}) });
      const c = table.columns;
      const trace = thinColumns({ time_s: c.test_time_second, voltage_V: c.voltage_volt, current_A: c.current_ampere, cycle: c.cycle_count }, table.rows, 4000);
      const checks = report.checks.map((k) => ({ ...k, detail: cyclerMessageForApi(k.detail) }));
      // the flags `sacplate analyze` prints on stderr (an implausible mass, CE or retention: src/analysis/plausibility.ts), in
      // the API's words (mass, protocol: its query parameters); the API said nothing of `mass=10 g` until mends60
      const warnings = implausibleFlags(report).map((w) => cyclerMessageForApi(w.replace(/^warning: /, '')));
      // web68: the file kept for the Compare page's measured cell (GET /api/cycler/files), or why not (too large, the
      // store refused the write): the analysis is answered either way
      let keeping: { kept: CyclerFileInfo | null; not_kept?: string };
      try { const k = cyclerFiles.keep(file, display, bytes, protocol, q.area === undefined || q.area === '' ? null : q.area); keeping = 'kept' in k ? { kept: k.kept } : { kept: null, not_kept: k.not_kept }; } catch (e) {
        if (!(e instanceof FileError)) throw e;
        keeping = { kept: null, not_kept: `the server's store could not keep it: ${e.message}` };
      }
      return reply.send(jsonSafe({ name: display, bytes, report: { ...report, checks, file: display }, warnings, trace, ...keeping }));
    }, cyclerMessageForApi);
  });

  /**
   * A cycler upload (the request's body: the file's bytes) streamed to a fresh temporary file named by the server, given
   * to `use` with its display name (the client's `name`, its letters, digits and extension only) and size, removed after;
   * a reader's refusal (FileError) is a 400 with the display name for the temporary path, worded by `words`.
   */
  async function receiveUpload<T>(req: FastifyRequest, name: string | undefined, use: (file: string, display: string, bytes: number) => Promise<T>, words: (m: string) => string = (m) => m): Promise<T> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > uploadLimit)
      throw new HttpError(413, `upload: got ${declared} bytes, expected a cycler file of at most ${sizeText(uploadLimit)}`);
    const body = req.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') throw new InputError('content-type', req.headers['content-type'], 'application/octet-stream (the file\'s bytes as the body)');
    // the client's file name gives only a display name and an extension made of letters and digits
    const display = basename(String(name ?? 'upload')).replace(/[^\w.\- ]/g, '_').slice(0, 120) || 'upload';
    const ext = extname(display).toLowerCase().replace(/[^a-z0-9.]/g, '').slice(0, 10);
    // robust63: a TMPDIR the server's user cannot write (or not a folder) was a 500 and a stack trace in the log
    let dir: string;
    try { dir = mkdtempSync(join(tmpdir(), 'sacplate-upload-')); } catch (e) {
      throw new HttpError(503, `upload: the server cannot make a temporary folder for the file in ${tmpdir()} (${fsReason(e)}); set TMPDIR to a folder the server's user can write`);
    }
    const file = join(dir, `upload${ext}`);
    try {
      const bytes = await streamToFile(body, file, uploadLimit);
      if (bytes === 0) throw new InputError('upload', '(empty body)', 'a cycler file (EC-Lab .mpt, Neware, Arbin, Landt, BDF CSV or Parquet)');
      return await use(file, display, bytes);
    } catch (e) {
      // the reader's own line (file:line: what is wrong) with the display name; its --format and
      // --map hints are the CLI's: the API's say what an API user can do (cycler-hints.ts)
      if (e instanceof FileError) throw new HttpError(400, words(e.message.split(file).join(display)));
      throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * cmpmeas67: a measured cell for the Compare page, `sacplate compare --measured FILE --protocol P --area A --map M`'s
   * row (batch/measured-rows.ts): the upload read by analyze's code, kept under an id for GET /api/compare and
   * /api/compare/csv's `measured=` (measured-cells.ts); its figures, legend line, notes, CE per cycle and voltage trace.
   */
  app.post('/api/compare/measured', async (req: FastifyRequest) => {
    const q = queryOf(req, ['name', 'protocol', 'area', 'map', 'file']);
    // measured70: a kept cycler file (file=) without protocol= is read as the Cycler page last analysed it (the store keeps
    // that protocol), where compare reads that protocol (fullcell it does not: licu then, as for an upload)
    const kept = q.protocol === undefined && q.file !== undefined && CYCLER_FILE_ID.test(q.file) ? cyclerFiles.info(q.file)?.protocol : undefined;
    const keptProtocol = kept !== undefined && (MEASURED_PROTOCOLS as readonly string[]).includes(kept) ? kept : undefined;
    const protocol = choiceArg('protocol', q.protocol ?? keptProtocol ?? 'licu', MEASURED_PROTOCOLS, `${MEASURED_PROTOCOLS.join(', ')} (how the file is read, as analyze --protocol reads it; fullcell has no plating onto a host to read)`);
    const area = q.area === undefined || q.area === '' ? undefined : q.area;
    const map = q.map === undefined || q.map === '' ? undefined : q.map;
    // the options checked before the upload is read (as compare --measured checks them before any run)
    measuredReadOptions(area, map, { area: 'area', map: 'map' });
    // web68: a cycler file the server keeps (analysed on the Cycler page: GET /api/cycler/files), read without its bytes
    if (q.file !== undefined) return readKept(req, q.file, q.name, (file, display) => measured.read(file, display, protocol, area, map));
    return receiveUpload(req, q.name, async (file, display) => jsonSafe(await measured.read(file, display, protocol, area, map)), measuredMessageForApi);
  });

  /**
   * web68: kept cycler file `id` (`file=` of POST /api/compare/measured) written to a fresh temporary folder and given to
   * `use` with its kept name, as an upload is (the reader's refusal a 400 with that name for the path, in the measured
   * cell's words); the folder removed after. A request that sends bytes as well, or names it (`name=`), is refused.
   */
  async function readKept(req: FastifyRequest, id: string, name: string | undefined, use: (file: string, display: string) => Promise<unknown>): Promise<unknown> {
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = req.body as Readable | undefined;
    if (body && typeof body.pipe === 'function') body.resume(); // drained: the connection stays usable
    if (declared > 0 || req.headers['transfer-encoding'] !== undefined) throw new InputError('file', id, 'either the id of a kept cycler file with no body, or the file\'s bytes as the body without file=');
    if (name !== undefined) throw new InputError('name', name, `left out with file= (the kept file's own name is shown: ${cyclerFiles.info(id)?.name ?? 'none: no such file'})`);
    if (!CYCLER_FILE_ID.test(id)) throw new HttpError(404, unknownFileMessage(id));
    let dir: string;
    try { dir = mkdtempSync(join(tmpdir(), 'sacplate-kept-')); } catch (e) {
      throw new HttpError(503, `file: the server cannot make a temporary folder for the kept file in ${tmpdir()} (${fsReason(e)}); set TMPDIR to a folder the server's user can write`);
    }
    try {
      const got = cyclerFiles.writeTo(id, dir);
      if (!got) throw new HttpError(404, unknownFileMessage(id));
      try { return jsonSafe(await use(got.file, got.info.name)); } catch (e) {
        if (e instanceof FileError) throw new HttpError(400, measuredMessageForApi(e.message.split(got.file).join(got.info.name)));
        throw e;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** web68: the cycler files this server keeps (each file the Cycler page analysed), the latest analysed first. */
  app.get('/api/cycler/files', async () => ({ files: cyclerFiles.list(), kept_at_most: CYCLER_FILES_KEPT, bytes_at_most: cyclerFiles.keepLimit, in_store: cyclerFiles.path !== null }));
  /** web68: a kept cycler file deleted (404 naming the field for an id this server does not keep). */
  app.delete('/api/cycler/files/:id', async (req) => {
    const id = String((req.params as { id: string }).id ?? '');
    if (!cyclerFiles.delete(id)) throw new HttpError(404, unknownFileMessage(id));
    return { deleted: id };
  });

  // ---------------------------------------------------------------------------------------------
  // the front end

  const webRoot = opts.webRoot ?? fileURLToPath(new URL('../../web/', import.meta.url));
  if (existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, index: ['index.html'], dotfiles: 'deny' });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain').send('sacplate workbench: the front end is not built (npm run build); the API is at /api/openapi.json\n'));
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const tooLong = path.startsWith('/api/') ? longPartMessage(path) : undefined;
    if (tooLong) return reply.code(414).send({ error: tooLong });
    const route = apiRoutes.find((r) => r.pattern.test(path));
    if (route) return reply.code(405).header('allow', route.methods.join(', ')).send({ error: `method: got ${req.method} for ${JSON.stringify(path.slice(0, 200))}, expected ${route.methods.join(' or ')} (${route.methods.map((m) => `${m} ${route.url}`).join(', ')}; see /api/openapi.json)` });
    return reply.code(404).send({ error: `path: got ${JSON.stringify(req.url.slice(0, 200))}, expected an API route (see /api/openapi.json) or a page of the workbench` });
  });

  return app;
}
