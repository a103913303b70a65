/**
 * The workbench pages' decisions on what a reading means, as pure functions (no Node import: the web bundle imports
 * this file, and the node tests test it without a browser). Branch mends112, from review85's "misleading" findings:
 * - M4: a cancelled run's status line says how far it got (the Run page said only `cancelled`, its metrics table the
 *   plating step's target as if plated);
 * - M5: a Li||Cu CE table under a failed protocol check is titled not applicable, with the check's reason;
 * - M1: a no-dip nucleation reading is drawn at its axis's worst end on the Pareto plot, hollow, as the ranking counts it;
 * - M3: an empty early_* cell says why (metrics.json `early_reason`);
 * - M9: the per-cycle CE of an Aurbach run is labelled by the row's role (cycles.csv `role`).
 */

const amount = (x: number): string => Number(x.toPrecision(3)).toString(); // 0.00072, 0.006 (progress.ts's rounding)

/** What the status line needs of a run's view (GET /api/runs/:id, its `status` events). */
export interface RunStop {
  status?: unknown;
  progress?: { step?: number; steps?: number; stepText?: string; stepDone?: number; stepTarget?: number; stepUnit?: string; stepIndeterminate?: boolean } | null;
  metrics?: unknown;
}

/**
 * How far a cancelled run got, after its status words: " at 12 % (0.00072 of 0.006 mAh/cm2)", with the step named when
 * the protocol has more than one ("in step 2/3 (Strip ...) at 40 % (...)"). A protocol of one plating step: from
 * metrics.json (`plating_plated_mAh_per_cm2` of `plating_capacity_mAh_per_cm2`); else from the last progress message (a
 * run this server ran), else from metrics.json's first plating step ("in its first plating at ...": a run read from the
 * store). '' for any other run, or when none says it.
 */
export function stoppedAtText(v: RunStop | null | undefined): string {
  if (v?.status !== 'cancelled') return '';
  const p = v.progress;
  const m = (v.metrics && typeof v.metrics === 'object' ? v.metrics : {}) as { plating_plated_mAh_per_cm2?: unknown; plating_capacity_mAh_per_cm2?: unknown; steps_capacity_mAh_per_cm2?: unknown };
  const done = m.plating_plated_mAh_per_cm2, target = m.plating_capacity_mAh_per_cm2;
  const fromMetrics = typeof done === 'number' && Number.isFinite(done) && typeof target === 'number' && Number.isFinite(target) && target > 0
    ? `at ${Math.round(Math.min(1, Math.max(0, done / target)) * 100)} % (${amount(done)} of ${amount(target)} mAh/cm2)` : undefined;
  // a protocol of one plating step: metrics.json's plated charge is where the run stopped (the last progress message can
  // be a check or more behind it)
  const steps = p?.steps ?? (Array.isArray(m.steps_capacity_mAh_per_cm2) ? m.steps_capacity_mAh_per_cm2.length : undefined);
  if (fromMetrics && steps === 1) return ` ${fromMetrics}`;
  if (p && typeof p.stepDone === 'number' && Number.isFinite(p.stepDone) && typeof p.stepUnit === 'string') {
    const step = (p.steps ?? 1) > 1 ? ` in step ${(p.step ?? 0) + 1}/${p.steps}${p.stepText ? ` (${p.stepText})` : ''}` : '';
    const t = p.stepTarget;
    if (p.stepIndeterminate || typeof t !== 'number' || !Number.isFinite(t) || t <= 0) return `${step} after ${amount(p.stepDone)} ${p.stepUnit}`;
    return `${step} at ${Math.round(Math.min(1, Math.max(0, p.stepDone / t)) * 100)} % (${amount(p.stepDone)} of ${amount(t)} ${p.stepUnit})`;
  }
  return fromMetrics ? ` in its first plating ${fromMetrics}` : '';
}

