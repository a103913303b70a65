/**
 * What the event count leaves out (branch loose12): lone adatoms moved by first-passage exits
 * (apps/lone-adatoms.ts) are not kMC events, so metrics.json carries the exits and the hops they
 * stand for beside `events`, and the CLI's summary line names them (docs/speed-history.md, "A tiny mesoscale
 * box": 57,800 events beside 666,529 exits standing for 2.99 M hops). The box of
 * examples/li-cu-small-box.yaml (8 x 8 x 8 voxels of 10 nm, Li on Cu, 1 mA/cm2, seed 3) with
 * half its charge (2 voxels net): 0.3-0.55 s of CPU per run at load 4.4-4.9.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';
import { parseRunInput, readInputFile } from '../src/input/parse.js';
import { workText } from '../src/cli/work-text.js';

function smallBox(adatoms: 'exact' | 'first-passage') {
  const raw = readInputFile('examples/li-cu-small-box.yaml') as Record<string, unknown>;
  const sim = new Simulation(parseRunInput({ ...raw, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'] }), { engine: { adatoms } });
  sim.runAll();
  return { sim, m: computeMetrics(sim) };
}

test('metrics: first_passage_exits and first_passage_hops beside events; > 0 with first-passage domains, 0 hop by hop', () => {
  const fp = smallBox('first-passage');
  assert.ok(fp.sim.netVoxels >= 1, `the step plated: ${fp.sim.netVoxels} voxels`);
  assert.equal(fp.m.first_passage_exits, fp.sim.app.lone!.stats.exits);
  assert.ok(fp.m.first_passage_exits > 0, `exits ${fp.m.first_passage_exits}`);
  // each exit leaves a square of half-width L >= 1: at least L + 1 >= 2 hops, so the expected count is above the exits
  assert.ok(fp.m.first_passage_hops >= fp.m.first_passage_exits, `hops ${fp.m.first_passage_hops} vs exits ${fp.m.first_passage_exits}`);
  // events stays the count of executed kMC events: the exits are not in it
  assert.equal(fp.m.events, fp.sim.events);
  assert.equal(fp.m.events, fp.m.reductions + fp.m.oxidations + fp.m.hops);
  const line = workText(fp.m);
  assert.match(line, new RegExp(`^${fp.m.events.toLocaleString('en')} events \\+ ${fp.m.first_passage_exits.toLocaleString('en')} first-passage exits \\(about [0-9.]+ [kM]? ?hops\\)$`));

  const ex = smallBox('exact');
  assert.equal(ex.sim.app.lone, null);
  for (const k of ['first_passage_exits', 'first_passage_hops'] as const) assert.ok(k in ex.m && ex.m[k] === 0, `${k} ${ex.m[k]} hop by hop`);
  assert.equal(workText(ex.m), `${ex.m.events.toLocaleString('en')} events`);
});
