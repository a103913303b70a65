/**
 * Session 26, task audit27: an error about unknown keys named the first one only, so a user with three
 * typos fixed them one run at a time. Now one line names the first as before (its full path, its value,
 * what is allowed) and then every other by its full path with its own near spelling ("; also no such
 * keys: ..."): a run file with keys wrong in two sections, a sweep file, a server body (on loopback) and a
 * literature CSV's columns. And `lit show <name>` names its field `name`, as its usage does (it said
 * "record"). Each test fails on the code before its fix (the keys: with otherKeysText giving '',
 * the run file's also with parse.ts's run-wide pass removed or a quantity's keys refused as before
 * (named from the quantity); lit show: with the field "record").
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { CSV_COLUMNS } from '../src/evidence/io.js';
import { showRecord } from '../src/evidence/library.js';
import { parseRunInput } from '../src/input/parse.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-audit27-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const DB = join(dir, 'store.db');
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const RUN = 'metal: Li\nhost: graphene\nprotocol: ["Rest for 1 s"]\n';
file('run.yaml', `${RUN}lattice: { size: [8, 8, 8], voxel: 10 nm }\n`);

/** The keys one message names: the first (before ": got" or the CSV's `column "x":`), then those after "; also no such <word>(s): ", hints dropped. */
function named(message: string): string[] {
  const first = /^(?:[^:\n]+:\d+: CSV column ("[^"]+")|([^ \n]+): got )/.exec(message);
  const also = /; also no such [a-z ]+?s?: ([^\n]+)$/.exec(message)?.[1]?.split(', ').map((k) => k.replace(/ \(did you mean "[^"]*"\?\)$/, '')) ?? [];
  return [first?.[1] ?? first?.[2] ?? '', ...also];
}
/** The CLI's one line for a refused input (exit code 2), without "sacplate: ". */
async function refusal(args: string[]): Promise<string> {
  const r = await cli(args, { cwd: dir, env: { SACPLATE_DB: DB } });
  assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}, stderr: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  return lines[0]!.replace(/^sacplate: /, '');
}

test('a run file with three unknown keys in two sections (lattice, and cell beside an electrolyte) names all three in one line, the first as before', async () => {
  const run = file('typos.yaml', `${RUN}lattice: { size: [8, 8, 8], voxle: 10 nm, fol: stepped }\nelectrolyte: LiPF6-EC-DMC\ncell: { separator_distanse: 25 um }\n`);
  const line = await refusal(['simulate', run, '--no-store']);
  assert.match(line, /^lattice\.voxle: got "10 nm", expected no such key \(did you mean "voxel"\?\); allowed keys: size, voxel, terrace_width, foil; also no such keys: /);
  assert.deepEqual(named(line), ['lattice.voxle', 'lattice.fol', 'cell.separator_distanse'], line);
  // each with its own near spelling
  assert.match(line, /lattice\.fol \(did you mean "foil"\?\)/);
  assert.match(line, /cell\.separator_distanse \(did you mean "separator_distance"\?\)/);
  // keys beside a quantity's value and unit, deeper down, each by its full path (the others were named from the quantity: "note")
  const base = { metal: 'Li', host: 'graphene', protocol: ['Rest for 1 s'], lattice: { size: [8, 8, 8], voxel: '10 nm' } };
  assert.throws(() => parseRunInput({ ...base, electrochem: { double_layer: { value: 20, unit: 'uF/cm2', source: 'my fit', note: 'x' } } }), (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.match(e.message, /^electrochem\.double_layer\.source: got "my fit", expected no such key; a quantity is \{ value, unit \}/);
    assert.deepEqual(named(e.message), ['electrochem.double_layer.source', 'electrochem.double_layer.note'], e.message);
    return true;
  });
});

test('a sweep file and a screen candidate with several unknown keys name them all', async () => {
  const sweep = await refusal(['sweep', file('sweep.yaml', 'bsae: run.yaml\naxs: { seed: [1, 2] }\nsedes: [1]\n'), '--db', DB]);
  assert.match(sweep, /^bsae: got "run\.yaml", expected no such key in a sweep file \(did you mean "base"\?\); allowed keys: name, base, /);
  assert.deepEqual(named(sweep), ['bsae', 'axs', 'sedes'], sweep);
  const screen = await refusal(['sweep', file('screen.yaml', 'base: run.yaml\ncandidates: [{ name: x, hots: graphene, sac: Zn-N4, lodaing: 2 % }]\n'), '--db', DB]);
  assert.match(screen, /^candidates\[0\]\.hots: got "graphene", expected no such key \(did you mean "host"\?\)/);
  assert.deepEqual(named(screen), ['candidates[0].hots', 'candidates[0].sac', 'candidates[0].lodaing'], screen);
});

test('a server body (a run to validate, a nucleation request) with several unknown keys: a 400 naming them all', async () => {
  const service = new RunService({ storePath: DB, concurrency: 1, writeFiles: false });
  const app = await buildApp({ service });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const post = async (url: string, body: unknown) => {
      const r = await fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(r.status, 400, url);
      return ((await r.json()) as { error: string }).error;
    };
    const run = await post('/api/validate', { metal: 'Li', host: 'graphene', protocol: ['Rest for 1 s'], temprature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, electrochem: { ohmc: '1 Ohm cm2', counter: { alpah: 0.5 } } });
    assert.match(run, /^temprature: got "25 degC", expected no such key \(did you mean "temperature"\?\); allowed keys: metal, /);
    assert.deepEqual(named(run), ['temprature', 'electrochem.ohmc', 'electrochem.counter.alpah'], run);
    const nuc = await post('/api/nucleation', { metal: 'Na', curent: '1 mA/cm2', capacty: '1 mAh/cm2', cases: [{ host: 'Cu' }] });
    assert.match(nuc, /^curent: got "1 mA\/cm2", expected no such key \(did you mean "current"\?\); allowed keys: metal, /);
    assert.deepEqual(named(nuc), ['curent', 'capacty'], nuc);
  } finally {
    await app.close();
    await service.close();
  }
});

test('a literature CSV with two unknown columns names both in its one line', async () => {
  const header = CSV_COLUMNS.join(',').replace(',notes,', ',notse,') + ',colour';
  const line = await refusal(['lit', 'import', file('two.csv', `${header}\n`), '--db', DB]);
  assert.match(line, /^[^:]+two\.csv:1: CSV column "notse": no such column \(did you mean "notes"\?\); the columns of `sacplate lit export --format csv`: id, name, /);
  assert.deepEqual(named(line), ['"notse"', '"colour"'], line);
});

test('lit show names its field as its usage does (<name>), in the CLI and the library', async () => {
  const usage = (await cli(['lit', 'show', '--help'])).stdout;
  const arg = /Usage: sacplate lit show \[options\] <([a-z]+)>/.exec(usage)?.[1];
  assert.equal(arg, 'name', usage);
  const line = await refusal(['lit', 'show', 'no-such-system', '--db', DB]);
  assert.match(line, new RegExp(`^${arg}: got "no-such-system", expected a system name or id; known: `));
  assert.throws(() => showRecord('no-such-system', { db: DB }), (e: unknown) => e instanceof InputError && e.field === arg && e.value === 'no-such-system');
});
