/**
 * Every relative link in README.md and docs/*.md points at a file that exists and, for a link into a
 * Markdown file, at a heading anchor that file has. The README's tables send a reader to docs
 * sections for the detail they leave out (readme3), so a renamed heading must not leave a dead link.
 * Anchors are computed as GitHub renders them (github-slugger: lower case, punctuation dropped,
 * spaces to hyphens, "-1", "-2" for repeats); links inside code spans and fenced blocks are not links.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** GitHub's anchor for a heading's text (rendered text: link targets and tags dropped first). */
function slug(heading: string): string {
  const text = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M}\- _]/gu, '').replace(/ /g, '-');
}

/** The lines of a Markdown text outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let fence: string | null = null;
  text.split('\n').forEach((line, i) => {
    const f = /^\s*(```+|~~~+)/.exec(line);
    if (f) {
      const mark = f[1]!.charAt(0);
      if (fence === null) fence = mark; else if (fence === mark) fence = null;
      return;
    }
    if (fence === null) out.push([i + 1, line]);
  });
  return out;
}

function anchorsOf(text: string): Set<string> {
  const set = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, line] of proseLines(text)) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const s = slug(h[1]!);
      const n = seen.get(s) ?? 0;
      seen.set(s, n + 1);
      set.add(n === 0 ? s : `${s}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) set.add(a[1]!);
  }
  return set;
}

/** Broken relative links of one Markdown file, as "file:line: what". */
function brokenLinks(file: string, read: (path: string) => string | undefined): string[] {
  const anchorCache = new Map<string, Set<string>>(); // the README links 698 times into docs/validation/
  const anchorsIn = (path: string, body: string): Set<string> => {
    let set = anchorCache.get(path);
    if (set === undefined) anchorCache.set(path, (set = anchorsOf(body)));
    return set;
  };
  const text = read(file);
  if (text === undefined) return [`${file}: not found`];
  const broken: string[] = [];
  for (const [n, line] of proseLines(text)) {
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      const hash = target.indexOf('#');
      const path = hash < 0 ? target : target.slice(0, hash);
      const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const into = path === '' ? file : join(dirname(file), decodeURIComponent(path));
      const body = into.endsWith('.md') ? read(into) : existsSync(into) ? '' : undefined;
      if (body === undefined) { broken.push(`${file}:${n}: no file ${target}`); continue; }
      if (anchor !== undefined && into.endsWith('.md') && !anchorsIn(into, body).has(anchor)) broken.push(`${file}:${n}: no heading #${anchor} in ${into}`);
    }
  }
  return broken;
}

