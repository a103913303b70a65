/**
 * The protocol language: PyBaMM-experiment-style strings plus YAML repeat blocks.
 *
 *   Plate at 1 mA/cm2 for 10 s              galvanostatic, ends after a time
 *   Plate 0.01 mAh/cm2 at 1 mA/cm2          galvanostatic, ends after a charge
 *   Plate at 1 mA/cm2 for 0.01 mAh/cm2      same
 *   Strip at 1 mA/cm2 until 200 mV          ends at a cell-voltage cut-off, signed as on a cycler (the text becomes "until cell voltage 200 mV")
 *   Plate at 1 mA/cm2 until -200 mV         plating: the cell voltage goes below 0 V ("until 200 mV" is refused: a cycler ends it at once)
 *   Plate at 1 mA/cm2 until cell voltage 200 mV   a named quantity without a sign is a magnitude reached on the step's side (here -200 mV)
 *   Strip at 1 mA/cm2 until cell voltage -1 V    refused: a sign written is meant, and one against the step's side is named (mends66)
 *   Strip at 1 mA/cm2 until overpotential 200 mV   ends at a working-electrode overpotential cut-off
 *   Strip at 1 mA/cm2 for 180 s or until 200 mV   the first end condition reached ends the step
 *   Rest for 1 s
 *   Hold at -50 mV for 10 s                 potentiostatic: negative = plating, positive = stripping
 *   Hold at -50 mV until 0.01 mAh/cm2       potentiostatic, ends after a charge
 *   Hold at cell voltage -100 mV for 10 s   holds the cell voltage (the overpotential solved at each change of the box's rates)
 *   Hold at -20 mV until 0.05 mA/cm2        potentiostatic, ends when its current falls to 0.05 mA/cm2 (windows of the
 *                                           time 10 voxels take at 0.05 mA/cm2: input/termination.ts; the text becomes "until current 0.05 mA/cm2")
 *   Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2   pulse plating: on 1 ms, off 3 ms, until 2 mAh/cm2 passed
 *   - repeat: 20
 *     steps: [ ..., ... ]                   nested repeats allowed
 *
 * Verbs are case-insensitive (plate/plating/deposit, strip/stripping, rest/pause, hold); units
 * are flexible (s, min, h, hours; mAh/cm2, uAh/cm2, C/cm2; mA/cm2, A/m2; mV, V). Every problem is
 * a one-line InputError naming the entry, e.g. `protocol[1].steps[1]`.
 */
import { InputError } from '../errors.js';
import { C_PER_M2_PER_MAH_PER_CM2, NotFiniteError, notFiniteNumber, parseQuantity, type KindName } from '../units.js';
import type { ProtocolEntry, ProtocolStep, RepeatBlock } from './types.js';
import { keywordTypo, nearestWord } from './hints.js';
import { refuseUnknownKeys } from '../args.js';
import { VOLTAGE_CUTOFF_DEFAULT, VOLTAGE_WORDS, explicitUntil, splitVoltageQualifier, type VoltageQuantity } from './termination.js';

/** the keys of a repeat block */
const REPEAT_KEYS = ['repeat', 'steps'];

const VERBS: Record<string, 'plate' | 'strip' | 'rest' | 'hold'> = {
  plate: 'plate', plating: 'plate', deposit: 'plate',
  strip: 'strip', stripping: 'strip', dissolve: 'strip',
  rest: 'rest', pause: 'rest',
  hold: 'hold',
};

/** A number as a step text writes it (no float noise: 0.2 V -> "200"). */
const fmtNumber = (x: number): string => String(Number(x.toPrecision(6)));

/**
 * The longest rest (a Rest step, a pulse's off time), s: 1e9 s is about 32 years, longer than any cell rests. A rest
 * costs wall time in proportion to its length even with nothing to react (about 1.6 s per 1e6 s on an 8^3 box of
 * Li on Cu, branch mends28: docs/parameters.md), so "Rest for 1e300 s" ran until cancelled; it is refused before the run.
 */
export const MAX_REST_S = 1e9;
/** The most pulses of one Pulse step (robust61): ten times the repeat cap, four times the 2.4e6 of the docs' example
 * ("for 1 ms, rest 3 ms, 2 mAh/cm2"); the trace keeps three rows a pulse, so 1e7 pulses are tens of millions of rows. */
export const MAX_PULSES = 1e7;
/** A count or a time in three figures ("2.4e+306" as "2.40e306", 20040 as "20040"). */
const fmtCount = (x: number): string => (x < 1e6 ? String(Math.round(x)) : x.toExponential(2).replace('e+', 'e'));
const restTooLong = (v: number, q: string, what: string): string | undefined =>
  v > MAX_REST_S ? `${what} of at most 1e9 s (about 32 years: a rest's cost grows with its length), not "${q}"` : undefined;

/** What a step's quantity should be when its number is not finite ("1e400 mA/cm2", "inf mA/cm2": the unit is right), else undefined. */
function beyondDouble(q: string, what: string): string | undefined {
  const over = notFiniteNumber(q);
  return over === undefined ? undefined : `${what}, not "${q}" (${over.why})`;
}

/** what the mega prefix of a step's unit names (M before these symbols) */
const MEGA_NAMES: Record<string, string> = { Ah: 'megaampere hour', V: 'megavolt', A: 'megaampere', s: 'megasecond', C: 'megacoulomb' };
const MEGA_RE = /(^|[^A-Za-z])M(Ah|V|A|s|C)(?![A-Za-z])/;

