/**
 * d2why probe (session 58, branch d2why): the two D2 results that rerun58c/d left untraced.
 *
 * `node dist/bench/d2why-probe.js on|off SEED...`: sei-area-layer's set-up at 25 nm (32 x 32 x 60, 25 degC
 * 1 mA/cm2, E_d 0.25 eV, 2 x 0.1 mAh/cm2 stripped to 1 V, carbonate SEI, settle_after_layer on or off), one JSON line
 * per seed with the SEI module's counters and a few counted here by wrapping SeiModule's methods at run time (no src/
 * change; the wrappers only read): stretched films carried by a hop, settle draws of stretched faces by pass (the
 * fast pass on the pending list, or the full pass), the settle exposure (stretched faces x dt) by pass, held checks (the
 * layer rule said "not yet"), settles of films that had been held, cracks and heals of carried / not-carried films, and
 * the SEI-bound voxels by route (electrochemical, a cracked stretched film, a fresh face, through a film).
 * Run it from a build of main (D2) and of 95e107a2~1 (before D2) to compare.
 *
 * With D2WHY_NOGHOST=1 a hop also clears the stretched bit of each face its atom covers on a live neighbour (the
 * counterfactual to the ghost stretched faces counted here; a run-time patch, src/ unchanged).
 *
 * `node dist/bench/d2why-probe.js dead SEED...`: sei-dead-voxel's 25 nm cold pair (-10 and 25 degC, 1 mA/cm2, the
 * default SEI rule), one JSON line per seed: dead %, routes (platingCut / seal / stripCut voxels), per-step dead voxels,
 * clusters, and the CPU seconds.
 */
import { SeiModule } from '../src/apps/events/sei.js';
import { CH_HOP } from '../src/apps/plating.js';
import { EMPTY, METAL } from '../src/lattice/voxel.js';
import { seiRun, deadBySource } from '../validation/studies/sei-common.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...a: any[]) => unknown;
const P = SeiModule.prototype as unknown as Record<string, Fn>;
const C = {
  carried: 0, carriedHeldAtHop: 0,
  settleFast: 0, settleFull: 0, exposureFast: 0, exposureFull: 0, exposureCarried: 0, exposureOther: 0, releasedAtFullPass: 0, fullPassSettleable: 0, ghostFaces: 0, ghostSettleable: 0, settleGhost: 0, exposureGhost: 0,
  heldChecks: 0, settledAfterHeld: 0,
  crackCarried: 0, healCarried: 0, crackOther: 0, healOther: 0,
  boundCrack: 0, boundFresh: 0, boundFilm: 0,
};
let carried = new Uint8Array(0), held = new Uint8Array(0), ghost = new Uint8Array(0);
const pop = (x: number) => { let n = 0; for (; x; x &= x - 1) n++; return n; };
const nbq = new Int32Array(6);
const NOGHOST = process.env.D2WHY_NOGHOST === '1';
type Mod = { cov: Uint8Array; str: Uint8Array; inPend: Uint8Array; layerGate: boolean; counters: { bound: number; freshFaces: number; healedFaces: number }; settleAge: { crackYoung: number; crackOld: number; boundYoung: number; boundOld: number } };

