/**
 * What the store and evidence commands print with: a line to stdout or stderr, a padded text table, a number to 4
 * significant digits and the --format check. Shared by actions/evidence.ts and actions/runs.ts (one copy; it was
 * in evidence.ts, which `runs list` loaded with the literature's modules and zod).
 */
import { InputError } from '../../errors.js';

export const out = (s: string): void => { process.stdout.write(s.endsWith('\n') ? s : s + '\n'); };
export const err = (s: string): void => { process.stderr.write(s.endsWith('\n') ? s : s + '\n'); };

export function table(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(w[i]!)).join('  ').trimEnd();
  return [line(header), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

export const fmtNum = (v: number | undefined | null, digits = 4) => (v === undefined || v === null ? '' : String(Number(v.toPrecision(digits))));

export function checkFormat(fmt: string, allowed: string[]): string {
  if (!allowed.includes(fmt)) throw new InputError('--format', fmt, allowed.join(' | '));
  return fmt;
}
