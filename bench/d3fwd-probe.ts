/**
 * d3fwd probe (session 59, branch rerun59e): what D3's fix (48764243) does besides removing ghost stretched faces.
 *
 * In afterEvent's hop branch (src/apps/events/sei.ts) the loop over dest's neighbours now clears `str` with `cov` on
 * every neighbour that is not dead. The hop's old voxel v is one of them (EMPTY after the hop), so the loop clears the
 * bit of str[v] on v's face toward dest before `str[dest] = str[v] & cov[dest]` reads it: the carried film loses the
 * stretched flag of its forward face (the face in the hop's direction), which the code before D3 carried.
 *
 * `node dist/bench/d3fwd-probe.js SIZE SEED...`: sei-area-layer's areaRun (its GRIDS[SIZE]: 0 = 100 nm, 1 = 50, 2 = 25,
 * 3 = 12.5 nm; 25 degC 1 mA/cm2, settle_after_layer on; env T, J, OFF=1 for the other arms and the switch off), one
 * JSON line per seed: the SEI-bound share, dead metal, cracked new area, and counts of hops that carry a stretched film
 * (as the code before D3 would), of those whose film had a stretched forward face, and of those whose only stretched
 * face was the forward one (the film is not carried at all as built). KEEPFWD=1 restores the forward bit after the hop
 * (a run-time patch: D3's fix without that side effect; src/ unchanged).
 */
import { SeiModule } from '../src/apps/events/sei.js';
import { CH_HOP } from '../src/apps/plating.js';
import { EMPTY, METAL } from '../src/lattice/voxel.js';
import { areaRun, GRIDS } from '../validation/studies/sei-area-layer.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...a: any[]) => unknown;
type Mod = { cov: Uint8Array; str: Uint8Array; stamps: Map<number, number>; setStamp(v: number, x: number): void; addPending(v: number): void };
type App = { lastHopTo: number; code: Uint8Array; lat: { neighbors(v: number, out: Int32Array): void } };
const P = SeiModule.prototype as unknown as Record<string, Fn>;
const KEEP = process.env.KEEPFWD === '1';
const C = { carriedHops: 0, fwdStretched: 0, onlyFwd: 0 };
const nb = new Int32Array(6);
const origAfter = P.afterEvent!;
P.afterEvent = function (this: Mod, app: App, ch: unknown, v: unknown, t: unknown) {
  const dest = app.lastHopTo;
  let pre: { fwd: number; str: number; cov: number; stamp: number | undefined } | null = null;
  if (ch === CH_HOP && typeof v === 'number' && v >= 0 && app.code[v] === EMPTY && dest >= 0 && app.code[dest] === METAL) {
    app.lat.neighbors(dest, nb);
    let fwd = 0;
    for (let d = 0; d < 6; d++) if (nb[d] === v) fwd = 1 << (d ^ 1);
    pre = { fwd, str: this.str[v]!, cov: this.cov[v]!, stamp: this.stamps.get(v) };
  }
  const r = origAfter.call(this, app, ch, v, t);
  if (pre && pre.fwd !== 0 && (pre.cov & ~pre.fwd) !== 0) {
    const want = pre.str & this.cov[dest]!;
    if (want !== 0) C.carriedHops++;
    if ((want & pre.fwd) !== 0) { C.fwdStretched++; if ((want & ~pre.fwd) === 0) C.onlyFwd++; }
    if (KEEP && want !== this.str[dest]) {
      const was = this.str[dest]!;
      this.str[dest] = want;
      if (was === 0) { this.setStamp(dest, pre.stamp!); this.addPending(dest); }
    }
  }
  return r;
};

const [size = '2', ...rest] = process.argv.slice(2);
const g = GRIDS[Number(size)];
if (!g) throw new Error('use: SIZE (0-3) SEED...');
for (const seed of rest.map(Number)) {
  for (const k of Object.keys(C) as (keyof typeof C)[]) C[k] = 0;
  const u0 = process.cpuUsage();
  const r = areaRun(g, Number(process.env.T ?? 25), Number(process.env.J ?? 1), seed, process.env.OFF !== '1');
  const u = process.cpuUsage(u0);
  console.log(JSON.stringify({ voxel_nm: g.voxel_nm, seed, keepFwd: KEEP, seiPct: r.sei, deadPct: r.dead, cracked: r.cracked, ...C, cpu_s: (u.user + u.system) / 1e6 }));
}
