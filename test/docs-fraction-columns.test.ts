/**
 * mends65 (session 64's leftover): the CSV columns that hold a fraction carry no unit in their names (`ce`, `retention`,
 * `dead_metal_fraction`, `porosity`, ...), and the names are kept because users' scripts read them; so the docs that
 * define each file's columns must say, beside the column, that it is a fraction (0-1) and not %. The project writes no
 * comment lines into its CSVs (pandas and spreadsheets read the first line as the header), so the docs are the place.
 * Each doc and the fraction columns of the files it defines: some mention of the column, in backticks, is followed within
 * its sentence (300 characters) by "fraction (0-1)".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

const WHERE: Record<string, string[]> = {
  // run folders: steps.csv, cycles.csv (the table of files, the steps.csv and cycles.csv section); compare.csv
  'docs/figures.md': ['ce', 'ce_voxels', 'dead_metal_fraction', 'dead_charge_fraction', 'sei_charge_fraction', 'active_sac_fraction', 'porosity', 'host_coverage', 'average_ce', 'sac_nucleation_share'],
  // cycles.csv column by column; fullcell.csv
  'docs/cycling.md': ['ce', 'ce_voxels', 'dead_metal_fraction', 'dead_charge_fraction', 'sei_charge_fraction', 'active_sac_fraction', 'porosity', 'retention', 'final_retention'],
  // analyze's cycles.csv
  'docs/cycler.md': ['ce', 'retention'],
  // compare --seeds' seeds.csv
  'docs/guide.md': ['average_ce', 'dead_metal_fraction', 'sei_charge_fraction'],
  // sacplate results' columns
  'docs/sweeps.md': ['average_ce', 'dead_metal_fraction', 'sei_charge_fraction', 'host_coverage', 'porosity', 'sac_nucleation_share', 'active_sac_fraction'],
};

test('every doc that defines a CSV\'s columns says "fraction (0-1)" beside each fraction column, whose name carries no unit (mends65)', () => {
  const missing: string[] = [];
  for (const [doc, cols] of Object.entries(WHERE)) {
    const text = readFileSync(join(ROOT, doc), 'utf8').replace(/\s+/g, ' ');
    for (const c of cols) {
      const said = [...text.matchAll(new RegExp('`' + c + '`', 'g'))].some((m) => text.slice(m.index, m.index + 300).includes('fraction (0-1)'));
      if (!said) missing.push(`${doc}: ${c}`);
    }
  }
  assert.deepEqual(missing, []);
});
