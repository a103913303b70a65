/**
 * Task fieldce2 (session 57): what fieldce left on the electrolyte field's sealed pores (docs/transport.md "Stripping
 * into a sealed pore"). Counters only, wrapped at run time (no draw, no state change but the flood's scratch marks):
 *  - reductions drawn / accepted where the liquid is sealed (an EMPTY voxel whose field cell is not joined to the
 *    boundary plane, ConcentrationField.joinedToTop; an SEI voxel whose EMPTY neighbours all lie in such cells), per step;
 *  - during a galvanostatic strip, at every update of the galvanostat: the share s of B (the oxidation rate sum it is
 *    handed) held by oxidations Transport.oxidationSealed would reject (a scan of the oxidation events), time-weighted,
 *    and the overpotential that share alone shifts the Butler-Volmer solve by, ln(1/(1 - s)) / ((1 - alpha) f);
 *  - the CPU of Transport.oxidationSealed (the engine's calls only) and of the probe's own joinedToTop tests on the
 *    reductions (what an L2 test would cost without a cache), against the whole run and the field's own wall time.
 *
 *   node dist/bench/field-sealed-probe.js small|cu SEED [field 0|1]
 * small: 12 x 12 x 30 of 100 nm, sei: carbonate, Plate 0.2 mAh/cm2 at 1 mA/cm2, Rest 1 s, Strip to 1 V (fieldce's);
 * cu: review89's cu.yaml (16 x 16 x 40, 2 x [Plate 0.5 mAh/cm2, Rest 1 s, Strip to 1 V]). Field cells = voxels (default).
 */
import { performance } from 'node:perf_hooks';
import { CH_OX, PlatingApp } from '../src/apps/plating.js';
import { Transport } from '../src/fields/transport.js';
import { parseRunInput } from '../src/input/parse.js';
import { EMPTY, METAL } from '../src/lattice/species.js';
import { Simulation } from '../src/simulation/simulation.js';
import { DoubleLayerStepController } from '../src/simulation/step-parts.js';

const which = process.argv[2] ?? 'small';
const seed = Number(process.argv[3] ?? 1);
const withField = (process.argv[4] ?? '1') === '1';

type AnyFn = (...a: unknown[]) => unknown;
/* eslint-disable @typescript-eslint/no-explicit-any */
const tpProto = Transport.prototype as any;
const ctlProto = DoubleLayerStepController.prototype as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

let appRef: PlatingApp | null = null;
const nb = new Int32Array(6);
/** whether the liquid a reduction at v would take its ion from is sealed */
function reductionSealed(v: number, app: PlatingApp, tp: Transport): boolean {
  const f = tp.field, cv = app.code[v]!;
  if (cv === EMPTY) return !f.joinedToTop(f.cellOfVoxel(v));
  app.lat.neighbors(v, nb);
  let n = 0;
  for (let d = 0; d < 6; d++) {
    const t = nb[d]!;
    if (t < 0 || app.code[t] !== EMPTY) continue;
    n++;
    if (f.joinedToTop(f.cellOfVoxel(t))) return false;
  }
  return n > 0;
}

// per step: reductions drawn / accepted in sealed liquid (EMPTY, through SEI), salt they spent; probe CPU
let drawnSealed = 0, accSealed = 0, accSealedSei = 0, accAll = 0, redProbe_ms = 0, redProbeCalls = 0;
const origAccept = tpProto.accept as AnyFn, origSei = tpProto.acceptThroughSei as AnyFn;
tpProto.accept = function (this: Transport, v: number, rng: unknown) {
  const ok = origAccept.call(this, v, rng) as boolean;
  if (appRef) {
    const w0 = performance.now();
    const s = reductionSealed(v, appRef, this);
    redProbe_ms += performance.now() - w0; redProbeCalls++;
    if (s) { drawnSealed++; if (ok) accSealed++; }
  }
  if (ok) accAll++;
  return ok;
};
tpProto.acceptThroughSei = function (this: Transport, v: number, app: PlatingApp, rng: unknown) {
  const ok = origSei.call(this, v, app, rng) as boolean;
  const w0 = performance.now();
  const s = reductionSealed(v, app, this);
  redProbe_ms += performance.now() - w0; redProbeCalls++;
  if (s) { drawnSealed++; if (ok) accSealedSei++; }
  if (ok) accAll++;
  return ok;
};

// the engine's oxidationSealed: calls, rejections, CPU
let inScan = false, oxCalls = 0, ox_ms = 0;
const origOxSealed = tpProto.oxidationSealed as AnyFn;
tpProto.oxidationSealed = function (this: Transport, v: number, app: PlatingApp) {
  if (inScan) return origOxSealed.call(this, v, app);
  const w0 = performance.now();
  const r = origOxSealed.call(this, v, app);
  ox_ms += performance.now() - w0; oxCalls++;
  return r;
};

