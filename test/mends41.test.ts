/**
 * Session 32, task mends41: leftovers of review32 and mends40 (docs/history.md, "mends41"); each test fails on the
 * code before its fix. (1) `nucleation --metal Na --host sp2c-COF` told its user to define the host's Na numbers
 * under parameters.hosts, a block nucleation does not read. (4) `GET /api/elements?symbols=Fe Co` was refused as the
 * symbol "Fe Co" where `sacplate elements "Fe Co"` reads Fe and Co.
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
