import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../src/errors.js';
import { countSteps, expandProtocol, firstKnownCharge, parseProtocol, walkReversals } from '../src/input/protocol.js';
import type { ProtocolStep, RepeatBlock } from '../src/input/types.js';
import { checkProtocolLimits, holdWarnings, runInputWarnings } from '../src/input/limits.js';
import { parseRunInput } from '../src/input/parse.js';
import { stepObject } from '../src/input/steps.js';
import { stepTerminations } from '../src/input/termination.js';

const one = (s: string): ProtocolStep => parseProtocol([s])[0] as ProtocolStep;
const close = (a: number | undefined, b: number, rel = 1e-9) => {
  assert.ok(a !== undefined, `expected ${b}, got undefined`);
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `expected ${b}, got ${a}`);
};

/** Asserts that `fn` throws a one-line InputError naming `field` and containing `frag`. */
function throwsInput(fn: () => unknown, field: string, frag?: RegExp) {
  try { fn(); } catch (e) {
    assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
    assert.equal(e.field, field, e.message);
    assert.ok(!e.message.includes('\n'), 'message must be one line');
    assert.ok(e.message.startsWith(`${field}: got `), e.message);
    if (frag) assert.match(e.message, frag);
    return;
  }
  assert.fail(`expected an InputError on ${field}`);
}

test('galvanostatic steps from the issue', () => {
  const a = one('Plate at 1 mA/cm2 for 10 s');
  assert.equal(a.kind, 'plate'); assert.equal(a.control, 'galvanostatic');
  close(a.current_A_per_m2, 10); close(a.duration_s, 10);
  assert.equal(a.charge_C_per_m2, undefined); assert.equal(a.cutoff_V, undefined);
  assert.equal(a.text, 'Plate at 1 mA/cm2 for 10 s');

  const b = one('Plate 0.01 mAh/cm2 at 1 mA/cm2');
  close(b.charge_C_per_m2, 360); // 0.01 mAh/cm2 = 36 mC/cm2 = 360 C/m2
  close(b.current_A_per_m2, 10);

  const c = one('Strip at 1 mA/cm2 until 200 mV');
  assert.equal(c.kind, 'strip'); close(c.cutoff_V, 0.2); assert.equal(c.duration_s, undefined);

  const d = one('Strip at 1 mA/cm2 for 180 s');
  close(d.duration_s, 180);

  const e = one('Strip at 1 mA/cm2 for 180 s or until 200 mV');
  close(e.duration_s, 180); close(e.cutoff_V, 0.2);
});

test('rest and potentiostatic hold', () => {
  const r = one('Rest for 1 s');
  assert.deepEqual({ kind: r.kind, control: r.control, cur: r.current_A_per_m2, d: r.duration_s }, { kind: 'rest', control: 'rest', cur: 0, d: 1 });
  const h = one('Hold at -50 mV for 10 s');
  assert.equal(h.kind, 'plate'); assert.equal(h.control, 'potentiostatic');
  close(h.overpotential_V, -0.05); close(h.duration_s, 10);
  const hs = one('hold at 30 mV until 0.001 mAh/cm2');
  assert.equal(hs.kind, 'strip'); close(hs.charge_C_per_m2, 36);
});

test('flexible units and case', () => {
  close(one('Rest for 2 min').duration_s, 120);
  close(one('REST FOR 1.5 h').duration_s, 5400);
  close(one('rest for 10 minutes').duration_s, 600);
  close(one('Plate 50 uAh/cm2 at 10 A/m2').charge_C_per_m2, 1800);
  close(one('plate 50 uAh/cm2 at 10 A/m2').current_A_per_m2, 10);
  close(one('Plate at 0.5 mA cm-2 for 0.01 mAh cm-2').charge_C_per_m2, 360);
  close(one('Strip at 2 mA/cm2 or until 0.2 V').cutoff_V, 0.2);
  close(one('Plate at 1 mA/cm2 for 1 h').duration_s, 3600);
  close(one('Strip at 1 mA/cm2 until 0.05 mAh/cm2').charge_C_per_m2, 1800);
});

test('repeat blocks, nested', () => {
  const p = parseProtocol([
    'Rest for 1 s',
    { repeat: 20, steps: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] },
    { repeat: 2, steps: [{ repeat: 3, steps: ['Rest for 1 s'] }, 'Plate at 1 mA/cm2 for 1 s'] },
  ]);
  assert.equal((p[1] as RepeatBlock).repeat, 20);
  assert.equal((p[1] as RepeatBlock).steps.length, 2);
  assert.equal(countSteps(p), 1 + 40 + 2 * 4);
  const x = expandProtocol(p);
  assert.equal(x.length, 49);
  assert.equal(x[1]!.kind, 'plate'); assert.equal(x[2]!.kind, 'strip'); assert.equal(x[41]!.kind, 'rest');
  // first step whose charge is known: the plate inside the repeat (rest has none)
  close(firstKnownCharge(p), 1800);
});

test('the Aurbach/Adams reservoir protocol is expressible', () => {
  const p = parseProtocol([
    'Plate 5 mAh/cm2 at 0.5 mA/cm2',
    { repeat: 10, steps: ['Strip 1 mAh/cm2 at 0.5 mA/cm2', 'Plate 1 mAh/cm2 at 0.5 mA/cm2'] },
    'Strip at 0.5 mA/cm2 until 1 V',
  ]);
  const x = expandProtocol(p);
  assert.equal(x.length, 22);
  close(x[0]!.charge_C_per_m2, 5 * 36000);
  close(x[21]!.cutoff_V, 1);
  assert.equal(x[21]!.charge_C_per_m2, undefined);
});

