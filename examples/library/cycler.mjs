// (d) Analyse a cycler file: format detected (BioLogic, Neware, Arbin, Landt, BDF, ...), checked,
// cut into cycles; CE and capacity per cycle. A simulated run's eta.csv goes through the same code.
//   node examples/library/cycler.mjs   (the Neware export in ../shared/data/cycler; SACPLATE_EXAMPLE_CYCLER=FILE for another)
import { fileURLToPath } from 'node:url';
import { analyzeFile, formatReport } from 'sacplate';

const file = process.env.SACPLATE_EXAMPLE_CYCLER ?? fileURLToPath(new URL('../../../shared/data/cycler/neware_uio.csv', import.meta.url));
const { report } = await analyzeFile(file, { protocol: 'fullcell', area_cm2: 1.13 });
console.log(`format: ${report.format}, ${report.rows} rows, ${report.cycles} cycles`);
for (const c of report.fullcell.cycles) {
  console.log(`cycle ${c.cycle}: charge ${c.charge_mAh.toFixed(4)} mAh, discharge ${c.discharge_mAh.toFixed(4)} mAh, CE ${Number.isFinite(c.ce) ? c.ce.toFixed(4) : 'n/a (cycle not finished)'}`);
}
console.log(formatReport(report).split('\n').slice(0, 4).join('\n')); // the CLI's printed report
