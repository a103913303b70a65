/**
 * What a first-time user meets on the workbench's pages, in a real browser (playwright-core driving Debian's
 * chromium, as test/server-browser.test.ts), one workbench for the file: the run form's maps and number boxes, the
 * run page's warnings and Start buttons, the Nucleation page's settings, the Cycler page's area and protocol checks,
 * the Compare page's cancelled runs and chance levels, the Sweeps page's axis values. Skipped (with the reason) when
 * no chromium is found.
 *
 * Moved here from test/server-browser-audit31.test.ts and test/server-browser-mends35.test.ts (branch testsort;
 * docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told in
 * docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36') refers to
 * that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Response } from 'playwright-core';
import { browserSkip, useWorkbench, CYCLER_FILE, dropOnCyclerPage } from './helpers/browser.js';
import { runSweep } from '../src/index.js';

const skip = browserSkip;
const wb = useWorkbench({ tmpPrefix: 'sacplate-server-browser-pages-' });

/**
 * Types into a run-form field and waits for the server's answer about the whole form (POST /api/validate), then for
 * the line the page writes from it (its text node is replaced even when the words are the same: a fixed 50 ms pause
 * until branch testtime9).
 */
async function formLine(name: string, value: string): Promise<string> {
  const { page } = wb;
  await page.$eval('#form-error', (m) => {
    (window as unknown as { lineWritten: Promise<void> }).lineWritten = new Promise<void>((done) => {
      const seen = new MutationObserver(() => { seen.disconnect(); done(); });
      seen.observe(m, { childList: true, characterData: true, subtree: true });
    });
  });
  const checked = page.waitForResponse((r) => r.url().includes('/api/validate'), { timeout: 5000 });
  await page.fill(`[name="${name}"]`, value);
  await page.dispatchEvent(`[name="${name}"]`, 'input');
  await checked;
  await page.evaluate(() => (window as unknown as { lineWritten: Promise<void> }).lineWritten);
  return page.$eval('#form-error', (m) => m.textContent ?? '');
}

const ROOT = resolve(import.meta.dirname, '..', '..');
const UIO_FILE = join(ROOT, '..', 'shared', 'data', 'cycler', 'neware_uio.csv');

// a 0.30 eV terrace hop (the default 0.10 eV until branch testtime7): the runs carry a queue slot, a
// Start button and a sweep's axis values through: seed 4 at 25 degC is 1,068 events and 336 first-passage
// exits instead of 235,427 events and 770,269 exits (2.8 s of run)
const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 4 };

test('run form: a map typed as JSON goes as a map (electrolyte, sei, parameters), text in a number box is named, not dropped', { skip }, async () => {
  const { page, url } = wb;
  await page.goto(url + '#/run');
  await page.waitForSelector('#start');
  await page.waitForFunction(() => /^valid/.test(document.querySelector('#form-error')?.textContent ?? ''));
  assert.equal(await formLine('seed', 'abc'), 'seed: got "abc", expected a non-negative integer up to 2^53 - 1 = 9007199254740991');
  assert.equal(await formLine('lattice.size[0]', '1-2'), 'lattice.size[0]: got "1-2", expected an integer >= 4 (up to 65536)');
  await formLine('lattice.size[0]', '16');
  assert.match(await formLine('seed', '7'), /^valid: mesoscale mode, 3072 voxels$/);
  assert.match(await formLine('electrolyte', '{"concentration": "1 M", "diffusivity": "3e-6 cm2/s", "transference": 0.38, "conductivity": "10 mS/cm"}'), /^valid/);
  assert.equal(await formLine('electrolyte', '{"concentration": "-1 M"}'), 'electrolyte.concentration: got "-1 M", expected a salt concentration from 0.001 to 10 M, e.g. "1 M"');
  await formLine('electrolyte', '');
  // parameters and sei: JSON boxes in the advanced fold (they were text boxes)
  await page.click('summary:has-text("advanced: parameter sets and SEI")');
  assert.equal(await page.$eval('[name="sei"]', (e) => e.tagName), 'TEXTAREA');
  assert.match(await formLine('sei', '{"set": "carbonate"}'), /^valid/);
  await formLine('sei', '');
  assert.equal(await formLine('parameters', '{"a": 1}'), 'parameters.a: got 1, expected no such key; allowed keys: metals, hosts, sacs, bindingScale');
  await formLine('parameters', '');
});

