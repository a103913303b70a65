/**
 * The docs' figure triples "x [lo, hi]" against validation/results.json: the rule of test/docs-claims.test.ts (audit35,
 * review72), moved here by branch briefcheck (session 61) so that the README's lists, the claims tables and
 * docs/cycling.md's "In brief" and "SAC vs bare host" prose are read by one code.
 *
 * audit35 (session 43): after dlfast's rerun of issue 10's studies, figures of older builds were left in the README's
 * issue-10 items and docs/cycling.md's issue-10 table beside the new ones without a word of which build ("+8.69
 * [8.48, 8.90]" beside 10.2's 8.58; the sei-dead-metal rows of session 6, "-0.54 [-0.84, -0.24] ... resolved" where
 * the record reads -0.04 [-0.60, +0.52], not resolved). Every "value [lo, hi]" these give must be an entry of
 * validation/results.json at the decimals shown, unless its clause names the older build it came from; a row's
 * "yes" / "no" must be that entry's `pass`.
 * review72: "session N" named an older build for any N but 43 (audit35's session), so a clause with today's "session 48"
 * beside a current figure (sac-transport's +1.1 nm in the README) was never checked; sessions 43-49 no longer exempt a
 * clause by themselves, the builds before saltneg's are named instead (fieldresid, fieldclock; halo7's branch).
 */
import { readFileSync } from 'node:fs';
import type { StudyResult } from '../../validation/table.js';

export const OLDER_BUILD = /stripfix|before|session (?:[1-9]|[1-3][0-9]|4[0-2])\b|\bwas\b|e236aa9|84d70ee|60ba00d|3f6d7a7e|20ab2c8|6a7bbb3|earlier|fieldresid|fieldclock|halo\d/;
export const TRIPLE = /([+-]?\d+(?:\.\d+)?)(?: points| %| mV| voxels per run| nm rms| nm)? \[([+-]?\d+(?:\.\d+)?), ([+-]?\d+(?:\.\d+)?)\]/g;
/** An entry of the record with the id of the study it belongs to. */
export type Entry = StudyResult['entries'][number] & { study: string };

/** The studies of validation/results.json. */
export function recordStudies(): StudyResult[] {
  return (JSON.parse(readFileSync('validation/results.json', 'utf8')) as { studies: StudyResult[] }).studies;
}
/** mends63 (session 63): the ids of the given studies a text names, each whole (not a part of a longer id:
 * "sei-dead-metal" is not named by "sei-dead-metal-fine"); the patterns compiled once. */
export function studyNamer(ids: readonly string[]): (text: string) => string[] {
  const res = ids.map((id) => [id, new RegExp(`(?<![\\w-])${id.replace(/-/g, '\\-')}(?![\\w-])`)] as const);
  return (text) => res.filter(([id, re]) => text.includes(id) && re.test(text)).map(([id]) => id);
}
/** mends63 (session 63): the clauses of a row's text (split at parentheses and semicolons, as currentTriples splits)
 * with the studies other than the row's own (`own`) each names: a "x [lo, hi]" in a clause that names another study
 * is a quote of that study's record (test/validation-claims.test.ts holds such quotes to it). */
export function quotingClauses(text: string, own: string, named: (text: string) => string[]): { clause: string; others: string[] }[] {
  return text.split(/[();]/).map((clause) => ({ clause, others: named(clause).filter((id) => id !== own) }));
}
/** Every entry of validation/results.json, and each "value [lo, hi]" its note gives (e.g. an area difference beside a
 * CE difference), as an entry of its own with the same id and pass. mends63b (session 63): not a figure the note quotes
 * from another study's record (in a clause naming that study, quotingClauses): it is no row of the note's own study,
 * and under that study's name a doc would pass with another's figure (sei-dead-ed010-fine's notes quote
 * sei-dead-ed010-powered's -0.499 [-0.571, -0.427]). */
