/** Run page: a form generated from the run schema, live progress, eta(t) and cell voltage, the 3D deposit; cancel and resume. */
import { api, apiBinary, apiGrid, apiUrl, events, fmt, h, refocus, sortableHead, table } from '../api';
import { buildForm } from '../form';
import { LinePlot, plotWidthIn } from '../plot';
import { VoxelView } from '../voxels';
import { nucleationCell } from '../no-dip';
import { sacShareLegend } from '../sac-share';
import { statusWords } from '../run-status';
import { cellVoltageLabel } from '../../../src/electrochem/cell-label';
import { FIELD_CELL_POINTER, FIELD_SHARE_SAID, fieldShareText, groupedCount, liveText } from '../../../src/simulation/progress';
import { ETA_AXIS_PAGE } from '../../../src/plots/axis-labels';
import { engineMark } from '../../../src/metrics/engine-mark';
import { migrationRows, spaceChargeLine } from '../../../src/fields/report';
import { PLATING_KEYS, costFigure, cycleCeHead, earlyRunRows, errorFieldPath, runHash, runIdFromHash, snapshotPickText, stoppedAtText, type SnapshotPick } from '../../../src/server/page-readings';

export const DEFAULT_RUN = {
  metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 12], voxel: '10 nm' }, host: 'graphene',
  sacs: [{ site: 'Zn-N4', loading: '2 %', arrangement: 'random' }], protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1,
};

/** what the eta(t) and cell-voltage plots say before their first point: the first sampling window (mends125, review89 F6) */
export const PLOT_WAIT_TEXT = 'waiting for the first sampling window: a point is drawn when it closes (output.sample, by default 1/200 of the first step\'s charge; several seconds on a 0.05 mAh/cm2 plate)';

interface Rows { time_s: number[]; charge_C_per_cm2: number[]; overpotential_mV: number[]; cell_voltage_mV: number[] }

/** why a run's latest deposit is not drawn: the server holds it only for the runs it ran since it started */
const NOT_HELD = 'no 3D view: the server keeps a run\'s deposit in memory only for the runs it started since it was last started; the final structure is final.vti / final.extxyz under output files';

