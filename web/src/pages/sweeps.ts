/**
 * Sweeps page: each screen's ranking as a Pareto plot (any two of its objectives; the
 * non-dominated set over all its objectives in red) with the ranking table, then each sweep's
 * results, one row per task with its metrics as columns (what `sacplate results` writes).
 * Only what the store holds is shown.
 */
import { api, apiUrl, fmt, fmtGiven, h, table } from '../api';
import { ScatterPlot } from '../scatter';
import { noDipSeedsText } from '../no-dip';
import { clipText, shownColumns } from '../../../src/sweep/view';
import { objectiveName, objectiveTitle, objectiveWords, paretoAxis, paretoNoDipText, paretoNoValueText, sacsGivenText } from '../../../src/server/page-readings';
import { CRITERIA_LEGEND, MISSING_MARK, criteriaText, missingMarkText, type CriteriaScores } from '../../../src/screen/criteria-text';
import { noDataText, type NoData } from '../../../src/screen/no-data-text';

const PARETO = '#d62728', DOMINATED = '#7f7f7f';
const HIDDEN = new Set(['hash', 'error_type', 'wall_s', 'events_per_s']);

interface Objective { key: string; label: string; unit: string; direction: 'min' | 'max'; weight?: number }
interface Screen {
  name: string; updated_at: string; objectives: Objective[];
  candidates: { name: string; rank: number; front: number; pareto: boolean; score: number; synthesis: string; why?: string; ended_early?: string[]; values: Record<string, { value: number | null; lo: number | null; hi: number | null; n: number | null; no_dip?: number; cut?: string; ended_early?: number; missing?: string[]; criteria?: CriteriaScores }> }[];
  invalid: { name: string; error: string }[];
  /** mends65: candidates not ranked for want of a descriptor */
  no_data?: NoData[];
}

/**
 * An axis's titles, longest first (the plot takes the first that fits, at 12, 11 or 10 px: fittingTitle): the objective's
 * label with its unit and which way is better, without the label's bracketed note, then without which way is better
 * (the axis pickers say it). web63b: the last two were the key ("synthesis_energy_kWh_per_g (kWh/g)" up the y axis).
 */
const axisTitles = (o: Objective): string[] => {
  const better = `${o.direction === 'min' ? 'lower' : 'higher'} is better`;
  return [...new Set([`${o.label} (${o.unit}), ${better}`, `${objectiveName(o)}, ${better}`, objectiveName(o)])];
};

/** The Pareto plot's size in CSS px: its box's width up to PLOT_WIDTH (a phone's window is narrower), PLOT_HEIGHT high */
const PLOT_WIDTH = 460, PLOT_HEIGHT = 340;
/** what a picker takes besides its text: Chromium's arrow (about 20 px) and padding, with a margin */
const PICK_CHROME = 32;

/**
 * Each option of `sel` reads the first of its words (`formsOf`, longest first) that fits a picker `width` px wide (its
 * text measured in the picker's font, PICK_CHROME left for the arrow), else the last; nothing where `width` is not laid
 * out. webaudit65: the axis pickers (a label wider than the plot's column) and the screen-or-sweep picker at 390 px.
 */
function fitChoices(sel: HTMLSelectElement, width: number, formsOf: (o: HTMLOptionElement) => string[]): void {
  if (!(width > 0)) return;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  ctx.font = getComputedStyle(sel).font;
  const room = width - PICK_CHROME;
  for (const o of sel.options) {
    const forms = formsOf(o);
    o.textContent = forms.find((t) => ctx.measureText(t).width <= room) ?? forms[forms.length - 1]!;
  }
}
const plotWidth = (box: HTMLElement): number => Math.max(200, Math.min(PLOT_WIDTH, box.clientWidth || PLOT_WIDTH));

