/**
 * Events the serial engine files but never draws (issue 11, eleventh round):
 *
 *   node dist/bench/negligible-census.js <out.json> [--film] [--protocol <M events>] [--every <events>]
 *
 * The sector scheme's wall columns carried reduction events of rate ~1e-170 /s (twocore3): never
 * drawn, but 60 % of a sub-box's events. This asks the same of the default serial `Simulation`:
 * does it keep events whose rate is so small that no run draws them, yet cost solver members,
 * change-set entries, solver updates and slot-map slots?
 *
 * A member's chance to be drawn in one event is p = rate_c x mult_ch / total (its class rate at
 * the channel's multiplier, over the total rate of all channels). A class is "negligible" when
 * p < 1e-12 (no member drawn in 1e9 events with probability > 0.999 even if 1000 such members
 * lived for the whole run) or when its rate is 0. Also counted against the brief's second
 * criterion, rate_c / (channel sum at multiplier 1) < 1e-12 ("of channel").
 *
 * Runs (the default seed 1 of each):
 *  - --film: the film benchmark (src/bench/film.ts: Li on Cu, 50 nm, 100 x 100 x 80, Plate 0.3
 *    mAh/cm2 at 3 mA/cm2), to its end;
 *  - --protocol M: the first M million events of examples/standard-protocol-100nm.yaml.
 * Every --every events (default 250,000) the solver is sampled: live members per channel and
 * class, class rate, the class's share of its channel sum, p; members and slots (voxels whose
 * both events are negligible or none) under the bound. Over the run, by wrapping the app's
 * methods (the wrapped run is slower; only counts are reported): change-set entries whose class
 * after the change (or before) is negligible, and solver updates (setEntity) that touch a
 * negligible class on either side, and those that would not happen at all if negligible classes
 * were not filed (none/negligible -> none/negligible). And, as margin: live members by decade of
 * p at each sample, and the run's draws by decade of the drawn member's p (wrapping
 * ClassSolver.select): whether the rarest classes filed are drawn at all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { PlatingApp } from '../src/apps/plating.js';
import { filmRunInput } from '../src/bench/film.js';
import { ClassSolver } from '../src/kmc/solver.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const out = args[0];
if (!out || out.startsWith('--')) { process.stderr.write('usage: node dist/bench/negligible-census.js <out.json> [--film] [--protocol <M events>] [--every <events>]\n'); process.exit(2); }
const every = Number(opt('--every') ?? 250_000);
if (!(Number.isInteger(every) && every > 0)) { process.stderr.write(`--every: ${opt('--every')} is not a positive integer (events between samples)\n`); process.exit(2); }
const protoM = opt('--protocol');
if (protoM !== undefined && !(Number(protoM) > 0)) { process.stderr.write(`--protocol: ${protoM} is not a positive number (million events)\n`); process.exit(2); }
const runs: { name: string; input: unknown; eventLimit?: number }[] = [];
if (args.includes('--film')) runs.push({ name: 'film benchmark (Li on Cu, 50 nm, 100 x 100 x 80, Plate 0.3 mAh/cm2 at 3 mA/cm2, seed 1)', input: filmRunInput() });
if (protoM !== undefined) {
  const input = parseYaml(readFileSync(new URL('../../examples/standard-protocol-100nm.yaml', import.meta.url), 'utf8')) as unknown;
  runs.push({ name: `standard protocol 100 nm (examples/standard-protocol-100nm.yaml, seed 1), first ${protoM} M events`, input, eventLimit: Number(protoM) * 1e6 });
}
if (runs.length === 0) { process.stderr.write('give --film and/or --protocol <M events>\n'); process.exit(2); }

const BOUND = 1e-12;
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const P = PlatingApp.prototype as unknown as Any;

// ---- the state the wrappers read: the solver of the run being counted, the totals of this event
let solver: Any = {};
const tot = new Float64Array(8);
let total = 0, counting = false;
const refreshTotals = () => { total = solver.channelTotals(tot); };
/** 0: none, 1: live, 2: negligible of the total (p < BOUND or rate 0); bit 4 (value 4): negligible of the channel */
const kindOf = (c: number): number => {
  if (c < 0) return 0;
  refreshTotals();
  const r = solver.rate[c] as number, ch = solver.channelOf[c] as number;
  let k = r === 0 || (r * solver.mult[ch]) / total < BOUND ? 2 : 1;
  const s = solver.sum[ch] as number;
  if (r === 0 || (s > 0 && r / s < BOUND)) k |= 4;
  return k;
};

