// (b) The two-scale nucleation model for a SAC given by its numbers: DFT binding of Li at the SAC
// and on the plain support, its element (for the wt% loading). The atomistic stage is cached in the
// store (SACPLATE_DB or ~/.sacplate/sacplate.db; db: false for none): a second call with the same
// numbers runs the electrode stage only. Small atomistic settings with the sampler 'mfpt' keep this to a
// few seconds. Leave `atomistic` out for the default, what docs/nucleation.md reports: the sampler
// 'mfpt+ffs' (12 runs, 16 x 16 sites, 40 atoms, 200000 events, then forward flux sampling below the
// MFPT scan's lowest point), 2-8 minutes of CPU for a new host and SAC, whatever the small settings.
//   node examples/library/nucleation.mjs
import { nucleation } from 'sacplate';

const request = {
  metal: 'Li', host: 'graphene',
  sac: { binding_eV: -2.0, reference_eV: -1.2, element: 'Zn' }, loading: '1 wt%',
  current_A_per_m2: 10,            // 1 mA/cm2
  capacity_C_per_m2: 720,          // 0.02 mAh/cm2
  atomistic: { sampler: 'mfpt', runs: 4, L: 8, target: 12, maxEvents: 5000 },
};
const r = await nucleation(request, { onProgress: (line) => console.log(`  ${line}`) });
console.log(`SAC: ${r.sac} at ${r.sac_loading} (${r.sac_sites_per_nm2.toFixed(4)} sites/nm2)`);
console.log(`nucleation overpotential: ${r.nucleation_overpotential_mV.toFixed(3)} mV`);
console.log(`plateau overpotential: ${r.plateau_overpotential_mV.toFixed(3)} mV`);
console.log(`nuclei at the peak: ${r.nucleus_density_per_um2.at_peak.toFixed(3)} per um2`);
console.log(`atomistic stage cached: ${r.atomistic.cached}`);
