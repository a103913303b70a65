/**
 * What `npm install sacplate` gets: the file list of `npm pack --dry-run --json` (npm's own packlist, no tarball
 * written, no script run). Until branch pkg66 package.json had no `files`, so npm packed by .gitignore: no dist/ at all
 * (bin/sacplate.js and the `exports` target missing: `npx sacplate` and `import 'sacplate'` failed with
 * ERR_MODULE_NOT_FOUND in a user's project) and 1197 files, 9.0 MB packed, 28.2 MB unpacked, of tests, bench results,
 * validation records, docs and .ci. Checked here: every entry point of package.json is packed, every relative import of
 * a packed module resolves to a packed file (so a later dynamic import cannot be left out), every bare import is a
 * dependency (not a devDependency), every file of data/ and examples/ is packed, the built workbench and data, and none
 * of the development folders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string; types: string; bin: Record<string, string>; dependencies: Record<string, string>;
  exports: Record<string, Record<string, string>>;
};
const specifiersOf = (text: string): string[] => {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''); // not the specifiers of comments (`import { simulate } from 'sacplate'`)
  // import/export ... from 'x' (a statement's end), import 'x', import('x'), require('x'); not "from" inside a string
  return [...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"\n]+)\1\s*;?\s*$/gm), ...code.matchAll(/^\s*import\s*(['"])([^'"\n]+)\1/gm),
    ...code.matchAll(/\b(?:import|require)\(\s*(['"])([^'"\n]+)\1\s*\)/g)].map((m) => m[2]!);
};
const packageOf = (spec: string): string => spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;

/**
 * npm's own file list (npm-packlist, what `npm pack` and `npm publish` call), loaded from the npm installed beside this
 * node, for the package root as its project (no bundleDependencies: the tree's dependency edges are not read). Measured
 * (branch pkg66, 2 cores at a load of about 9): 0.7 s of CPU, where `npm pack --dry-run --json` costs 2.2 s (it also
 * gzips the 6 MB of the package and walks node_modules' 426 packages); the same 737 files. Without that npm, the
 * command itself.
 */
async function packList(): Promise<Set<string>> {
  assert.equal((pkg as { bundleDependencies?: unknown }).bundleDependencies, undefined);
  const npmDirs = [process.env.npm_execpath ? join(dirname(process.env.npm_execpath), '..') : '',
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'), join(dirname(process.execPath), 'node_modules', 'npm')];
  const npmDir = npmDirs.find((d) => d !== '' && existsSync(join(d, 'node_modules', 'npm-packlist', 'package.json')));
  if (npmDir) {
    const packlist = createRequire(join(npmDir, 'package.json'))('npm-packlist') as (tree: unknown) => Promise<string[]>;
    const tree = { path: root, realpath: root, package: pkg, isProjectRoot: true, edgesOut: new Map(), workspaces: null };
    return new Set(await packlist(tree));
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [j] = JSON.parse(out) as { files: { path: string }[] }[];
  assert.ok(j, 'npm pack --dry-run --json printed no package');
  return new Set(j.files.map((f) => f.path));
}
let packed: Promise<Set<string>> | undefined;
const packedFiles = (): Promise<Set<string>> => (packed ??= packList());

const norm = (p: string): string => posix.normalize(p.replace(/^\.\//, ''));
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...filesUnder(rel)); else if (e.isFile()) out.push(rel);
  }
  return out;
}

test('npm pack: package.json entry points (main, types, exports, bin), the built workbench and data are packed', async () => {
  const files = await packedFiles();
  const entries = [pkg.main, pkg.types, ...Object.values(pkg.exports).flatMap((e) => Object.values(e)), ...Object.values(pkg.bin),
    'dist/web/index.html', 'dist/data/parsed-yaml.json', 'README.md', 'package.json'];
  const missing = entries.map(norm).filter((f) => !files.has(f));
  assert.deepEqual(missing, [], `not in the package: ${missing.join(', ')}`);
  assert.ok([...files].some((f) => f.startsWith('dist/web/assets/') && f.endsWith('.js')), 'the workbench bundle (dist/web/assets/*.js) is not in the package');
  // every file the package reads at run time from data/, and the example files (the workbench's Examples menu, docs/api.md's scripts)
  // package.json says MIT: the licence's text goes with the code (npm packs a LICENSE file whatever `files` says)
  assert.equal((pkg as { license?: string }).license, 'MIT');
  assert.ok(files.has('LICENSE') && /^MIT License/.test(readFileSync(join(root, 'LICENSE'), 'utf8')), 'no LICENSE with the MIT text in the package');
  const notPacked = [...filesUnder('data'), ...filesUnder('examples')].filter((f) => !files.has(f));
  assert.deepEqual(notPacked, [], `not in the package: ${notPacked.join(', ')}`);
});

test('npm pack: every relative import of a packed module is packed; every bare import is a dependency', async () => {
  const files = await packedFiles();
  const code = [...files].filter((f) => /\.(c?js|d\.c?ts)$/.test(f) && !f.startsWith('dist/web/'));
  assert.ok(code.length > 100, `only ${code.length} modules packed`);
  const unresolved: string[] = [], undeclared = new Set<string>();
  const builtins = new Set(builtinModules);
  for (const f of code) {
    const specs = specifiersOf(readFileSync(join(root, f), 'utf8'));
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(f), spec));
        const candidates = f.endsWith('.ts') ? [target.replace(/\.(c?)js$/, '.d.$1ts'), target] : [target];
        if (!candidates.some((c) => files.has(c))) unresolved.push(`${f}: ${spec}`);
      } else if (!spec.startsWith('node:') && !builtins.has(spec)) {
        const name = packageOf(spec);
        if (name !== 'sacplate' && !(name in pkg.dependencies)) undeclared.add(`${name} (${f})`);
      }
    }
  }
  assert.deepEqual(unresolved, [], 'imports of files not in the package');
  assert.deepEqual([...undeclared], [], 'packages imported but not in dependencies');
});

