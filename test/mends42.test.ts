/**
 * Session 33, task mends42: leftovers from earlier reviews; each test fails on the code before its fix.
 * (1) `bench --events N` said "events to time", though N events are timed in each of 3 windows (3 N in all).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-mends42-'));

test('bench --help says what --events counts: the events of each timed window, as many windows as the bench times', async () => {
  const help = await cli(['bench', '--help']);
  const said = /--events <n>\s+events\s+in\s+each\s+of\s+the\s+(\d+)\s+timed\s+windows/.exec(help.stdout);
  assert.ok(said, help.stdout);
  const windows = Number(said[1]);
  const r = await cli(['bench', '--app', 'diffusion', '--size', '8', '--events', '1000', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(r.stdout) as { events: number; repeats_events_per_s: number[] };
  assert.equal(b.repeats_events_per_s.length, windows);
  assert.equal(b.events, windows * 1000);
});
