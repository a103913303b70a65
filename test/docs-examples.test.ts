/**
 * docs/api.md's code blocks run as a reader copies them: each ```js block is written to a file of its
 * own in a scratch folder whose node_modules/sacplate is this package (what `npm install <this folder>`
 * gives), imported, and must run to its end. test/library-examples.test.ts runs the scripts of
 * examples/library/; this file runs the text of api.md itself, so a block that drifts from them (a
 * renamed export, a missing import, an option the library refuses, a result key that is gone) fails here.
 * The blocks' bare expressions (`metrics.average_ce;`, `r.J_eta;`, `literature.exportText(...).text;`)
 * must each be defined, a block with `console.log` must print, and where a block's comment says what
 * happens the test checks it: (e) a run cancelled half way and resumed ends as the uninterrupted run,
 * (h) one row per task, each run, (l) the store holds (g)'s cases as runs (its graphene runs found by a where) and (h)'s sweep, (m) an SVG and a PNG
 * for each figure specification; docs/parameters.md's block prints what its comment says.
 * What a block takes from an earlier one, as the page says ("run: a run object as in (a)"): `run` is
 * (a)'s run object, read from (a)'s text; `outDir` a new folder. One change to a block: (b) runs with
 * the atomistic settings of examples/library/nucleation.mjs (`sampler: 'mfpt'`, a small box), since the
 * default costs minutes of CPU; its request is otherwise the page's. The relative paths of the blocks
 * are read from a scratch working folder beside a link to ../shared (the cycler file of (d)); (i)'s
 * `my-records.yaml` is a record of the reader's own, written there.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulate } from '../src/simulation/simulate.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('docs-examples');

const root = fileURLToPath(new URL('../..', import.meta.url));
const SMALL_ATOMISTIC = { sampler: 'mfpt', runs: 4, L: 8, target: 12, maxEvents: 5000 };

interface Block { label: string; code: string }

/** The ```js / ```ts blocks of a Markdown text, each labelled by the `## ` heading above it. */
function codeBlocks(text: string, langs: readonly string[]): Block[] {
  const out: Block[] = [];
  let heading = '', lines: string[] | null = null;
  for (const line of text.split('\n')) {
    const fence = /^```(\w*)\s*$/.exec(line);
    if (lines !== null) {
      if (/^```\s*$/.test(line)) { out.push({ label: heading, code: lines.join('\n') }); lines = null; } else lines.push(line);
    } else if (fence && langs.includes(fence[1]!)) lines = [];
    else if (/^## /.test(line)) heading = line.slice(3).trim();
  }
  return out;
}

/** `code` and `// comment` of a line (a `//` inside a string is code). */
function splitComment(line: string): [string, string] {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== null) { if (c === '\\') i++; else if (c === quote) quote = null; } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') return [line.slice(0, i), line.slice(i)];
  }
  return [line, ''];
}

const MEMBER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])+$/;          // metrics.average_ce, cycles.cycles[0].ce
const CALL_MEMBER = /^[A-Za-z_$][\w$.]*\([^;]*\)(?:\.[A-Za-z_$][\w$]*)+$/;  // literature.exportText({ ... }).text

/** A block as a module: bare expressions checked, its top-level constants exported, the names it uses from before defined. */
function asModule(code: string, preamble: string): { source: string; checks: string[] } {
  const checks: string[] = [];
  const body = code.split('\n').map((line) => {
    const [src, comment] = splitComment(line);
    if (/^\s/.test(src) || !src.trim().endsWith(';')) return line;
    const pieces = src.split(';').map((p) => p.trim()).filter((p) => p !== '');
    if (!pieces.every((p) => MEMBER.test(p) || CALL_MEMBER.test(p))) return line;
    checks.push(...pieces);
    return pieces.map((p) => `globalThis.__docsCheck(${JSON.stringify(p)}, (${p}));`).join(' ') + ` ${comment}`;
  });
  const names = new Set<string>();
  for (const m of code.matchAll(/^const\s+(?:\{([^}]*)\}|([A-Za-z_$][\w$]*))\s*=/gm)) {
    if (m[2] !== undefined) names.add(m[2]);
    else for (const n of m[1]!.split(',')) names.add(n.split(':').at(-1)!.trim());
  }
  const isImport = (l: string) => /^import\b/.test(l);
  const source = [...body.filter(isImport), preamble, ...body.filter((l) => !isImport(l)), names.size ? `export { ${[...names].join(', ')} };` : ''].join('\n');
  return { source, checks };
}

