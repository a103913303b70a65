/**
 * Flicker census (issue 11, fourteenth round): how much of a growing film's work is an atom going
 * back and forth between a few sites whose surroundings do not change, the work an exact
 * superbasin (absorbing Markov chain: Novotny, PRL 74, 1, 1995; mean rate method: Puchala, Falk
 * and Garikipati, JCP 132, 134104, 2010) would take over.
 *
 *   node dist/bench/flicker-census.js [--film] [--protocol <M events>] [--cost 2] [--seed 1] [--verify] [--out bench/flicker-census-results.json]
 *
 * Runs (seed 1 unless --seed, the default engine: first-passage lone adatoms on, the carry path on):
 *  - --film: the film benchmark (src/bench/film.ts: Li on Cu, 50 nm, 100 x 100 x 80, Plate 0.3
 *    mAh/cm2 at 3 mA/cm2), to its end;
 *  - --protocol M: examples/standard-protocol-100nm.yaml on 5 um x 5 um (50 x 50 x 200 columns of
 *    100 nm, as bench/speed.ts's protocol-5um), its first M million events (its whole charge is
 *    about 3.3 M).
 * Nothing in the engine changes: the script wraps PlatingApp's `setCodeNb` (every change of a
 * voxel's code goes through it), `execute` (one loop event) and `executeAt` (the event's voxel),
 * and reads the counters. The wrapped run is slower; only counts are reported.
 *
 * Bookkeeping. Every net change of a voxel (inside an event: its code after the event differs from
 * before) gets a tick; lastTick[w] is the tick of w's last change and lastWho[w] the atom whose own
 * hop made it (0: anything else: reductions, oxidations, first-passage placements and exits,
 * connectivity kills). An atom is followed from the change that put it on its voxel (a reduction,
 * or any other arrival) through its hops until it leaves the lattice's metal (oxidation, kill) or is
 * moved by anything but its own hop (a first-passage placement or exit). "Nearby" is Chebyshev
 * distance <= 2 (the 5 x 5 x 5 block around a site, periodic in x and y), which holds every voxel
 * whose code a hop or faradaic class of the site or of its neighbours reads.
 *
 * Counted:
 *  - literal returns: a hop to the site the atom left j = 2, 3 or 4 hops earlier (smallest j),
 *    with no change other than the atom's own hops near any site of the cycle since it left
 *    (j = 2 is the exact two-state flicker A -> B -> A); and the runs of consecutive j = 2 returns
 *    (how many flicker hops in a row before the atom leaves the pair or something nearby changes);
 *  - k-state segments (k = 2, 3, 4): each atom's hops cut greedily into stretches in which it
 *    visits at most k distinct sites with nothing else changing near any of them since the stretch
 *    began. A hop inside a stretch is one a k-state superbasin set up at the stretch's start would
 *    take (an "intra" hop); the hop that leaves the k sites is the basin's exit, an event in both
 *    schemes; after a nearby change the stretch is cut and a new one starts at the atom's site (a
 *    basin resolved early and rebuilt). Distribution of intra hops per stretch (h);
 *  - reduction then oxidation of the same atom on the same voxel, no hop in between, with nothing
 *    nearby changed (a two-state flicker of a surface site, empty <-> metal), and chains of such
 *    events at one voxel (reduction, oxidation, reduction, ... each clean).
 * From it, with a cost model (--cost c, default 2: setting up a basin and drawing its exit or
 * resolving it costs c events' work): events an exact k-state superbasin would remove,
 *  - oracle (an upper bound): a basin on exactly the stretches where it pays, sum of max(0, h - c);
 *  - on the first return (a basin built once the atom has come back to a site of the stretch, the
 *    hops before that made one by one): sum over stretches with a return of (h - r0 - c), r0 the
 *    hops up to and with the first return;
 * and the upper bound on the speed-up, E / (E - removed), taking an event's work as the unit (the
 * other costs of a basin, such as the checks other events would make against its protected
 * region, are not counted: the bound is generous).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { PlatingApp } from '../src/apps/plating.js';
import { filmRunInput } from '../src/bench/film.js';
import { METAL } from '../src/lattice/voxel.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const usage = 'usage: node dist/bench/flicker-census.js [--film] [--protocol <M events>] [--cost <events>] [--seed <n>] [--verify] [--out <file.json>]\n';
const out = opt('--out') ?? 'bench/flicker-census-results.json';
const cost = Number(opt('--cost') ?? 2);
if (!(cost >= 0)) { process.stderr.write(`--cost: ${opt('--cost')} is not a number of events >= 0 (the work of one basin's set-up and exit)\n${usage}`); process.exit(2); }
const verify = args.includes('--verify');
const seed = Number(opt('--seed') ?? 1);
if (!(Number.isInteger(seed) && seed >= 0)) { process.stderr.write(`--seed: ${opt('--seed')} is not an integer >= 0 (the run's seed)\n${usage}`); process.exit(2); }
const protoM = opt('--protocol');
if (protoM !== undefined && !(Number(protoM) > 0)) { process.stderr.write(`--protocol: ${protoM} is not a positive number (million events)\n${usage}`); process.exit(2); }
const runs: { name: string; input: Record<string, unknown>; eventLimit?: number }[] = [];
if (args.includes('--film')) runs.push({ name: `film benchmark (Li on Cu, 50 nm, 100 x 100 x 80, Plate 0.3 mAh/cm2 at 3 mA/cm2, seed ${seed}), whole run`, input: filmRunInput() });
if (protoM !== undefined) {
  const input = parseYaml(readFileSync(new URL('../../examples/standard-protocol-100nm.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
  input.lattice = { size: [50, 50, 200], voxel: '100 nm' };
  runs.push({ name: `standard protocol 100 nm (examples/standard-protocol-100nm.yaml, seed ${seed}) on 5 um x 5 um (50 x 50 x 200), first ${protoM} M events`, input, eventLimit: Number(protoM) * 1e6 });
}
if (runs.length === 0) { process.stderr.write(`give --film and/or --protocol <M events>\n${usage}`); process.exit(2); }

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const P = PlatingApp.prototype as unknown as Any;
const KS = [2, 3, 4] as const;

// ---- per-run state
let nx = 0, ny = 0, nz = 0, nxy = 0;
let lastTick = new Int32Array(0), lastWho = new Int32Array(0), atomAt = new Int32Array(0);
let tick = 0, nextId = 1;

interface Seg { sites: number[]; h: number; ret: number; firstRet: number; start: number }
interface Atom {
  id: number; v: number; bornRed: boolean; bornTick: number; hops: number; run2: number;
  /** the last up to 4 hops: from, to, tick of the departure change, lastTick / lastWho of `to` before the arrival */
  from: number[]; to: number[]; tFrom: number[]; prevTo: number[]; prevWho: number[];
  seg: Seg[];
  /** --verify: the codes of the blocks around the two sites of its last hop, just after it */
  snap?: Uint8Array;
}
const atoms = new Map<number, Atom>();
/** red-ox chains by voxel: n clean flicker events after the first reduction, tEnd the tick of the chain's last change at v */
const chains = new Map<number, { n: number; tEnd: number }>();

