// (a) A plating simulation from a parameter set and a protocol: Li on Cu, two plate/strip cycles.
//   node examples/library/simulate.mjs        (about 1 s of CPU)
import { simulate, params } from 'sacplate';

const cu = params.resolveHost(params.getHost('Cu'), 'Li'); // the parameter set, with units and sources
console.log(`host: ${cu.name}, Li binding ${cu.binding_eV.toFixed(3)} eV`);

const run = {
  metal: 'Li', temperature: '25 degC', host: 'Cu',
  lattice: { size: [10, 10, 8], voxel: '50 nm' },
  protocol: [{ repeat: 2, steps: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] }],
  seed: 1, output: { snapshots: false },
};
const { metrics, trace, cycles } = simulate(run);

const last = trace.time_s.length - 1;
console.log(`trace rows: ${trace.time_s.length}`);
console.log(`last cell voltage: ${trace.cell_voltage_mV[last].toFixed(3)} mV at ${trace.time_s[last].toFixed(3)} s`);
console.log(`nucleation overpotential: ${metrics.nucleation_overpotential_mV.toFixed(3)} mV`);
console.log(`plateau overpotential: ${metrics.plateau_overpotential_mV.toFixed(3)} mV`);
console.log(`rms roughness: ${metrics.rms_roughness_nm.toFixed(3)} nm`);
console.log(`porosity: ${metrics.porosity.toFixed(4)}`);
console.log(`average CE: ${metrics.average_ce.toFixed(4)}`);
for (const c of cycles.cycles) console.log(`cycle ${c.cycle} CE: ${c.ce.toFixed(4)}`);
