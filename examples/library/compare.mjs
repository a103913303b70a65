// (g) A comparison: one protocol on several hosts / SAC settings (a base run plus variants), the
// cases on worker threads, each kept in the store (a second call reuses them); the review's figure beside each.
//   node examples/library/compare.mjs   (cases kept in the default store, SACPLATE_DB or ~/.sacplate/sacplate.db)
import { compare } from 'sacplate';

const comparison = {
  metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' },
  kinetics: { terraceBarrier: '0.30 eV' },          // a slow terrace hop: short runs, for the example
  protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3, output: { snapshots: false },
  variants: [
    { name: 'Cu', host: 'Cu' },
    { name: 'graphene + Fe-N4', host: 'graphene', sacs: [{ site: 'Fe-N4', loading: '2 %' }] },
  ],
};
const r = await compare(comparison, { threads: 1 });   // also: outDir (run folders, compare.csv, figures), onProgress, signal
for (const c of r.cases) {
  const lit = c.literature ? `, review ${c.literature.value} ${c.literature.unit} (${c.literature.record})` : '';
  console.log(`${c.name}: nucleation overpotential ${c.metrics.nucleation_overpotential_mV.toFixed(3)} mV, rms roughness ${c.metrics.rms_roughness_nm.toFixed(3)} nm, ${c.metrics.events} events${lit}`);
}
const again = await compare(comparison);   // every case is in the store: none runs again
console.log(`second call: ${again.cases.filter((c) => c.reused).length} of ${again.cases.length} reused`);
