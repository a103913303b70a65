/**
 * A form generated from the run file's JSON Schema (GET /api/schema/run, emitted by the zod
 * schema the server validates with): objects become fieldsets, tuples rows of number boxes,
 * lists of objects repeatable rows, lists of steps a text box (one step per line), quantities
 * text boxes with the unit in the placeholder, maps of free keys a JSON box. `value()` gives the
 * object a run file holds; empty optional fields are left out so the parser's defaults apply.
 */
import { parse as parseYaml } from 'yaml';
import { h } from './api';
import { fieldNote, mapBoxValue } from '../../src/server/page-readings';

type Schema = Record<string, any>;
type Getter = () => unknown;

const EMPTY = Symbol('empty');

function deref(s: Schema, root: Schema): Schema {
  if (s && typeof s.$ref === 'string') return deref(root.$defs?.[s.$ref.replace('#/$defs/', '')] ?? {}, root);
  if (s && Array.isArray(s.anyOf)) {
    const nonNull = s.anyOf.filter((x: Schema) => x.type !== 'null');
    // anyOf cleared before the inner schema is spread, so that an inner choice (a name or a map) survives:
    // parameters and sei are [name | map] or null, and were plain text boxes sending JSON as a string
    if (nonNull.length === 1) return { ...s, anyOf: undefined, ...deref(nonNull[0], root) };
  }
  return s ?? {};
}

const isQuantity = (s: Schema) => Array.isArray(s.type) && s.type.includes('string') && s.type.includes('number');
const isRecord = (s: Schema) => (s.type === 'object' && !s.properties) || (Array.isArray(s.anyOf) && s.anyOf.some((x: Schema) => x.type === 'object' && !x.properties));

function describe(s: Schema): string {
  const ex = Array.isArray(s.examples) && s.examples.length && typeof s.examples[0] !== 'object' ? ` (e.g. ${s.examples.slice(0, 2).join(', ')})` : '';
  return `${s.description ?? ''}${isQuantity(s) || s.type === 'string' ? ex : ''}`;
}

/** A box's text as a number when it is one, else as typed, so that the server's line names it ("got \"abc\"", not "got null"). */
export function numberOrText(text: string): number | string {
  const t = text.trim();
  return /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(t) ? Number(t) : t;
}

function quantityValue(text: string): unknown {
  return text.trim() === '' ? EMPTY : numberOrText(text);
}

/** A box that takes a name or a map: JSON or YAML's flow style, as in a run file (mends112: JSON only), else the name. */
function jsonOrText(text: string): unknown {
  const v = mapBoxValue(text, parseYaml);
  return v === undefined ? EMPTY : v;
}

const takesMap = (s: Schema) => Array.isArray(s.anyOf) && s.anyOf.some((x: Schema) => x.type === 'object');