/** A screen's panel; `runsLink`: a link to its simulations' sweep on this page, where the store holds one */
function screenPanel(s: Screen, runsLink?: HTMLElement): HTMLElement {
  const pick = (name: string, sel: number) => h('select', { name }, ...s.objectives.map((o, i) => {
    // which way is better in the picker too: an axis title too long for its axis leaves it out (axisTitles)
    const opt = h('option', { value: o.key, title: objectiveTitle(o), text: axisTitles(o)[0]! });
    if (i === sel) opt.selected = true;
    return opt;
  }));
  const xs = pick('pareto-x', 0), ys = pick('pareto-y', Math.min(1, s.objectives.length - 1));
  // webaudit65 (polish64 left it): a label wider than the plot's column (criteria-browser's aggregation margin, 673 px in
  // the 460 px column) was cut in its picker, whole only on hover and in the open list. Each option now reads the longest
  // of its axis titles that fits the column (axisTitles: the whole label, then without its bracketed note, then without
  // which way is better), and a picked one so shortened is said whole on a line under the pickers
  const whole = h('p', { class: 'hint axis-pick-whole', hidden: true });
  let fittedTo = -1;
  const fitPicks = () => {
    const col = picks.clientWidth;
    if (!(col > 0) || col === fittedTo) return;
    fittedTo = col;
    for (const sel of [xs, ys]) fitChoices(sel, col, (opt) => axisTitles(s.objectives[opt.index]!));
    sayWhole();
  };
  const sayWhole = () => {
    const cut = ([['x', xs], ['y', ys]] as const).flatMap(([axis, sel]) => {
      const o = s.objectives.find((x) => x.key === sel.value);
      const full = o ? axisTitles(o)[0]! : '';
      sel.title = o ? objectiveTitle(o) : '';
      return o && sel.selectedOptions[0]?.textContent !== full ? [`${axis} axis: ${full}`] : [];
    });
    whole.textContent = cut.join('; ');
    whole.hidden = cut.length === 0;
  };
  const picks = h('div', { class: 'axis-picks' }, h('label', {}, 'x axis ', xs), h('label', {}, 'y axis ', ys), whole);
  new ResizeObserver(() => fitPicks()).observe(picks);
  const plotBox = h('div', { 'data-testid': 'pareto-plot' });
  const noDipLine = h('p', { class: 'hint', id: `pareto-no-dip-${s.name}` });
  // webaudit64: the candidates without a value on an axis, left off the plot, named (they were left off without a word)
  const noValueLine = h('p', { class: 'hint pareto-no-value' });
  const draw = () => {
    const ox = s.objectives.find((o) => o.key === xs.value)!, oy = s.objectives.find((o) => o.key === ys.value)!;
    const plot = new ScatterPlot(axisTitles(ox), axisTitles(oy), plotWidth(plotBox), PLOT_HEIGHT);
    // mends112 (review85 M1): a no-dip nucleation reading (counted as no value, the worst, in the ranking and the table)
    // is drawn hollow at the axis's worst end, not at its reading (on "lower is better" that read as the best)
    const ax = paretoAxis(s.candidates.map((c) => c.values[ox.key]), ox.direction), ay = paretoAxis(s.candidates.map((c) => c.values[oy.key]), oy.direction);
    const idx = s.candidates.map((_, i) => i);
    // a no-dip value has none since mends119 (no seed with a dip) or the dips' mean: it is named either way
    const had = (v: { value: number | null; no_dip?: number } | undefined) => v?.value != null || (v?.no_dip ?? 0) > 0;
    const hadValues = (i: number) => had(s.candidates[i]!.values[ox.key]) && had(s.candidates[i]!.values[oy.key]);
    const placed = (i: number) => ax.at[i] != null && ay.at[i] != null;
    const marked = (i: number) => ax.noDip[i]! || ay.noDip[i]!;
    const group = (pareto: boolean, hollow: boolean) => {
      const cs = idx.filter((i) => s.candidates[i]!.pareto === pareto && placed(i) && marked(i) === hollow);
      return { label: `${pareto ? 'Pareto set' : 'dominated'}${hollow ? ', no dip: at the worst end' : ''} (${cs.length})`, x: cs.map((i) => ax.at[i]!), y: cs.map((i) => ay.at[i]!), color: pareto ? PARETO : DOMINATED, hollow };
    };
    plot.set([group(false, true), group(false, false), group(true, true), group(true, false)]); // the Pareto set drawn last, on top of a dominated point at the same place
    const names = (f: (i: number) => boolean) => idx.filter((i) => hadValues(i) && marked(i) && f(i)).map((i) => s.candidates[i]!.name);
    noDipLine.textContent = paretoNoDipText({ placed: names(placed), leftOff: names((i) => !placed(i)) }, [ax.noDip.some(Boolean) ? objectiveName(ox) : '', ay.noDip.some(Boolean) ? objectiveName(oy) : ''].filter(Boolean).join(' and '));
    const noValue = idx.filter((i) => !hadValues(i)).map((i) => ({ name: s.candidates[i]!.name, axes: [ox, oy].filter((o, j) => (j === 0 || o !== ox) && !had(s.candidates[i]!.values[o.key])).map(objectiveName) }));
    noValueLine.textContent = paretoNoValueText(noValue, [ox, oy].filter((o) => o.weight === 0).map(objectiveName));
    plotBox.replaceChildren(plot.el, noDipLine, ...(noValue.length ? [noValueLine] : []));
    plotBox.dataset.noValue = String(noValue.length);
    plotBox.dataset.points = plot.el.dataset.points;
    plotBox.dataset.noDip = String(names(placed).length);
    plotBox.dataset.x = ox.key;
    plotBox.dataset.y = oy.key;
    plotBox.dataset.pareto = String(s.candidates.filter((c) => c.pareto).length);
    plotBox.dataset.width = String(plot.width);
  };
  xs.onchange = () => { sayWhole(); draw(); };
  ys.onchange = () => { sayWhole(); draw(); };
  draw();
  // drawn again at its box's width once the panel is on the page, and when the window changes it (web63: a fixed 560 px
  // plot made a phone's page 1,041 px wide)
  new ResizeObserver(() => { if (plotBox.isConnected && plotWidth(plotBox) !== Number(plotBox.dataset.width)) draw(); }).observe(plotBox);
  // a value's cell: the mean, its 95 % interval on a line of its own in small type (web63b: "12.01 [11.2, 12.8]" on one
  // line made each column as wide as its widest interval, the ranking's "why" off to the right at 1280 px)
  const cell = (v: Screen['candidates'][number]['values'][string] | undefined): string | Node => {
    const interval = v && v.value !== null && v.lo !== null && v.hi !== null && (v.n ?? 0) > 1;
    const value = !v || v.value === null ? '–' : fmt(v.value);
    const marks = (v?.missing?.length ? MISSING_MARK : '') // scored without a criterion's data (the CLI's and report.md's mark, mends84)
      + (v?.ended_early ? ` (ended early in ${v.ended_early} of ${v.n ?? v.ended_early} seed(s): not ranked)` : '');
    // the screen's mark (src/screen/no-dip.ts): k of all the seeds, n being those with a dip since mends119 (web63: the
    // page said "no dip in 2 of 0 seed(s)" for a candidate whose two seeds had none, the CLI's note "2 of 2"); web63b: the
    // count alone in the cell, what it means on hover and in the note under the table (noDipSeedsText's sentence)
    const k = v?.no_dip ?? 0, n = (v?.n ?? 0) + k;
    const noDip = k > 0 ? h('span', { class: 'no-dip', 'data-no-dip': String(k), title: noDipSeedsText(k, n).trim().replace(/^\(|\)$/g, ''), text: ` (no dip in ${k} of ${n} seed(s))` }) : null;
    if (!interval && !noDip) return value + marks;
    return h('span', {}, interval ? `${value} ` : value, ...(interval ? [h('br'), h('small', { class: 'interval', text: `[${fmt(v.lo, 3)}, ${fmt(v.hi, 3)}]${v.cut ? '*' : ''}` })] : []), marks, noDip);
  };
  // a candidate whose runs stopped before the protocol's end (its box full, ...): a note beside its name (src/screen/stages.ts earlyRuns)
  const nameCell = (c: Screen['candidates'][number]): string | Node => (c.ended_early?.length
    ? h('span', {}, c.name, h('br', {}), h('span', { class: 'ended-early error', 'data-ended-early': String(c.ended_early.length), title: 'a value read from a run that stopped before its protocol\'s end is shown but not ranked (counted as no value); box_full: a taller box (lattice.size[2]) or a smaller capacity', text: `ended early: ${c.ended_early.join('; ')}` }))
    : c.name);
  // why: the place in words, as the report and ranking.csv give it (the page showed only the numbers), each objective by
  // its name (objectiveWords); web63b: on a line of its own under its candidate's values, the table's width (a column
  // 26em wide at the right, it was off the 1280 px window's ranking box, reached by scrolling the box sideways)
  const head = ['rank', 'candidate', 'Pareto', 'score', ...s.objectives.map(objectiveName)];
  const ranking = h('table', { class: 'ranking' },
    h('thead', {}, h('tr', {}, ...head.map((x, i) => {
      const o = s.objectives[i - 4];
      return h('th', o ? { text: x, title: objectiveTitle(o), 'data-key': o.key } : { text: x });
    }))),
    h('tbody', {}, ...s.candidates.flatMap((c) => [
      h('tr', { class: 'candidate' }, ...[String(c.rank), nameCell(c), c.pareto ? 'yes' : `front ${c.front + 1}`, fmt(c.score, 3), ...s.objectives.map((o) => cell(c.values[o.key]))].map((x) => h('td', {}, x))),
      h('tr', { class: 'why' }, h('td', { colspan: String(head.length) }, h('span', { text: objectiveWords(c.why ?? '', s.objectives) }))),
    ])));
  const noDips = s.candidates.some((c) => Object.values(c.values).some((v) => (v.no_dip ?? 0) > 0));
  const cuts = s.candidates.some((c) => Object.values(c.values).some((v) => v.cut));
  // the ~ mark's meaning and each candidate's sustainability by criterion, in the CLI's words (mends87: result.json had them, the page did not)
  const marked = s.candidates.map((c) => ({ name: c.name, missing: s.objectives.flatMap((o) => c.values[o.key]?.missing ?? []) })).filter((x) => x.missing.length);
  const crits = s.objectives.some((o) => o.key === 'sustainability') ? s.candidates.flatMap((c) => { const cr = c.values.sustainability?.criteria; return cr ? [criteriaText(c.name, cr)] : []; }) : [];
  // web63: the plot and the ranking side by side in a wide window (style.css .screen-body), the ranking in a box of its
  // own height that scrolls, so that the page's first screen holds the picker, the plot and the ranking (the plot, then
  // the ranking under it, then each sweep's tables made the page 3,508 px tall at 1280 x 800, the ranking's first row
  // below the window)
  // web64b: a ranking wider than its column beside the plot (a screen of many objectives: seven made 811 px of table in
  // the 747 px box at 1280 px, each column at least its head's longest word) goes under the plot, the panel's width
  // (style.css .ranking-wide); measured on the page, again when the panel's width changes
  const rankBox = h('div', { class: 'table-scroll ranking-box' }, ranking);
  let fitWidth = -1;
  const fit = () => {
    if (!body.isConnected || body.clientWidth === fitWidth) return;
    fitWidth = body.clientWidth;
    body.classList.remove('ranking-wide');
    if (rankBox.scrollWidth > rankBox.clientWidth + 1) body.classList.add('ranking-wide');
    // a ranking wider than its box even so scrolls sideways, each why kept in the box's width at its left edge (style.css)
    rankBox.style.setProperty('--rank-box-width', `${rankBox.clientWidth}px`);
  };
  const body = h('div', { class: 'screen-body' },
    h('div', { class: 'screen-plot' },
      picks,
      plotBox,
      h('p', { class: 'hint' }, `red: non-dominated over all ${s.objectives.length} objectives (${s.objectives.map(objectiveName).join(', ')}), plotted in the two chosen; grey: dominated. Values are means over seeds; the table gives the 95 % intervals.`, ...(runsLink ? [' Its simulations: ', runsLink, '.'] : []))),
    h('div', { class: 'screen-rank' },
      rankBox,
      ...screenNotes(s, cuts, marked, crits, noDips)));
  new ResizeObserver(fit).observe(body);
  return h('div', { class: 'panel screen', 'data-screen': s.name },
    h('h3', { text: `Screen "${s.name}" (${s.candidates.length} candidates ranked, ${s.updated_at.slice(0, 19).replace('T', ' ')} UTC)` }),
    body,
  );
}