// the galvanostat's B during a strip: share held by sealed oxidations, time-weighted
let lastT = NaN, lastS = 0, lastEta = 0, wT = 0, wS = 0, wEta = 0, sMax = 0, tAbove2 = 0, wDeta = 0, scanUpdates = 0, scan_ms = 0;
let alphaF = NaN;
const origUpdate = ctlProto.update as AnyFn;
ctlProto.update = function (this: any, t: number, sums: Float64Array, mult: Float64Array) {
  const r = origUpdate.call(this, t, sums, mult);
  const c = this.c, tp = this.tp as Transport | null;
  if (!tp || !c.galvano || !(c.sign < 0)) return r;
  const app = this.host.app as PlatingApp, solver = app.solver, dl = this.dl;
  if (Number.isNaN(alphaF)) alphaF = (1 - dl.cfg.alpha) * dl.cfg.f_per_V;
  if (lastT === lastT && t > lastT) {
    const dt = t - lastT;
    wT += dt; wS += dt * lastS; wEta += dt * lastEta; if (lastS > 0.02) tAbove2 += dt;
    wDeta += dt * (lastS < 1 ? Math.log(1 / (1 - lastS)) / alphaF : 0);
  }
  const w0 = performance.now();
  inScan = true;
  let bs = 0;
  const keys = app.slots.slotKey, n = app.slots.slotCount, rate = solver.rate;
  for (let s = 0; s < n; s++) {
    const v = keys[s]!;
    if (v < 0 || app.code[v] !== METAL) continue;
    const cls = solver.classOf(2 * s);
    if (cls < 0) continue;
    if (tp.oxidationSealed(v, app)) bs += rate[cls]!;
  }
  inScan = false;
  scan_ms += performance.now() - w0; scanUpdates++;
  const B = solver.sum[CH_OX]!;
  lastS = B > 0 ? bs / B : 0; lastEta = this.host.eta; lastT = t;
  if (lastS > sMax) sMax = lastS;
  return r;
};

const steps = which === 'cu'
  ? [{ repeat: 2, steps: ['Plate 0.5 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s', 'Strip at 1 mA/cm2 for 1800 s or until 1 V'] }]
  : [{ repeat: 1, steps: ['Plate 0.2 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s', 'Strip at 1 mA/cm2 for 1800 s or until 1 V'] }];
const size = which === 'cu' ? [16, 16, 40] : [12, 12, 30];
const input: Record<string, unknown> = {
  metal: 'Li', temperature: '25 degC', lattice: { size, voxel: '100 nm' }, host: 'Cu', sei: 'carbonate',
  protocol: steps, seed, output: { snapshots: false },
};
if (withField) input.electrolyte = 'LiPF6-EC-DMC';
const cpu0 = process.cpuUsage();
const sim = new Simulation(parseRunInput(input));
appRef = sim.app;
let plated = 0, sealedOx0 = 0, oxCalls0 = 0, ox_ms0 = 0, field0 = 0;
const rows: unknown[] = [];
sim.runAll({
  onStepEnd: (s, r) => {
    appRef = s.app;
    const tp = s.transport;
    const row: Record<string, unknown> = {
      step: r.kind, ended: r.ended, net: r.net_voxels, connected: r.connected_voxels, dead: r.dead_voxels,
      redSealedDrawn: drawnSealed, redSealedAccepted: accSealed, redSealedAcceptedThroughSei: accSealedSei, redAccepted: accAll,
      sealedOxidations: tp ? tp.sealedOxidations - sealedOx0 : null, oxSealedCalls: oxCalls - oxCalls0, oxSealed_ms: +(ox_ms - ox_ms0).toFixed(1),
      redProbe_ms: +redProbe_ms.toFixed(1), redProbeCalls, fieldWall_ms: tp ? +(tp.fieldWall_ms - field0).toFixed(1) : null,
    };
    if (r.kind === 'plate') plated = r.net_voxels;
    if (r.kind === 'strip') {
      Object.assign(row, {
        CE: plated > 0 ? -r.net_voxels / plated : null, Bshare_mean: wT > 0 ? wS / wT : 0, Bshare_max: sMax,
        time_share_above_2pc: wT > 0 ? tAbove2 / wT : 0, dEta_mV_mean: wT > 0 ? (1000 * wDeta) / wT : 0,
        eta_mV_mean: wT > 0 ? (1000 * wEta) / wT : 0, scanUpdates, scan_ms: +scan_ms.toFixed(1),
      });
    }
    rows.push(row);
    console.log(JSON.stringify(row));
    drawnSealed = 0; accSealed = 0; accSealedSei = 0; accAll = 0; redProbe_ms = 0; redProbeCalls = 0;
    sealedOx0 = tp ? tp.sealedOxidations : 0; oxCalls0 = oxCalls; ox_ms0 = ox_ms; field0 = tp ? tp.fieldWall_ms : 0;
    lastT = NaN; lastS = 0; wT = 0; wS = 0; wEta = 0; sMax = 0; tAbove2 = 0; wDeta = 0; scanUpdates = 0; scan_ms = 0;
  },
});
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ case: which, seed, field: withField, cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(2), oxSealed_ms_total: +ox_ms.toFixed(1), oxSealedCalls: oxCalls }));