/**
 * A step quantity whose unit has the mega prefix ("200 MV", "1 MA/cm2", "10 Ms"): no cell sees a megavolt or a megaampere, so
 * it is the milli unit typed with a capital (caps lock, a phone's capitalisation). "until 200 MV" ran as a 2e8 V cut-off
 * (never reached: the strip went on until no metal was left) (review52). Returns the hint, or undefined.
 */
function megaTypo(q: string): string | undefined {
  const m = MEGA_RE.exec(q);
  if (!m) return undefined;
  return `"M${m[2]}" is the ${MEGA_NAMES[m[2]!]} (M = mega, 1e6); did you mean "${q.trim().replace(MEGA_RE, '$1m$2')}"?`;
}

/** the usual spellings of a step's units, for a unit written in the wrong case ("1 H", "1 v", "1 MA/CM2") */
const UNIT_SPELLINGS: Partial<Record<QKind, string[]>> = {
  time: ['s', 'ms', 'min', 'h'],
  voltage: ['mV', 'V'],
  currentDensity: ['mA/cm2', 'uA/cm2', 'A/m2', 'A/cm2', 'mA cm-2'],
  arealCapacity: ['mAh/cm2', 'uAh/cm2', 'C/cm2', 'C/m2', 'mAh cm-2'],
};

/**
 * " (did you mean "1 h"?)" when a refused quantity's unit is, case aside, a unit of one of `kinds` ("1 H" is a henry,
 * "1 v" and "-50 mv" no unit), else "" (review52: they got only the kind and an example).
 */
function unitCaseHint(q: string, kinds: readonly QKind[]): string {
  const t = q.trim();
  const m = /^([-+]?[\d.,]+(?:[eE][-+]?\d+)?)\s*(.+)$/.exec(t);
  if (!m) return '';
  const unit = m[2]!.replace(/\s+/g, ' ').toLowerCase();
  for (const k of kinds) {
    for (const u of UNIT_SPELLINGS[k] ?? []) if (u.toLowerCase() === unit && u !== m[2]) return ` (did you mean "${m[1]} ${u}"?)`;
  }
  return '';
}

/** seconds per time unit of a compound time (after normaliseUnits: "hours" is "h") */
const TIME_UNIT_S: Record<string, number> = { h: 3600, min: 60, s: 1, ms: 1e-3 };

/**
 * " (did you mean "90 s"?)" for a time written in several units ("1 min 30 s", "2 h 30 min") or as h:mm:ss ("1:00:00"),
 * which a step does not read, with the same time in one unit (the largest that gives a whole number); else "" (review52:
 * refused with no suggestion).
 */
export function compoundTimeHint(q: string): string {
  const t = normaliseUnits(q).trim();
  let total: number | undefined;
  const clock = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (clock) total = Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  else if (/^(?:\d+(?:\.\d+)?\s*(?:h|min|s|ms)\s*){2,4}$/.test(t)) {
    const parts = [...t.matchAll(/(\d+(?:\.\d+)?)\s*(h|min|s|ms)/g)];
    total = parts.reduce((a, m) => a + Number(m[1]) * TIME_UNIT_S[m[2]!]!, 0);
  }
  if (total === undefined || !(total > 0)) return '';
  const unit = ['h', 'min', 's'].find((u) => Number.isInteger(Number((total! / TIME_UNIT_S[u]!).toPrecision(9)))) ?? 's';
  return ` (a time in one unit: did you mean "${fmtNumber(total / TIME_UNIT_S[unit]!)} ${unit}"?)`;
}

/** a C-rate as cyclers and PyBaMM write it: "1 C", "0.5C", "C/10", "C / 50" */
const C_RATE_RE = /^(?:\d+(?:[.,]\d+)?\s*C|C\s*\/\s*\d+(?:[.,]\d+)?)$/;
const C_RATE_WHY = 'a C-rate needs a capacity, which a half cell\'s anode does not have';

/** "Pulse at <j> for <on>, rest <off>, <capacity>": galvanostatic plating in pulses (input/protocol.ts). */
function parsePulse(text: string, field: string): ProtocolStep {
  const fail = (why: string): never => { throw new InputError(field, text, why); };
  const m = /^\s*pulse\s+at\s+([^,]+?)\s+for\s+([^,]+?)\s*,\s*rest\s+([^,]+?)\s*,\s*([^,]+?)\s*$/i.exec(normaliseUnits(text));
  if (!m) fail('"Pulse at <current density> for <on time>, rest <off time>, <areal capacity>", e.g. "Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2"');
  const q = (s: string, kind: QKind, what: string, example: string) => {
    const c = classify(s);
    // "at 1e400 mA/cm2" said "a positive current density": the number is beyond a double's range (a wrong unit is said first)
    const over = c?.kind === kind ? beyondDouble(s, `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} with a finite number (e.g. ${example})`) : undefined;
    if (over) fail(over);
    const mega = c?.kind === kind ? megaTypo(s) : undefined;
    if (mega) fail(`${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} (e.g. ${example}), not "${s}": ${mega}`);
    if (!c || c.kind !== kind || !(c.value > 0)) fail(`a positive ${what} (e.g. ${example}), not "${s}"${c?.kind === kind ? '' : unitCaseHint(s, [kind]) || (kind === 'time' ? compoundTimeHint(s) : unsupported(s, c?.kind, [kind]))}`);
    return c!.value;
  };
  const j = q(m![1]!, 'currentDensity', 'current density after "at"', '3 mA/cm2');
  const on = q(m![2]!, 'time', 'on time after "for"', '1 ms');
  const off = q(m![3]!, 'time', 'off time after "rest"', '3 ms');
  const long = restTooLong(off, m![3]!, 'an off time after "rest"'); if (long) fail(long);
  const charge = q(m![4]!, 'arealCapacity', 'areal capacity to pass', '2 mAh/cm2');
  // robust61: the train's size. "for 1e-300 ms, rest 3 ms, 2 mAh/cm2" (2.4e306 pulses) was taken: its rests ran back to
  // back, each ending by its clock (so a Ctrl-C was never seen), its trace grew past 4 GB and the process died out of memory
  const pulses = Math.ceil(charge / (j * on) - 1e-9);
  if (!(pulses <= MAX_PULSES)) fail(`a train of at most 1e7 pulses (the charge / (current x on time)); this one is ${fmtCount(pulses)} pulses of "${m![2]!}" at "${m![1]!}" for "${m![4]!}": give a longer on time or a smaller charge`);
  const offTotal = (pulses - 1) * off;
  if (offTotal > MAX_REST_S) fail(`off times of at most 1e9 s in total (the cap of one rest: a rest's cost grows with its length); this train's ${fmtCount(pulses)} pulses rest ${fmtCount(offTotal)} s: give a shorter off time or fewer pulses`);
  return { kind: 'plate', control: 'galvanostatic', current_A_per_m2: j, charge_C_per_m2: charge, pulse: { on_s: on, off_s: off }, text: text.trim() };
}