/** The Run page's metrics keys of the plating step: its target, and beside it what it plated (metrics.json's key). */
export const PLATING_KEYS = ['plating_capacity_mAh_per_cm2', 'plating_plated_mAh_per_cm2'] as const;

/** A cycler report's check (report.json `checks`). */
export interface CheckLike { name?: unknown; status?: unknown; detail?: unknown }

/**
 * The heading of the Cycler page's Li||Cu (licu) table: "CE per cycle (mean 0.998)" where the file fits the protocol; where
 * the protocol check failed (no metal plated on the working electrode: an electrode that stores the metal, or a full cell),
 * "charge out / charge in per cycle: not a CE of plated metal: <the check's reason>", as the page says the nucleation
 * overpotential is "not read". `applicable` false then: no mean in the heading.
 */
export function licuTableHeading(meanCe: unknown, checks: readonly CheckLike[] | undefined): { applicable: boolean; text: string } {
  const failed = (checks ?? []).find((c) => c.name === 'protocol' && c.status !== 'ok' && typeof c.detail === 'string');
  if (failed) return { applicable: false, text: `charge out / charge in per cycle: not applicable as a CE of plated metal: ${String(failed.detail)}` };
  return { applicable: true, text: `CE per cycle${typeof meanCe === 'number' && Number.isFinite(meanCe) ? ` (mean ${Number(meanCe.toPrecision(4))})` : ''}` };
}

/** One candidate's value on a screen objective (result.json's `values`). */
export interface ScreenValue { value: number | null; no_dip?: number }

/**
 * Where the Pareto plot draws the candidates on one axis. A value with no dip in some seed (a nucleation reading <= 0: not
 * a barrier) is ranked as no value, the worst (src/screen/screen.ts); the plot drew it at its reading, which on a "lower
 * is better" axis is the best place (review85 M1). Here it goes past the worst end of the axis's real values (8 % of their
 * span beyond it, as the plot's padding) and is marked `noDip`, drawn hollow. With no real value on the axis it has no
 * place: `at` null, left off (the page says so).
 */
export function paretoAxis(values: readonly (ScreenValue | undefined)[], direction: 'min' | 'max'): { at: (number | null)[]; noDip: boolean[] } {
  // since mends119 a value whose every seed had no dip has none (value null), one with some dips the dips' mean: both
  // are marked and placed at the worst end, as a no-dip value with its reading was
  const noDip = values.map((v) => (v?.no_dip ?? 0) > 0);
  const real = values.flatMap((v, i) => (!noDip[i] && v?.value != null && Number.isFinite(v.value) ? [v.value] : []));
  let worst: number | null = null;
  if (real.length) {
    const lo = Math.min(...real), hi = Math.max(...real), d = (hi - lo || Math.abs(hi) || 1) * 0.08;
    worst = direction === 'min' ? hi + d : lo - d;
  }
  return { at: values.map((v, i) => (noDip[i] ? worst : v?.value != null && Number.isFinite(v.value) ? v.value : null)), noDip };
}

/** The line under the Pareto plot for its no-dip points ('' when none). */
export function paretoNoDipText(names: { placed: string[]; leftOff: string[] }, axis: string): string {
  const parts: string[] = [];
  if (names.placed.length) parts.push(`hollow: ${names.placed.join(', ')}, drawn at the worst end of ${axis}, not at the reading`);
  if (names.leftOff.length) parts.push(`left off: ${names.leftOff.join(', ')} (no candidate has a real value on ${axis} to place them against)`);
  return parts.length ? `${parts.join('; ')}: a nucleation reading with no dip in some seed is not a nucleation barrier; the ranking counts it as no value, the worst (the table's "no dip" note)` : '';
}

