/**
 * Task keys: a SHA-256 of the fully resolved run (every default filled in, canonical units),
 * without the raw input and the parameter provenance (they do not change what is simulated), but with a user host
 * set's element where it gives one (`hostElement`: it is in the run's outputs, final.extxyz's host atoms).
 * Keys are sorted, so two run files that resolve to the same numbers share one key, whatever
 * order or units they were written in. A task whose input does not resolve is keyed by its raw
 * input instead (prefix "invalid-").
 */
import { createHash } from 'node:crypto';
import type { ResolvedRun } from '../input/types.js';
import { engineFingerprint } from './fingerprint.js';
import { identityNumber } from '../units.js';

/** Bump when the meaning of a resolved run changes, so old results are not reused for new physics. */
export const TASK_KEY_VERSION = 'sacplate-task-1';

/** JSON with object keys sorted at every level; non-finite numbers spelled out; a number that is not whole at 15 significant digits (units.ts identityNumber: "50 nm" and "0.05 um" share a key, mends62b). */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(identityNumber(v)) : JSON.stringify(String(v));
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
  }
  return JSON.stringify(String(v));
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The key of a resolved run. A user host set's element (`parameters.hosts.<name>.element`, review65) is kept in the
 * provenance, left out above, yet final.extxyz and grid.table write it: two runs differing only in it shared a key, and
 * the second reused the first's result and copied its folder, its host atoms the old element (mends65b). It is keyed
 * as `hostElement` where a set gives one; a run whose input gives none (a built-in host, a new set without one) keeps
 * the key it had, so the runs earlier stores hold are still found.
 */
export function taskHash(run: ResolvedRun): string {
  const { source: _s, provenance: _p, ...rest } = run;
  const element = run.provenance?.host.element;
  const keyed = element ? { ...rest, hostElement: element } : rest;
  return sha(TASK_KEY_VERSION + '\n' + engineFingerprint() + '\n' + canonicalJson(keyed)).slice(0, 32);
}

/** The key of an input that did not resolve. */
export function invalidTaskHash(input: unknown): string {
  return 'invalid-' + sha(TASK_KEY_VERSION + '\n' + canonicalJson(input)).slice(0, 24);
}

/**
 * A label value (or a whole label) as JSON, a number that is not finite (an axis value `.nan` or `.inf` in
 * YAML) as its text "NaN", "Infinity": JSON.stringify made it null, so the task's line said
 * `temperature=null` and the store's label (the results CSV's axis column) lost the value (review37).
 */
export function labelJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
}

/** a task's label as its lines say it: "sacs[0].loading=2 %, seed=1" (a NaN or Infinity as written, not JSON's null: review37) */
export function labelText(label: Record<string, unknown>): string {
  return Object.entries(label).map(([k, v]) => `${k}=${typeof v === 'string' || typeof v === 'number' ? String(v) : labelJson(v)}`).join(', ') || 'base';
}
