// (d) Analyse a cycler file: format detected (BioLogic, Neware, Arbin, Landt, BDF, ...), checked,
// cut into cycles; CE and capacity per cycle. A simulated run's eta.csv goes through the same code.
//   node examples/library/cycler.mjs   (the Neware export in ../shared/data/cycler; SACPLATE_EXAMPLE_CYCLER=FILE for another)
// Installed from npm there is no ../shared beside the package: then a small simulated Li||Cu run's eta.csv, read as
// protocol licu (plated and stripped charge, CE per cycle), is the file (branch pkg66).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, formatReport, simulate } from 'sacplate';

const shared = fileURLToPath(new URL('../../../shared/data/cycler/neware_uio.csv', import.meta.url));
const file = process.env.SACPLATE_EXAMPLE_CYCLER ?? (existsSync(shared) ? shared : undefined);
if (file !== undefined) {
  const { report } = await analyzeFile(file, { protocol: 'fullcell', area_cm2: 1.13 });
  console.log(`format: ${report.format}, ${report.rows} rows, ${report.cycles} cycles`);
  for (const c of report.fullcell.cycles) {
    console.log(`cycle ${c.cycle}: charge ${c.charge_mAh.toFixed(4)} mAh, discharge ${c.discharge_mAh.toFixed(4)} mAh, CE ${Number.isFinite(c.ce) ? c.ce.toFixed(4) : 'n/a (cycle not finished)'}`);
  }
  console.log(formatReport(report).split('\n').slice(0, 4).join('\n')); // the CLI's printed report
} else {
  const outDir = mkdtempSync(join(tmpdir(), 'sacplate-cycler-example-'));
  simulate({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' },
    protocol: [{ repeat: 2, steps: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] }],
    seed: 1, output: { snapshots: false },
  }, { outDir });
  const { report } = await analyzeFile(join(outDir, 'eta.csv'), { protocol: 'licu', area_cm2: 1 });
  console.log(`format: ${report.format}, ${report.rows} rows, ${report.cycles} cycles (${join(outDir, 'eta.csv')}: no ../shared/data/cycler beside the package; SACPLATE_EXAMPLE_CYCLER=FILE for your own)`);
  for (const c of report.licu.cycles) {
    console.log(`cycle ${c.cycle}: plated ${c.plated_mAh.toFixed(6)} mAh, stripped ${c.stripped_mAh.toFixed(6)} mAh, CE ${Number.isFinite(c.ce) ? c.ce.toFixed(4) : 'n/a (cycle not finished)'}`);
  }
  console.log(formatReport(report).split('\n').slice(0, 4).join('\n'));
}