test('run page: a run whose plating stopped at the top of the box shows the CLI\'s warning, not only "finished"; the header\'s counts follow', { skip, timeout: 60000 }, async () => {
  const { page, url } = wb;
  // a 0.15 eV terrace hop (the default 0.10 eV until branch testtime9): seed 1 fills the box in 214,053 events and
  // 150,303 first-passage exits (164 voxels), about half the CPU of the default hop's 1.06 million events; the page
  // must still load while the run runs, which the header's first answer below checks (it was taken on trust)
  const input = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.15 eV' }, protocol: ['Plate 1e9 mAh/cm2 at 1 mA/cm2'], seed: 1 };
  const { id } = await (await fetch(`${url}api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input, name: 'box-full' }) })).json() as { id: string };
  await page.goto('about:blank'); // the page is on #/run already: a fresh load lists the new run
  // every answer the header read (GET /api/health), in order: the first is the one read when the page loaded
  const healths: Promise<{ running: number }>[] = [];
  const onHealth = (r: Response) => { if (new URL(r.url()).pathname === '/api/health') healths.push(r.json() as Promise<{ running: number }>); };
  page.on('response', onHealth);
  try {
    await page.goto(url + '#/run');
    await page.waitForSelector(`a[data-run="${id}"]`);
    await page.click(`a[data-run="${id}"]`);
    await page.waitForFunction(() => document.querySelector('#run-status')?.getAttribute('data-status') === 'finished', null, { timeout: 45000 });
    await page.waitForFunction(() => (document.querySelector('#run-warnings')?.textContent ?? '') !== '', null, { timeout: 5000 });
    // the header's counts follow (they were read once, when the page loaded with this run running)
    await page.waitForFunction(() => document.querySelector('#health')?.textContent === '0 running, 0 queued, 1 at once', null, { timeout: 8000 });
  } finally { page.off('response', onHealth); }
  assert.equal((await healths[0])?.running, 1, 'the page loaded while the box-full run was running');
  assert.match(await page.$eval('#run-warnings', (e) => e.textContent ?? ''),
    /^warning: step 1 "Plate 1e9 mAh\/cm2 at 1 mA\/cm2" ended early \(box_full: the deposit reached the top of the simulation box \(make lattice\.size\[2\] larger or plate less\)\) after \S+ mAh\/cm2 and \S+ s$/);
});

test('nucleation page: an atomistic setting that is not a number is named as typed ("16 sites"), not "got null"', { skip }, async () => {
  const { page, url } = wb;
  await page.goto(url + '#/nucleation');
  await page.waitForSelector('#nuc-go');
  await page.click('summary:has-text("atomistic stage and plateau")');
  await page.fill('[name="nuc-box"]', '16 sites');
  await page.click('#nuc-go');
  await page.waitForFunction(() => (document.querySelector('#nuc-error')?.textContent ?? '') !== '', null, { timeout: 5000 });
  assert.equal(await page.$eval('#nuc-error', (e) => e.textContent), 'box: got "16 sites", expected an integer from 4 to 256 (sites per side of the atomistic box; default 16)');
});

test('cycler page: an area typed after the file was dropped analyses the file again with it', { skip: skip || (existsSync(CYCLER_FILE) ? false : `no ${CYCLER_FILE}`) }, async () => {
  const { page, url } = wb;
  await dropOnCyclerPage(page, url, CYCLER_FILE);
  await page.fill('input[name=area]', '-1 cm2');
  await page.dispatchEvent('input[name=area]', 'change');
  await page.waitForSelector('#cycler-error', { timeout: 5000 });
  assert.equal(await page.$eval('#cycler-error', (e) => e.textContent), 'area: got "-1 cm2", expected a positive area, e.g. "1.13 cm2"');
  await page.fill('input[name=area]', '1.13 cm2');
  await page.dispatchEvent('input[name=area]', 'change');
  await page.waitForSelector('#cycler-checks', { timeout: 5000 });
  assert.match(await page.$eval('#cycler-out', (e) => e.textContent ?? ''), /area \(cm2\)1\.13/);
});

test('compare page: a cancelled run is marked as such beside its name in the metrics table; a SAC run\'s share has its chance level beside it (storechance)', { skip, timeout: 30000 }, async () => {
  const { page, url, service } = wb;
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'], seed: 2 };
  const v = service.start(input, 'cut-short');
  service.cancel(v.id);
  // a short run with SACs (a fraction of a CPU second): its chance level is a number between 0 and 1
  const sac = service.start({ metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %' }],
    kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 3 }, 'with-sacs');
  await service.wait(v.id);
  await service.wait(sac.id);
  assert.equal(service.status(v.id)!.status, 'cancelled');
  assert.equal(service.status(sac.id)!.status, 'finished');
  await page.goto(url + '#/compare');
  await page.waitForSelector(`input[name=pick][value="${v.id}"]`);
  await page.check(`input[name=pick][value="${v.id}"]`);
  await page.check(`input[name=pick][value="${sac.id}"]`);
  await page.click('#compare');
  await page.waitForSelector('#compare-metrics');
  const table = await page.$eval('#compare-metrics', (t) => ({
    head: [...t.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')) }));
  assert.ok(table.rows.some((r) => r[0] === 'cut-short (cancelled: the part it ran)'), JSON.stringify(table.rows));
  // the chance column follows the share, and the SAC run's cell is the stored chance as a number
  const share = table.head.indexOf('sac_nucleation_share');
  assert.equal(table.head[share + 1], 'sac_nucleation_share_chance');
  const stored = service.store.runMetricRows([sac.id])[0]!.sac_nucleation_share_chance as number;
  const shown = table.rows.find((r) => r[0] === 'with-sacs')![share + 1]!;
  assert.ok(stored > 0 && stored < 1 && Math.abs(Number(shown) - stored) < 1e-3, `chance shown "${shown}", stored ${stored}`);
  // with the CLI legend's words (src/batch/table.ts COLUMNS)
  const { COLUMNS } = await import('../src/batch/table.js');
  const legend = await page.$eval('#compare-legend', (e) => e.textContent ?? '');
  const words = (k: string) => `${k}: ${COLUMNS.find((c) => c.key === k)!.meaning}`;
  for (const k of ['sac_nucleation_share', 'sac_nucleation_share_chance']) assert.ok(legend.includes(words(k)), legend);
  // and on the run's own page, under its metrics
  await page.goto(url + '#/run');
  await page.click(`a[data-run="${sac.id}"]`);
  await page.waitForSelector('#run-legend');
  assert.ok((await page.$eval('#run-legend', (e) => e.textContent ?? '')).includes(words('sac_nucleation_share_chance')));
  // review31: a run of the same name recorded before the chance existed (its metrics without the key): the group's
  // chance interval is over the one run that has it, and says so; the share's over both says nothing
  const { sac_nucleation_share_chance: _c, ...before } = service.store.getRun(sac.id)!.metrics;
  const old = service.store.recordRun({ name: 'with-sacs', input: {}, metrics: before });
  await page.goto(url + '#/compare');
  await page.waitForSelector(`input[name=pick][value="${old}"]`);
  await page.check(`input[name=pick][value="${sac.id}"]`);
  await page.check(`input[name=pick][value="${old}"]`);
  await page.click('#compare');
  await page.waitForSelector('#compare-intervals');
  const iv = await page.$eval('#compare-intervals', (t) => ({
    head: [...t.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')) }));
  const row = iv.rows.find((r) => r[0] === 'with-sacs')!;
  assert.equal(row[1], '2');
  assert.match(row[iv.head.indexOf('sac_nucleation_share_chance')]!, /^\S+ \(1 of 2 runs\)$/);
  assert.doesNotMatch(row[iv.head.indexOf('sac_nucleation_share')]!, /of 2 runs/);
});

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

test('run page: Start run with the server gone says so in words, not the browser\'s "Failed to fetch"', { skip }, async () => {
  const { page, url } = wb;
  await page.goto('about:blank');
  await page.goto(url + '#/run');
  await page.waitForSelector('#start');
  await page.waitForFunction(() => /^valid/.test(document.querySelector('#form-error')?.textContent ?? ''));
  await page.route('**/api/runs', (r) => r.abort('connectionrefused')); // as a stopped server answers
  try {
    await page.click('#start');
    await page.waitForFunction(() => !/^valid/.test(document.querySelector('#form-error')?.textContent ?? ''), null, { timeout: 5000 });
    assert.equal(await page.$eval('#form-error', (e) => e.textContent), `no answer from the workbench server at ${new URL(url).host}: it has stopped, or the connection is down; start it again (sacplate serve) and reload this page`);
  } finally {
    await page.unroute('**/api/runs');
  }
});
