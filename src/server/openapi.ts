/**
 * The OpenAPI 3.1 document of the workbench API. The run body is the run file's JSON Schema from
 * src/input/schema.ts (the zod schema the API validates with), so the document cannot drift from
 * what the server accepts.
 */
import { runJsonSchema } from '../input/schema.js';
import { METRIC_COLUMNS } from '../store/index.js';
import { ASSUMED_SAC_MOLAR_MASS } from '../nucleation/defaults.js';
import { FFS_REPETITIONS_RANGE, FFS_REPETITIONS_TEXT, SAMPLER_CHOICES, SAMPLERS, TAIL_ENDS } from '../nucleation/sampler.js';
import { HOST_REDUCTION_RULES } from '../nucleation/host-reduction.js';
import { PLATEAU_RULES } from '../nucleation/plateau.js';
import { RUN_FILES } from './service.js';

const error = { type: 'object', properties: { error: { type: 'string', description: 'one line: field, value given, what was expected (the CLI\'s message)' } }, required: ['error'] };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: { 400: 'bad input', 401: 'token missing or wrong', 404: 'unknown id or path', 409: 'conflict', 413: 'too large' }[c] ?? 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^run-\\d{8}-\\d{9}-[0-9a-f]{8}$' } }];
const jobParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^nuc-\\d{8}-\\d{9}-[0-9a-f]{8}$' } }];
const q = (name: string, description: string) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description });