/**
 * The line under a screen's Pareto plot naming the candidates it leaves off for want of a value on one of its two axes
 * (not a no-dip reading, which paretoNoDipText names): each with the axes it has no value on, in the objectives' names.
 * webaudit64: a stability objective (aggregation_margin_eV, dissolution_potential_V) has no value for a candidate whose
 * metal has no bulk-metal row or no binding energy; the plot drew the others and said nothing of it ("Pareto set (2)"
 * for a screen of 5 candidates, its hint's "grey: dominated" naming none of the three). '' where none is left off.
 */
export function paretoNoValueText(leftOff: readonly { name: string; axes: readonly string[] }[], unranked: readonly string[] = []): string {
  if (!leftOff.length) return '';
  // mends65: an axis of weight 0 is shown, not ranked: the ranking does not count the missing value there at all
  const ranked = leftOff.some((c) => c.axes.some((a) => !unranked.includes(a)));
  return `not drawn, no value on an axis${ranked ? ' (the ranking counts it as the worst there)' : ''}: ${leftOff.map((c) => `${c.name} (${c.axes.map((a) => (unranked.includes(a) ? `${a}: weight 0, not ranked` : a)).join(', ')})`).join('; ')}`;
}

/**
 * The text of an early_* cell (metrics.json's early_* keys: the nuclei counted when the first-layer coverage first
 * reached 0.1) with no value: "– (why)" from metrics.json's `early_reason` ("the first-layer coverage never reached
 * 0.1 (at most 0.09028 ...)"), so an empty cell is not read as a missing measurement. `undefined` where the cell has a
 * value or there is no reason to give.
 */
export function earlyEmptyReason(value: unknown, reason: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return undefined;
  return typeof reason === 'string' && reason ? reason : undefined;
}

/**
 * The head of a cycles table's CE column and each row's label. A cycles.csv with a `role` column (an Aurbach run: the
 * reservoir's row and the final strip's are charge ratios, Q_C/Q_T and Q_S/Q_C, not efficiencies, and can pass 1) gets
 * "CE or charge ratio" and each row's role; without one, "CE (0-1)" as before.
 */
export function cycleCeHead(rows: readonly Record<string, unknown>[]): { head: string; roles: boolean } {
  const roles = rows.some((r) => typeof r.role === 'string' && r.role !== '');
  return { head: roles ? 'CE or charge ratio (see role)' : 'CE (0-1)', roles };
}

/**
 * The Run page's height-map colour at t in [0, 1] (the lowest column to the highest): light orange to dark brown (the ends of
 * ColorBrewer's Oranges), a scale none of the 3D legend's species colours (metal blue, dead red, SEI greens and blues, host
 * grey, SAC yellow, VOID purple; src/lattice/species.ts) lies on: it comes no nearer than 54.9 (RGB distance, VOID) and
 * 57.2 (dead metal). Until mends112 (review85 M8) it ran blue to yellow: its highest column in nearly the SAC's yellow,
 * its bare host in a blue the legend beside it calls metal; from mends112 to branch voidview light lavender to dark
 * purple, which came within 36 of VOID's purple once the legend showed VOID (branch voidview).
 */
export function heightRgb(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const lo = [254, 230, 206], hi = [127, 39, 4];
  return [0, 1, 2].map((k) => Math.round(lo[k]! + (hi[k]! - lo[k]!) * u)) as [number, number, number];
}

/**
 * What a Run-form box that takes a name or a map (`sei`, `parameters`, `electrolyte`) sends: undefined for an empty box,
 * the map or string of a text in JSON or YAML's flow style (`{"set": "carbonate"}`, `{set: carbonate}`, `"carbonate"`:
 * the forms a run file takes, and the one the server's own message suggests, `a map { set: carbonate, ... }`), else the
 * text as typed (a name; or a map the reader refuses, sent as typed so the server's line names it). Until mends112
 * (review85 F3) only text starting with `{` was read, as JSON only: `"carbonate"` and `{set: carbonate}` were refused.
 */