/** What the ranking's marks mean, each candidate's sustainability by criterion, the candidates not evaluated */
function screenNotes(s: Screen, cuts: boolean, marked: { name: string; missing: string[] }[], crits: string[], noDips: boolean): HTMLElement[] {
  return [
    ...(noDips ? [h('p', { class: 'hint no-dip-note', text: 'no dip in k of n seed(s): k of the candidate\'s n seeds read a nucleation overpotential with no dip (peak minus plateau <= 0, |eta| still rising past half of the first plating step): not a nucleation barrier; the mean is over the seeds with a dip, and the ranking counts the value as none, the worst' })] : []),
    ...(cuts ? [h('p', { class: 'hint', text: '*: the 95 % interval ran past the quantity\'s physical bound (a share in [0, 1], a density >= 0) and is shown cut there' })] : []),
    ...(marked.length ? [h('p', { class: 'hint missing-mark', text: missingMarkText(marked) })] : []),
    ...(crits.length ? [h('div', { class: 'hint criteria', title: CRITERIA_LEGEND }, h('div', { text: 'sustainability by criterion:' }), ...crits.map((t) => h('div', { text: t })), h('div', { text: `(${CRITERIA_LEGEND})` }))] : []),
    ...(s.no_data?.length ? [h('p', { class: 'hint no-data', text: noDataText(s.no_data) })] : []),
    ...(s.invalid.length ? [h('p', { class: 'error', text: s.invalid.map((x) => `not evaluated: ${x.error}`).join('\n') })] : []),
  ];
}