const texts = new Map<string, string | undefined>();
const fromDisk = (path: string): string | undefined => {
  if (!texts.has(path)) texts.set(path, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  return texts.get(path);
};

test('docs links: anchors as GitHub makes them; a missing file or heading is reported', () => {
  assert.equal(slug('What it shows (`npm run validate -- sei-`, validation/results.json)'), 'what-it-shows-npm-run-validate----sei--validationresultsjson');
  assert.equal(slug('Issue 9 must show 7: chi and KPZ beta, measured for the README\'s table'), 'issue-9-must-show-7-chi-and-kpz-beta-measured-for-the-readmes-table');
  const files: Record<string, string> = {
    'R.md': '# Top\n## Top\n[ok](#top-1) [ok](d/x.md#hello-x-world-abc) `[code](#nope)`\n```\n[fenced](#nope)\n```\n[bad](#nope) [gone](d/y.md) [bad2](d/x.md#hello)\n',
    'd/x.md': '## Hello `x`, world (a/b.c)\n```yaml\n# not a heading\n```\n',
  };
  assert.deepEqual(brokenLinks('R.md', (p) => files[p]), ['R.md:7: no heading #nope in R.md', 'R.md:7: no file d/y.md', 'R.md:7: no heading #hello in d/x.md']);
});

// docsplit66: docs/validation/*.md (the validation's rows in full) and docs/history/*.md (the history's older entries)
// are checked too: a page moved into a folder keeps its links only if they were rewritten for it.
test('README.md and docs/**/*.md: every relative link resolves to a file and a heading', () => {
  const files = ['README.md', ...readdirSync(resolve('docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort().map((f) => join('docs', f))];
  assert.ok(files.some((f) => f.startsWith(join('docs', 'validation') + '/')), 'docs/validation/*.md checked');
  const broken = files.flatMap((f) => brokenLinks(f, fromDisk));
  assert.deepEqual(broken, []);
  const readmeLinks = (readFileSync('README.md', 'utf8').match(/\]\((?![a-z]+:)[^)\s]+\)/gi) ?? []).length;
  assert.ok(readmeLinks >= 40, `README.md has ${readmeLinks} relative links`);
});

// From review43 (session 40: a sodium user's review, docs/history.md); failed on the code before its fix.
test('every `sacplate <command>` README.md, docs/*.md (the histories aside) and the data folders\' notes name is a command of the CLI', async () => {
  const { execFileSync } = await import('node:child_process');
  const help = execFileSync(process.execPath, [resolve('bin/sacplate.js'), '--help'], { encoding: 'utf8' });
  const commands = new Set([...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!));
  assert.ok(commands.has('lit') && commands.has('screen'), [...commands].join(' '));
  const data = readdirSync(resolve('data')).flatMap((d) => { try { return readdirSync(resolve('data', d)).filter((f) => f.endsWith('.md')).map((f) => join('data', d, f)); } catch { return []; } });
  // the histories name what was, commands since renamed included
  const files = ['README.md', ...readdirSync(resolve('docs')).filter((f) => f.endsWith('.md') && !f.endsWith('history.md')).map((f) => join('docs', f)), ...data];
  assert.ok(data.includes(join('data', 'elements', 'SOURCES.md')), data.join(' '));
  // data/elements/SOURCES.md sent a reader to `sacplate evidence verify`, which is `sacplate lit verify`
  const unknown = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/`(?:npx )?sacplate ([a-z][a-z-]*)/g)].filter((m) => !commands.has(m[1]!)).map((m) => `${f}: sacplate ${m[1]}`));
  assert.deepEqual(unknown, []);
});

/** The pointers `README, "Heading"` or `docs/x.md, "Heading"` of a text (one line each) whose file has no heading that
 * starts with the quoted words (a heading may go on past them: "What the model reproduces" of "... of the review"). */
function stalePointers(text: string, read: (path: string) => string | undefined): string[] {
  const headings = (file: string) => (read(file) ?? '').split('\n').map((l) => /^#{1,6}\s+(.*?)\s*$/.exec(l)?.[1]).filter((h): h is string => h !== undefined);
  return [...text.matchAll(/\b(README|docs\/[\w-]+\.md), "([^"\n]+)"/g)].flatMap((m) => {
    const file = m[1] === 'README' ? 'README.md' : m[1]!;
    return headings(file).some((h) => h.startsWith(m[2]!)) ? [] : [`${file}, "${m[2]}"`];
  });
}
// readme82 (review82 finding 12): examples/standard-protocol-100nm.yaml and -50nm.yaml sent the reader to README,
// "Speed in a growing film, the standard protocol, two cores", a section the README no longer has (it is "Measured on
// this project's 2-core machine"); before the fix this printed both stale pointers.
test('readme82: every `README, "Heading"` or `docs/x.md, "Heading"` pointer in examples/ names a heading the file has', () => {
  const fromFile = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);
  const yamls = readdirSync(resolve('examples'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ya?ml|mjs)$/.test(f));
  const stale = yamls.flatMap((f) => stalePointers(readFileSync(join('examples', f), 'utf8'), fromFile).map((s) => `examples/${f}: ${s}`));
  assert.deepEqual(stale, []);
  assert.ok(yamls.length >= 15, `${yamls.length} example files`);
  // the rule can fail: a heading that is gone, in the README and in a docs page; a prefix of a heading is found
  const files: Record<string, string> = { 'README.md': '# x\n## Measured on this machine\n', 'docs/a.md': '## One (issue 1)\n' };
  assert.deepEqual(stalePointers('(README, "Speed in a film"; docs/a.md, "One"; docs/a.md, "Two") README, "Measured on"', (p) => files[p]), ['README.md, "Speed in a film"', 'docs/a.md, "Two"']);
});

/** Prose lines (headings, fenced code and "quoted words" aside) of a page that cite the README's validation table as
 * "the README table", "README validation table" or "README's validation table", as "file:line: the words". */
function readmeTableCitations(file: string, text: string): string[] {
  return proseLines(text).flatMap(([n, line]) => {
    if (/^#{1,6}\s/.test(line)) return [];
    const m = /\bREADME(?: validation)? table\b|\bREADME's validation table\b/i.exec(line.replace(/"[^"\n]*"/g, ''));
    return m ? [`${file}:${n}: ${m[0]}`] : [];
  });
}
// claimsref68 (session 68): since readme68 the README's validation table has one row per study and the claim rows, one
// line each, are docs/validation-claims.md; 10 places in docs/*.md still sent a reader to "the README table" (or "README
// validation table", "the README's validation table") for a claim row's figures (and others to "the validation table"). The histories keep their words; a page
// that means the README's own row per study says "the README's table" or names its section. Seen failing on main
// eb230b59's docs (those 10: docs/model.md:771 "README table", ...) before the pages were pointed at docs/validation-claims.md.
test('claimsref68: docs/*.md (the histories aside) send a reader to docs/validation-claims.md for a claim row\'s figures, not to "the README table"', () => {
  const files = readdirSync(resolve('docs')).filter((f) => f.endsWith('.md') && !f.endsWith('history.md')).sort().map((f) => join('docs', f));
  assert.ok(files.includes(join('docs', 'model.md')) && files.includes(join('docs', 'validation-claims.md')), files.join(' '));
  assert.deepEqual(files.flatMap((f) => readmeTableCitations(f, readFileSync(f, 'utf8'))), []);
  // the rule can fail; a heading, a quoted phrase and the README's own table ("the README's table") pass
  const page = '## The README\'s validation table\nstudies bv-asinh, README table; eta\nResults: README validation table.\n' +
    'a page that cited "the README table" means that page\nthe README\'s table has one row per study\n(the README\'s validation table)\n';
  assert.deepEqual(readmeTableCitations('x.md', page), ['x.md:2: README table', 'x.md:3: README validation table', 'x.md:6: README\'s validation table']);
});