export function mapBoxValue(text: string, readYaml: (t: string) => unknown): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^[{"']/.test(t)) {
    try {
      const v = readYaml(t);
      if (typeof v === 'string' || (v !== null && typeof v === 'object' && !Array.isArray(v))) return v;
    } catch { /* sent as typed: the server names it */ }
  }
  return t;
}

/** What the Nucleation page's stale-answer rule needs of a job's view (GET /api/nucleation/:id, its `status` events). */
export interface JobViewLike { id?: unknown; status?: unknown }

const jobRank = (s: unknown): number => (s === 'queued' ? 0 : s === 'running' ? 1 : 2); // finished, failed, cancelled: 2

/**
 * Whether an answer of GET /api/nucleation/:id (asked at a `case` event) may be drawn over the job's view the page shows.
 * A job's status only goes forward (queued, running, then finished / failed / cancelled), so an answer for the same job
 * whose status is behind the shown one was asked before the shown one happened and arrived after it: it is stale, not
 * drawn. Until mends113 (review85 M7) every answer was drawn: a `case` event's GET answered with the running job and
 * resolving after the `finished` status event left the page at "running" with Cancel shown, the event stream closed.
 * An answer for another job than the shown one is not drawn either (a job opened from the list meanwhile).
 */
export function jobAnswerIsCurrent(shown: JobViewLike | null | undefined, answer: JobViewLike): boolean {
  if (!shown) return true;
  if (shown.id !== answer.id) return false;
  return jobRank(answer.status) >= jobRank(shown.status);
}

/**
 * The Evidence page's column beside the raw symmetric lifetime (mends113, review85 M6: the page sorted raw hours measured
 * at 0.5 to 10 mA/cm2 as one scale): `sacplate lit normalise`'s estimate of the same lifetime at the review's standard
 * protocol, 3 mAh/cm2 at 3 mA/cm2 (GET /api/evidence `standard_estimate`; its `?sort=` key). The head names the method,
 * its title says it in full.
 */
export const STANDARD_ESTIMATE_KEY = 'symmetric_lifetime_at_standard';
export const STANDARD_ESTIMATE_HEAD = 'lifetime est. @ 3 mA/cm2, 3 mAh/cm2 (h, lit normalise)';
export const STANDARD_ESTIMATE_TITLE = 'sacplate lit normalise\'s MODEL ESTIMATE, not a measurement: the hours at the standard protocol\'s 3 mA/cm2 that pass '
  + 'the same cumulative charge as the reported lifetime at its own current (current x hours / 3 mA/cm2; assumes life is limited by '
  + 'charge passed; unvalidated). "over": the lifetime is a lower bound, and so is the estimate. – : no current reported with the lifetime.';

/** The column's cell: "over 833.3" for a lower bound, "–" without an estimate; its title the estimate's method. */
export function standardEstimateCell(est: { value_h: number; lower_bound: boolean; method: string } | null | undefined, format: (x: number) => string): { text: string; title: string } {
  if (!est) return { text: '–', title: 'no estimate: lit normalise needs the current the lifetime was measured at' };
  return { text: `${est.lower_bound ? 'over ' : ''}${format(est.value_h)}`, title: est.method };
}

/** The early counts (metrics.json's early_* keys, src/metrics/early-nuclei.ts) the Run page's metrics table shows. */
export const EARLY_KEYS = ['early_nucleus_density_per_um2', 'early_sac_nucleation_share', 'early_sac_nucleation_share_chance'] as const;

/**
 * The Run page's rows of the nuclei counted before they coalesce (mends113, review85 F7: the table had the end-of-run
 * counts only, of coalesced islands in a short plating, where Compare showed the early ones): each early_* key metrics.json
 * has, its value (null: none read), in EARLY_KEYS' order; and the line under the table: what they are (at the first-layer
 * coverage `early_coverage_target`), or metrics.json's `early_reason` where they are empty. No rows for a run recorded
 * before the keys existed.
 */