const EXAMPLES = '"Plate at 1 mA/cm2 for 10 s", "Plate 0.01 mAh/cm2 at 1 mA/cm2", "Strip at 1 mA/cm2 until 200 mV", ' +
  '"Rest for 1 s", "Hold at -50 mV for 10 s", or { repeat: N, steps: [...] }';

/**
 * Normalises spelled-out time units ("10 minutes" -> "10 min") and the minus sign as papers and word processors write
 * it: U+2212 ("−200 mV", "mA cm−2") and the en dash ("–50 mV") are "-" (review52: they were refused with a message
 * quoting a value that looks the same as one that works).
 */
function normaliseUnits(t: string): string {
  return t
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/\b(hours?|hrs?)\b/gi, 'h')
    .replace(/\b(minutes?|mins)\b/gi, 'min')
    .replace(/\b(milliseconds?|msecs?)\b/gi, 'ms')
    .replace(/\b(seconds?|secs?)\b/gi, 's');
}

type QKind = 'time' | 'arealCapacity' | 'voltage' | 'currentDensity' | 'current' | 'charge';
const TRY_KINDS: QKind[] = ['time', 'arealCapacity', 'voltage', 'currentDensity', 'current', 'charge'];

/**
 * What kind of quantity a text is, and its canonical value; undefined when it is none of them. A number beyond a
 * double's range in a unit of the kind ("1e400 mA/cm2") is of that kind, its value infinite.
 */
function classify(text: string): { kind: QKind; value: number } | undefined {
  for (const k of TRY_KINDS) {
    try {
      return { kind: k, value: parseQuantity('x', text, k as KindName) };
    } catch (e) {
      if (e instanceof NotFiniteError) return { kind: k, value: Infinity };
      /* try the next kind */
    }
  }
  return undefined;
}

/** the verbs a misspelt one is matched against ("Stirp", "Plat") */
const VERB_WORDS = ['Plate', 'Strip', 'Rest', 'Hold', 'Pulse', 'Plating', 'Stripping', 'Deposit', 'Dissolve', 'Pause'];

/**
 * What to write instead of a step's unknown first word, or undefined (review52: "Charge at 1 mA/cm2 for 1 h", "OCV for
 * 1 h" and "Stirp at ..." were told only the verbs and the examples). Charge and discharge name no direction for the
 * metal electrode: charging a full cell plates its metal anode, while a cycler's charge of a Li||Cu cell strips the
 * metal from the Cu; so both readings are offered, never one guessed.
 */
function verbHint(word: string, after: string): string | undefined {
  const w = word.toLowerCase();
  const rest = after.trim();
  if (/^(dis)?charg(e|ing)$/.test(w)) {
    const why = w.startsWith('dis')
      ? "discharging a full cell strips its metal anode; a cycler's discharge of a Li||Cu cell plates metal on the Cu"
      : "charging a full cell plates its metal anode; a cycler's charge of a Li||Cu cell strips the metal from the Cu";
    return `"${word}" names no direction for the metal electrode (${why}): write "Plate ${rest}" (metal deposits on the working electrode) or "Strip ${rest}" (it dissolves)`;
  }
  const open = w === 'open' ? /^circuit\b\s*(.*)$/is.exec(rest) : null;
  if (open || ['ocv', 'ocp', 'relax', 'wait'].includes(w)) return `did you mean "Rest ${open ? open[1]! : rest}"? (open circuit is a Rest step)`;
  const near = nearestWord(word, VERB_WORDS);
  return near === undefined ? undefined : `did you mean "${near} ${rest}"?`;
}

/** what a current cut-off is, for the refusals of one a Plate or Strip step carries */
const CURRENT_CUTOFF_HOLD_ONLY = 'a current cut-off ends a Hold step only (a Plate or Strip step sets its current with "at": it does not fall), e.g. "Hold at -20 mV until 0.05 mA/cm2"';

/**
 * Why a refused quantity is not read, when it is a form a cycler or PyBaMM user writes that sacplate reads otherwise or
 * not at all: a current cut-off on a Plate or Strip step ("until 0.05 mA/cm2"), one as a C-rate or a current ("until
 * C/50", "until 1 uA") and a C-rate ("at 1 C", "at C/10"); else "" (review52: all were refused naming the form expected,
 * without saying why). An "until" clause's kinds with 'currentDensity' are a Hold step's (cccv: its current cut-off).
 */