const hist = () => new Map<number, number>();
let C: Record<string, number> = {};
let H: { run2: Map<number, number>; seg: Map<number, number>[]; chain: Map<number, number> } = { run2: hist(), seg: [], chain: hist() };
/** per k: stretches with a return, their intra hops, and their hops up to and with the first return */
let R: { n: number; h: number; first: number }[] = [];
const add = (k: string, n = 1) => { C[k] = (C[k] ?? 0) + n; };
const bump = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);

function reset(app: Any): void {
  nx = app.lat.nx; ny = app.lat.ny; nz = app.lat.nz; nxy = app.lat.nxy;
  const n = nxy * nz;
  lastTick = new Int32Array(n); lastWho = new Int32Array(n); atomAt = new Int32Array(n);
  tick = 0; nextId = 1; atoms.clear(); chains.clear(); C = {};
  codeArr = app.code as Uint8Array;
  H = { run2: hist(), seg: KS.map(hist), chain: hist() };
  R = KS.map(() => ({ n: 0, h: 0, first: 0 }));
}

/** Largest lastTick over the 5 x 5 x 5 block around s, leaving out the changes made by atom `own`'s hops. */
function maxOther(s: number, own: number): number {
  const z = (s / nxy) | 0, r = s - z * nxy, y = (r / nx) | 0, x = r - y * nx;
  let m = -1;
  for (let dz = -2; dz <= 2; dz++) {
    const zz = z + dz;
    if (zz < 0 || zz >= nz) continue;
    for (let dy = -2; dy <= 2; dy++) {
      let yy = y + dy; if (yy < 0) yy += ny; else if (yy >= ny) yy -= ny;
      const row = zz * nxy + yy * nx;
      for (let dx = -2; dx <= 2; dx++) {
        let xx = x + dx; if (xx < 0) xx += nx; else if (xx >= nx) xx -= nx;
        const w = row + xx;
        const t = lastTick[w]!;
        if (t > m && lastWho[w] !== own) m = t;
      }
    }
  }
  return m;
}
// a small cache of maxOther for the sites one hop looks at
const cS: number[] = [], cM: number[] = [];
let cOwn = -1;
const mo = (s: number): number => {
  for (let i = 0; i < cS.length; i++) if (cS[i] === s) return cM[i]!;
  const m = maxOther(s, cOwn);
  cS.push(s); cM.push(m);
  return m;
};

