/**
 * One misspelt key through each way in (src/args.ts refuseUnknownKeys, which every key check
 * uses): a run file, a comparison file, a sweep file, a screen file, a nucleation case file and a full-cell file
 * through the CLI (in-process, test/helpers/cli.ts), a nucleation request, a nucleation request
 * body (what POST /api/nucleation reads), a literature record and two functions' options through the library. Each must be
 * refused with one line that names the key's full path, the value and the key meant; a crash, a
 * stack trace or an accepted file fails. Nothing is simulated. The server's own checks (a wrapped
 * run's body, a route's query) are asserted in server-api.test.ts and audit2-cli.test.ts: building
 * the app here would add about 0.5 s of CPU for them.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';
import { nucleation } from '../src/nucleation/library.js';
import { validateRecord } from '../src/evidence/schema.js';
import { casesFromBody } from '../src/nucleation/cases.js';
import { parseRunInput } from '../src/input/parse.js';
import { nucleationOverpotential } from '../src/analysis/nucleation.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const RUN = 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: graphene\n';

/** "<path>: got <value>, expected no such <word>... (did you mean "<meant>"?)...", on one line */
const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const refusal = (path: string, value: string, meant: string) =>
  new RegExp(`^${literal(path)}: got ${literal(value)}, expected no such [a-z ]+ \\(did you mean "${literal(meant)}"\\?\\); [^\\n]+$`);

test('a misspelt key is one line naming its path, its value and the key meant, at every way in', async () => {
  const db = join(dir, 'store.db');
  const cliCases: [string, string[], RegExp][] = [
    ['run file, a repeat block of the protocol', ['simulate', file('run.yaml', `${RUN}protocol: [{ repeat: 2, step: ["Rest for 1 s"] }]\n`), '--no-store'],
      refusal('protocol[0].step', '["Rest for 1 s"]', 'steps')],
    ['run file, the lattice', ['simulate', file('lattice.yaml', 'metal: Li\nlattice: { size: [8, 8, 8], voxle: 10 nm }\nhost: graphene\nprotocol: ["Rest for 1 s"]\n'), '--no-store'],
      refusal('lattice.voxle', '"10 nm"', 'voxel')],
    ['comparison file, a variant', ['compare', file('compare.yaml', `${RUN}protocol: ["Rest for 1 s"]\nvariants: [{ name: a, hots: Cu }]\n`), '--no-store'],
      refusal('variants[0].hots', '"Cu"', 'host')],
    ['sweep file', ['sweep', file('sweep.yaml', `base: run.yaml\naxs: { seed: [1, 2] }\n`), '--db', db], refusal('axs', '{"seed":[1,2]}', 'axes')],
    ['screen file, a candidate\'s synthesis', ['sweep', file('screen.yaml', `base: run.yaml\ncandidates: [{ name: x, synthesis: { route: pyrolysis, temprature: 900 degC } }]\n`), '--db', db],
      refusal('candidates[0].synthesis.temprature', '"900 degC"', 'temperature')],
    ['nucleation case file, a case', ['nucleation', file('cases.yaml', 'metal: Na\ncases: [{ host: Cu, loadings: 2 wt% }]\n')], refusal('cases[0].loadings', '"2 wt%"', 'loading')],
    ['full-cell file, the anode', ['fullcell', file('fc.yaml', 'cathode: LFP\nnp: 1\nanode: { cee: 0.99 }\n')], refusal('anode.cee', '0.99', 'ce')],
  ];
  for (const [what, args, re] of cliCases) {
    const r = await cli(args, { cwd: dir, env: { SACPLATE_DB: db } });
    assert.equal(r.code, 2, `${what}: exit code ${r.code} (2 is a refused input), stderr: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${what}: one line, got: ${r.stderr}`);
    assert.match(lines[0]!.replace(/^sacplate: /, ''), re, what);
  }

  // the library: an InputError (not a TypeError from deep inside, not a report)
  const libCases: [string, () => unknown, RegExp][] = [
    ['nucleation request, its atomistic options', () => nucleation({ metal: 'Li', host: 'graphene', current_A_per_m2: 10, atomistic: { rnus: 4 } } as never),
      refusal('atomistic.rnus', '4', 'runs')],
    ['nucleation request, a SAC by its numbers', () => nucleation({ metal: 'Li', host: 'graphene', current_A_per_m2: 10, sac: { binding: -2 } } as never),
      refusal('sac.binding', '-2', 'binding_eV')],
    // what POST /api/nucleation reads (the server answers its InputError with a 400 carrying this line)
    ['nucleation body, a case', () => casesFromBody({ metal: 'Li', cases: [{ host: 'graphene', saac: 'Zn-N4' }] }), refusal('cases[0].saac', '"Zn-N4"', 'sac')],
    ['a library function\'s options (parseRunInput)', () => parseRunInput({}, { basedir: 'examples' } as never), refusal('options.basedir', '"examples"', 'baseDir')],
    ['a library function\'s options (nucleationOverpotential)', () => nucleationOverpotential([0, 1], [0, -0.1], { plateaufrom: 0.3 } as never), refusal('opts.plateaufrom', '0.3', 'plateauFrom')],
    ['nucleation body, a key beside the case', () => casesFromBody({ metal: 'Li', host: 'graphene', curent: '1 mA/cm2' }), refusal('curent', '"1 mA/cm2"', 'current')],
  ];
  for (const [what, call, re] of libCases) {
    await assert.rejects(async () => call(), (e: unknown) => {
      assert.ok(e instanceof InputError, `${what}: ${String(e)}`);
      assert.match(e.message, re, what);
      return true;
    }, what);
  }
  // a literature record (a FileError: the file, then the record's path)
  const record = { id: 'x', name: 'X', metal: 'Li', sac_elements: ['Fe'], support: 'graphene', architecture: 'host', section: '3.2', refs: [1], figures: [], notse: 'a note' };
  assert.throws(() => validateRecord(record, 'lit.yaml', 'records[0]'), (e: unknown) => {
    assert.match((e as Error).message, /^lit\.yaml: records\[0\]\.notse: got "a note", expected no such key \(did you mean "notes"\?\); allowed keys: id, name, /);
    return true;
  });
});