/** The sweep tables' columns of sentences (a worker's error, a run's warnings, a point's notes): see longCell. */
const LONG_TEXT = new Set(['error', 'warnings', 'notes']);

/**
 * A cell of sentences: its start (clipText), the whole text on hover, in a box 24em wide at least (style.css
 * .long-text). An error's text was clipped so before; pareto62: a point's notes and a task's warnings (a paragraph
 * each) wrapped in a narrow column made their rows 860 and 914 px tall (web62's workbench-pareto.png, 5,345 px).
 */
function longCell(v: string): string | Node {
  if (!v) return v;
  const t = clipText(v);
  return t === v ? h('span', { class: 'long-text', text: v }) : h('span', { class: 'long-text clipped', title: v, text: t });
}

/**
 * A given value that is JSON (an object-valued axis: a map, a list of maps, as src/sweep/results.ts writes it) in words,
 * "key value" pairs, a list's items by "; ", an empty list "none"; undefined for any other value.
 */
function objectText(v: unknown): string | undefined {
  let x = v;
  if (typeof x === 'string') { const s = x.trim(); if (!/^[[{]/.test(s)) return undefined; try { x = JSON.parse(s); } catch { return undefined; } }
  if (x === null || typeof x !== 'object') return undefined;
  const words = (y: unknown): string => (Array.isArray(y) ? (y.length ? y.map(words).join('; ') : 'none')
    : y !== null && typeof y === 'object' ? Object.entries(y).map(([k, w]) => `${k} ${words(w)}`).join(', ') : fmtGiven(y));
  return words(x);
}

/**
 * A given value's cell in the sweep tables (per task and per point): a task's SACs as the run pages name them
 * ("Zn-N4 4.00 % random"; the results' empty cell, an empty list, "none (bare host)"), any other object-valued axis
 * in words (objectText), the JSON given on hover. mends114 (review85 F8) did the per-task table's SACs; pareto62 the
 * per-point table's (printed as JSON wrapped in a narrow column, a row several hundred px tall: web62) and the other
 * object-valued axes. The CSV and JSON downloads are unchanged.
 */
function givenCell(col: string, v: unknown): string | Node {
  const title = typeof v === 'string' ? v : JSON.stringify(v);
  if (col === 'sacs') {
    const t = v === '' ? sacsGivenText([]) : sacsGivenText(v);
    // web68 (webaudit67): each SAC on a line of its own at most, a cell breaking only between SACs (the column was
    // squeezed to three lines a SAC, `Zn-N4 / 1.00 % / random`, in the task table at 1280 and 800 px)
    if (t !== undefined) return h('span', { class: 'sacs-given', title: v === '' ? '[]' : title }, ...t.split(', ').flatMap((s, i) => [i ? ', ' : null, h('span', { class: 'sac', text: s })]));
  }
  const t = objectText(v);
  return t === undefined ? fmtGiven(v) : h('span', { class: 'given-object', title, text: t });
}

function sweepPanel(sw: any): HTMLElement {
  const columns = sw.columns as string[];
  const keep = shownColumns(columns, sw.rows, HIDDEN);
  // the axes' columns (between status and error_type) and the run's temperature and voxel are what the user gave: shown as given
  const given = new Set([...columns.slice(columns.indexOf('status') + 1, Math.max(0, columns.indexOf('error_type'))), 'temperature_K', 'voxel_nm']);
  // an error's whole text (a worker's message can be a paragraph) on hover, its start in the cell
  const cell = (col: string, v: unknown): string | Node => (LONG_TEXT.has(col) && typeof v === 'string' ? longCell(v)
    : col === 'sacs' || given.has(col) ? givenCell(col, v) : fmt(v));
  const c = sw.counts;
  return h('div', { class: 'panel sweep', 'data-sweep': sw.name },
    h('h3', { text: `Sweep "${sw.name}": ${sw.task_count} tasks (${c.done} done, ${c.invalid} invalid, ${c.error} failed, ${c.pending} pending)` }),
    // every row, as `sacplate results NAME --format csv` writes them (GET /api/sweeps/NAME/results)
    h('p', {}, h('a', { href: apiUrl(`sweeps/${encodeURIComponent(sw.name)}/results`), download: `${sw.name}-results.csv`, class: 'sweep-csv', text: 'download the results (CSV)', title: `sacplate results ${sw.name} --format csv` })),
    h('div', { class: 'table-scroll sweep-box' }, table(keep.map((i) => columns[i]!), sw.rows.map((r: unknown[]) => keep.map((i) => cell(columns[i]!, r[i]))))),
    ...(sw.truncated ? [h('p', { class: 'hint', text: `first ${sw.rows.length} rows; \`sacplate results ${sw.name}\` writes them all` })] : []),
    pointsPanel(sw.name, given),
  );
}

/** Points the Sweeps page asks for at a time (GET /api/sweeps/NAME/points?limit=): a sweep of thousands draws this many until asked for more */
const POINTS_PAGE = 100;

/**
 * A sweep's points, its seeds together (GET /api/sweeps/NAME/points: `sacplate results NAME --by-point`): each metric's
 * mean and 95 % interval over the seeds in one cell (`mean [lo, hi]`, * when cut at a physical bound), the settings once,
 * the notes; and the CSV that command writes. Shown when a point has two seeds or more. mends123 (review88 F8: the page
 * showed one row per task only, the intervals were the CLI's). POINTS_PAGE points at a time, a button for the next ones
 * (mends124: every point was drawn, thousands of rows for a large sweep).
 */
function pointsPanel(name: string, given: Set<string>): HTMLElement {
  const box = h('div', { class: 'points-box' });
  type Page = { columns: string[]; rows: unknown[][]; total: number; offset: number; next_offset: number | null };
  const fetchPage = (offset: number): Promise<Page> => api(`sweeps/${encodeURIComponent(name)}/points`, { query: { limit: String(POINTS_PAGE), offset: String(offset) } });
  void (async () => {
    let t: Page;
    try { t = await fetchPage(0); } catch (e) { box.replaceChildren(h('p', { class: 'error', text: (e as Error).message })); return; }
    const at = new Map(t.columns.map((c, i) => [c, i]));
    const seeds = at.get('seeds');
    if (seeds === undefined || !t.rows.some((r) => Number(r[seeds]) >= 2)) return;
    const shown = t.columns.filter((c) => !/_(lo95|hi95)$/.test(c) && !HIDDEN.has(c) && c !== 'intervals_cut');
    const cut = at.get('intervals_cut');
    const cellOf = (r: unknown[], c: string): string | Node => {
      const v = r[at.get(c)!];
      const lo = at.get(`${c}_lo95`), hi = at.get(`${c}_hi95`);
      if (lo === undefined || hi === undefined) return LONG_TEXT.has(c) && typeof v === 'string' ? longCell(v) : c === 'sacs' || given.has(c) ? givenCell(c, v) : fmt(v);
      if (v === null || v === undefined) return '–';
      const l = r[lo], u = r[hi];
      const wasCut = cut !== undefined && typeof r[cut] === 'string' && (r[cut] as string).split('; ').some((x) => x.startsWith(`${c}: `));
      return l === null || u === null ? fmt(v) : `${fmt(v)} [${fmt(l, 3)}, ${fmt(u, 3)}]${wasCut ? '*' : ''}`;
    };
    const rows = [...t.rows];
    const tableBox = h('div', { class: 'table-scroll sweep-box' });
    const more = h('button', { type: 'button', class: 'points-more' });
    const shownLine = h('p', { class: 'hint points-shown' });
    let next = t.next_offset;
    const draw = () => {
      tableBox.replaceChildren(table(shown, rows.map((r) => shown.map((c) => cellOf(r, c))), { class: 'points' }));
      shownLine.textContent = next === null ? '' : `points 1-${rows.length} of ${t.total}; the CSV has them all`;
      const n = Math.min(POINTS_PAGE, t.total - rows.length);
      more.textContent = next === null ? '' : `show the next ${n === 1 ? 'point' : `${n} points`}`;
      more.hidden = next === null;
    };
    more.onclick = async () => {
      if (next === null) return;
      more.disabled = true;
      try {
        const p = await fetchPage(next);
        rows.push(...p.rows);
        next = p.next_offset;
        draw();
      } catch (e) { shownLine.textContent = (e as Error).message; } finally { more.disabled = false; }
    };
    draw();
    box.replaceChildren(
      h('h4', { text: `Per point: each metric's mean and 95 % interval over its seeds (${t.total} points)` }),
      h('p', {}, h('a', { href: apiUrl(`sweeps/${encodeURIComponent(name)}/points`, { format: 'csv' }), download: `${name}-points.csv`, class: 'sweep-points-csv', text: 'download the points (CSV)', title: `sacplate results ${name} --by-point --format csv` })),
      tableBox, shownLine, more,
      h('p', { class: 'hint', text: 'mean [lo, hi]: the 95 % interval of the mean (Student t); *: cut at the quantity\'s physical bound; a value alone: one seed, or seeds that agree (notes says which); a setting once' }),
    );
  })();
  return box;
}

/** What the Sweeps page shows: a screen or a sweep, by name (the address's `#/sweeps?screen=NAME` or `?sweep=NAME`) */
interface Shown { kind: 'screen' | 'sweep'; name: string }

/** The screen or sweep the page's address names (`#/sweeps?screen=NAME`, `#/sweeps?sweep=NAME`), or undefined */
function shownInHash(): Shown | undefined {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const screen = q.get('screen'), sweep = q.get('sweep');
  return screen !== null ? { kind: 'screen', name: screen } : sweep !== null ? { kind: 'sweep', name: sweep } : undefined;
}

/**
 * The Sweeps page: a picker of the store's screens (newest first) and sweeps, and the one picked, its name in the
 * address (`#/sweeps?screen=NAME` or `?sweep=NAME`: a reload or a link shows it again). web63: every screen and every
 * sweep was drawn one under the other (3,508 px at 1280 x 800 in workbench-pareto.png), each sweep's per-point table
 * fetched as the page opened.
 */
export function mountSweeps(el: HTMLElement): () => void {
  const box = h('div', {}, h('p', { class: 'hint', text: 'loading…' }));
  el.append(box);
  // webaudit65: the page follows the store: a sweep or screen run from the CLI while the page was open (its tasks done one
  // by one, or a new one) was shown only after a reload. Every FOLLOW_MS while the page is in front it reads the counts
  // (GET /api/sweeps?limit=0: no rows read), and where they changed reads the store again and redraws: the picker, and
  // the panel shown where its own counts changed (the pick and the address kept); at once when the page comes to the front
  let seen = '';
  let shownKey = '';
  let shownSig = '';
  let current: Shown | undefined;
  let stopped = false;
  let loading = false;
  const sigOf = (d: { sweeps: any[]; screens: { name: string; updated_at: string }[] }) => JSON.stringify([
    d.sweeps.map((sw) => [sw.name, sw.task_count, sw.counts, sw.updated_at]), d.screens.map((x) => [x.name, x.updated_at])]);
  const itemSig = (d: { sweeps: any[]; screens: { name: string; updated_at: string }[] }, x: Shown) => JSON.stringify(x.kind === 'screen'
    ? d.screens.find((y) => y.name === x.name)?.updated_at ?? null
    : (({ task_count, counts, updated_at }) => [task_count, counts, updated_at])(d.sweeps.find((y) => y.name === x.name) ?? {}));
  const load = async () => {
    let d: { sweeps: any[]; screens: Screen[] };
    try { d = await api('sweeps'); } catch (e) { if (!seen) box.replaceChildren(h('p', { class: 'error', text: (e as Error).message })); return; }
    if (stopped) return;
    seen = sigOf(d);
    if (!d.sweeps.length && !d.screens.length) {
      box.replaceChildren(h('h3', { text: 'Sweeps' }), h('p', { id: 'no-sweeps', text: 'The store holds no sweep or screen results yet (`sacplate sweep <file>`, `sacplate screen <file>`); this page shows them as they are recorded.' }));
      return;
    }
    const key = (x: Shown) => `${x.kind}:${x.name}`;
    // webaudit65: each option's words, longest first: at 390 px the whole (`screen "pareto-browser": 5 candidates,
    // 2026-12-07 13:57 UTC`, 437 px) was cut by the 336 px picker; the picker takes the longest that fits (fitChoices)
    const forms = new Map<HTMLOptionElement, string[]>();
    const opt = (x: Shown, texts: string[]) => { const o = h('option', { value: key(x), text: texts[0]!, title: texts[0]! }); forms.set(o, texts); return o; };
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const picker = h('select', { id: 'sweep-pick', name: 'sweep-pick' },
      ...(d.screens.length ? [h('optgroup', { label: `screens (${d.screens.length}), newest first` }, ...d.screens.map((s) => {
        const head = `screen "${s.name}": ${plural(s.candidates.length, 'candidate')}`;
        return opt({ kind: 'screen', name: s.name }, [`${head}, ${s.updated_at.slice(0, 16).replace('T', ' ')} UTC`, head, `screen "${s.name}"`]);
      }))] : []),
      ...(d.sweeps.length ? [h('optgroup', { label: `sweeps (${d.sweeps.length})` }, ...d.sweeps.map((sw) => {
        const counts = `${sw.counts.done} done${sw.counts.pending ? `, ${sw.counts.pending} pending` : ''}`;
        return opt({ kind: 'sweep', name: sw.name }, [`sweep "${sw.name}": ${plural(sw.task_count, 'task')}, ${counts}`, `sweep "${sw.name}": ${counts}`, `sweep "${sw.name}"`]);
      }))] : []));
    const missing = h('p', { class: 'hint', id: 'sweep-missing' });
    const panelBox = h('div', {});
    const show = (x: Shown, toAddress: boolean) => {
      const s = x.kind === 'screen' ? d.screens.find((y) => y.name === x.name) : undefined;
      const sw = x.kind === 'sweep' ? d.sweeps.find((y) => y.name === x.name) : undefined;
      if (!s && !sw) return false;
      picker.value = key(x);
      current = x;
      const sig = itemSig(d, x);
      // the panel shown stays as it is (its axis picks, its table's scroll) where its own counts did not change
      if (shownKey === key(x) && shownSig === sig && oldPanel) { panelBox.replaceChildren(oldPanel); return true; }
      shownKey = key(x);
      shownSig = sig;
      const runs = s && d.sweeps.find((y) => y.name === `${s.name}-runs`);
      const link = runs ? h('a', { href: `#/sweeps?sweep=${encodeURIComponent(runs.name)}`, class: 'screen-runs', text: `sweep "${runs.name}"` }) : undefined;
      if (link) link.onclick = (e) => { e.preventDefault(); show({ kind: 'sweep', name: runs.name }, true); };
      panelBox.replaceChildren(s ? screenPanel(s, link) : sweepPanel(sw));
      // in the address without a new history entry or the page mounted again (as the Run page's open run, mends114)
      if (toAddress) history.replaceState(null, '', `#/sweeps?${x.kind}=${encodeURIComponent(x.name)}`);
      return true;
    };
    const oldPanel = box.querySelector(':scope > div:last-child > .panel');
    picker.onchange = () => { const [kind, ...name] = picker.value.split(':'); missing.textContent = ''; show({ kind: kind as Shown['kind'], name: name.join(':') }, true); };
    const pickerBox = h('div', { class: 'sweep-picker' }, h('label', { for: 'sweep-pick' }, h('span', { class: 'name', text: 'screen or sweep' })), picker, missing);
    box.replaceChildren(pickerBox, panelBox);
    new ResizeObserver(() => fitChoices(picker, pickerBox.clientWidth, (o) => forms.get(o) ?? [o.textContent ?? ''])).observe(pickerBox);
    const asked = current ?? shownInHash();
    const first: Shown = d.screens[0] ? { kind: 'screen', name: d.screens[0].name } : { kind: 'sweep', name: d.sweeps[0].name };
    if (asked && !show(asked, false)) missing.textContent = `the store holds no ${asked.kind} named "${asked.name}"; showing the ${first.kind} "${first.name}"`;
    if (!asked || missing.textContent) show(first, false);
  };
  const follow = async () => {
    if (stopped || loading || document.hidden) return;
    loading = true;
    try {
      const d = await api('sweeps', { query: { limit: '0' } });
      if (!stopped && sigOf(d) !== seen) await load();
    } catch { /* the page stays as it is; the next look tries again */ } finally { loading = false; }
  };
  void (async () => { loading = true; try { await load(); } finally { loading = false; } })();
  const timer = window.setInterval(() => void follow(), FOLLOW_MS);
  const onFront = () => { if (!document.hidden) void follow(); };
  document.addEventListener('visibilitychange', onFront);
  window.addEventListener('focus', onFront);
  return () => { stopped = true; window.clearInterval(timer); document.removeEventListener('visibilitychange', onFront); window.removeEventListener('focus', onFront); };
}

/** How often the Sweeps page reads the store's counts while it is in front (GET /api/sweeps?limit=0) */
const FOLLOW_MS = 3000;