function unsupported(q: string, kind: QKind | undefined, ok: readonly QKind[]): string {
  const rate = C_RATE_RE.test(q.trim());
  if (ok.includes('voltage') && ok.includes('arealCapacity') && (rate || kind === 'currentDensity' || kind === 'current')) {
    if (!ok.includes('currentDensity')) return `: ${CURRENT_CUTOFF_HOLD_ONLY}${rate ? ` (and ${C_RATE_WHY})` : ''}`;
    return rate
      ? `: a current cut-off is a current density, e.g. "until 0.05 mA/cm2" (${C_RATE_WHY})`
      : ': a current cut-off is a current density, e.g. "until 0.05 mA/cm2" (the box is a small piece of an electrode: its current is per area)';
  }
  if (ok.includes('currentDensity') && rate) return `: give the current density in mA/cm2 (${C_RATE_WHY})`;
  // a cycler's current or capacity without its area (review65: "Plate at 1 mA for 1 h" was told only the form expected)
  if (ok.includes('currentDensity') && kind === 'current') return `: ${PER_AREA('current', 'current density', 'mA/cm2')}`;
  if (ok.includes('arealCapacity') && kind === 'charge') return `: ${PER_AREA('charge', 'areal capacity', 'mAh/cm2')}`;
  return '';
}

/** why a current (mA) or a charge (mAh) is refused where its density per area is read */
const PER_AREA = (what: string, density: string, unit: string): string =>
  `a ${what}, not per area: the box is a small piece of an electrode, so its ${what} is per area; give the ${density} in ${unit} (the cell's ${what} over its electrode's area: 1 ${unit.replace('/cm2', '')} on a 1.13 cm2 coin cell electrode is ${(1 / 1.13).toPrecision(3)} ${unit})`;

