// (m) A run folder's figures drawn to SVG and PNG: simulate() writes them as Vega-Lite specifications only
// (outDir/figures/*.vl.json); renderFigures draws each beside it, as `sacplate simulate --out` does.
//   node examples/library/figures.mjs   (into a new folder under the system's temporary folder)
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, renderFigures } from 'sacplate';

const run = {
  metal: 'Li', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '10 nm' },
  kinetics: { terraceBarrier: '0.30 eV' },          // a slow terrace hop: a short run, for the example
  protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
};
const outDir = mkdtempSync(join(tmpdir(), 'sacplate-figures-'));
const r = simulate(run, { outDir });
console.log(`specifications: ${r.files.filter((f) => f.endsWith('.vl.json')).join(' ')}`);
const files = await renderFigures(outDir);   // { png: false }: the SVGs only
for (const f of files) console.log(`drawn: ${f} ${statSync(f).size} bytes`);