export function openApiDocument(): Record<string, unknown> {
  const { $schema: _drop, ...run } = runJsonSchema();
  const runView = { type: 'object', properties: { id: { type: 'string' }, name: { type: ['string', 'null'] }, created_at: { type: 'string' }, status: { enum: ['queued', 'running', 'finished', 'failed', 'cancelled'] }, progress: {}, metrics: {}, live: { type: 'boolean' }, resumable: { type: 'boolean', description: 'a cancelled or interrupted run with its checkpoint on disk: POST /api/runs/{id}/resume continues it; or one cancelled while still queued (never_started): POST /api/runs/{id}/resume starts it from the beginning' }, never_started: { type: 'boolean', description: 'a run cancelled while still queued: it never ran, and resume starts it from the beginning under its id' }, warnings: { type: 'array', items: { type: 'string' }, description: 'GET /api/runs/{id} of an ended run: one line per step that ended early (the deposit reached the top of the box, no metal left to strip, ...), as sacplate simulate prints them' } } };
  const metricRow = { type: 'object', properties: Object.fromEntries([['id', { type: 'string' }], ['status', { type: 'string' }], ...METRIC_COLUMNS.map((c) => [c.name, { type: [c.type === 'TEXT' ? 'string' : 'number', 'null'] }])]) };
  const text = (description: string, examples?: string[]) => ({ type: 'string', description, ...(examples ? { examples } : {}) });
  // the keys src/nucleation/cases.ts reads (the flags of `sacplate nucleation` and the keys of its case files)
  const nucleationRequest = {
    type: 'object', additionalProperties: false,
    description: 'One case ({ metal, host, sac, loading, current, capacity }, as the flags), several ({ metal, current, capacity, cases }, as a case file) or the review\'s systems ({ against_literature: true }); each may add the atomistic and plateau options',
    properties: {
      metal: text('Li, Na or K', ['Li']), host: text('a host name (GET /api/nucleation/systems)', ['N-graphene']),
      sac: text(`a SAC name (with loading and migration <eV> after it if wanted), or its numbers: binding <eV> (DFT M0 binding at the SAC), reference <eV> (on the plain support), desolvation <eV>, migration <eV> (barrier to leave the SAC; kinetic only), element <symbol> (for wt%; without it ${ASSUMED_SAC_MOLAR_MASS} g/mol is assumed and reported in sac_loading_assumption), loading`, ['Zn-N4', 'Zn-N4, loading 2 wt%, migration 1.5 eV', 'binding -2.29 eV, element Co, loading 1.2 wt%']),
      loading: text('SAC loading: wt% (element needed for numbers), % of host sites or sites/nm2; default 1 wt%', ['1.2 wt%', '2 %', '0.1 sites/nm2']),
      current: text('plating current density, default 1 mA/cm2', ['1 mA/cm2']), capacity: text('plated capacity, default 0.02 mAh/cm2', ['0.02 mAh/cm2']),
      cases: { type: 'array', minItems: 1, items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, host: { type: 'string' }, sac: { type: 'string' }, loading: { type: 'string' } }, required: ['host'] } },
      against_literature: { type: 'boolean', description: 'the review\'s systems beside their reported values (nothing fitted to them)' },
      runs: { type: 'integer', minimum: 4, maximum: 1000, description: 'atomistic runs per overpotential (default 12)' },
      box: { type: 'integer', minimum: 4, maximum: 256, description: 'sites per side of the atomistic box (default 16; quick checks)' },
      target: { type: 'integer', minimum: 4, maximum: 1000, description: 'cluster size at which an atomistic run stops (default 40; quick checks)' },
      max_events: { type: 'integer', minimum: 1000, maximum: 1e9, description: 'event budget of an atomistic run (default 200000; quick checks)' },
      plain: { type: 'boolean', description: 'atomistic stage without the elimination of lone adatoms (slow; checks)' },
      // the body takes the CLI's on / off as well as true / false (src/nucleation/cases.ts atomisticOf): the schema lists all four
      capture: { enum: [true, false, 'on', 'off'], description: 'true or on (the default): divide each overpotential\'s J by the lattice capture factor E (measured to over-correct 1.2-1.8x against plain kMC); false or off: the elimination\'s own J (1.05-15x too high at adatom diffusion lengths 1-100 sites). Not true or on with plain: true' },
      sampler: { enum: [...SAMPLERS], description: `${SAMPLER_CHOICES}. Left out: mfpt+ffs (mfpt with plain: true); minutes of CPU per new box (docs/nucleation.md "Speed"). Not ffs or mfpt+ffs with plain: true` },
      tail_end: { enum: [...TAIL_ENDS], description: 'where the mfpt+ffs tail ends: electrode (the default: where the electrode stage at the case\'s current and capacity no longer reads the next point) or floor (at the 1e-13 /s per-site floor; the default before). electrode with sampler mfpt+ffs only' },
      ffs_repetitions: { type: 'integer', minimum: FFS_REPETITIONS_RANGE.min, maximum: FFS_REPETITIONS_RANGE.max, description: `${FFS_REPETITIONS_TEXT}; not with sampler mfpt` },
      host_reduction: { enum: [...HOST_REDUCTION_RULES] }, plateau: { enum: [...PLATEAU_RULES] },
    },
  };
  const nucleationJob = {
    type: 'object', description: 'a nucleation job: its cases (name, where the atomistic data comes from: own-metal, cached, host-cached, compute; the review\'s figure), status, progress lines of the atomistic stage, and each case\'s report (the keys of `sacplate nucleation --json` with its eta(t) trace)',
    properties: {
      id: { type: 'string' }, created_at: { type: 'string' }, status: { enum: ['queued', 'running', 'finished', 'failed', 'cancelled'] }, literature: { type: 'boolean' },
      cases: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, atomistic: { enum: ['own-metal', 'cached', 'host-cached', 'compute'] }, reported: {} } } },
      progress: { type: 'object', properties: { done: { type: 'integer' }, case: { type: ['integer', 'null'] }, lines: { type: 'integer' }, log: { type: 'array', items: { type: 'string' } } } },
      results: { type: 'array', items: { type: ['object', 'null'], description: 'nucleation_overpotential_mV, peak_overpotential_mV, plateau_overpotential_mV, nucleus_density_per_um2 {at_peak, at_end}, mean_nucleus_radius_nm, J_eta, atomistic (cached: read from the store; wall_s: that of the call that made the data), call_wall_s (this case\'s own wall time, s), provenance, trace, ... (docs/nucleation.md, JSON keys)' } },
      error: { type: 'string' }, wall_s: { type: ['number', 'null'] }, live: { type: 'boolean' },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'sacplate workbench API', version: '0.1.0', description: 'Runs, progress (server-sent events), comparison, nucleation overpotentials from DFT numbers, evidence and cycler analysis. With --token, every request carries Authorization: Bearer TOKEN (or ?token=).' },
    components: { schemas: { Run: run, RunView: runView, MetricRow: metricRow, Error: error, NucleationRequest: nucleationRequest, NucleationJob: nucleationJob }, securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/api/runs': {
        post: { summary: 'start a run from the JSON a run file holds (or { input, name })', requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Run' }, { type: 'object', properties: { input: { $ref: '#/components/schemas/Run' }, name: { type: 'string' } }, required: ['input'] }] } } } }, responses: { 202: json({ $ref: '#/components/schemas/RunView' }, 'accepted (queued or running)'), ...errors(400, 401) } },
        get: { summary: 'runs with their metric columns, newest first', parameters: [q('limit', '1..5000, default 200')], responses: { 200: json({ type: 'object', properties: { runs: { type: 'array', items: { $ref: '#/components/schemas/MetricRow' } } } }), ...errors(400, 401) } },
      },
      '/api/validate': { post: { summary: 'check a run without starting it (the body POST /api/runs takes: a run, or { input, name })', requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Run' }, { type: 'object', properties: { input: { $ref: '#/components/schemas/Run' }, name: { type: 'string' } }, required: ['input'] }] } } } }, responses: { 200: json({ type: 'object' }), ...errors(400, 401) } } },
      '/api/runs/{id}': { get: { summary: 'status, progress and metrics of a run', parameters: idParam, responses: { 200: json({ $ref: '#/components/schemas/RunView' }), ...errors(401, 404) } } },
      '/api/runs/{id}/input': { get: { summary: 'the run object the run was started from', parameters: idParam, responses: { 200: json({ $ref: '#/components/schemas/Run' }), ...errors(401, 404) } } },
      '/api/runs/{id}/events': { get: { summary: 'server-sent events: status, progress (new trace rows: time_s, charge_C_per_cm2, overpotential_mV, cell_voltage_mV), snapshot', parameters: idParam, responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401, 404) } } },
      '/api/runs/{id}/series': { get: { summary: 'trace (thinned to 4000 rows) and per-cycle summary', parameters: idParam, responses: { 200: json({ type: 'object' }), ...errors(401, 404) } } },
      '/api/runs/{id}/snapshot': { get: { summary: 'latest voxel grid (one byte per voxel, x fastest; headers x-grid: nx,ny,nz and x-voxel-nm)', parameters: idParam, responses: { 200: { description: 'voxel codes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors(401, 404) } } },
      '/api/runs/{id}/files': { get: { summary: `the output files of the run folder a client may download (${RUN_FILES.join(', ')}: those written), with their sizes in bytes`, parameters: idParam, responses: { 200: json({ type: 'object', properties: { files: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, bytes: { type: 'integer' } } } } } }), ...errors(401, 404) } } },
      '/api/runs/{id}/files/{name}': { get: { summary: 'one output file of the run, as an attachment', parameters: [...idParam, { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: [...RUN_FILES] } }], responses: { 200: { description: 'the file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors(401, 404) } } },
      '/api/runs/{id}/cancel': { post: { summary: 'cancel a queued or running run', parameters: idParam, responses: { 200: json({ type: 'object' }), ...errors(401, 404, 409) } } },
      '/api/runs/{id}/resume': { post: { summary: 'continue a cancelled run (or one whose server stopped) from its checkpoint, under the same id: it ends with the outputs of an uninterrupted run of the same seed; the workbench writes a checkpoint every 120 s of wall time and at a cancel (RunView.resumable says one is on disk); a run cancelled while still queued (RunView.never_started) is started from the beginning. 409 when the run is queued, running, finished, failed on its own, was started by the CLI, or has no checkpoint', parameters: idParam, responses: { 202: json({ $ref: '#/components/schemas/RunView' }, 'accepted (queued or running again)'), ...errors(401, 404, 409) } } },
      '/api/compare': { get: { summary: 'metric columns, traces, per-cycle CE and 95 % intervals over seeds (runs grouped by name; an interval past a physical bound is cut there and carries cut: "interval cut at 0 (physical bound)"; nucleation_no_dip_seeds: seeds whose nucleation reading is <= 0, no dip, not a nucleation barrier)', parameters: [q('ids', 'comma-separated run ids')], responses: { 200: json({ type: 'object' }), ...errors(400, 401, 404) } } },
      '/api/sweeps': { get: { summary: 'sweeps in the store with one row per task (axis values, status, metrics as columns; ?limit= rows per sweep, default 1000) and the latest ranking of each screen (objectives, Pareto fronts, the why of each candidate, values with 95 % intervals, cut at physical bounds with cut)', responses: { 200: json({ type: 'object' }), ...errors(401) } } },
      '/api/nucleation': {
        post: { summary: '`sacplate nucleation` over HTTP: 200 with the finished job when every case\'s atomistic data is in the store (or the metal\'s own foil: none needed), else 202 with the job (queued or running; one job computes at a time) to follow with GET or events. The atomistic data goes to the server\'s store under the CLI\'s cache key', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NucleationRequest' } } } }, responses: { 200: json({ $ref: '#/components/schemas/NucleationJob' }, 'cached: the finished job with its reports'), 202: json({ $ref: '#/components/schemas/NucleationJob' }, 'accepted: the atomistic stage runs'), ...errors(400, 401) } },
        get: { summary: 'recent nucleation jobs, newest first (without their reports)', parameters: [q('limit', '1..1000, default 50')], responses: { 200: json({ type: 'object' }), ...errors(400, 401) } },
      },
      '/api/nucleation/systems': { get: { summary: 'the metals, hosts and SACs of the parameter sets (names for metal, host and sac)', responses: { 200: json({ type: 'object' }), ...errors(401) } } },
      '/api/nucleation/{id}': { get: { summary: 'status, progress and reports of a nucleation job (kept in the store when it ends)', parameters: jobParam, responses: { 200: json({ $ref: '#/components/schemas/NucleationJob' }), ...errors(401, 404) } } },
      '/api/nucleation/{id}/events': { get: { summary: 'server-sent events: status (the job), progress ({ case, message }: a line of the atomistic stage), case ({ case }: a case finished)', parameters: jobParam, responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401, 404) } } },
      '/api/nucleation/{id}/cancel': { post: { summary: 'cancel a queued or running job (a running one stops before its next atomistic run; cached data of what finished stays)', parameters: jobParam, responses: { 200: json({ type: 'object' }), ...errors(401, 404, 409) } } },
      '/api/evidence': { get: { summary: 'literature records of the review and those imported into the store with lit import (imported: true; origin: review | user-supplied | imported, the word lit show uses; user_source: their DOI/citation), filtered and sorted; cell_not_stated lists columns whose figure\'s cell the review does not name', parameters: ['metal', 'sac_element', 'architecture', 'support', 'text', 'range', 'sort', 'desc'].map((n) => q(n, n === 'range' ? 'quantity=min:max;...' : n)), responses: { 200: json({ type: 'object' }), ...errors(400, 401) } } },
      '/api/elements': { get: { summary: 'element data and sustainability scores', parameters: [q('symbols', 'comma-separated, default the SAC elements of the records'), q('weights', 'abundance=1,price=1,hhi=1,toxicity=1')], responses: { 200: json({ type: 'object' }), ...errors(400, 401) } } },
      '/api/capacity': { get: { summary: 'gram capacity of the whole anode side', parameters: ['metal', 'metal_mass', 'cycled_capacity', 'host_mass', 'sac_loading', 'binder_mass', 'collector_mass', 'other_mass'].map((n) => q(n, n === 'metal' ? 'Li, Na or K' : 'a quantity with its unit, e.g. "2 mg/cm2"')), responses: { 200: json({ type: 'object' }), ...errors(400, 401) } } },
      '/api/cycler': { post: { summary: 'analyse a cycler file (body: its bytes, streamed to disk, at most 200 MB)', parameters: [q('name', 'file name (display and extension only)'), q('protocol', 'symmetric | licu | aurbach | fullcell'), q('area', 'electrode area, e.g. "1.13 cm2"')], requestBody: { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, responses: { 200: json({ type: 'object' }), ...errors(400, 401, 413) } } },
      '/api/schema/run': { get: { summary: 'JSON Schema of a run file', responses: { 200: json({ type: 'object' }) } } },
    },
    security: [{ token: [] }],
  };
}
