/**
 * robust63: a key given twice in one object of a JSON run file (or sweep file, or workbench request) was taken without a
 * word, the last value winning (JSON.parse's rule): `"metal": "Li", ... "metal": "Na"` resolved as Na. The same file in
 * YAML is refused ("Map keys must be unique"). Now refused in one line naming the key, the object and both lines.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { duplicateJsonKey } from '../src/input/json-keys.js';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-json-dup-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const RUN = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, seed: 1, output: { snapshots: false }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] };
const put = (name: string, text: string) => { const f = join(dir, name); writeFileSync(f, text); return f; };

test('a JSON run or sweep file with a key twice in one object: one line naming the file, the line, the key and the object; exit 2', async () => {
  const good = JSON.stringify(RUN, null, 2); // metal on line 2, voxel on line 9
  const cases: [string, string, RegExp][] = [
    ['top.json', good.replace('"seed": 1,', '"seed": 1,\n  "metal": "Na",'),
      /^sacplate: \S+top\.json:\d+: key "metal" given twice at the top level \(first on line 2, again on line \d+\): JSON\.parse would keep the last without a word; give each key once$/],
    ['nested.json', good.replace('"voxel": "10 nm"', '"voxel": "10 nm", "voxel": "50 nm"'), /: key "voxel" given twice in lattice \(first on line 9, again on line 9\)/],
    // the same key spelt with an escape is the same key
    ['escaped.json', good.replace('"host": "Cu",', '"host": "Cu", "m\\u0065tal": "Na",'), /: key "metal" given twice at the top level/],
  ];
  for (const [name, text, re] of cases) {
    assert.doesNotThrow(() => JSON.parse(text), name); // valid JSON, which JSON.parse took
    const r = await cli(['params', 'resolve', put(name, text)]);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), re, name);
  }
  // a sweep file's axes
  put('base.json', good);
  const sweep = put('sw.json', '{\n  "name": "dup",\n  "base": "base.json",\n  "axes": {\n    "seed": [1, 2],\n    "host": ["Cu"],\n    "host": ["graphene"]\n  }\n}\n');
  const r = await cli(['sweep', sweep, '--plan'], { env: { SACPLATE_DB: join(dir, 's.db') } });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr.trim(), /^sacplate: \S+sw\.json:7: key "host" given twice in axes \(first on line 6, again on line 7\)/);
  // lit import of a JSON record list (what lit export --format json writes), one record's name twice: taken as the last
  const exported = await cli(['lit', 'export', '--format', 'json', '--metal', 'K'], { env: { SACPLATE_DB: join(dir, 'lit.db') } });
  assert.equal(exported.code, 0, exported.stderr);
  const lit = put('lit.json', exported.stdout.replace('"name": ', '"name": "mine", "name": '));
  const imported = await cli(['lit', 'import', lit], { env: { SACPLATE_DB: join(dir, 'lit.db') } });
  assert.equal(imported.code, 2, imported.stderr + imported.stdout);
  assert.match(imported.stderr.trim(), /^sacplate: \S+lit\.json:\d+: key "name" given twice in records\[0\] /);
  // the file without the repeat resolves (so the refusal is the repeat's)
  const ok = await cli(['params', 'resolve', put('ok.json', good)]);
  assert.equal(ok.code, 0, ok.stderr);
});

test('the scan: a key once per object passes (the same key in two objects, keys that differ in case, keys in strings and lists); a repeat at any depth is found', () => {
  assert.equal(duplicateJsonKey('{"a": {"x": 1}, "b": {"x": 2}, "A": 3, "list": [{"name": "a"}, {"name": "b"}], "s": "\\"a\\": 1, \\"a\\": 2"}'), undefined);
  assert.deepEqual(duplicateJsonKey('{"v": [{"name": "a"}, {"name": "b", "host": "Cu",\n"host": "Li"}]}'), { key: 'host', where: 'v[1]', firstLine: 1, line: 2 });
  assert.deepEqual(duplicateJsonKey('[1, [2, {"k": {"a\\\\": 1, "a\\\\": 2}}]]'), { key: 'a\\', where: '[1][1].k', firstLine: 1, line: 1 });
});

test('the workbench: a request body with a key twice in one object is a 400 naming the key and the object', async () => {
  const service = new RunService({ storePath: join(dir, 'srv.db'), concurrency: 1, writeFiles: false });
  const app = await buildApp({ service, webRoot: join(dir, 'none') });
  try {
    const body = JSON.stringify({ input: RUN }).replace('"host":"Cu"', '"host":"Cu","metal":"Na"');
    const r = await app.inject({ method: 'POST', url: '/api/validate', headers: { 'content-type': 'application/json' }, payload: body });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.json().error, /^body: key "metal" given twice in input \(first on line 1, again on line 1\): JSON\.parse would keep the last without a word; give each key once$/);
    const ok = await app.inject({ method: 'POST', url: '/api/validate', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ input: RUN }) });
    assert.equal(ok.statusCode, 200, ok.body);
    // the other refusals of a body keep their words
    const bad = await app.inject({ method: 'POST', url: '/api/validate', headers: { 'content-type': 'application/json' }, payload: '{"input": ' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error, /^body: got malformed JSON/);
    const none = await app.inject({ method: 'POST', url: '/api/validate', headers: { 'content-type': 'application/json' }, payload: '' });
    assert.equal(none.json().error, 'body: got nothing, expected a JSON object');
  } finally { await app.close(); await service.close(); }
});
