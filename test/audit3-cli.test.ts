/**
 * Third audit (new user: README from the top, run-file mistakes, output files, parser errors,
 * no-dip readings): each test fails on the code before its fix. Small, temporary directories only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve('bin/sacplate.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit3-'));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8' });

test('a parser error (unknown option, missing argument, unknown command) is one line with a hint to --help, not the usage text', () => {
  const cases: [string[], RegExp][] = [
    [['simulate', 'x.yaml', '--bogus'], /^sacplate: unknown option '--bogus' \(see sacplate simulate --help\)$/],
    [['simulate'], /^sacplate: missing required argument 'file' \(see sacplate simulate --help\)$/],
    [['simulat', 'x.yaml'], /^sacplate: unknown command 'simulat'.*\(see sacplate --help\)$/],
    [['lit', 'list', '--sort'], /^sacplate: option '--sort <.*>' argument missing \(see sacplate lit list --help\)$/],
    [['nucleation', '--bogus'], /^sacplate: unknown option '--bogus' \(see sacplate nucleation --help\)$/],
  ];
  for (const [args, re] of cases) {
    const r = run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(lines[0]!, re);
  }
  // --help itself still prints the usage, exit 0
  const h = run('simulate', '--help');
  assert.equal(h.status, 0);
  assert.match(h.stdout, /Usage: sacplate simulate/);
});
