/**
 * stripfilm (review87 F1, F3): must show 2's set-up (validation/studies/sei-aurbach.ts: Li||Cu, 16 x 16 x 40 voxels of
 * 100 nm, E_d 0.35 eV, 1 mA/cm2, reservoir 0.2 mAh/cm2, 5 x 0.05 mAh/cm2, strip to 1 V; seeds 1-24) on this build, for a
 * before/after comparison with main's build (copy the compiled file into that build's dist/bench/ and run it there):
 *   node dist/bench/sei-strip-film.js [SEEDS=24] > after.json        (this build; main's: > before.json)
 *   node dist/bench/sei-strip-film.js combine before.json after.json   (paired seeds, after minus before)
 * Prints per set (carbonate, and ether-LiNO3 for the must-show-2 gap) and seed the Aurbach CE (%), the SEI-bound and
 * dead shares of the plated charge (%), and what the strip rule met: oxidations whose vacated voxel touches dead metal,
 * the dead faces they exposed, and of those how many carried a film bit before the module saw the strip (the dead
 * metal's own film: deadfilm leaves it on the face a new atom buries; main's react() erased it at the next full pass),
 * and how many of those were stretched. `combine` prints after minus before, paired by seed, with 95 % intervals, and
 * the difference ether + LiNO3 minus carbonate. The first seed's CE is checked against sei-common's seiRun (same set-up).
 *
 * Stated before the runs (committed with this file, before any of them). The change: a live atom stripped beside dead
 * metal gives its film to live faces only; the dead face keeps its own film (now kept under the atom through the full
 * passes) or is fresh where it had none (bare when buried, or the cut face of a neck this strip dissolved); a hop does
 * the same. review87's arm B (strip rule skipping DEAD, react() unchanged; examples/cycling-licu.yaml's base case, 3
 * cycles, seeds 1-30): SEI-bound -2.0 % [-3.9, -0.1] of 267 voxels, CE +0.17 [-0.07, +0.41] points, dead -0.8
 * [-6.5, +5.0] of 42 voxels. deadfilm (the mirror rule for plating) moved this set-up by CE -0.23 [-0.42, -0.04], SEI
 * +0.18 [+0.04, +0.32] points, dead +0.05 [-0.05, +0.15] points. Expected here, carbonate: CE up by 0.05 to 0.3 points
 * (92.08 % [91.90, 92.25] on main), SEI-bound down by 0.05 to 0.3 points of the plated charge (7.21 % on main: -1 to
 * -4 %), dead metal unchanged within its interval (0.71 %); the paired intervals about +-0.2 points (trajectories part at
 * the first strip beside dead metal), so a CE interval containing 0 is likely; must show 2's carbonate row stays inside
 * 90-99.5 %. Ether + LiNO3 (0.25 % dead, crack 0.2): |change| < 0.1 points, so the gap falls by 0.05 to 0.3 points. On
 * main, most dead faces exposed by a strip carry no bit (react() erased it; review87: 34 of 225 had it); on this build
 * most do (those that lack one were bare when buried, or a neck's cut face: `bareCut` counts the bare dead faces of a
 * strip that itself cut metal off; a diagnostic column added after the first runs, null in their files).
 *
 * F2 (review87), sized as an A/B, not a change of the model: bench/sei-strip-film-f2-half-bond.patch, applied to a
 * scratch copy of this build (git apply; then tsc, and run this file there): a live atom's bond to a dead neighbour is
 * half a metal bond (bindOf[DEAD] = 0.5 bond, and lateral dead metal counted through bindOf in the hop classes), as
 * seiPhysics assumes across SEI, since a dead face carries its own film. Arm F2 minus this build, seeds 1-24 paired.
 * Stated before its run: atoms beside dead metal (about 2 % of the reductions) strip and hop away sooner; the dead metal
 * itself does not move, and an atom with a weaker hold on it leaves fewer live atoms wedged against it, so dead metal
 * about unchanged (|change| < 0.1 points) and CE within +-0.3 points, sign not predicted; SEI-bound within +-0.2 points.
 * Every step end of seed 1 is checked with checkConsistency on that build (its event classes stay exact).
 *
 * Seeds 1-96 (main and this build; added after the seeds 1-24 run, whose CE and SEI intervals both contained 0): the same
 * statement as for seeds 1-24, the intervals about half as wide (about +-0.11 points on CE).
 */
import { readFileSync } from 'node:fs';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { seiRun, AURBACH } from '../validation/studies/sei-common.js';
import { DEAD, EMPTY } from '../src/lattice/species.js';
import { CH_OX } from '../src/apps/plating.js';