function field(name: string, path: string, s0: Schema, root: Schema, init: unknown): { el: HTMLElement; get: Getter } {
  const s = deref(s0, root);
  const title = s.title ?? name;
  if (s.type === 'object' && s.properties) {
    const fs = h('fieldset', { 'data-field': path }, h('legend', { text: title }));
    const getters: [string, Getter][] = [];
    for (const [k, sub] of Object.entries<Schema>(s.properties)) {
      const f = field(k, path ? `${path}.${k}` : k, sub, root, (init as Record<string, unknown> | undefined)?.[k]);
      fs.append(f.el);
      getters.push([k, f.get]);
    }
    const get = () => {
      const o: Record<string, unknown> = {};
      for (const [k, g] of getters) { const v = g(); if (v !== EMPTY) o[k] = v; }
      return Object.keys(o).length ? o : EMPTY;
    };
    if (init === undefined && path.includes('.') === false && !(root.required ?? []).includes(name)) {
      const d = h('details', {}, h('summary', { text: `${title} (optional)` }), fs);
      return { el: d, get };
    }
    return { el: fs, get };
  }
  if (s.type === 'array' && Array.isArray(s.prefixItems)) {
    // text boxes, not type=number: a number box gives '' for text it cannot read ("abc", "1-2"), so the run
    // silently took the default (a seed) or the line said 'got ""'; the text goes as typed and the server names it
    // each box named for a screen reader (review45: the three of lattice.size were each "size"): x, y, z for a triple
    const part = (i: number) => (s.prefixItems.length === 3 ? 'xyz'[i] : String(i + 1));
    const boxes = s.prefixItems.map((_: Schema, i: number) => h('input', { type: 'text', inputmode: 'decimal', class: 'num', name: `${path}[${i}]`, 'aria-label': `${name} ${part(i)}`, value: (init as number[] | undefined)?.[i] ?? '' }));
    const el = h('label', { 'data-field': path }, h('span', { class: 'name', text: name }), ...boxes, ' ', h('small', { text: describe(s) }));
    // an emptied box goes as "" (Number('') is 0, and the line said "got 0" for what the user left blank)
    return { el, get: () => { const v = boxes.map((b: HTMLInputElement) => b.value.trim()); return v.every((x: string) => x === '') ? EMPTY : v.map((x: string) => (x === '' ? '' : numberOrText(x))); } };
  }
  if (s.type === 'array') {
    const item = deref(s.items ?? {}, root);
    if (item.type === 'object' && item.properties) {
      const wrap = h('fieldset', { 'data-field': path }, h('legend', { text: title }));
      const rows: { el: HTMLElement; get: Getter }[] = [];
      const list = h('div');
      const add = (v?: unknown) => {
        const i = rows.length;
        const parts = Object.entries<Schema>(item.properties).map(([k, sub]) => field(k, `${path}[${i}].${k}`, sub, root, (v as Record<string, unknown> | undefined)?.[k]));
        const row = h('div', { class: 'row' }, ...parts.map((p) => p.el));
        const rec = { el: row, get: () => { const o: Record<string, unknown> = {}; Object.keys(item.properties).forEach((k, j) => { const x = parts[j]!.get(); if (x !== EMPTY) o[k] = x; }); return o; } };
        const del = h('button', { type: 'button', text: 'remove' });
        del.onclick = () => { rows.splice(rows.indexOf(rec), 1); row.remove(); };
        row.append(del);
        rows.push(rec);
        list.append(row);
      };
      for (const v of (init as unknown[] | undefined) ?? []) add(v);
      const addBtn = h('button', { type: 'button', text: `add ${name === 'sacs' ? 'SAC' : 'item'}`, name: `${path}-add` });
      addBtn.onclick = () => add();
      wrap.append(list, addBtn, h('small', { text: ' ' + describe(s) }));
      return { el: wrap, get: () => (rows.length ? rows.map((r) => r.get()) : EMPTY) };
    }
    // a list of choices (output.structures: vti, extxyz): a box per choice (mends115, review85 F4: it was the protocol's
    // text box, its hint "one per line, e.g. ; a line starting with { is JSON"); none ticked leaves the default
    if (Array.isArray(item.enum)) {
      const given = Array.isArray(init) ? init.map(String) : [];
      const boxes = item.enum.map((v: string) => {
        const cb = h('input', { type: 'checkbox', name: path, value: v });
        (cb as HTMLInputElement).checked = given.includes(v);
        return { v, cb: cb as HTMLInputElement, el: h('label', { class: 'choice' }, cb, ` ${v}`) };
      });
      const el = h('fieldset', { 'data-field': path, class: 'choices' }, h('legend', { text: title }), ...boxes.map((b: { el: HTMLElement }) => b.el),
        h('small', { text: `${s.description ?? ''}; none ticked: the default` }));
      return { el, get: () => { const v = boxes.filter((b: { cb: HTMLInputElement }) => b.cb.checked).map((b: { v: string }) => b.v); return v.length ? v : EMPTY; } };
    }
    // a list of steps (strings, or objects such as { repeat, steps }): one per line, objects as JSON
    const lines = ((init as unknown[] | undefined) ?? []).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    const ta = h('textarea', { name: path, rows: Math.max(3, lines.length + 1) });
    ta.value = lines.join('\n');
    const ex = deref(item, root).anyOf?.[0]?.examples ?? [];
    const el = h('label', { 'data-field': path }, h('span', { class: 'name', text: title }), h('br'), ta, h('br'),
      h('small', { text: `${s.description ?? ''}; one per line, e.g. ${ex.slice(0, 3).join(' | ')}; a line starting with { is JSON` }));
    return { el, get: () => {
      const v = ta.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { if (l.startsWith('{')) { try { return JSON.parse(l); } catch { return l; } } return l; });
      return v.length ? v : EMPTY;
    } };
  }
  if (isRecord(s)) {
    const ta = h('textarea', { name: path, rows: 2, placeholder: 'a name, or { set: carbonate } (JSON or YAML)' });
    if (init !== undefined) ta.value = JSON.stringify(init);
    const el = h('label', { 'data-field': path }, h('span', { class: 'name', text: title }), ta, ' ', h('small', { text: describe(s) }));
    return { el, get: () => jsonOrText(ta.value) };
  }
  if (s.type === 'boolean') {
    const cb = h('input', { type: 'checkbox', name: path });
    const sel = h('select', { name: path }, h('option', { value: '', text: '(default)' }), h('option', { value: 'true', text: 'true' }), h('option', { value: 'false', text: 'false' }));
    if (init !== undefined) sel.value = String(init);
    void cb;
    const el = h('label', { 'data-field': path }, h('span', { class: 'name', text: title }), sel, ' ', h('small', { text: describe(s) }));
    return { el, get: () => (sel.value === '' ? EMPTY : sel.value === 'true') };
  }
  if (Array.isArray(s.enum)) {
    const sel = h('select', { name: path }, h('option', { value: '', text: '(default)' }), ...s.enum.map((v: string) => h('option', { value: v, text: v })));
    if (init !== undefined) sel.value = String(init);
    const el = h('label', { 'data-field': path }, h('span', { class: 'name', text: title }), sel);
    return { el, get: () => (sel.value === '' ? EMPTY : sel.value) };
  }
  if (s.type === 'integer' || s.type === 'number') {
    const inp = h('input', { type: 'text', inputmode: 'decimal', class: 'num', name: path, value: init === undefined ? '' : String(init) });
    const el = h('label', { 'data-field': path }, h('span', { class: 'name', text: title }), inp, ' ', h('small', { text: describe(s) }));
    return { el, get: () => quantityValue(inp.value) };
  }
  // strings and quantities
  const listId = `dl-${path.replace(/[^\w]/g, '_')}`;
  const inp = h('input', { name: path, value: init === undefined ? '' : String(init), placeholder: Array.isArray(s.examples) ? String(s.examples[0] ?? '') : '', list: s.type === 'string' && s.examples ? listId : undefined });
  const dl = s.type === 'string' && Array.isArray(s.examples) ? h('datalist', { id: listId }, ...s.examples.map((x: string) => h('option', { value: x }))) : null;
  // and a field's own note (mends115: the SAC loading's "%" against the Nucleation page's wt%)
  const note = fieldNote(path);
  const el = h('label', { 'data-field': path }, h('span', { class: 'name', text: title }), inp, dl, ' ', h('small', { text: `${describe(s)}${note ? `; ${note}` : ''}` }));
  // a name or an inline map (electrolyte: a set's name or { concentration, ... }): JSON was sent as a string
  return { el, get: () => (isQuantity(s) ? quantityValue(inp.value) : takesMap(s) ? jsonOrText(inp.value) : inp.value.trim() === '' ? EMPTY : inp.value.trim()) };
}

export function buildForm(schema: Schema, init: Record<string, unknown>): { el: HTMLElement; value: () => Record<string, unknown> } {
  const wrap = h('div', { class: 'form' });
  const advanced = h('details', {}, h('summary', { text: 'advanced: parameter sets and SEI (a name, or a map as JSON or YAML)' }));
  const getters: [string, Getter][] = [];
  for (const [k, s] of Object.entries<Schema>(schema.properties ?? {})) {
    const f = field(k, k, s, schema, init[k]);
    // optional maps of free keys are for experts: folded away unless the run has them
    (isRecord(deref(s, schema)) && init[k] === undefined && !(schema.required ?? []).includes(k) ? advanced : wrap).append(f.el);
    getters.push([k, f.get]);
  }
  if (advanced.childElementCount > 1) wrap.append(advanced);
  return {
    el: wrap,
    value: () => {
      const o: Record<string, unknown> = {};
      for (const [k, g] of getters) { const v = g(); if (v !== EMPTY) o[k] = v; }
      return o;
    },
  };
}
