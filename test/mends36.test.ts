/**
 * Session 30, task mends36, outside the browser, each test failing on the code before its fix.
 * (4) A `Pulse` step has its own parser: "Pulse at 1e400 mA/cm2 ..." said "a positive current density",
 * of a number beyond a double's range; it now says the number must be finite (as mends35 made the other
 * steps say), naming the field and the unit, for the current, the on and off times and the charge; a
 * negative or zero one says it must be positive. (3) The Cycler page words the API's protocol check
 * ("protocol=fullcell fits it", a query parameter) for its protocol box (cyclerTextForPage).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRunInput } from '../src/input/schema.js';
import { cyclerMessageForApi, cyclerTextForPage } from '../src/server/cycler-hints.js';

const run = (step: string) => validateRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: [step] });
const message = (step: string): string => { try { run(step); } catch (e) { return (e as Error).message; } return 'accepted'; };

test('a Pulse step refuses 1e400 (not finite), a negative and a zero current, time or charge, naming the field and the unit', () => {
  assert.deepEqual((run('Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2').protocol[0] as { pulse?: unknown }).pulse, { on_s: 1e-3, off_s: 3e-3 });
  const parts = [
    { at: 0, what: 'current density after "at"', unit: '3 mA/cm2', big: '1e400 mA/cm2', neg: '-3 mA/cm2', zero: '0 mA/cm2' },
    { at: 1, what: 'on time after "for"', unit: '1 ms', big: '1e400 ms', neg: '-1 ms', zero: '0 ms' },
    { at: 2, what: 'off time after "rest"', unit: '3 ms', big: '1e400 ms', neg: '-3 ms', zero: '0 ms' },
    { at: 3, what: 'areal capacity to pass', unit: '2 mAh/cm2', big: '1e400 mAh/cm2', neg: '-2 mAh/cm2', zero: '0 mAh/cm2' },
  ];
  const good = ['3 mA/cm2', '1 ms', '3 ms', '2 mAh/cm2'];
  const step = (at: number, v: string) => { const q = good.map((g, i) => (i === at ? v : g)); return `Pulse at ${q[0]} for ${q[1]}, rest ${q[2]}, ${q[3]}`; };
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const p of parts) {
    assert.match(message(step(p.at, p.big)), new RegExp(`^protocol\\[0\\]: got ".*", expected ${/^[aeiou]/.test(p.what) ? 'an' : 'a'} ${esc(p.what)} with a finite number \\(e\\.g\\. ${esc(p.unit)}\\), not "${esc(p.big)}" \\(1e400 is beyond the largest number, about 1\\.8e308\\)$`), p.what);
    for (const v of [p.neg, p.zero]) {
      assert.match(message(step(p.at, v)), new RegExp(`^protocol\\[0\\]: got ".*", expected a positive ${esc(p.what)} \\(e\\.g\\. ${esc(p.unit)}\\), not "${esc(v)}"$`), `${p.what}: ${v}`);
    }
  }
});

test('the Cycler page words the protocol check for its protocol box; the API keeps its query parameter', () => {
  for (const [cli, page] of [
    ['no metal plated on the working electrode: ...; --protocol fullcell fits it: an electrode cycled against the metal', '; fullcell in the protocol box fits it: an electrode'],
    ["not a symmetric cell's voltages: ...; --protocol licu (or aurbach) fits it: its working electrode goes below 0 V", '; licu (or aurbach) in the protocol box fits it: its'],
  ] as const) {
    const api = cyclerMessageForApi(cli);
    assert.match(api, /; protocol=\w+/);
    const shown = cyclerTextForPage(api);
    assert.ok(shown.includes(page), shown);
    assert.doesNotMatch(shown, /protocol=|--protocol/);
  }
});
