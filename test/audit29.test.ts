/**
 * Session 28, task audit29: two small defects left from before. `lit import` of a file with several
 * unknown keys named the first by its full path ("records[1].figures[0].conditions.temp") and the
 * others by their bare names ("tempp"); and parseRunInput parsed every run twice (the pass that
 * collects all unknown keys for one line ran before the section checks, which refuse unknown keys
 * too). Each test fails on the code before its fix (the names: bare; the pass: runShape parsed once
 * per resolved run). Found in the hunt: a 1024^3 box passed the input check and failed in the engine as an
 * internal error; the workbench's runs wrote their outputs but the page and the API offered no way to get them
 * (now GET /api/runs/:id/files and links on the Run page). The table's "no dip" cell is tested in
 * test/audit3-cli.test.ts.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';
import { parseRunInput } from '../src/input/parse.js';
import { runShape } from '../src/input/run-schema.js';
import { RunService, RUN_FILES } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-audit29-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The names after "; also no such <word>(s): ", hints dropped. */
const also = (message: string) => /; also no such [a-z]+?s?: ([^\n]+?)(?:; \(\d+\) .*)?$/.exec(message)?.[1]?.split(', ').map((k) => k.replace(/ \(did you mean "[^"]*"\?\)$/, '')) ?? [];

test('lit import: every unknown key of a record is named by its full path (record index and field), the others as the first', async () => {
  const record = (id: string) => ({ ...(parseYaml(readFileSync('data/literature/li-co-n-o.yaml', 'utf8')) as { figures: Record<string, unknown>[] }), id });
  const second = record('li-co-n-o-copy');
  second.figures[0]!.conditions = { temp: '25 degC', tempp: '1', cyclez: 3 };
  const file = join(dir, 'two.json');
  writeFileSync(file, JSON.stringify({ records: [record('li-co-n-o'), second] }));
  const r = await cli(['lit', 'import', file, '--db', join(dir, 'store.db')]);
  assert.equal(r.code, 2, r.stderr);
  const line = r.stderr.trim();
  assert.equal(line.split('\n').length, 1, line);
  assert.match(line, /: records\[1\]\.figures\[0\]\.conditions\.temp: got "25 degC", expected no such condition; known conditions: /);
  assert.deepEqual(also(line), ['records[1].figures[0].conditions.tempp', 'records[1].figures[0].conditions.cyclez'], line);
  assert.match(line, /conditions\.cyclez \(did you mean "cycles"\?\)$/);
  // one record in a YAML file: "record." as the first
  const run = await cli(['lit', 'import', 'examples/li-cu-small-box.yaml', '--db', join(dir, 'store.db')]);
  // then its missing fields, numbered (branch mends28: every problem of the record in the one line)
  assert.match(run.stderr, /: 7 problems: \(1\) record\.temperature: got "25 degC", expected no such key; .*; \(2\) record\.id: got nothing \(field missing\)/);
  assert.deepEqual(also(run.stderr.trim()), ['record.lattice', 'record.host', 'record.protocol', 'record.output', 'record.seed'], run.stderr);
});

test('parseRunInput reads a run once: the all-unknown-keys pass runs only for a run that failed, and every unknown key is still refused in its words', () => {
  const base = {
    metal: 'Li', host: 'Cu', temperature: { value: 25, unit: 'degC' }, lattice: { size: [8, 8, 8], voxel: '10 nm' }, sacs: [{ site: 'Zn-N4', loading: '2 %' }],
    protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], electrochem: { double_layer: { value: 20, unit: 'uF/cm2' }, counter: { alpha: 0.5 } },
    output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' }, electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38 },
    cell: { diffusion_layer: '50 um', field_cell: '10 nm' }, sei: { set: 'carbonate' },
  };
  // counts the whole-run parses (the all-unknown-keys pass) through to zod's own safeParse
  let parses = 0;
  const own = runShape.safeParse;
  Object.defineProperty(runShape, 'safeParse', { configurable: true, value: (...a: Parameters<typeof own>) => { parses++; return own.apply(runShape, a); } });
  try {
    parseRunInput(base);
    assert.equal(parses, 0, 'a run that resolves is read once, by its section checks');
    // an unknown key at every map of the run, alone and beside a bad value read before it: refused in the all-keys pass's words
    const maps: (string | number)[][] = [[], ['temperature'], ['lattice'], ['sacs', 0], ['electrochem'], ['electrochem', 'double_layer'], ['electrochem', 'counter'], ['output'], ['kinetics'], ['electrolyte'], ['cell'], ['sei']];
    for (const path of maps) {
      for (const badMetal of [false, true]) {
        const input = structuredClone(base) as Record<string, unknown>;
        (path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], input) as Record<string, unknown>).zzq = 1;
        input.tempratur = 2;
        if (badMetal) input.metal = 'Mg';
        const zzq = [...path, 'zzq'].reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
        assert.throws(() => parseRunInput(input), (e: unknown) => {
          assert.ok(e instanceof InputError, String(e));
          const named = [e.field, ...also(e.message)];
          assert.ok(named.includes('tempratur') && named.includes(zzq), `${zzq}: ${e.message}`);
          return true;
        }, JSON.stringify(path));
      }
    }
  } finally {
    delete (runShape as { safeParse?: unknown }).safeParse;
  }
});

