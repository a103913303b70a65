/**
 * Does the CLI print the same as another built checkout? Runs each call in both trees (real
 * processes, bin/sacplate.js) and compares exit code, stdout and stderr byte for byte:
 *   - every command's and subcommand's --help, `help <command>`, a bare `sacplate`, --version;
 *   - for every command an unknown flag, and a missing argument where it takes one;
 *   - bad inputs (most taken from test/cli-*.test.ts and the other CLI tests) and a few light
 *     commands that succeed (params, lit, cite, elements, anode-capacity, analyze, fullcell).
 * Each call gets a fresh scratch folder at the same path in both trees (its store, outputs);
 * the trees' own paths in an output are written as <root> before comparing.
 *   node dist/bench/cli-outputs.js --old <dir> [--label lazy] [--out bench/cli-outputs-results.json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli/main.js';
import { arg } from './args.js';

const oldDir = arg('old');
if (!oldDir || !existsSync(join(oldDir, 'bin/sacplate.js'))) throw new Error('--old <dir>: a built checkout (bin/sacplate.js, dist/) to compare with');
const label = arg('label') ?? 'run';
const outFile = arg('out') ?? 'bench/cli-outputs-results.json';
const here = resolve('.');
/** this tree's commit (with "+changes" when a tracked file other than a bench results file differs from it) */
const headCommit = () => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim() +
  (execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).split('\n').some((l) => l.trim() !== '' && !l.endsWith('-results.json')) ? '+changes' : '');
const tmp = mkdtempSync(join(tmpdir(), 'sacplate-cli-outputs-'));
const work = join(tmp, 'work');
const ex = (f: string) => join(here, 'examples', f);
const cyc = (f: string) => resolve(here, '..', 'shared', 'data', 'cycler', f);
const fastCharge = cyc('FastCharge_000025_CH8.csv');
const missing = join(tmp, 'no-such-file.yaml');

// the command tree (names, arguments) from this build; the old one must print the same help for it
const commands: { path: string[]; required: boolean }[] = [];
const walk = (c: Command, path: string[]) => {
  for (const sub of c.commands) {
    const p = [...path, sub.name()];
    commands.push({ path: p, required: sub.registeredArguments.some((a) => a.required) });
    walk(sub, p);
  }
};
walk(buildProgram(), []);