function parseStep(text: string, field: string): ProtocolStep {
  if (/^\s*pulse\b/i.test(text)) return parsePulse(text, field);
  const fail = (why: string): never => { throw new InputError(field, text, why); };
  const m = /^\s*([A-Za-z]+)\b(.*)$/s.exec(text);
  const verb = m ? VERBS[m[1]!.toLowerCase()] : undefined;
  if (m && !verb) { const hint = verbHint(m[1]!, m[2]!); if (hint) fail(`a step starting with Plate, Strip, Rest or Hold (or Pulse): ${hint}`); }
  if (!m || !verb) fail(`a step starting with Plate, Strip, Rest or Hold (or Pulse), e.g. ${EXAMPLES}`);
  const rest = normaliseUnits(m![2]!);
  const typo = keywordTypo(rest);
  if (typo) fail(typo);

  // split into clauses at the keywords
  const clauses: { kw: string; body: string }[] = [];
  const re = /\b(at|for|until|or)\b/gi;
  let last = 0;
  let kw = '';
  let match: RegExpExecArray | null;
  while ((match = re.exec(rest)) !== null) {
    clauses.push({ kw, body: rest.slice(last, match.index).trim() });
    kw = match[1]!.toLowerCase();
    last = match.index + match[0].length;
  }
  clauses.push({ kw, body: rest.slice(last).trim() });

  let lead: string | undefined;
  let at: string | undefined;
  let forText: string | undefined;
  let until: string | undefined;
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i]!;
    if (c.kw === '') { if (c.body !== '') lead = c.body; continue; }
    if (c.kw === 'or') {
      const next = clauses[i + 1];
      if (c.body !== '' || !next || (next.kw !== 'until' && next.kw !== 'for')) fail('"or" followed by "until <cut-off>" or "for <time>"');
      continue;
    }
    if (c.body === '') fail(`a quantity after "${c.kw}"`);
    const slot = c.kw === 'at' ? at : c.kw === 'for' ? forText : until;
    if (slot !== undefined) fail(`"${c.kw}" only once in a step`);
    if (c.kw === 'at') at = c.body; else if (c.kw === 'for') forText = c.body; else until = c.body;
  }

  const step: ProtocolStep = { kind: 'rest', control: 'rest', current_A_per_m2: 0, text: text.trim() };
  const quantity = (q: string, what: string, ok: QKind[], example: string) => {
    const c = classify(q);
    // "at 1e400 mA/cm2": the unit is right, the number is beyond a double's range ("1e400 furlongs": the unit is said first)
    const over = c && ok.includes(c.kind) ? beyondDouble(q, `${what} with a finite number (e.g. ${example})`) : undefined;
    if (over) fail(over);
    const mega = c && ok.includes(c.kind) ? megaTypo(q) : undefined;
    if (mega) fail(`${what} (e.g. ${example}), not "${q}": ${mega}`);
    const cycles = /^(\d+)\s*cycles?$/i.exec(q.trim());
    if (!c && cycles) fail(`${what} (e.g. ${example}), not "${q}": a step runs once; repeat steps with a block, { repeat: ${cycles[1]}, steps: [...] }`);
    if (!c || !ok.includes(c.kind)) fail(`${what} (e.g. ${example}), not "${q}"${unitCaseHint(q, ok) || (ok.includes('time') ? compoundTimeHint(q) : '') || unsupported(q, c?.kind, ok)}`);
    return c!;
  };
  const positive = (v: number, q: string, what: string) => { if (!(v > 0)) fail(`${what} greater than zero, not "${q}"`); };
  let signedCutoff_V = 0; // the cut-off as written (cutoff_V keeps its magnitude)

  const hold = verb === 'hold';
  // on: the quantity an "until" voltage names ("until overpotential ..."; none: a bare voltage, the cell voltage)
  const applyEnd = (q: string, via: 'for' | 'until' | 'lead', on?: VoltageQuantity) => {
    // a Hold step's "until" takes a current density too (its current cut-off)
    const allowed: QKind[] = via === 'until' ? (hold ? ['voltage', 'arealCapacity', 'currentDensity'] : ['voltage', 'arealCapacity']) : via === 'for' ? ['time', 'arealCapacity'] : ['arealCapacity'];
    const what = via === 'until'
      ? hold ? 'a cut-off: a cell voltage, an areal capacity or a current density' : 'a cut-off: a voltage (cell voltage or overpotential) or an areal capacity'
      : via === 'for' ? 'a duration or an areal capacity' : 'an areal capacity before "at"';
    const c = quantity(q, what, allowed, via === 'until' ? (hold ? '"until 0.05 mA/cm2"' : '"until 200 mV"') : via === 'for' ? '"for 10 s"' : '"Plate 0.01 mAh/cm2 at 1 mA/cm2"');
    if (c.kind === 'currentDensity') {
      // the magnitude: the hold's direction gives the sign (CurrentTermination)
      if (!(c.value > 0)) fail(`a current cut-off greater than zero, not "${q}" (its magnitude: the step ends when the current in the hold's direction falls to it; a negative overpotential plates, a positive one strips)`);
      step.current_cutoff_A_per_m2 = c.value;
    } else if (c.kind === 'voltage') {
      // named as written (until review55 every zero cut-off was "an overpotential cut-off", "until cell voltage 0 V" too)
      const word = VOLTAGE_WORDS[on ?? VOLTAGE_CUTOFF_DEFAULT];
      if (c.value === 0) fail(`${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word} cut-off different from zero, not "${q}" (the ${word} stands near 0 V at open circuit, so the step would end at once or never; give the value reached on the step's side, e.g. "until ${word} 200 mV", a magnitude)`);
      step.cutoff_V = Math.abs(c.value);
      signedCutoff_V = c.value;
    } else if (c.kind === 'time') {
      positive(c.value, q, 'a duration');
      step.duration_s = c.value;
    } else {
      positive(c.value, q, 'a charge');
      if (step.charge_C_per_m2 !== undefined) fail('one charge limit per step');
      step.charge_C_per_m2 = c.value;
    }
  };

  if (verb === 'rest') {
    step.kind = 'rest';
    step.control = 'rest';
    if (lead !== undefined || at !== undefined || until !== undefined) fail('"Rest for <time>", e.g. "Rest for 1 s"');
    if (forText === undefined) fail('a duration: "Rest for <time>", e.g. "Rest for 1 s"');
    const c = quantity(forText!, 'a duration', ['time'], '"Rest for 1 s"');
    positive(c.value, forText!, 'a duration');
    const long = restTooLong(c.value, forText!, 'a rest'); if (long) fail(long);
    step.duration_s = c.value;
    return step;
  }

  if (verb === 'hold') {
    step.control = 'potentiostatic';
    if (lead !== undefined) fail('"Hold at <overpotential> for <time>", e.g. "Hold at -50 mV for 10 s"');
    if (at === undefined) fail('an overpotential: "Hold at -50 mV for 10 s"');
    // "Hold at cell voltage -100 mV" holds the cell voltage (cccv); a bare voltage (and "at overpotential ...") the
    // working electrode's overpotential, as before
    const a = splitVoltageQualifier(at!);
    const cell = a.on === 'cell_voltage';
    if (a.on !== undefined && a.rest === '') fail(`a voltage after "at ${VOLTAGE_WORDS[a.on]}", e.g. "Hold at ${VOLTAGE_WORDS[a.on]} ${cell ? '-100' : '-50'} mV"`);
    const c = cell ? quantity(a.rest, 'a cell voltage after "at cell voltage"', ['voltage'], '"Hold at cell voltage -100 mV"')
      : quantity(a.rest, 'an overpotential after "at"', ['voltage'], '"Hold at -50 mV"');
    if (c.value === 0) fail(`a non-zero ${cell ? 'cell voltage' : 'overpotential'} (negative = plating, positive = stripping); use "Rest for" for none`);
    step.kind = c.value < 0 ? 'plate' : 'strip';
    if (cell) step.held_cell_voltage_V = c.value; else step.overpotential_V = c.value;
  } else {
    step.kind = verb!;
    step.control = 'galvanostatic';
    if (at === undefined) fail(`a current density: "${verb === 'plate' ? 'Plate' : 'Strip'} at 1 mA/cm2 for 10 s"`);
    const c = quantity(at!, 'a current density after "at"', ['currentDensity'], '"at 1 mA/cm2" or "at 10 A/m2"');
    if (!(c.value > 0)) fail(`a positive current density (the verb gives the direction), not "${at}"`);
    step.current_A_per_m2 = c.value;
    if (lead !== undefined) applyEnd(lead, 'lead');
  }
  if (forText !== undefined) applyEnd(forText, 'for');
  if (until !== undefined) {
    // "until current 0.05 mA/cm2" (a Hold step's current cut-off, as its text writes it)
    const cur = /^current\b\s*(.*)$/is.exec(until.trim());
    if (cur) {
      if (!hold) fail(`${CURRENT_CUTOFF_HOLD_ONLY}, not "until ${until.trim()}"`);
      if (cur[1]! === '') fail('a current density after "until current", e.g. "until current 0.05 mA/cm2"');
      const c = classify(cur[1]!);
      if (c?.kind !== 'currentDensity') fail(`a current density after "until current" (e.g. "until current 0.05 mA/cm2"), not "${cur[1]}"${unitCaseHint(cur[1]!, ['currentDensity']) || unsupported(cur[1]!, c?.kind, ['voltage', 'arealCapacity', 'currentDensity'])}`);
      until = cur[1]!;
    }
    // "until cell voltage 200 mV" / "until overpotential 200 mV"; a bare voltage means the cell voltage
    const u = cur ? { rest: until } as ReturnType<typeof splitVoltageQualifier> : splitVoltageQualifier(until);
    if (u.on !== undefined && u.rest === '') fail(`a voltage after "until ${VOLTAGE_WORDS[u.on]}", e.g. "until ${VOLTAGE_WORDS[u.on]} 200 mV"`);
    applyEnd(u.rest, 'until', u.on);
    if (step.current_cutoff_A_per_m2 !== undefined) {
      if (u.on !== undefined) fail(`a voltage after "until ${VOLTAGE_WORDS[u.on]}", not "${u.rest}"`);
      // the text says what the cut-off reads ("until 0.05 mA/cm2" -> "until current 0.05 mA/cm2"), as a bare voltage's says "cell voltage"
      if (!cur) step.text = step.text.replace(/\buntil\s+/i, 'until current ');
    }
    if (step.cutoff_V !== undefined) {
      step.cutoff_on = u.on ?? VOLTAGE_CUTOFF_DEFAULT;
      if (u.on === undefined) {
        // A bare "until <voltage>" is read as a cycler reads it: a signed limit on the cell voltage,
        // reached from above while plating (the cell voltage goes below 0 V: Li||Cu and Li||Li
        // alike, and this model has no open-circuit offset) and from below while stripping. The
        // wrong sign would end the step at once on a cycler; here (cutoff_V keeps the magnitude, the
        // step's direction the side: VoltageTermination) it would mean the other sign: either way not
        // what was written, so it is refused before the run.
        const wrong = step.kind === 'plate' ? signedCutoff_V > 0 : step.kind === 'strip' ? signedCutoff_V < 0 : false;
        if (wrong) {
          const mV = fmtNumber(Math.abs(signedCutoff_V) * 1e3);
          fail(step.kind === 'plate'
            ? `a plating cut-off below 0 V: plating drives the cell voltage negative, so a cycler would end "until ${mV} mV" at once; write "until -${mV} mV" (the cell voltage falls to -${mV} mV) or "until overpotential ${mV} mV" (the working electrode's)`
            : `a stripping cut-off above 0 V: stripping drives the cell voltage positive, so a cycler would end "until -${mV} mV" at once; write "until ${mV} mV" (the cell voltage rises to ${mV} mV) or "until overpotential ${mV} mV" (the working electrode's)`);
        }
        step.text = explicitUntil(step.text, step.cutoff_on);
      }
      if (step.held_cell_voltage_V !== undefined) {
        fail('a charge, time or current limit on a cell-voltage Hold step (its cell voltage is held), e.g. "until 0.01 mAh/cm2" or "until 0.05 mA/cm2"');
      }
      if (step.cutoff_on === 'overpotential' && step.control === 'potentiostatic') {
        fail('a cell-voltage or charge limit on a Hold step (its overpotential is held), e.g. "until cell voltage 200 mV" or "until 0.01 mAh/cm2"');
      }
      if (u.on !== undefined) {
        // A named quantity is a magnitude reached on the step's side ("Plate ... until cell voltage 200 mV" ends at
        // -200 mV, as before). A sign the user wrote is meant, so one that contradicts the step's side is refused
        // (mends66: "Strip ... until cell voltage -1 V" ran until +1 V); one that agrees reads as the magnitude.
        const written = u.rest.trim().replace(/^[\u2212\u2013]/, '-');
        const sign = written.startsWith('-') ? -1 : written.startsWith('+') ? 1 : 0;
        const side = step.kind === 'plate' ? -1 : step.kind === 'strip' ? 1 : 0;
        if (sign !== 0 && side !== 0 && sign !== side) {
          const name = VOLTAGE_WORDS[u.on];
          const bare = written.slice(1).trim();
          const toward = side < 0 ? `-${bare}` : bare;
          fail(side < 0
            ? `a plating cut-off below 0 V: plating drives the ${name} negative, so it does not rise to "${written}" (a cycler would end the step at once); write "until ${name} ${toward}" (the ${name} falls to ${toward}) or "until ${name} ${bare}" (a magnitude, reached on the step's side)`
            : `a stripping cut-off above 0 V: stripping drives the ${name} positive, so it does not fall to "${written}" (a cycler would end the step at once); write "until ${name} ${toward}" (the ${name} rises to +${bare}) or "until ${name} +${bare}"`);
        }
      }
    } else if (u.on !== undefined) fail(`a voltage after "until ${VOLTAGE_WORDS[u.on]}"`);
  }
  if (step.duration_s === undefined && step.charge_C_per_m2 === undefined && step.cutoff_V === undefined && step.current_cutoff_A_per_m2 === undefined) {
    fail('an end condition: "for <time>", "<capacity> at ...", or "until <cut-off>"');
  }
  return step;
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

