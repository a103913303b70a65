/**
 * Problems the workbench / sweeps / cycler audit listed (session 19, task loose7); each test fails
 * on the code before its fix. The CLI runs in-process from a temporary folder (test/helpers/cli.ts);
 * nothing here simulates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { taskProgress } from '../src/cli/actions/sweep.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose7-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('the sweep progress bar on a terminal has no empty field: a pool sweep (no extra text) shows no "| |"; a queue sweep shows its counts', () => {
  const bars: string[] = [];
  for (const extra of [undefined, '1 running, 2 waiting']) {
    let text = '';
    // a terminal as cli-progress sees one (readline writes its cursor moves through write too)
    const tty = { isTTY: true, columns: 120, write: (s: string, cb?: () => void) => { text += s; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
    const bar = taskProgress('demo', 4, tty);
    bar.update(1, extra);
    bar.stop();
    bars.push(text);
  }
  assert.match(bars[0]!, /demo \[[^\]]*\] 1\/4 tasks \| ETA/);
  assert.doesNotMatch(bars[0]!, /\|\s*\|/);
  assert.match(bars[1]!, /1\/4 tasks \| 1 running, 2 waiting \| ETA/);
});
