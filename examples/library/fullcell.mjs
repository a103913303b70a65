// (k) A full cell: capacity retention when the metal inventory fades by the anode's Coulombic
// efficiency, at several N/P ratios (0 = anode-free); the anode CE given, or simulated from a Li||Cu run file.
//   node examples/library/fullcell.mjs
import { fullCell } from 'sacplate';

const r = fullCell({ cathode: 'LFP', loading: '10 mg/cm2', np: [0, 1, 2], cycles: 300, anode: { ce: 0.995 } });
console.log(`cathode ${r.cathode}: ${r.capacity_mAh_per_cm2.toFixed(4)} mAh/cm2, anode CE from ${r.ce_source}`);
for (const x of r.results) {
  console.log(`N/P ${x.np}: first discharge ${x.first_discharge_mAh_per_cm2.toFixed(4)} mAh/cm2, retention after cycle 300 ${x.final_retention.toFixed(6)}, below 80 % from cycle ${x.cycles_to_80pct ?? 'none'}`);
}
// x.cycles: per cycle ce, charge_mAh_per_cm2, discharge_mAh_per_cm2, retention, anode_excess_mAh_per_cm2, lost_mAh_per_cm2
