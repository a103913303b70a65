/**
 * Where the browser tests put their page screenshots. By default a fresh temp folder, so `npm test`
 * leaves the checkout as it found it; `npm run screenshots` (SACPLATE_SCREENSHOTS=docs) writes them
 * to docs/figures/, the pictures the README and docs/workbench.md show.
 */
import { after } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Whether the browser tests take their page screenshots: under `npm run screenshots` only. Under `npm test` they went to
 * a temp folder removed after the file, unread (7 full-page PNGs, about 3 s of the file's wall, most of it chromium's
 * encoding: 0.18-0.75 s each; branch testtime28); no test reads them, the pictures are the README's.
 */
export const screenshotsWanted = (): boolean => process.env.SACPLATE_SCREENSHOTS === 'docs';

export function screenshotDir(): string {
  if (process.env.SACPLATE_SCREENSHOTS === 'docs') {
    const dir = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'figures');
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  // removed once the file's tests have run (testtime26: 90 were left in /tmp)
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-screenshots-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
