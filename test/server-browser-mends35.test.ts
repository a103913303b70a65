/**
 * Session 30, task mends35: three things audit31 left on the workbench's pages, in a real browser
 * (playwright-core driving Debian's chromium, as test/server-browser.test.ts), each test failing on
 * the code before its fix. (1) A run cancelled while still queued had its Resume button disabled and
 * nothing else to press: the button now reads Start and starts it from the beginning. (3) The Cycler
 * page's area check said "the area query parameter (e.g. ?area=1.13%20cm2)" to a user with an area
 * box: it names the box. (5) The Sweeps page showed a 298.15 K axis as 298.1 (four significant
 * figures): the values the user gave are shown as given. Task mends36: on the Compare page a run cancelled
 * while queued cannot be ticked (it has only its identity), and the Cycler page's protocol check names the
 * protocol box, not the API's protocol=fullcell. Skipped (with the reason) when no chromium is found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { browserSkip, useWorkbench, CYCLER_FILE, dropOnCyclerPage } from './helpers/browser.js';
import { runSweep } from '../src/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const UIO_FILE = join(ROOT, '..', 'shared', 'data', 'cycler', 'neware_uio.csv');
const skip = browserSkip;
// a 0.30 eV terrace hop (the default 0.10 eV until branch testtime7): the runs carry a queue slot, a
// Start button and a sweep's axis values through: seed 4 at 25 degC is 1,068 events and 336 first-passage
// exits instead of 235,427 events and 770,269 exits (2.8 s of run)
const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 4 };

const wb = useWorkbench({ tmpPrefix: 'sacplate-browser-mends35-' });

test('run page: a run cancelled while still queued offers Start, which runs it from the beginning', { skip, timeout: 60000 }, async () => {
  const { page, url, service } = wb;
  const first = service.start(INPUT, 'ahead');
  const queued = service.start(INPUT, 'cancelled-in-queue');
  assert.equal(service.status(queued.id)!.status, 'queued');
  service.cancel(queued.id);
  service.cancel(first.id); // it only held the queue
  await service.wait(first.id);
  await page.goto('about:blank');
  await page.goto(url + '#/run');
  await page.waitForSelector(`a[data-run="${queued.id}"]`);
  await page.click(`a[data-run="${queued.id}"]`);
  await page.waitForFunction(() => document.querySelector('#run-status')?.getAttribute('data-status') === 'cancelled', null, { timeout: 10000 });
  await page.waitForSelector('#resume:not([disabled])', { timeout: 5000 });
  assert.equal(await page.$eval('#resume', (e) => e.textContent), 'Start');
  await page.click('#resume');
  await page.waitForFunction(() => document.querySelector('#run-status')?.getAttribute('data-status') === 'finished', null, { timeout: 45000 });
  assert.equal(service.status(queued.id)!.status, 'finished');
});

test('compare page: a run cancelled while still queued cannot be ticked, and its row says why (mends36)', { skip, timeout: 60000 }, async () => {
  const { page, url, service } = wb;
  const first = service.start(INPUT, 'ahead-again');
  const queued = service.start(INPUT, 'never-ran');
  service.cancel(queued.id);
  service.cancel(first.id);
  await service.wait(first.id);
  assert.equal(service.status(queued.id)!.never_started, true);
  await page.goto('about:blank');
  await page.goto(url + '#/compare');
  await page.waitForSelector(`input[name=pick][value="${queued.id}"]`);
  const row = await page.$eval(`input[name=pick][value="${queued.id}"]`, (cb) => ({
    disabled: (cb as HTMLInputElement).disabled, title: cb.getAttribute('title') ?? '',
    cells: [...cb.closest('tr')!.querySelectorAll('td')].map((td) => td.textContent ?? ''),
  }));
  assert.equal(row.disabled, true);
  assert.match(row.title, /^cancelled before it started: nothing to compare/);
  assert.ok(row.cells.includes('cancelled before it started'), row.cells.join(' | '));
  // the run cancelled while it ran (the part it ran) can still be ticked
  assert.equal(await page.$eval(`input[name=pick][value="${first.id}"]`, (cb) => (cb as HTMLInputElement).disabled), false);
});

test('cycler page: the area check names the page\'s area box, not the API\'s query parameter', { skip: skip || (existsSync(CYCLER_FILE) ? false : `no ${CYCLER_FILE}`) }, async () => {
  const { page, url } = wb;
  await dropOnCyclerPage(page, url, CYCLER_FILE);
  const area = await page.$$eval('#cycler-checks tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')).find((c) => c[1] === 'area'));
  assert.ok(area, 'an area check');
  assert.match(area[2]!, /per-area figures need the electrode area: type it in the area box \(e\.g\. 1\.13 cm2\)$/);
  assert.doesNotMatch(await page.$eval('#cycler-checks', (e) => e.textContent ?? ''), /query parameter/);
});

test('cycler page: the protocol check names the page\'s protocol box, not the API\'s protocol=fullcell (mends36)', { skip: skip || (existsSync(UIO_FILE) ? false : `no ${UIO_FILE}`) }, async () => {
  const { page, url } = wb;
  // neware_uio.csv, an electrode against Li (2.92 V at rest), read as a symmetric cell: the check says fullcell fits it
  await page.goto('about:blank');
  await dropOnCyclerPage(page, url, UIO_FILE, 'symmetric');
  const check = await page.$$eval('#cycler-checks tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')).find((c) => c[1] === 'protocol'));
  assert.ok(check, 'a protocol check');
  assert.match(check[2]!, /^not a symmetric cell's voltages: .*; fullcell in the protocol box fits it: /);
  assert.doesNotMatch(check[2]!, /protocol=|--protocol/);
});

test('sweeps page: a temperature axis of 298.15 K is shown as given, not as 298.1', { skip, timeout: 60000 }, async () => {
  const { page, url, db } = wb;
  await runSweep({ name: 'given-digits', base: INPUT, axes: { temperature: ['298.15 K', '310 K'] } }, { db });
  await page.goto('about:blank');
  await page.goto(url + '#/sweeps');
  await page.waitForSelector('[data-sweep="given-digits"] table');
  const t = await page.$eval('[data-sweep="given-digits"] table', (tb) => ({
    head: [...tb.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...tb.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  }));
  const col = t.head.indexOf('temperature_K');
  assert.ok(col >= 0, t.head.join(', '));
  assert.deepEqual(t.rows.map((r) => r[col]).sort(), ['298.15', '310']);
});
