/**
 * A galvanostatic step whose rates outrun the clock's resolution ends as `stalled` instead of hanging (lead70, found by
 * ekink70b): with the metal bond at E_coh / 3 (`kinetics: { bond: 0.543 eV }`, docs/model.md "E_kink is not the
 * cohesive energy") a lone Li adatom on Cu re-oxidises so fast that the galvanostat drives eta to 1.3 V, where it
 * oxidises at 1e25 /s; the double layer's next update (tauAvg / 20) then fell below the resolution of the clock at
 * t = 7.5 s, so DoubleLayerStepController.update looped for ever with nothing changing, deaf to Ctrl-C (the cancel is
 * checked between event batches). The step now ends `stalled` (src/simulation/step-parts.ts), said as an early end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('bin/sacplate.js');

test('a plate whose rates outrun the clock at its time ends stalled, said, instead of hanging (ekink70b\'s bond 0.543 eV on Cu)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sacplate-stalled-'));
  try {
    writeFileSync(join(tmp, 'cu.yaml'), [
      'metal: Li', 'temperature: 25 degC', 'lattice: { size: [16, 16, 12], voxel: 20 nm }', 'host: Cu',
      'kinetics: { bond: 0.543 eV }', 'protocol:', '  - Plate 0.004 mAh/cm2 at 1 mA/cm2', 'seed: 1', '',
    ].join('\n'));
    // before the fix this run never ended (killed here after 20 s: the hung run is deaf to SIGTERM too); with it, under a second
    const r = spawnSync(process.execPath, [BIN, 'simulate', 'cu.yaml', '--out', 'o', '--no-figures', '--no-store'], { cwd: tmp, encoding: 'utf8', timeout: 20000, killSignal: 'SIGKILL' });
    assert.equal(r.signal, null, `the run hung (killed by ${r.signal} after 20 s)`);
    assert.equal(r.status, 0, r.stderr);
    const steps = readFileSync(join(tmp, 'o', 'steps.csv'), 'utf8').trim().split('\n');
    const head = steps[0]!.split(','), row = steps[1]!.split(',');
    assert.equal(row[head.indexOf('ended')], 'stalled');
    assert.match(r.stdout + r.stderr, /ended early \(stalled: no event could happen any more, or the clock could not advance/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