function newAtom(v: number, bornRed: boolean): Atom {
  const a: Atom = { id: nextId++, v, bornRed, bornTick: tick, hops: 0, run2: 0, from: [], to: [], tFrom: [], prevTo: [], prevWho: [], seg: KS.map(() => ({ sites: [v], h: 0, ret: 0, firstRet: 0, start: tick })) };
  atoms.set(a.id, a); atomAt[v] = a.id;
  return a;
}
function closeSeg(ki: number, s: Seg): void {
  bump(H.seg[ki]!, s.h);
  if (s.ret > 0) { const r = R[ki]!; r.n++; r.h += s.h; r.first += s.firstRet; }
}
function closeRun2(a: Atom): void { if (a.run2 > 0) { bump(H.run2, a.run2); a.run2 = 0; } }
function closeChain(v: number): void { const c = chains.get(v); if (c) { bump(H.chain, c.n); chains.delete(v); } }
function endAtom(a: Atom): void {
  for (let i = 0; i < KS.length; i++) closeSeg(i, a.seg[i]!);
  closeRun2(a);
  atoms.delete(a.id);
  if (atomAt[a.v] === a.id) atomAt[a.v] = 0;
}

/** A change made by anything but an atom's own hop, reduction or oxidation. */
function applyOther(v: number, old: number, c: number): void {
  tick++; lastTick[v] = tick; lastWho[v] = 0;
  const id = atomAt[v]!;
  if (id !== 0) { add('atoms moved or removed by other changes'); endAtom(atoms.get(id)!); }
  closeChain(v);
  if (c === METAL) newAtom(v, false);
  void old;
}