export function recordEntries(studies = recordStudies()): Entry[] {
  const named = studyNamer(studies.map((s) => s.id));
  const entries = studies.flatMap((s) => s.entries.map((e) => ({ ...e, study: s.id })));
  const own = (e: Entry) => quotingClauses(e.note, e.study, named).filter((c) => !c.others.length).map((c) => c.clause);
  return [...entries, ...entries.flatMap((e) => own(e).flatMap((clause) => [...clause.matchAll(TRIPLE)]).map((m) => ({ ...e, measured: Number(m[1]), interval: [Number(m[2]), Number(m[3])] as [number, number] })))];
}
/** Does a figure written with its decimals ("-0.007", "14.4") round from x? */
export const shows = (written: string, x: number): boolean => {
  const d = (written.split('.')[1] ?? '').length;
  return Math.abs(Number(written) - x) <= 0.5 * 10 ** -d + 1e-9;
};
/** The triples of a text outside clauses (split at parentheses and semicolons) that name an older build, each with the
 * entries it matches. */
export function currentTriples(text: string, entries: Entry[]): { triple: string; matches: Entry[] }[] {
  return text.split(/[();]/).filter((clause) => !OLDER_BUILD.test(clause)).flatMap((clause) =>
    [...clause.matchAll(TRIPLE)].map((m) => ({
      triple: m[0],
      matches: entries.filter((e) => e.interval && shows(m[1]!, e.measured) && shows(m[2]!, e.interval[0]) && shows(m[3]!, e.interval[1])),
    })));
}

/** A sentence about an example's runs (not rows of the record): it names the run that measured them (exdocs60) or "the
 * example's" table, box or runs, and names no study. */
export const EXAMPLE_RUN = /\bexdocs\d+[a-z]?\b|\bthe example's\b/;
const INTERVAL = /\[([+-]?\d+(?:\.\d+)?), ([+-]?\d+(?:\.\d+)?)\]/g;

/**
 * briefcheck (session 61): the problems of a prose list of "- " bullets whose figures are today's results (e.g.
 * docs/cycling.md's "In brief"): every triple "x [lo, hi]" must be a row of validation/results.json at the decimals
 * shown, of a study its sentence names (if it names none, of a study its bullet names; if neither does, any row),
 * unless its clause names an older build (OLDER_BUILD) or its sentence is about an example's runs (EXAMPLE_RUN, naming
 * no study); every "[lo, hi]" of a checked sentence must belong to a triple the rule reads (no unit it does not know).
 * Returns the problems, one line each, and how many triples were checked and exempted.
 */
export function proseTripleProblems(text: string, entries: Entry[], studyIds: string[]): { problems: string[]; checked: number; exempt: number } {
  const named = (s: string) => studyIds.filter((id) => new RegExp(`(?<![\\w-])${id.replace(/[-]/g, '\\-')}(?![\\w-])`).test(s));
  const problems: string[] = [];
  let checked = 0, exempt = 0;
  for (const bullet of text.split(/\n(?=- )/).map((b) => b.replace(/\s+/g, ' ').trim())) {
    const inBullet = named(bullet);
    for (const sentence of bullet.split(/(?<=\.)\s+(?=[A-Z[`*])/)) {
      const inSentence = named(sentence);
      const all = [...sentence.matchAll(TRIPLE)].length;
      if (EXAMPLE_RUN.test(sentence) && !inSentence.length) { exempt += all; continue; }
      const intervals = [...sentence.matchAll(INTERVAL)].length;
      if (intervals !== all) problems.push(`${intervals - all} interval(s) "[lo, hi]" with no figure the rule reads (a unit TRIPLE does not know?): ${sentence.slice(0, 100)}`);
      const current = currentTriples(sentence, entries);
      exempt += all - current.length;
      const studies = inSentence.length ? inSentence : inBullet;
      for (const { triple, matches } of current) {
        checked++;
        if (studies.length && matches.some((e) => studies.includes(e.study))) continue;
        if (!studies.length && matches.length) continue;
        const elsewhere = [...new Set(matches.map((e) => e.study))];
        problems.push(`"${triple}" is in no row of ${studies.length ? `study ${studies.join(', ')}` : 'validation/results.json'}${elsewhere.length ? ` (it is in ${elsewhere.join(', ')})` : ''}: ${sentence.slice(0, 100)}`);
      }
    }
  }
  return { problems, checked, exempt };
}
