/** Cycler files page: drop an EC-Lab/Neware/Arbin/Landt/BDF file; checks, CE per cycle, overpotentials, nucleation; overlay on a simulation. */
import { api, fmt, h, table } from '../api';
import { LinePlot, plotWidthIn } from '../plot';
import { nucleationCell } from '../no-dip';
import { holdsHalf, retentionText } from '../../../src/analysis/fullcell-text';
import { cyclerTextForPage } from '../../../src/server/cycler-hints';
import { restInfoText, rowsAndCyclesText, symmetricNucleationLine, symmetricPairingLines } from '../../../src/analysis/cycles-text';
import { chargeText, fullcellRatioTexts, ratioText, resolutionNote } from '../../../src/analysis/resolution-text';
import { licuTableHeading, overlayRunText, overlaySpanNote, timeAxis, timeSpan, type OverlayRun } from '../../../src/server/page-readings';

export function mountCycler(el: HTMLElement): () => void {
  const drop = h('div', { class: 'drop', id: 'drop' }, 'Drop a cycler file here, or ', h('input', { type: 'file', name: 'file', 'aria-label': 'cycler file to analyse' }));
  const protocol = h('select', { name: 'protocol' }, ...['licu', 'symmetric', 'fullcell', 'aurbach'].map((p) => h('option', { value: p, text: p })));
  const area = h('input', { name: 'area', placeholder: '1.13 cm2 (default: from the file)', size: 32 });
  // the active material's mass, as analyze's --mass (POST /api/cycler's mass, fullcell only): capacities per gram too
  const mass = h('input', { name: 'mass', placeholder: '2.08 (optional)', 'aria-label': 'active material mass in mg (fullcell)' });
  const massLabel = h('label', {}, h('span', { class: 'name', text: 'mass (mg)' }), mass);
  const showMass = () => { massLabel.style.display = protocol.value === 'fullcell' ? '' : 'none'; };
  showMass();
  const sim = h('select', { name: 'overlay' }, h('option', { value: '', text: '(no simulation)' }));
  const out = h('div', { class: 'panel', id: 'cycler-out' });
  el.append(h('div', { class: 'panel' }, h('h3', { text: 'Cycler file' }), drop,
    h('label', {}, h('span', { class: 'name', text: 'protocol' }), protocol),
    h('label', {}, h('span', { class: 'name', text: 'area' }), area),
    massLabel,
    h('label', {}, h('span', { class: 'name', text: 'overlay run' }), sim),
    h('p', { class: 'hint', text: 'The file is streamed to the server (at most 200 MB) and analysed with the same code as `sacplate analyze`; the server keeps it in its store (its latest 20, up to 20 MB each) for the Compare page\'s measured cell, where it is listed under recent cycler files and can be deleted.' })), out);
  // each run by its name, seed, system and start (mends114, review85 F6: "cmp-SAC (Li/N-graphene)" twice, seeds not told
  // apart; the legend named it by its id's last 8 characters)
  const overlays = new Map<string, OverlayRun>();
  // webaudit65: read again when the page comes to the front (a run finished meanwhile, from the CLI or the Run page in
  // another tab, was missing until a reload), the run picked kept
  const loadRuns = () => api('runs', { query: { limit: '50' } }).then(({ runs }) => {
    const picked = sim.value;
    overlays.clear();
    const options = [h('option', { value: '', text: '(no simulation)' })];
    for (const r of runs as (OverlayRun & { status: string })[]) if (r.status === 'finished') { overlays.set(r.id, r); options.push(h('option', { value: r.id, text: overlayRunText(r).option })); }
    sim.replaceChildren(...options);
    // a picked run no longer among the 50 listed stays picked, by its id
    if (picked && !overlays.has(picked)) sim.append(h('option', { value: picked, text: picked }));
    sim.value = picked;
  }).catch(() => { /* the list stays as it was */ });
  void loadRuns();
  const onFront = () => { if (!document.hidden) void loadRuns(); };
  document.addEventListener('visibilitychange', onFront);
  window.addEventListener('focus', onFront);

  let last: File | undefined;
  // the latest request wins: a protocol change re-analyses the last file, and a file dropped meanwhile
  // must not be overwritten by that older answer arriving after it
  let request = 0;
  const analyse = async (file: File) => {
    last = file;
    const mine = ++request;
    out.replaceChildren(h('p', { class: 'hint', text: `uploading ${file.name} (${file.size} bytes)…` }));
    let d: any;
    // a bare number is in the box's unit, mg; a number with its own unit ("0.002 g") goes as typed; only a full cell reads it
    const m = mass.value.trim();
    const massQuery = protocol.value === 'fullcell' && m !== '' ? (/^[-+]?[\d.]+(e[-+]?\d+)?$/i.test(m) ? `${m} mg` : m) : undefined;
    try { d = await api('cycler', { raw: file, query: { name: file.name, protocol: protocol.value, area: area.value, mass: massQuery } }); }
    catch (e) { if (mine === request) out.replaceChildren(h('p', { class: 'error', id: 'cycler-error', text: cyclerTextForPage((e as Error).message) })); return; }
    if (mine !== request) return;
    const r = d.report;
    // analyze's words (a file at rest throughout said "0 cycles by the current sign" here until mends52)
    const parts: Node[] = [h('h3', { text: `${d.name}: ${r.format}, ${rowsAndCyclesText(r)}` }),
      // web68: kept for the Compare page (POST /api/cycler's kept), or why not (over the size kept: not_kept)
      h('div', { class: 'hint', id: 'cycler-kept', text: d.kept ? `kept by the server for the Compare page's measured cell (recent cycler files): ${d.kept.name}, ${d.kept.bytes} bytes` : `not kept for the Compare page: ${d.not_kept ?? 'no reason given'}` }),
      // the flags `sacplate analyze` prints (an implausible mass, CE or retention), as the Run page shows a run's warnings (mends60)
      h('div', { class: 'error', id: 'cycler-warnings' }, ...((d.warnings ?? []) as string[]).map((w) => h('div', { text: `warning: ${cyclerTextForPage(w)}` }))),
      table(['file', 'value'], [['format', r.format], ['encoding', r.encoding], ['columns', r.columns.join(', ')], ['area (cm2)', fmt(r.area_cm2)], ['conventions', r.conventions]]),
      // the checks `sacplate analyze` prints (a repaired time column or current sign, a capacity taken from the file's columns)
      h('h4', { text: 'checks' }),
      table(['status', 'check', 'detail'], r.checks.map((c: any) => [c.status === 'ok' ? 'ok' : String(c.status).toUpperCase(), c.name, typeof c.detail === 'string' ? cyclerTextForPage(c.detail) : c.detail])
        // and analyze's `info rest` line after them: which current is read as rest (polish64: the page left it out)
        .concat(r.rest ? [['info', 'rest', restInfoText(r.rest)]] : []), { id: 'cycler-checks' })];
    // the CLI's columns: Li||Cu plated/stripped; a full cell by direction, with the file's cycle and retention
    // (they were "in" and "out" with charge as "in" whatever the file's first direction)
    // each plating's nucleation reading beside its CE, magnitudes in mV (the plating reads V < 0 vs Li), as `sacplate analyze` prints them
    // (no nucleation column where the file does not fit the protocol: nucleation_not_read says why, as the CLI's report)
    const licuNotRead = r.licu?.nucleation_not_read;
    // per area when the area is known (the area box or the file's header), as `sacplate analyze` prints them and a
    // simulated run's cycles.csv names them (review41: the page showed mAh only)
    const licuAreal = r.licu?.cycles.some((c: any) => c.plated_mAh_per_cm2 !== undefined);
    // charges read from the file's capacity columns (the capacity check): to the digits those columns resolve, CE and
    // retention to their uncertainty's first digit, by `sacplate analyze`'s rule (resolution-text.ts), with the step said
    // above the table (mends109: the SINTEF BDF file's CE read 0.5079 here from 0.1 mAh columns, 0.51 in analyze's table);
    // other files' figures to 4 significant digits, as the page shows them
    const res: number | undefined = r.capacity_resolution_mAh;
    const q = (v: unknown, max: number, per?: number) => (res === undefined ? fmt(v) : chargeText(typeof v === 'number' ? v : undefined, res, max, per, '–'));
    const resNote = () => (res === undefined ? [] : [h('p', { class: 'hint', id: 'cycler-resolution', text: resolutionNote(res) })]);
    // mends112 (review85 M5): under a failed protocol check (no metal plated on the working electrode: a graphite or full
    // cell read as licu) the table is titled not applicable, with the check's reason, as the nucleation line below; it
    // read "CE per cycle (mean 0.5079)" of "plated" metal whose "plating peak" was the electrode's rest voltage
    const licuHead = r.licu ? licuTableHeading(r.licu.mean_ce, r.checks) : undefined;
    if (r.licu) parts.push(h('h4', { text: licuHead!.applicable ? licuHead!.text : cyclerTextForPage(licuHead!.text), id: 'cycler-ce-title', 'data-applicable': String(licuHead!.applicable) }), ...resNote(),
      table(['cycle', 'plated_mAh', 'stripped_mAh', ...(licuAreal ? ['plated_mAh_per_cm2', 'stripped_mAh_per_cm2'] : []), 'CE', 'plating_peak_mV', 'plating_plateau_mV', ...(licuNotRead ? [] : ['nucleation_overpotential_mV'])],
        r.licu.cycles.map((c: any) => [fmt(c.cycle), q(c.plated_mAh, 5), q(c.stripped_mAh, 5), ...(licuAreal ? [q(c.plated_mAh_per_cm2, 5, r.area_cm2), q(c.stripped_mAh_per_cm2, 5, r.area_cm2)] : []),
          res === undefined ? fmt(c.ce) : ratioText(c.ce ?? undefined, c.plated_mAh, c.stripped_mAh, res, '–'), fmt(c.plating_peak_mV), fmt(c.plating_plateau_mV), ...(licuNotRead ? [] : [nucleationCell(c.nucleation_overpotential_mV)])]), { id: 'ce-table' }));
    const notRead = r.licu?.nucleation_not_read ?? r.aurbach?.nucleation_not_read ?? r.symmetric?.nucleation_not_read;
    if (notRead) parts.push(h('p', { class: 'hint', id: 'cycler-nucleation-not-read', text: `nucleation overpotential: not read: ${notRead}` }));
    const firstPlating = r.licu?.nucleation ?? r.aurbach?.nucleation;
    if (firstPlating) parts.push(h('h4', { text: `nucleation of the first plating${r.aurbach ? ` (${firstPlating.step}; the later platings are onto the Li reservoir, not read)` : ''}` }),
      table(['peak (V)', 'at (s)', 'plateau (V)', 'nucleation overpotential (V)'], [[fmt(firstPlating.peak_V), fmt(firstPlating.peak_time_s), fmt(firstPlating.plateau_V), nucleationCell(firstPlating.nucleation_V)]], { id: 'cycler-nucleation' }));
    if (r.fullcell) {
      const fc = r.fullcell.cycles.some((c: any) => c.file_cycle !== undefined);
      const areal = r.fullcell.cycles.some((c: any) => c.charge_mAh_per_cm2 !== undefined);
      const perGram = r.fullcell.cycles.some((c: any) => c.charge_mAh_per_g !== undefined);
      // as `sacplate analyze` says them: no retention without a complete cycle, no value for a half the file ends before (it read 0)
      // (per area and per gram, the step over the area and the mass, as analyze: 2 decimals at most per gram)
      parts.push(h('h4', { text: 'CE per cycle' }), h('p', { class: 'hint', text: `${r.fullcell.pairing}; ${retentionText(r.fullcell.cycles, r.fullcell.reference_cycle)}` }), ...resNote(),
        table(['cycle', ...(fc ? ['file_cycle'] : []), 'charge_mAh', 'discharge_mAh', ...(areal ? ['charge_mAh_per_cm2', 'discharge_mAh_per_cm2'] : []), ...(perGram ? ['charge_mAh_per_g', 'discharge_mAh_per_g'] : []), 'CE', 'retention'],
          r.fullcell.cycles.map((c: any) => [fmt(c.cycle), ...(fc ? [fmt(c.file_cycle)] : []), q(holdsHalf(c, 1) ? c.charge_mAh : undefined, 5), q(holdsHalf(c, -1) ? c.discharge_mAh : undefined, 5),
            ...(areal ? [q(holdsHalf(c, 1) ? c.charge_mAh_per_cm2 : undefined, 5, r.area_cm2), q(holdsHalf(c, -1) ? c.discharge_mAh_per_cm2 : undefined, 5, r.area_cm2)] : []),
            ...(perGram ? [q(holdsHalf(c, 1) ? c.charge_mAh_per_g : undefined, 2, r.mass_g), q(holdsHalf(c, -1) ? c.discharge_mAh_per_g : undefined, 2, r.mass_g)] : []),
            ...(res === undefined ? [fmt(c.ce), fmt(c.retention)] : fullcellRatioTexts(r.fullcell, { ...c, ce: c.ce ?? NaN, retention: c.retention ?? NaN }, res, '–'))]), { id: 'ce-table' }));
    }
    if (r.aurbach) parts.push(h('h4', { text: 'Aurbach CE' }), h('pre', { text: JSON.stringify(r.aurbach, null, 1).slice(0, 800) }));
    if (r.symmetric) {
      // the CLI's cycle table, with the lines it prints above it on how the cycles were paired (a file cycle split into
      // pairs, review70; a cycle column counting up between a pair's halves, mends91): the page showed neither (mends93)
      const sc = r.symmetric.cycles as any[];
      const fc = sc.some((c) => c.file_cycle !== undefined);
      const mv = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '–');
      const lines = symmetricPairingLines(r.symmetric, r.format);
      parts.push(h('h4', { text: 'plateaus and hysteresis per cycle' }),
        ...(lines.split ? [h('p', { class: 'hint', id: 'cycler-cycles-split', text: lines.split })] : []),
        ...(lines.pairing ? [h('p', { class: 'hint', id: 'cycler-pairing', text: lines.pairing })] : []),
        table(['cycle', ...(fc ? ['file_cycle'] : []), 'plating_plateau_mV', 'stripping_plateau_mV', 'hysteresis_mV'],
          sc.map((c) => [fmt(c.cycle), ...(fc ? [fmt(c.file_cycle)] : []), mv(c.plating_plateau_mV), mv(c.stripping_plateau_mV), mv(c.hysteresis_mV)]), { id: 'symmetric-cycles' }));
      parts.push(h('h4', { text: 'overpotentials per half cycle' }), table(['half', 'cycle', 'sign', 'charge (mAh)', 'mean (V)', 'plateau (V)', 'max (V)'],
        r.symmetric.half_cycles.slice(0, 60).map((x: any) => [fmt(x.index), fmt(x.cycle), x.sign > 0 ? 'strip' : 'plate', fmt(x.charge_mAh), fmt(x.mean_V), fmt(x.plateau_V), fmt(x.max_V)])));
      // with analyze's line under it, which says the half it was read from in a file that starts with a strip (mends96:
      // report.json's read_from, mends94, was not shown: a strip-first file's reading looked like a plating-first one's)
      if (r.symmetric.nucleation) parts.push(h('h4', { text: 'nucleation' }), table(['peak (V)', 'at (s)', 'plateau (V)', 'nucleation overpotential (V)'], [[fmt(r.symmetric.nucleation.peak_V), fmt(r.symmetric.nucleation.peak_time_s), fmt(r.symmetric.nucleation.plateau_V), nucleationCell(r.symmetric.nucleation.nucleation_V)]]),
        h('p', { class: 'hint', id: 'cycler-nucleation-line', text: symmetricNucleationLine(r.symmetric) }));
    }
    // mends115 (review85 F6): the time axis in hours where the file spans 2 h or more (a 73 h file read to 250,000 s), and
    // a simulation spanning under 5 % of the file (15 s on a 0.5 h file: a spike at 0) said, and drawn on its own axis too
    const fileSpan = timeSpan(d.trace.time_s);
    const simTrace = sim.value ? (await api(`runs/${sim.value}/series`)).trace : undefined;
    if (mine !== request) return;
    const simSpan = simTrace ? timeSpan(simTrace.time_s) : NaN;
    const axis = timeAxis(Math.max(Number.isFinite(fileSpan) ? fileSpan : 0, Number.isFinite(simSpan) ? simSpan : 0));
    const inUnit = (t: (number | null)[]) => t.map((x) => (x === null ? null : x * axis.factor));
    // webaudit64: the plots as wide as the panel holds, at most 640 px (a fixed 640 px made the page 842 px wide at 390)
    const plotW = plotWidthIn(out, 640);
    const plot = new LinePlot(axis.label, 'voltage (mV)', plotW);
    plot.el.id = 'cycler-plot';
    plot.el.dataset.timeUnit = axis.unit;
    const series = [{ label: d.name, x: inUnit(d.trace.time_s), y: d.trace.voltage_V.map((v: number | null) => (v === null ? null : v * 1000)) }];
    const simLegend = sim.value ? overlayRunText(overlays.get(sim.value) ?? { id: sim.value }).legend : '';
    if (simTrace) series.push({ label: simLegend, x: inUnit(simTrace.time_s), y: simTrace.cell_voltage_mV });
    plot.set(series);
    parts.push(h('h4', { text: 'voltage against time (the simulation on the same axes when one is picked)' }), plot.el);
    const note = simTrace ? overlaySpanNote(fileSpan, simSpan) : '';
    if (note) {
      const own = timeAxis(simSpan);
      const simPlot = new LinePlot(own.label, 'cell voltage (mV)', plotW);
      simPlot.el.id = 'cycler-sim-plot';
      simPlot.set([{ label: simLegend, x: simTrace.time_s.map((x: number | null) => (x === null ? null : x * own.factor)), y: simTrace.cell_voltage_mV, color: '#d62728' }]);
      parts.push(h('p', { class: 'hint', id: 'cycler-overlay-note', text: note }), simPlot.el);
    }
    // webaudit64: each table in a box that scrolls sideways in the panel (the CE table's 8 columns were wider than a phone)
    out.replaceChildren(...parts.map((p) => (p instanceof HTMLTableElement ? h('div', { class: 'table-scroll' }, p) : p)));
  };
  const input = drop.querySelector('input')!;
  input.onchange = () => { if (input.files?.[0]) void analyse(input.files[0]); };
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer?.files[0]; if (f) void analyse(f); });
  protocol.onchange = () => { showMass(); if (last) void analyse(last); };
  // an area typed after the file was dropped: analysed again with it (it was taken only with the next file)
  area.onchange = () => { if (last) void analyse(last); };
  mass.onchange = () => { if (last && protocol.value === 'fullcell') void analyse(last); };
  sim.onchange = () => { if (last) void analyse(last); };
  return () => { document.removeEventListener('visibilitychange', onFront); window.removeEventListener('focus', onFront); };
}
