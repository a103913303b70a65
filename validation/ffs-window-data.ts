/**
 * The full FFS scan's points and the default MFPT scan's for Li on N-graphene + Zn-N4, capture on (branch ffstail):
 * validation/ffs-window-points.json holds the `J_eta` and `atomistic.options` keys of
 *   sacplate nucleation --metal Li --host N-graphene --sac Zn-N4 --current 1 mA/cm2 --sampler ffs --json
 *   sacplate nucleation --metal Li --host N-graphene --sac Zn-N4 --current 1 mA/cm2 --json
 * as printed (each on a fresh store; the scans' seeds are fixed, so a rerun prints the same points). Studies
 * nucleation-ffs-window and nucleation-ffs-tail read it: the first FFS scan run with the points kept (study
 * nucleation-ffs-scan records only the overpotentials), 770 CPU s that need not be spent again.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RatePoint } from '../src/nucleation/index.js';

export const WINDOW_POINTS_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'validation', 'ffs-window-points.json');

export interface ScanRecord {
  command: string; build: string;
  options: { L: number };
  J_eta: { host: { points: RatePoint[] }; sac: { points: RatePoint[] } };
}
export interface WindowPoints { ffs: ScanRecord; mfpt: ScanRecord }

/** the file, read loudly (JSON turns NaN into null: a null number is read back as NaN) */
export function readWindowPoints(): WindowPoints {
  return JSON.parse(readFileSync(WINDOW_POINTS_FILE, 'utf8'), (_k, v) => (v === null ? NaN : v)) as WindowPoints;
}

export interface FfsJ { eta_V: number; J: number; lo: number; hi: number }

/**
 * A full FFS point's J with its 95 % interval, as the scan defines J: host box, box rate / E / L^2 (the t interval over
 * the repetitions divided alike); SAC box, J_s = (k_SAC box - (L^2 - 1) k_host box / L^2) / E_s with the interval from
 * the SAC box's bounds against the host part's opposite ones (floored at 0; study nucleation-ffs-sac's definition).
 * null where the scan has no point with J > 0 at eta (the SAC box not told apart from the host there).
 */
export function ffsJ(rec: ScanRecord, arm: 'host' | 'sac', eta_V: number): FfsJ | null {
  const at = (ps: readonly RatePoint[]) => ps.find((p) => Math.abs(p.eta_V - eta_V) < 1e-9);
  const p = at(rec.J_eta[arm].points);
  if (!p || !(p.J_per_site_s > 0)) return null;
  const sites = rec.options.L * rec.options.L;
  if (arm === 'host') return { eta_V, J: p.J_per_site_s, lo: p.rateLo_per_s / p.capture_factor / sites, hi: p.rateHi_per_s / p.capture_factor / sites };
  const h = at(rec.J_eta.host.points);
  if (!h) return null; // the scan took the host part from the host's law there: no interval to state
  const part = (sites - 1) / sites;
  return { eta_V, J: p.J_per_site_s, lo: Math.max(0, p.rateLo_per_s - h.rateHi_per_s * part) / p.capture_factor, hi: (p.rateHi_per_s - h.rateLo_per_s * part) / p.capture_factor };
}

/** a number to 3 significant digits, exponent form */
export const e3 = (v: number) => v.toExponential(2);
