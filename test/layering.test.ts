/**
 * The library does not import the CLI: no file under src/ outside src/cli/ imports (statically,
 * by `export ... from` or by `import()`) a module under src/cli/. The CLI formats what the library
 * returns; library code that reached into src/cli/ (batch/ took the store check, the output-folder
 * guards and the compare table's CSV from there) loaded CLI code into a script's process and tied
 * the layers together. Reads the TypeScript sources (tests run from the repository root).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Every `from '...'` and `import('...')` specifier in a TypeScript text (comments are not code: dropped first). */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...code.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** The files under `src` outside `src/cli` that import a module under `src/cli`: "file -> specifier". */
function cliImports(src: string): string[] {
  const cli = resolve(src, 'cli') + sep;
  const out: string[] = [];
  for (const rel of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    const file = resolve(src, rel);
    if (!file.endsWith('.ts') || file.startsWith(cli)) continue;
    for (const s of specifiers(readFileSync(file, 'utf8'))) {
      if (s.startsWith('.') && (resolve(dirname(file), s) + sep).startsWith(cli)) out.push(`${relative(src, file)} -> ${s}`);
    }
  }
  return out.sort();
}

test('no file under src/ outside src/cli/ imports from src/cli/', () => {
  assert.deepEqual(cliImports(resolve('src')), []);
});

test('the check finds an import of src/cli/ in each form, and not one in a comment', () => {
  const root = mkdtempSync(join(tmpdir(), 'sacplate-layering-'));
  try {
    const src = join(root, 'src');
    for (const d of ['cli', 'batch', 'io']) mkdirSync(join(src, d), { recursive: true });
    writeFileSync(join(src, 'cli', 'guards.ts'), "import { x } from '../io/dirs.js';\n");
    writeFileSync(join(src, 'batch', 'a.ts'), "import { checkStore } from '../cli/guards.js';\n");
    writeFileSync(join(src, 'batch', 'b.ts'), "export { formatCompareTable } from '../cli/compare-table.js';\n");
    writeFileSync(join(src, 'batch', 'c.ts'), "const m = await import('../cli/run-report.js');\n");
    writeFileSync(join(src, 'io', 'd.ts'), "// the CLI prints it (see import x from '../cli/batch.js')\n/** from '../cli/batch.js' */\nimport { y } from './dirs.js';\n");
    writeFileSync(join(src, 'e.ts'), "import type { X } from './cli/main.js';\n");
    assert.deepEqual(cliImports(src), [
      `batch${sep}a.ts -> ../cli/guards.js`,
      `batch${sep}b.ts -> ../cli/compare-table.js`,
      `batch${sep}c.ts -> ../cli/run-report.js`,
      'e.ts -> ./cli/main.js',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
