/**
 * Must show 6 (issue 9; MODEL.md 8.1): pulse plating shortens the longest dendrite against DC at
 * the same average current and charge (Aryanfar et al., J. Phys. Chem. Lett. 5, 1721 (2014): 1 ms
 * pulses with 3 ms rests shortened the mean dendrite length about 2.5 times against continuous
 * charging; their Monte Carlo ions diffuse and drift in the field during a pulse and only diffuse
 * during a rest; pulses much shorter than the relaxation time, O(1 ms) in their cell, approach DC,
 * and 20 ms pulses failed because the depletion around the tips could not be refilled in the rests).
 *
 * Third version: the rests are live. Before it the lattice was frozen during a pulse's off time
 * (only the field relaxed). Now each off time is an open-circuit rest of the plating loop
 * (src/simulation/pulse.ts): adatoms hop (here: off, as in DC), the metal exchanges with the
 * electrolyte (oxidation fastest where an atom has fewest bonds: a one-bond tip atom of Li at 100 nm
 * voxels oxidises at k0 exp(2 E_mm / kT) = 32 /s at eta = 0, a 31 ms relaxation), the double layer
 * holds open circuit, the concentration field relaxes on the same clock and takes and gives the
 * exchanged ions.
 *
 * Set-up: Li on Cu, 16 x 16 x 96 voxels of 100 nm, 1 M LiPF6 EC/DMC (D = 3.22e-6 cm2/s, t+ 0.38),
 * diffusion layer L = 20 um: limiting current J_lim = F D c0 / ((1 - t+) L) = 250 mA/cm2.
 * Relaxation times, computed before the run (and again below from the parameter set):
 *  - the layer: L^2 / D = 1.24 s; its slowest mode tau_1 = 4 L^2 / (pi^2 D) = 0.50 s;
 *  - the depletion around the tips (Aryanfar's criterion: the concentration near the tips must
 *    relax in the rest): h^2 / D for tips h = 2-5 um above the mean: 12-78 ms;
 *  - the double layer: R_ct C_dl = (kT/e) C_dl / i0 = 0.5 ms (i0 1 mA/cm2, 20 uF/cm2).
 *
 * Part 1 (the claim, new design): average current below the limiting current, so that a rest can
 * refill the layer at all (at 1.2 J_lim, the second version's DC, no pulse train can: the layer
 * cannot carry more than J_lim on average). DC 125 mA/cm2 (0.5 J_lim) against 500 mA/cm2 for
 * 150 ms, rest 450 ms (duty 1/4, same average current, same charge 0.2 mAh/cm2). On time 150 ms is
 * below the peak's Sand time (pi/4)(L^2/D)(J_lim/J)^2 = 0.245 s (no pulse exhausts the surface);
 * the rest is 0.9 tau_1 (the layer's slowest mode decays to e^-0.9 = 0.41 in a rest, every faster
 * mode and the depletion around the tips, 12-78 ms, relax fully; 10 periods of 0.6 s). Paired
 * seeds 1-6.
 * Effect size stated before the run (Aryanfar's claim): DC - pulse > 5 % of DC's longest dendrite,
 * the paired 95 % interval excluding 0.
 * Expected before the run: NOT shorter. The pilot (seed 101, not a study seed) gave pulse 2100 nm
 * against DC 1800 nm. Reason: in this model growth is diffusion with reduction proportional to c at
 * the site; during an on time the gradient at the surface is 4 times DC's (flux condition), so the
 * tips' advantage c_tip / c_valley is larger while the metal is deposited, and what the rest
 * relaxes (the field) is what the next pulse depletes again. The mechanism Aryanfar's simulations
 * rely on, ions drifting in the electric field that converges on the tips, is absent: the
 * electrolyte has no potential field. The live rests add tip dissolution by exchange, which works
 * for the pulse, but at the model's i0 it moves few voxels in a rest.
 *
 * Part 2 (what the live rests change alone): the second version's protocol, rerun with live rests:
 * DC 300 mA/cm2 (1.2 J_lim) against 600 mA/cm2 150 ms on / 150 ms rest, 0.2 mAh/cm2, seeds 1-3
 * (frozen rests: DC - pulse -4217 nm [-4551, -3882], seeds 1-6). Expected before the run: about
 * the same (pilot seed 101: pulse 8300 nm, DC 5100 nm).
 *
 * Part 2 since branch sandend (docs/history.md, sandend; stated before the rerun, this file committed before it ran):
 * since saltneg every 600 mA/cm2 pulse train ran out of salt in an on time. Past Sand's time a front gets at most
 * about J_lim unless its tips reach h* = L (1 - J_lim / J): for the DC, 1.2 J_lim, h* = 3.3 um (inside the 9.6 um box:
 * pilot seed 101 reached its charge with tips at 4.9 um); for the pulses' on times, 2.4 J_lim, h* = 11.7 um, above the
 * box, so no pulse train above J_lim with these peaks can be carried (pilot seed 101 at 550 mA/cm2 peaks, 2.2 J_lim, h*
 * 10.9 um: out of salt in its second on time). The Aryanfar row stays as it is ("not measured" when no pair is left);
 * a new row tests the criterion's prediction: every DC plate of part 2 at its charge and every pulse train out of salt
 * (transport_limited), seeds 1-3 (expected 3 and 3: met).
 *
 * Part 3 since branch pulsesand (docs/history.md, pulsesand; stated before the run, this file committed before it ran):
 * part 2's on time, 150 ms, is as long as Sand's time at its peak (600 mA/cm2 = 2.4 J_lim: the finite layer's time to a
 * 1 % surface, sandTimeFiniteLayer_s, 0.167 s; semi-infinite 0.170 s), so each pulse depletes the surface like a DC
 * plate at 2.4 J_lim and needs tips at the peak's h* = 11.6 um. Aryanfar's regime is on times well below the peak's
 * Sand time with rests of the order of the tips' relaxation time. Chosen from those numbers before any pilot: on 10 ms
 * (0.06 of the peak's Sand time), rest 10 ms (duty 0.5: the same average 300 mA/cm2 = 1.2 J_lim and the same charge as
 * the DC), whose diffusion length sqrt(D t) = 1.8 um is the DC tips' height above the mean (4.9 - 2.8 um at the charge,
 * pilot; h^2 / D = 12-28 ms for 2-3 um). A 10 ms pulse passes about 21 voxels of the 16 x 16 box (resolved). The box is
 * 16 x 16 x 128 (12.8 um), above every h* (the average's 3.3 um, the peak's 11.6 um, the DC tips' 4.8-5.1 um), seeds
 * 1-6. Past Sand's time a short pulse draws the surface down by about 2 (J_p - J_avg)(1 - t+) sqrt(t_on) / (F sqrt(pi D))
 * = 0.12 c0 in an on time (the layer's response to the square wave's swing, semi-infinite at that depth), so a train
 * needs a front that carries the average with the surface held at 0.06-0.12 c0: tips at about 4.3-5.3 um (the DC's
 * 3.3 um), a race the tips can win, not the peak's 11.6 um.
 * Pilots (seeds 101-103, not study seeds), 10 ms / 10 ms: in the 9.6 um box all three ran out of salt at 0.85-0.95 s
 * (0.071-0.080 mAh/cm2; 5 ms and 20 ms on seed 101: out of salt at 1.04 and 0.78 s); in the 12.8 um box seeds 101 and
 * 103 reached the charge (tips 5.5 and 5.4 um), seed 102 ran out of salt at 0.0947 mAh/cm2; DC 101, 102: at the charge
 * (tips 4.8 um). Max - mean: seed 101 pulse 2575 nm, DC 2056 nm; at seed 102's end charge pulse 1749 nm, DC 1332 nm.
 * Claims (effect sizes stated before the run):
 *  (3a) the review's claim: max - mean height, pulse minus DC, paired over the seeds where both reach the charge, interval
 *       below 0 and the mean below -5 % of DC's (at least 2 pairs); expected NOT met (pilots: the pulse's the longer);
 *  (3b) the 10 ms trains are carried past Sand's time (share at the charge > 0) and every DC is; expected met (pilots 2
 *       of 3);
 *  (3c) the same difference at the charge each pulse train reached (the DC of the same seed plated to that charge, the
 *       same history up to there), interval below 0 and below -5 % of DC's; expected NOT met (pilots +519, +417 nm).
 * The on time was not tuned to the answer: 5 and 20 ms were piloted on one seed only to see whether the regime holds
 * (both ran out of salt in the 9.6 um box, as 10 ms did); the box was raised to 12.8 um for the peak's h*, not for a
 * verdict. Parts 1 and 2 and their rows stay as they were (on record).
 *
 * Open circuit check: the net voxels the rests deposit, as a fraction of the step's charge, must be
 * about 0 (the double layer's discharge is below 0.02 voxel): stated tolerance |mean| < 1 %.
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { excludesZero, meanInterval, pairedInterval } from '../../src/stats/interval.js';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { computeMetrics, type Metrics } from '../../src/simulation/report.js';
import { pulseStats, type PulseStats } from '../../src/simulation/pulse.js';
import { ELECTROLYTES, resolveElectrolyte } from '../../src/params/electrolytes.js';
import { sandTimeFiniteLayer_s } from '../../src/fields/report.js';
import { F, fmt } from './transport-common.js';

const CHARGE = '0.2 mAh/cm2';
const SIZE: [number, number, number] = [16, 16, 96];
const LAYER_M = 20e-6;

function run(protocol: string, seed: number, size: [number, number, number] = SIZE): { m: Metrics; p: PulseStats | undefined } {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size, voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' },
    electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um', field_cell: '100 nm' },
    protocol: [protocol], seed, output: { snapshots: false },
  }));
  sim.runAll();
  return { m: computeMetrics(sim), p: pulseStats(sim) };
}

interface Pair { seed: number; dc: Metrics; pu: Metrics; p: PulseStats }
/** how each run of a part ended (steps_ended[0]), DC and pulse */
interface Ends { dc: string[]; pu: string[] }

