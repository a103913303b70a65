/**
 * Issue 11 (speed where users spend their time), in `npm run bench`: writes bench/speed-results.json.
 *
 *   node dist/bench/speed.js [--ref 878d451] [--only film,film-exact,protocol] [--protocol-events 2000000] [--out bench/speed-results.json]
 *
 * - film: the film-growth benchmark (src/bench/film.ts) of this tree against a git ref (default
 *   878d451, the engine before issue 11), both in one process taking turns window by window
 *   (bench/film-interleave.ts): deposited voxels and events per CPU second, their ratio, the
 *   paired ratio over windows, memory per voxel and per active site, load averages.
 * - film-exact: the same with this tree's thinned step-up rule switched off (engine.stepUp
 *   'exact') and hop-by-hop adatoms (engine.adatoms 'exact'): the exact optimisations alone, on
 *   the same trajectory event for event.
 * - film-fp: this tree against itself, first-passage lone adatoms (engine.adatoms, the default)
 *   against hop by hop: what the first-passage method alone buys.
 * - protocol: the first events of examples/standard-protocol-100nm.yaml (25 um x 25 um, 100 nm
 *   voxels, Plate 3 mAh/cm2 at 3 mA/cm2) with both builds, taking turns: events per deposited
 *   voxel and deposited voxels per CPU s at the start of the run.
 * - nucleation-fp: the nucleation stage of the film benchmark's setting (Li on Cu, 50 nm voxels,
 *   100 x 100 columns, Plate 0.01 mAh/cm2 at 3 mA/cm2: about one layer), this tree with
 *   first-passage adatoms against hop by hop, taking turns.
 * - protocol-5um: the whole standard protocol at 100 nm voxels on 5 um x 5 um (50 x 50 x 200; the
 *   example's area / 25), this tree with first-passage adatoms against hop by hop, taking turns.
 * The ref is exported with `git archive` into /tmp/sacplate-bench-<sha> and compiled there (as
 * bench/compare.ts does); nothing in the repository changes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { parse as parseYaml } from 'yaml';

const here = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const args = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = args.indexOf(k); return i >= 0 && args[i + 1] ? args[i + 1]! : d; };
const ref = opt('--ref', '878d451');
const only = opt('--only', 'film,film-exact,film-fp,protocol').split(',');
const protocolEvents = Number(opt('--protocol-events', '2000000'));
// results file (default bench/speed-results.json; a later round writes its own beside it)
const outFile = opt('--out', join('bench', 'speed-results.json'));

const git = (...a: string[]) => execFileSync('git', ['-C', here, ...a], { encoding: 'utf8' }).trim();
const sha = git('rev-parse', ref);
const oldRoot = `/tmp/sacplate-bench-${sha.slice(0, 12)}`;
if (!existsSync(join(oldRoot, 'dist', 'src', 'bench', 'film.js'))) {
  process.stderr.write(`building ${ref} (${sha.slice(0, 12)}) in ${oldRoot}\n`);
  mkdirSync(oldRoot, { recursive: true });
  execFileSync('sh', ['-c', `git -C '${here}' archive ${sha} | tar -x -C '${oldRoot}'`]);
  linkModules();
  execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: oldRoot, stdio: 'inherit' });
}
linkModules();
/** the cached build's node_modules: a link to this checkout's, made again when it dangles (its checkout removed: speed62) */
function linkModules(): void {
  const nm = join(oldRoot, 'node_modules');
  if (existsSync(nm)) return;
  rmSync(nm, { force: true });
  symlinkSync(join(here, 'node_modules'), nm, 'dir');
}
const file = resolve(here, outFile);
const out: Record<string, unknown> = {};
Object.assign(out, { date: new Date().toISOString(), node: process.version, old: { ref, sha }, new: { sha: git('rev-parse', 'HEAD'), working_tree_changes: git('status', '--porcelain', '--untracked-files=no') !== '' } });

const interleave = (extra: string[], old = oldRoot) => {
  const r = spawnSync(process.execPath, ['--max-old-space-size=6144', join(here, 'dist', 'bench', 'film-interleave.js'), old, here, ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`film-interleave failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { ratio_new_over_old: Record<string, unknown>; old: Record<string, unknown>; new: Record<string, unknown>; load_average_start: number[]; load_average_end: number[] };
};
const say = (k: string, r: ReturnType<typeof interleave>) => {
  const f = (x: unknown) => Math.round(x as number).toLocaleString('en');
  process.stderr.write(`${k}: old ${f(r.old.deposited_voxels_per_cpu_s)} new ${f(r.new.deposited_voxels_per_cpu_s)} deposited voxels per CPU s; ` +
    `events per CPU s old ${f(r.old.events_per_cpu_s)} new ${f(r.new.events_per_cpu_s)}; ratio ${JSON.stringify(r.ratio_new_over_old)}; load ${r.load_average_start.join(' ')} -> ${r.load_average_end.join(' ')}\n`);
};
if (only.includes('film')) { const r = interleave(['500000']); out.film = r; say('film', r); }
if (only.includes('film-exact')) { const r = interleave(['500000', '--new-engine', '{"stepUp":"exact","adatoms":"exact"}']); out.film_exact = r; say('film-exact', r); }
if (only.includes('film-fp')) { const r = interleave(['500000', '--old-engine', '{"adatoms":"exact"}'], here); out.film_first_passage = r; say('film-fp (this tree, adatoms exact -> first-passage)', r); }
if (only.includes('protocol')) {
  const input = parseYaml(readFileSync(join(here, 'examples', 'standard-protocol-100nm.yaml'), 'utf8')) as Record<string, unknown>;
  const r = interleave(['500000', '--events', String(protocolEvents), '--input', JSON.stringify(input)]);
  out.protocol_100nm_start = r; say('protocol 100 nm (first events)', r);
}
if (only.includes('nucleation-fp')) {
  const input = { metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [100, 100, 20], voxel: '50 nm' }, protocol: ['Plate 0.01 mAh/cm2 at 3 mA/cm2'], seed: 1, output: { snapshots: false } };
  const r = interleave(['250000', '--input', JSON.stringify(input), '--old-engine', '{"adatoms":"exact"}'], here);
  out.nucleation_first_passage = r; say('nucleation stage, 50 nm, 100 x 100, 0.01 mAh/cm2 (this tree, adatoms exact -> first-passage)', r);
}
if (only.includes('protocol-5um')) {
  const input = parseYaml(readFileSync(join(here, 'examples', 'standard-protocol-100nm.yaml'), 'utf8')) as Record<string, unknown>;
  input.lattice = { size: [50, 50, 200], voxel: '100 nm' };
  const r = interleave(['500000', '--input', JSON.stringify(input), '--old-engine', '{"adatoms":"exact"}'], here);
  out.protocol_100nm_5um = r; say('protocol 100 nm, 5 um x 5 um, whole charge (this tree, adatoms exact -> first-passage)', r);
}
out.load_average_at_end = loadavg();
// merge into the file as it is now (another invocation with other --only parts may have written it)
const now = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> : {};
writeFileSync(file, JSON.stringify({ ...now, ...out }, null, 2) + '\n');
process.stderr.write(`written ${file}\n`);