const calls: string[][] = [[], ['--help'], ['-h'], ['--version'], ['-V'], ['help'], ['no-such-command'], ['simulat'], ['--bogus']];
for (const { path, required } of commands) {
  calls.push([...path, '--help'], [...path, '--bogus-flag']);
  if (path.length === 1) calls.push(['help', ...path]);
  if (required) calls.push(path);
}
const W = '{work}';
calls.push(
  ['simulate', missing, '--no-store'],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--seed', ''],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--seed', '-1'],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--seeds', '0'],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--threads', 'x', '--seeds', '2'],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--resume'],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--out', join(W, 'o'), '--checkpoint-every', ' '],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--out', '/proc/sacplate-x'],
  ['simulate', ex('li-zn-sac.yaml'), '--no-store', '--rebuild-every', '5'],
  ['simulate', ex('li-zn-sac.yaml'), '--db', '/proc/sacplate-x/s.db', '--out', join(W, 'o')],
  ['simulate', ex('sweep-loading.yaml'), '--no-store'],
  ['compare', missing],
  ['compare', ex('li-hosts.yaml'), '--threads', '0', '--no-store'],
  ['bench', '--shape', '64,64,32'],
  ['bench', '--app', 'plating', '--shape', '10000,10000,100'],
  ['bench', '--app', 'plating', '--shape', '4,4'],
  ['bench', '--app', 'bogus', '--events', '10'],
  ['bench', '--events', '0'],
  ['params', 'list'],
  ['params', 'list', '--json'],
  ['params', 'list', '--kind', 'electrolyte'],
  ['params', 'list', '--kind', 'bogus'],
  ['params', 'list', '--input', missing],
  ['params', 'show', 'Li'],
  ['params', 'show', 'Zn-N4', '--json'],
  ['params', 'show', 'no-such-set'],
  ['params', 'resolve', ex('li-zn-sac.yaml')],
  ['params', 'resolve', missing],
  ['cite', ex('li-zn-sac.yaml')],
  ['cite', ex('li-zn-sac.yaml'), '--bibtex'],
  ['cite', missing],
  ['cite', W],
  ['lit', 'list', '--db', join(W, 'lit.db')],
  ['lit', 'list', '--format', 'xml', '--db', join(W, 'lit.db')],
  ['lit', 'list', '--architecture', 'spaceship', '--db', join(W, 'lit.db')],
  ['lit', 'list', '--range', 'nucleation_overpotential=50:10', '--db', join(W, 'lit.db')],
  ['lit', 'list', '--sort', 'bogus', '--db', join(W, 'lit.db')],
  ['lit', 'show', 'no-such-record', '--db', join(W, 'lit.db')],
  ['lit', 'normalise', '--metal', 'Na', '--db', join(W, 'lit.db')],
  ['lit', 'export', '--format', 'yaml', '--db', join(W, 'lit.db')],
  ['lit', 'import', missing, '--db', join(W, 'lit.db')],
  ['lit', 'verify', '--review', missing],
  ['elements', 'Fe', 'Co', 'Zn', '--sustainability'],
  ['elements', 'Xx'],
  ['elements', 'Co', '--weights', 'bogus=1'],
  ['anode-capacity', '--metal', 'Li', '--metal-mass', '2', 'mg/cm2', '--host-mass', '1.5 mg/cm2'],
  ['anode-capacity', '--metal', 'Xx'],
  ['anode-capacity', '--metal', 'Li', '--metal-mass', '2', 'kg'],
  ['runs', 'list', '--db', join(W, 'r.db')],
  ['runs', 'list', '--limit', '0', '--db', join(W, 'r.db')],
  ['runs', 'list', '--status', 'bogus', '--db', join(W, 'r.db')],
  ['runs', 'show', 'abc', '--db', join(W, 'r.db')],
  ['analyze', fastCharge, '--protocol', 'fullcell', '--no-figures', '--out', join(W, 'an')],
  ['analyze', missing, '--protocol', 'symmetric'],
  ['analyze', fastCharge, '--protocol', 'bogus'],
  ['analyze', fastCharge, '--protocol', 'symmetric', '--format', 'xx'],
  ['analyze', fastCharge, '--protocol', 'symmetric', '--limit', '-100', 'mV'],
  ['analyze', fastCharge, '--protocol', 'symmetric', '--area', 'big'],
  ['analyze', fastCharge, '--protocol', 'aurbach', '--n', ''],
  ['analyze', fastCharge, '--protocol', 'fullcell', '--pair', 'bogus'],
  ['convert', fastCharge, '--to', 'csv'],
  ['convert', fastCharge, '--to', 'bdf', '--delimiter', 'xx'],
  ['convert', fastCharge, '--to', 'bdf', '-o', '/proc/sacplate-x.csv'],
  ['convert', fastCharge, '--to', 'bdf', '-o', join(W, 'out.csv')],
  ['sweep', missing],
  ['sweep', ex('sweep-loading.yaml'), '--threads', '0'],
  ['sweep', ex('sweep-loading.yaml'), '--cancel', '--db', join(W, 's.db')],
  ['sweep', ex('sweep-loading.yaml'), '--resume', '--db', join(W, 's.db')],
  ['worker', '--queue', 'redis://127.0.0.1:1', '--concurrency', '0'],
  ['worker', '--queue', 'http://x'],
  ['results', 'no-such-sweep', '--db', join(W, 's.db')],
  ['results', 'x', '--format', 'xml'],
  ['results', 'x', '--format', 'parquet', '--db', join(W, 's.db')],
  ['screen', missing],
  ['screen', ex('screen-li.yaml'), '--objectives', 'toString', '--db', join(W, 's.db')],
  ['screen', ex('screen-li.yaml'), '--objectives', 'porosity,porosity', '--db', join(W, 's.db')],
  ['screen', ex('screen-li.yaml'), '--report', '/proc/sacplate-x', '--db', join(W, 's.db')],
  ['nucleation'],
  ['nucleation', '--metal', 'Li'],
  ['nucleation', '--metal', 'Lu', '--host', 'graphene', '--sac', 'Zn-N4', '--loading', '1.2', 'wt%', '--no-store'],
  ['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29', '--no-store'],
  ['nucleation', '--metal', 'Li', '--host', 'graphene', '--sac', 'Zn-N4', '--loading', '1.2', 'wt', '--no-store'],
  ['nucleation', '--metal', 'Li', '--host', 'graphene', '--runs', '0', '--no-store'],
  ['nucleation', '--metal', 'Li', '--host', 'graphene', '--plateau', 'bogus', '--no-store'],
  ['nucleation', '--metal', 'Li', '--host', 'Li', '--current', '1', 'mA/cm2', '--json', '--no-store'],
  ['nucleation', missing],
  ['fullcell', ex('fullcell/li-lfp.yaml')],
  ['fullcell', missing],
  ['fullcell', ex('li-zn-sac.yaml')],
  ['serve', '--port', 'x'],
  ['serve', '--host', '0.0.0.0'],
  ['serve', '--token', 'short'],
  ['serve', '--concurrency', '0'],
  ['serve', '--checkpoint-every', '-1'],
);

