/**
 * A nucleation request as a library caller writes it, checked once at `nucleation()`'s entry.
 *
 * The CLI, the workbench and a screen build their requests from checked text (cases.ts), so none of
 * this ran for them; a library caller's object went straight into the model, where a negative
 * capacity looped for ever, a current of 0 reported a nucleation overpotential of 0 mV, a current
 * given as text ran the atomistic stage and then failed naming `plateau.maxDuration_s`, and a SAC
 * number given as text failed naming `energy`. Each is now one InputError naming the request's field.
 */
import { InputError } from '../errors.js';
import { isMap, refuseUnknownKeys } from '../args.js';
import { MAX_CURRENT_A_PER_M2 } from '../input/limits.js';
import { MAX_CAPACITY_C_PER_M2 } from './defaults.js';
import { parseFfsRepetitions, parseSampler, parseTailEnd } from './sampler.js';
import { CENSORING_RULES } from './rate.js';

/** The keys of NucleationRequest (index.ts) and of StudyInput (system.ts) it extends. */
export const REQUEST_KEYS = ['metal', 'host', 'sac', 'loading', 'sacResolved', 'hostResolved', 'T_K', 'hostReduction',
  'current_A_per_m2', 'capacity_C_per_m2', 'atomistic', 'refine', 'plateau', 'zoneOverlap'] as const;

/** AtomisticOptions (index.ts): integer keys with their bounds (the CLI's --runs, --box, --target, --max-events take narrower ones). */
const ATOMISTIC_INTEGERS: Record<string, { min: number; max: number; what: string }> = {
  runs: { min: 1, max: 1000, what: 'independent runs per overpotential; default 12' },
  L: { min: 4, max: 256, what: 'sites per side of the atomistic box; default 16' },
  target: { min: 2, max: 1000, what: 'largest-cluster size a run stops at; default 40' },
  maxEvents: { min: 1, max: 1e9, what: 'event budget per run; default 200000' },
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER, what: 'seed of the atomistic runs; default 1' },
};
const ATOMISTIC_KEYS = [...Object.keys(ATOMISTIC_INTEGERS), 'reservoir', 'capture', 'censoring', 'sampler', 'tailEnd', 'ffsRepetitions'];

/** The one-line refusal of an atomistic.censoring value (here and at the atomistic stage's own entry, index.ts defaults). */
export function checkCensoring(v: unknown): void {
  if (v !== undefined && !(CENSORING_RULES as readonly unknown[]).includes(v)) throw new InputError('atomistic.censoring', v, `${CENSORING_RULES.map((r) => `'${r}'`).join(' or ')} (what a run that did not reach the target within its event budget counts for; default 'drop')`);
}

/** The run file's temperature range (input/run-schema.ts temperatureSchema). */
const T_MIN_K = 150, T_MAX_K = 400;

function positiveNumber(field: string, v: unknown, max: number, expected: string): void {
  if (typeof v !== 'number' || !(v > 0) || !(v <= max)) throw new InputError(field, v, expected);
}

/** Throws the first mistake of a library caller's request as one InputError (field, value, what was expected). */
export function checkRequest(req: unknown): void {
  if (!isMap(req)) throw new InputError('request', req, `a nucleation request: a map with metal, host and current_A_per_m2, e.g. { metal: 'Li', host: 'graphene', sac: 'Zn-N4', current_A_per_m2: 10 }`);
  refuseUnknownKeys('request', req, REQUEST_KEYS, { owner: 'a request has:' });
  for (const k of ['metal', 'host'] as const) {
    if (typeof req[k] !== 'string') throw new InputError(k, req[k], k === 'metal' ? 'Li, Na or K' : 'a host name (sacplate params list --kind host)');
  }
  positiveNumber('current_A_per_m2', req.current_A_per_m2, MAX_CURRENT_A_PER_M2,
    `a plating current density in A/m2, a number above 0 and up to ${MAX_CURRENT_A_PER_M2} (1 mA/cm2 = 10 A/m2)`);
  if (req.capacity_C_per_m2 !== undefined) {
    positiveNumber('capacity_C_per_m2', req.capacity_C_per_m2, MAX_CAPACITY_C_PER_M2,
      `a plated capacity in C/m2, a number above 0 and up to ${MAX_CAPACITY_C_PER_M2} (100 mAh/cm2; 0.02 mAh/cm2 = 720 C/m2, the default)`);
  }
  if (req.T_K !== undefined && (typeof req.T_K !== 'number' || !(req.T_K >= T_MIN_K && req.T_K <= T_MAX_K))) {
    throw new InputError('T_K', req.T_K, `a temperature in K, a number from ${T_MIN_K} to ${T_MAX_K} (default 298.15)`);
  }
  if (req.loading !== undefined && typeof req.loading !== 'string') throw new InputError('loading', req.loading, 'a SAC loading as text: "1.2 wt%", "2 %" (share of host sites) or "0.1 sites/nm2"');
  if (req.refine !== undefined && typeof req.refine !== 'number') throw new InputError('refine', req.refine, 'a time resolution, a number of 1 or more (default 1)');
  const a = req.atomistic;
  if (a === undefined) return;
  if (!isMap(a)) throw new InputError('atomistic', a, 'a map of atomistic options, e.g. { runs: 12, L: 16, target: 40, maxEvents: 200000 }');
  refuseUnknownKeys('atomistic', a, ATOMISTIC_KEYS, { owner: 'atomistic options are' });
  for (const [k, v] of Object.entries(a)) {
    const b = ATOMISTIC_INTEGERS[k];
    if (b) {
      if (v !== undefined && !(Number.isInteger(v) && (v as number) >= b.min && (v as number) <= b.max)) throw new InputError(`atomistic.${k}`, v, `an integer from ${b.min} to ${b.max} (${b.what})`);
    } else if (k === 'reservoir') {
      if (v !== undefined && typeof v !== 'boolean') throw new InputError('atomistic.reservoir', v, 'true or false (eliminate lone host adatoms; default true)');
    } else if (k === 'capture') {
      // the text defaults() in index.ts gives (the atomistic stage's own entry, also reached without a request)
      if (v !== undefined && typeof v !== 'boolean') throw new InputError('atomistic.capture', v, 'true or false (divide J(eta) by the lattice capture factor; default true)');
    } else if (k === 'censoring') checkCensoring(v);
    else if (k === 'sampler') parseSampler('atomistic.sampler', v);
    // beside the sampler the request gets (left out: 'mfpt+ffs', or 'mfpt' under plain kMC)
    else if (k === 'tailEnd') parseTailEnd('atomistic.tailEnd', v, parseSampler('atomistic.sampler', a.sampler, a.reservoir !== false));
    else if (k === 'ffsRepetitions') parseFfsRepetitions('atomistic.ffsRepetitions', v, parseSampler('atomistic.sampler', a.sampler, a.reservoir !== false));
  }
}