let base = '';
let work = '';
let runText = '';
const api = readFileSync(join(root, 'docs/api.md'), 'utf8');
const blocks = codeBlocks(api, ['js']);

before(() => {
  base = mkdtempSync(join(tmpdir(), 'sacplate-docs-'));
  work = join(base, 'work');
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  symlinkSync(root, join(work, 'node_modules', 'sacplate'), 'dir');
  const shared = resolve(root, '../shared');
  if (existsSync(shared)) symlinkSync(shared, join(base, 'shared'), 'dir');
  writeFileSync(join(work, 'my-records.yaml'), `id: li-docs-zn-n4
name: Docs Zn-N4 on carbon cloth
metal: Li
sac_elements: [Zn]
support: carbon cloth
architecture: 3D host
user_source: { citation: "A. Reader, lab notebook, 2026" }
figures:
  - { quantity: nucleation_overpotential, value: 12, unit: mV, conditions: { current_density: 1 mA/cm2 } }
`);
  process.env.SACPLATE_DB = join(base, 'docs.db');
  process.chdir(work);
  const a = blocks.find((b) => b.label.startsWith('(a)'));
  const m = a && /simulate\((\{[\s\S]*?\})\);/.exec(a.code);
  assert.ok(m, 'api.md (a) passes a run object to simulate()');
  runText = m[1]!;
});

after(() => {
  process.chdir(root);
  rmSync(base, { recursive: true, force: true });
});

let serial = 0;
/** Runs one block; returns its exports, what it printed and the expressions it checked. */
async function runBlock(code: string): Promise<{ ns: Record<string, unknown>; printed: string[]; checks: string[] }> {
  const spread = code.replace(/\.\.\./g, ' '); // `...run` uses run; `a.run` does not
  const uses = (name: string) => new RegExp(`(?<![\\w.'"$])${name}(?![\\w$'":])`).test(spread) && !new RegExp(`\\b(const|let)\\s+${name}\\b`).test(code);
  const pre: string[] = [];
  if (uses('run')) pre.push(`const run = ${runText};`);
  if (uses('outDir')) pre.push(`const outDir = ${JSON.stringify(mkdtempSync(join(base, 'out-')))};`);
  const { source, checks } = asModule(code, pre.join('\n'));
  const file = join(work, `block-${++serial}.mjs`);
  const given = pre.map((p) => /^const (\w+)/.exec(p)![1]!); // what the page's blocks take from before, exported for the checks
  writeFileSync(file, source + (given.length ? `\nexport { ${given.join(', ')} };\n` : '\n'));
  const printed: string[] = [];
  const seen: string[] = [];
  (globalThis as Record<string, unknown>).__docsCheck = (text: string, value: unknown) => {
    assert.notEqual(value, undefined, `${text} is undefined`);
    seen.push(text);
  };
  const log = console.log;
  console.log = (...a: unknown[]) => { printed.push(a.map(String).join(' ')); };
  try {
    const ns = await import(pathToFileURL(file).href) as Record<string, unknown>;
    assert.deepEqual(seen, checks, 'every bare expression of the block was evaluated');
    if (code.includes('console.log')) assert.ok(printed.length > 0, 'the block prints');
    return { ns, printed, checks };
  } finally {
    console.log = log;
  }
}

test('api.md: the blocks are found, one per section (a)-(m) but (f), each importing what it calls from the package', () => {
  assert.deepEqual(blocks.map((b) => b.label.slice(0, 3)), ['(a)', '(b)', '(c)', '(d)', '(e)', '(g)', '(h)', '(i)', '(j)', '(k)', '(l)', '(m)']);
  for (const b of blocks) assert.match(b.code, /^import \{[^}]+\} from 'sacplate';$/m, `${b.label}: imports from 'sacplate'`);
});

