/**
 * One misspelt key through each way in (src/args.ts refuseUnknownKeys, which every key check
 * uses): a run file, a comparison file, a sweep file, a screen file, a nucleation case file and a full-cell file
 * through the CLI (in-process, test/helpers/cli.ts), a nucleation request, a nucleation request
 * body (what POST /api/nucleation reads), a literature record and two functions' options through the library. Each must be
 * refused with one line that names the key's full path, the value and the key meant; a crash, a
 * stack trace or an accepted file fails. The second test: a sweep's axis path, a literature CSV's
 * columns, a Simulation's config.engine, and the key check the run file's and the parameter sets'
 * schemas share (src/schema-keys.ts). Nothing is simulated. The server's own checks (a wrapped
 * run's body, a route's query) are asserted in server-api.test.ts and workbench-api.test.ts: building
 * the app here would add about 0.5 s of CPU for them.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { z } from 'zod';
import { InputError, FileError } from '../src/errors.js';
import { checked, keyed } from '../src/schema-keys.js';
import { buildParamSets } from '../src/params/registry.js';
import { parseSweep } from '../src/sweep/spec.js';
import { CSV_COLUMNS, fromCsv } from '../src/evidence/io.js';
import { Simulation } from '../src/simulation/simulation.js';
import { simulate } from '../src/simulation/simulate.js';
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

test('what the first pass left: a sweep axis path, a literature CSV column, config.engine, and the schemas\' shared key check', async () => {
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', protocol: ['Rest for 1 s'] };
  const refused = (what: string, call: () => unknown, re: RegExp) => assert.throws(call, (e: unknown) => {
    assert.ok(e instanceof InputError || e instanceof FileError, `${what}: ${String(e)}`);
    assert.match(e.message, re, what);
    return true;
  }, what);
  // a sweep's axis path: its top key against the run keys, a key on the way against the base's own
  refused('sweep axis, the run key', () => parseSweep({ base, axes: { temprature: ['298 K'] } }),
    /^axes\.temprature: got "temprature", expected a path starting with a run key \(did you mean "temperature"\?\): metal, temperature, /);
  refused('sweep axis, a key of the base', () => parseSweep({ base, axes: { 'lattice.sise[0]': [8] } }),
    /^axes\.lattice\.sise\[0\]: got "lattice\.sise\[0\]", expected a path the base run has: lattice\.sise is not a list in the base run \(did you mean "size"\?\)$/);
  assert.equal(parseSweep({ base, axes: { 'lattice.size[0]': [8, 10] } }).axes[0]!.path, 'lattice.size[0]');
  // audit70: a step's current as an axis (a step is a line of text): told how to vary it, the whole step, with the base's own
  refused('sweep axis, into a protocol step', () => parseSweep({ base: { ...base, protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2'] }, axes: { 'protocol[0].current': ['0.5 mA/cm2', '2 mA/cm2'] } }),
    /^axes\.protocol\[0\]\.current: got "protocol\[0\]\.current", expected a path the base run has: protocol\[0\] is not a map in the base run: it is the step "Plate 0\.0004 mAh\/cm2 at 1 mA\/cm2", a line of text; vary the whole step, e\.g\. axes: \{ protocol\[0\]: \["Plate 0\.0004 mAh\/cm2 at 1 mA\/cm2", \.\.\.\] \} \(the results' protocol\[0\]_current_mA_per_cm2 column gives its current\)$/);

  // a literature CSV: a column the export does not write was dropped without a word
  const header = CSV_COLUMNS.join(',');
  refused('literature CSV, a misspelt column', () => fromCsv(`${header.replace(',notes,', ',notse,')}\n`, 'lit.csv'),
    /^lit\.csv:1: CSV column "notse": no such column \(did you mean "notes"\?\); the columns of `sacplate lit export --format csv`: id, name, aliases, /);
  refused('literature CSV, a column twice', () => fromCsv(`${header},notes\n`, 'lit.csv'), new RegExp(`^lit\\.csv:1: CSV column "notes" twice \\(columns 15 and ${CSV_COLUMNS.length + 1}; each column once\\)$`));
  assert.deepEqual(fromCsv(`${header}\n`, 'lit.csv'), []);

  // config.engine: a misspelt switch, or a value that is none of the switch's, ran the default
  const run = parseRunInput(base);
  refused('new Simulation, config.engine', () => new Simulation(run, { engine: { stepup: 'exact' } } as never), refusal('config.engine.stepup', '"exact"', 'stepUp'));
  refused('simulate, config.engine', () => simulate(base, { config: { engine: { adatom: 'exact' } } } as never), refusal('config.engine.adatom', '"exact"', 'adatoms'));
  refused('new Simulation, a switch\'s value', () => new Simulation(run, { engine: { stepUp: 'exaxt' } } as never), /^config\.engine\.stepUp: got "exaxt", expected "thinned" or "exact"$/);
  refused('simulate, config.engine not a map', () => simulate(base, { config: { engine: 'fast' } } as never), /^config\.engine: got "fast", expected a map of engine switches/);

  // the run file's and the parameter sets' schemas: one checked(), one way of naming the path
  refused('parameter sets at the top of a path', () => buildParamSets({ user: { hots: {} }, userField: '' }), refusal('hots', '{}', 'hosts'));
  // a refused key's own message names that key, whatever its words (not by matching the "no such key" text)
  const schema = keyed({ size: z.unknown() }, 'a map', { voxels: 'no such key; allowed keys: size (voxels: the box is set by size)' });
  // and the other unknown key after it, by its path (since audit27; it was not named)
  refused('a refused key beside a misspelt one', () => checked(schema, 'lattice', { sise: 1, voxels: 2 }), /^lattice\.voxels: got 2, expected no such key; allowed keys: size \(voxels: the box is set by size\); also no such key: lattice\.sise \(did you mean "size"\?\)$/);
  refused('a key refused elsewhere, unknown here', () => checked(keyed({ size: z.unknown() }, 'a map'), 'lattice', { voxels: 2 }), /^lattice\.voxels: got 2, expected no such key; allowed keys: size$/);
});
