/**
 * `Rest for ...` with ion walkers (`cell: { transport: walkers }`, simulation/walker-rest.ts): open
 * circuit, no current. Walkers one at a time have no ion in flight between arrivals, so a rest is
 * its clock; walkers on a clock (`cell.drift`, here `off`: a clock without drift) keep the ions in flight diffusing (one hop per sweep,
 * none enters, none drifts, none is reduced) and the next step starts with them. A plating step given by a time whose
 * charge is below half a voxel runs as a rest, but its current flows: with `drift:` its ions drift (mends37). About 1-2 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { walkersInFlight, driftWalkerStats } from '../src/simulation/drift-walker-step.js';
import { walkerRestStats } from '../src/simulation/walker-rest.js';
import { InputError } from '../src/errors.js';
import { StickySites } from '../src/fields/walkers.js';
import { Rng } from '../src/kmc/rng.js';

const hash = (code: Uint8Array) => createHash('sha256').update(code).digest('hex');

test('walkers one at a time: a Rest step is accepted, runs its clock, passes no charge and leaves the lattice as it was', () => {
  const hashes: string[] = [];
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [20, 20, 48], voxel: '0.3 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
    protocol: ['Plate 0.00004 mAh/cm2 at 2 mA/cm2', 'Rest for 1 s', 'Plate 0.00004 mAh/cm2 at 2 mA/cm2'], seed: 4, output: { snapshots: false },
  }));
  sim.runAll({ onStepEnd: (s) => { hashes.push(hash(s.app.code)); } });
  assert.deepEqual(sim.stepResults.map((x) => x.ended), ['charge', 'time', 'charge']);
  const [p1, rest, p2] = sim.stepResults;
  assert.equal(rest!.net_voxels, 0); assert.equal(rest!.events, 0);
  assert.ok(Math.abs(rest!.duration_s - 1) < 1e-12 && Math.abs(rest!.kmc_duration_s - 1) < 1e-12, `rest ${rest!.duration_s} s`);
  assert.equal(hashes[0], hashes[1], 'the lattice is unchanged by the rest');
  assert.notEqual(hashes[1], hashes[2]);
  assert.ok(p1!.net_voxels > 50 && p2!.net_voxels === p1!.net_voxels, `${p1!.net_voxels}, ${p2!.net_voxels} voxels`);
  assert.equal(sim.netVoxels, p1!.net_voxels + p2!.net_voxels);
  assert.ok(Math.abs(sim.time - (p1!.duration_s + 1 + p2!.duration_s)) < 1e-9 * sim.time, `time ${sim.time}`);
  const tr = sim.trace;
  for (let i = rest!.samples[0]; i < rest!.samples[1]; i++) {
    assert.equal(tr.current_mA_per_cm2[i], 0);
    assert.ok(Number.isNaN(tr.overpotential_mV[i]!), 'no overpotential with walkers');
  }
  assert.ok(rest!.samples[1] - rest!.samples[0] >= 2, 'a row at the rest\'s start and end');
});

test('walkers on a clock: in a Rest the ions in flight keep diffusing (none enters, none is reduced) and the next step starts with them', () => {
  const seen: { n: number; xs: string; code: string }[] = [];
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '20 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers', drift: 'off' },
    protocol: ['Plate at 300 mA/cm2 for 0.001 mAh/cm2', 'Rest for 1 ms', 'Plate at 300 mA/cm2 for 0.001 mAh/cm2'], seed: 3, output: { snapshots: false },
  }));
  sim.runAll({ onStepEnd: (s) => { const w = walkersInFlight(s)!; seen.push({ n: w.xs.length, xs: `${w.xs.join()}|${w.ys.join()}|${w.zs.join()}`, code: hash(s.app.code) }); } });
  assert.deepEqual(sim.stepResults.map((x) => x.ended), ['charge', 'time', 'charge']);
  const [after1, afterRest] = seen;
  assert.ok(after1!.n > 0, 'ions in flight at the end of the first step');
  assert.equal(afterRest!.n, after1!.n, 'none enters or is reduced in the rest');
  assert.notEqual(afterRest!.xs, after1!.xs, 'they moved');
  assert.equal(afterRest!.code, after1!.code, 'the lattice is unchanged by the rest');
  const rs = walkerRestStats(sim!)!;
  assert.equal(rs.sweeps, Math.round(1e-3 / rs.tau_s));
  assert.equal(rs.steps, after1!.n * rs.sweeps, 'every walker in flight hops once per sweep');
  const rest = sim.stepResults[1]!;
  assert.equal(rest.net_voxels, 0);
  assert.ok(Math.abs(rest.duration_s - 1e-3) < 1e-12, `rest ${rest.duration_s} s`);
  // the second step starts with the walkers the rest left: carried + entered = reduced + still in flight
  const st = driftWalkerStats(sim!)!;
  assert.equal(afterRest!.n + st.injected, st.particles + st.inFlight);
  assert.ok(st.restedReductions > 0, `reductions by walkers that were in flight during the rest: ${st.restedReductions}`);
});

test('walkers, both kinds: a plating step by time under half a voxel runs as a rest to its time at its current; by charge it is refused', () => {
  // mends30b: the step was rounded up to one voxel, so "Plate at 1e-8 mA/cm2 for 1 s" made one walker and lasted q / I
  // (3.5e5 s on 8 x 8 atoms of 0.3 nm); the serial engine ends such a step at its time (input/limits.ts galvanostaticTarget).
  // Checked to fail with the walker files as on main (one at a time: ended 'charge'; on a clock, alone: ended 'charge'
  // after 3.8e-4 s with one voxel, a carried walker reduced). 0.15 s.
  const runs = [
    { cell: { transport: 'walkers' }, lattice: { size: [8, 8, 24], voxel: '0.3 nm' }, first: 'Plate 0.00004 mAh/cm2 at 2 mA/cm2', t: '1 s', t_s: 1 },
    { cell: { transport: 'walkers', drift: 'off' }, lattice: { size: [16, 16, 64], voxel: '20 nm' }, first: 'Plate at 300 mA/cm2 for 0.001 mAh/cm2', t: '1 ms', t_s: 1e-3 }, // 4830 sweeps of 3 walkers in flight
  ];
  for (const { cell, lattice, first, t, t_s } of runs) {
    const input = (tiny: string) => ({ metal: 'Li', host: 'Cu', lattice, electrolyte: 'LiPF6-EC-DMC', cell, protocol: [first, tiny], seed: 5, output: { snapshots: false } });
    const sim = new Simulation(parseRunInput(input(`Plate at 1e-8 mA/cm2 for ${t}`)));
    const seen: { code: string; inFlight: number }[] = [];
    sim.runAll({ onStepEnd: (s) => { seen.push({ code: hash(s.app.code), inFlight: walkersInFlight(s)?.xs.length ?? 0 }); } });
    const tiny = sim.stepResults[1]!;
    assert.equal(tiny.ended, 'time', `${cell.drift ?? 'one at a time'}: ended ${tiny.ended}`);
    assert.ok(Math.abs(tiny.duration_s - t_s) < 1e-12 && Math.abs(tiny.kmc_duration_s - t_s) < 1e-12, `${cell.drift ?? 'one at a time'}: the step lasted ${tiny.duration_s} s (kMC ${tiny.kmc_duration_s} s)`);
    assert.equal(tiny.net_voxels, 0); assert.equal(tiny.events, 0);
    assert.equal(seen[1]!.code, seen[0]!.code, 'the lattice is unchanged');
    assert.equal(seen[1]!.inFlight, seen[0]!.inFlight, 'no walker enters or is reduced');
    if (cell.drift) assert.ok(seen[0]!.inFlight > 0, 'walkers in flight through the step');
    for (let i = tiny.samples[0]; i < tiny.samples[1]; i++) assert.equal(sim.trace.current_mA_per_cm2[i], -1e-8, 'the trace rows carry the step\'s current');
    assert.ok(tiny.samples[1] - tiny.samples[0] >= 2);
    // a step given by a charge below half a voxel: refused at input, naming the step
    assert.throws(() => parseRunInput(input('Plate 1e-12 mAh/cm2 at 1e-8 mA/cm2')), (e: unknown) => e instanceof InputError && e.field === 'protocol[1]'
      && /^protocol\[1\]: got "Plate 1e-12 mAh\/cm2 at 1e-8 mA\/cm2", expected a charge of at least half a voxel of this box \([0-9.e-]+ mAh\/cm2: one voxel is/.test(e.message));
  }
});

test('walkers on a clock: in a plating step too short to reduce an ion the current flows, and the ions in flight drift towards the electrode (a Rest of the same clock: none)', () => {
  // mends37: they diffused without drift. Claim stated before the run: over the same clock (S sweeps) and the same
  // seed and walkers, the mean height change of the ions in the step minus that in a Rest of the same length is the
  // drift -(beta0 / d) S voxels (mean velocity mu E: the bias b per z hop, 1/d of the hops along z; a flat electrode's
  // field is uniform, E0 = J / kappa) within 25 % (pooled over 3 seeds x 64 walkers, the paired spread about 0.3
  // voxel); the Rest's mean height change is 0 within 2 voxels (its spread about 0.5). 64 walkers at the inlet, one box
  // width (16 voxels) above a bare Cu foil; S = 145 sweeps (30 us): sd sqrt(S/3) = 7 voxels
  // of diffusion, so the foil (16 below) and the re-launch height (16 above) are rarely met.
  const J_A_per_m2 = 300, kappa = 0.0008, T_K = 298.15, a_m = 20e-9, d = 3;
  const beta0 = (a_m * J_A_per_m2 / kappa) / (2 * 8.617333262e-5 * T_K); // a e E0 / (2 kT), E0 = J / kappa: 0.146
  const shift = (step: string, seed: number): { dz: number; sweeps: number } => {
    const sim = new Simulation(parseRunInput({
      metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '20 nm' }, electrolyte: 'LiPF6-EC-DMC', temperature: '298.15 K',
      cell: { transport: 'walkers', drift: `${kappa} S/m` }, protocol: [step], seed, output: { snapshots: false },
    }));
    const size: [number, number, number] = [16, 16, 64];
    const inlet = new StickySites(sim.app.code, size).hMax + 16;
    const place = new Rng(1000 + seed); // the walkers, the same for the step and its Rest
    const n = 64, xs = new Int32Array(n), ys = new Int32Array(n), zs = new Int32Array(n).fill(inlet);
    for (let i = 0; i < n; i++) { xs[i] = place.int(16); ys[i] = place.int(16); }
    sim.clockedWalkers.inFlight = { xs, ys, zs };
    sim.runAll();
    const r = sim.stepResults[0]!;
    assert.equal(r.ended, 'time'); assert.equal(r.events, 0); assert.equal(r.net_voxels, 0);
    const w = walkersInFlight(sim)!;
    assert.equal(w.xs.length, n, 'none enters, none is reduced');
    let dz = 0;
    for (let i = 0; i < n; i++) dz += w.zs[i]! - inlet;
    return { dz: dz / n, sweeps: walkerRestStats(sim)!.sweeps };
  };
  let diff = 0, rest = 0, sweeps = 0;
  const seeds = [1, 2, 3];
  for (const seed of seeds) {
    const plate = shift(`Plate at ${J_A_per_m2 / 10} mA/cm2 for 30 us`, seed);
    const still = shift('Rest for 30 us', seed);
    assert.equal(plate.sweeps, still.sweeps, 'the same clock');
    sweeps = plate.sweeps;
    diff += (plate.dz - still.dz) / seeds.length;
    rest += still.dz / seeds.length;
  }
  const expected = -(beta0 / d) * sweeps;
  assert.ok(sweeps > 100, `${sweeps} sweeps`);
  assert.ok(Math.abs(diff - expected) <= 0.25 * Math.abs(expected), `drift: mean height change ${diff.toFixed(2)} voxels against the rest, expected ${expected.toFixed(2)} (beta0 ${beta0.toFixed(3)}, ${sweeps} sweeps)`);
  assert.ok(Math.abs(rest) <= 2, `the rest's mean height change ${rest.toFixed(2)} voxels`);
});

// From review37 (session 36: a user's review, docs/history.md); failed on the code before its fix.
test('a walker rest on a clock reports its progress (its seconds of the rest) as it runs', async () => {
  const { simulate } = await import('../src/index.js');
  const run = {
    metal: 'Li', host: 'Cu', electrolyte: 'LiPF6-EC-DMC', seed: 1,
    lattice: { size: [32, 32, 160], voxel: '20 nm' },
    cell: { transport: 'walkers', drift: 'off' }, // this plating step leaves a walker in flight, which the rest walks
    protocol: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Rest for 0.05 s'],
    output: { snapshots: false },
  };
  const reports: { step: number; stepText: string; stepDone: number; stepTarget: number; stepUnit: string; fraction: number }[] = [];
  const r = simulate(run, { onProgress: (p) => { reports.push(p); } });
  assert.deepEqual(r.steps.map((s) => s.ended), ['charge', 'time']);
  assert.ok((r.metrics.walkers?.random_walk_steps ?? 0) > 0, 'walkers moved');
  const rest = reports.filter((p) => p.step === 1);
  assert.ok(rest.length >= 1, `the rest reported no progress (reports of steps ${[...new Set(reports.map((p) => p.step))].join(', ')})`);
  for (const p of rest) {
    assert.equal(p.stepText, 'Rest for 0.05 s');
    assert.equal(p.stepUnit, 's');
    assert.equal(p.stepTarget, 0.05);
    assert.ok(p.stepDone > 0 && p.stepDone <= 0.05, `rest done ${p.stepDone} s of 0.05 s`);
    assert.ok(p.fraction > 0.5 && p.fraction <= 1, `run fraction ${p.fraction}`);
  }
});

// mends47, item 3: a walker rest's progress said "0 events/s" (nothing reacts in a rest: true, but it read as a stall).
// Its reports now carry `resting: true` (added to the progress fields; events_per_s stays), and the CLI's line (and its
// bar, and the workbench's status: rateText of simulation/progress.ts) says "resting, <s> of <s> s" in place of the rate.
test('a walker rest\'s progress says it rests, with its seconds, in place of "0 events/s"; the plating step keeps its events/s', async () => {
  const { simulate } = await import('../src/index.js');
  const { progressBar } = await import('../src/cli/progress-bar.js');
  const run = {
    metal: 'Li', host: 'Cu', electrolyte: 'LiPF6-EC-DMC', seed: 1,
    lattice: { size: [32, 32, 160], voxel: '20 nm' },
    cell: { transport: 'walkers', drift: 'off' },
    protocol: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Rest for 0.05 s'],
    output: { snapshots: false },
  };
  // what simulate prints: the line on a stderr that is no terminal (its first report writes at once), the bar on one
  const textOf = (p: Parameters<ReturnType<typeof progressBar>['update']>[0], isTTY: boolean): string => {
    let text = '';
    const stream = { isTTY, columns: 400, write: (s: string, cb?: () => void) => { text += s; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
    const bar = progressBar('simulate', stream);
    bar.update(p);
    bar.stop();
    return text;
  };
  const lines: { step: number; resting: boolean | undefined; eps: number; line: string; bar: string }[] = [];
  simulate(run, { onProgress: (p) => { lines.push({ step: p.step, resting: p.resting, eps: p.events_per_s, line: textOf(p, false), bar: textOf(p, true) }); } });
  const rest = lines.filter((l) => l.step === 1), plate = lines.filter((l) => l.step === 0);
  assert.ok(rest.length >= 1 && plate.length >= 1, `reports of steps ${lines.map((l) => l.step).join(', ')}`);
  for (const l of rest) {
    assert.equal(l.resting, true);
    // the rest's own rate: no event in it (until mends48 its first report counted the plate's last events, from the
    // plate's last report to the rest's first, in its events_per_s)
    assert.equal(l.eps, 0, `a rest report's events_per_s (reports of the rest: ${rest.map((x) => x.eps).join(', ')})`);
    assert.match(l.line, /^simulate: step 2\/2 Rest for 0\.05 s: [\d.]+ % \(([\d.e-]+) of 0\.05 s\), [\d,.]+ (M )?events?; run [\d.]+ %, resting, \1 of 0\.05 s, eta not modelled \(ion walkers\), time left unknown\n$/); // a fresh line's first report: no pace yet (mends80)
    assert.doesNotMatch(l.line, /events\/s/);
    assert.match(l.bar, /mC\/cm2 \| resting, [\d.e-]+ of 0\.05 s \| eta not modelled/); // (its start frame: "0 events/s")
  }
  for (const l of plate) {
    assert.equal(l.resting, undefined);
    assert.match(l.line, /; run [\d.]+ %, [\d,]+ events\/s, eta /);
    assert.match(l.bar, /mC\/cm2 \| [\d,]+ events\/s \| eta /);
  }
});
