/**
 * The `test('...')` titles of test/*.test.ts here against those of another commit, as multisets: a test-time round
 * (docs/speed-history.md) that regroups or trims tests must keep every test. Prints the counts and every title found
 * on one side only (or more often on one side), exit 1 when they differ.
 *   node dist/bench/test-titles.js [--ref <commit>]   (default: where this branch left main, git merge-base HEAD main)
 * Titles are read from the source text (a test( call's first argument, a string in '...', "..." or `...`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { arg, checkArgs } from './args.js';

const USAGE = 'node dist/bench/test-titles.js [--ref <commit>]\n  the test(\'...\') titles of test/*.test.ts here and at --ref (default: git merge-base HEAD main), compared as multisets\n';
checkArgs('test-titles', USAGE, [], ['--ref']);
const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8', maxBuffer: 1 << 28 });
const ref = arg('ref') ?? git('merge-base', 'HEAD', 'main').trim();

/** the titles of one file's text, in order */
export function titles(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\btest\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) out.push(m[2]!);
  return out;
}

const count = (all: string[]) => all.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());
const isTest = (f: string) => /^test\/[^/]+\.test\.ts$/.test(f);

const here = readdirSync('test').map((f) => `test/${f}`).filter(isTest).flatMap((f) => titles(readFileSync(f, 'utf8')));
const there = git('ls-tree', '--name-only', ref, 'test/').split('\n').filter(isTest).flatMap((f) => titles(git('show', `${ref}:${f}`)));
const [a, b] = [count(there), count(here)];
const diff: string[] = [];
for (const t of new Set([...a.keys(), ...b.keys()])) if ((a.get(t) ?? 0) !== (b.get(t) ?? 0)) diff.push(`  ${a.get(t) ?? 0} at ${ref}, ${b.get(t) ?? 0} here: ${t}`);
process.stdout.write(`${there.length} titles at ${ref}, ${here.length} here (${join(process.cwd(), 'test')}); ${diff.length === 0 ? 'the same multiset' : `${diff.length} differ:\n${diff.join('\n')}`}\n`);
process.exit(diff.length === 0 ? 0 : 1);