test('a box of 2^30 voxels (1024^3) is refused as input, in one line naming lattice.size (or --shape), the count and the ceiling: the plating app holds fewer; simulate said "internal error" after it was accepted', async () => {
  const run = { metal: 'Li', host: 'graphene', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], lattice: { size: [1024, 1024, 1024], voxel: '10 nm' } };
  assert.throws(() => parseRunInput(run), (e: unknown) => e instanceof InputError && e.field === 'lattice.size' && /^lattice\.size: got \[1024,1024,1024\], expected at most 2\^30 - 1 = 1073741823 voxels in all, what the plating app holds \(got 1073741824\)$/.test(e.message));
  const file = join(dir, 'box.json');
  writeFileSync(file, JSON.stringify(run));
  for (const args of [['simulate', file, '--no-store', '--out', join(dir, 'box')], ['bench', '--app', 'plating', '--shape', '1024,1024,1024']]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args[0]}: exit ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, /^sacplate: (lattice\.size|--shape): got .*1024.*1024.*1024.*, expected at most 2\^30 - 1 = 1073741823 voxels in all, what the plating app holds \(got 1073741824\)\n$/);
  }
  // one voxel layer less is taken (its memory is another check: docs/workbench.md)
  assert.doesNotThrow(() => parseRunInput({ ...run, lattice: { size: [1024, 1024, 1023], voxel: '10 nm' } }));
});

test('the workbench\'s run outputs: listed with their sizes and each downloaded by name (the bytes on disk, as an attachment); another name, a path or an unknown id is a 404 naming it', async () => {
  const outRoot = join(dir, 'runs');
  const service = new RunService({ storePath: join(dir, 'api.db'), outRoot, concurrency: 1 });
  const app = await buildApp({ service });
  try {
    const get = (url: string) => app.inject({ method: 'GET', url });
    // a tiny run (the raised terrace barrier keeps surface hops few, as in server-api.test.ts)
    const v = service.start({ metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, 'tiny');
    assert.equal((await service.wait(v.id))?.status, 'finished');
    const list = await get(`/api/runs/${v.id}/files`);
    assert.equal(list.statusCode, 200, list.body);
    const files = list.json().files as { name: string; bytes: number }[];
    assert.deepEqual(files.map((f) => f.name), ['metrics.json', 'eta.csv', 'steps.csv', 'resolved.json', 'final.vti', 'final.extxyz'], 'what a plating run writes, in RUN_FILES order (no cycles.csv without cycles)');
    for (const f of files) {
      const r = await get(`/api/runs/${v.id}/files/${f.name}`);
      assert.equal(r.statusCode, 200, `${f.name}: ${r.body}`);
      const disk = readFileSync(join(outRoot, v.id, f.name));
      assert.ok(r.rawPayload.equals(disk) && f.bytes === disk.length, f.name);
      assert.equal(r.headers['content-disposition'], `attachment; filename="${v.id}-${f.name}"`);
    }
    assert.equal(JSON.parse((await get(`/api/runs/${v.id}/files/metrics.json`)).body).events, JSON.parse(readFileSync(join(outRoot, v.id, 'metrics.json'), 'utf8')).events);
    for (const [url, re] of [
      [`/api/runs/${v.id}/files/checkpoint.bin`, /^file: got "checkpoint\.bin", expected one of a run's output files: metrics\.json, /],
      [`/api/runs/${v.id}/files/..%2F..%2Fapi.db`, /^file: got "\.\.\/\.\.\/api\.db", expected one of a run's output files/],
      [`/api/runs/${v.id}/files/cycles.csv`, new RegExp(`^file: got "cycles\\.csv", expected a file run "${v.id}" wrote \\(it has metrics\\.json, eta\\.csv, `)],
      ['/api/runs/run-20990101-000000000-00000000/files/eta.csv', /^run: got "run-20990101-000000000-00000000", expected the id of a stored run/],
    ] as const) {
      const r = await get(url);
      assert.equal(r.statusCode, 404, `${url}: ${r.body}`);
      assert.match(r.json().error, re);
    }
    assert.deepEqual([...RUN_FILES].filter((n) => !files.some((f) => f.name === n)), ['cycles.csv']);
  } finally {
    await service.close();
    await app.close();
  }
});