function pairs(dcText: string, puText: string, seeds: number[]): { done: Pair[]; incomplete: number[]; ends: Ends } {
  const done: Pair[] = [], incomplete: number[] = [], ends: Ends = { dc: [], pu: [] };
  for (const seed of seeds) {
    const a = run(dcText, seed), b = run(puText, seed);
    ends.dc.push(a.m.steps_ended[0] ?? 'none'); ends.pu.push(b.m.steps_ended[0] ?? 'none');
    // a pair counts only when both runs passed the whole charge
    if (a.m.steps_ended[0] === 'charge' && b.m.steps_ended[0] === 'charge' && b.p) done.push({ seed, dc: a.m, pu: b.m, p: b.p });
    else incomplete.push(seed);
    process.stderr.write(`  seed ${seed}: longest dendrite DC ${a.m.max_height_nm} nm (${a.m.steps_ended}), pulse ${b.m.max_height_nm} nm (${b.m.steps_ended}); ` +
      `mean height ${fmt(a.m.mean_height_nm)} vs ${fmt(b.m.mean_height_nm)} nm; porosity ${fmt(a.m.porosity)} vs ${fmt(b.m.porosity)}; time ${fmt(a.m.time_s)} vs ${fmt(b.m.time_s)} s; ` +
      `rests: ${b.p?.rests} with ${b.p?.restEvents} events, net ${b.p?.restNet} of ${b.m.deposited_voxels} voxels\n`);
  }
  return { done, incomplete, ends };
}