test('bad protocols are refused with one-line errors naming the entry', () => {
  throwsInput(() => parseProtocol(['Plate at -1 mA/cm2 for 10 s']), 'protocol[0]', /positive current density/);
  throwsInput(() => parseProtocol(['Rest for 1 s', 'Strip at 0 mA/cm2 for 10 s']), 'protocol[1]', /positive current density/);
  throwsInput(() => parseProtocol(['Strip at 1 mA/cm2 until 200 mA']), 'protocol[0]', /cut-off.*not "200 mA"/);
  throwsInput(() => parseProtocol(['Strip at 1 mA/cm2 until 10 s']), 'protocol[0]', /cut-off/);
  throwsInput(() => parseProtocol([{ repeat: 0, steps: ['Rest for 1 s'] }]), 'protocol[0].repeat', /positive integer/);
  throwsInput(() => parseProtocol([{ repeat: 2.5, steps: ['Rest for 1 s'] }]), 'protocol[0].repeat');
  throwsInput(() => parseProtocol([{ repeat: 2, step: ['Rest for 1 s'] }]), 'protocol[0].step', /no such key \(did you mean "steps"\?\); a repeat block has exactly/);
  throwsInput(() => parseProtocol(['Plate at 1 mA/cm2']), 'protocol[0]', /end condition/);
  throwsInput(() => parseProtocol(['Rest for 1 s', { repeat: 3, steps: ['Plate at 1 mA/cm2 for 1 s', 'Strip at 1 mA/cm2'] }]),
    'protocol[1].steps[1]', /end condition/);
  throwsInput(() => parseProtocol(['Plate at 1 mA for 10 s']), 'protocol[0]', /current density/);
  throwsInput(() => parseProtocol(['Charge at 1 mA/cm2 for 10 s']), 'protocol[0]', /Plate, Strip, Rest or Hold/);
  throwsInput(() => parseProtocol(['Rest for 1 mV']), 'protocol[0]', /duration/);
  throwsInput(() => parseProtocol(['Rest until 200 mV']), 'protocol[0]');
  throwsInput(() => parseProtocol(['Hold at 0 mV for 1 s']), 'protocol[0]', /non-zero/);
  throwsInput(() => parseProtocol(['Hold at 1 mA/cm2 for 1 s']), 'protocol[0]', /overpotential/);
  throwsInput(() => parseProtocol(['Plate at 1 mA/cm2 for 0 s']), 'protocol[0]', /greater than zero/);
  throwsInput(() => parseProtocol(['Plate at 1 mA/cm2 for 1 s at 2 mA/cm2']), 'protocol[0]', /only once/);
  throwsInput(() => parseProtocol([]), 'protocol', /at least one step/);
  throwsInput(() => parseProtocol([{ repeat: 2, steps: [] }]), 'protocol[0].steps', /at least one step/);
  throwsInput(() => parseProtocol([{ repeat: 2, step: ['Rest for 1 s'] }]), 'protocol[0].step', /no such key/);
  throwsInput(() => parseProtocol([42]), 'protocol[0]');
  throwsInput(() => parseProtocol({ a: 1 }), 'protocol', /list of steps/);
});

test('a bare cell-voltage cut-off is signed as on a cycler: plating needs one below 0 V, stripping one above; named quantities stay magnitudes', () => {
  // refused before the run, naming the step, the value and what would work
  const plate = (() => { try { parseProtocol(['Plate at 1 mA/cm2 until 200 mV']); } catch (e) { return e as InputError; } return undefined; })();
  assert.ok(plate instanceof InputError);
  assert.equal(plate.message, 'protocol[0]: got "Plate at 1 mA/cm2 until 200 mV", expected a plating cut-off below 0 V: plating drives the cell voltage negative, so a cycler would end "until 200 mV" at once; write "until -200 mV" (the cell voltage falls to -200 mV) or "until overpotential 200 mV" (the working electrode\'s)');
  throwsInput(() => parseProtocol(['Plate 0.1 mAh/cm2 at 1 mA/cm2', { repeat: 2, steps: ['Strip at 1 mA/cm2 for 10 s or until -0.5 V'] }]), 'protocol[1].steps[0]', /stripping cut-off above 0 V.*"until 500 mV"/);
  throwsInput(() => parseProtocol(['Hold at -50 mV until 100 mV']), 'protocol[0]', /plating cut-off below 0 V/);
  // what works: the cycler's sign (kept in the text, the limit a magnitude), or a named quantity
  const p = one('Plate at 1 mA/cm2 until -200 mV');
  assert.equal(p.cutoff_on, 'cell_voltage');
  close(p.cutoff_V, 0.2);
  assert.equal(p.text, 'Plate at 1 mA/cm2 until cell voltage -200 mV');
  assert.equal(one('Plate at 1 mA/cm2 until overpotential 200 mV').cutoff_on, 'overpotential');
  close(one('Plate at 1 mA/cm2 until cell voltage 200 mV').cutoff_V, 0.2);
  close(one('Hold at -60 mV until cell voltage 100 mV').cutoff_V, 0.1);
  close(one('Strip at 1 mA/cm2 until 1 V').cutoff_V, 1);
});