interface Counts { [k: string]: number }
let C: Counts = {};
const add = (k: string, n = 1) => { C[k] = (C[k] ?? 0) + n; };
const kindName = ['faradaic', 'hop'];

const commit = P.commitChange;
P.commitChange = function (this: Any) {
  if (!counting) return commit.call(this);
  solver = this.solver;
  for (let pass = 0; pass < 2; pass++) {
    const n = pass === 0 ? this.nAffectedFaradaic : this.nAffectedHops;
    const list = pass === 0 ? this.affectedFaradaic : this.affectedHops;
    const olds = pass === 0 ? this.oldFaradaicClass : this.oldHopClass;
    for (let i = 0; i < n; i++) {
      const w = list[i];
      const c = pass === 0 ? this.faradaicClass(w) : this.hopClass(w);
      const kn = kindOf(c), ko = kindOf(olds[i]);
      const name = kindName[pass];
      add(`${name} entries`);
      if ((kn & 3) === 2 || (ko & 3) === 2) add(`${name} entries with a negligible class before or after`);
      if ((kn & 3) !== 1 && (ko & 3) !== 1 && ((kn | ko) & 2)) add(`${name} entries negligible/none before and after (at least one negligible)`);
      if ((kn & 4) || (ko & 4)) add(`${name} entries with a class negligible of its channel before or after`);
    }
  }
  return commit.call(this);
};
const setEntity = P.setEntity;
P.setEntity = function (this: Any, v: number, kind: 0 | 1, cls: number) {
  if (!counting) return setEntity.call(this, v, kind, cls);
  solver = this.solver;
  const slot = this.slots.get(v) as number;
  const old = slot < 0 ? -1 : (solver.classOf(2 * slot + kind) as number);
  if (old !== cls) {
    const kn = kindOf(cls), ko = kindOf(old), name = kindName[kind];
    add('solver updates');
    add(`${name} solver updates`);
    if ((kn & 3) === 2 || (ko & 3) === 2) add(`${name} solver updates touching a negligible class`);
    if ((kn & 3) !== 1 && (ko & 3) !== 1 && ((kn | ko) & 2)) add(`${name} solver updates that would not happen (none/negligible on both sides)`);
    if ((kn & 4) || (ko & 4)) add(`${name} solver updates touching a class negligible of its channel`);
  }
  return setEntity.call(this, v, kind, cls);
};

// ---- the draws: by decade of p (the drawn member's chance at the draw), and of the lowest classes
const S = ClassSolver.prototype as unknown as Any;
let draws: Counts = {};
const decade = (p: number): string => (p <= 0 ? 'rate 0' : `1e${Math.floor(Math.log10(p))}`);
const select = S.select;
S.select = function (this: Any, totals: Float64Array, rng: unknown) {
  const e = select.call(this, totals, rng) as number;
  if (counting && this === solver && e >= 0) {
    let T = 0;
    for (let ch = 0; ch < this.nChannels; ch++) T += totals[ch]!;
    const c = this.classOf(e) as number, ch = this.channelOf[c] as number;
    const k = decade((this.rate[c] * this.mult[ch]) / T);
    draws[k] = (draws[k] ?? 0) + 1;
  }
  return e;
};

// ---- a sample of the solver
const sample = (events: number, full: boolean) => {
  const s = solver, t = new Float64Array(8);
  const T = s.channelTotals(t) as number;
  const chNames = (s.channels as { name: string }[]).map((c) => c.name);
  const per: Any = {};
  let members = 0, negl = 0, neglCh = 0;
  const byDecade: Counts = {};
  const classes: Any[] = [];
  const neglEnt = new Set<number>();
  for (let c = 0; c < s.nClasses; c++) {
    const n = s.count[c] as number;
    if (n === 0) continue;
    const ch = s.channelOf[c] as number, r = s.rate[c] as number, sum = s.sum[ch] as number;
    const p = (r * s.mult[ch]) / T;
    const isN = r === 0 || p < BOUND, isNc = r === 0 || r / sum < BOUND;
    const name = chNames[ch]!;
    const q = (per[name] ??= { members: 0, negligible_members: 0, negligible_of_channel_members: 0, classes: 0, negligible_classes: 0 });
    q.members += n; q.classes++;
    members += n;
    byDecade[decade(p)] = (byDecade[decade(p)] ?? 0) + n;
    if (isN) { q.negligible_members += n; q.negligible_classes++; negl += n; for (const e of s.membersOf(c) as Int32Array) neglEnt.add(e); }
    if (isNc) { q.negligible_of_channel_members += n; neglCh += n; }
    if (full) classes.push({ channel: name, rate_per_s: +r.toPrecision(4), members: n, share_of_channel: +((n * r) / sum).toPrecision(3), p_member_per_event: +p.toPrecision(3) });
  }
  // slots whose both events are negligible or none
  let slotsNegl = 0;
  const seen = new Set<number>();
  for (const e of neglEnt) {
    const slot = e >> 1;
    if (seen.has(slot)) continue;
    seen.add(slot);
    const o = e ^ 1, co = s.classOf(o) as number;
    if (co < 0 || neglEnt.has(o)) slotsNegl++;
  }
  const r: Any = {
    events, members, negligible_members: negl, negligible_share: +(negl / members).toFixed(5),
    negligible_of_channel_members: neglCh, slots_with_only_negligible_events: slotsNegl,
    channel_totals_per_s: Object.fromEntries(chNames.map((n, i) => [n, +t[i]!.toPrecision(4)])),
    per_channel: per,
    members_by_decade_of_p: Object.fromEntries(Object.entries(byDecade).sort((a, b) => Number(a[0].slice(2)) - Number(b[0].slice(2)))),
  };
  if (full) r.classes = classes.sort((a, b) => a.p_member_per_event - b.p_member_per_event);
  return r;
};