/** part 3 (branch pulsesand): 10 ms on / 10 ms rest at 600 mA/cm2 against DC 300 mA/cm2, 16 x 16 x 128 (12.8 um, above every h*) */
const SIZE3: [number, number, number] = [16, 16, 128];
const ON3_MS = 10;
const DC3 = `Plate ${CHARGE} at 300 mA/cm2`, PU3 = `Pulse at 600 mA/cm2 for ${ON3_MS} ms, rest ${ON3_MS} ms, ${CHARGE}`;
interface Run3 { seed: number; dc: Metrics; pu: Metrics; p: PulseStats | undefined; dcAt: Metrics }

/** Each seed: the DC, the pulse train, and the DC plated to the charge the pulse train reached (the same history as the DC
 * up to there: runs are deterministic), all in the taller box. */
function part3(seeds: number[]): Run3[] {
  const out: Run3[] = [];
  for (const seed of seeds) {
    const a = run(DC3, seed, SIZE3), b = run(PU3, seed, SIZE3);
    const q = b.m.charge_mAh_per_cm2;
    const dcAt = b.m.steps_ended[0] === 'charge' ? a.m : run(`Plate ${q.toPrecision(6)} mAh/cm2 at 300 mA/cm2`, seed, SIZE3).m;
    out.push({ seed, dc: a.m, pu: b.m, p: b.p, dcAt });
    process.stderr.write(`  part 3 seed ${seed}: DC ${a.m.steps_ended} at ${fmt(a.m.time_s)} s, max/mean ${a.m.max_height_nm}/${fmt(a.m.mean_height_nm)} nm, onset ${fmt(a.m.transport?.sand_time_s ?? NaN)} s; ` +
      `pulse ${b.m.steps_ended} at ${fmt(b.m.time_s)} s, ${fmt(q)} mAh/cm2, max/mean ${b.m.max_height_nm}/${fmt(b.m.mean_height_nm)} nm, onset ${fmt(b.m.transport?.sand_time_s ?? NaN)} s, ` +
      `rests ${b.p?.rests} net ${b.p?.restNet} of ${b.m.deposited_voxels} voxels; DC at that charge: ${dcAt.steps_ended} ${fmt(dcAt.charge_mAh_per_cm2)} mAh/cm2, max/mean ${dcAt.max_height_nm}/${fmt(dcAt.mean_height_nm)} nm\n`);
  }
  return out;
}

