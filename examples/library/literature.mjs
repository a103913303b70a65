// (i) The evidence base: the review's SAC anode systems, filtered and sorted; one record with its
// lifetimes normalised to the standard protocol (3 mAh/cm2 at 3 mA/cm2); a record of your own imported.
//   node examples/library/literature.mjs   (records kept in the default store, SACPLATE_DB or ~/.sacplate/sacplate.db)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { literature } from 'sacplate';

const li = literature.list({ metal: 'Li', range: ['nucleation_overpotential=0:30'], sort: 'nucleation_overpotential_mV' });
console.log(`Li records with a nucleation overpotential of 0 to 30 mV: ${li.records.length} of ${li.total}`);
for (const r of li.records) {
  const f = r.figures.find((x) => x.quantity === 'nucleation_overpotential' && !x.subject);
  console.log(`  ${r.name}: ${f.value} ${f.unit} (${r.sac_elements.join('+')}, ${r.architecture})`);
}

const { record, normalised } = literature.show(li.records[0].name);
console.log(`${record.name}: ${record.figures.length} figures, ${record.citations.length} citations, ${normalised.length} normalised lifetimes`);

const { lifetimes, notNormalised } = literature.normalise({ metal: 'Li' });
console.log(`normalised lifetimes: ${lifetimes.length} (not normalised: ${notNormalised.map((x) => x.name).join(', ') || 'none'})`);
for (const n of lifetimes) {
  console.log(`  ${n.name}: ${n.lower_bound ? 'over ' : ''}${n.lifetime_h} h at ${n.current_density_mA_per_cm2 ?? 'unknown'} mA/cm2, cumulative ${n.cumulative_capacity_mAh_per_cm2 ?? 'unknown'} mAh/cm2, ${n.distance.flag}`);
}

// a record of your own (user_source: not from the review), imported into the store beside the review's
const file = join(mkdtempSync(join(tmpdir(), 'sacplate-lit-')), 'mine.yaml');
writeFileSync(file, `id: li-my-zn-n4
name: My Zn-N4 on carbon cloth
metal: Li
sac_elements: [Zn]
support: carbon cloth
architecture: 3D host
user_source: { citation: "A. User, lab notebook, 2026" }
figures:
  - { quantity: nucleation_overpotential, value: 12, unit: mV, conditions: { current_density: 1 mA/cm2 } }
`);
const imp = literature.importFile(file);
console.log(`imported: ${imp.records} record, ${imp.changed} changed`);
const after = literature.list({ metal: 'Li', range: ['nucleation_overpotential=0:30'], sort: 'nucleation_overpotential_mV' });
console.log(`Li records with a nucleation overpotential of 0 to 30 mV now: ${after.records.length}, first ${after.records[0].name}`);
const bib = literature.exportText({ format: 'bibtex', metal: 'Li' });   // or csv, json: what importFile reads back
console.log(`bibtex: ${bib.records} records, ${bib.text.length} characters`);