const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
const results: Any[] = [];
for (const run of runs) {
  C = {}; draws = {};
  const load0 = loadavg()[0]!, c0 = cpu();
  const sim = new Simulation(parseRunInput(run.input), {}) as unknown as Any;
  solver = sim.app.solver;
  counting = true;
  const samples: Any[] = [];
  let next = every, k = 0;
  sim.runAll({
    chunk: every, ...(run.eventLimit !== undefined ? { eventLimit: run.eventLimit } : {}),
    onProgress: () => { if (sim.events >= next) { samples.push(sample(sim.events, k++ % 10 === 4)); next += every; } },
  });
  samples.push(sample(sim.events, true));
  counting = false;
  const events = sim.events as number;
  const perEvent = Object.fromEntries(Object.entries(C).sort().map(([key, v]) => [key, +(v / events).toFixed(5)]));
  const share = (a: string, b: string) => (C[b] ? +((C[a] ?? 0) / C[b]!).toFixed(6) : 0);
  const mean = (f: (s: Any) => number) => +(samples.reduce((a, s) => a + f(s), 0) / samples.length).toFixed(6);
  const r = {
    run: run.name, events, deposited_voxels: sim.netVoxels, cpu_s_wrapped: +(cpu() - c0).toFixed(1),
    load_average_1min_start: load0, load_average_1min_end: loadavg()[0],
    counts: C, per_event: perEvent,
    draws_by_decade_of_p: Object.fromEntries(Object.entries(draws).sort((a, b) => Number(a[0].slice(2)) - Number(b[0].slice(2)))),
    shares: {
      faradaic_entries_with_negligible_class: share('faradaic entries with a negligible class before or after', 'faradaic entries'),
      hop_entries_with_negligible_class: share('hop entries with a negligible class before or after', 'hop entries'),
      all_entries_with_negligible_class: +(((C['faradaic entries with a negligible class before or after'] ?? 0) + (C['hop entries with a negligible class before or after'] ?? 0)) / ((C['faradaic entries'] ?? 0) + (C['hop entries'] ?? 0))).toFixed(6),
      solver_updates_touching_negligible: +(((C['faradaic solver updates touching a negligible class'] ?? 0) + (C['hop solver updates touching a negligible class'] ?? 0)) / (C['solver updates'] ?? 1)).toFixed(6),
      solver_updates_saved_if_not_filed: +(((C['faradaic solver updates that would not happen (none/negligible on both sides)'] ?? 0) + (C['hop solver updates that would not happen (none/negligible on both sides)'] ?? 0)) / (C['solver updates'] ?? 1)).toFixed(6),
      solver_members_negligible_mean_over_samples: mean((s) => s.negligible_share),
      solver_members_negligible_max_over_samples: Math.max(...samples.map((s) => s.negligible_share)),
    },
    samples,
  };
  results.push(r);
  process.stdout.write(`${run.name}: ${events} events; ${JSON.stringify(r.shares)}\n`);
}
writeFileSync(out, JSON.stringify({
  what: 'issue 11 eleventh round: events the serial engine files but never draws (bench/negligible-census.ts); negligible: p = rate x multiplier / total rate < 1e-12 per event, or rate 0',
  date: new Date().toISOString(), node: process.version, bound: BOUND, sample_every_events: every, runs: results,
}, null, 1) + '\n');