/** The atom at v hops to dest (the codes have not been counted yet). */
function ownHop(v: number, dest: number): void {
  let a = atoms.get(atomAt[v]!);
  if (a === undefined) { add('hops of untracked atoms'); a = newAtom(v, false); }
  closeChain(v);
  cS.length = 0; cM.length = 0; cOwn = a.id;
  // literal returns: dest is the site left j hops ago (smallest j), nothing else changed near the cycle since
  const nh = a.from.length;
  let jRet = 0, clean = false;
  for (let j = 2; j <= 4 && jRet === 0; j++) {
    const q = nh - (j - 1);
    if (q < 0 || a.from[q] !== dest) continue;
    jRet = j;
    const tDep = a.tFrom[q]!;
    clean = mo(dest) <= tDep;
    for (let i = q; i < nh && clean; i++) {
      if (mo(a.to[i]!) > tDep) clean = false;
      if (i > q && a.prevTo[i]! > tDep && a.prevWho[i] !== a.id) clean = false;
    }
  }
  if (jRet > 0) add(`returns j=${jRet} ${clean ? 'clean' : 'changed nearby'}`);
  if (verify && jRet === 2) {
    // the codes around A and B now (the event's changes are made: the atom back at A) against the copy taken just after A -> B, A and B left out
    const same = blockCodes(dest, v).every((c, i) => c === a.snap![i]);
    add(`verify j=2: ${clean ? 'clean' : 'changed nearby'}, codes ${same ? 'the same' : 'differ'}`);
  }
  if (jRet === 2 && clean) a.run2++; else closeRun2(a);
  // k-state stretches
  const exitAfter: number[] = [];
  for (let i = 0; i < KS.length; i++) {
    const s = a.seg[i]!, k = KS[i]!;
    let ok = mo(dest) <= s.start;
    for (let u = 0; u < s.sites.length && ok; u++) if (mo(s.sites[u]!) > s.start) ok = false;
    const inSet = s.sites.includes(dest);
    if (ok && (inSet || s.sites.length < k)) {
      s.h++;
      if (inSet) { if (s.ret++ === 0) s.firstRet = s.h; } else s.sites.push(dest);
    } else if (!ok) {
      add(`k=${k} stretches cut by a nearby change`);
      closeSeg(i, s);
      a.seg[i] = { sites: [v, dest], h: 1, ret: 0, firstRet: 0, start: tick };
    } else {
      closeSeg(i, s);
      exitAfter.push(i);
    }
  }
  // the hop's own changes
  tick++; lastTick[v] = tick; lastWho[v] = a.id;
  const tDep = tick;
  const pT = lastTick[dest]!, pW = lastWho[dest]!;
  tick++; lastTick[dest] = tick; lastWho[dest] = a.id;
  atomAt[v] = 0; atomAt[dest] = a.id; a.v = dest; a.hops++;
  a.from.push(v); a.to.push(dest); a.tFrom.push(tDep); a.prevTo.push(pT); a.prevWho.push(pW);
  if (a.from.length > 4) { a.from.shift(); a.to.shift(); a.tFrom.shift(); a.prevTo.shift(); a.prevWho.shift(); }
  for (const i of exitAfter) a.seg[i] = { sites: [dest], h: 0, ret: 0, firstRet: 0, start: tick };
  if (verify) a.snap = blockCodes(v, dest);
}

/** --verify: the codes of the 5 x 5 x 5 blocks around s1 and around s2 (in that order), s1 and s2 themselves left out (254). */
let codeArr: Uint8Array = new Uint8Array(0);
function blockCodes(s1: number, s2: number): Uint8Array {
  const o = new Uint8Array(250).fill(255);
  let k = 0;
  for (const s of [s1, s2]) {
    const z = (s / nxy) | 0, r = s - z * nxy, y = (r / nx) | 0, x = r - y * nx;
    for (let dz = -2; dz <= 2; dz++) for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++, k++) {
      const zz = z + dz;
      if (zz < 0 || zz >= nz) continue;
      const w = zz * nxy + ((y + dy + ny) % ny) * nx + ((x + dx + nx) % nx);
      o[k] = w === s1 || w === s2 ? 254 : codeArr[w]!;
    }
  }
  return o;
}

function ownReduction(v: number): void {
  const c = chains.get(v);
  const cont = c !== undefined && lastTick[v] === c.tEnd && maxOther(v, -1) <= c.tEnd;
  if (c !== undefined && !cont) closeChain(v);
  tick++; lastTick[v] = tick; lastWho[v] = 0;
  if (atomAt[v] !== 0) endAtom(atoms.get(atomAt[v]!)!);
  newAtom(v, true);
  if (cont) { c!.n++; c!.tEnd = tick; add('red-ox chain: reductions after a clean oxidation'); } else chains.set(v, { n: 0, tEnd: tick });
}

