/**
 * Runs of one name are seeds of one case (the Compare page's and compare.csv's groups): a name reused for a changed run,
 * or the same seed run twice, makes a group whose interval is not one over seeds (webaudit65: the Run form keeps its
 * name box, and two runs of seed 1 plating 0.03 and 0.01 mAh/cm2 were shown as "mean and 95 % interval over seeds").
 */
import { isMap } from '../args.js';

/** JSON with each map's keys sorted, so that two inputs written in another key order compare equal */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isMap(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/**
 * Why a group's runs are not seeds of one case, or undefined where they are (or cannot be told: one run, no stored
 * input): a seed run twice ("seed 1 twice") and the top-level keys of the run files, the seed and name left out, whose
 * values differ among the runs ("their inputs differ in protocol").
 */
export function notSeedsNote(group: string, runs: readonly { seed?: unknown; input?: unknown }[]): string | undefined {
  if (runs.length < 2) return undefined;
  const counts = new Map<string, number>();
  for (const r of runs) if (typeof r.seed === 'number') counts.set(String(r.seed), (counts.get(String(r.seed)) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([s, n]) => `seed ${s} ${n === 2 ? 'twice' : `${n} times`}`);
  const inputs = runs.map((r) => (isMap(r.input) ? r.input : undefined)).filter((x): x is Record<string, unknown> => x !== undefined && Object.keys(x).length > 0);
  const keys = inputs.length === runs.length ? [...new Set(inputs.flatMap((x) => Object.keys(x)))].filter((k) => k !== 'seed' && k !== 'name').sort() : [];
  const differ = keys.filter((k) => new Set(inputs.map((x) => canonical(x[k]))).size > 1);
  if (!twice.length && !differ.length) return undefined;
  const why = [...(twice.length ? [twice.join(', ')] : []), ...(differ.length ? [`their inputs differ in ${differ.join(', ')} (beyond the seed)`] : [])];
  return `${group}: its ${runs.length} runs are not seeds of one case: ${why.join('; ')}: the interval mixes different runs (runs with one name are seeds of one case: name the others apart)`;
}