export const study: ValidationStudy = {
  id: 'transport-pulse',
  title: 'Pulse plating against DC at the same average current and charge',
  run(): ValidationEntry[] {
    const el = resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!);
    const D = el.D_m2_per_s, c0 = el.c0_mol_per_m3, tp = el.tPlus;
    const jLim = (F * D * c0) / ((1 - tp) * LAYER_M) / 10; // mA/cm2
    const tauL = (LAYER_M * LAYER_M) / D, tau1 = (4 * tauL) / (Math.PI * Math.PI);
    const times = `J_lim ${fmt(jLim)} mA/cm2, L^2/D ${fmt(tauL)} s, tau_1 ${fmt(tau1)} s`;
    process.stderr.write(`  ${times}\n`);

    const seeds1 = [1, 2, 3, 4, 5, 6], seeds2 = [1, 2, 3];
    const p1 = pairs(`Plate ${CHARGE} at 125 mA/cm2`, `Pulse at 500 mA/cm2 for 150 ms, rest 450 ms, ${CHARGE}`, seeds1);
    const p2 = pairs(`Plate ${CHARGE} at 300 mA/cm2`, `Pulse at 600 mA/cm2 for 150 ms, rest 150 ms, ${CHARGE}`, seeds2);

    const seedsOf = (r: { done: Pair[]; incomplete: number[] }) => `seeds ${r.done.map((x) => x.seed).join(',')} paired${r.incomplete.length ? ` (seeds ${r.incomplete.join(',')} left out: a run stopped before the charge)` : ''}`;
    const d1 = pairedInterval(p1.done.map((x) => x.dc.max_height_nm), p1.done.map((x) => x.pu.max_height_nm));
    const dc1 = meanInterval(p1.done.map((x) => x.dc.max_height_nm)).mean, pu1 = meanInterval(p1.done.map((x) => x.pu.max_height_nm)).mean;
    const por1 = pairedInterval(p1.done.map((x) => x.dc.porosity), p1.done.map((x) => x.pu.porosity));
    // branch saltneg: with no cell below zero salt a 600 mA/cm2 pulse (2.4 J_lim) can run out of salt within its on time
    // and end 'transport_limited'; with no pair left the row says so (not measured) instead of stopping the study
    const none = { mean: NaN, lo: NaN, hi: NaN, n: 0, sd: NaN, se: NaN };
    const d2 = p2.done.length ? pairedInterval(p2.done.map((x) => x.dc.max_height_nm), p2.done.map((x) => x.pu.max_height_nm)) : none;
    const dc2 = p2.done.length ? meanInterval(p2.done.map((x) => x.dc.max_height_nm)).mean : NaN, pu2 = p2.done.length ? meanInterval(p2.done.map((x) => x.pu.max_height_nm)).mean : NaN;
    const restFrac = [...p1.done, ...p2.done].map((x) => x.p.restNet / (x.p.onNet + x.p.restNet));
    const rf = meanInterval(restFrac);
    const set1 = `16x16x96 voxels of 100 nm, 20 um layer, DC 125 mA/cm2 (0.5 J_lim) vs 500 mA/cm2 150 ms on / 450 ms live rest, ${CHARGE}`;
    const set2 = `DC 300 mA/cm2 (1.2 J_lim) vs 600 mA/cm2 150 ms on / 150 ms live rest, ${CHARGE}`;
    // part 3 (branch pulsesand): on times well below the peak's Sand time, in a box above the peak's h*
    const seeds3 = [1, 2, 3, 4, 5, 6];
    const r3 = part3(seeds3);
    const tSandPeak = sandTimeFiniteLayer_s(600 / jLim, LAYER_M, D, 0.01)!;
    const swing = (2 * (600 - 300) / jLim * Math.sqrt(D * ON3_MS / 1000)) / (LAYER_M * Math.sqrt(Math.PI)); // c/c0
    const hPulse = (c: number) => LAYER_M * (1 - (jLim / 300) * (1 - c)) * 1e6; // um: the front that carries the average with the surface at c
    const spread = (m: Metrics) => m.max_height_nm - m.mean_height_nm;
    const both = r3.filter((x) => x.dc.steps_ended[0] === 'charge' && x.pu.steps_ended[0] === 'charge');
    const at = r3.filter((x) => x.dcAt.steps_ended[0] === 'charge');
    const none3 = { mean: NaN, lo: NaN, hi: NaN, n: 0, sd: NaN, se: NaN };
    const d3 = both.length ? pairedInterval(both.map((x) => spread(x.pu)), both.map((x) => spread(x.dc))) : none3;
    const dcSpread3 = both.length ? meanInterval(both.map((x) => spread(x.dc))).mean : NaN, puSpread3 = both.length ? meanInterval(both.map((x) => spread(x.pu))).mean : NaN;
    const a3 = at.length ? pairedInterval(at.map((x) => spread(x.pu)), at.map((x) => spread(x.dcAt))) : none3;
    const dcAtSpread = at.length ? meanInterval(at.map((x) => spread(x.dcAt))).mean : NaN;
    const puCarried = r3.filter((x) => x.pu.steps_ended[0] === 'charge').length, dcCarried = r3.filter((x) => x.dc.steps_ended[0] === 'charge').length;
    const set3 = `16x16x128 voxels of 100 nm (12.8 um), 20 um layer, DC 300 mA/cm2 (1.2 J_lim) vs 600 mA/cm2 ${ON3_MS} ms on / ${ON3_MS} ms live rest, ${CHARGE}`;
    const why3 = `on time ${ON3_MS} ms = ${fmt(ON3_MS / 1000 / tSandPeak)} of the peak's Sand time ${fmt(tSandPeak)} s (finite layer, 1 % onset); rest ${ON3_MS} ms: diffusion length sqrt(D t) ${fmt(Math.sqrt(D * ON3_MS / 1000) * 1e6)} um, the tips' height above the mean`;
    const seedList = (xs: Run3[]) => xs.map((x) => x.seed).join(',') || 'none';
    return [
      { id: 'pulse-longest-dendrite', quantity: 'longest dendrite, DC minus pulse (same average current and charge, below J_lim, rest 0.9 tau_1)', published: '> 0: pulses shorten dendrites', source: 'Aryanfar et al., JPCL 5, 1721 (2014)',
        measured: d1.mean, unit: 'nm', interval: [d1.lo, d1.hi], runs: `${seedsOf(p1)}; ${set1}`, pass: excludesZero(d1) && d1.mean > 0.05 * dc1,
        note: `DC ${fmt(dc1)} nm, pulse ${fmt(pu1)} nm on average; ${times}; claim stated before the run: DC - pulse > 5 % of DC and the interval excludes 0; expected before the run: not shorter (no potential field in the electrolyte; docs/transport.md)` },
      { id: 'pulse-porosity', quantity: 'porosity, DC minus pulse (below J_lim, rest 0.9 tau_1)', published: '> 0 (denser deposit with pulses)', source: 'Aryanfar et al., JPCL 5, 1721 (2014)',
        measured: por1.mean, unit: '', interval: [por1.lo, por1.hi], runs: seedsOf(p1), pass: excludesZero(por1) && por1.mean > 0, note: 'reported beside the dendrite length' },
      { id: 'pulse-longest-dendrite-1.2jlim-live', quantity: 'longest dendrite, DC minus pulse, second version\'s protocol with live rests (above J_lim)', published: '> 0: pulses shorten dendrites', source: 'Aryanfar et al., JPCL 5, 1721 (2014)',
        measured: d2.mean, unit: 'nm', interval: [d2.lo, d2.hi], runs: `${seedsOf(p2)}; ${set2}`, pass: excludesZero(d2) && d2.mean > 0.05 * dc2,
        note: `${p2.done.length ? `DC ${fmt(dc2)} nm, pulse ${fmt(pu2)} nm` : 'no pair: every pulse ran out of salt in an on time (transport_limited)'}; with frozen rests the same protocol gave -4217 nm [-4551, -3882] (seeds 1-6): what the live rests change alone` },
      { id: 'pulse-1.2jlim-criterion', quantity: 'part 2 (above J_lim): DC plates at their charge and pulse trains out of salt, share of the seeds (a front reaches h* = L (1 - J_lim / J) or runs out of salt)', published: '1 (DC h* 3.3 um inside the 9.6 um box; pulse peaks h* 11.7 um above it)', source: 'branch sandend',
        measured: p2.ends.dc.filter((e, i) => e === 'charge' && p2.ends.pu[i] === 'transport_limited').length / seeds2.length, unit: '', runs: `seeds ${seeds2.join(',')}; ${set2}`,
        pass: p2.ends.dc.every((e) => e === 'charge') && p2.ends.pu.every((e) => e === 'transport_limited'),
        note: `DC ended ${p2.ends.dc.join(', ')}; pulses ended ${p2.ends.pu.join(', ')}; h* = L (1 - J_lim / J): ${fmt(LAYER_M * (1 - jLim / 300) * 1e6)} um at 300 mA/cm2, ${fmt(LAYER_M * (1 - jLim / 600) * 1e6)} um at 600 mA/cm2; claim: every DC at its charge, every pulse train transport_limited` },
      { id: 'pulse-spread-1.2jlim-short', quantity: `max - mean height, pulse minus DC (same average current 1.2 J_lim and charge; ${ON3_MS} ms pulses, well below the peak's Sand time)`, published: '< 0: pulses shorten the longest dendrite', source: 'Aryanfar et al., JPCL 5, 1721 (2014)',
        measured: d3.mean, unit: 'nm', interval: [d3.lo, d3.hi], runs: `seeds ${seedList(both)} paired of ${seeds3.join(',')} (a pair counts when both runs reach the charge); ${set3}`,
        pass: both.length >= 2 && d3.hi < 0 && d3.mean < -0.05 * dcSpread3,
        note: `${both.length ? `max - mean: DC ${fmt(dcSpread3)} nm, pulse ${fmt(puSpread3)} nm` : 'no pair: no pulse train reached its charge'}; ${why3}; claim stated before the run: interval below 0 and pulse - DC below -5 % of DC's; expected: not met (pilots 101-103 in this box: 2 of 3 pulse trains carried; seed 101 pulse minus DC +519 nm, the pulse's the longer)` },
      { id: 'pulse-short-carried', quantity: `part 3: ${ON3_MS} ms pulse trains (peaks 2.4 J_lim) carried to their charge past Sand's time, share (every DC at its charge)`, published: '> 0 (a short on time asks the front to carry the average plus a swing, not the peak\'s h*)', source: 'branch pulsesand (Sand 1901; branch sandend)',
        measured: puCarried / seeds3.length, unit: '', runs: `seeds ${seeds3.join(',')}; ${set3}`, pass: dcCarried === seeds3.length && puCarried > 0,
        note: `pulse trains ended ${r3.map((x) => x.pu.steps_ended[0] ?? 'none').join(', ')} (highest tips ${r3.map((x) => x.pu.max_height_nm).join(', ')} nm); DC ended ${r3.map((x) => x.dc.steps_ended[0] ?? 'none').join(', ')} (tips ${r3.map((x) => x.dc.max_height_nm).join(', ')} nm); ` +
          `the peak's h* ${fmt(LAYER_M * (1 - jLim / 600) * 1e6)} um, the average's ${fmt(hPulse(0))} um; an on time draws the surface down by about 2 (J_p - J_avg)(1 - t+) sqrt(t_on) / (F sqrt(pi D)) = ${fmt(swing)} c0, so a train needs its front at about ${fmt(hPulse(swing / 2))}-${fmt(hPulse(swing))} um; ` +
          `rests net ${r3.reduce((s, x) => s + (x.p?.restNet ?? 0), 0)} voxels in all; claim: share > 0 and every DC at its charge; expected: met (pilots 2 of 3)` },
      { id: 'pulse-spread-1.2jlim-short-at-charge', quantity: `max - mean height, pulse minus DC at the charge the ${ON3_MS} ms pulse train reached (the DC plated to that charge, same seed)`, published: '< 0: pulses shorten the longest dendrite', source: 'Aryanfar et al., JPCL 5, 1721 (2014)',
        measured: a3.mean, unit: 'nm', interval: [a3.lo, a3.hi], runs: `seeds ${seedList(at)} paired; ${set3}`,
        pass: at.length >= 2 && a3.hi < 0 && a3.mean < -0.05 * dcAtSpread,
        note: `charges ${r3.map((x) => fmt(x.pu.charge_mAh_per_cm2)).join(', ')} mAh/cm2; DC's max - mean there ${fmt(dcAtSpread)} nm; claim stated before the run: interval below 0 and pulse - DC below -5 % of DC's; expected: not met (pilots in this box: seed 101 +519 nm at the full charge, seed 102 +417 nm at 0.0947 mAh/cm2)` },
      { id: 'pulse-rest-open-circuit', quantity: 'net charge deposited during the rests, fraction of the step\'s charge', published: '0 (open circuit; double-layer discharge < 0.02 voxel)', source: 'open circuit',
        measured: rf.mean, unit: '', interval: [rf.lo, rf.hi], runs: `all ${restFrac.length} pulse runs`, pass: Math.abs(rf.mean) < 0.01 && Math.abs(rf.lo) < 0.01 && Math.abs(rf.hi) < 0.01,
        note: `tolerance |mean| and interval within 1 %; rests ran ${[...p1.done, ...p2.done].reduce((s, x) => s + x.p.restEvents, 0)} events in all` },
    ];
  },
};
