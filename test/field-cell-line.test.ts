/**
 * Branch fieldcost66: a run that spent most of its wall time in the electrolyte field, on a grid finer than a coarser
 * one that would do, ends with one line naming `cell.field_cell` to try (cli/transport-lines.ts fieldCellLine; the user's
 * Li||Cu file, 8 x 8 x 64 voxels of 100 nm in LiTFSI-DOL-DME at 1 mA/cm2, spent 97 % of 35 s in the field and nothing
 * said so at its end). The runs here are real (Li on Cu, 8 x 8 x 16 voxels of 100 nm, 0.002 mAh/cm2, about 0.2 s each);
 * their field_wall_share is a wall-clock reading that a loaded machine moves by tens of %, so the share the line is
 * judged on is set to the user's run's 0.966 (and 0.5 for the run that must not get it); everything else is the run's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';
import { fieldCellLine, FIELD_CELL_HINT_SHARE } from '../src/cli/transport-lines.js';

const tiny = (cell: string, mA: number) => parseRunInput({
  metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 16], voxel: '100 nm' }, electrolyte: 'LiTFSI-DOL-DME',
  cell: { field_cell: cell }, protocol: [`Plate 0.002 mAh/cm2 at ${mA} mA/cm2`], seed: 1, output: { snapshots: false },
});

test('fieldcost66: a run mostly in the field on 100 nm cells at 0.24 % of J_lim names a coarser field_cell, and the grid it names is what a run with it gets', () => {
  const run = tiny('100 nm', 1);
  const t = simulate(run).metrics.transport!;
  const line = fieldCellLine({ ...t, field_wall_share: 0.966 }, run);
  assert.ok(line, 'a line at a share of 0.966');
  assert.match(line, /^the electrolyte field took 97 % of the wall time/);
  const m = /try cell\.field_cell: (\d+) nm \((\d+) x (\d+) columns, (\d+) layers: ([\d,]+) cells\)/.exec(line);
  assert.ok(m, line);
  const cell_nm = Number(m[1]);
  assert.ok(cell_nm > 100, `coarser than the run's 100 nm: ${cell_nm}`);
  // the named cell is one the run file takes, and a run with it has the grid the line says, with fewer cells
  const t2 = simulate(tiny(`${cell_nm} nm`, 1)).metrics.transport!;
  assert.deepEqual([t2.field_grid.cell_nm, ...t2.field_grid.columns, t2.field_grid.layers_total], [cell_nm, Number(m[2]), Number(m[3]), Number(m[4])]);
  const cells = (g: typeof t.field_grid) => g.columns[0] * g.columns[1] * g.layers_total;
  assert.equal(cells(t2.field_grid), Number(m[5]!.replace(/,/g, '')));
  assert.ok(cells(t2.field_grid) < cells(t.field_grid));
  // the line says the run's own current against its own limiting current
  assert.match(line, new RegExp(`at ${Number((100 / t.limiting_current_mA_per_cm2).toPrecision(2))} % of the limiting current`));
});

test('fieldcost66: no line at a share at or below the threshold, above 10 % of J_lim, or on the coarsest grid', () => {
  const run = tiny('100 nm', 1);
  const t = simulate(run).metrics.transport!;
  assert.equal(fieldCellLine({ ...t, field_wall_share: FIELD_CELL_HINT_SHARE }, run), undefined, 'share at the threshold');
  assert.equal(fieldCellLine({ ...t, field_wall_share: 0.5 }, run), undefined, 'share 0.5');
  // 84 mA/cm2 is 20 % of this cell's J_lim (421 mA/cm2): the field is not near uniform, no coarser grid is offered
  const hot = tiny('100 nm', 84);
  const th = simulate(hot).metrics.transport!;
  assert.ok(84 > 0.1 * th.limiting_current_mA_per_cm2);
  assert.equal(fieldCellLine({ ...th, field_wall_share: 0.966 }, hot), undefined, '20 % of J_lim');
  // 800 nm is the whole box: no coarser cell exists
  const coarse = tiny('800 nm', 1);
  const tc = simulate(coarse).metrics.transport!;
  assert.equal(fieldCellLine({ ...tc, field_wall_share: 0.966 }, coarse), undefined, 'the coarsest grid');
});

// cmpmeas67: `compare` and `simulate --seeds` print their cases' transport lines through transportLinesOf (cli/batch.ts),
// which had no fieldcost66 line: `simulate` alone ended with it. One run's own line, after each case's name (its share and
// update count are the run's), none for a case at or below the threshold.
test('cmpmeas67: compare\'s and simulate --seeds\' transport lines carry each case\'s fieldcost66 line after its name, as simulate prints it', async () => {
  const { transportLinesOf } = await import('../src/cli/batch.js');
  const run = tiny('100 nm', 1);
  const t = simulate(run).metrics.transport!;
  const at = (share: number) => ({ transport: { ...t, field_wall_share: share } });
  const lines = transportLinesOf([{ name: 'seed 1', metrics: at(0.966), run }, { name: 'seed 2', metrics: at(0.9), run }, { name: 'seed 3', metrics: at(0.5), run }]);
  const want = (share: number) => fieldCellLine({ ...t, field_wall_share: share }, run)!;
  assert.ok(lines.includes(`seed 1: ${want(0.966)}`), lines.join('\n'));
  assert.ok(lines.includes(`seed 2: ${want(0.9)}`), lines.join('\n'));
  assert.ok(!lines.some((l) => l.startsWith('seed 3: the electrolyte field took')), lines.join('\n'));
  // one case: the line alone, as simulate words it
  const one = transportLinesOf([{ name: 'Cu', metrics: at(0.966), run }]);
  assert.equal(one.at(-1), want(0.966));
});

// lead (session 67): cmpmeas67 found an ohmic-migration run (compare-table's mends102 case) given the line with 99 % of its
// wall in the field and 1 field update: its time goes to the liquid's potential solves, and the line's evidence (400 nm
// cells read the same CE, mV, dead and SEI %) was measured without cell.migration. No line for such a run.
test('lead67: no fieldcost66 line for a run with cell.migration: ohmic (the line\'s evidence was measured without it)', () => {
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 16], voxel: '100 nm' }, electrolyte: 'LiTFSI-DOL-DME',
    cell: { field_cell: '100 nm', migration: 'ohmic' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  });
  const t = simulate(run).metrics.transport!;
  assert.equal(fieldCellLine({ ...t, field_wall_share: 0.99 }, run), undefined);
  // the same run without migration gets it: the exclusion is the migration's, not the box's
  const plain = tiny('100 nm', 1);
  assert.ok(fieldCellLine({ ...simulate(plain).metrics.transport!, field_wall_share: 0.99 }, plain));
});
