/**
 * Task fieldce (session 56): why the electrolyte field wrecks stripping (review89 F0). Counters only: the app's
 * afterRemoval is wrapped at run time (no draw, no state change). Per step: reductions, oxidations, the transport's
 * accepted / rejected reductions, rho; per strip: oxidations by z layer (above the host) and the cut-offs they made.
 *
 *   node dist/bench/field-strip-probe.js SEED [field 0|1] [NX,NY,NZ] [PLATE_mAh]
 */
import { PlatingApp } from '../src/apps/plating.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';

const seed = Number(process.argv[2] ?? 1);
const withField = (process.argv[3] ?? '1') === '1';
const size = (process.argv[4] ?? '12,12,30').split(',').map(Number) as [number, number, number];
const plate = process.argv[5] ?? '0.2';

type AnyFn = (...a: unknown[]) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const appProto = PlatingApp.prototype as any;
const origAfterRemoval = appProto.afterRemoval as AnyFn, origTransmute = appProto.transmute as AnyFn;
let inTransmute = false, hostTop = 0;
let oxZ: number[] = [], cutZ: number[] = [], cutVox = 0;
appProto.transmute = function (this: PlatingApp, v: number, c: number) {
  inTransmute = true;
  try { return origTransmute.call(this, v, c); } finally { inTransmute = false; }
};
appProto.afterRemoval = function (this: PlatingApp, v: number) {
  if (inTransmute) return origAfterRemoval.call(this, v);
  const z = Math.floor(v / this.lat.nxy) - hostTop;
  const before = this.deadFormed;
  const r = origAfterRemoval.call(this, v);
  const b = Math.min(z, 29);
  oxZ[b] = (oxZ[b] ?? 0) + 1;
  if (this.deadFormed > before) { cutZ[b] = (cutZ[b] ?? 0) + 1; cutVox += this.deadFormed - before; }
  return r;
};

import { Transport } from '../src/fields/transport.js';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const tpProto = Transport.prototype as any;
const origAccept = tpProto.accept as AnyFn, origAfterEvent = tpProto.afterEvent as AnyFn;
let accZ: number[] = [], rejZ: number[] = [], lowOx: string[] = [];
let nxyG = 1;
tpProto.accept = function (this: Transport, v: number, rng: unknown) {
  const ok = origAccept.call(this, v, rng) as boolean;
  const b = Math.min(Math.floor(v / nxyG) - hostTop, 29);
  if (ok) accZ[b] = (accZ[b] ?? 0) + 1; else rejZ[b] = (rejZ[b] ?? 0) + 1;
  return ok;
};
tpProto.afterEvent = function (this: Transport, app: PlatingApp, ch: number, vBefore: number) {
  const r = origAfterEvent.call(this, app, ch, vBefore);
  const z = Math.floor(vBefore / nxyG) - hostTop;
  if (ch === 1 && z <= 1 && lowOx.length < 12) { const i = this.field.cellOfVoxel(vBefore); lowOx.push(`z${z} cell ${i} open ${this.field.open[i]} c/c0 ${(this.field.conc(i) / this.c0).toPrecision(4)}`); }
  return r;
};
const input: Record<string, unknown> = {
  metal: 'Li', temperature: '25 degC', lattice: { size, voxel: '100 nm' }, host: 'Cu', sei: 'carbonate',
  protocol: [{ repeat: 1, steps: [`Plate ${plate} mAh/cm2 at 1 mA/cm2`, 'Rest for 1 s', 'Strip at 1 mA/cm2 for 1800 s or until 1 V'] }],
  seed, output: { snapshots: false },
};
if (withField) input.electrolyte = 'LiPF6-EC-DMC';
const sim = new Simulation(parseRunInput(input));
hostTop = sim.d.hostTopZ + 1; nxyG = size[0] * size[1];
let red = 0, ox = 0, acc = 0, rej = 0;
sim.runAll({
  onStepEnd: (s, r) => {
    const c = s.app.counters, tp = s.transport;
    const line = {
      step: r.kind, ended: (r as unknown as { stopReason?: string }).stopReason, reductions: c.reductions - red, oxidations: c.oxidations - ox,
      accepted: tp ? tp.accepted - acc : null, rejected: tp ? tp.rejected - rej : null, rho: tp?.rho, metal: s.app.metalCount, dead: s.app.deadCount,
      oxZ: r.kind === 'strip' ? oxZ.map((x) => x ?? 0) : undefined, cutZ: r.kind === 'strip' ? cutZ.map((x) => x ?? 0) : undefined, cutVox, accZ: accZ.map((x) => x ?? 0), rejZ: rejZ.map((x) => x ?? 0), lowOx,
    };
    console.log(JSON.stringify(line));
    if (r.kind === 'plate') {
      const app = s.app, code = app.code, nxy = app.lat.nxy, f = tp?.field;
      const rows: string[] = [];
      for (let z = hostTop; z < hostTop + 14; z++) {
        let m = 0, e = 0, o = 0, lo = 0;
        for (let k = 0; k < nxy; k++) {
          const v = z * nxy + k, cv = code[v]!;
          if (cv === 0) { e++; if (f) { const i = f.cellOfVoxel(v); const c = i < 0 ? 0 : f.conc(i) / tp!.c0; if (c < 0.5) lo++; } }
          else if (cv === 1) m++; else o++;
        }
        rows.push(`z${z - hostTop}: metal ${m} empty ${e} (c<0.5c0 ${lo}) other ${o}`);
      }
      console.log(rows.join('\n'));
    }
    red = c.reductions; ox = c.oxidations; if (tp) { acc = tp.accepted; rej = tp.rejected; }
    oxZ = []; cutZ = []; accZ = []; rejZ = []; lowOx = []; cutVox = 0;
  },
});