export function mountRun(el: HTMLElement): () => void {
  let es: EventSource | undefined;
  let view: VoxelView | undefined;
  let timer: number | undefined;
  const formBox = h('div', { class: 'panel' }, h('h3', { text: 'New run' }), h('p', { class: 'hint', text: 'loading the run schema…' }));
  const live = h('div', { class: 'panel', id: 'live' }, h('p', { class: 'hint', text: 'Start a run, or pick one from the list.' }));
  const runsBox = h('div', { class: 'panel runs-list' });
  el.append(h('div', { class: 'cols' }, h('div', {}, formBox, runsBox), live));

  // the list's filter (GET /api/runs?where=: `runs list --where`'s conditions, ";" between them) and the column it is
  // sorted by (a click on a head: lowest first, a second click highest first); every refresh of the list keeps both
  const filter = h('input', { id: 'runs-filter', name: 'runs-filter', size: 40, placeholder: 'filter: average_ce>0.95; host=graphene', title: 'conditions COLUMN OP VALUE (OP: = != < <= > >= ~), all met, separated by ";" (as sacplate runs list --where); a run without a value in the column never matches' });
  const listMsg = h('div', { class: 'error', id: 'runs-filter-error' });
  const listBox = h('div');
  let sort = '';
  let focusHead: string | undefined; // the head sorted from the keyboard: it gets the focus back in the list drawn again
  // each head and the column it sorts by
  const HEADS: [string, string][] = [['run', 'name'], ['status', 'status'], ['metal/host', 'host'], ['eta_nucl (mV)', 'nucleation_overpotential_mV'], ['CE (0-1)', 'average_ce']];
  let asked = 0; // the latest refresh: an earlier answer arriving after it is dropped (the filter typed on)
  const refreshList = async () => {
    const mine = ++asked;
    let runs: any[];
    try {
      ({ runs } = await api('runs', { query: { limit: '15', where: filter.value.trim(), sort } }));
      if (mine !== asked) return;
      listMsg.textContent = '';
    } catch (e) { if (mine === asked) { listMsg.textContent = (e as Error).message; listBox.replaceChildren(); } return; }
    const t = table(HEADS.map(([head]) => head), runs.map((r: any) => {
      // a sector run (simulate --sectors) says so, as `sacplate runs list` does (review47)
      // the run's own address (mends114): a link opened in a new tab opens the run there
      const a = h('a', { href: runHash(r.id), text: (r.name ?? r.id.slice(-8)) + engineMark(r), 'data-run': r.id });
      // mends115 (review85 F2): and the page scrolls to the run panel (stacked under the form in a narrow window, the
      // page stayed at the list)
      a.onclick = (e) => { e.preventDefault(); void watch(r.id); showPanel(); };
      return [a, statusWords(r), `${r.metal ?? ''}/${r.host ?? ''}`, nucleationCell(r.nucleation_overpotential_mV, 3), fmt(r.average_ce, 3)];
    }));
    t.querySelectorAll('th').forEach((th, i) => {
      const col = HEADS[i]![1];
      th.dataset.sort = col;
      th.title = `sort by ${col}`;
      th.style.cursor = 'pointer';
      if (sort === col || sort === `-${col}`) th.textContent += sort.startsWith('-') ? ' ▼' : ' ▲';
      sortableHead(th, sort === col ? 'ascending' : sort === `-${col}` ? 'descending' : undefined, (hadFocus) => {
        sort = sort === col ? `-${col}` : col;
        focusHead = hadFocus ? `th[data-sort="${col}"]` : undefined;
        void refreshList();
      });
    });
    listBox.replaceChildren(t);
    refocus(t, focusHead);
    focusHead = undefined;
  };
  let filterTimer: number | undefined;
  // typing: 300 ms after the last key; Enter or leaving the box (its change): at once (mends103; it waited for the pause)
  filter.addEventListener('input', () => { window.clearTimeout(filterTimer); filterTimer = window.setTimeout(() => void refreshList(), 300); });
  filter.addEventListener('change', () => { window.clearTimeout(filterTimer); void refreshList(); });
  runsBox.replaceChildren(h('h3', { text: 'Recent runs' }), filter, listMsg, listBox);

  // the open run's id (mends114, review85 F1): kept in the address as #/run/<id> (replaceState: no new page in the history,
  // no hashchange, so the page is not mounted again), read back at load so that a reload reopens it
  let openId: string | undefined;
  let openStatus: string | undefined;
  const showPanel = () => { if (typeof live.scrollIntoView === 'function') live.scrollIntoView({ block: 'start' }); };
  // webaudit65: `focusCancel`, Resume had the focus: the new Cancel takes it once enabled (the panel is drawn anew and
  // the focus fell to the page)
  const watch = async (id: string, focusCancel = false) => {
    es?.close();
    view?.dispose();
    openId = id;
    openStatus = undefined;
    if (location.hash !== runHash(id)) history.replaceState(history.state, '', runHash(id));
    // webaudit65: as wide as the run panel holds, at most 520 px (the plots and the 3D view were a fixed 520 px: at 390 px
    // the page was 548 px wide, their right ends off the panel)
    const plotW = plotWidthIn(live, 520);
    const etaPlot = new LinePlot('time (s)', ETA_AXIS_PAGE, plotW);
    const cellPlot = new LinePlot('time (s)', 'cell voltage (mV)', plotW);
    etaPlot.el.dataset.testid = 'eta-plot';
    cellPlot.el.dataset.testid = 'cell-plot';
    // mends125 (review89 F6): until the first sampling window closes the plots were empty axes without a word
    etaPlot.emptyText = cellPlot.emptyText = PLOT_WAIT_TEXT;
    etaPlot.set([]);
    cellPlot.set([]);
    view = new VoxelView(plotW, Math.round(plotW * 360 / 520));
    // this watch's own view: a run opened after it (another click in the list) has a new one, and what this watch still
    // receives (its snapshot, its events) is dropped, not drawn there (review45: a run's deposit arriving late was drawn
    // in the next run's view, also in that of a CLI run the page says has none)
    const own = view;
    const superseded = () => view !== own;
    const status = h('div', { id: 'run-status' });
    // webaudit65: the run's name and seed under its id (the list names the runs; the panel said only the id)
    const nameLine = h('p', { class: 'hint', id: 'run-name-line' });
    let shownName: string | null | undefined, shownSeed: number | undefined;
    const bar = h('progress', { max: 1, value: 0 });
    const cancel = h('button', { type: 'button', text: 'Cancel', id: 'cancel' });
    // webaudit65: Cancel pressed with the focus on it (Enter, Space, a click) is disabled under it: the focus goes to
    // Resume once the checkpoint lets it resume (it fell to the page, a keyboard user's place lost)
    let focusResume = false;
    cancel.onclick = async () => {
      focusResume = document.activeElement === cancel;
      try { await api(`runs/${id}/cancel`, { method: 'POST' }); } catch (e) { focusResume = false; status.textContent = String((e as Error).message); }
    };
    // a cancelled run (or one whose server stopped) continues from its checkpoint under the same id
    const RESUME_TITLE = 'continue from the checkpoint written at the cancel (or every 120 s): the run ends as an uninterrupted one';
    const resume = h('button', { type: 'button', text: 'Resume', id: 'resume', disabled: true, title: RESUME_TITLE });
    resume.onclick = async () => {
      resume.disabled = true;
      const hadFocus = document.activeElement === resume;
      try { await api(`runs/${id}/resume`, { method: 'POST' }); void refreshList(); void watch(id, hadFocus); } catch (e) { status.textContent = String((e as Error).message); }
    };
    // a step that ended early (the deposit reached the top of the box, ...): the CLI's lines; the page said only "finished"
    const warningsBox = h('div', { class: 'error', id: 'run-warnings' });
    const metricsBox = h('div');
    // a cycling run's cycles (GET /api/runs/:id/series `cycles`): CE and dead metal per cycle, and with an SEI the shares
    // of the plated charge the SEI and the dead metal took (mends58: only the Compare page showed the CE per cycle)
    const cyclesBox = h('div');
    // the run folder's outputs once it has ended (metrics.json, eta.csv, final.vti, ...), each a download
    const filesBox = h('div', { id: 'run-files' });
    // why the deposit view stays empty for a run this server did not run (it was blank without a word)
    const depositHint = h('p', { class: 'hint', id: 'deposit-hint' });
    let inMemory = true; // the run is in this server's memory (GET /api/runs/:id says live)
    // audit70: a finished run this server did not run has its latest grid all the same, its folder's final.vti (the
    // server reads it); until then its view stayed empty, `latest: not held by this server (pick a step)`
    let endGrid = false;
    // web64: the deposit at the end of each plate and strip step (GET /api/runs/:id/snapshots), picked on a slider under
    // the view whose last place is the latest grid (the default); keys move it as any slider (arrows, Home, End)
    const stepPick = h('input', { type: 'range', min: 0, max: 0, value: 0, step: 1, id: 'deposit-step', name: 'deposit-step', disabled: true, 'aria-describedby': 'deposit-step-text', style: 'width:16em;vertical-align:middle' });
    const stepText = h('span', { id: 'deposit-step-text' });
    const historyHint = h('p', { class: 'hint', id: 'deposit-history-hint' });
    const historyBox = h('div', { id: 'deposit-history' },
      h('label', {}, h('span', { class: 'name', text: 'step' }), stepPick, ' ', stepText), historyHint);
    let picks: SnapshotPick[] = [];
    let stepsTotal: number | null = null;
    let runActive = false;
    let asked = 0; // the latest grid asked for by the slider: an earlier answer arriving after it is dropped
    const atLatest = () => Number(stepPick.value) >= picks.length;
    const drawGrid = (s: { buf: ArrayBuffer; headers: Headers }) => {
      const [nx, ny, nz] = (s.headers.get('x-grid') ?? '0,0,0').split(',').map(Number);
      own.setGrid(new Uint8Array(s.buf), nx!, ny!, nz!, Number(s.headers.get('x-voxel-nm') ?? '1'), Number(s.headers.get('x-host-layers') ?? '0'), s.headers.get('x-host-foil') === 'true');
    };
    const sayPick = () => {
      const i = Number(stepPick.value);
      const words = snapshotPickText(picks[i], { steps: stepsTotal, latest: runActive ? 'live' : inMemory || endGrid ? 'ended' : 'none' });
      stepText.textContent = words;
      stepPick.setAttribute('aria-valuetext', words);
      stepPick.dataset.step = picks[i] ? String(picks[i]!.step) : 'latest';
    };
    const showPick = async () => {
      const mine = ++asked;
      sayPick();
      const p = picks[Number(stepPick.value)];
      if (!p) { await loadSnapshot(); return; }
      // a box over the view's limit is not asked for (the line says to open its file in ParaView); nothing stays drawn
      // under a line that names another grid
      if (p.over_view_limit) { own.clear(); return; }
      try {
        const s = await apiGrid(`runs/${id}/snapshots/${p.step}`);
        if (superseded() || mine !== asked) return;
        historyHint.textContent = listInfo;
        drawGrid(s);
      } catch (e) { if (!superseded() && mine === asked) { own.clear(); historyHint.textContent = (e as Error).message; } }
    };
    stepPick.addEventListener('input', () => { void showPick(); });
    let listAsked = 0;
    let listInfo = ''; // what the list says under the slider (how many, or why none); a grid that fails to load says why in its place
    const loadSnapshots = async () => {
      const mine = ++listAsked;
      let d: { snapshots: SnapshotPick[]; steps: number | null; hint?: string; listed_of?: number };
      try { d = await api(`runs/${id}/snapshots`); } catch (e) { if (!superseded() && mine === listAsked) { historyHint.textContent = (e as Error).message; } return; }
      if (superseded() || mine !== listAsked) return;
      const latest = atLatest();
      const at = picks[Number(stepPick.value)]?.step;
      picks = d.snapshots;
      stepsTotal = d.steps;
      stepPick.max = String(picks.length);
      stepPick.disabled = picks.length === 0;
      // the latest grid stays picked as the list grows; a picked step stays picked
      const k = latest ? picks.length : picks.findIndex((p) => p.step === at);
      stepPick.value = String(k < 0 ? picks.length : k);
      historyHint.textContent = listInfo = d.hint ?? (d.listed_of ? `${picks.length} of its ${d.listed_of} snapshots, evenly spaced` : `${picks.length} snapshot${picks.length === 1 ? '' : 's'}: the deposit at the end of each plate and strip step (snapshots/ in its output folder); the last place is the latest grid`);
      if (!inMemory && !endGrid && picks.length) depositHint.textContent = `${NOT_HELD}; its snapshots at the end of each step are under the view: pick a step`;
      sayPick();
    };
    // the cell's name from the run's input (a Li foil against the host: symmetric only on the metal's own foil)
    const cellHead = h('h4', { text: 'cell voltage', id: 'cell-voltage-title' });
    void api(`runs/${id}/input`).then((inp: any) => {
      if (typeof inp?.metal === 'string' && typeof inp?.host === 'string') cellHead.textContent = cellVoltageLabel(inp.metal, inp.host);
    }).catch(() => { /* the plain title stays */ });
    live.replaceChildren(h('h3', { text: id }), nameLine, status, warningsBox, bar, ' ', cancel, ' ', resume, h('h4', { text: 'working-electrode overpotential eta(t)' }), etaPlot.el,
      cellHead, cellPlot.el, h('h4', { text: 'deposit' }), depositHint, view.el, historyBox, metricsBox, cyclesBox, filesBox);
    const rows: Rows = { time_s: [], charge_C_per_cm2: [], overpotential_mV: [], cell_voltage_mV: [] };
    let dirty = false;
    const redraw = () => {
      if (!dirty) return;
      dirty = false;
      // the trace's first row alone (t = 0) is no curve yet: the plots keep saying they wait for the first window
      const some = rows.time_s.length >= 2;
      etaPlot.set(some ? [{ label: 'eta', x: rows.time_s, y: rows.overpotential_mV }] : []);
      cellPlot.set(some ? [{ label: 'cell', x: rows.time_s, y: rows.cell_voltage_mV, color: '#2ca02c' }] : []);
    };
    window.clearInterval(timer);
    timer = window.setInterval(redraw, 300);
    const addRows = (r: Rows) => { for (const k of Object.keys(rows) as (keyof Rows)[]) rows[k].push(...(r[k] ?? [])); dirty = true; };
    const loadSnapshot = async () => {
      // a step picked on the slider stays drawn: the live run's newer grids wait until the latest is picked again
      if (!atLatest()) return;
      const mine = asked;
      const s = await apiBinary(`runs/${id}/snapshot`);
      if (superseded() || mine !== asked) return;
      if (!s && !inMemory) depositHint.textContent = `${NOT_HELD}${picks.length ? '; its snapshots at the end of each step are under the view: pick a step' : ''}`;
      else depositHint.textContent = '';
      if (!inMemory && endGrid !== !!s) { endGrid = !!s; sayPick(); }
      // none held (a run this server did not run, a box over the view's limit): a step's grid drawn before goes
      if (!s) { own.clear(); return; }
      drawGrid(s);
    };
    let lastStep: number | undefined;
    const showStatus = (v: any) => {
      const active = v.status === 'queued' || v.status === 'running';
      runActive = active;
      // a step ended (the progress moved to the next): its snapshot is on disk, the list grows (web64)
      if (active && typeof v.progress?.step === 'number' && v.progress.step !== lastStep) {
        if (lastStep !== undefined) void loadSnapshots();
        lastStep = v.progress.step;
      }
      // the step and how far it is (charge against its target, or time against its limit), events and
      // first-passage exits: the line the CLI prints when stderr is not a terminal (src/simulation/progress.ts)
      const p = v.progress;
      // and the pace: events/s, or "resting, 4.02 of 20 s" in a walker rest (liveText; "0 events/s" until mends47)
      const live = active && p ? `: ${liveText(p)}` : '';
      // a run stopped at its event limit says so, as the list and `runs list` do (mends89); data-status stays the status
      // mends112 (review85 M4): a cancelled run says how far it got ("cancelled at 12 % (0.00072 of 0.006 mAh/cm2)");
      // it said only "cancelled", and its metrics read as a finished run's
      status.textContent = `${statusWords(v)}${stoppedAtText(v)}${live}${v.error ? ` — ${v.error}` : ''}`;
      status.dataset.status = v.status;
      // webaudit67: a progress event carries no name nor seed: the run's own are kept (the line said "(no name)" at the first)
      if ('name' in v) shownName = v.name;
      const seed = v.metrics?.seed ?? v.seed;
      if (typeof seed === 'number') shownSeed = seed;
      nameLine.textContent = [shownName ?? '(no name)', shownSeed !== undefined ? `seed ${shownSeed}` : ''].filter(Boolean).join(', ');
      if (!superseded()) openStatus = v.status;
      if (v.progress) bar.value = v.progress.fraction;
      cancel.disabled = !(v.status === 'queued' || v.status === 'running');
      resume.disabled = v.resumable !== true;
      if (focusResume && !resume.disabled && !superseded()) { focusResume = false; resume.focus(); }
      if (focusCancel && !cancel.disabled && !superseded()) { focusCancel = false; cancel.focus(); }
      // a run cancelled while still queued never ran: the same button starts it from the beginning
      resume.textContent = v.never_started ? 'Start' : 'Resume';
      resume.title = v.never_started ? 'it was cancelled before it started: start it from the beginning under the same id' : RESUME_TITLE;
      if (v.metrics && Object.keys(v.metrics).length) {
        // the estimator and the plating step's current and capacity the readings are of (review41: metrics.json had them
        // since review40 and mends48, the page did not)
        // a run with an SEI (its metrics' `sei` block) shows the share of its charge the SEI took, and a cycling run its
        // cycles (review45: the page showed nothing of either, only the SEI's voxels in the 3D view)
        // (mends112, review85 M4: what the plating step plated beside its target, which read as plated in a cancelled run;
        // an Aurbach run's protocol CE by its name, aurbach_ce, M9)
        const keys = ['estimator', 'plating_current_mA_per_cm2', ...PLATING_KEYS, 'nucleation_overpotential_mV', 'plateau_overpotential_mV', 'rms_roughness_nm', 'nucleus_density_per_um2', 'sac_nucleation_share', 'sac_nucleation_share_chance', 'host_coverage',
          ...(v.metrics.cycles_completed > 0 ? ['cycles_completed'] : []), ...('aurbach_ce' in v.metrics ? ['aurbach_ce'] : []), 'average_ce', 'dead_metal_fraction', ...(v.metrics.sei ? ['sei_charge_fraction'] : []), 'events', 'wall_s'];
        // a run with an electrolyte: its transport block's readings at the end (metrics.json `transport`), named by their
        // keys there (review57: the page showed none of them, the concentration only in eta.csv; a short circuit's or
        // Sand's time read nowhere on the page); `–` where there was none
        const tp = v.metrics.transport && typeof v.metrics.transport === 'object' ? v.metrics.transport : undefined;
        // and the field's cost: its updates and share of the wall time (mends78: review63 found the finished page said
        // nothing of it, the live line's "80 % of the wall time in the electrolyte field" gone with the status)
        const tpKeys = tp ? ['electrolyte', 'surface_concentration_M', 'concentration_overpotential_mV', 'sand_time_s', 'sand_time_analytic_s', 'short_circuit_s', 'field_updates', 'field_wall_share'].filter((k) => k in tp) : [];
        const share = typeof tp?.field_wall_share === 'number' ? tp.field_wall_share as number : undefined;
        // the live line's words, over the whole run; the pointer to what sets the cost where it is half or more, as the live line
        // (plain text: the page links no docs page)
        const shareLine: HTMLElement[] = share === undefined ? [] : [h('p', { class: 'hint', id: 'run-field-share',
          text: `${fieldShareText(share)} (${typeof tp.field_updates === 'number' ? groupedCount(tp.field_updates) : fmt(tp.field_updates)} field updates)${share >= FIELD_SHARE_SAID ? `: ${FIELD_CELL_POINTER}` : ''}` })];
        // cmpmeas67: and the line `sacplate simulate` ends with where a coarser cell.field_cell would do (GET /api/runs/:id's
        // field_cell_line, fieldcost66's fieldCellLine)
        if (share !== undefined && typeof v.field_cell_line === 'string') shareLine.push(h('p', { class: 'hint', id: 'run-field-cell', text: v.field_cell_line }));
        // a run with cell.space_charge: chazalviel, the zone's readings (metrics.json `transport.space_charge`) by their paths
        // and under the table the line `sacplate simulate` prints (review76: the page showed neither, so a plate past Sand's
        // time read the same with the option on and off)
        const sc = tp?.space_charge && typeof tp.space_charge === 'object' ? tp.space_charge as Record<string, unknown> : undefined;
        const scKeys = sc ? ['zones', 'onset_s', 'onset_layer', 'tip_speed_um_per_s', 'front_speed_um_per_s', 'anion_drift_um_per_s_per_mA_cm2', 'layers_reached'].filter((k) => k in sc) : [];
        const scLine = sc ? [h('p', { class: 'hint', id: 'run-space-charge', text: spaceChargeLine(sc as unknown as Parameters<typeof spaceChargeLine>[0]) })] : [];
        // mends102 (ohmic2 left it): a run with cell.migration: ohmic, the liquid's potential's readings (metrics.json
        // `transport.migration`) by their paths, and under the table each one's meaning and unit (fields/report.ts migrationRows)
        const mig = migrationRows(tp?.migration);
        const migLegend = mig.length ? [h('div', { class: 'hint', id: 'run-migration' }, ...mig.map((r) => h('div', { text: `${r.key}: ${r.meaning || 'a reading of the block'}${r.unit ? ` (${r.unit})` : ''}` })))] : [];
        // mends113 (review85 F7): the nuclei counted before they coalesce (metrics.json's early_* keys), after the end's counts
        const early = earlyRunRows(v.metrics);
        const earlyNote = early.note ? [h('p', { class: 'hint', id: 'run-early-note', text: early.note })] : [];
        const at = keys.indexOf('sac_nucleation_share_chance') + 1;
        const rowKeys = keys.filter((k) => k in v.metrics);
        const cut = rowKeys.findIndex((k) => keys.indexOf(k) >= at);
        const metricRow = (k: string) => [k, k === 'nucleation_overpotential_mV' ? nucleationCell(v.metrics[k]) : fmt(v.metrics[k])];
        const earlyRow = (r: { key: string; value: number | null }) => [r.key, r.value === null && early.note.startsWith('early_*: – ') ? '– (see below)' : fmt(r.value)];
        metricsBox.replaceChildren(h('h4', { text: 'metrics' }), table(['metric', 'value'], [
          ...(cut < 0 ? rowKeys : rowKeys.slice(0, cut)).map(metricRow), ...early.rows.map(earlyRow), ...(cut < 0 ? [] : rowKeys.slice(cut)).map(metricRow),
          ...tpKeys.map((k) => [`transport.${k}`, fmt(tp[k])]),
          ...scKeys.map((k) => [`transport.space_charge.${k}`, fmt(sc![k] ?? null)]),
          ...mig.map((r) => [r.key, fmt(r.value ?? null)])], { id: 'run-metrics' }), ...earlyNote, ...shareLine, ...scLine, ...migLegend,
          ...('sac_nucleation_share_chance' in v.metrics ? [sacShareLegend('run-legend')] : []));
      }
    };
    // what the CLI says of the run's input before it runs (a Hold at a cell voltage's size, an electrolyte with another's
    // SEI set or none: GET /api/runs/:id `input_warnings`), shown from the start, before the lines of its end (review61)
    let inputWarnings: string[] = [];
    const ended = async (v?: { warnings?: string[]; input_warnings?: string[]; metrics?: Record<string, unknown> }) => {
      bar.value = status.dataset.status === 'finished' ? 1 : bar.value;
      const st = v ?? await api<{ warnings?: string[]; input_warnings?: string[]; metrics?: Record<string, unknown> }>(`runs/${id}`);
      const w: string[] = [...(st.input_warnings ?? inputWarnings), ...(st.warnings ?? [])];
      warningsBox.replaceChildren(...w.map((line) => h('div', { text: line })));
      const s = await api(`runs/${id}/series`);
      if (superseded()) return;
      if (s.trace) { for (const k of Object.keys(rows) as (keyof Rows)[]) rows[k] = s.trace[k] ?? []; dirty = true; redraw(); }
      const cycles = (Array.isArray(s.cycles) ? s.cycles : []) as Record<string, unknown>[];
      const sei = !!st.metrics?.sei;
      // mends112 (review85 M9): an Aurbach run's rows say their role (cycles.csv's column: its first and last "CE" are
      // charge ratios, 0.1997 and 4.959 under "CE (0-1)" read as a bug), and the protocol's CE is named aurbach_ce
      const ceHead = cycleCeHead(cycles);
      const cols = ['cycle', 'ce', 'dead_metal_fraction', ...(sei ? ['sei_charge_fraction', 'dead_charge_fraction'] : []), ...(ceHead.roles ? ['role'] : [])];
      const aurbach = typeof st.metrics?.aurbach_ce === 'number' ? st.metrics.aurbach_ce : undefined;
      cyclesBox.replaceChildren(...(cycles.length ? [h('h4', { text: 'cycles' }),
        table(cols.map((c) => (c === 'ce' ? ceHead.head : c)), cycles.map((c) => cols.map((k) => (k === 'role' ? String(c[k] ?? '') : fmt(c[k] ?? null)))), { id: 'run-cycles' }),
        h('p', { class: 'hint', text: `CE: charge stripped / charge plated in the cycle (– where the strip filled the box or plated)${ceHead.roles ? '; in a row whose role says "charge ratio", the ratio of that row\'s charges, not an efficiency (it can pass 1)' : ''}; dead_metal_fraction: dead metal at the cycle's end / metal plated in all cycles so far${sei ? '; sei_charge_fraction, dead_charge_fraction: the shares of the cycle\'s plated charge bound in SEI and left as dead metal' : ''} (cycles.csv)` }),
        ...(aurbach !== undefined ? [h('p', { class: 'hint', id: 'run-aurbach-ce', text: `aurbach_ce ${fmt(aurbach)}: the Aurbach protocol's CE, (n Q_C + Q_S) / (n Q_C + Q_T) (metrics.json; average_ce holds the same value)` })] : [])] : []));
      await loadSnapshots();
      await loadSnapshot();
      void refreshList();
      // a failed (or resumed, still running) run's folder holds where it stopped before: `note` says so (mends80)
      const { files, note } = await api(`runs/${id}/files`);
      filesBox.replaceChildren(...(files.length ? [h('h4', { text: 'output files' }), h('p', {}, ...files.flatMap((f: { name: string; bytes: number }, i: number) => [
        i ? ' · ' : '', h('a', { href: apiUrl(`runs/${id}/files/${f.name}`), download: `${id}-${f.name}`, text: f.name }), ` (${fmt(f.bytes / 1000, 3)} kB)`])),
        ...(typeof note === 'string' ? [h('p', { class: 'hint', text: note })] : [])] : []));
    };
    const v = await api(`runs/${id}`);
    if (superseded()) return;
    inMemory = v.live !== false;
    inputWarnings = Array.isArray(v.input_warnings) ? v.input_warnings : [];
    warningsBox.replaceChildren(...inputWarnings.map((line) => h('div', { text: line })));
    showStatus(v);
    if (v.status !== 'queued' && v.status !== 'running') { await ended(v); return; }
    void loadSnapshots();
    es = events(`runs/${id}/events`);
    es.addEventListener('progress', (e) => { const d = JSON.parse((e as MessageEvent).data); addRows(d.rows); if (d.progress) showStatus({ status: 'running', progress: d.progress }); });
    es.addEventListener('snapshot', () => { void loadSnapshot(); });
    es.addEventListener('status', (e) => {
      const d = JSON.parse((e as MessageEvent).data);
      showStatus(d);
      if (d.status !== 'queued' && d.status !== 'running') { es?.close(); redraw(); void ended(); }
    });
  };

  // a run in the address at load (#/run/<id>: a reload, a link): reopened, its live stream if it still runs, and the form
  // filled from its input (mends114, review85 F1: a reload mid-run showed "Start a run" and the default form)
  const atLoad = runIdFromHash(location.hash);
  const openFailed = (e: unknown) => { live.replaceChildren(h('p', { class: 'error', id: 'run-open-error', text: (e as Error).message })); };
  if (atLoad) watch(atLoad).catch(openFailed);
  void (async () => {
    const schema = await api('schema/run');
    const given = atLoad ? await api<unknown>(`runs/${encodeURIComponent(atLoad)}/input`).catch(() => undefined) : undefined;
    const givenName = atLoad ? await api<{ name?: string | null }>(`runs/${encodeURIComponent(atLoad)}`).then((v) => v.name ?? '').catch(() => '') : '';
    let form = buildForm(schema, given && typeof given === 'object' && !Array.isArray(given) ? given as Record<string, unknown> : DEFAULT_RUN);
    const msg = h('div', { class: 'error', id: 'form-error' });
    // web63: its placeholder said what a name does, cut at the box's edge ("... seeds of o"): said under the box
    const name = h('input', { name: 'run-name', placeholder: 'name (optional)', size: 36, value: givenName, 'aria-describedby': 'run-name-hint' });
    // the field a refusal names (mends114, review85 F4: only the line under Start named it): marked (aria-invalid, a red
    // frame); after Start also its folded sections opened, scrolled to and focused (not while typing: the focus stays)
    const markInvalid = (message: string | undefined, reveal: boolean) => {
      for (const x of form.el.querySelectorAll('[aria-invalid="true"]')) { x.removeAttribute('aria-invalid'); x.removeAttribute('aria-describedby'); }
      for (const x of form.el.querySelectorAll('.invalid')) x.classList.remove('invalid');
      if (!message) return;
      const boxes = [...form.el.querySelectorAll<HTMLElement>('[data-field]')];
      const p = errorFieldPath(message, boxes.map((b) => b.dataset.field ?? ''));
      const box = p === undefined ? undefined : boxes.find((b) => b.dataset.field === p);
      if (!box) return;
      box.classList.add('invalid');
      const inputs = [...box.querySelectorAll<HTMLElement>('input, select, textarea')];
      for (const i of inputs) { i.setAttribute('aria-invalid', 'true'); i.setAttribute('aria-describedby', 'form-error'); }
      if (!reveal) return;
      for (let d = box.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      box.scrollIntoView({ block: 'center' });
      inputs[0]?.focus();
    };
    const start = h('button', { type: 'button', text: 'Start run', id: 'start' });
    // the form is checked (POST /api/validate) 300 ms after the last keystroke while typing, at once when a field changes
    // (left after an edit, a choice picked); Start drops a pending check and any answer still on its way, so the line
    // says what Start did. Only the newest check's answer is written (mends103: a field left or Start pressed within the
    // 300 ms waited for the pause, and the late check's "valid: ..." overwrote "started run-...")
    let t: number | undefined, asked = 0;
    const drop = () => { window.clearTimeout(t); t = undefined; asked++; };
    const check = async () => {
      drop();
      const n = asked;
      try {
        const r = await api('validate', { body: form.value() });
        if (n !== asked) return;
        msg.className = 'ok'; msg.textContent = [`valid: ${r.mode} mode, ${r.voxels} voxels`, ...(r.input_warnings ?? [])].join('\n');
        markInvalid(undefined, false);
      } catch (e) { if (n !== asked) return; msg.className = 'error'; msg.textContent = (e as Error).message; markInvalid(msg.textContent, false); }
    };
    const onInput = () => { window.clearTimeout(t); t = window.setTimeout(check, 300); };
    const onChange = () => { void check(); };
    const listen = (el: HTMLElement) => { el.addEventListener('input', onInput); el.addEventListener('change', onChange); };
    listen(form.el);
    // the package's example runs (GET /api/examples): picking one fills the form from its file, named after it
    const picker = h('select', { name: 'example', id: 'example' }, h('option', { value: '', text: 'the default run' }));
    const about = h('p', { class: 'hint', id: 'example-about' });
    // mends115 (review85 F10): what the example costs, its comment's "About 7 s of CPU" (the description is cut at 240
    // characters and left it out): the figure in the option, the whole sentence under the picker once picked
    const costBox = h('p', { class: 'hint', id: 'example-cost' });
    void api('examples').then((d: { examples: { name: string; description: string; voxels: number; cost?: string | null }[] }) => {
      picker.append(...d.examples.map((x) => {
        const fig = costFigure(x.cost);
        return h('option', { value: x.name, text: `${x.name} (${x.voxels.toLocaleString('en')} voxels${fig ? `, ${fig}` : ''})`, title: `${x.description}${x.cost ? `\n${x.cost}` : ''}` });
      }));
    }).catch((e) => { about.textContent = (e as Error).message; });
    picker.onchange = async () => {
      let init: Record<string, unknown> = DEFAULT_RUN;
      try {
        if (picker.value) {
          const x = await api(`examples/${encodeURIComponent(picker.value)}`);
          init = x.input;
          about.textContent = `${x.file}: ${x.description}`;
          costBox.textContent = x.cost ? `cost (the file's comment): ${x.cost}` : '';
          name.value = x.name;
        } else { about.textContent = ''; costBox.textContent = ''; name.value = ''; }
      } catch (e) { about.textContent = (e as Error).message; return; }
      const next = buildForm(schema, init);
      listen(next.el);
      form.el.replaceWith(next.el);
      form = next;
      void check();
    };
    start.onclick = async () => {
      drop(); // the server checks what it is sent: a check pending from typing would write over its answer
      try {
        const v = await api('runs', { body: { input: form.value(), ...(name.value.trim() ? { name: name.value.trim() } : {}) } });
        msg.className = 'ok'; msg.textContent = `started ${v.id}`;
        markInvalid(undefined, false);
        void refreshList();
        void watch(v.id);
        showPanel();
      } catch (e) { msg.className = 'error'; msg.textContent = (e as Error).message; markInvalid(msg.textContent, true); }
    };
    // mends115 (review85 F9): Enter in a text field of the form (or the name box) starts the run, as Start does (it did
    // nothing); not in a text area (a new protocol line), a choice list or a box being composed
    formBox.addEventListener('keydown', (e) => {
      const t = e.target as HTMLInputElement | null;
      if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || !t || t.tagName !== 'INPUT' || t.type !== 'text') return;
      e.preventDefault();
      start.click();
    });
    formBox.replaceChildren(h('h3', { text: 'New run' }), h('label', {}, h('span', { class: 'name', text: 'example' }), picker), about, costBox, form.el, h('label', {}, h('span', { class: 'name', text: 'name' }), name, h('small', { id: 'run-name-hint', class: 'hint', text: 'runs with one name are seeds of one case' })), start, msg);
    void check();
  })();
  void refreshList();
  // mends114 (review85 F5): a tab coming back to the front follows what another tab did meanwhile: the list read again
  // (a run started there was missing until a reload), and an open run shown as ended that runs again (resumed there)
  // reopened with its live stream (this tab's stream had closed at the cancel)
  const onFront = () => {
    if (document.hidden) return;
    void refreshList();
    const id = openId;
    if (!id || openStatus === undefined || openStatus === 'queued' || openStatus === 'running') return;
    void api(`runs/${id}`).then((v: { status?: string }) => { if (openId === id && (v.status === 'queued' || v.status === 'running')) void watch(id); }).catch(() => { /* the shown view stays */ });
  };
  document.addEventListener('visibilitychange', onFront);
  window.addEventListener('focus', onFront);
  return () => { es?.close(); view?.dispose(); window.clearInterval(timer); window.clearTimeout(filterTimer); document.removeEventListener('visibilitychange', onFront); window.removeEventListener('focus', onFront); };
}