function parseEntry(v: unknown, field: string): ProtocolEntry {
  if (typeof v === 'string') return parseStep(v, field);
  if (isObj(v)) {
    refuseUnknownKeys(field, v, REPEAT_KEYS, { owner: 'a repeat block has exactly:' });
    const n = v.repeat;
    if (n === undefined) throw new InputError(`${field}.repeat`, n, 'a repeat count (a positive integer)');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1e6) {
      throw new InputError(`${field}.repeat`, n, 'a positive integer repeat count (1 to 1000000)');
    }
    const block: RepeatBlock = { repeat: n, steps: parseList(v.steps, `${field}.steps`) };
    return block;
  }
  throw new InputError(field, v, `a step string or a repeat block: ${EXAMPLES}`);
}

function parseList(list: unknown, field: string): ProtocolEntry[] {
  if (!Array.isArray(list)) throw new InputError(field, list, `a list of steps, e.g. ["Plate at 1 mA/cm2 for 10 s"]`);
  if (list.length === 0) throw new InputError(field, list, 'at least one step');
  splitPulseCheck(list, field);
  return list.map((x, i) => parseEntry(x, `${field}[${i}]`));
}

/**
 * mends117 (review86 F4): `protocol: [Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.0002 mAh/cm2]` is a YAML flow list of
 * three items, the Pulse step split at its commas; the first item's message ("got "Pulse at 3 mA/cm2 for 1 ms",
 * expected ...") did not say why the rest had gone. A Pulse item without a comma followed by an item that starts with
 * "rest" (not a "Rest for ..." step) is named as such, with the two ways to write it: a block list or a quoted step.
 */