function ownOxidation(v: number): void {
  const a = atoms.get(atomAt[v]!);
  add('oxidations');
  let clean = false;
  if (a !== undefined && a.bornRed) {
    add(`oxidations of atoms reduced in this run, ${a.hops === 0 ? 'no hop' : a.hops <= 10 ? '1-10 hops' : 'more than 10 hops'} since`);
    if (a.hops === 0) {
      clean = maxOther(v, a.id) <= a.bornTick;
      add(`reduction then oxidation of the same voxel, ${clean ? 'nothing nearby changed' : 'changed nearby'}`);
    }
  }
  if (a !== undefined) endAtom(a);
  tick++; lastTick[v] = tick; lastWho[v] = 0;
  const c = chains.get(v);
  if (clean && c !== undefined && c.tEnd === a!.bornTick) { c.n++; c.tEnd = tick; } else closeChain(v);
}

// ---- the wrappers
let on = false, inEvent = false, curV = -1;
const log: number[] = [];
const setCodeNb = P.setCodeNb as (this: Any, v: number, c: number, nb: Int32Array) => void;
P.setCodeNb = function (this: Any, v: number, c: number, nb: Int32Array) {
  const old = this.code[v] as number;
  setCodeNb.call(this, v, c, nb);
  if (!on) return;
  if (inEvent) log.push(v, old, c);
  else if (old !== c) applyOther(v, old, c);
};
const executeAt = P.executeAt as (this: Any, e: number, v: number) => number;
P.executeAt = function (this: Any, e: number, v: number) { curV = v; return executeAt.call(this, e, v); };
const execute = P.execute as (this: Any, e: number) => number;
const seen = new Map<number, number>();
P.execute = function (this: Any, e: number) {
  if (!on) return execute.call(this, e);
  const k = this.counters as Any, r0 = k.reductions, o0 = k.oxidations, h0 = k.hops;
  inEvent = true; log.length = 0; curV = -1;
  const ch = execute.call(this, e);
  inEvent = false;
  // net changes of the event, in the order of their first change
  seen.clear();
  const net: number[] = [];
  for (let i = 0; i < log.length; i += 3) {
    const v = log[i]!, j = seen.get(v);
    if (j === undefined) { seen.set(v, net.length); net.push(v, log[i + 1]!, log[i + 2]!); } else net[j + 2] = log[i + 2]!;
  }
  const hop = k.hops > h0, red = k.reductions > r0, ox = k.oxidations > o0;
  const dest = hop ? this.lastHopTo as number : -1;
  const own = (v: number) => v === curV || v === dest;
  if (ox) ownOxidation(curV);
  for (let i = 0; i < net.length; i += 3) if (net[i + 1] !== net[i + 2] && !((hop || red || ox) && own(net[i]!))) applyOther(net[i]!, net[i + 1]!, net[i + 2]!);
  if (hop) ownHop(curV, dest);
  else if (red) ownReduction(curV);
  else if (!ox) add('events with no move, reduction or oxidation (blocked or rejected hops)');
  return ch;
};

// ---- summaries
const sumH = (m: Map<number, number>, f: (h: number) => number) => { let s = 0; for (const [h, n] of m) s += n * f(h); return s; };
const bins = (m: Map<number, number>) => {
  const edges = [0, 1, 2, 3, 4, 5, 6, 8, 11, 21, 51, 101, 1001, Infinity];
  const o: Record<string, { count: number; hops: number }> = {};
  for (let b = 0; b + 1 < edges.length; b++) {
    const lo = edges[b]!, hi = edges[b + 1]! - 1;
    const name = lo === hi ? `${lo}` : hi === Infinity ? `${lo}+` : `${lo}-${hi}`;
    let c = 0, hsum = 0;
    for (const [h, n] of m) if (h >= lo && h <= hi) { c += n; hsum += n * h; }
    if (c > 0) o[name] = { count: c, hops: hsum };
  }
  return o;
};
const quant = (m: Map<number, number>, q: number) => {
  const tot = sumH(m, () => 1); let acc = 0;
  for (const h of [...m.keys()].sort((a, b) => a - b)) { acc += m.get(h)!; if (acc >= q * tot) return h; }
  return NaN;
};
const r4 = (x: number) => +x.toFixed(4);