export function earlyRunRows(metrics: unknown): { rows: { key: string; value: number | null }[]; note: string } {
  const m = (metrics && typeof metrics === 'object' ? metrics : {}) as Record<string, unknown>;
  const rows = EARLY_KEYS.filter((k) => k in m).map((k) => ({ key: k, value: typeof m[k] === 'number' && Number.isFinite(m[k]) ? m[k] as number : null }));
  if (!rows.length) return { rows, note: '' };
  const target = typeof m.early_coverage_target === 'number' ? ` ${m.early_coverage_target}` : '';
  const reason = rows.every((r) => r.value === null) ? earlyEmptyReason(null, m.early_reason) : undefined;
  return {
    rows,
    note: reason ? `early_*: – : ${reason}`
      : `early_*: the nuclei counted when the first-layer coverage first reached${target} (metrics.json's early_* keys), before they coalesce; the end's nucleus_density_per_um2 and sac_nucleation_share count coalesced islands`,
  };
}

/**
 * The Run page's address of an open run (mends114, review85 F1: the URL stayed `/` with a run open, so a reload mid-run
 * lost the run view): `#/run/<id>`, under the app's hash routes (#/run, #/compare, ...). `runIdFromHash` reads it back
 * at load; undefined for `#/run`, another page's route or a malformed one.
 */
export const runHash = (id: string): string => `#/run/${encodeURIComponent(id)}`;

export function runIdFromHash(hash: string): string | undefined {
  const m = /^#\/?run\/([^?#/]+)\/?(?:\?.*)?$/.exec(hash);
  if (!m) return undefined;
  try {
    const id = decodeURIComponent(m[1]!).trim();
    return id || undefined;
  } catch { return undefined; }
}

/**
 * The form field a refusal names (mends114, review85 F4: the line under Start named `lattice.voxel`, but the field was not
 * marked, and one in a folded section had to be found by its dotted path): the message's leading path (`lattice.voxel: got
 * 10, ...`, `sacs[0].loading: ...`, `protocol[1]: ...`) matched to the longest of the form's field paths (its
 * `data-field`s) that is the path or holds it (`protocol` for `protocol[1]`, `lattice.size` for `lattice.size[2]`).
 * undefined where the message names no field of the form.
 */
export function errorFieldPath(message: string, paths: readonly string[]): string | undefined {
  const m = /^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*)\s*:/.exec(message);
  if (!m) return undefined;
  const named = m[1]!;
  let best: string | undefined;
  for (const p of paths) {
    if (!p || !(named === p || named.startsWith(`${p}.`) || named.startsWith(`${p}[`))) continue;
    if (best === undefined || p.length > best.length) best = p;
  }
  return best;
}

const loadingText = (v: unknown): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return `${(v * 100).toPrecision(3)} %`; // a bare number is a fraction
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const pct = /^\s*([-+]?\d*\.?\d+(?:e[-+]?\d+)?)\s*%\s*$/i.exec(v);
  return pct ? `${Number(pct[1]).toPrecision(3)} %` : v.trim(); // "0.5 sites/nm2" as given: its share needs the voxel
};

/**
 * A sweep task's `sacs` as the run pages name SACs (mends114, review85 F8: the Sweeps task table printed the task's input
 * as JSON, `{"site":"Zn-N4","loading":"2 %"}`, three lines tall, beside metric.sacs' "Zn-N4 2.00 % random"): each SAC
 * "site loading arrangement", a percentage to 3 significant figures (metrics.json's form), a loading in sites/nm2 as
 * given, the arrangement `random` where the task leaves it to the parser's default; joined by ", " (caseLabel's join).
 * The value as the results table holds it (one SAC's JSON, a list's joined by ";") or parsed, one SAC or a list; "none
 * (bare host)" for an empty list; undefined for anything else (an empty cell, text not of SACs: shown as it was).
 */