interface Out { code: number | null; stdout: string; stderr: string }
function runIn(dir: string, args: string[]): Out {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const a = args.map((x) => x.replaceAll(W, work));
  const r = spawnSync(process.execPath, [join(dir, 'bin/sacplate.js'), ...a], {
    cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000,
    env: { ...process.env, SACPLATE_DB: join(work, 'default.db'), SACPLATE_SHARED: resolve(here, '..', 'shared') },
  });
  const norm = (s: string) => s.replaceAll(dir, '<root>');
  return { code: r.status, stdout: norm(r.stdout), stderr: norm(r.stderr) };
}

const rows: { args: string[]; code: number | null; same: boolean; differs?: string[] }[] = [];
for (const args of calls) {
  const o = runIn(resolve(oldDir), args), n = runIn(here, args);
  const differs = (['code', 'stdout', 'stderr'] as const).filter((k) => o[k] !== n[k]);
  rows.push({ args: args.map((x) => x.replaceAll(here, '<this tree>').replaceAll(tmp, '<tmp>')), code: o.code, same: differs.length === 0, ...(differs.length ? { differs } : {}) });
  if (differs.length) {
    process.stdout.write(`DIFFERS (${differs.join(', ')}): ${args.join(' ')}\n`);
    for (const k of differs) process.stdout.write(`  old ${k}: ${JSON.stringify(o[k]).slice(0, 400)}\n  new ${k}: ${JSON.stringify(n[k]).slice(0, 400)}\n`);
  }
}
rmSync(tmp, { recursive: true, force: true });
const same = rows.filter((r) => r.same).length;
const byCode = rows.reduce<Record<string, number>>((m, r) => { m[String(r.code)] = (m[String(r.code)] ?? 0) + 1; return m; }, {});
process.stdout.write(`${same} of ${rows.length} calls print the same (exit codes of the old tree: ${JSON.stringify(byCode)})\n`);
const all = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>) : {};
all[label] = { date: new Date().toISOString(), commit: headCommit(), old: resolve(oldDir), calls: rows.length, same, exit_codes_old: byCode, rows };
writeFileSync(outFile, JSON.stringify(all, null, 2) + '\n');
process.stdout.write(`wrote ${outFile} (${label})\n`);
if (same !== rows.length) process.exitCode = 1;
