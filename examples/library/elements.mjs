// (j) Element data for a SAC choice (abundance, price, supply concentration, cited hazards) with the
// sustainability score, and the gram capacity of the whole anode side (metal + host + SAC + binder + collector).
//   node examples/library/elements.mjs
import { elements, anodeCapacity } from 'sacplate';

const e = elements(['Fe', 'Co', 'Ni', 'Zn', 'Pt'], { sustainability: true, weights: { toxicity: 2 } });
console.log(`weights: ${JSON.stringify(e.weights)}`);
for (const x of e.elements) {   // best first
  console.log(`${x.symbol}: sustainability ${x.sustainability.total.toFixed(4)}, price ${x.price_usd_per_kg ?? 'n/a'} USD/kg, abundance ${x.abundance_mg_per_kg ?? 'n/a'} mg/kg, HHI ${x.hhi_production ?? 'n/a'}`);
}
console.log(`sources: ${e.sources}`);

const a = anodeCapacity({ metal: 'Li', metalMass: '2 mg/cm2', hostMass: '1.5 mg/cm2', sacLoading: '1.2 wt%', collectorMass: '8.9 mg/cm2' });
console.log(`metal theoretical: ${a.metalTheoretical_mAh_per_g.toFixed(3)} mAh/g`);
console.log(`capacity: ${a.capacity_mAh_per_cm2.toFixed(5)} mAh/cm2`);
console.log(`whole anode: ${a.wholeAnode_mAh_per_g.toFixed(3)} mAh/g`);
console.log(`inactive mass: ${(100 * a.inactiveFraction).toFixed(3)} %`);
