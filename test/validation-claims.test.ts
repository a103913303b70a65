/**
 * Rows that state no claim (ValidationEntry.claim false: a diagnostic, or a value reported whichever
 * way it comes out) must carry claim false in validation/results.json too, or the README table says
 * "yes" for them, which reads as a met claim. The rows in results.json come from earlier runs, so
 * each study with such rows exports `reportOnly` (a RegExp over its row ids) and this checks, without
 * running any study, that results.json marks exactly those rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidationEntry } from '../validation/types.js';

interface Recorded { id: string; entries: ValidationEntry[] }

test('validation/results.json: a row is claim false exactly when its study marks its id report-only', async () => {
  const studies = (JSON.parse(readFileSync(resolve('validation/results.json'), 'utf8')) as { studies: Recorded[] }).studies;
  let marked = 0, withPredicate = 0;
  for (const s of studies) {
    const file = resolve('dist', 'validation', 'studies', `${s.id}.js`);
    const reportOnly = existsSync(file) ? ((await import(pathToFileURL(file).href)) as { reportOnly?: RegExp }).reportOnly : undefined;
    if (reportOnly) withPredicate++;
    for (const e of s.entries) {
      const expected = reportOnly !== undefined && reportOnly.test(e.id);
      assert.equal(e.claim === false, expected, `${s.id}: row ${e.id} has claim ${String(e.claim)}, its study ${expected ? 'marks it report-only' : 'states a claim for it'}`);
      if (expected) marked++;
    }
  }
  // the studies named in review17 (nucleation-acceleration, -capture, -capture-returns, the three box-poisson
  // studies, sei-dead-cold, sei-dead-metal, sei-sac, sei-sac-symmetric) have report-only rows in the file
  assert.ok(withPredicate >= 10, `${withPredicate} studies export reportOnly`);
  assert.ok(marked >= 20, `${marked} rows marked report-only`);
});
