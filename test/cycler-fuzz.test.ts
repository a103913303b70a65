/**
 * Fuzz: random (seeded) corruptions of the real exports and of generated .mpt files. Every
 * outcome must be a parsed table or a FileError naming the file; never another exception.
 * Parsed tables are then analysed: that may only fail with an InputError, or a one-line FileError
 * naming the file where the checks refuse it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCycler } from '../src/cycler/read.js';
import { analyzeTable } from '../src/analysis/report.js';
import { rng, symmetricTrace, writeMpt } from '../src/cycler/synthetic.js';
import { FileError, InputError } from '../src/errors.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-fuzz');

const D = '../shared/data/cycler';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-fuzz-'));
const PER_FILE = 130;
const PREFIX = 24000; // bytes of each file used as the fuzz seed (keeps the test fast)

type Corrupt = (b: Buffer, r: () => number) => Buffer;
const pick = <T,>(a: T[], r: () => number) => a[Math.floor(r() * a.length)]!;
const lines = (b: Buffer) => b.toString('latin1').split('\n');
const join = (l: string[]) => Buffer.from(l.join('\n'), 'latin1');

const CORRUPTIONS: [string, Corrupt][] = [
  ['truncate', (b, r) => b.subarray(0, Math.floor(r() * b.length))],
  ['flip byte', (b, r) => { const c = Buffer.from(b); c[Math.floor(r() * c.length)] = Math.floor(r() * 256); return c; }],
  ['NUL byte', (b, r) => { const c = Buffer.from(b); c[Math.floor(r() * c.length)] = 0; return c; }],
  ['garbage cell', (b, r) => { const l = lines(b); const i = Math.floor(r() * l.length); const f = l[i]!.split(/([,\t])/); const j = Math.floor(r() * f.length); f[j] = pick(['abc', '1.2.3', '--', 'NaN', '', '"', '0x1F', 'Infinity', '1e999', '12:61:00', '\u00e9'], r); l[i] = f.join(''); return join(l); }],
  ['delete line', (b, r) => { const l = lines(b); l.splice(Math.floor(r() * l.length), 1); return join(l); }],
  ['duplicate line', (b, r) => { const l = lines(b); const i = Math.floor(r() * l.length); l.splice(Math.floor(r() * l.length), 0, l[i]!); return join(l); }],
  ['drop a header field', (b, r) => { const l = lines(b); const hi = Math.min(l.length - 1, Math.floor(r() * 12)); const f = l[hi]!.split(/[,\t]/); f.splice(Math.floor(r() * f.length), 1); l[hi] = f.join(l[hi]!.includes('\t') ? '\t' : ','); return join(l); }],
  ['rename a header field', (b, r) => { const l = lines(b); const hi = Math.min(l.length - 1, Math.floor(r() * 12)); l[hi] = l[hi]!.replace(/[A-Za-z_]+/, 'Mystery'); return join(l); }],
  ['cut a line', (b, r) => { const l = lines(b); const i = Math.floor(r() * l.length); l[i] = l[i]!.slice(0, Math.floor(r() * l[i]!.length)); return join(l); }],
  ['utf16', (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('latin1'), 'utf16le')])],
  ['empty', () => Buffer.alloc(0)],
  ['swap delimiter', (b, r) => { const l = lines(b); const i = Math.floor(r() * l.length); l[i] = l[i]!.replace(/,/g, ';'); return join(l); }],
  ['CRLF and BOM', (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1')])],
];

const LOCAL = 'test/data/cycler'; // v2 layouts: Maccor, Novonix, PEC, BT-Lab CSV (fewer corruptions each)
const PER_LOCAL = 40;

function seeds(): [string, Buffer, number][] {
  const out: [string, Buffer, number][] = [];
  const add = (dir: string, f: string, per: number) => {
    const b = fs.readFileSync(path.join(dir, f));
    const cut = b.length > PREFIX ? b.subarray(0, b.lastIndexOf(10, PREFIX) + 1) : b;
    out.push([f, cut, per]);
  };
  for (const f of fs.readdirSync(D).filter((x) => x.endsWith('.csv'))) add(D, f, PER_FILE);
  for (const f of fs.readdirSync(LOCAL).filter((x) => !x.endsWith('.md') && !x.endsWith('.xlsx'))) add(LOCAL, f, PER_LOCAL);
  const tr = symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 20, current_A: 1e-3, plateau: () => 0.02, dip_V: 0.01 });
  for (const [name, v] of [['a.mpt', { decimalComma: true }], ['b.mpt', { headerless: true, voltageName: 'Ecell/V' as const }]] as const) {
    const f = path.join(tmp, name);
    writeMpt(f, tr, v);
    out.push([name, fs.readFileSync(f), PER_FILE]);
  }
  return out;
}

test('fuzz: corrupted real files give a table or a FileError, never another exception', async () => {
  const r = rng(20261125);
  const tally = { parsed: 0, fileError: 0, inputError: 0 };
  const kinds = new Map<string, number>();
  for (const [name, seed, per] of seeds()) {
    const ext = path.extname(name);
    for (let k = 0; k < per; k++) {
      const [cname, corrupt] = CORRUPTIONS[k % CORRUPTIONS.length]!;
      const bytes = corrupt(seed, r);
      // a new name per case (removed after it): overwriting one file makes ext4 flush the old data
      // at every truncate, 0.2-0.3 ms per write on a quiet disk, 1.5 ms on a busy one; a new file 0.08 ms
      const f = path.join(tmp, `fz-${path.basename(name, ext)}-${k}${ext}`);
      fs.writeFileSync(f, bytes);
      try {
        const t = await readCycler(f);
        tally.parsed++;
        assert.ok(t.rows > 0);
        for (const protocol of ['symmetric', 'fullcell'] as const) {
          try {
            await analyzeTable(t, { protocol });
          } catch (e) {
            if (e instanceof InputError) { tally.inputError++; continue; }
            // the checks refuse a file they cannot repair (implausible time span, impedance only): one line naming it
            if (e instanceof FileError && e.message.startsWith(f) && !e.message.includes('\n')) { tally.inputError++; continue; }
            throw new Error(`analysis of ${name} after "${cname}" threw ${(e as Error).stack}`);
          }
        }
      } catch (e) {
        if (e instanceof FileError) {
          tally.fileError++;
          kinds.set(cname, (kinds.get(cname) ?? 0) + 1);
          assert.ok(e.message.startsWith(f), `message names the file: ${e.message}`);
          assert.ok(!e.message.includes('\n'), 'one line');
          continue;
        }
        throw new Error(`${name} after "${cname}" threw ${(e as Error).stack}`);
      } finally {
        fs.rmSync(f, { force: true });
      }
    }
  }
  process.stderr.write(`fuzz outcomes: ${JSON.stringify(tally)} file errors by corruption: ${JSON.stringify(Object.fromEntries(kinds))}\n`);
  // both outcomes happen, so the test exercises the error paths as well as the parsers
  assert.ok(tally.parsed > 50, JSON.stringify(tally));
  assert.ok(tally.fileError > 50, JSON.stringify(tally));
  // (a UTF-16 copy with its byte-order mark is read since cli66, as its UTF-8 original: it is no error path any more)
  assert.ok((kinds.get('empty') ?? 0) > 0);
});
