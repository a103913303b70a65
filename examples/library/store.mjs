// (l) The store the CLI records in, read as `sacplate runs list|show`, `results` and `lit list` read it: the runs
// `sacplate simulate`, compare() and the workbench recorded, a sweep's rows, the literature records.
//   node examples/library/store.mjs   (the default store, SACPLATE_DB or ~/.sacplate/sacplate.db, after compare.mjs and
//   sweep.mjs: their runs and their sweep are in it)
import { openStore } from 'sacplate';

const store = openStore();   // or openStore('other.db')
try {
  const runs = store.listRuns({ status: 'finished', limit: 5 });   // newest first
  console.log(`finished runs: ${runs.length}`);
  for (const { id } of runs) {
    const r = store.getRun(id);   // an id or a unique prefix of it, as `sacplate runs show` takes it
    console.log(`${r.name}: nucleation overpotential ${r.metrics.nucleation_overpotential_mV.toFixed(3)} mV, ${r.metrics.events} events`);
  }
  for (const row of store.sweepRows('library-sweep')) {   // sweep.mjs's sweep, one row per task
    console.log(`library-sweep task ${row.index} ${JSON.stringify(row.label)}: ${row.status}, ${row.metrics.events} events`);
  }
  const { records } = store.literature();   // the review's records (synced in) and those imported
  console.log(`literature records: ${records.length}`);
} finally {
  store.close();
}
