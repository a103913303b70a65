/**
 * seibare probe (session 60, branch seibare): does a surface hop give film for free?
 *
 * In afterEvent's hop branch (src/apps/events/sei.ts) main's rule (before seibare) set `cov[dest] = exposedMask(dest)`
 * and gave each live metal face the atom uncovers at its old voxel v a film (`cov[w] |= bit`), whatever film there was:
 * a bare atom (fresh faces the fast pass had not yet passivated) came out of a hop filmed, and so did the faces it left.
 * This probe counts, by wrapping SeiModule.afterEvent at run time (it only reads; no src/ change), per run:
 *  - hops: hops the SEI module saw (the atom landed on live metal's site, v left empty);
 *  - hopsFresh / freshFacesAtV: hops by an atom with at least one fresh exposed face at v (exposedMask(v) & ~cov[v] != 0),
 *    and those fresh faces;
 *  - src: the film that existed (the atom's film on its exposed faces at v, the film of the live faces dest buries, and as
 *    afterReduction counts them, one face each for an SEI voxel beside dest and for the host under it);
 *  - sinks: the faces the hop makes (dest's exposed faces and the live metal faces the atom uncovers at v);
 *  - newFilmed: of those, the ones that come out filmed (cov set after the hop, not before);
 *  - free: sum over hops of max(0, newFilmed - src - hopStretched), film faces made from nothing (hopStretched: faces the
 *    hop covers by stretching the film over more area than it had, counters.stretched's rise in the hop: 0 on main's
 *    rule, which never stretched in a hop; seibare's rule stretches where the film is short); freeFresh: the part in hops
 *    by an atom with fresh faces; freeNoFilm: newFilmed of the hops with no film at all (src 0: a bare atom on a bare surface);
 *  - deficit / debris: sum of max(0, sinks - src) and of max(0, src - sinks) (new area a hop makes and film it leaves);
 *  - against the module's own passivation: passivatedFaces (fresh faces filmed by the fast or full pass) and bound (metal
 *    voxels turned into SEI), with CE, dead metal and the SEI-bound share (cycleSummary), and the CPU seconds.
 *
 * Run it from any build: on main's (before seibare) free counts the film hops make from nothing; on seibare's fix it must
 * read 0 (the hop moves only the film that exists).
 *   node dist/bench/seibare-probe.js licu [SEED...]            examples/cycling-licu.yaml's SEI cases (its seed 1 unless given)
 *   node dist/bench/seibare-probe.js study ED T_DEGC SEED...   sei-common's seiRun (Li||Cu 16 x 16 x 40, 100 nm, carbonate,
 *                                                              2 x 0.1 mAh/cm2 at 1 mA/cm2 stripped to 1 V), E_d in eV
 *   node dist/bench/seibare-probe.js voxel NM T_DEGC SEED...   sei-dead-voxel's box at NM nm voxels (100, 50, 25, 12.5;
 *                                                              0.8 x 0.8 x 1.5 um, E_d 0.25 eV, 1 mA/cm2, the same protocol)
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { SeiModule } from '../src/apps/events/sei.js';
import { CH_HOP } from '../src/apps/plating.js';
import { EMPTY, METAL, SEI, SEI_INORGANIC, HOST_BASE } from '../src/lattice/species.js';
import { parseCompareInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary, type CycleSummary } from '../src/simulation/cycles.js';
import { seiRun } from '../validation/studies/sei-common.js';
import { GRIDS as VOXEL_GRIDS } from '../validation/studies/sei-dead-voxel.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...a: any[]) => unknown;
type Mod = { cov: Uint8Array; counters: { passivatedFaces: number; bound: number; freshByReduction: number; freshByStripping: number; stretched: number } };
type App = { lastHopTo: number; code: Uint8Array; lat: { neighbors(v: number, out: Int32Array): void } };
const P = SeiModule.prototype as unknown as Record<string, Fn>;
const C = { hopStretched: 0, freshByHop: 0, hops: 0, hopsFresh: 0, freshFacesAtV: 0, src: 0, sinks: 0, newFilmed: 0, free: 0, freeFresh: 0, hopsNoFilm: 0, freeNoFilm: 0, deficit: 0, debris: 0 };
const nb = new Int32Array(6);
const pop = (x: number) => { let n = 0; for (; x; x &= x - 1) n++; return n; };
const origAfter = P.afterEvent!;
const unc: { w: number; bit: number; before: number }[] = [];
P.afterEvent = function (this: Mod, app: App, ch: unknown, v: unknown, t: unknown) {
  const dest = app.lastHopTo, code = app.code;
  if (!(ch === CH_HOP && typeof v === 'number' && v >= 0 && code[v] === EMPTY && dest >= 0 && code[dest] === METAL)) return origAfter.call(this, app, ch, v, t);
  const cov = this.cov;
  // the atom's exposed faces at v before the hop: those on electrolyte now, and the one toward dest (electrolyte then)
  app.lat.neighbors(v, nb);
  let exposedV = 0;
  unc.length = 0;
  for (let d = 0; d < 6; d++) {
    const w = nb[d]!;
    if (w < 0) continue;
    if (w === dest || code[w] === EMPTY) exposedV |= 1 << d;
    if (w !== dest && code[w] === METAL) unc.push({ w, bit: 1 << (d ^ 1), before: cov[w]! & (1 << (d ^ 1)) });
  }
  const fresh = exposedV & ~cov[v]!;
  let src = pop(cov[v]! & exposedV);
  app.lat.neighbors(dest, nb);
  let destExposed = 0;
  for (let d = 0; d < 6; d++) {
    const w = nb[d]!;
    if (w < 0) continue;
    const c = code[w]!;
    if (c === EMPTY) destExposed++;
    else if (w !== v && c === METAL && (cov[w]! & (1 << (d ^ 1))) !== 0) src++;
    else if (c === SEI || c === SEI_INORGANIC) src++;
    else if (c >= HOST_BASE && d === 5) src++;
  }
  const st0 = this.counters.stretched, fh0 = (this.counters as { freshByHop?: number }).freshByHop ?? 0;
  const r = origAfter.call(this, app, ch, v, t);
  const hopStretched = this.counters.stretched - st0;
  C.hopStretched += hopStretched; C.freshByHop += ((this.counters as { freshByHop?: number }).freshByHop ?? 0) - fh0;
  let newFilmed = pop(cov[dest]!);
  for (const u of unc) if (u.before === 0 && (cov[u.w]! & u.bit) !== 0) newFilmed++;
  const sinks = destExposed + unc.length;
  const free = Math.max(0, newFilmed - src - hopStretched);
  C.hops++; C.src += src; C.sinks += sinks; C.newFilmed += newFilmed; C.free += free;
  C.deficit += Math.max(0, sinks - src); C.debris += Math.max(0, src - sinks);
  if (fresh !== 0) { C.hopsFresh++; C.freshFacesAtV += pop(fresh); C.freeFresh += free; }
  if (src === 0) { C.hopsNoFilm++; C.freeNoFilm += newFilmed; }
  return r;
};

function line(kase: string, seed: number, sim: Simulation, s: CycleSummary, cpu: NodeJS.CpuUsage): string {
  const m = sim.sei as unknown as Mod | undefined;
  const k = m?.counters;
  return JSON.stringify({
    kase, seed, ...C, passivatedFaces: k?.passivatedFaces ?? 0, bound: k?.bound ?? 0, freshByReduction: k?.freshByReduction ?? 0,
    freshByStripping: k?.freshByStripping ?? 0, stretched: k?.stretched ?? 0,
    freePerPassivated: k && k.passivatedFaces > 0 ? C.free / k.passivatedFaces : null,
    cePct: 100 * s.average_ce, deadPct: 100 * s.dead_metal_fraction, seiPct: 100 * s.sei_charge_fraction, plated: s.plated_voxels_total,
    cpu_s: (cpu.user + cpu.system) / 1e6,
  });
}
const reset = () => { for (const key of Object.keys(C) as (keyof typeof C)[]) C[key] = 0; };

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'licu') {
  const cases = parseCompareInput(parseYaml(readFileSync('examples/cycling-licu.yaml', 'utf8')));
  const seeds = rest.length > 0 ? rest.map(Number) : [undefined];
  for (const seed of seeds) {
    for (const c of cases) {
      if (!c.run.sei) continue;
      reset();
      const run = seed === undefined ? c.run : { ...c.run, seed };
      const u0 = process.cpuUsage();
      const sim = new Simulation(run);
      sim.runAll();
      console.log(line(c.name, run.seed, sim, cycleSummary(sim), process.cpuUsage(u0)));
    }
  }
} else if (mode === 'study') {
  const [ed, T, ...seeds] = rest.map(Number);
  if (ed === undefined || T === undefined || seeds.length === 0) throw new Error('use: study ED_eV T_degC SEED...');
  for (const seed of seeds) {
    reset();
    const u0 = process.cpuUsage();
    const r = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: ed, T_degC: T });
    console.log(line(`seiRun E_d ${ed} eV ${T} degC`, seed, r.sim, r.summary, process.cpuUsage(u0)));
  }
} else if (mode === 'voxel') {
  const [nm, T, ...seeds] = rest.map(Number);
  const g = VOXEL_GRIDS.find((x) => x.voxel_nm === nm);
  if (!g || T === undefined || seeds.length === 0) throw new Error('use: voxel NM T_degC SEED... (NM 100, 50, 25 or 12.5)');
  for (const seed of seeds) {
    reset();
    const u0 = process.cpuUsage();
    const r = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: 0.25, T_degC: T, size: [g.n, g.n, g.nz], voxel_nm: g.voxel_nm,
      protocol: [{ repeat: 2, steps: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }] });
    console.log(line(`sei-dead-voxel box ${nm} nm ${T} degC`, seed, r.sim, r.summary, process.cpuUsage(u0)));
  }
} else throw new Error('use: licu [SEED...] | study ED_eV T_degC SEED... | voxel NM T_degC SEED...');
