/**
 * One side of the interleaved film-growth benchmark (bench/film-interleave.ts starts two of these
 * in one process). It runs the film run of src/bench/film.ts with its build's Simulation and
 * parseRunInput, and after every window of events hands the turn to the other side and sleeps
 * (Atomics.wait on a shared word) until the turn comes back: only one side runs at a time, so
 * both see the same load of the machine, window by window, within seconds.
 *
 * Uses nothing but runAll({ chunk, onProgress }), so any build of the project can be timed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';

interface Data { root: string; id: 0 | 1; input: Record<string, unknown>; engine?: Record<string, unknown>; window: number; eventLimit?: number; turn: SharedArrayBuffer }
const { root, id, input, engine, window, eventLimit, turn } = workerData as Data;
const word = new Int32Array(turn); // [0]: whose turn (0, 1), [1]: sides finished
const mod = async (p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href) as Promise<Record<string, unknown>>;

interface SimLike {
  runAll(o: { chunk?: number; eventLimit?: number; progressEvery_s?: number; onProgress?: (p: { events: number }) => void }): void;
  events: number; netVoxels: number;
  stepResults: { ended: string; mean_height_nm: number; rms_roughness_nm: number; porosity: number }[];
  app: {
    counters: { reductions: number; oxidations: number; hops: number };
    code: Uint8Array; nbs: Uint8Array; lat: { n: number; nxy: number };
    /** hop occupancy words (engine switch hopWords, issue 11 eighth round; absent in older builds) */
    hw?: { word: Uint16Array } | null;
    /** hops that took the carry path (issue 11, twelfth round; absent in older builds) */
    carriedHops?: number;
    solver: { bytes(): number }; slots: { bytes(): number; size: number; bandLayers?: number; bandBytes?(): number };
  };
}
const { Simulation } = await mod('simulation/simulation.js') as { Simulation: new (r: unknown, c?: unknown) => SimLike };
const { parseRunInput } = await mod('input/parse.js') as { parseRunInput: (i: Record<string, unknown>) => unknown };

const waitTurn = () => { while (Atomics.load(word, 0) !== id) Atomics.wait(word, 0, 1 - id); };
const giveTurn = () => {
  if (Atomics.load(word, 1) === 0) { Atomics.store(word, 0, 1 - id); Atomics.notify(word, 0); }
};
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };

waitTurn();
interface Mark { wall: number; cpu: number; events: number; net: number }
const marks: Mark[] = [];
const sim = new Simulation(parseRunInput(input), engine ? { engine } : {});
const mark = () => marks.push({ wall: performance.now() / 1000, cpu: cpu(), events: sim.events, net: sim.netVoxels });
mark();
sim.runAll({
  chunk: window,
  // no progress report by the wall clock (a report at least every second since review55, which under load cut the two
  // sides' windows at different events, so that window k no longer held the same events on both: branch speed14);
  // builds without the option ignore it
  progressEvery_s: 1e9,
  ...(eventLimit !== undefined ? { eventLimit } : {}),
  onProgress: () => { mark(); giveTurn(); waitTurn(); restart(); },
});
mark();
// a window starts when this side gets the turn back, not when it gave it away
function restart() { const m = marks[marks.length - 1]!; marks.push({ wall: performance.now() / 1000, cpu: cpu(), events: m.events, net: m.net }); }
const r = sim.stepResults[sim.stepResults.length - 1]!;
Atomics.add(word, 1, 1);
Atomics.store(word, 0, 1 - id); Atomics.notify(word, 0);
// windows: pairs (start, end) of marks
const windows: { events: number; net: number; wall_s: number; cpu_s: number }[] = [];
for (let k = 0; k + 1 < marks.length; k += 2) {
  const a = marks[k]!, b = marks[k + 1]!;
  windows.push({ events: b.events - a.events, net: b.net - a.net, wall_s: b.wall - a.wall, cpu_s: b.cpu - a.cpu });
}
// memory at the end of the run: per voxel (lattice bytes) and per active site (event tables)
const app = sim.app;
const band = app.slots.bandLayers;
// the band's bytes: 4 per voxel of the band in builds before issue 11's fifth round, 8 since (slot + class copy)
const bandBytes = band === undefined ? 0 : app.slots.bandBytes ? app.slots.bandBytes() : 4 * band * app.lat.nxy;
const memory = {
  voxels: app.lat.n, per_voxel_bytes: (app.code.byteLength + app.nbs.byteLength + (app.hw?.word.byteLength ?? 0)) / app.lat.n,
  active_sites: app.slots.size, solver_bytes: app.solver.bytes(), slot_index_bytes: app.slots.bytes(),
  ...(band !== undefined ? { band_layers: band, band_bytes: bandBytes } : {}),
  event_bytes_per_active_site: (app.solver.bytes() + app.slots.bytes() - bandBytes) / Math.max(1, app.slots.size),
  rss_bytes: process.memoryUsage().rss,
  // the parts (issue 11, ninth round; read from the build's objects, so any build reports them)
  parts: memoryParts(app),
};
parentPort!.postMessage({
  memory,
  // the lattice at the end (an exact optimisation gives the same hash on both sides)
  lattice_sha256: createHash('sha256').update(app.code).digest('hex').slice(0, 16),
  windows, events: sim.events, deposited_voxels: sim.netVoxels, ended: r.ended,
  mean_height_nm: r.mean_height_nm, rms_roughness_nm: r.rms_roughness_nm, porosity: r.porosity,
  reductions: sim.app.counters.reductions, oxidations: sim.app.counters.oxidations, hops: sim.app.counters.hops,
  // hops that took the carry path (issue 11, twelfth round; absent in older builds)
  ...(sim.app.carriedHops !== undefined ? { carried_hops: sim.app.carriedHops } : {}),
});

/** bytes of the event tables' parts: the solver's entity table and member lists, the slot arrays, the band, the side map */
function memoryParts(a: SimLike['app']): Record<string, number> {
  const sv = a.solver as unknown as { ent?: Int32Array; cls?: Int16Array; pos?: Int32Array; members?: Int32Array[]; count?: Int32Array };
  const sl = a.slots as unknown as { slotKey?: Int32Array; free?: Int32Array; tab?: Int32Array; lowKeys?: number; slotCount?: number };
  let members = 0, membersUsed = 0;
  for (let c = 0; c < (sv.members?.length ?? 0); c++) { members += sv.members![c]!.byteLength; membersUsed += 4 * (sv.count?.[c] ?? 0); }
  return {
    solver_entity_table: sv.ent?.byteLength ?? (sv.cls && sv.pos ? sv.cls.byteLength + sv.pos.byteLength : NaN), // (class and position apart since the tenth round)
    solver_member_lists: members, solver_member_lists_used: membersUsed,
    slot_keys: sl.slotKey?.byteLength ?? NaN, slot_free_list: sl.free?.byteLength ?? NaN, slots_ever: sl.slotCount ?? NaN,
    band_table: sl.tab?.byteLength ?? NaN, side_map_keys: sl.lowKeys ?? NaN,
  };
}