type Row = { seed: number; ce: number; sei: number; dead: number; oxBesideDead: number; deadFaces: number; withBit: number; stretchedBit: number; bareCut?: number };
type Out = { build: string; seeds: string; carbonate: Row[]; 'ether-LiNO3': Row[]; cpu_s: number };
const iv = (x: { mean: number; lo: number; hi: number }) => ({ mean: +x.mean.toFixed(3), lo: +x.lo.toFixed(3), hi: +x.hi.toFixed(3) });
const SETS = ['carbonate', 'ether-LiNO3'] as const;

/** sei-common's seiRun set-up for the Aurbach protocol, with a counting wrapper on the SEI module's afterEvent. */
function run(seed: number, sei: string): Row {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 40], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.35 eV' }, sei, protocol: AURBACH, seed, output: { snapshots: false },
  }));
  const s = sim.sei!, hook = s.afterEvent.bind(s), nb = new Int32Array(6);
  // the module's face bits (private fields, read only: the same names on main's build)
  const films = s as unknown as { cov: Uint8Array; str: Uint8Array };
  let oxBesideDead = 0, deadFaces = 0, withBit = 0, stretchedBit = 0, bareCut = 0, formed = sim.app.deadFormed;
  s.afterEvent = (app, ch, v, t) => {
    // dead metal formed by this event itself (a strip that cut a neck): its bare faces towards v were inside the metal
    const cut = app.deadFormed > formed;
    if (ch === CH_OX && v >= 0 && app.code[v] === EMPTY) {
      app.lat.neighbors(v, nb);
      let k = 0;
      for (let d = 0; d < 6; d++) {
        const w = nb[d]!;
        if (w < 0 || app.code[w] !== DEAD) continue;
        k++;
        const bit = 1 << (d ^ 1);
        if ((films.cov[w]! & bit) !== 0) { withBit++; if ((films.str[w]! & bit) !== 0) stretchedBit++; } else if (cut) bareCut++;
      }
      if (k > 0) { oxBesideDead++; deadFaces += k; }
    }
    hook(app, ch, v, t);
    formed = app.deadFormed;
  };
  sim.runAll(seed === 1 ? { onStepEnd: (x) => { const bad = x.app.checkConsistency(); if (bad !== null) throw new Error(`seed 1, ${sei}: ${bad}`); } } : {});
  const sum = cycleSummary(sim);
  return { seed, ce: (sum.aurbach?.ce_avg ?? NaN) * 100, sei: sum.sei_charge_fraction * 100, dead: sum.dead_metal_fraction * 100, oxBesideDead, deadFaces, withBit, stretchedBit, bareCut };
}

if (process.argv[2] === 'combine') {
  const b = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Out, a = JSON.parse(readFileSync(process.argv[4]!, 'utf8')) as Out;
  const res: Record<string, unknown> = { before: b.build, after: a.build, seeds: a.seeds };
  for (const set of SETS) {
    const arm: Record<string, unknown> = {};
    for (const k of ['ce', 'sei', 'dead'] as const) {
      const x = a[set].map((r) => r[k]), y = b[set].map((r) => r[k]);
      arm[k] = { before: iv(meanInterval(y)), after: iv(meanInterval(x)), after_minus_before: iv(pairedInterval(x, y)) };
    }
    const tot = (o: Out, k: 'oxBesideDead' | 'deadFaces' | 'withBit' | 'stretchedBit' | 'bareCut') => o[set].reduce((z, r) => z + (r[k] ?? NaN), 0);
    arm.strips_beside_dead = Object.fromEntries((['before', 'after'] as const).map((w) => { const o = w === 'before' ? b : a; return [w, { oxidations: tot(o, 'oxBesideDead'), dead_faces: tot(o, 'deadFaces'), with_film_bit: tot(o, 'withBit'), of_which_stretched: tot(o, 'stretchedBit'), bare_cut_by_the_strip: tot(o, 'bareCut') }]; }));
    res[set] = arm;
  }
  const gap = (o: Out) => o['ether-LiNO3'].map((r, i) => r.ce - o.carbonate[i]!.ce);
  res.lino3_minus_carbonate_ce = { before: iv(meanInterval(gap(b))), after: iv(meanInterval(gap(a))), after_minus_before: iv(pairedInterval(gap(a), gap(b))) };
  console.log(JSON.stringify(res, null, 1));
} else {
  const n = Number(process.argv[2] ?? 24);
  const t0 = performance.now();
  const out: Record<string, unknown> = { build: process.cwd(), seeds: `1-${n}` };
  for (const set of SETS) out[set] = Array.from({ length: n }, (_, i) => run(i + 1, set));
  const check = (seiRun({ seed: 1, sei: 'carbonate', protocol: AURBACH }).summary.aurbach?.ce_avg ?? NaN) * 100;
  const first = (out.carbonate as Row[])[0]!.ce;
  if (check !== first) throw new Error(`the bench's set-up is not seiRun's: seed 1 carbonate CE ${first} % against ${check} %`);
  out.cpu_s = +((performance.now() - t0) / 1000).toFixed(1);
  console.log(JSON.stringify(out));
}