function splitPulseCheck(list: readonly unknown[], field: string): void {
  list.forEach((x, i) => {
    const next = list[i + 1];
    if (typeof x !== 'string' || !/^\s*pulse\b/i.test(x) || x.includes(',') || typeof next !== 'string' || !/^\s*rest\b/i.test(next) || /^\s*rest\s+for\b/i.test(next)) return;
    // the fragments: the "rest ..." item and, where it follows, the capacity (an item that is not a step of its own)
    const after = list[i + 2];
    const parts = [x.trim(), next.trim(), ...(typeof after === 'string' && !/^\s*[a-z]/i.test(after) ? [after.trim()] : [])];
    const whole = parts.join(', ');
    throw new InputError(`${field}[${i}]`, x, `"Pulse at <current density> for <on time>, rest <off time>, <areal capacity>" as one step: ${field}[${i}] and the next `
      + `${parts.length - 1 > 1 ? `${parts.length - 1} items` : 'item'} (${parts.slice(1).map((t) => `"${t}"`).join(', ')}) look like one Pulse step split at its commas, as a YAML flow list [...] splits it: `
      + `write the protocol as a block list (one "- " line per step) or quote the step ('${whole}')`);
  });
}

/**
 * Parses a protocol: a list of step strings and `{repeat, steps}` blocks (a single string is
 * taken as a one-step list). Throws InputError naming e.g. `protocol[1].steps[1]`.
 */
export function parseProtocol(list: unknown, field = 'protocol'): ProtocolEntry[] {
  if (typeof list === 'string') return [parseStep(list, `${field}[0]`)];
  return parseList(list, field);
}

/** One step string on its own (e.g. for a form field). */
export function parseProtocolStep(text: string, field = 'step'): ProtocolStep {
  return parseStep(text, field);
}

export const isRepeat = (e: ProtocolEntry): e is RepeatBlock => 'repeat' in e;

/**
 * The run's steps in order, repeats unrolled, each with its index and cycle as the run numbers them: a repeat's every
 * pass opens a cycle, steps before the first repeat block are cycle 0, a top-level step after a block opens the next;
 * `half` counts a cycle's plate/strip steps (-1 for a rest). One walk for simulation.ts's flattenProtocol (which builds
 * the list) and simulation/snapshots.ts's count of the snapshots kept (which walks up to MAX_STEPS steps building none).
 */
export function forEachFlatStep(entries: readonly ProtocolEntry[], visit: (step: ProtocolStep, index: number, cycle: number, half: number) => void): void {
  let index = 0, cycle = 0, half = 0, afterRepeat = false;
  const walk = (list: readonly ProtocolEntry[], depth: number) => {
    for (const e of list) {
      if (isRepeat(e)) {
        for (let r = 0; r < e.repeat; r++) { cycle++; half = 0; walk(e.steps, depth + 1); }
        if (depth === 0) afterRepeat = true;
      } else {
        if (depth === 0 && afterRepeat) { cycle++; half = 0; afterRepeat = false; }
        visit(e, index++, cycle, e.kind === 'rest' ? -1 : half++);
      }
    }
  };
  walk(entries, 0);
}

/**
 * A step's numbers as a cell is quoted: the current density of a galvanostatic step in mA/cm2 (its magnitude; null for
 * a rest or a potentiostatic hold) and the areal capacity it gives in mAh/cm2 (null for a step by time or to a
 * cut-off). A sweep's protocol step axis (results' `<axis>_current_mA_per_cm2`, review39) and metrics.json's
 * `steps_current_mA_per_cm2` (mends48) read them here.
 */
export function stepCurrent_mA_per_cm2(p: ProtocolStep): number | null {
  return p.control === 'galvanostatic' ? p.current_A_per_m2 / 10 : null; // 1 A/m2 = 0.1 mA/cm2
}
export function stepCapacity_mAh_per_cm2(p: ProtocolStep): number | null {
  return p.charge_C_per_m2 !== undefined ? p.charge_C_per_m2 / C_PER_M2_PER_MAH_PER_CM2 : null;
}

/**
 * The first galvanostatic plating step in execution order (repeats walked, not unrolled), or undefined: the step whose
 * current a run is said to be "at" (metrics.json's `plating_current_mA_per_cm2`, compare's and the runs table's column;
 * mends49). The Damkoehler number and the nucleation reading are of this step too.
 */