test('a named cut-off\'s written sign is meant: one against the step\'s side is refused naming the side and the forms that work; unsigned and agreeing ones keep their meaning (mends66: "Strip ... until cell voltage -1 V" ran until +1 V)', () => {
  const msg = (t: string) => { try { parseProtocol([t]); } catch (e) { assert.ok(e instanceof InputError, String(e)); return e.message; } return undefined; };
  assert.equal(msg('Strip at 1 mA/cm2 until cell voltage -1 V'), 'protocol[0]: got "Strip at 1 mA/cm2 until cell voltage -1 V", expected a stripping cut-off above 0 V: stripping drives the cell voltage positive, so it does not fall to "-1 V" (a cycler would end the step at once); write "until cell voltage 1 V" (the cell voltage rises to +1 V) or "until cell voltage +1 V"');
  assert.equal(msg('Plate at 1 mA/cm2 until cell voltage +200 mV'), 'protocol[0]: got "Plate at 1 mA/cm2 until cell voltage +200 mV", expected a plating cut-off below 0 V: plating drives the cell voltage negative, so it does not rise to "+200 mV" (a cycler would end the step at once); write "until cell voltage -200 mV" (the cell voltage falls to -200 mV) or "until cell voltage 200 mV" (a magnitude, reached on the step\'s side)');
  // the overpotential, U+2212, a plating or stripping Hold, inside a repeat block and after "for ... or"
  assert.match(msg('Strip at 1 mA/cm2 until overpotential −200 mV')!, /expected a stripping cut-off above 0 V: stripping drives the overpotential positive, .*write "until overpotential 200 mV"/);
  assert.match(msg('Hold at 50 mV until cell voltage -100 mV')!, /expected a stripping cut-off above 0 V/);
  assert.match(msg('Hold at -50 mV for 1 s or until cell voltage +100 mV')!, /expected a plating cut-off below 0 V/);
  throwsInput(() => parseProtocol([{ repeat: 2, steps: ['Plate at 1 mA/cm2 for 1 s', 'Strip at 1 mA/cm2 for 10 s or until working-electrode overpotential -0.2 V'] }]), 'protocol[0].steps[1]', /stripping cut-off above 0 V.*"until overpotential 0\.2 V"/);
  // what worked keeps its meaning: unsigned (a magnitude on the step's side) and a sign that agrees
  // a zero cut-off is refused naming the quantity written (review55: "until cell voltage 0 V" was told "an overpotential cut-off")
  assert.equal(msg('Strip at 1 mA/cm2 until cell voltage 0 V'), 'protocol[0]: got "Strip at 1 mA/cm2 until cell voltage 0 V", expected a cell voltage cut-off different from zero, not "0 V" (the cell voltage stands near 0 V at open circuit, so the step would end at once or never; give the value reached on the step\'s side, e.g. "until cell voltage 200 mV", a magnitude)');
  assert.match(msg('Plate at 1 mA/cm2 until 0 mV')!, /expected a cell voltage cut-off different from zero, not "0 mV"/);
  assert.match(msg('Plate at 1 mA/cm2 until overpotential -0 mV')!, /expected an overpotential cut-off different from zero, not "-0 mV" \(the overpotential stands/);
  for (const [t, v] of [['Strip at 1 mA/cm2 until cell voltage 1 V', 1], ['Strip at 1 mA/cm2 until cell voltage +1 V', 1], ['Plate at 1 mA/cm2 until cell voltage -200 mV', 0.2],
    ['Plate at 1 mA/cm2 until cell voltage 200 mV', 0.2], ['Plate at 1 mA/cm2 until overpotential -200 mV', 0.2], ['Hold at -60 mV until cell voltage -100 mV', 0.1], ['Strip at 1 mA/cm2 until 1 V', 1]] as const) {
    close(one(t).cutoff_V, v);
  }
});

test('walkReversals: each step in execution order with its field and whether it is at a current reversal (rests skipped, a repeat block\'s last step before its first, holds counted by their direction)', () => {
  const walked = (list: unknown[], maxPasses?: number) => {
    const out: string[] = [];
    assert.equal(walkReversals(parseProtocol(list), (step, reversal, field) => { out.push(`${field()} ${step.kind}${reversal ? ' R' : ''}`); }, maxPasses === undefined ? {} : { maxPasses }), false, 'walked to the end');
    return out;
  };
  const P = 'Plate 0.001 mAh/cm2 at 1 mA/cm2', S = 'Strip at 1 mA/cm2 until 200 mV', REST = 'Rest for 1 s';
  // plate, rest, strip: the strip reverses the plate across the rest; a plate after a plate does not
  assert.deepEqual(walked([P, REST, S, P, P]), ['protocol[0] plate', 'protocol[1] rest', 'protocol[2] strip R', 'protocol[3] plate R', 'protocol[4] plate']);
  // a strip first reverses nothing (no plate or strip before it)
  assert.deepEqual(walked([REST, S]), ['protocol[0] rest', 'protocol[1] strip']);
  // a repeat block, unrolled: its plate from the second pass on follows its strip (rests at its end skipped); the field is the same each pass
  assert.deepEqual(walked([P, { repeat: 3, steps: [P, REST, S, REST] }]), [
    'protocol[0] plate', 'protocol[1].steps[0] plate', 'protocol[1].steps[1] rest', 'protocol[1].steps[2] strip R', 'protocol[1].steps[3] rest',
    'protocol[1].steps[0] plate R', 'protocol[1].steps[1] rest', 'protocol[1].steps[2] strip R', 'protocol[1].steps[3] rest',
    'protocol[1].steps[0] plate R', 'protocol[1].steps[1] rest', 'protocol[1].steps[2] strip R', 'protocol[1].steps[3] rest']);
  // nested, and cut at two passes a block (the sector scheme's refusal reads no further: a later pass repeats the second's)
  assert.deepEqual(walked([{ repeat: 5, steps: [{ repeat: 4, steps: [S] }, P] }], 2), [
    'protocol[0].steps[0].steps[0] strip', 'protocol[0].steps[0].steps[0] strip', 'protocol[0].steps[1] plate R',
    'protocol[0].steps[0].steps[0] strip R', 'protocol[0].steps[0].steps[0] strip', 'protocol[0].steps[1] plate R']);
  // a single pass: a block's wrap-around is not walked
  assert.deepEqual(walked([{ repeat: 1, steps: [P, S] }]), ['protocol[0].steps[0] plate', 'protocol[0].steps[1] strip R']);
  // holds: a negative overpotential plates, a positive one strips; they reverse and are reversed as plate and strip steps are
  assert.deepEqual(walked([P, 'Hold at 50 mV for 1 s', 'Hold at -50 mV for 1 s', S]), ['protocol[0] plate', 'protocol[1] strip R', 'protocol[2] plate R', 'protocol[3] strip R']);
  // the visitor stops the walk by returning true (the sector scheme's first reversal): the steps after it are not visited
  const seen: string[] = [];
  assert.equal(walkReversals(parseProtocol([P, { repeat: 1000000, steps: [REST, S, P] }]), (step, reversal, field) => { seen.push(field()); return reversal; }), true);
  assert.deepEqual(seen, ['protocol[0]', 'protocol[1].steps[0]', 'protocol[1].steps[1]']);
});

test('a unit with a capital M is the mega prefix: "until 200 MV" (200 megavolts, never reached) is refused with the milli unit it was meant as (review52)', () => {
  // ran as a 2e8 V cut-off: the strip went on until no metal was left instead of ending at 200 mV
  throwsInput(() => parseProtocol(['Strip at 1 mA/cm2 until 200 MV']), 'protocol[0]', /"MV" is the megavolt.*did you mean "200 mV"\?/);
  throwsInput(() => parseProtocol(['Plate at 1 mA/cm2 until -200 MV']), 'protocol[0]', /did you mean "-200 mV"\?/);
  throwsInput(() => parseProtocol(['Hold at -50 MV for 10 s']), 'protocol[0]', /did you mean "-50 mV"\?/);
  throwsInput(() => parseProtocol(['Plate at 1 MA/cm2 for 10 s']), 'protocol[0]', /"MA" is the megaampere.*did you mean "1 mA\/cm2"\?/);
  throwsInput(() => parseProtocol(['Plate 1 MAh/cm2 at 1 mA/cm2']), 'protocol[0]', /did you mean "1 mAh\/cm2"\?/);
  throwsInput(() => parseProtocol(['Rest for 10 Ms']), 'protocol[0]', /did you mean "10 ms"\?/);
  throwsInput(() => parseProtocol(['Pulse at 3 MA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2']), 'protocol[0]', /did you mean "3 mA\/cm2"\?/);
  // the milli units, and a unit without M, as before
  close(one('Strip at 1 mA/cm2 until 200 mV').cutoff_V, 0.2);
  close(one('Strip at 1 mA/cm2 until 5 V').cutoff_V, 5);
  close(one('Rest for 10 ms').duration_s, 0.01);
});

test('a minus sign as papers and word processors write it (U+2212 "−", the en dash "–") reads as "-" in a step\'s numbers and units (review52)', () => {
  // refused before with "not "−200 mV"", which looks the same as what works
  const p = one('Plate at 1 mA/cm2 until −200 mV');
  assert.equal(p.kind, 'plate'); assert.equal(p.cutoff_on, 'cell_voltage'); close(p.cutoff_V, 0.2);
  const h = one('Hold at −50 mV for 10 s');
  assert.equal(h.kind, 'plate'); close(h.overpotential_V, -0.05);
  close(one('Hold at –50 mV for 10 s').overpotential_V, -0.05);
  const c = one('Plate 1 mAh cm−2 at 0.5 mA cm−2');
  close(c.charge_C_per_m2, 36000); close(c.current_A_per_m2, 5);
  close(one('Plate at 1 mA cm–2 for 10 s').current_A_per_m2, 10);
  close(one('Pulse at 3 mA cm−2 for 1 ms, rest 3 ms, 2 mAh cm−2').current_A_per_m2, 30);
  // the sign still decides: a plating cut-off above 0 V is refused as before, a negative current too
  throwsInput(() => parseProtocol(['Strip at 1 mA/cm2 until −200 mV']), 'protocol[0]', /stripping cut-off above 0 V/);
  throwsInput(() => parseProtocol(['Plate at −1 mA/cm2 for 10 s']), 'protocol[0]', /positive current density/);
});

test('a cycler\'s or PyBaMM\'s verb is refused naming the step to write: Charge/Discharge (no direction on a metal electrode), OCV, and a misspelt verb (review52)', () => {
  // they said only "expected a step starting with Plate, Strip, Rest or Hold" and the examples
  throwsInput(() => parseProtocol(['Charge at 1 mA/cm2 for 1 h']), 'protocol[0]', /"Charge" names no direction.*"Plate at 1 mA\/cm2 for 1 h".*"Strip at 1 mA\/cm2 for 1 h"/);
  throwsInput(() => parseProtocol(['Rest for 1 s', 'Discharge at 1 mA/cm2 until 1 V']), 'protocol[1]', /"Discharge" names no direction.*"Strip at 1 mA\/cm2 until 1 V"/);
  throwsInput(() => parseProtocol(['OCV for 1 h']), 'protocol[0]', /did you mean "Rest for 1 h"\?/);
  throwsInput(() => parseProtocol(['Open circuit for 1 h']), 'protocol[0]', /did you mean "Rest for 1 h"\?/);
  throwsInput(() => parseProtocol(['Stirp at 1 mA/cm2 until 1 V']), 'protocol[0]', /did you mean "Strip at 1 mA\/cm2 until 1 V"\?/);
  throwsInput(() => parseProtocol(['Plat 1 mAh/cm2 at 1 mA/cm2']), 'protocol[0]', /did you mean "Plate 1 mAh\/cm2 at 1 mA\/cm2"\?/);
  // the verbs themselves, as before
  assert.equal(one('Plating at 1 mA/cm2 for 1 h').kind, 'plate');
  assert.equal(one('Pause for 1 s').kind, 'rest');
});

test('a unit in the wrong case gets the unit meant ("1 H", "1 v", "-50 mv", "1 MA/CM2"), and "for 2 cycles" the repeat block (review52)', () => {
  // they said only `expected a duration ... not "1 H"`: H is the henry, v and mv no unit
  throwsInput(() => parseProtocol(['Rest for 1 H']), 'protocol[0]', /not "1 H" \(did you mean "1 h"\?\)/);
  throwsInput(() => parseProtocol(['Plate at 1 mA/cm2 for 30 MIN']), 'protocol[0]', /did you mean "30 min"\?/);
  throwsInput(() => parseProtocol(['Strip at 1 mA/cm2 until 1 v']), 'protocol[0]', /did you mean "1 V"\?/);
  throwsInput(() => parseProtocol(['Hold at -50 mv for 10 s']), 'protocol[0]', /did you mean "-50 mV"\?/);
  throwsInput(() => parseProtocol(['Plate at 1 MA/CM2 for 10 s']), 'protocol[0]', /did you mean "1 mA\/cm2"\?/);
  throwsInput(() => parseProtocol(['Plate 1 MAH/CM2 at 1 mA/cm2']), 'protocol[0]', /did you mean "1 mAh\/cm2"\?/);
  throwsInput(() => parseProtocol(['Pulse at 3 MA/CM2 for 1 ms, rest 3 ms, 2 mAh/cm2']), 'protocol[0]', /did you mean "3 mA\/cm2"\?/);
  // a step runs once: cycles are a repeat block
  throwsInput(() => parseProtocol(['Plate at 1 mA/cm2 for 2 cycles']), 'protocol[0]', /not "2 cycles": a step runs once; repeat steps with a block, \{ repeat: 2, steps: \[\.\.\.\] \}/);
  // a unit with no case-insensitive twin: as before, no guess
  throwsInput(() => parseProtocol(['Rest for 1 day']), 'protocol[0]', /expected a duration \(e\.g\. "Rest for 1 s"\), not "1 day"$/);
});

test('a Hold at |overpotential| >= 100 mV is warned about as the working electrode\'s overpotential, not the cell voltage; one beyond 1 V is refused saying the same (mends65: "Hold at 0.5 V for 1 h" stripped 5 of 6 voxels in 5e-6 s)', () => {
  const w = holdWarnings(parseProtocol(['Hold at 0.5 V for 1 h']));
  assert.equal(w.length, 1);
  assert.ok(!w[0]!.includes('\n'), 'one line');
  assert.match(w[0]!, /^warning: protocol\[0\] "Hold at 0\.5 V for 1 h" holds the working electrode's overpotential at \+500 mV against the metal, not a cell voltage of 500 mV: a stripping hold \(a negative overpotential plates, a positive one strips/);
  // it points to the cell-voltage form (cccv)
  assert.match(w[0]!, /; for a cell voltage write "Hold at cell voltage 500 mV"$/);
  const plating = holdWarnings(parseProtocol(['Rest for 1 s', { repeat: 2, steps: ['Hold at -100 mV for 1 s', 'Hold at -99 mV for 1 s'] }]));
  assert.equal(plating.length, 1, plating.join('\n'));
  assert.ok(plating[0]!.startsWith('warning: protocol[1].steps[0] "Hold at -100 mV for 1 s" holds '), plating[0]);
  assert.match(plating[0]!, /at -100 mV against the metal, .*: a plating hold /);
  // a plating overpotential as the examples write it, and galvanostatic steps: no warning
  assert.deepEqual(holdWarnings(parseProtocol(['Hold at -50 mV for 10 s', 'Hold at 99.9 mV for 1 s', 'Strip at 1 mA/cm2 until 500 mV'])), []);
  // PyBaMM's "Hold at 4.2 V" is beyond the limit: the refusal says what a Hold holds
  for (const t of ['Hold at 4.2 V until 0.01 mAh/cm2', 'Hold at -1.5 V for 1 s']) {
    throwsInput(() => checkProtocolLimits(parseProtocol([t])), 'protocol[0]', /from -1000 to 1000 mV against the metal \(got [-0-9.]+ mV\): a Hold step holds the working electrode's overpotential against the metal, not the cell voltage \(a negative overpotential plates, a positive one strips\); a cell-voltage hold is written "Hold at cell voltage 500 mV" \(a half cell's: a full cell's "Hold at 4\.2 V", a cycler's or PyBaMM's, has no counterpart\)$/);
  }
});

test('a current cut-off on a Plate or Strip step and a C-rate are refused saying why (mends65: only the form expected was named; cccv: a Hold takes one)', () => {
  for (const t of ['Strip at 1 mA/cm2 until 1 uA/cm2', 'Plate at 1 mA/cm2 for 1 h or until 0.05 mA/cm2', 'Strip at 1 mA/cm2 until current 0.05 mA/cm2']) {
    throwsInput(() => parseProtocol([t]), 'protocol[0]', /a current cut-off ends a Hold step only \(a Plate or Strip step sets its current with "at": it does not fall\), e\.g\. "Hold at -20 mV until 0\.05 mA\/cm2"/);
  }
  throwsInput(() => parseProtocol(['Strip at 1 mA/cm2 until C/50']), 'protocol[0]', /not "C\/50": a current cut-off ends a Hold step only .* \(and a C-rate needs a capacity, which a half cell's anode does not have\)$/);
  for (const t of ['Plate at 1 C for 1 h', 'Strip at C/10 until 1 V', 'Plate at 0.5C for 1 h', 'Pulse at C/2 for 1 ms, rest 3 ms, 2 mAh/cm2']) {
    throwsInput(() => parseProtocol([t]), 'protocol[0]', /: give the current density in mA\/cm2 \(a C-rate needs a capacity, which a half cell's anode does not have\)$/);
  }
  // a voltage and a charge cut-off still read; a wrong unit gets no such words
  assert.equal(one('Hold at -50 mV until 0.01 mAh/cm2').charge_C_per_m2 !== undefined, true);
  try { parseProtocol(['Plate at 1 mA/cm2 until 3 furlongs']); assert.fail('accepted'); } catch (e) { assert.doesNotMatch((e as Error).message, /current cut-off|C-rate/); }
});

test('a current or a charge without "/cm2" is refused saying the box is per area (review65: "Plate at 1 mA for 1 h" was told only the form expected)', () => {
  const perArea = (kind: string) => new RegExp(`: a ${kind}, not per area: the box is a small piece of an electrode, so its`);
  for (const t of ['Plate at 1 mA for 1 h', 'Strip at 2 uA until 200 mV', 'Pulse at 3 mA for 1 ms, rest 3 ms, 0.01 mAh/cm2']) {
    throwsInput(() => parseProtocol([t]), 'protocol[0]', perArea('current'));
  }
  for (const t of ['Plate 0.01 mAh at 1 mA/cm2', 'Plate at 1 mA/cm2 for 0.01 mAh', 'Strip at 1 mA/cm2 until 0.01 mAh', 'Hold at -50 mV until 0.01 mAh', 'Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.01 mAh']) {
    throwsInput(() => parseProtocol([t]), 'protocol[0]', perArea('charge'));
  }
  // the per-area forms read; a unit of neither kind gets no such words
  assert.equal(one('Plate at 1 mA/cm2 for 0.01 mAh/cm2').charge_C_per_m2, 360);
  try { parseProtocol(['Plate at 1 furlong for 1 h']); assert.fail('accepted'); } catch (e) { assert.doesNotMatch((e as Error).message, /per area/); }
});

test('a Hold step\'s current cut-off: "until 0.05 mA/cm2" (with a time or a charge), its text "until current ...", and bad values refused naming the value and the form (cccv)', () => {
  const h = one('Hold at -20 mV until 0.05 mA/cm2');
  assert.equal(h.control, 'potentiostatic'); assert.equal(h.kind, 'plate');
  close(h.current_cutoff_A_per_m2, 0.5); // 0.05 mA/cm2 = 0.5 A/m2
  assert.equal(h.duration_s, undefined); assert.equal(h.cutoff_V, undefined);
  assert.equal(h.text, 'Hold at -20 mV until current 0.05 mA/cm2');
  const ht = one('Hold at -20 mV until 0.05 mA/cm2 or for 1 h');
  close(ht.current_cutoff_A_per_m2, 0.5); close(ht.duration_s, 3600);
  const hq = one('Hold at 20 mV for 0.01 mAh/cm2 or until 50 uA/cm2');
  assert.equal(hq.kind, 'strip'); close(hq.current_cutoff_A_per_m2, 0.5); close(hq.charge_C_per_m2, 36 * 10);
  assert.equal(hq.text, 'Hold at 20 mV for 0.01 mAh/cm2 or until current 50 uA/cm2');
  // the written-out form reads the same; other units of a current density too
  close(one('Hold at -20 mV until current 0.05 mA/cm2').current_cutoff_A_per_m2, 0.5);
  close(one('Hold at -20 mV for 10 s or until 0.5 A/m2').current_cutoff_A_per_m2, 0.5);
  // the canonical text of the step object parses back to the same cut-off
  for (const s of [h, ht, hq]) {
    const again = one(stepObject(s).text());
    close(again.current_cutoff_A_per_m2, s.current_cutoff_A_per_m2!);
    assert.equal(again.duration_s, s.duration_s); assert.equal(again.charge_C_per_m2, s.charge_C_per_m2);
    assert.deepEqual(stepTerminations(s).map((t) => t.kind).at(-1), 'current');
  }
  // bad values: negative, zero (its magnitude, the hold's direction gives the sign), a C-rate, a current, no number
  for (const t of ['Hold at -20 mV until -0.05 mA/cm2', 'Hold at -20 mV until 0 mA/cm2', 'Hold at 20 mV for 1 h or until current -1 uA/cm2']) {
    throwsInput(() => parseProtocol([t]), 'protocol[0]', /expected a current cut-off greater than zero, not "-?[\d.]+ (?:mA|uA)\/cm2" \(its magnitude: the step ends when the current in the hold's direction falls to it; a negative overpotential plates, a positive one strips\)$/);
  }
  throwsInput(() => parseProtocol(['Hold at -20 mV until C/50']), 'protocol[0]', /not "C\/50": a current cut-off is a current density, e\.g\. "until 0\.05 mA\/cm2" \(a C-rate needs a capacity, which a half cell's anode does not have\)$/);
  throwsInput(() => parseProtocol(['Hold at -20 mV until 1 uA']), 'protocol[0]', /not "1 uA": a current cut-off is a current density, e\.g\. "until 0\.05 mA\/cm2" \(the box is a small piece of an electrode: its current is per area\)$/);
  throwsInput(() => parseProtocol(['Hold at -20 mV until current 5 mV']), 'protocol[0]', /expected a current density after "until current" \(e\.g\. "until current 0\.05 mA\/cm2"\), not "5 mV"$/);
  throwsInput(() => parseProtocol(['Hold at -20 mV until current']), 'protocol[0]', /expected a current density after "until current", e\.g\. "until current 0\.05 mA\/cm2"$/);
  throwsInput(() => parseProtocol(['Hold at -20 mV until 0.05 ma/cm2']), 'protocol[0]', /not "0\.05 ma\/cm2" \(did you mean "0\.05 mA\/cm2"\?\)$/);
  throwsInput(() => parseProtocol(['Hold at -20 mV until 0.05 MA/cm2']), 'protocol[0]', /"MA" is the megaampere .*did you mean "0\.05 mA\/cm2"\?$/);
});

test('"Hold at cell voltage -100 mV" holds the cell voltage; a bare "Hold at 0.5 V" still holds the overpotential (cccv)', () => {
  const c = one('Hold at cell voltage -100 mV for 2 s');
  assert.equal(c.control, 'potentiostatic'); assert.equal(c.kind, 'plate');
  close(c.held_cell_voltage_V, -0.1); assert.equal(c.overpotential_V, undefined); close(c.duration_s, 2);
  const s = one('hold at cell voltage 0.5 V until 0.01 mAh/cm2');
  assert.equal(s.kind, 'strip'); close(s.held_cell_voltage_V, 0.5);
  close(one('Hold at cell voltage 20 mV for 1 s or until 0.05 mA/cm2').current_cutoff_A_per_m2, 0.5);
  // the canonical text parses back to the same hold
  for (const x of [c, s]) assert.deepEqual({ ...one(stepObject(x).text()), text: '' }, { ...x, text: '' });
  assert.equal(stepObject(c).text(), 'Hold at cell voltage -100 mV for 2 s');
  // compatibility: a bare voltage (and "at overpotential") is the working electrode's overpotential, as before
  const b = one('Hold at 0.5 V for 1 h');
  close(b.overpotential_V, 0.5); assert.equal(b.held_cell_voltage_V, undefined);
  close(one('Hold at overpotential -50 mV for 1 s').overpotential_V, -0.05);
  // refused naming the value and the form
  throwsInput(() => parseProtocol(['Hold at cell voltage 0 mV for 1 s']), 'protocol[0]', /a non-zero cell voltage \(negative = plating, positive = stripping\); use "Rest for" for none$/);
  throwsInput(() => parseProtocol(['Hold at cell voltage for 1 s']), 'protocol[0]', /a voltage after "at cell voltage", e\.g\. "Hold at cell voltage -100 mV"$/);
  throwsInput(() => parseProtocol(['Hold at cell voltage 1 mA/cm2 for 1 s']), 'protocol[0]', /a cell voltage after "at cell voltage" \(e\.g\. "Hold at cell voltage -100 mV"\), not "1 mA\/cm2"/);
  throwsInput(() => parseProtocol(['Hold at cell voltage -100 mV until cell voltage 50 mV']), 'protocol[0]', /a charge, time or current limit on a cell-voltage Hold step \(its cell voltage is held\)/);
  throwsInput(() => checkProtocolLimits(parseProtocol(['Hold at cell voltage 4.2 V for 1 h'])), 'protocol[0]', /expected a cell voltage from -1000 to 1000 mV \(got 4200 mV\): the cell is the metal against itself .* has no counterpart$/);
  // no overpotential warning for a cell-voltage hold
  assert.deepEqual(holdWarnings(parseProtocol(['Hold at cell voltage 500 mV for 1 s'])), []);
});

test('a time in several units or as h:mm:ss is refused with the same time in one unit (mends65: "1 min 30 s" got no suggestion)', () => {
  const cases: [string, string][] = [
    ['Plate at 1 mA/cm2 for 1 min 30 s', '90 s'],
    ['Plate at 1 mA/cm2 for 2 h 30 min', '150 min'],
    ['Rest for 1:00:00', '1 h'],
    ['Rest for 0:01:30', '90 s'],
    ['Rest for 1 hour 30 minutes', '90 min'],
    ['Hold at -50 mV for 1h 0min 10s', '3610 s'],
    ['Pulse at 3 mA/cm2 for 1 s 500 ms, rest 3 ms, 2 mAh/cm2', '1.5 s'],
  ];
  for (const [t, want] of cases) throwsInput(() => parseProtocol([t]), 'protocol[0]', new RegExp(`\\(a time in one unit: did you mean "${want}"\\?\\)$`));
  // and the suggestion reads
  close(one('Plate at 1 mA/cm2 for 90 s').duration_s, 90);
  close(one('Rest for 150 min').duration_s, 9000);
});

test('a protocol whose net plated charge does not fit the box at dense packing is warned about before the run, with the charge that fits, the height needed and the fix (review66: 1 mAh/cm2 on a 10-voxel-tall box ended box_full at 0.0082 after the run)', () => {
  const t0 = process.cpuUsage();
  const box = (protocol: unknown[], size: [number, number, number] = [16, 16, 10], extra: Record<string, unknown> = {}) =>
    runInputWarnings(parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size, voxel: '10 nm' }, protocol, ...extra }));
  // dense Li: the metal's atomic volume per electron, m per (C/m2); 1 mAh/cm2 = 36,000 C/m2 (the README's 4.77 um)
  const run = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 10], voxel: '10 nm' }, protocol: ['Rest for 1 s'] });
  const umPerMAh = (run.metal.atomicVolume_m3 / (run.metal.z * 1.602176634e-19)) * 36000 * 1e6;
  assert.ok(Math.abs(umPerMAh - 4.77) < 0.005, `${umPerMAh} um per mAh/cm2`);
  // 10 layers, 1 of host, a plate ends box_full when the deposit reaches layer 8 (nz - 2): 7 layers, 70 nm, hold
  const fits = 0.07 / umPerMAh; // mAh/cm2
  const sig = (v: number) => String(Number(v.toPrecision(3)));
  const w = box(['Plate 1 mAh/cm2 at 1 mA/cm2']);
  assert.equal(w.length, 1, w.join('\n'));
  assert.ok(!w[0]!.includes('\n'), 'one line');
  assert.ok(w[0]!.startsWith('warning: protocol[0] "Plate 1 mAh/cm2 at 1 mA/cm2" plates more than the box holds: '), w[0]);
  assert.ok(w[0]!.includes(`reaches 1 mAh/cm2, ${sig(umPerMAh)} um of Li at dense packing`), w[0]);
  assert.ok(w[0]!.includes(`the box has 70 nm above its host (7 layers of 10 nm`), w[0]);
  assert.ok(w[0]!.includes(`room for ${sig(fits)} mAh/cm2: give lattice.size z at least ${Math.ceil(umPerMAh * 100) + 3} (now 10), or plate at most ${sig(fits)} mAh/cm2 net`), w[0]);
  assert.match(w[0]!, /A lower bound: a porous deposit fills the box sooner/);
  // just under and just over what 7 dense layers hold
  assert.deepEqual(box([`Plate ${fits * 0.99} mAh/cm2 at 1 mA/cm2`]), []);
  assert.equal(box([`Plate ${fits * 1.02} mAh/cm2 at 1 mA/cm2`]).length, 1);
  // strips subtract: 0.002 mAh/cm2 net a cycle passes what fits in cycle 4 (0.01 + 3 x 0.002 = 0.016), the peak 0.028 after 10
  const cyc = box([{ repeat: 10, steps: ['Plate 0.01 mAh/cm2 at 1 mA/cm2', 'Strip 0.008 mAh/cm2 at 1 mA/cm2'] }]);
  assert.equal(cyc.length, 1, cyc.join('\n'));
  assert.ok(cyc[0]!.startsWith('warning: protocol[0].steps[0] (cycle 4 of 10) "Plate 0.01 mAh/cm2 at 1 mA/cm2" plates more than the box holds: the protocol\'s net plated charge reaches 0.028 mAh/cm2'), cyc[0]);
  // a strip to a cut-off strips all (a lower bound), a Hold and a plate ending only at a cut-off count nothing, a rest nothing
  assert.deepEqual(box([{ repeat: 10, steps: ['Plate 0.01 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s', 'Strip at 1 mA/cm2 until 200 mV'] }]), []);
  assert.deepEqual(box(['Hold at -50 mV for 1 h', 'Plate at 1 mA/cm2 until -500 mV', 'Hold at cell voltage -100 mV until 1 mAh/cm2']), []);
  // a plate by its time (1 mA/cm2 for 1 min = 0.0167 mAh/cm2)
  assert.equal(box(['Plate at 1 mA/cm2 for 1 min']).length, 1);
  // a separator 50 nm above the host in a box 40 layers tall: the deposit may rise 4 layers (it touches the plane at layer 5)
  const sep = box(['Plate 0.01 mAh/cm2 at 1 mA/cm2'], [16, 16, 40], { electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate', cell: { separator_distance: '50 nm' } });
  assert.equal(sep.length, 1, sep.join('\n'));
  assert.ok(sep[0]!.includes(`room for ${sig(0.04 / umPerMAh)} mAh/cm2: give cell.separator_distance at least 60 nm (now 50 nm), or plate`), sep[0]);
  // a separator above a box too short: a taller box would bring it in, so both are named (48 dense layers for 0.1 mAh/cm2)
  const both = box(['Plate 0.1 mAh/cm2 at 1 mA/cm2'], [16, 16, 10], { electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate', cell: { separator_distance: '80 nm' } });
  assert.ok(both[0]?.includes(`give cell.separator_distance at least ${(Math.ceil(umPerMAh * 10) + 1) * 10} nm (now 80 nm) and lattice.size z at least ${Math.ceil(umPerMAh * 10) + 3} (now 10)`), both.join('\n'));
  // the README's Na run file (32 x 32 x 30 voxels of 10 nm, 0.002 mAh/cm2, 17 nm): it fits
  assert.deepEqual(runInputWarnings(parseRunInput({ metal: 'Na', host: 'carbon-cloth', lattice: { size: [32, 32, 30], voxel: '10 nm' },
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s', 'Strip at 1 mA/cm2 until 200 mV'] })), []);
  // a million cycles (2e6 steps) are checked without walking them
  // (CPU time, not wall time: a wall-clock bound failed at 200.5 ms on a machine at load 18; walking the 2e6 steps
  // costs seconds of CPU, the closed form a few ms)
  const t1 = process.cpuUsage();
  assert.equal(box([{ repeat: 1_000_000, steps: ['Plate at 1 mA/cm2 for 1 s', 'Strip at 0.99 mA/cm2 for 1 s'] }]).length, 1);
  const c1 = process.cpuUsage(t1);
  assert.ok(c1.user + c1.system < 250_000, `${(c1.user + c1.system) / 1000} ms of CPU`);
  const cpu = process.cpuUsage(t0);
  assert.ok(cpu.user + cpu.system < 1e6, `${(cpu.user + cpu.system) / 1e6} s of CPU`);
});

test('a --sectors run\'s box is warned about with the sector scheme\'s room, one layer less than the serial run\'s (it ends box_full with its top at nz - 3: parallel/sector-worker.ts; boxfit counted the serial nz - 2; mends83)', () => {
  const run = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 10], voxel: '10 nm' }, protocol: ['Rest for 1 s'] });
  const umPerMAh = (run.metal.atomicVolume_m3 / (run.metal.z * 1.602176634e-19)) * 36000 * 1e6;
  const sig = (v: number) => String(Number(v.toPrecision(3)));
  // 10 layers, 1 of host: the serial run holds 7 dense layers, the sector run 6 (its top stops at layer 7 = nz - 3)
  const between = (6.5 * 0.01) / umPerMAh; // mAh/cm2: 6.5 layers of 10 nm
  const plate = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 10], voxel: '10 nm' }, protocol: [`Plate ${between} mAh/cm2 at 1 mA/cm2`] });
  assert.deepEqual(runInputWarnings(plate), [], 'the serial run has room');
  const w = runInputWarnings(plate, { sectors: true });
  assert.equal(w.length, 1, w.join('\n'));
  assert.ok(w[0]!.includes('the box has 60 nm above its host (6 layers of 10 nm up to 3 layers under its top, where a sector run (--sectors) ends box_full)'), w[0]);
  assert.ok(w[0]!.includes(`room for ${sig(0.06 / umPerMAh)} mAh/cm2: give lattice.size z at least 11 (now 10)`), w[0]);
  // just under what 6 dense layers hold: no line for the sector run either
  assert.deepEqual(runInputWarnings(parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 10], voxel: '10 nm' }, protocol: [`Plate ${(0.06 / umPerMAh) * 0.99} mAh/cm2 at 1 mA/cm2`] }), { sectors: true }), []);
});

