/**
 * The long physics tests (each one to several minutes on 2 cores) that `npm test` skips to stay
 * under five minutes, and two v1 trend tests that physics v2 no longer passes (kept as results): they run here with SACPLATE_FULL_VALIDATION=1, one entry per test, pass or
 * fail as node:test reports it. Their claims and tolerances are in the test files themselves.
 */
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const here = dirname(fileURLToPath(import.meta.url));
const testDir = join(here, '..', '..', 'test');
const FILES: [file: string, pattern: string, source: string][] = [
  ['engine.test.js', 'SAC trend', 'review section 3 (SACs lower the nucleation barrier); MODEL.md 9'],
  ['validation-na-hosts.test.js', 'Na hosts(:|, 32 x 32)', 'review ref 70: Na on carbon cloth 9 mV, with Zn single atoms 0 mV'],
  ['validation-damkohler.test.js', 'morphology competition', 'MODEL.md 6; Hao, Verma and Mukherjee, ACS AMI 10, 26320 (2018)'],
  ['validation-temperature.test.js', 'temperature', 'issue 2 must show 6 (colder deposits are rougher)'],
];

export const study: ValidationStudy = {
  id: 'long-tests',
  title: 'Long physics tests skipped by npm test (SACPLATE_FULL_VALIDATION=1)',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    for (const [file, pattern, source] of FILES) {
      const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', `--test-name-pattern=${pattern}`, join(testDir, file)], {
        encoding: 'utf8', env: { ...process.env, SACPLATE_FULL_VALIDATION: '1' }, maxBuffer: 64 << 20,
      });
      const lines = r.stdout.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const m = /^(not ok|ok) \d+ - (.*?)(\s+# SKIP.*)?$/.exec(lines[i]!);
        if (!m || m[3]) continue;
        const diag = lines.slice(Math.max(0, i - 6), i).filter((l) => l.startsWith('# ') && !l.startsWith('# Subtest')).map((l) => l.slice(2)).join('; ');
        const dur = lines.slice(i, i + 4).map((l) => /duration_ms: ([\d.]+)/.exec(l)?.[1]).find(Boolean);
        out.push({
          id: `${file.replace('.test.js', '')}: ${m[2]!.slice(0, 60)}`, quantity: m[2]!, published: 'the test\'s stated claim', source,
          measured: m[1] === 'ok' ? 1 : 0, unit: 'pass (1) / fail (0)', runs: `${file}, ${dur ? (Number(dur) / 1000).toFixed(0) + ' s' : ''}`,
          pass: m[1] === 'ok', note: diag.slice(0, 400) || '-',
        });
      }
    }
    return out;
  },
};
