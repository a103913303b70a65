/**
 * The workbench's browser tests (playwright-core driving Debian's chromium, which .ci/run installs;
 * no browser download): whether they can run here, and one way to open the page they drive.
 */
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../src/server/serve.js';
import type { RunService } from '../../src/server/service.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..'); // dist/test/helpers -> package root
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const BUILT = existsSync(join(ROOT, 'dist', 'web', 'index.html'));

/** why a browser test cannot run here (node:test's `skip`), or false */
export const browserSkip: string | false = !CHROMIUM ? 'no chromium at /usr/bin/chromium (.ci/run installs it)' : !BUILT ? 'front end not built (npm run build:web)' : false;

/**
 * WebGL through SwiftShader, for the 3D view (three.js); the page itself composited in software (--disable-gpu-compositing:
 * with GL on, chromium composited every repaint of the page through SwiftShader too, its GPU process 15 of the 49 CPU s
 * chromium spent in test/server-browser-pages.test.ts, 4 without; the 3D view's canvas is drawn the same way; branch testtime15).
 * Every page gets these flags: the pages without a 3D view run the same under them (branch testtime17).
 */
const GL_ARGS = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-gpu-compositing'];

/**
 * The process's headless chromium and its one page, launched at the first call and shared by the calls after it until
 * the last of them has closed: a file with several workbenches, e.g. test/server-browser-pages.test.ts, starts one
 * chromium (a launch is about 1.4 CPU s; branch testtime12; one with WebGL for the tour and one without for the other
 * pages until branch testtime17) and opens one page in it, not one each: a page in a browser context of its own cost
 * about 2.3 CPU s of chromium's, most of it its renderer's start, and its first load of the workbench 1.3 CPU s
 * against 0.6 in a page that had loaded it from another server (branch testtime17).
 */
let shared: { opened: Promise<{ browser: Browser; page: Page }>; users: number } | undefined;

/**
 * Headless chromium (WebGL through SwiftShader) and a 1280 x 900 page whose script errors go to stderr; the page takes
 * downloads. The page is the process's one page, shared by every caller: each workbench's tests go to their own
 * server's URL (another origin: a full load of the page, nothing kept from the other origin's; the workbench's pages
 * keep no cookies or web storage), and what a test adds to the page (a route, a listener) it removes or limits to its
 * own server's URL. `close()` closes chromium with the last caller's.
 */
export async function openBrowserPage(): Promise<{ browser: Browser; page: Page; close(): Promise<void> }> {
  if (!shared) {
    const opened = (async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', ...GL_ARGS] });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
        page.on('pageerror', (e) => { process.stderr.write(`page error: ${e.message}\n`); });
        return { browser, page };
      } catch (e) {
        await browser.close().catch(() => undefined);
        throw e;
      }
    })();
    shared = { opened, users: 0 };
  }
  const own = shared;
  own.users++;
  const release = async () => {
    if (--own.users > 0) return;
    if (shared === own) shared = undefined;
    await (await own.opened).browser.close();
  };
  try {
    const { browser, page } = await own.opened;
    return { browser, page, close: release };
  } catch (e) {
    await release().catch(() => undefined);
    throw e;
  }
}

/** `sacplate serve` on a free loopback port over one store, and the chromium page (the process's one: openBrowserPage) to drive it. */
export interface Workbench { url: string; db: string; service: RunService; browser: Browser; page: Page; close(): Promise<void> }

/** openWorkbench's options */
export interface WorkbenchOptions { db?: string; tmpPrefix?: string; concurrency?: number }

/** store.db in a new temp folder named from `tmpPrefix` */
const newStorePath = (tmpPrefix = 'sacplate-browser-'): string => join(mkdtempSync(join(tmpdir(), tmpPrefix)), 'store.db');

/**
 * Starts the workbench's server over `db` (default: a new store in a temp folder named from `tmpPrefix`), `prepare(db)`
 * first when given, and takes the process's page (openBrowserPage); close() lets the page go (chromium closes with the
 * last workbench of the process), then stops the server.
 * Chromium launches while the store is prepared and the server starts (neither waits on the other; about a second of
 * wall each, one after the other until branch testtime9); if either fails, what did start is closed.
 */