test('mends117 (review86 F4): a Pulse step split at its commas by a YAML flow list is named as such, with a block list or quoting as the fix', async () => {
  const { parseYamlText } = await import('../src/input/parse.js');
  const doc = parseYamlText('protocol: [Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.0002 mAh/cm2, Rest for 1 s]\n', 'flow.yaml') as { protocol: unknown };
  assert.equal((doc.protocol as unknown[]).length, 4); // YAML made 4 items of the 2 steps
  let msg = '';
  try { parseProtocol(doc.protocol); } catch (e) { assert.ok(e instanceof InputError); msg = e.message; }
  assert.ok(msg.startsWith('protocol[0]: got "Pulse at 3 mA/cm2 for 1 ms"'), msg);
  assert.match(msg, /split at its commas, as a YAML flow list/);
  assert.match(msg, /block list \(one "- " line per step\) or quote the step \('Pulse at 3 mA\/cm2 for 1 ms, rest 3 ms, 0\.0002 mAh\/cm2'\)/);
  // the fix it names works: the quoted step in the flow list, and the block list
  const quoted = parseYamlText(`protocol: [${/quote the step \(('[^']+')\)/.exec(msg)![1]}, Rest for 1 s]\n`, 'q.yaml') as { protocol: unknown };
  assert.equal(parseProtocol(quoted.protocol).length, 2);
  const block = parseYamlText('protocol:\n  - Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.0002 mAh/cm2\n  - Rest for 1 s\n', 'b.yaml') as { protocol: unknown };
  assert.equal(parseProtocol(block.protocol).length, 2);
  // inside a repeat block too; a lone bad Pulse (no "rest" item after it) keeps its own message
  const rep = parseYamlText('protocol: [{ repeat: 2, steps: [Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.0002 mAh/cm2] }]\n', 'r.yaml') as { protocol: unknown };
  throwsInput(() => parseProtocol(rep.protocol), 'protocol[0].steps[0]', /split at its commas/);
  assert.throws(() => parseProtocol(['Pulse at 3 mA/cm2 for 1 ms', 'Rest for 1 s']), (e: unknown) => e instanceof InputError && !/split at its commas/.test(e.message) && /Pulse at <current density>/.test(e.message));
});