export function sacsGivenText(v: unknown): string | undefined {
  let x = v;
  // the results table's cell: a list's items as JSON joined by ";" (src/sweep/results.ts), one SAC a JSON object
  if (typeof x === 'string') { try { x = JSON.parse(x.includes(';') ? `[${x.split(/;(?=\s*\{)/).join(',')}]` : x); } catch { return undefined; } }
  const list = Array.isArray(x) ? x : x !== null && typeof x === 'object' ? [x] : undefined;
  if (!list) return undefined;
  if (!list.length) return 'none (bare host)';
  const parts: string[] = [];
  for (const s of list) {
    const o = (s !== null && typeof s === 'object' ? s : {}) as Record<string, unknown>;
    const site = typeof o.site === 'string' ? o.site : undefined;
    const loading = loadingText(o.loading);
    if (!site || !loading) return undefined;
    parts.push(`${site} ${loading} ${typeof o.arrangement === 'string' && o.arrangement ? o.arrangement : 'random'}`);
  }
  return parts.join(', ');
}

/** What the Cycler page's overlay picker needs of a run (a GET /api/runs row). */
/**
 * When a run started, as the pages write it: its `created_at` (ISO, UTC) to the minute, `2026-12-07 08:15 UTC`; '' where
 * the store gave none. web63: the Compare page's `created` column read the id's stamp, `20261207-081504`.
 */
export function startedText(createdAt: unknown): string {
  return typeof createdAt === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(createdAt) ? `${createdAt.slice(0, 16).replace('T', ' ')} UTC` : '';
}

export interface OverlayRun { id: string; name?: string | null; seed?: number | null; metal?: string | null; host?: string | null; sacs?: readonly string[] | null; created_at?: string | null }

/**
 * The Cycler page's names of a simulation to overlay (mends114, review85 F6: the picker listed "cmp-SAC (Li/N-graphene)"
 * twice, its seeds not told apart, and the plot's legend named the run by its id's last 8 characters): `option` the run's
 * name (its id where it has none), seed, system and start time (UTC, to the minute); `legend` its name and seed.
 */
export function overlayRunText(r: OverlayRun): { option: string; legend: string } {
  const name = r.name ?? r.id;
  const seed = typeof r.seed === 'number' ? `seed ${r.seed}` : 'seed –';
  const system = `${r.metal ?? '?'}/${r.host ?? '?'}${r.sacs?.length ? ` + ${r.sacs.join(', ')}` : ''}`;
  const started = startedText(r.created_at), at = started ? `, ${started}` : '';
  return { option: `${name}, ${seed} (${system}${at})`, legend: `simulation ${name}, ${seed} (cell voltage)` };
}

/** The plots' nice ticks (src/plots/axis-ticks.ts), for the web pages (web/src/plot.ts). */
export { axisTicks } from '../plots/axis-ticks.js';

/**
 * The Run form's note beside a field (mends115, review85 F9): the SAC loading's unit said against the Nucleation page's,
 * whose default is 1 wt% (by mass) where the Run page's is "2 %" (a share of the host's surface sites); '' for any other field.
 */
export const LOADING_UNITS_NOTE = 'here "%" is a share of the host\'s surface sites, not wt%: the Nucleation page\'s default, 1 wt%, is by mass (a run cannot place a wt% loading)';
export const NUCLEATION_LOADING_NOTE = 'wt% is by mass (the default, 1 wt%); % is a share of host sites, as the Run page\'s "2 %"; or sites/nm2';
export function fieldNote(path: string): string {
  return /^sacs\[\d+\]\.loading$/.test(path) ? LOADING_UNITS_NOTE : '';
}

/**
 * The SEI a run was set up with, from its input's `sei:` (mends115, review85 F9: the Compare page's "system" of an SEI run
 * read as that of a run without one): the set's name (`carbonate`, `{ set: ether, ... }`), `custom` for a map without a
 * set, null without an SEI.
 */
