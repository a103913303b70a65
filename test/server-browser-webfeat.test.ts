/**
 * Session 30, task webfeat, in a real browser (playwright-core driving Debian's chromium, as
 * test/server-browser.test.ts): the Run page's example picker fills the form from a package example
 * and Start runs it (the run the server records resolves to the example's run), and the Evidence
 * page's CSV link downloads the filtered records as `lit export` writes them (its first line is the
 * exporter's header). Session 30, task mends36: the Sweeps page's CSV link downloads what `sacplate results
 * NAME --format csv` writes. Skipped (with the reason) when no chromium is found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { browserSkip, useWorkbench } from './helpers/browser.js';
import { validateRunInput } from '../src/input/schema.js';
import { CSV_COLUMNS, parseCsv } from '../src/evidence/io.js';
import { runSweep } from '../src/index.js';
import { cli } from './helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const skip = browserSkip;

const wb = useWorkbench({ tmpPrefix: 'sacplate-browser-webfeat-', downloads: true });

test('run page: an example picked fills the form and starts as that run; evidence page: the CSV download is lit export\'s, filtered', { skip, timeout: 30000 }, async () => {
  const { page, url, service } = wb;
  const EXAMPLE = 'li-cu-small-box';
  const resolved = (x: unknown) => JSON.parse(JSON.stringify(validateRunInput(x))) as unknown;
  const fileRun = (name: string) => parseYaml(readFileSync(join(ROOT, 'examples', `${name}.yaml`), 'utf8'));
  await page.goto(url + '#/run');
  await page.waitForSelector(`#example option[value="${EXAMPLE}"]`, { state: 'attached' });
  await page.waitForFunction(() => /^valid/.test(document.querySelector('#form-error')?.textContent ?? ''));
  // every example the picker offers fills a form that sends the file's run (the body the page checks, resolved as the CLI resolves the file)
  const offered = await page.$$eval('#example option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  assert.ok(offered.length >= 5, offered.join(', '));
  for (const name of offered) {
    const sent = page.waitForRequest((r) => r.url().includes('/api/validate'), { timeout: 5000 });
    await page.selectOption('#example', name);
    assert.deepEqual(resolved((await sent).postDataJSON()), resolved(fileRun(name)), name);
  }
  await page.selectOption('#example', '');
  await page.waitForFunction(() => document.querySelector('[name="run-name"]') && (document.querySelector('[name="run-name"]') as HTMLInputElement).value === '');
  const checked = page.waitForResponse((r) => r.url().includes('/api/validate'), { timeout: 5000 });
  await page.selectOption('#example', EXAMPLE);
  await checked;
  await page.waitForFunction(() => /^valid: mesoscale mode, 512 voxels$/.test(document.querySelector('#form-error')?.textContent ?? ''), null, { timeout: 5000 });
  assert.match(await page.$eval('#example-about', (e) => e.textContent ?? ''), /^examples\/li-cu-small-box\.yaml: Li on Cu in a tiny box/);
  assert.equal(await page.$eval('[name="run-name"]', (e) => (e as HTMLInputElement).value), EXAMPLE);
  await page.click('#start');
  await page.waitForFunction(() => /^started run-/.test(document.querySelector('#form-error')?.textContent ?? ''), null, { timeout: 5000 });
  const id = (await page.$eval('#form-error', (e) => e.textContent ?? '')).replace('started ', '');
  // the run the server took is the example's, as the CLI would resolve the file
  assert.deepEqual(resolved(service.input(id)), resolved(fileRun(EXAMPLE)));
  assert.equal(service.status(id)!.name, EXAMPLE);
  await service.wait(id);
  assert.equal(service.status(id)!.status, 'finished');

  await page.goto(url + '#/evidence');
  await page.waitForSelector('#export-csv');
  await page.selectOption('select[name=metal]', 'Na');
  await page.waitForFunction(() => /metal=Na/.test(document.querySelector('#export-csv')?.getAttribute('href') ?? ''));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const text = readFileSync((await download.path())!, 'utf8');
  assert.equal(text.split('\n')[0], CSV_COLUMNS.join(','));
  assert.equal(download.suggestedFilename(), 'evidence.csv');
  // the filtered records only: every data row is a Na record's
  const rows = parseCsv(text);
  assert.ok(rows.length > 1 && rows.slice(1).every((r) => r[CSV_COLUMNS.indexOf('metal')] === 'Na'), text.slice(0, 400));
});

test('sweeps page: the CSV link downloads what `sacplate results NAME --format csv` writes', { skip, timeout: 30000 }, async () => {
  const { page, url, db } = wb;
  // a 0.30 eV terrace hop (the default 0.10 eV until branch testtime7): the CSV is compared, not the
  // physics: seed 2 at 25 degC is 1,291 events and 401 first-passage exits instead of 437,619 events and
  // 380,420 exits (3.5 s of run)
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 2 };
  await runSweep({ name: 'browser-csv', base, axes: { temperature: ['298 K', '310 K'] } }, { db });
  const ex = await cli(['results', 'browser-csv', '--format', 'csv', '--db', db]);
  assert.equal(ex.code, 0, ex.stderr);
  await page.goto('about:blank');
  await page.goto(url + '#/sweeps');
  await page.waitForSelector('[data-sweep="browser-csv"] a.sweep-csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-sweep="browser-csv"] a.sweep-csv')]);
  const text = readFileSync((await download.path())!, 'utf8');
  assert.match(ex.stdout, /^task,hash,status,temperature/);
  assert.equal(text.split('\n')[0], ex.stdout.split('\n')[0]);
  assert.equal(text, ex.stdout);
  assert.equal(download.suggestedFilename(), 'browser-csv-results.csv');
});
