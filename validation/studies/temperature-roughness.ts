/**
 * Issue 2 must show 6 / issue 10 must show 4 context: at 1 mA/cm2 the Li deposit is rougher at 253 K
 * and 233 K than at 298 K. The set-up of test/validation-temperature.test.ts (Li on a Li foil, 30 nm
 * voxels, 32 x 32 x 40, 0.06 mAh/cm2 at 1 mA/cm2, built-in Li set), here with paired seeds 1-6 and
 * 95 % intervals instead of that test's two-seed thresholds.
 *
 * Session 7: the exchange current density now follows temperature (i0(T), Arrhenius with 0.58 eV,
 * params/metals.ts); before, i0 was 1 mA/cm2 at every temperature and the only temperature
 * dependence of a plating run without SEI was the surface hops, which at 30 nm voxels barely
 * change the deposit (rms 15.10 / 15.19 / 15.50 nm at 298 / 253 / 233 K, seeds 1-2).
 * At 1 mA/cm2, j/i0 is 1 at 298 K, 55 at 253 K and 540 at 233 K: the back reaction (oxidation of
 * weakly bound atoms, which lets the deposit re-order by exchange with the electrolyte) is all but
 * gone in the cold, and the deposit grows more like random deposition.
 *
 * Stated before this run, after one look at seeds 1-2 of the test file with i0(T) (rms 15.01 /
 * 27.84 / 40.49 nm): 253 minus 298 K about +12 nm and 233 minus 298 K about +25 nm, both
 * intervals above zero. Mechanism checks, not looked at before the run: (a) the same comparison
 * with i0 held at 25 degC (kinetics.exchangeActivationEnergy 0 eV, the old model): about +0.1 nm,
 * interval containing zero; (b) 298 K with i0 set to its 253 K value (0.0181 mA/cm2) minus 253 K
 * with i0(T): the hops are faster at 298 K, so a small negative difference, within about 20 % of the
 * 253 K roughening, i.e. j/i0, not the hops, carries the effect.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { simulate } from '../../src/simulation/simulate.js';
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const SEEDS = [1, 2, 3, 4, 5, 6];
const I0_253 = Math.exp(-(0.58 / 8.617333262e-5) * (1 / 253.15 - 1 / 298.15)); // mA/cm2 at 253.15 K for 1 mA/cm2 at 25 degC

function deposit(temperature: string, seed: number, kinetics?: Record<string, string>) {
  const r = simulate(parseRunInput({
    metal: 'Li', temperature, lattice: { size: [32, 32, 40], voxel: '30 nm' }, host: 'Li',
    ...(kinetics ? { kinetics } : {}), protocol: ['Plate 0.06 mAh/cm2 at 1 mA/cm2'], seed, output: { snapshots: false },
  }));
  if (r.metrics.steps_ended[0] !== 'charge') throw new Error(`${temperature} seed ${seed}: step ended ${r.metrics.steps_ended[0]}`);
  return { rms: r.metrics.rms_roughness_nm, ssa: r.metrics.specific_surface_area };
}

export const study: ValidationStudy = {
  id: 'temperature-roughness',
  title: 'Colder Li deposits are rougher at 1 mA/cm2 (i0(T), paired seeds)',
  run(): ValidationEntry[] {
    const at = (T: string, k?: Record<string, string>) => SEEDS.map((s) => deposit(T, s, k));
    const w = at('298.15 K'), c253 = at('253.15 K'), c233 = at('233.15 K');
    const off = { exchangeActivationEnergy: '0 eV' };
    const w0 = at('298.15 K', off), c0 = at('253.15 K', off);
    const wLow = at('298.15 K', { exchangeCurrentDensity: `${I0_253} mA/cm2` });
    const rms = (x: typeof w) => x.map((r) => r.rms), ssa = (x: typeof w) => x.map((r) => r.ssa);
    const m = (x: typeof w) => meanInterval(rms(x)).mean.toFixed(2);
    const s = (x: typeof w) => meanInterval(ssa(x)).mean.toFixed(4);
    const runs = 'seeds 1-6 paired, Li on Li foil, 32 x 32 x 40 x 30 nm, 0.06 mAh/cm2 at 1 mA/cm2';
    const entry = (id: string, quantity: string, a: typeof w, b: typeof w, stated: string, claim: 'above' | 'none', extra = ''): ValidationEntry => {
      const d = pairedInterval(rms(a), rms(b));
      const dS = pairedInterval(ssa(a), ssa(b));
      return {
        id, quantity, published: claim === 'above' ? '> 0 (colder deposits are rougher)' : 'mechanism check (no published value)',
        source: claim === 'above' ? 'issue 2 must show 6; issue 10 must show 4 context' : 'session 7: i0(T), params/metals.ts',
        measured: d.mean, unit: 'nm', interval: [d.lo, d.hi], runs: runs + extra, pass: claim === 'above' ? d.lo > 0 : Number.isFinite(d.lo),
        note: `rms ${m(a)} vs ${m(b)} nm; specific surface area ${s(a)} vs ${s(b)} (difference ${dS.mean.toFixed(4)} [${dS.lo.toFixed(4)}, ${dS.hi.toFixed(4)}]); stated before the run: ${stated}`,
      };
    };
    return [
      entry('temperature-rms-253', 'rms roughness, 253 K minus 298 K (1 mA/cm2, i0(T))', c253, w, 'about +12 nm, interval above zero', 'above'),
      entry('temperature-rms-233', 'rms roughness, 233 K minus 298 K (1 mA/cm2, i0(T))', c233, w, 'about +25 nm, interval above zero', 'above'),
      entry('temperature-rms-253-i0-fixed', 'rms roughness, 253 K minus 298 K with i0 held at its 25 degC value (the model before session 7)', c0, w0, 'about +0.1 nm, interval containing zero', 'none', '; kinetics.exchangeActivationEnergy 0 eV'),
      entry('temperature-rms-i0-alone', 'rms roughness, 298 K with i0 = i0(253 K) minus 253 K with i0(T) (hops fast, exchange slow)', wLow, c253, 'small, within about 20 % of the 253 K roughening', 'none', `; first: kinetics.exchangeCurrentDensity ${I0_253.toPrecision(3)} mA/cm2`),
    ];
  },
};