const results: Any[] = [];
const commit = (() => { try { return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })();
const dirty = (() => { try { return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== ''; } catch { return true; } })();
for (const run of runs) {
  const load0 = loadavg()[0]!;
  const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
  const c0 = cpu();
  const sim = new Simulation(parseRunInput({ ...run.input, seed }), {}) as unknown as Any;
  reset(sim.app);
  const windows: Any[] = [];
  let wPrev = { events: 0, dep: 0, red: 0, ox: 0, hops: 0, r2: 0, r3: 0, r4: 0, redox: 0 };
  const snap = () => ({ events: sim.events as number, dep: sim.netVoxels as number, red: sim.app.counters.reductions as number, ox: sim.app.counters.oxidations as number, hops: sim.app.counters.hops as number, r2: C['returns j=2 clean'] ?? 0, r3: C['returns j=3 clean'] ?? 0, r4: C['returns j=4 clean'] ?? 0, redox: C['reduction then oxidation of the same voxel, nothing nearby changed'] ?? 0 });
  const windowRow = () => {
    const s = snap(), e = s.events - wPrev.events;
    if (e <= 0) return;
    windows.push({ events: [wPrev.events, s.events], deposited_voxels: s.dep - wPrev.dep, hops_per_event: r4((s.hops - wPrev.hops) / e), clean_returns_per_event: { j2: r4((s.r2 - wPrev.r2) / e), j3: r4((s.r3 - wPrev.r3) / e), j4: r4((s.r4 - wPrev.r4) / e) }, clean_red_ox_pairs_per_event: r4((s.redox - wPrev.redox) / e), reductions: s.red - wPrev.red, oxidations: s.ox - wPrev.ox });
    wPrev = s;
  };
  on = true;
  sim.runAll({ chunk: 1_000_000, ...(run.eventLimit ? { eventLimit: run.eventLimit } : {}), onProgress: () => { windowRow(); process.stderr.write(`${run.name.slice(0, 30)}: ${sim.events} events\n`); } });
  on = false;
  windowRow();
  for (const a of [...atoms.values()]) endAtom(a);
  for (const v of [...chains.keys()]) closeChain(v);
  const E = sim.events as number, dep = sim.netVoxels as number, k = sim.app.counters as Any;
  const perVox = (x: number) => r4(x / dep);
  const seg: Any = {};
  for (let i = 0; i < KS.length; i++) {
    const m = H.seg[i]!, r = R[i]!;
    const intra = sumH(m, (h) => h), withRet = sumH(m, (h) => (h >= 2 ? h : 0));
    const oracle = sumH(m, (h) => Math.max(0, h - cost));
    // on the first return: the stretches with a return; their hops up to and with the first return made one by one
    const afterFirst = r.h - r.first - cost * r.n;
    seg[`k=${KS[i]}`] = {
      stretches: sumH(m, () => 1), stretches_with_a_return: r.n, intra_hops_in_stretches_with_a_return: r.h, hops_up_to_the_first_return: r.first,
      intra_hops: intra, intra_hops_per_event: r4(intra / E), intra_hops_per_deposited_voxel: perVox(intra),
      intra_hops_in_stretches_of_2_or_more: withRet, per_deposited_voxel_h_2_or_more: perVox(withRet),
      removed_oracle: { events: oracle, per_deposited_voxel: perVox(oracle), fraction_of_events: r4(oracle / E), speedup_bound: r4(E / (E - oracle)) },
      removed_oracle_by_cost: Object.fromEntries([1, 1.5, 2, 3].map((c) => { const x = sumH(m, (h) => Math.max(0, h - c)); return [`${c}`, { events: x, fraction_of_events: r4(x / E), speedup_bound: r4(E / (E - x)) }]; })),
      removed_on_first_return: { events: afterFirst, per_deposited_voxel: perVox(afterFirst), fraction_of_events: r4(afterFirst / E), speedup_bound: r4(E / (E - afterFirst)) },
      h_median: quant(m, 0.5), h_p90: quant(m, 0.9), h_p99: quant(m, 0.99), h_max: Math.max(...m.keys()),
      h_distribution: bins(m),
    };
  }
  const chainEvents = sumH(H.chain, (n) => (n >= 1 ? n + 1 : 0));
  const chainOracle = sumH(H.chain, (n) => Math.max(0, n + 1 - cost));
  const cleanPairs = C['reduction then oxidation of the same voxel, nothing nearby changed'] ?? 0;
  results.push({
    run: run.name, events: E, deposited_voxels: dep, events_per_deposited_voxel: r4(E / dep),
    reductions: k.reductions, oxidations: k.oxidations, hops: k.hops, rejected_hops: k.rejectedHops, blocked_step_ups: k.blockedStepUps,
    first_passage_exits: sim.app.lone?.stats.exits ?? 0, first_passage_placements: sim.app.lone?.stats.resolved ?? 0,
    per_deposited_voxel: { reductions: perVox(k.reductions), oxidations: perVox(k.oxidations), hops: perVox(k.hops) },
    literal_returns: Object.fromEntries(['2', '3', '4'].map((j) => [`j=${j}`, {
      clean: C[`returns j=${j} clean`] ?? 0, changed_nearby: C[`returns j=${j} changed nearby`] ?? 0,
      clean_per_deposited_voxel: perVox(C[`returns j=${j} clean`] ?? 0), clean_fraction_of_events: r4((C[`returns j=${j} clean`] ?? 0) / E),
    }])),
    two_state_flicker_runs: {
      runs: sumH(H.run2, () => 1), flicker_hops: sumH(H.run2, (n) => n),
      hops_in_runs_with_their_first_hop: sumH(H.run2, (n) => n + 1),
      per_deposited_voxel_with_first_hop: perVox(sumH(H.run2, (n) => n + 1)),
      length_median: quant(H.run2, 0.5), length_p90: quant(H.run2, 0.9), length_p99: quant(H.run2, 0.99), length_max: H.run2.size ? Math.max(...H.run2.keys()) : 0,
      length_distribution: bins(H.run2),
    },
    k_state_stretches: seg,
    red_ox: {
      oxidations: C.oxidations ?? 0,
      same_voxel_pairs_nothing_nearby_changed: cleanPairs, same_voxel_pairs_changed_nearby: C['reduction then oxidation of the same voxel, changed nearby'] ?? 0,
      clean_pairs_per_deposited_voxel: perVox(cleanPairs),
      oxidations_of_atoms_reduced_in_the_run: Object.fromEntries(Object.entries(C).filter(([key]) => key.startsWith('oxidations of atoms')).map(([key, n]) => [key.replace('oxidations of atoms reduced in this run, ', ''), n])),
      chains_of_clean_red_ox_at_one_voxel: { events_in_chains_of_1_or_more_returns: chainEvents, per_deposited_voxel: perVox(chainEvents), removed_oracle: chainOracle, length_distribution: bins(H.chain) },
    },
    other: Object.fromEntries(Object.entries(C).filter(([key]) => !key.startsWith('returns') && !key.startsWith('oxidations') && !key.startsWith('reduction then'))),
    windows_of_1M_events: windows,
    cpu_s_wrapped: +(cpu() - c0).toFixed(1), load_average_1min_start: load0, load_average_1min_end: loadavg()[0],
  });
  process.stderr.write(`${run.name}: done, ${E} events\n`);
}
writeFileSync(out, JSON.stringify({
  what: 'issue 11 fourteenth round: flicker census (bench/flicker-census.ts): hops that return an atom to a site it left, with nothing else changed nearby, and what an exact k-state superbasin would remove',
  date: new Date().toISOString(), node: process.version, commit, working_tree_changes: dirty,
  nearby: 'Chebyshev distance <= 2 (5 x 5 x 5 voxels, periodic in x, y) of any site of the cycle or stretch',
  cost_model: `a basin costs ${cost} events' work (set-up and its exit draw or early resolution); its exit hop is an event in both schemes; speed-up bound = E / (E - removed), per event's work`,
  runs: results,
}, null, 1) + '\n');
process.stderr.write(`written ${out}\n`);