const origAfter = P.afterEvent!, origReact = P.react!, origSettleable = P.settleable!;
P.afterEvent = function (this: Mod, app: unknown, ch: unknown, v: unknown, t: unknown) {
  if (carried.length !== this.str.length) { carried = new Uint8Array(this.str.length); held = new Uint8Array(this.str.length); ghost = new Uint8Array(this.str.length); }
  // a hop's old voxel gives its live neighbours back the face it lay on (cov |= bit) but the hop that covered that face
  // cleared only cov, not str: a stretched bit left there comes back as a stretched face ("ghost"), with w's stamp
  const A = app as { lat: { neighbors(v: number, out: Int32Array): void }; code: Uint8Array };
  if (ch === CH_HOP && typeof v === 'number' && v >= 0 && A.code[v] === EMPTY) {
    A.lat.neighbors(v, nbq);
    for (let d = 0; d < 6; d++) {
      const w = nbq[d]!, bit = 1 << (d ^ 1);
      if (w >= 0 && A.code[w] === METAL && (this.cov[w]! & bit) === 0 && (this.str[w]! & bit) !== 0) {
        C.ghostFaces++; ghost[w] = 1;
        if (this.layerGate && (origSettleable.call(this, app, w) as boolean)) C.ghostSettleable++;
      }
    }
  }
  const r = origAfter.call(this, app, ch, v, t);
  const dest = (app as { lastHopTo: number }).lastHopTo;
  // D2WHY_NOGHOST=1: the counterfactual, the hop also clears the stretched bit of each face it covers (no ghosts)
  if (NOGHOST && ch === CH_HOP && typeof v === 'number' && v >= 0 && dest >= 0 && A.code[dest] === METAL) {
    A.lat.neighbors(dest, nbq);
    for (let d = 0; d < 6; d++) { const w = nbq[d]!, bit = 1 << (d ^ 1); if (w >= 0 && A.code[w] === METAL && (this.cov[w]! & bit) === 0) this.str[w] = this.str[w]! & ~bit; }
  }
  if (ch === CH_HOP && typeof v === 'number' && v >= 0 && dest >= 0 && this.str[dest] !== 0 && this.str[v] === 0) {
    C.carried++; carried[dest] = 1; if (held[v]) C.carriedHeldAtHop++; held[dest] = held[v]!; ghost[dest] = ghost[v]!;
  }
  return r;
};
P.settleable = function (this: Mod, app: unknown, v: number) {
  const ok = origSettleable.call(this, app, v) as boolean;
  if (!ok) { C.heldChecks++; held[v] = 1; }
  return ok;
};
P.react = function (this: Mod, app: unknown, v: number, dt: number, fresh: boolean, thick: boolean) {
  const s0 = this.str[v]!, a = this.settleAge, c = this.counters;
  const cr0 = a.crackYoung + a.crackOld, he0 = c.healedFaces, b0 = c.bound, bc0 = a.boundYoung + a.boundOld, ff0 = c.freshFaces;
  // exposure of stretched faces the layer rule lets settle (all of them without the rule): faces x dt, by pass and carried or not
  if (fresh && s0 !== 0 && (!this.layerGate || (origSettleable.call(this, app, v) as boolean))) {
    const A = app as { lat: { neighbors(v: number, out: Int32Array): void }; code: Uint8Array };
    A.lat.neighbors(v, nbq);
    let eff = 0;
    for (let d = 0; d < 6; d++) { const t = nbq[d]!; if (t >= 0 && A.code[t] === EMPTY && (s0 & this.cov[v]! & (1 << d)) !== 0) eff++; }
    const e = eff * dt;
    if (thick && eff > 0) C.fullPassSettleable++;
    if (thick) C.exposureFull += e; else C.exposureFast += e;
    if (carried[v]) C.exposureCarried += e; else C.exposureOther += e;
    if (ghost[v]) C.exposureGhost += e;
    if (thick) C.releasedAtFullPass++;
  }
  const r = origReact.call(this, app, v, dt, fresh, thick);
  const cr = a.crackYoung + a.crackOld - cr0, he = c.healedFaces - he0;
  if (cr + he > 0) {
    if (thick) C.settleFull += cr + he; else C.settleFast += cr + he;
    if (carried[v]) { C.crackCarried += cr; C.healCarried += he; } else { C.crackOther += cr; C.healOther += he; }
    if (held[v]) C.settledAfterHeld += cr + he;
    if (ghost[v]) C.settleGhost += cr + he;
  }
  if (c.bound > b0) {
    if (a.boundYoung + a.boundOld > bc0) C.boundCrack++; else if (c.freshFaces > ff0) C.boundFresh++; else C.boundFilm++;
  }
  if (this.str[v] === 0) { carried[v] = 0; held[v] = 0; ghost[v] = 0; }
  return r;
};

const [mode, ...rest] = process.argv.slice(2);
const seeds = rest.map(Number);
const protocol = (j: number) => [{ repeat: 2, steps: [`Plate ${0.1} mAh/cm2 at ${j} mA/cm2`, `Strip at ${j} mA/cm2 until 1 V`] }];
for (const seed of seeds) {
  if (mode !== 'on' && mode !== 'off' && mode !== 'dead') throw new Error('use: on|off SEED... | dead SEED...');
  if (mode === 'on' || mode === 'off') {
    for (const k of Object.keys(C) as (keyof typeof C)[]) C[k] = 0;
    carried = new Uint8Array(0); held = new Uint8Array(0); ghost = new Uint8Array(0);
    const u0 = process.cpuUsage();
    const r = seiRun({ seed, sei: mode === 'on' ? { set: 'carbonate', settle_after_layer: true } : 'carbonate', terraceBarrier_eV: 0.25, T_degC: 25, j_mA: 1,
      size: [32, 32, 60], voxel_nm: 25, protocol: protocol(1) });
    const u = process.cpuUsage(u0), sei = r.sim.sei!;
    const plated = r.summary.plated_voxels_total;
    console.log(JSON.stringify({ mode, seed, noGhost: NOGHOST, seiPct: r.summary.sei_charge_fraction * 100, deadPct: r.summary.dead_metal_fraction * 100, plated,
      bound: sei.counters.bound, boundElectrochemical: sei.counters.boundElectrochemical, stretchedMade: sei.counters.stretched, healed: sei.counters.healedFaces,
      settleAge: sei.settleAge, ...C, cpu_s: (u.user + u.system) / 1e6 }));
  } else {
    const u0 = process.cpuUsage();
    const out: Record<string, unknown> = { seed };
    for (const T of [-10, 25]) {
      const r = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: 0.25, T_degC: T, j_mA: 1, size: [32, 32, 60], voxel_nm: 25, protocol: protocol(1) });
      const rep = r.sim.sei!.report(r.sim.app);
      out[T === 25 ? 'warm' : 'cold'] = { deadPct: r.summary.dead_metal_fraction * 100, plated: r.summary.plated_voxels_total, src: deadBySource(r),
        steps: r.steps.map((s) => `${s.kind}:${s.deadFormed}/${s.deadBySei}`), clusters: rep.dead_clusters, clusterMean: rep.dead_cluster_mean_voxels, clusterMax: rep.dead_cluster_max_voxels };
    }
    const u = process.cpuUsage(u0);
    out.cpu_s = (u.user + u.system) / 1e6;
    console.log(JSON.stringify(out));
  }
}
