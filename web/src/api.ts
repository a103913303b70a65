/** Calls to the workbench API. The token (when the server has one) comes from the page URL's ?token=. */
const token = new URLSearchParams(location.search).get('token');

export function apiUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v);
  if (token) q.set('token', token);
  const s = q.toString();
  return `api/${path}${s ? '?' + s : ''}`;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export async function api<T = any>(path: string, opts: { method?: string; body?: unknown; query?: Record<string, string | undefined>; raw?: BodyInit } = {}): Promise<T> {
  const init: RequestInit = { method: opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? 'POST' : 'GET'), headers: {} };
  if (opts.body !== undefined) { init.body = JSON.stringify(opts.body); (init.headers as Record<string, string>)['content-type'] = 'application/json'; }
  if (opts.raw !== undefined) { init.body = opts.raw; (init.headers as Record<string, string>)['content-type'] = 'application/octet-stream'; }
  let res: Response;
  // the server gone (Ctrl-C, a crash): the page said the browser's "Failed to fetch"
  try { res = await fetch(apiUrl(path, opts.query), init); } catch { throw new ApiError(0, `no answer from the workbench server at ${location.host}: it has stopped, or the connection is down; start it again (sacplate serve) and reload this page`); }
  const text = await res.text();
  let data: any;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (!res.ok) throw new ApiError(res.status, data?.error ?? `HTTP ${res.status}`);
  return data as T;
}

export async function apiBinary(path: string): Promise<{ buf: ArrayBuffer; headers: Headers } | undefined> {
  const res = await fetch(apiUrl(path));
  if (!res.ok) return undefined;
  return { buf: await res.arrayBuffer(), headers: res.headers };
}

/** A binary answer (a voxel grid) or an ApiError with the server's one line (apiBinary gives undefined for any failure). */
export async function apiGrid(path: string): Promise<{ buf: ArrayBuffer; headers: Headers }> {
  let res: Response;
  try { res = await fetch(apiUrl(path)); } catch { throw new ApiError(0, `no answer from the workbench server at ${location.host}: it has stopped, or the connection is down`); }
  if (!res.ok) {
    const text = await res.text();
    let msg: string;
    try { msg = (JSON.parse(text) as { error?: string }).error ?? `HTTP ${res.status}`; } catch { msg = text || `HTTP ${res.status}`; }
    throw new ApiError(res.status, msg);
  }
  return { buf: await res.arrayBuffer(), headers: res.headers };
}

export function events(path: string): EventSource {
  return new EventSource(apiUrl(path));
}

/** A value for a table: numbers to `digits` significant figures, integers (counts: events, voxels) exactly. */
export const fmt = (v: unknown, digits = 4): string =>
  v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '–'
    : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(digits)))) : String(v);

/**
 * A value the user gave (a sweep's axis, the run's temperature or voxel) to 12 significant figures:
 * as given, where fmt's 4 showed 298.15 K as 298.1.
 */
export const fmtGiven = (v: unknown): string => fmt(v, 12);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}

export function table(head: string[], rows: (string | Node)[][], attrs: Record<string, string> = {}): HTMLTableElement {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { text: x })))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
}

/**
 * A table head that sorts its table: a click, or Enter or Space once it has the focus (Tab reaches it), calls `sort`;
 * `order` is said to a screen reader (aria-sort). `sort` is told whether the head had the focus, so that the table
 * drawn again can give it back (`refocus`). Until review45 the heads took a click only: no key reached them.
 */
export function sortableHead(th: HTMLTableCellElement, order: 'ascending' | 'descending' | undefined, sort: (hadFocus: boolean) => void): void {
  th.tabIndex = 0;
  if (order) th.setAttribute('aria-sort', order);
  th.onclick = () => sort(document.activeElement === th);
  th.onkeydown = (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(true); } };
}

/** Gives the focus back to the head `selector` of a table drawn again after a sort from the keyboard. */
export function refocus(table: HTMLElement, selector: string | undefined): void {
  if (selector) table.querySelector<HTMLElement>(selector)?.focus();
}
