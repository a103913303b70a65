/**
 * Branch runquery, in a real browser (playwright-core driving Debian's chromium, as
 * test/server-browser.test.ts): the Run page's runs list takes a filter (GET /api/runs?where=, the
 * conditions of `runs list --where`) and sorts by a column when its head is clicked (?sort=); a bad
 * filter shows the server's message instead of an empty list; the list's refreshes (here the one a
 * finished run's view makes when it is opened, as at the end of a run) keep the filter and the order.
 * Runs recorded through the store API; no simulation. Skipped (with the reason) when no chromium is found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, useWorkbench } from './helpers/browser.js';

const skip = browserSkip;
const wb = useWorkbench({ tmpPrefix: 'sacplate-browser-runquery-' });

/** The names in the runs list, top to bottom. */
const listed = (page: Page) => page.$$eval('.runs-list tbody tr a[data-run]', (as) => as.map((a) => a.textContent));

test('run page: the runs list narrows to a filter and sorts by a clicked column; a bad filter shows the server\'s message; refreshes keep both', { skip, timeout: 30000 }, async () => {
  const { page, url, service } = wb;
  const add = (name: string, average_ce: number | null, nucleation_overpotential_mV: number) =>
    service.store.recordRun({ name, input: {}, metrics: { metal: 'Li', host: 'graphene', sacs: [], seed: 1, average_ce, nucleation_overpotential_mV } });
  add('high-a', 0.97, 12.5);
  add('low', 0.9, 30);
  add('high-c', 0.99, 8);
  add('no-ce', null, 20);
  await page.goto(url + '#/run');
  await page.waitForFunction(() => document.querySelectorAll('.runs-list tbody tr a[data-run]').length === 4);

  await page.fill('#runs-filter', 'average_ce>0.95');
  await page.waitForFunction(() => document.querySelectorAll('.runs-list tbody tr a[data-run]').length === 2);
  assert.deepEqual((await listed(page)).sort(), ['high-a', 'high-c']);
  assert.equal(await page.textContent('#runs-filter-error'), '');

  // a click on the eta_nucl head: lowest first; a second: highest first
  await page.click('.runs-list th[data-sort="nucleation_overpotential_mV"]');
  await page.waitForFunction(() => document.querySelector('.runs-list th[data-sort="nucleation_overpotential_mV"]')?.textContent?.endsWith('▲'));
  assert.deepEqual(await listed(page), ['high-c', 'high-a']);
  await page.click('.runs-list th[data-sort="nucleation_overpotential_mV"]');
  await page.waitForFunction(() => document.querySelector('.runs-list th[data-sort="nucleation_overpotential_mV"]')?.textContent?.endsWith('▼'));
  assert.deepEqual(await listed(page), ['high-a', 'high-c']);

  // a run recorded since, then a refresh of the list (opening a finished run refreshes it, as a run's end does): filtered and sorted still
  add('high-new', 0.96, 50);
  await page.click('.runs-list a[data-run]');
  await page.waitForFunction(() => document.querySelectorAll('.runs-list tbody tr a[data-run]').length === 3);
  assert.deepEqual(await listed(page), ['high-new', 'high-a', 'high-c']);

  // a filter the server refuses: its message in the page, the list gone (not an empty list that reads "no such runs")
  await page.fill('#runs-filter', 'average_ce>high');
  await page.waitForFunction(() => (document.querySelector('#runs-filter-error')?.textContent ?? '') !== '');
  assert.match(await page.textContent('#runs-filter-error') ?? '', /^where: got "average_ce>high", expected a number after ">": average_ce is a numeric column/);
  assert.equal((await listed(page)).length, 0);
  // corrected: the list is back and the message gone
  await page.fill('#runs-filter', 'average_ce<0.95');
  await page.waitForFunction(() => document.querySelectorAll('.runs-list tbody tr a[data-run]').length === 1);
  assert.deepEqual(await listed(page), ['low']);
  assert.equal(await page.textContent('#runs-filter-error'), '');
});
