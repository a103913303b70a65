/**
 * Session 32, task mends41: leftovers of review32 and mends40 (docs/history.md, "mends41"); each test fails on the
 * code before its fix. (1) `nucleation --metal Na --host sp2c-COF` told its user to define the host's Na numbers
 * under parameters.hosts, a block nucleation does not read. (4) `GET /api/elements?symbols=Fe Co` was refused as the
 * symbol "Fe Co" where `sacplate elements "Fe Co"` reads Fe and Co. (3) simulate's progress (the CLI's bar and line,
 * the workbench's status) was due every `chunk` events counted from each step's start: a cycling run of half cycles
 * shorter than that never reported (its fix and test were reverted; the fix and its test: branch progress2,
 * test/progress-steps.test.ts). (2) A user's SAC set without `element` took one from its name (My-SAC: element My),
 * shown by params show, written as the SAC's species in final.extxyz and scored (not scored: "My") by screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveStudy } from '../src/nucleation/system.js';
import { parseRunInput } from '../src/input/parse.js';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { simulateResolved } from '../src/simulation/run-resolved.js';
import { cli } from './helpers/cli.js';
import { writeFileSync } from 'node:fs';
import { defaultSpecies } from '../src/io/species.js';
import { SAC_BASE } from '../src/lattice/species.js';
import { elementsStage, type StageContext } from '../src/screen/stages.js';
import { DEFAULT_WEIGHTS } from '../src/evidence/elements.js';

test('nucleation: a host without the metal\'s numbers names the hosts that have them, not a parameters: block it does not read', () => {
  assert.throws(() => resolveStudy({ metal: 'Na', host: 'sp2c-COF' }),
    /^InputError: host: got "sp2c-COF", expected a host with parameters for Na; sp2c-COF has them for Li \(or choose a host that has them: Cu, Na, graphene, N-graphene, carbon-cloth, hard-carbon\)$/);
  // a run file reads parameters:, so its message still says where to define them
  assert.throws(() => parseRunInput({ metal: 'Na', host: 'sp2c-COF', lattice: { size: [8, 8, 8] }, protocol: ['Plate at 1 mA/cm2 for 1 s'] }),
    /sp2c-COF has them for Li \(define them under parameters\.hosts\.sp2c-COF\.metals\.Na\)$/);
});

test('GET /api/elements reads symbols= as the CLI does: "Fe,Co", "Fe, Co" and "Fe Co"; an unknown one is named alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends41-'));
  const service = new RunService({ storePath: join(dir, 'store.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    for (const symbols of ['Fe,Co', 'Fe, Co', 'Fe Co', ' Fe  Co ']) {
      const r = await app.inject({ method: 'GET', url: `/api/elements?symbols=${encodeURIComponent(symbols)}` });
      assert.equal(r.statusCode, 200, `${symbols}: ${r.body}`);
      assert.deepEqual((r.json() as { elements: { symbol: string }[] }).elements.map((e) => e.symbol).sort(), ['Co', 'Fe'], symbols);
    }
    const bad = await app.inject({ method: 'GET', url: `/api/elements?symbols=${encodeURIComponent('Fe Cx')}` });
    assert.equal(bad.statusCode, 400);
    assert.match((bad.json() as { error: string }).error, /^symbols: got "Cx", expected an element symbol/);
  } finally {
    await app.close(); await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a user\'s SAC set without element has none (not one taken from its name): params show says not given, screen does not score it', async () => {
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'N-graphene', sacs: [{ site: 'My-SAC', loading: '2 %' }],
    protocol: ['Plate at 1 mA/cm2 for 1 s'], parameters: { sacs: { 'My-SAC': { metals: { Li: { binding: '0.6 eV' } } } } } };
  const run = parseRunInput(input);
  assert.equal(run.sacs[0]!.site.element, '');
  assert.equal(parseRunInput({ ...input, parameters: { sacs: { 'My-SAC': { element: 'Cu', metals: { Li: { binding: '0.6 eV' } } } } } }).sacs[0]!.site.element, 'Cu');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends41-'));
  const file = join(dir, 'run.json');
  writeFileSync(file, JSON.stringify(input));
  const show = await cli(['params', 'show', 'My-SAC', '--input', file]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^sac My-SAC: user-defined SAC site\n {2}element not given\n/);
  // final.extxyz: the species table's SAC symbol, not a name's prefix
  assert.equal(defaultSpecies({ metal: 'Li', sacSpecies: [''] }, SAC_BASE), 'X');
  const ctx = { candidates: [{ name: 'My-SAC 2 %', run }], opts: {} } as unknown as StageContext;
  const out = await elementsStage(DEFAULT_WEIGHTS).run(ctx);
  assert.deepEqual(out.values.get('My-SAC 2 %'), { sustainability: { value: null, note: 'SAC element not given (parameters.sacs.<name>.element)' } });
  rmSync(dir, { recursive: true, force: true });
});
