/** The run file's zod schema: it accepts every example run, gives the parser's one-line messages, and emits the JSON Schema forms are built from. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readInputFile, parseRunInput, RUN_KEYS } from '../src/input/parse.js';
import { runJsonSchema, runSchema, runShape, validateRunInput } from '../src/input/schema.js';
import { InputError } from '../src/errors.js';

const EXAMPLES = resolve(import.meta.dirname, '..', '..', 'examples');

test('every example run (and every variant of the comparison files) passes the schema', () => {
  let n = 0;
  for (const f of readdirSync(EXAMPLES).filter((x) => /\.ya?ml$/.test(x))) {
    let raw = readInputFile(join(EXAMPLES, f)) as Record<string, unknown>;
    // a sweep or screen file (base run plus axes or candidates): its base is the run to check
    if (raw.base && typeof raw.base === 'object' && ('axes' in raw || 'candidates' in raw || 'descriptors' in raw)) raw = raw.base as Record<string, unknown>;
    // a nucleation file (`sacplate nucleation`: cases of host/SAC at one current) is not a run file
    if (Array.isArray(raw.cases) && 'current' in raw) continue;
    const { variants, ...base } = raw;
    const cases = Array.isArray(variants) ? variants.map((v) => { const { name: _n, ...over } = v as Record<string, unknown>; return { ...base, ...over }; }) : [base];
    for (const c of cases) {
      assert.equal(runShape.safeParse(c).success, true, f);
      assert.deepEqual(validateRunInput(c).lattice, parseRunInput(c).lattice, f);
      n++;
    }
  }
  assert.ok(n >= 8, `${n} runs checked`);
});

test('mistakes give the parser\'s line, through validateRunInput and as the zod issue', () => {
  const ok = { metal: 'Li', lattice: { size: [16, 16, 12], voxel: '10 nm' }, host: 'graphene', protocol: ['Plate at 1 mA/cm2 for 1 s'] };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...ok, metal: 'Mg' }, /^metal: got "Mg", expected a known metal: Li, Na, K/],
    [{ ...ok, temperature: '900 K' }, /^temperature: got "900 K", expected a temperature from 150 to 400 K/],
    [{ ...ok, sacs: [{ site: 'Zn-N4', loading: '150 %' }] }, /^sacs\[0\]\.loading: got "150 %", expected a loading from 0 to 100 %/],
    [{ ...ok, lattice: { size: [16, 16], voxel: '10 nm' } }, /^lattice\.size: got \[16,16\], expected three integers/],
    [{ ...ok, seed: -1 }, /^seed: got -1, expected a non-negative integer/],
    // a "__proto__" key (an own key after JSON.parse or YAML) got zod's bare "Unrecognized key" (`k in refused` was true for it)
    [JSON.parse(JSON.stringify(ok).slice(0, -1) + ',"__proto__":{"x":1}}'), /^__proto__: got \{"x":1\}, expected no such key; allowed keys: metal, temperature, /],
    [{ ...ok, kinetics: JSON.parse('{"__proto__":{"x":1}}') }, /^kinetics\.__proto__: got \{"x":1\}, expected no such key; allowed keys: bond, /],
    [{ ...ok, constructor: 1 }, /^constructor: got 1, expected no such key; allowed keys: metal, /],
  ];
  for (const [input, want] of cases) {
    let parser = '';
    try { parseRunInput(input); } catch (e) { parser = (e as Error).message; }
    assert.match(parser, want);
    assert.throws(() => validateRunInput(input), (e: unknown) => e instanceof InputError && e.message === parser);
    const r = runSchema.safeParse(input);
    assert.equal(r.success, false);
    assert.equal(r.error!.issues[0]!.message, parser);
  }
  assert.equal(({} as Record<string, unknown>).x, undefined, 'Object.prototype untouched');
  // parameter-set names: "__proto__" was dropped silently (z.record), "toString" or "constructor" threw a DataCloneError (the built-in lookup found Object.prototype's)
  assert.throws(() => parseRunInput({ ...ok, parameters: { hosts: JSON.parse('{"__proto__":{"conducting":true}}') } }), { message: /^parameters\.hosts\.__proto__: got \{"conducting":true\}, expected a name other than "__proto__"/ });
  assert.equal(parseRunInput({ ...ok, host: 'toString', parameters: { hosts: { toString: { conducting: true, metals: { Li: { binding: '0.1 eV' } } } } } }).host.name, 'toString');
  assert.throws(() => validateRunInput({ ...ok, parameters: 'params.yaml' }), (e: unknown) => e instanceof InputError && /^parameters: got "params.yaml", expected an inline map/.test(e.message));
});

test('the JSON Schema names the required keys and carries units and examples', () => {
  const s = runJsonSchema() as { required: string[]; properties: Record<string, { examples?: unknown[]; description?: string }> };
  assert.deepEqual(s.required, ['metal', 'lattice', 'host', 'protocol']);
  // every key the parser takes is in the schema, in the same order (a key added to one and not the other fails here)
  assert.deepEqual(Object.keys(s.properties), [...RUN_KEYS]);
  const ok = { metal: 'Li', lattice: { size: [16, 16, 12], voxel: '10 nm' }, host: 'graphene', protocol: ['Plate at 1 mA/cm2 for 1 s'] };
  assert.equal(runShape.safeParse({ ...ok, sacs: [{ site: 'Zn-N4', loading: '0.005 sites/nm2' }] }).success, true);
  assert.equal(runSchema.safeParse({ ...ok, sacs: [{ site: 'Zn-N4', loading: '0.005 sites/nm2' }] }).success, true);
  assert.equal(runShape.safeParse({ ...ok, colour: 'red' }).success, false);
  assert.deepEqual(s.properties.metal!.examples, ['Li', 'Na', 'K']);
  assert.match(s.properties.temperature!.description!, /K/);
});