export async function openWorkbench(opts: WorkbenchOptions & { prepare?: (db: string) => Promise<void> } = {}): Promise<Workbench> {
  const db = opts.db ?? newStorePath(opts.tmpPrefix);
  // the store's temp folder, made here, goes when the workbench closes (testtime26: 45 of each prefix were left in /tmp)
  const madeDir = opts.db === undefined ? dirname(db) : undefined;
  const dropDir = () => { if (madeDir) rmSync(madeDir, { recursive: true, force: true }); };
  const opening = openBrowserPage();
  const serving = (async () => { await opts.prepare?.(db); return startServer({ port: 0, db, concurrency: opts.concurrency ?? 1 }); })();
  const [b, s] = await Promise.allSettled([opening, serving]);
  if (b.status === 'rejected' || s.status === 'rejected') {
    if (b.status === 'fulfilled') await b.value.close();
    if (s.status === 'fulfilled') await s.value.stop();
    dropDir();
    throw b.status === 'rejected' ? b.reason : (s as PromiseRejectedResult).reason;
  }
  const { browser, page, close } = b.value, { url, stop, service } = s.value;
  return { url, db, service, browser, page, close: async () => { await close(); await stop(); dropDir(); } };
}

/**
 * A browser test file's workbench: registers node:test's `before` hook (openWorkbench(opts): `prepare(db)` first, e.g.
 * to fill the store, then the server over that store, chromium launching meanwhile; then `opened(wb)`) and `after` hook (close), both doing nothing where
 * browserSkip says the file is skipped. Returns the workbench the tests read: its fields are there once the `before`
 * hook has run. (What a file does with the open page goes in `opened`, not in a `before` of its own: node 20 starts a
 * top-level `before` as soon as it is registered, without waiting for an earlier one.)
 */
export function useWorkbench(opts: WorkbenchOptions & { prepare?: (db: string) => Promise<void>; opened?: (wb: Workbench) => void } = {}): Omit<Workbench, 'close'> {
  let open: Workbench | undefined;
  before(async () => {
    if (browserSkip) return;
    open = await openWorkbench(opts);
    opts.opened?.(open);
  });
  after(async () => { await open?.close(); });
  const wb = (): Workbench => {
    if (!open) throw new Error(`useWorkbench: the workbench is not open (${browserSkip || 'read it in a test, or in opened()'})`);
    return open;
  };
  return {
    get url() { return wb().url; }, get db() { return wb().db; }, get service() { return wb().service; },
    get browser() { return wb().browser; }, get page() { return wb().page; },
  };
}

/** A real cycler export (an Arbin CSV from TRI-AMDD/beep's test files) the Cycler page tests drop: ../shared beside the clone, as CI has it. */
export const CYCLER_FILE = join(ROOT, '..', 'shared', 'data', 'cycler', 'FastCharge_000025_CH8.csv');

/**
 * Opens the Cycler page, sets its protocol box (the page's first, licu, unless given) and its area box (empty unless
 * given), drops `file` on it and waits for that file's checks. The boxes are set here because the page may not be
 * loaded anew: a `goto` to the URL the page is at (the Cycler page of an earlier test) keeps the page and what that
 * test typed (an area of 1.13 cm2 made the next test's area check read ok), and its old checks answered the wait
 * (branch mends51). Set without change events, which would analyse the last file again.
 */
export async function dropOnCyclerPage(page: Page, url: string, file: string, protocol = 'licu', area = ''): Promise<void> {
  await page.goto(url + '#/cycler');
  await page.waitForSelector('input[name=file]');
  await page.$eval('select[name=protocol]', (e, v) => { (e as HTMLSelectElement).value = v; }, protocol);
  await page.$eval('input[name=area]', (e, v) => { (e as HTMLInputElement).value = v; }, area);
  // and no mass left from an earlier visit (the Cycler page's mass box, read for fullcell)
  await page.$eval('input[name=mass]', (e) => { (e as HTMLInputElement).value = ''; });
  // and no file chosen: the file an earlier test dropped, chosen again, is no change and is not analysed
  await page.$eval('input[name=file]', (e) => { (e as HTMLInputElement).value = ''; });
  assert.equal(await page.$eval('select[name=protocol]', (e) => (e as HTMLSelectElement).value), protocol, `protocol box: ${protocol}`);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/api/cycler'));
  // the page puts its "uploading" line in place of the last checks as the file is set: the wait below is for this file's
  await page.setInputFiles('input[name=file]', file);
  await answered;
  await page.waitForSelector('#cycler-checks');
}

/**
 * Runs `fn` (a test that tries a page at other window sizes) and gives the page back the window size it had, also when
 * `fn` throws: the tests share one page, and the next one must not start in a 390 px window.
 */
export async function keepingViewport<T>(page: Page, fn: () => Promise<T>): Promise<T> {
  const was = page.viewportSize();
  try {
    return await fn();
  } finally {
    if (was) await page.setViewportSize(was);
  }
}
