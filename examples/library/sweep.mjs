// (h) A sweep: a base run and axes, every task on the local worker pool, each result kept in the
// store by its task key (a second call runs nothing new); one row per task with its metrics.
//   node examples/library/sweep.mjs   (results in the default store, SACPLATE_DB or ~/.sacplate/sacplate.db)
import { runSweep } from 'sacplate';

const sweep = {
  name: 'library-sweep',
  base: {
    metal: 'Li', host: 'graphene', lattice: { size: [10, 10, 8], voxel: '10 nm' },
    kinetics: { terraceBarrier: '0.30 eV' },          // a slow terrace hop: a short run, for the example
    sacs: [{ site: 'Zn-N4', loading: '2 %' }],
    protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
  },
  axes: { 'sacs[0].loading': ['1 %', '4 %'] },
  seeds: [1],
};
const r = await runSweep(sweep, { threads: 1, onProgress: (done, total) => console.log(`progress: ${done} of ${total} tasks`) });
console.log(`sweep ${r.sweep}: ${r.tasks} tasks, ${r.ran} run, ${r.finishedBefore} finished before, ${r.invalid.length} invalid`);
for (const row of r.rows) {
  console.log(`task ${row.index} ${JSON.stringify(row.label)}: ${row.status}, nucleation overpotential ${row.metrics.nucleation_overpotential_mV.toFixed(3)} mV, ${row.metrics.events} events`);
}
const again = await runSweep(sweep);   // every task has its result in the store: none runs again
console.log(`second call: ${again.ran} run, ${again.finishedBefore} finished before`);
