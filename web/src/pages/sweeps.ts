/** Sweeps page: sweep results held by the store, listed as they are; nothing is shown when there are none. */
import { api, fmt, h, table } from '../api';

export function mountSweeps(el: HTMLElement): void {
  const box = h('div', { class: 'panel' }, h('p', { class: 'hint', text: 'loading…' }));
  el.append(box);
  void (async () => {
    const { tables } = await api('sweeps');
    if (!tables.length) {
      box.replaceChildren(h('h3', { text: 'Sweeps' }), h('p', { id: 'no-sweeps', text: 'The store holds no sweep results yet. Sweep runs recorded in the store will be listed here (table and Pareto plot).' }));
      return;
    }
    box.replaceChildren(h('h3', { text: 'Sweeps' }), ...tables.flatMap((t: any) => {
      const cols = t.rows.length ? Object.keys(t.rows[0]).filter((k) => !k.endsWith('_json')) : [];
      return [h('h4', { text: `${t.name} (${t.rows.length} rows)` }), table(cols, t.rows.map((r: any) => cols.map((c) => fmt(r[c]))))];
    }));
  })();
}
