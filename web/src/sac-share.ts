/**
 * The legend under a metrics table that shows the SAC share and its chance level: the CLI compare
 * legend's words (src/batch/sac-share-text.ts, the `meaning` of the two columns in src/batch/table.ts),
 * so the page and the CLI cannot say different things. The share alone does not say whether SACs
 * seeded the nuclei: compared with its chance it does.
 */
import { SAC_SHARE_MEANING, SAC_SHARE_CHANCE_MEANING } from '../../src/batch/sac-share-text';
import { h } from './api';

export function sacShareLegend(id: string): HTMLElement {
  return h('div', { class: 'hint', id },
    h('div', { text: `sac_nucleation_share: ${SAC_SHARE_MEANING} (fraction)` }),
    h('div', { text: `sac_nucleation_share_chance: ${SAC_SHARE_CHANCE_MEANING} (fraction)` }));
}
