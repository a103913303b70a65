/**
 * A Python that has the readers users open sacplate's files with (ASE, VTK), for the tests that read
 * the outputs with them. Debian's /usr/bin/python3 is asked first (python3-ase, python3-vtk9:
 * `.ci/run` installs them), then `python3` on the PATH (on this machine a pyenv shim without them).
 * The probe asks importlib where the modules are without importing them (about 30 ms a Python, where
 * importing ase and vtk costs about 1 s), so a test file pays for the real imports once.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/bin/python3', 'python3'];

/** The first candidate Python that has every module of `modules`, or why there is none (a skip reason). */
export function findPython(modules: readonly string[]): { python: string } | { skip: string } {
  const probe = 'import importlib.util as u, sys\nsys.exit(0 if all(u.find_spec(m) for m in sys.argv[1:]) else 3)';
  for (const python of CANDIDATES) {
    const r = spawnSync(python, ['-c', probe, ...modules], { stdio: 'ignore', timeout: 20_000 });
    if (r.status === 0) return { python };
  }
  return { skip: `no Python with ${modules.join(', ')} (tried ${CANDIDATES.join(', ')}; Debian: apt-get install python3-ase python3-vtk9)` };
}

/** test/helpers/<name> in the source tree (the .py files are not compiled into dist/) */
export function helperScript(name: string): string {
  return fileURLToPath(new URL(`../../../test/helpers/${name}`, import.meta.url));
}

/**
 * Runs `script` (a file) with `args` in `python` and parses what it prints as JSON. A non-zero
 * exit throws with the script's stderr.
 */
export function runPythonJson<T>(python: string, script: string, args: readonly string[]): T {
  const r = spawnSync(python, [script, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${python} ${script} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