export function seiOfInput(input: unknown): string | null {
  const s = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>).sei : undefined;
  if (typeof s === 'string') return s.trim() || null;
  if (s !== null && typeof s === 'object' && !Array.isArray(s)) { const set = (s as Record<string, unknown>).set; return typeof set === 'string' && set.trim() ? set.trim() : 'custom'; }
  return null;
}

/** A run's system as the Compare page's picker says it: "Li / graphene + Zn-N4 2.00 % random + SEI carbonate". */
export function runSystemText(r: { metal?: unknown; host?: unknown; sacs?: readonly unknown[] | null; sei?: unknown }): string {
  const sacs = Array.isArray(r.sacs) && r.sacs.length ? ` + ${r.sacs.join(' + ')}` : '';
  const sei = typeof r.sei === 'string' && r.sei ? ` + SEI ${r.sei}` : '';
  return `${typeof r.metal === 'string' ? r.metal : ''} / ${typeof r.host === 'string' ? r.host : ''}${sacs}${sei}`;
}

/**
 * The Cycler page's time axis (mends115, review85 F6: a 73 h file's axis read in seconds, to 250,000 s): hours where the
 * longest trace spans 2 h or more, else seconds; `factor` turns seconds into the axis' unit.
 */
export function timeAxis(span_s: number): { unit: 'h' | 's'; factor: number; label: string } {
  return Number.isFinite(span_s) && span_s >= 7200 ? { unit: 'h', factor: 1 / 3600, label: 'time (h)' } : { unit: 's', factor: 1, label: 'time (s)' };
}

/**
 * The note under the Cycler page's overlay when the simulation spans under 5 % of the file (mends115, review85 F6: a 15 s
 * simulation on a 0.5 h file drew as a spike at 0): how long each is, and that the simulation has its own plot below.
 * '' where the simulation spans 5 % of the file or more, or either span is not known.
 */
export function overlaySpanNote(file_s: number, sim_s: number): string {
  if (!(Number.isFinite(file_s) && Number.isFinite(sim_s) && file_s > 0 && sim_s >= 0) || sim_s >= 0.05 * file_s) return '';
  const t = (s: number) => (s >= 7200 ? `${Number((s / 3600).toPrecision(3))} h` : `${Number(s.toPrecision(3))} s`);
  return `the simulation spans ${t(sim_s)} of the file's ${t(file_s)} (${Number(((sim_s / file_s) * 100).toPrecision(2))} %): at the left edge above; on its own time axis below`;
}

/** The trace's span in seconds (last finite time minus the first); NaN without two finite times. */
export function timeSpan(t: readonly (number | null)[] | null | undefined): number {
  let lo = Infinity, hi = -Infinity, n = 0; // a loop, not Math.max(...t): a file's 250,000 rows overflow the call's arguments
  for (const x of t ?? []) if (typeof x === 'number' && Number.isFinite(x)) { n++; if (x < lo) lo = x; if (x > hi) hi = x; }
  return n < 2 ? NaN : hi - lo;
}

/**
 * The CPU time an example's cost line gives, for the picker's option (mends115, review85 F10): its last "N s of CPU"
 * figure ("7 s of CPU", "168-223 s of CPU": the newest measure where the comment has several); undefined without one.
 */
export function costFigure(cost: string | null | undefined): string | undefined {
  if (typeof cost !== 'string') return undefined;
  const all = [...cost.matchAll(/(\d[\d,.]*(?:\s*-\s*\d[\d,.]*)?)\s*s of CPU/g)];
  const last = all.at(-1);
  return last ? `${last[1]!.replace(/\s+/g, '')} s of CPU` : undefined;
}

/** What the Sweeps page names an objective by (the screen's objectives as GET /api/sweeps gives them) */
export interface ObjectiveLike { key: string; label: string; unit: string; direction?: 'min' | 'max' }