test('robust61: a pulse train of absurdly many pulses or absurdly long off time in total is refused before the run (it ran past 4 GB and died, deaf to Ctrl-C)', () => {
  // "for 1e-300 ms, rest 3 ms, 2 mAh/cm2": 2.4e306 pulses, 7.2e303 s of off time; on main it was taken, ran 271 s to
  // 4.6 GB and ended in a fatal out-of-memory (a native stack), and ignored SIGINT (every rest ended by its clock)
  throwsInput(() => one('Pulse at 3 mA/cm2 for 1e-300 ms, rest 3 ms, 2 mAh/cm2'), 'protocol[0]', /at most 1e7 pulses.*"1e-300 ms"/);
  // many pulses with off times so short their total passes the rest cap's check: the count alone is refused
  throwsInput(() => one('Pulse at 3 mA/cm2 for 1e-300 ms, rest 1e-300 ms, 2 mAh/cm2'), 'protocol[0]', /at most 1e7 pulses/);
  // a few pulses whose off times add up past 1e9 s (the cap of one rest): 2e4 pulses of 1e6 s off = 2e10 s
  throwsInput(() => one('Pulse at 3 mA/cm2 for 1 s, rest 1e6 s, 16.7 mAh/cm2'), 'protocol[0]', /off times of at most 1e9 s in total/);
  // the docs' example (2.4e6 pulses, 7200 s off) and a train just under each cap stay allowed
  assert.equal(one('Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2').pulse?.on_s, 1e-3);
  assert.equal(one('Pulse at 3 mA/cm2 for 1 s, rest 4e4 s, 16.7 mAh/cm2').pulse?.off_s, 4e4); // 2.0e4 pulses, 8.0e8 s off
});