export function firstPlatingStep(entries: readonly ProtocolEntry[]): ProtocolStep | undefined {
  for (const e of entries) {
    const s = isRepeat(e) ? firstPlatingStep(e.steps) : e.kind === 'plate' && e.control === 'galvanostatic' ? e : undefined;
    if (s) return s;
  }
  return undefined;
}

/**
 * The last plate or strip step in execution order (rests skipped, repeats walked), or undefined: a run whose last such
 * step is a strip ends on what that strip left (compare's legend says so of its morphology and SAC share columns).
 */
export function lastCurrentStep(entries: readonly ProtocolEntry[]): ProtocolStep | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    const s = isRepeat(e) ? (e.repeat > 0 ? lastCurrentStep(e.steps) : undefined) : e.kind === 'plate' || e.kind === 'strip' ? e : undefined;
    if (s) return s;
  }
  return undefined;
}

/**
 * Visits the protocol's steps in execution order, repeats unrolled, each with whether it is at a current reversal and
 * its field path (`protocol[1]`, `protocol[0].steps[2]`: the same in every pass of a repeat block; a function, so that
 * the serial engine's walk of up to MAX_STEPS steps builds no text); `visit` returns true to stop the walk (then
 * walkReversals returns true). A step is at a current reversal when it is a plate or
 * strip step (galvanostatic or a hold: a negative overpotential plates) whose run's last plate or strip step before it
 * was of the other kind, rests skipped; from a block's second pass on its first such step follows its last. The one
 * rule of both engines (mends62; they each walked the protocol): the serial engine's feedback at a reversal
 * (simulation.ts, galvanostatic steps only; docs/model.md "At a current reversal") and the sector scheme's refusal of
 * one (parallel/sectors.ts firstReversal, which reads at most `maxPasses: 2` passes of a block: a later pass enters with
 * the same last step as the second and repeats its reversals).
 */
export function walkReversals(
  entries: readonly ProtocolEntry[],
  visit: (step: ProtocolStep, reversal: boolean, field: () => string) => boolean | void,
  opts: { path?: string; maxPasses?: number } = {},
): boolean {
  const maxPasses = opts.maxPasses ?? Infinity;
  let last: 'plate' | 'strip' | undefined;
  const walk = (list: readonly ProtocolEntry[], path: string): boolean => {
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      if (isRepeat(e)) {
        const inner = `${path}[${i}].steps`;
        for (let k = 0; k < Math.min(e.repeat, maxPasses); k++) if (walk(e.steps, inner)) return true;
        continue;
      }
      const reversal = e.kind !== 'rest' && last !== undefined && e.kind !== last;
      if (e.kind !== 'rest') last = e.kind;
      if (visit(e, reversal, () => `${path}[${i}]`) === true) return true;
    }
    return false;
  };
  return walk(entries, opts.path ?? 'protocol');
}

/** metrics.json's `plating_current_mA_per_cm2` and `plating_capacity_mAh_per_cm2`: firstPlatingStep's, null without one. */
export function platingOf(entries: readonly ProtocolEntry[]): { plating_current_mA_per_cm2: number | null; plating_capacity_mAh_per_cm2: number | null } {
  const p = firstPlatingStep(entries);
  return { plating_current_mA_per_cm2: p ? stepCurrent_mA_per_cm2(p) : null, plating_capacity_mAh_per_cm2: p ? stepCapacity_mAh_per_cm2(p) : null };
}

/** The steps in execution order with repeats unrolled; throws when there are more than `max`. */
export function expandProtocol(entries: ProtocolEntry[], max = 1_000_000): ProtocolStep[] {
  const out: ProtocolStep[] = [];
  const walk = (list: ProtocolEntry[]) => {
    for (const e of list) {
      if (isRepeat(e)) { for (let i = 0; i < e.repeat; i++) walk(e.steps); } else {
        out.push(e);
        if (out.length > max) throw new InputError('protocol', `${out.length}+ steps`, `at most ${max} steps after unrolling repeats`);
      }
    }
  };
  walk(entries);
  return out;
}

/** Number of steps after unrolling, without building the list. */
export function countSteps(entries: ProtocolEntry[]): number {
  let n = 0;
  for (const e of entries) n += isRepeat(e) ? e.repeat * countSteps(e.steps) : 1;
  return n;
}

/** The charge a step passes if it runs to its charge or time limit (C/m2), when that is known. */
export function stepCharge(s: ProtocolStep): number | undefined {
  // a galvanostatic step given both ends at the smaller, as the engine runs it (input/limits.ts stepCharge_C; audit69:
  // the charge as written was taken, and `Plate 0.5 mAh/cm2 at 1 mA/cm2 for 2 s` was sampled in windows of 1/200 of
  // 0.5 mAh/cm2, longer than its 2 s: eta.csv held 2 rows)
  const byTime = s.control === 'galvanostatic' && s.duration_s !== undefined ? s.current_A_per_m2 * s.duration_s : undefined;
  if (s.charge_C_per_m2 !== undefined) return byTime !== undefined ? Math.min(s.charge_C_per_m2, byTime) : s.charge_C_per_m2;
  return byTime;
}

/** The first step (in execution order) whose charge is known, without unrolling. */
export function firstKnownCharge(entries: ProtocolEntry[]): number | undefined {
  for (const e of entries) {
    const q = isRepeat(e) ? firstKnownCharge(e.steps) : stepCharge(e);
    if (q !== undefined) return q;
  }
  return undefined;
}