/**
 * An objective as the Sweeps page names it in its table heads, notes and its ranking's "why": its label without a
 * bracketed note, with its unit ("synthesis energy per g host (kWh/g)", "share of nuclei at SACs (fraction)"); the key
 * (what a script reads in ranking.csv and the API) is the heads' and titles' hover (objectiveTitle). web63b: the heads
 * and notes named the raw key ("nucleation_overpotential_mV (mV)") where the axis pickers said the label.
 */
export const objectiveName = (o: ObjectiveLike): string => `${o.label.replace(/ \(.*\)$/, '')} (${o.unit})`;

/** An objective's hover text: its whole label with its unit, which way is better, and its key ("key: ...") */
export const objectiveTitle = (o: ObjectiveLike): string =>
  `${o.label} (${o.unit})${o.direction ? `, ${o.direction === 'min' ? 'lower' : 'higher'} is better` : ''}; key: ${o.key}`;

/**
 * A text of the screen's (its ranking's "why", as report.md and ranking.csv write it with the keys) with each objective's
 * key read as its name (objectiveName). A key is replaced where it stands as a word of its own (not inside a longer key).
 */
export function objectiveWords(text: string, objectives: readonly ObjectiveLike[]): string {
  // the longest keys first, so that a key inside another (a prefix) never takes the longer one's place
  const byLength = [...objectives].sort((a, b) => b.key.length - a.key.length);
  if (!byLength.length) return text;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![A-Za-z0-9_])(${byLength.map((o) => esc(o.key)).join('|')})(?![A-Za-z0-9_])`, 'g');
  return text.replace(re, (k) => objectiveName(byLength.find((o) => o.key === k)!));
}

/** One per-step snapshot as the Run page's step picker reads it (GET /api/runs/:id/snapshots, web64). */
export interface SnapshotPick {
  step: number;
  text?: string | null;
  kind?: string;
  cycle?: number | null;
  time_s?: number | null;
  charge_mAh_per_cm2?: number | null;
  dead_voxels?: number | null;
  over_view_limit?: boolean;
  file?: string;
}

/**
 * What the Run page's step picker says of the deposit it shows (web64): a snapshot as the progress line names its step,
 * `step 3/8: Strip 0.0002 mAh/cm2 at 1 mA/cm2, cycle 1, 0.707 s, 0.000393 mAh/cm2` (its kind where the input no longer
 * gives the step's text; the dead metal where there is any; over the 3D view's limit, where to open it instead), or the
 * latest grid: `latest: the deposit now` while the run runs, `latest: the deposit at the run's end` once it ended,
 * `latest: not held by this server (pick a step)` for a run it has no grid of.
 */
export function snapshotPickText(s: SnapshotPick | undefined, o: { steps: number | null; latest: 'live' | 'ended' | 'none' }): string {
  if (!s) return o.latest === 'live' ? 'latest: the deposit now (drawn again as the run goes)' : o.latest === 'ended' ? 'latest: the deposit at the run\'s end' : 'latest: not held by this server (pick a step)';
  const parts = [
    `step ${s.step + 1}${o.steps !== null ? `/${o.steps}` : ''}: ${s.text ?? s.kind ?? 'a step'}`,
    ...(typeof s.cycle === 'number' ? [`cycle ${s.cycle}`] : []),
    ...(typeof s.time_s === 'number' ? [`${amount(s.time_s)} s`] : []),
    ...(typeof s.charge_mAh_per_cm2 === 'number' ? [`${amount(s.charge_mAh_per_cm2)} mAh/cm2`] : []),
    ...(typeof s.dead_voxels === 'number' && s.dead_voxels > 0 ? [`${s.dead_voxels} dead voxels`] : []),
  ];
  return parts.join(', ') + (s.over_view_limit ? `: over the 3D view's voxel limit; open ${s.file ?? 'its .vti file'} in ${s.file?.endsWith('.extxyz') ? 'OVITO or ASE' : 'ParaView'}` : '');
}
