/**
 * Cathode parameter sets for the full-cell inventory model (fullcell/inventory.ts): specific
 * capacity and a typical areal loading, with sources; loadings are assumed (typical of the
 * literature's metal-anode full cells) and say so.
 */
import { didYouMean } from '../did-you-mean.js';
import { InputError } from '../errors.js';
import type { Sourced } from '../params/types.js';
import { assumed, sv } from '../params/sourced.js';

export interface CathodeSet {
  name: string;
  description: string;
  /** metal whose ions it stores */
  metal: 'Li' | 'Na' | 'K';
  specificCapacity: Sourced; // mAh/g of active material
  loading: Sourced; // mg/cm2 of active material
  voltage: Sourced; // V vs the metal, mean discharge voltage
}

export const CATHODES: Record<string, CathodeSet> = {
  LFP: {
    name: 'LFP', metal: 'Li', description: 'LiFePO4 (olivine)',
    specificCapacity: sv(170, 'mAh/g', 'Padhi, Nanjundaswamy & Goodenough, J. Electrochem. Soc. 144, 1188 (1997), doi:10.1149/1.1837571', 'theoretical capacity of LiFePO4'),
    loading: assumed(10, 'mg/cm2', 'a moderate LFP loading of metal-anode full-cell papers (1.7 mAh/cm2); assumed'),
    // 3.4 V until audit32, against its source's 3.5 V
    voltage: sv(3.5, 'V', 'Padhi et al. 1997', 'Fe3+/Fe2+ flat plateau "at 3.5 V vs. lithium" (abstract)'),
  },
  NCM811: {
    name: 'NCM811', metal: 'Li', description: 'LiNi0.8Co0.1Mn0.1O2',
    specificCapacity: sv(200, 'mAh/g', 'Noh, Youn, Yoon & Sun, J. Power Sources 233, 121 (2013), doi:10.1016/j.jpowsour.2013.01.063', 'discharge capacity of LiNi0.8Co0.1Mn0.1O2 at 0.1 C, 3.0-4.3 V (about 200 mAh/g)'),
    loading: assumed(15, 'mg/cm2', 'a practical loading (3 mAh/cm2); assumed'),
    voltage: sv(3.8, 'V', 'Noh et al. 2013', 'mean discharge voltage, approximate'),
  },
  // the first cathode of another metal (review56: a Na anode run beside LFP ran as a Li cell without a word)
  NVP: {
    name: 'NVP', metal: 'Na', description: 'Na3V2(PO4)3 (NASICON)',
    specificCapacity: sv(117.6, 'mAh/g', 'theoretical capacity of Na3V2(PO4)3 for two Na per formula unit (V3+/V4+)',
      '2F/(3.6 M), M = 455.8 g/mol'),
    loading: assumed(10, 'mg/cm2', 'a moderate NVP loading (1.176 mAh/cm2), as LFP\'s; assumed'),
    voltage: sv(3.4, 'V', 'Zeng, Peng, Guo, Zhu & Huang, Front. Chem. 8, 635 (2020), doi:10.3389/fchem.2020.00635',
      'abstract: "high platform voltage (~3.4 V)" vs Na+/Na'),
  },
  S: {
    name: 'S', metal: 'Li', description: 'sulfur (Li-S)',
    // mends127 (review91 F8): "textbook value" said where neither number came from
    specificCapacity: sv(1675, 'mAh/g', 'derived: 2F/(3.6 M(S)) for S to Li2S (2 e- per S, M(S) 32.06 g/mol) = 1672 mAh/g',
      'the Li-S literature rounds it to 1675 mAh/g (checked in test/fullcell-cli.test.ts)'),
    loading: assumed(2, 'mg/cm2', 'sulfur loading of typical Li-S papers (3.35 mAh/cm2 at the theoretical capacity); assumed'),
    voltage: assumed(2.1, 'V', 'mean discharge voltage of Li-S (its two plateaus lie near 2.3 and 2.1 V), approximate; not used by fullcell\'s inventory'),
  },
  // the first K cathode (mends69: a K anode run had to give anode: { ce } and capacity:, and the table then named LFP)
  KMnHCF: {
    name: 'KMnHCF', metal: 'K', description: 'KxMn[Fe(CN)6] (manganese hexacyanoferrate, a Prussian-blue analogue)',
    specificCapacity: sv(104.8, 'mAh/g', 'Tang, Li, Feng, Zhou, Wang & Jiang, Chem. Eng. J. (2020), doi:10.1016/j.cej.2020.125269',
      'abstract: reversible capacity of 104.8 mAh/g for K storage in KxMnFe(CN)6 (measured; the theoretical capacity of K2Mn[Fe(CN)6], two K per formula unit, is 2F/(3.6 M) = 155 mAh/g)'),
    loading: assumed(10, 'mg/cm2', 'a moderate loading (1.048 mAh/cm2), as LFP\'s and NVP\'s; assumed'),
    voltage: sv(3.8, 'V', 'Tang et al. 2020', 'abstract: average voltage 3.8 V vs K/K+'),
  },
};

export function getCathode(name: unknown, field = 'cathode'): CathodeSet {
  if (typeof name === 'string') {
    const k = Object.keys(CATHODES).find((n) => n.toLowerCase() === name.trim().toLowerCase());
    if (k) return CATHODES[k]!;
  }
  // NMC811 is the same LiNi0.8Mn0.1Co0.1O2 under the other order of its metals' names: hinted (it said only the list)
  throw new InputError(field, name, `a known cathode (${Object.keys(CATHODES).join(', ')})${typeof name === 'string' ? didYouMean(name.trim(), Object.keys(CATHODES)) : ''}`);
}

/** Areal capacity of a cathode set at its loading (or the given loading, mg/cm2), mAh/cm2. */
export function arealCapacity(c: CathodeSet, loading_mg_per_cm2 = c.loading.value): number {
  return (c.specificCapacity.value * loading_mg_per_cm2) / 1000;
}
