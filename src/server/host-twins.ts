/**
 * Hosts the model cannot tell apart (branch mends112, review85 M2). Bare Cu foil and graphene (and carbon cloth, hard
 * carbon) take the same built-in parameters for each metal: the wetting factor (1 + cos 135 deg) / 2 assumed for all of
 * them (src/params/hosts.ts; docs/model.md "no defensible independent number separates Cu from graphene"), hence the same
 * binding, reduction shift and hop barrier, and all conduct. Runs of one of them equal those of another at the same seed
 * to every digit; the Compare page showed two such rows side by side without a word, read as a measured equality.
 */
import { builtinSets } from '../params/sets.js';
import { isMap } from '../args.js';

/** What decides a run on a host: the host's effective energies for the metal and whether it conducts. */
function hostKey(host: string, metal: string): string | undefined {
  const h = builtinSets().hosts[host];
  const mi = h?.metals[metal];
  if (!h || !mi || host === metal) return undefined;
  return JSON.stringify([h.conducting, mi.binding.value, mi.redShift.value, mi.terraceBarrier.value]);
}

/**
 * One line per metal and set of two or more of the compared runs' hosts that share every built-in parameter, e.g.
 * "Cu and graphene (Li): the model gives these hosts the same parameters ...". A run whose input has a `parameters`
 * block (its own host sets) is left out: its host need not be the built-in one.
 */
export function sameHostNotes(rows: readonly { metal?: unknown; host?: unknown; input?: unknown }[]): string[] {
  const groups = new Map<string, Set<string>>();
  for (const r of rows) {
    if (typeof r.metal !== 'string' || typeof r.host !== 'string') continue;
    if (isMap(r.input) && r.input.parameters !== undefined) continue;
    const key = hostKey(r.host, r.metal);
    if (key === undefined) continue;
    const k = `${r.metal} ${key}`;
    groups.set(k, (groups.get(k) ?? new Set()).add(r.host));
  }
  const lines: string[] = [];
  for (const [k, hosts] of groups) {
    if (hosts.size < 2) continue;
    const metal = k.slice(0, k.indexOf(' '));
    // in the built-in sets' order (Cu, graphene, ...), not the runs' (rows created in one millisecond come in any order)
    const order = Object.keys(builtinSets().hosts);
    const names = [...hosts].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const mi = builtinSets().hosts[names[0]!]!.metals[metal]!;
    lines.push(`${names.slice(0, -1).join(', ')} and ${names.at(-1)} (${metal}): the model cannot tell these hosts apart. Its built-in sets give them the same parameters ` +
      `(binding ${mi.binding.value} eV, hop barrier ${mi.terraceBarrier.value} eV, conducting; one wetting factor, (1 + cos 135 deg) / 2, assumed for all: ` +
      'no independent number separates Cu from carbon, docs/model.md), so runs on them with the same SACs and settings differ only by seed, not by host: an equality here is not a measurement');
  }
  return lines;
}
