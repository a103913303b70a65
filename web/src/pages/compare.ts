/** Compare page: pick runs; eta and cell voltage against capacity overlaid, CE per cycle, metrics with 95 % intervals over seeds. */
import { api, apiUrl, fmt, h, table } from '../api';
import { LinePlot, plotWidthIn } from '../plot';
import { nucleationCell, noDipSeedsText } from '../no-dip';
import { sacShareLegend } from '../sac-share';
import { statusWords } from '../run-status';
import { ETA_AXIS_PAGE, NET_CHARGE_AXIS } from '../../../src/plots/axis-labels';
import { cycleCeHead, earlyEmptyReason, runSystemText, startedText } from '../../../src/server/page-readings';
import { measuredTextForPage } from '../../../src/server/cycler-hints';

const C_PER_CM2_TO_MAH_PER_CM2 = 1000 / 3600;

export function mountCompare(el: HTMLElement): () => void {
  // lead (session 67): the list scrolls in its own box and the measured cell's box stays below it, in sight (it was the
  // last child of the list's 20em scroll box, half hidden under the runs)
  // webaudit67: and only the table scrolls there: the head and both Compare buttons stay in sight (with 6 runs in an
  // 800 px tall window the button under the list was a 2 px sliver at the bottom of the box, found by scrolling in it)
  const list = h('div', { class: 'runs-list' });
  const go = h('button', { type: 'button', text: 'Compare', id: 'compare' });
  // webaudit65: and one under the list, where Tab goes after the last run's box (a keyboard user ticked runs, then went
  // back up to the one button above the list)
  const goBelow = h('button', { type: 'button', text: 'Compare', id: 'compare-below' });
  const pick = h('div', { class: 'panel' }, h('h3', { text: 'Runs' }), go, list, goBelow);
  // cmpmeas67: a measured cell beside the runs, as `sacplate compare --measured FILE --protocol P --area A --map M` reads it
  // (POST /api/compare/measured: the file read by analyze's code, kept by the server under an id for GET /api/compare)
  const mFile = h('input', { type: 'file', name: 'measured-file', id: 'measured-file', 'aria-label': 'measured cell: a cycler file (optional)' });
  const mProtocol = h('select', { name: 'measured-protocol', id: 'measured-protocol', 'aria-label': 'measured cell: protocol' },
    ...['licu', 'symmetric', 'aurbach'].map((p) => h('option', { value: p, text: p })));
  const mArea = h('input', { name: 'measured-area', id: 'measured-area', placeholder: '1.13 cm2 (default: from the file)', 'aria-label': 'measured cell: electrode area', size: 28 });
  // webaudit67: the map's placeholder whole (it read "time=COL,voltage=COL,current=" in its 28-character box at 1280 and
  // 800 px), "optional" said in its label; the box wide enough for it (and under its word in a narrow window)
  const mMap = h('input', { name: 'measured-map', id: 'measured-map', placeholder: 'time=COL,voltage=COL,current=COL', 'aria-label': 'measured cell: column map (optional)', size: 38 });
  // web68: a cycler file the server keeps (each file analysed on the Cycler page: GET /api/cycler/files), read without
  // sending it again (POST /api/compare/measured?file=ID); the page had to upload it a second time
  const mRecent = h('select', { name: 'measured-recent', id: 'measured-recent', 'aria-label': 'measured cell: a recent cycler file the server keeps' }, h('option', { value: '', text: '(none)' }));
  const mDelete = h('button', { type: 'button', text: 'delete', id: 'measured-recent-delete', title: 'delete the picked file from the server\'s store' });
  const mRecentNote = h('span', { class: 'hint', id: 'measured-recent-note' });
  const mClear = h('button', { type: 'button', text: 'remove', id: 'measured-clear', title: 'compare the runs without a measured cell' });
  mClear.onclick = () => { mFile.value = ''; mRecent.value = ''; };
  type Kept = { id: string; name: string; bytes: number; kept_at: string; protocol: string; area: string | null };
  let kept: Kept[] = [];
  const sizeText = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} kB` : `${n} bytes`);
  const loadKept = async () => {
    let files: Kept[];
    try { ({ files } = await api('cycler/files')); } catch { return; }
    kept = files;
    const picked = mRecent.value;
    mRecent.replaceChildren(h('option', { value: '', text: files.length ? '(none)' : '(none yet: analyse a file on the Cycler page)' }),
      ...files.map((f) => h('option', { value: f.id, text: `${f.name} (${sizeText(f.bytes)}; analysed ${startedText(f.kept_at)} as ${f.protocol}${f.area ? `, ${f.area}` : ''})` })));
    mRecent.value = files.some((f) => f.id === picked) ? picked : '';
    mDelete.disabled = mRecent.value === '';
  };
  // a recent file picked: no file of one's own; its protocol and area as the Cycler page read it
  mRecent.onchange = () => {
    mDelete.disabled = mRecent.value === '';
    mRecentNote.textContent = '';
    const f = kept.find((k) => k.id === mRecent.value);
    if (!f) return;
    mFile.value = '';
    if ([...mProtocol.options].some((o) => o.value === f.protocol)) mProtocol.value = f.protocol;
    mArea.value = f.area ?? '';
  };
  mFile.addEventListener('change', () => { if (mFile.files?.length) { mRecent.value = ''; mDelete.disabled = true; } });
  mDelete.onclick = async () => {
    const f = kept.find((k) => k.id === mRecent.value);
    if (!f) return;
    try { await api(`cycler/files/${f.id}`, { method: 'DELETE' }); mRecentNote.textContent = `deleted ${f.name}`; } catch (e) { mRecentNote.textContent = (e as Error).message; }
    mRecent.value = '';
    await loadKept();
  };
  const measuredBox = h('details', { class: 'measured', id: 'measured-box' }, h('summary', { text: 'measured cell (optional): a cycler file beside the runs' }),
    h('p', { class: 'hint', text: 'Read as sacplate compare --measured reads it (analyze\'s code): a "(measured)" row under the columns it has a reading for (nucleation, peak and plateau mV, CE), its CE per cycle, and its voltage against net plated charge when the electrode area is known. The file is sent to the server when you press Compare; a file analysed on the Cycler page is kept by the server (its latest 20, up to 20 MB each): pick it under recent cycler files, nothing is sent again.' }),
    h('label', {}, 'recent cycler files ', mRecent, ' ', mDelete, ' ', mRecentNote),
    // each label a line of its own (labels are blocks: the <br>s between them left a blank line above the column map)
    h('div', {}, h('label', { style: 'display: inline' }, 'file ', mFile), ' ', mClear), h('label', {}, 'protocol ', mProtocol), h('label', {}, 'area ', mArea), h('label', {}, 'column map (optional) ', mMap));
  // webaudit67: Enter in the area or column map box is Compare (as Enter in a Run or Nucleation box starts it; it did nothing)
  for (const box of [mArea, mMap]) box.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
    e.preventDefault();
    compareTicked();
  });
  // the file last read and its id (read again only when the file or an option changes)
  let mLast: { key: string; id: string } | undefined;
  const out = h('div', { class: 'panel', id: 'compare-out' }, h('p', { class: 'hint', text: 'Tick finished runs and press Compare.' }));
  el.append(h('div', { class: 'cols' }, pick, out));
  let boxes: HTMLInputElement[] = [];
  // webaudit65: the list is read again when the page comes to the front (a run started from the CLI or another tab
  // meanwhile was missing until a reload, as on the Run page before mends114), the boxes ticked kept ticked
  const loadList = async () => {
    let runs: any[];
    try { ({ runs } = await api('runs', { query: { limit: '100' } })); } catch { return; }
    const ticked = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    const had = pick.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    const hadValue = had instanceof HTMLInputElement ? had.value : had?.id;
    boxes = [];
    const rows = runs.map((r: any) => {
      // a run cancelled while still queued never ran: it has only its identity (metal, host, seed), nothing to compare
      const never = r.never_started === true;
      // named for a screen reader (review45: each box was "checkbox", its run only in the cells beside it)
      const cb = h('input', { type: 'checkbox', value: r.id, name: 'pick', 'aria-label': `compare ${r.name ?? 'the unnamed run'} (${r.id})`, disabled: never || (r.status !== 'finished' && r.status !== 'cancelled'), title: never ? 'cancelled before it started: nothing to compare (Start it on its run page)' : undefined });
      if (ticked.has(r.id) && !cb.disabled) cb.checked = true;
      boxes.push(cb);
      // when it started, in words (web63: the id's stamp, 20261207-081504)
      return [cb, r.name ?? '', startedText(r.created_at) || r.id.slice(4, 19), never ? 'cancelled before it started' : statusWords(r), runSystemText(r), fmt(r.seed)];
    });
    list.replaceChildren(table(['', 'name', 'started', 'status', 'system', 'seed'], rows));
    if (measuredBox.parentElement !== pick) pick.append(measuredBox);
    void loadKept();
    // the focus stays on the box it was on across the redraw (the buttons are not redrawn)
    if (hadValue) boxes.find((b) => b.value === hadValue)?.focus();
  };
  void loadList();
  const onFront = () => { if (!document.hidden) void loadList(); };
  document.addEventListener('visibilitychange', onFront);
  window.addEventListener('focus', onFront);

  const compareTicked = () => void show(boxes.filter((b) => b.checked).map((b) => b.value));
  go.onclick = goBelow.onclick = compareTicked;
  const show = async (ids: string[]) => {
    // webaudit65: Compare with no box ticked did nothing (the hint unchanged, no request)
    if (!ids.length) { out.replaceChildren(h('p', { class: 'error', id: 'compare-none', text: 'no run ticked: tick one or more finished or cancelled runs in the list (a box beside each run\'s name), then press Compare' })); return; }
    // cmpmeas67: the measured cell read first (its refusal, in the CLI's words, instead of the comparison)
    let measuredId: string | undefined;
    const mf = mFile.files?.[0];
    const recent = mf ? undefined : kept.find((k) => k.id === mRecent.value);
    if (recent) {
      const key = ['kept', recent.id, mProtocol.value, mArea.value, mMap.value].join('\u0000');
      if (mLast?.key === key) measuredId = mLast.id;
      else {
        out.replaceChildren(h('p', { class: 'hint', text: `reading the measured cell ${recent.name} (kept by the server)…` }));
        try {
          const m = await api('compare/measured', { method: 'POST', query: { file: recent.id, protocol: mProtocol.value, area: mArea.value || undefined, map: mMap.value || undefined } });
          mLast = { key, id: m.id };
          measuredId = m.id;
        } catch (e) { out.replaceChildren(h('p', { class: 'error', id: 'compare-measured-error', text: `measured cell ${recent.name}: ${measuredTextForPage((e as Error).message)}` })); void loadKept(); return; }
      }
    } else if (mf) {
      const key = [mf.name, mf.size, mf.lastModified, mProtocol.value, mArea.value, mMap.value].join('\u0000');
      if (mLast?.key === key) measuredId = mLast.id;
      else {
        out.replaceChildren(h('p', { class: 'hint', text: `reading the measured cell ${mf.name} (${mf.size} bytes)…` }));
        try {
          const m = await api('compare/measured', { raw: mf, query: { name: mf.name, protocol: mProtocol.value, area: mArea.value || undefined, map: mMap.value || undefined } });
          mLast = { key, id: m.id };
          measuredId = m.id;
        // webaudit67: in the page's words (its column map box for the API's map parameter)
        } catch (e) { out.replaceChildren(h('p', { class: 'error', id: 'compare-measured-error', text: `measured cell ${mf.name}: ${measuredTextForPage((e as Error).message)}` })); return; }
      }
    }
    let d: any;
    try { d = await api('compare', { query: { ids: ids.join(','), measured: measuredId } }); } catch (e) { out.replaceChildren(h('p', { class: 'error', text: (e as Error).message })); return; }
    const measured: any[] = Array.isArray(d.measured) ? d.measured : [];
    // a cancelled run's metrics and trace are those of the part it ran: said beside its name (it read as a finished run)
    const partial = (r: any) => (r?.status === 'cancelled' ? ` (${statusWords(r)}: the part it ran)` : '');
    const label = (id: string) => { const r = d.rows.find((x: any) => x.id === id); return `${r?.name ?? id.slice(-8)} (seed ${r?.seed ?? '?'})${partial(r)}`; };
    // webaudit64: as wide as the panel holds, at most 620 px (at 390 px the axis titles were cut at the panel's edge)
    const eta = new LinePlot(NET_CHARGE_AXIS, ETA_AXIS_PAGE, plotWidthIn(out, 620));
    const volt = new LinePlot(NET_CHARGE_AXIS, 'cell voltage (mV)', plotWidthIn(out, 620));
    eta.el.dataset.testid = 'compare-eta';
    volt.el.dataset.testid = 'compare-volt';
    const series = (key: string) => ids.filter((id) => d.series[id]?.trace).map((id) => {
      const tr = d.series[id].trace;
      return { label: label(id), x: tr.charge_C_per_cm2.map((q: number | null) => (q === null ? null : q * C_PER_CM2_TO_MAH_PER_CM2)), y: tr[key] };
    });
    eta.set(series('overpotential_mV'));
    // cmpmeas67: a measured cell's voltage against its net plated charge per area (the server's, null without an area)
    volt.set(series('cell_voltage_mV'));
    // lead (session 67): in a plot of its own: on the runs' overlay a cell's mAh/cm2 squeezed the runs' thousandths of one
    // into a flat line at the left edge (webaudit67)
    const traced = measured.filter((m) => m.trace);
    const mVolt = traced.length ? new LinePlot(NET_CHARGE_AXIS, 'cell voltage (mV)', plotWidthIn(out, 620)) : undefined;
    if (mVolt) { mVolt.el.dataset.testid = 'compare-measured-volt'; mVolt.set(traced.map((m) => ({ label: m.name, x: m.trace.charge_mAh_per_cm2, y: m.trace.cell_voltage_mV }))); }
    const ceRows: string[][] = [];
    // mends112 (review85 M9): an Aurbach run's rows with their role (cycles.csv's column): its first and last "CE" are charge ratios
    const allCycles = ids.flatMap((id) => (d.series[id]?.cycles ?? []) as Record<string, unknown>[]);
    const ceHead = cycleCeHead(allCycles);
    for (const id of ids) for (const c of (d.series[id]?.cycles ?? []) as any[]) ceRows.push([label(id), fmt(c.cycle), fmt(c.ce ?? c.ce_charge ?? null), fmt(c.dead_fraction ?? c.dead_metal_fraction ?? null), ...(ceHead.roles ? [String(c.role ?? '')] : [])]);
    // cmpmeas67: a measured cell's CE per cycle (analyze --protocol licu's cycles; a partial cycle's CE –), no dead fraction
    for (const m of measured) for (const c of m.cycles as any[]) ceRows.push([m.name, fmt(c.cycle), c.partial ? '– (partial cycle)' : fmt(c.ce), '–', ...(ceHead.roles ? [''] : [])]);
    const aurbachRows = d.rows.filter((r: any) => typeof r.aurbach_ce === 'number');
    // an electrolyte run's readings (compare.csv's transport.* columns, GET /api/compare gives them where some chosen run had
    // an electrolyte; review63: the page showed none, not even which run had one); – in a run without
    // mends101: and the run's cell.migration (off / ohmic; compare.csv's setting column), after the electrolyte
    // mends103: and what its end-of-run readings are of (transport.readings_at, text), after cell.migration
    const transport: string[] = d.rows.length && 'transport.electrolyte' in d.rows[0] ? Object.keys(d.rows[0]).filter((k) => k.startsWith('transport.') && k !== 'transport.electrolyte' && k !== 'transport.readings_at') : [];
    // earlyapi: and the nuclei counted before they coalesce (metrics.json's early_* keys, the store's columns since
    // migration 8), nuclei/um2 and SAC share, after the end's chance: the end's count is of coalesced islands
    // mends115 (review85 F9): and an SEI run's sei_charge_fraction (GET /api/compare gives it where a chosen run has an SEI;
    // – in a run without), after the dead metal
    const sei = d.rows.some((r: any) => typeof r.sei_charge_fraction === 'number') ? ['sei_charge_fraction'] : [];
    // cmpmeas67: peak_overpotential_mV too (a measured cell's row has it, as compare's table: nucl./peak/plateau mV)
    const cols = ['nucleation_overpotential_mV', 'peak_overpotential_mV', 'plateau_overpotential_mV', 'rms_roughness_nm', 'nucleus_density_per_um2', 'sac_nucleation_share', 'sac_nucleation_share_chance',
      'early_nucleus_density_per_um2', 'early_sac_nucleation_share', 'early_sac_nucleation_share_chance', 'host_coverage', 'average_ce', 'dead_metal_fraction', ...sei, ...transport];
    const metricRows = d.rows.map((r: any) => [`${r.name ?? r.id.slice(-8)}${partial(r)}`, fmt(r.seed), ...(transport.length ? [r['transport.electrolyte'] ?? '–', r['cell.migration'] ?? '–', r['transport.readings_at'] ?? '–'] : []), ...cols.map((k) => (k === 'nucleation_overpotential_mV' ? nucleationCell(r[k])
      // mends112 (review85 M3): an empty early_* cell says why (metrics.json's early_reason) on hover, and the note under the table
      : k.startsWith('early_') && earlyEmptyReason(r[k], r.early_reason) ? h('span', { class: 'early-reason', title: `no value: ${r.early_reason}`, text: '– (see below)' }) : fmt(r[k] ?? null)))]);
    // cmpmeas67: each measured cell's row: the keys analyze read (compare --measured's), – under every other column
    for (const m of measured) metricRows.push([m.name, '–', ...(transport.length ? ['–', '–', '–'] : []), ...cols.map((k) => (k === 'nucleation_overpotential_mV' ? nucleationCell(m.metrics[k] ?? null) : fmt(m.metrics[k] ?? null)))]);
    const earlyNotes = d.rows.filter((r: any) => earlyEmptyReason(r.early_nucleus_density_per_um2, r.early_reason)).map((r: any) => `${r.name ?? r.id.slice(-8)} (seed ${r.seed ?? '?'}): early_* empty: ${r.early_reason}`);
    const sameHosts: string[] = Array.isArray(d.same_hosts) ? d.same_hosts : [];
    const ivRows = d.intervals.map((g: any) => [g.group, String(g.runs), ...cols.map((k) => {
      const iv = g.metrics[k];
      // no-dip seeds of the nucleation column: counted apart, the mean over the seeds with a dip (mends120: the group's
      // value is null where no seed had one; the cell then says so, not a bare dash)
      const nd: number = k === 'nucleation_overpotential_mV' ? (g.nucleation_no_dip_seeds ?? 0) : 0;
      if (!iv) return nd > 0 ? h('span', { class: 'no-dip', 'data-no-dip': String(nd) }, 'none' + noDipSeedsText(nd, nd)) : '–';
      // *: cut at the quantity's physical bound (src/stats/interval.ts boundedInterval); no interval (lo null) where the
      // runs share the value to round-off (`same`, mends78) or it is a constant of the run
      // over fewer runs than the group's (a run recorded before the metric existed, or without a value): said, so a
      // share over 5 runs is not read against a chance level over 2 (review31)
      const of = iv.n < g.runs ? ` (${iv.n} of ${g.runs} runs)` : '';
      // mends98: a setting of the cell (iv.setting: the limiting current, Sand's closed-form time) is its one value, as
      // compare.csv's cell, or none where the runs differ (compare.csv's empty cell); it had a mean with an interval
      if (iv.setting) return (iv.differs ? '– (the runs differ)' : fmt(iv.mean)) + of;
      const text = (iv.n > 1 && iv.lo !== null ? `${fmt(iv.mean)} [${fmt(iv.lo, 3)}, ${fmt(iv.hi, 3)}]${iv.cut ? '*' : ''}` : fmt(iv.mean)) + of;
      // iv.n counts the seeds with a dip (mends120), so the seeds read are iv.n + nd
      const noDipNote = nd > 0 ? noDipSeedsText(nd, iv.n + nd) + `; the mean is of the ${iv.n} with a dip` : '';
      return noDipNote ? h('span', { class: 'no-dip', 'data-no-dip': String(g.nucleation_no_dip_seeds) }, text + noDipNote) : text;
    })]);
    out.replaceChildren(
      h('h3', { text: 'overpotential vs net plated charge' }), eta.el,
      h('h3', { text: 'cell voltage vs net plated charge' }), volt.el,
      ...(mVolt ? [h('h3', { text: 'measured cell: cell voltage vs net plated charge (its own scale)' }), mVolt.el] : []),
      h('h3', { text: 'CE per cycle' }), ceRows.length ? table(['run', 'cycle', ceHead.roles ? ceHead.head : 'CE', 'dead fraction', ...(ceHead.roles ? ['role'] : [])], ceRows, { id: 'compare-cycles' }) : h('p', { class: 'hint', text: 'no plate/strip cycles in these runs' }),
      ...(aurbachRows.length ? [h('p', { class: 'hint', id: 'compare-aurbach-ce', text: `aurbach_ce (the Aurbach protocol's CE, (n Q_C + Q_S) / (n Q_C + Q_T), metrics.json): ${aurbachRows.map((r: any) => `${r.name ?? r.id.slice(-8)} (seed ${r.seed ?? '?'}) ${fmt(r.aurbach_ce)}`).join('; ')}` })] : []),
      h('h3', { text: 'metrics' }), table(['run', 'seed', ...(transport.length ? ['electrolyte', 'cell.migration', 'transport.readings_at'] : []), ...cols], metricRows, { id: 'compare-metrics' }),
      sacShareLegend('compare-legend', { early: true }),
      // cmpmeas67: compare's legend line and note: lines for each measured cell (the CLI's words), and why no trace is drawn
      ...(measured.length ? [h('div', { class: 'hint', id: 'compare-measured-legend' }, ...measured.flatMap((m) => [h('div', { text: `(${m.legend})` }), ...m.notes.map((n: string) => h('div', { text: n })), ...(m.trace_note ? [h('div', { text: `${m.name}: ${m.trace_note}` })] : [])]))] : []),
      ...(earlyNotes.length ? [h('div', { class: 'hint', id: 'compare-early-reasons' }, ...earlyNotes.map((t: string) => h('div', { text: t })))] : []),
      ...(sameHosts.length ? [h('div', { class: 'hint', id: 'compare-same-hosts' }, ...sameHosts.map((t) => h('div', { text: t })))] : []),
      // mends96: the transport columns' units and meanings (compare.csv's columns, GET /api/compare's transport_columns),
      // as the share's legend above: the heads are compare.csv's names, some without a unit (`.zones`, `.onset_layer`)
      ...(transport.length && Array.isArray(d.transport_columns) ? [h('div', { class: 'hint', id: 'compare-transport-legend' },
        ...d.transport_columns.filter((c: any) => transport.includes(c.key) || c.key === 'cell.migration' || c.key === 'transport.readings_at').map((c: any) => h('div', { text: `${c.key}: ${c.meaning} (${c.unit})` })))] : []),
      h('h3', { text: 'mean and 95 % interval over seeds (runs grouped by name; Student t; *: cut at the physical bound it ran past)' }), table(['group', 'runs', ...cols], ivRows, { id: 'compare-intervals' }),
      // webaudit65: a group whose runs share a seed or differ in more than the seed (a name reused for a changed run) is
      // not one over seeds (GET /api/compare's not_seeds); its interval stood without a word
      ...(d.intervals.some((g: any) => typeof g.not_seeds === 'string') ? [h('div', { class: 'error', id: 'compare-not-seeds' }, ...d.intervals.filter((g: any) => typeof g.not_seeds === 'string').map((g: any) => h('div', { text: g.not_seeds })))] : []),
      // review63: these runs as `sacplate compare` writes compare.csv (GET /api/compare/csv; the page had no download)
      h('p', {}, h('a', { href: apiUrl('compare/csv', { ids: ids.join(','), measured: measuredId }), download: 'compare.csv', id: 'compare-csv', text: 'download compare.csv',
        title: 'one row per name, as sacplate compare writes compare.csv: every metric column with its 95 % interval over the seeds, the transport.* columns where a run had an electrolyte, a measured cell\'s row with source measured' })),
    );
  };
  return () => { document.removeEventListener('visibilitychange', onFront); window.removeEventListener('focus', onFront); };
}