test('npm pack: no tests, bench results, validation records, docs sources, CI files, source maps or node_modules', async () => {
  const files = await packedFiles();
  const forbidden = /^(test|bench|validation|\.ci|node_modules|src|web|docs|dist\/(test|bench|validation))\/|\.map$|^tsconfig\.json$|^package-lock\.json$/;
  const extra = [...files].filter((f) => forbidden.test(f));
  assert.deepEqual(extra.slice(0, 20), [], `${extra.length} development files in the package`);
  // the parts left are dist/, bin/, data/, examples/ and the top-level files
  const tops = new Set([...files].map((f) => f.includes('/') ? f.slice(0, f.indexOf('/')) : f));
  assert.deepEqual([...tops].filter((t) => !['dist', 'bin', 'data', 'examples', 'README.md', 'package.json', 'CITATION.cff', 'LICENSE'].includes(t)), []);
});

/** Whether a package's import in a declaration file resolves to types in a user's install: its own (`types`, `typings`
 * or index.d.ts) or @types/NAME among the dependencies (a devDependency is not installed for a user). */
function shipsTypes(name: string): boolean {
  if (`@types/${name.replace(/^@/, '').replace('/', '__')}` in pkg.dependencies) return true;
  const dir = join(root, 'node_modules', name);
  const own = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { types?: string; typings?: string; exports?: unknown };
  return own.types !== undefined || own.typings !== undefined || existsSync(join(dir, 'index.d.ts')) || JSON.stringify(own.exports ?? '').includes('"types"');
}

test('a TypeScript user\'s types: every package the public declarations reach has its types installed; the Redis queue\'s are not reached', () => {
  // the declaration files a user's tsc loads from `import ... from 'sacplate'`: package.json's types and what it imports
  const seen = new Set<string>(), bare = new Map<string, string>();
  const todo = [norm(pkg.exports['.']!.types!)];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const spec of specifiersOf(readFileSync(join(root, f), 'utf8'))) {
      if (spec.startsWith('.')) todo.push(posix.normalize(posix.join(posix.dirname(f), spec)).replace(/\.(c?)js$/, '.d.$1ts'));
      else if (!spec.startsWith('node:') && packageOf(spec) !== 'sacplate') bare.set(packageOf(spec), f);
    }
  }
  assert.ok(seen.size > 50, `only ${seen.size} declaration files reached from ${pkg.types}`);
  const untyped = [...bare].filter(([name]) => !shipsTypes(name)).map(([name, f]) => `${name} (${f})`);
  assert.deepEqual(untyped, [], 'imported by the public declarations without types in a user\'s install (a devDependency @types package?)');
  // ioredis 6.1's own declarations import redis-errors, which has none: a user's tsc with skipLibCheck false failed (TS7016)
  // in node_modules/ioredis only because sweep/library.d.ts took QueueProgress from queue.d.ts (branch pkg66)
  const queue = ['ioredis', 'bullmq'].filter((n) => bare.has(n)).map((n) => `${n} (${bare.get(n)})`);
  assert.deepEqual(queue, [], 'the Redis queue\'s packages reached by the public declarations');
});
