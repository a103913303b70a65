/**
 * Rough edges a user met (session 24, task audit24): the library's spellings of the cycler choices,
 * a forced --format that does not fit the file, a cut first half read as a whole one, a plate-only
 * trace's cycle number, the library's errors naming CLI flags, and the screen refusal's hint. Each
 * test fails on the code before its fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFile, InputError } from '../src/index.js';
import { readCycler } from '../src/cycler/read.js';

const P = (f: string) => path.resolve('../shared/data/cycler', f);

test('library spellings: readCycler and analyzeFile take format, protocol and pair in any case, as the CLI does (they wanted exact lower case)', async () => {
  const t = await readCycler(P('neware_uio.csv'), { format: 'Neware' as 'neware' });
  assert.equal(t.format, 'neware');
  const { report } = await analyzeFile(P('neware_uio.csv'), { protocol: 'Fullcell' as 'fullcell', format: 'NEWARE' as 'neware', pair: 'Auto' as 'auto' });
  assert.equal(report.protocol, 'fullcell');
  assert.equal(report.format, 'neware');
  assert.ok(report.fullcell!.cycles.length > 0);
});

test('library spellings: an unknown choice is one InputError naming the option, the value and the choices (readCycler named --format; an array matched by its text)', async () => {
  await assert.rejects(readCycler(P('neware_uio.csv'), { format: 'newarez' as 'neware' }), (e: unknown) =>
    e instanceof InputError && e.field === 'format' && e.value === 'newarez' && /^one of mpt, btlab-csv, neware, .*generic$/.test(e.expected));
  await assert.rejects(analyzeFile(P('neware_uio.csv'), { protocol: 'half' as 'licu' }), (e: unknown) =>
    e instanceof InputError && e.field === 'protocol' && e.expected === 'one of symmetric, licu, aurbach, fullcell');
  await assert.rejects(analyzeFile(P('neware_uio.csv'), { protocol: ['licu'] as unknown as 'licu' }), (e: unknown) => e instanceof InputError && e.field === 'protocol');
  await assert.rejects(analyzeFile(P('neware_uio.csv'), { protocol: 'fullcell', pair: 'first' as 'auto' }), (e: unknown) =>
    e instanceof InputError && e.field === 'pair' && /^one of auto, /.test(e.expected));
});
