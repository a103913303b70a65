/**
 * Eighteenth audit, apart from test/audit18-cli.test.ts because it runs one (tiny) simulation on
 * the run service's worker thread (about 0.9 CPU s of the file's 1.5-1.6, at load 5): `--resume` where there is
 * no checkpoint says that the run starts over. Fails before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit18r-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });
const write = (name: string, text: string) => { fs.writeFileSync(path.join(tmp, name), text); return name; };

test('--resume into a folder with no checkpoint says that the run starts from the beginning (it was silent: a typo in the folder name ran the whole run again)', async () => {
  const f = write('tiny.yaml', 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nseed: 1\noutput: { snapshots: false }\n');
  const r = await run('simulate', f, '--out', 'new-folder', '--resume', '--no-store', '--no-figures');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^sacplate: --resume: no checkpoint\.bin in new-folder: the run starts from the beginning$/m);
  assert.ok(fs.existsSync(path.join(tmp, 'new-folder', 'metrics.json')));
});
