/**
 * The CLI (or another script of the build) run as an unprivileged user, so that file modes are obeyed: as root (CI, the
 * helpers' machines) a read-only store, folder or file never refuses a write, and every permission check passes
 * unseen (robust63). Under root the child is spawned through `setpriv` as uid/gid 65534 (nobody) with no extra groups;
 * under any other user it runs as that user (whose writes the modes already stop). It runs from a copy of the built
 * package made in a temporary folder that user can read (dist/src, dist/validation, dist/data, bin, data, package.json;
 * node_modules linked when that user can reach it, else its files hard-linked into folders of the copy's), so that a
 * checkout under a private home works too.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = process.getuid?.() === 0;
export const NOBODY = 65534;

/** Why permission tests cannot run here (no setpriv under root), else undefined. */
export function cannotRunAsNobody(): string | undefined {
  if (!ROOT) return undefined;
  const r = spawnSync('setpriv', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? 'setpriv (util-linux) is not installed: a permission test run as root would pass any mode' : undefined;
}

/** The command line that runs `argv` (argv[0] a program) as the unprivileged user. */
function asUser(argv: string[]): [string, string[]] {
  return ROOT ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', ...argv]] : [argv[0]!, argv.slice(1)];
}

/** Makes `path` readable and searchable by everyone (a+rX), recursively. */
function openUp(path: string): void {
  spawnSync('chmod', ['-R', 'a+rX', path]);
}

/**
 * `from`'s tree (node_modules) for the user under `to`: folders of its own (mode 0755), each file hard-linked to the
 * original's inode (the same bytes and mode; nothing copied), a symbolic link followed as a copy would (the file or folder
 * it names). A file is copied (and made a+rX) where a link would not do: the user could not read it or run it (a link
 * keeps the original's mode, and a chmod on a link is a chmod of the original), or another file system (EXDEV). The copy
 * this replaces (cpSync, 296 MB of node_modules, then chmod -R a+rX) cost about 3 CPU s and more in wall time a file
 * (testtrim64).
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to);
  chmodSync(to, 0o755);
  for (const e of readdirSync(from, { withFileTypes: true })) {
    let src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isSymbolicLink()) src = realpathSync(src);
    if (e.isSymbolicLink() ? statSync(src).isDirectory() : e.isDirectory()) { linkTree(src, dst); continue; }
    const mode = statSync(src).mode & 0o777;
    // readable by others, and runnable by them when runnable at all (a+rX would have added nothing)
    if ((mode & 0o004) !== 0 && ((mode & 0o100) === 0 || (mode & 0o001) !== 0)) {
      try { linkSync(src, dst); continue; } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err; }
    }
    copyFileSync(src, dst);
    chmodSync(dst, mode | 0o444 | ((mode & 0o111) !== 0 ? 0o111 : 0));
  }
}

export interface NobodyPackage {
  /** the copy's root: <root>/bin/sacplate.js, <root>/dist/..., writable by root only */
  root: string;
  /** a folder of the test's own under the copy's temporary folder, mode 0777 (the user writes there; its own files are the user's) */
  scratch(name: string): string;
  /** `sacplate ARGS` as the user, from `cwd` (default the scratch root), HOME set to a folder the user can write */
  cli(args: string[], o?: { cwd?: string; env?: Record<string, string> }): SpawnSyncReturns<string>;
  /** `sacplate ARGS` as the user, not waited for (a server): its stdout and stderr piped */
  start(args: string[], o?: { cwd?: string; env?: Record<string, string> }): ChildProcess;
  /** removes the copy and everything written under its temporary folder */
  remove(): void;
  /** `node FILE ARGS` as the user (FILE relative to the copy's root), e.g. dist/validation/run.js */
  node(file: string, args: string[], o?: { cwd?: string; env?: Record<string, string> }): SpawnSyncReturns<string>;
}

/**
 * A copy of this build for the unprivileged user; the caller removes it (remove(), e.g. in the test file's `after`). Make
 * it inside a test, after cannotRunAsNobody() said nothing.
 */
export function nobodyPackage(name: string): NobodyPackage {
  const top = mkdtempSync(join(tmpdir(), `sacplate-${name}-`));
  chmodSync(top, 0o755);
  const root = join(top, 'pkg');
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const d of ['src', 'validation', 'data']) if (existsSync(join('dist', d))) cpSync(join('dist', d), join(root, 'dist', d), { recursive: true });
  for (const d of ['bin', 'data']) cpSync(d, join(root, d), { recursive: true });
  cpSync('package.json', join(root, 'package.json'));
  const modules = realpathSync('node_modules');
  symlinkSync(modules, join(root, 'node_modules'), 'dir');
  openUp(root);
  const home = join(top, 'home');
  mkdirSync(home);
  chmodSync(home, 0o777);
  const base = { HOME: home, SACPLATE_DB: join(home, 'sacplate.db') };
  const envOf = (o: { env?: Record<string, string> }) => {
    const env: Record<string, string | undefined> = { ...process.env, ...base, ...o.env };
    delete env.NODE_OPTIONS; // the test runner's own options (its loaders) are not the user's
    return env;
  };
  const spawnAs = (argv: string[], o: { cwd?: string; env?: Record<string, string> } = {}) => {
    const [cmd, args] = asUser(argv);
    return spawnSync(cmd, args, { cwd: o.cwd ?? top, env: envOf(o), encoding: 'utf8', timeout: 60_000 });
  };
  // the linked node_modules is of no use when the user cannot reach it (a checkout under a private home): copied then
  const probe = spawnAs([process.execPath, '-e', `import('yaml').then(() => process.exit(0), () => process.exit(3))`], { cwd: root });
  if (probe.status !== 0) {
    rmSync(join(root, 'node_modules'));
    linkTree(modules, join(root, 'node_modules'));
  }
  writeFileSync(join(top, '.keep'), '');
  return {
    root,
    scratch(n: string) {
      const d = join(top, n);
      mkdirSync(d, { recursive: true });
      chmodSync(d, 0o777);
      return d;
    },
    // the linked node_modules first: a chmod there would be the originals' (its own folders are this user's, 0755)
    remove() { rmSync(join(root, 'node_modules'), { recursive: true, force: true }); spawnSync('chmod', ['-R', 'u+rwX', top]); rmSync(top, { recursive: true, force: true }); },
    start(args, o = {}) {
      const [cmd, argv] = asUser([process.execPath, join(root, 'bin', 'sacplate.js'), ...args]);
      return spawn(cmd, argv, { cwd: o.cwd ?? top, env: envOf(o), stdio: ['ignore', 'pipe', 'pipe'] });
    },
    cli: (args, o) => spawnAs([process.execPath, join(root, 'bin', 'sacplate.js'), ...args], o),
    node: (file, args, o) => spawnAs([process.execPath, resolve(root, file), ...args], o),
  };
}