test('api.md blocks run as written against the package, and say what they do', async (t) => {
  for (const b of blocks) {
    await t.test(b.label, async () => {
      let code = b.code;
      if (b.label.startsWith('(b)')) {
        assert.equal(code.split('nucleation({').length, 2, '(b) calls nucleation({ ... }) once');
        code = code.replace('nucleation({', `nucleation({ atomistic: ${JSON.stringify(SMALL_ATOMISTIC)},`);
      }
      if (b.label.startsWith('(d)')) assert.ok(existsSync(join(base, 'shared/data/cycler/neware_uio.csv')), '../shared/data/cycler/neware_uio.csv beside the repository');
      const { ns, checks } = await runBlock(code);
      if (/^\((a|b|d|i|j|l|m)\)/.test(b.label)) assert.ok(checks.length > 0, 'the block names result keys');
      if (b.label.startsWith('(e)')) {
        const r = ns.r as ReturnType<typeof simulate>;
        assert.equal(r.resumed, true, 'the second call continued from the checkpoint the cancel wrote');
        const whole = simulate(ns.run as never);
        assert.equal(r.metrics.events, whole.metrics.events, 'the same result as one uninterrupted run');
        assert.equal(r.metrics.nucleation_overpotential_mV, whole.metrics.nucleation_overpotential_mV);
        assert.equal(r.metrics.rms_roughness_nm, whole.metrics.rms_roughness_nm);
      }
      if (b.label.startsWith('(h)')) {
        const r = ns.r as { rows: Array<{ status: string }>; tasks: number };
        assert.equal(r.tasks, 2);
        assert.deepEqual(r.rows.map((x) => x.status), ['done', 'done'], 'each task ran');
      }
      if (b.label.startsWith('(l)')) {
        // the store the blocks before wrote into: (g)'s comparison recorded the case it ran as a run (its Cu case is (c)'s
        // screen's bare run, reused from the store), (h) its sweep
        const l = ns as { runs: Array<{ id: string; name: string }>; last: { id: string; metrics: { events: number } }; rows: Array<{ status: string }> };
        assert.ok(l.runs.some((x) => x.name === 'compare object [graphene + Fe-N4]'), `(g)'s case run there among the runs: ${l.runs.map((x) => x.name).join(', ')}`);
        assert.equal(l.last.id, l.runs[0]!.id);
        // runquery: the runs on graphene, lowest nucleation overpotential first (none without the column's value before one with it)
        const g = (ns as unknown as { graphene: Array<{ name: string; metrics: { host: string; nucleation_overpotential_mV: number | null } }> }).graphene;
        assert.ok(g.some((x) => x.name === 'compare object [graphene + Fe-N4]') && g.every((x) => x.metrics.host === 'graphene'), g.map((x) => x.name).join(', '));
        const mv = g.map((x) => x.metrics.nucleation_overpotential_mV).filter((v): v is number => typeof v === 'number');
        assert.deepEqual(mv, [...mv].sort((a, b) => a - b));
        assert.ok(l.last.metrics.events > 0);
        assert.deepEqual(l.rows.map((x) => x.status), ['done', 'done'], "(h)'s two tasks");
      }
      if (b.label.startsWith('(m)')) {
        const files = (ns.files as string[]).map((f) => f.replace(/^.*\/figures\//, '')).sort();
        const specs = readdirSync(join(String(ns.outDir), 'figures')).filter((n) => n.endsWith('.vl.json'));
        assert.ok(specs.length >= 2);
        assert.deepEqual(files, specs.flatMap((n) => [n.replace(/\.vl\.json$/, '.png'), n.replace(/\.vl\.json$/, '.svg')]).sort(), 'an SVG and a PNG per specification');
      }
    });
  }
});

test('parameters.md: its block prints what its comment says', async () => {
  const text = readFileSync(join(root, 'docs/parameters.md'), 'utf8');
  const ts = codeBlocks(text, ['ts']);
  const b = ts.find((x) => x.code.includes("from 'sacplate'"));
  assert.ok(b, "parameters.md has a block importing from 'sacplate'");
  const said = b.code.split('\n').map((l) => /console\.log\(.*\/\/\s*(.+)$/.exec(l)?.[1]?.trim()).filter((x) => x !== undefined);
  assert.equal(said.length, 1);
  const { printed } = await runBlock(b.code);
  assert.deepEqual(printed, said);
});
