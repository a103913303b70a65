/**
 * The legend under a metrics table that shows the SAC share and its chance level: the CLI compare
 * legend's words (src/batch/sac-share-text.ts, the `meaning` of the two columns in src/batch/table.ts),
 * so the page and the CLI cannot say different things. The share alone does not say whether SACs
 * seeded the nuclei: compared with its chance it does.
 */
import { SAC_SHARE_MEANING, SAC_SHARE_CHANCE_MEANING, EARLY_NUCLEI_MEANING, EARLY_ROW_MEANING } from '../../src/batch/sac-share-text';
import { h } from './api';

export function sacShareLegend(id: string, opts: { early?: boolean } = {}): HTMLElement {
  return h('div', { class: 'hint', id },
    h('div', { text: `sac_nucleation_share: ${SAC_SHARE_MEANING} (fraction)` }),
    h('div', { text: `sac_nucleation_share_chance: ${SAC_SHARE_CHANCE_MEANING} (fraction)` }),
    // earlyapi: the Compare page's two early columns (compare.csv has the other early_* ones, the chance among them)
    ...(opts.early ? [h('div', { text: `early_nucleus_density_per_um2: ${EARLY_NUCLEI_MEANING} (1/um2)` }),
      h('div', { text: `early_sac_nucleation_share: the SAC share ${EARLY_ROW_MEANING} (fraction)` }),
      // mends112 (review85 M3): the early chance is a column of the table, beside the share (it was only in compare.csv)
      h('div', { text: `early_sac_nucleation_share_chance: at that row, ${SAC_SHARE_CHANCE_MEANING} (fraction)` })] : []));
}
