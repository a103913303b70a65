// (c) Screen candidate SACs: simulate each (seeds on worker threads, results kept in the store),
// add sustainability, rank by Pareto front. The same object as a screen file (docs/screening.md).
//   node examples/library/screen.mjs
import { runScreen } from 'sacplate';

const screen = {
  name: 'library-example',
  base: {
    metal: 'Li', host: 'N-graphene', lattice: { size: [8, 8, 8], voxel: '50 nm' },
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
  },
  seeds: 1,
  candidates: [
    { name: 'bare', sacs: [], synthesis: 'none' },
    { name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '2 %' }], synthesis: { route: 'pyrolysis', temperature: '900 degC' } },
  ],
  objectives: ['rms_roughness_nm', 'sustainability'],
};
const r = await runScreen(screen, { threads: 1, record: false, onProgress: (done, total) => console.log(`  simulated ${done} of ${total}`) });
for (const c of r.ranking) {
  console.log(`${c.name}: front ${c.front + 1}, rms roughness ${c.values[0].toFixed(3)} nm, sustainability ${c.values[1].toFixed(3)}`);
}
for (const n of r.notes) console.log(`note (${n.stage}): ${n.text}`);
