/**
 * Evidence page: the review's records and the user's imported ones from the store, marked (filter by
 * metal, SAC element, architecture; sort by a figure; DOI links), element sustainability, gram capacity.
 */
import { api, apiUrl, fmt, h, refocus, sortableHead, table } from '../api';
import { STANDARD_ESTIMATE_HEAD, STANDARD_ESTIMATE_KEY, STANDARD_ESTIMATE_TITLE, standardEstimateCell } from '../../../src/server/page-readings';

export function mountEvidence(el: HTMLElement): void {
  const filters = h('div', { class: 'panel' });
  const list = h('div', { class: 'panel', id: 'evidence-list' });
  const side = h('div', {});
  el.append(h('div', { class: 'cols' }, h('div', {}, filters, list), side));
  const state: Record<string, string> = { metal: '', sac_element: '', architecture: '', text: '', sort: 'metal', desc: '' };
  let focusHead: string | undefined; // the head sorted from the keyboard: it gets the focus back in the table drawn again

  // the records shown (these filters and sort) as `sacplate lit export` writes them (GET /api/evidence/export)
  const exportLinks = () => h('p', { id: 'evidence-export' }, 'download these records: ',
    h('a', { href: apiUrl('evidence/export', { ...state, format: 'csv' }), download: 'evidence.csv', id: 'export-csv', text: 'CSV', title: 'the columns of sacplate lit export --format csv: one row per figure, its unit in the unit column; sacplate lit import reads it back' }), ' · ',
    h('a', { href: apiUrl('evidence/export', { ...state, format: 'bibtex' }), download: 'evidence.bib', id: 'export-bibtex', text: 'BibTeX', title: 'as sacplate lit export --format bibtex: the review, each cited paper, each user source (the keys of sacplate cite --bibtex)' }));

  const load = async () => {
    let d: any;
    try { d = await api('evidence', { query: state }); } catch (e) { list.replaceChildren(h('p', { class: 'error', text: (e as Error).message })); return; }
    if (!filters.childElementCount) buildFilters(d.facets);
    // mends113 (review85 M6): beside the raw lifetime, lit normalise's estimate at the standard protocol (the raw hours are
    // measured at 0.5 to 10 mA/cm2: sorted as one scale they ranked nearly the reverse of the estimates)
    const cols: { key: string; head: string }[] = d.columns.flatMap((c: any) => [{ key: c.key, head: `${c.key.replace(/_/g, ' ')} (${c.unit})` },
      ...(c.key === 'symmetric_lifetime' ? [{ key: STANDARD_ESTIMATE_KEY, head: STANDARD_ESTIMATE_HEAD }] : [])]);
    const head = ['name', 'metal', 'SAC', 'architecture', ...cols.map((c) => c.head), 'references (DOI link where the list gives one; a user-supplied record: its own source)'];
    const keys = ['name', 'metal', 'sac_element', 'architecture', ...cols.map((c) => c.key)];
    // a figure's cell: "over" for a lower bound, the current it was measured at (" @ 0.5 mA/cm2", as lit list writes it),
    // "(cell not stated)" where the review names no cell
    const cell = (r: any, k: string): string | HTMLElement => k === STANDARD_ESTIMATE_KEY ? estimateCell(r)
      : r.figures[k] === null ? fmt(null)
      : `${(r.lower_bounds ?? []).includes(k) ? 'over ' : ''}${fmt(r.figures[k])}${r.at?.[k] ?? ''}${(r.cell_not_stated ?? []).includes(k) ? ' (cell not stated)' : ''}`;
    const estimateCell = (r: any) => { const c = standardEstimateCell(r.standard_estimate, (x) => fmt(x)); return h('span', { class: 'standard-estimate', title: c.title, text: c.text }); };
    // a user's own record: its DOI (linked) or citation, marked user-supplied, instead of the review's references
    const userSource = (u: any) => h('span', { class: 'user-source' }, 'user-supplied: ',
      u.doi ? h('a', { href: `https://doi.org/${u.doi}`, target: '_blank', rel: 'noopener', text: `doi:${u.doi}`, title: u.citation }) : null,
      u.citation ? `${u.doi ? '; ' : ''}${u.citation}` : null);
    const t = table(head, d.records.map((r: any) => [
      // the mark is the record's origin as lit show words it (src/evidence/sync.ts recordOrigin)
      r.origin !== 'review' ? h('span', {}, r.name, ' ', h('small', { class: 'imported', text: `(${r.origin})` })) : r.name,
      r.metal, r.sac_elements.join('+'), r.architecture, ...cols.map((c) => cell(r, c.key)),
      r.user_source ? userSource(r.user_source) : h('span', {}, ...r.citations.slice(0, 3).map((x: any) => x.doi
        ? h('a', { href: `https://doi.org/${x.doi}`, target: '_blank', rel: 'noopener', text: `[${x.ref}] ${x.text}; `, title: `doi:${x.doi}${x.doi_source ? ` (${x.doi_source})` : ''}` })
        : h('span', { text: `[${x.ref}] ${x.text}; `, title: x.doi_source === 'not found' ? 'DOI not found (the searches: data/literature/_dois.yaml)' : '' }))),
    ]), { id: 'evidence-table' });
    // web63b: each cell named by its column (style.css shows a card per record in a phone's window, each figure on a line
    // of its own after its column's name; at 390 px the table was 887 px wide, scrolled sideways in its panel, its rows
    // several lines tall)
    t.querySelectorAll('tbody tr').forEach((tr) => [...tr.children].forEach((td, i) => {
      const c = td as HTMLElement;
      // the references' head without its bracketed note (which says what the cell holds)
      c.dataset.label = i === head.length - 1 ? (head[i] ?? '').replace(/ \(.*\)$/, '') : head[i] ?? '';
      if (c.textContent === fmt(null)) c.dataset.empty = '1'; // a figure the record does not give: no line of its card
    }));
    t.querySelectorAll('th').forEach((th, i) => {
      const key = keys[i];
      if (!key || key === 'sac_element' || key === 'architecture') return;
      th.classList.add('sortable');
      th.dataset.sort = key;
      if (key === STANDARD_ESTIMATE_KEY) th.title = STANDARD_ESTIMATE_TITLE;
      if (state.sort === key) th.textContent += state.desc ? ' ▼' : ' ▲';
      sortableHead(th, state.sort === key ? (state.desc ? 'descending' : 'ascending') : undefined, (hadFocus) => {
        state.desc = state.sort === key && !state.desc ? '1' : ''; state.sort = key;
        focusHead = hadFocus ? `th[data-sort="${key}"]` : undefined;
        void load();
      });
    });
    list.replaceChildren(h('p', { id: 'evidence-count' }, `${d.records.length} of ${d.total} records${d.imported ? ` (${d.imported} imported into your store with sacplate lit import, marked)` : ''} from ${d.review.citation}, `,
      h('a', { href: `https://doi.org/${d.review.doi}`, target: '_blank', rel: 'noopener', id: 'review-doi', text: `doi:${d.review.doi}` }),
      h('br'), h('small', { text: d.review.note ?? '' })), exportLinks(), t);
    refocus(t, focusHead);
    focusHead = undefined;
  };

  const buildFilters = (f: { metals: string[]; sac_elements: string[]; architectures: string[] }) => {
    const sel = (key: string, label: string, options: string[]) => {
      const s = h('select', { name: key }, h('option', { value: '', text: 'all' }), ...options.map((o) => h('option', { value: o, text: o })));
      s.onchange = () => { state[key] = s.value; void load(); };
      return h('label', {}, h('span', { class: 'name', text: label }), s);
    };
    const text = h('input', { name: 'text', placeholder: 'name, support, notes' });
    text.onchange = () => { state.text = text.value; void load(); };
    filters.append(h('h3', { text: 'Evidence: SAC anodes in the review' }), sel('metal', 'metal', f.metals), sel('sac_element', 'SAC element', f.sac_elements),
      sel('architecture', 'architecture', f.architectures), h('label', {}, h('span', { class: 'name', text: 'text' }), text),
      h('p', { class: 'hint', text: 'Click a column header to sort.' }));
  };

  const sustain = async () => {
    const d = await api('elements');
    side.append(h('div', { class: 'panel' }, h('h3', { text: 'Element sustainability (SAC elements of the records)' }),
      table(['el', 'score', 'abundance (mg/kg)', 'price (USD/kg)', 'HHI', 'hazard (cited)'], d.elements.map((e: any) => [
        e.symbol, fmt(e.sustainability.total, 3), fmt(e.abundance_mg_per_kg), fmt(e.price_usd_per_kg), fmt(e.hhi_production), e.hazard_flags.length ? e.hazard_flags.map((x: string) => x.split(':')[0]).join('; ') : '-',
      ])), h('p', { class: 'hint', text: 'score: weighted mean of criterion scores, 0..1, 1 = best; "-" hazard means no cited flag, not "safe"' })));
  };

  const capacity = () => {
    const fields: [string, string, string][] = [['metal', 'metal', 'Li'], ['metal_mass', 'metal mass', '2 mg/cm2'], ['host_mass', 'host mass', '1.5 mg/cm2'], ['sac_loading', 'SAC loading', '1.2 wt%'], ['collector_mass', 'collector mass', '']];
    const inputs = fields.map(([k, , v]) => h('input', { name: `cap-${k}`, value: v }));
    const res = h('div', { id: 'capacity-out' });
    const calc = async () => {
      const q = Object.fromEntries(fields.map(([k], i) => [k, inputs[i]!.value]));
      try {
        const r = await api('capacity', { query: q });
        res.className = '';
        res.replaceChildren(table(['quantity', 'value'], [
          ['metal theoretical (mAh/g)', fmt(r.metalTheoretical_mAh_per_g)], ['capacity (mAh/cm2)', fmt(r.capacity_mAh_per_cm2)],
          ['whole anode (mAh/g)', fmt(r.wholeAnode_mAh_per_g)], ['metal only (mAh/g)', fmt(r.metalOnly_mAh_per_g)], ['inactive mass share', fmt(r.inactiveFraction, 3)],
        ]));
      } catch (e) { res.className = 'error'; res.textContent = (e as Error).message; }
    };
    inputs.forEach((i) => { i.onchange = () => void calc(); });
    side.append(h('div', { class: 'panel' }, h('h3', { text: 'Gram capacity of the whole anode' }),
      ...fields.map(([, label], i) => h('label', {}, h('span', { class: 'name', text: label }), inputs[i]!)), res));
    void calc();
  };

  void load();
  void sustain();
  capacity();
}
