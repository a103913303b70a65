/**
 * The whole in-memory state of a running simulation, saved and restored exactly (checkpoints at
 * any event: simulation/checkpoint.ts).
 *
 * Rather than a hand-kept list of fields (solver tables, slot maps, first-passage domains and
 * their clocks and heap, the double layer, RNG streams, connectivity, event modules, caches, ...),
 * which a new field would silently escape, `captureState` walks the object graph from the
 * Simulation and records every own data property: numbers, strings, typed arrays (copied whole),
 * arrays, Maps, Sets and nested objects with the name of their class; functions are left out (a
 * fresh Simulation has its own). Objects reached along several paths are recorded once, so
 * sharing (the app's RNG is the simulation's; the first-passage part reads the simulation's clock
 * array) survives. The record is serialised with node:v8 (structured clone). A #private field is no
 * own property and is not recorded: the Simulation's progress mark is one on purpose (it is the
 * reporting's, not the trajectory's; simulation.ts).
 *
 * `restoreState` writes a record over a freshly constructed Simulation of the same run: it walks
 * both graphs together and restores in place (a typed array of the same length is overwritten,
 * so that every alias of it still sees the data; a class instance gets its fields back under its
 * own prototype). An object of a class the fresh Simulation does not hold where the record has
 * one is created from the prototype found elsewhere in the fresh graph; a class found nowhere is
 * an error naming its path (never a silent plain object in place of an instance).
 */
import { serialize, deserialize } from 'node:v8';

const CLASS = '\u0000class';

type Rec = Record<string, unknown>;

function className(o: object): string {
  const p = Object.getPrototypeOf(o) as { constructor?: { name?: string } } | null;
  return p === null ? 'null' : p === Object.prototype ? 'Object' : (p.constructor?.name ?? '?');
}

/**
 * The record of `root`'s state. `skip(key, path)` leaves out a property (configuration rebuilt
 * from the run, wall-clock fields); path is the dotted path of the owner.
 */
export function captureState(root: object, skip: (key: string, path: string) => boolean = () => false): Buffer {
  const memo = new Map<object, unknown>();
  const rec = (v: unknown, path: string): unknown => {
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : v;
    const m = memo.get(v);
    if (m !== undefined) return m;
    if (ArrayBuffer.isView(v)) { memo.set(v, v); return v; }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      memo.set(v, out);
      for (let i = 0; i < v.length; i++) out.push(rec(v[i], `${path}[${i}]`));
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      memo.set(v, out);
      for (const [k, x] of v) out.set(rec(k, `${path}.key`), rec(x, `${path}[${String(k)}]`));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      memo.set(v, out);
      for (const x of v) out.add(rec(x, `${path}.member`));
      return out;
    }
    const out: Rec = { [CLASS]: className(v) };
    memo.set(v, out);
    for (const k of Object.keys(v)) {
      if (skip(k, path)) continue;
      const x = (v as Rec)[k];
      if (typeof x === 'function') continue;
      out[k] = rec(x, path ? `${path}.${k}` : k);
    }
    return out;
  };
  return serialize(rec(root, ''));
}

/** Prototypes of every class instance in the graph from `root`, by class name (ambiguous names: null). */
function prototypes(root: object): Map<string, object | null> {
  const protos = new Map<string, object | null>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { for (const x of v) walk(x); return; }
    if (v instanceof Map) { for (const [k, x] of v) { walk(k); walk(x); } return; }
    if (v instanceof Set) { for (const x of v) walk(x); return; }
    const p = Object.getPrototypeOf(v) as object | null;
    const name = className(v);
    if (p !== null && p !== Object.prototype) {
      const had = protos.get(name);
      if (had === undefined) protos.set(name, p);
      else if (had !== p) protos.set(name, null);
    }
    for (const k of Object.keys(v)) walk((v as Rec)[k]);
  };
  walk(root);
  return protos;
}

/**
 * Writes the state recorded by `captureState` over `root` (a fresh object graph of the same
 * construction; `classes`: more classes its instances may be of). Throws an Error naming the path when the record does not fit.
 */
export function restoreState(root: object, buf: Buffer, classes: readonly (abstract new (...a: never[]) => object)[] = []): void {
  const saved = deserialize(buf) as unknown;
  const protos = prototypes(root);
  // classes a fresh graph need not hold (the growth of walkers on a clock exists only inside a step)
  for (const c of classes) if (!protos.has(c.name)) protos.set(c.name, c.prototype as object);
  const done = new Map<unknown, unknown>(); // record -> the live object restored from it
  const owner = new Map<object, unknown>(); // live object -> the record restored into it
  const put = (live: unknown, r: unknown, path: string): unknown => {
    if (r === null || typeof r !== 'object') return r;
    const d = done.get(r);
    if (d !== undefined) return d;
    if (ArrayBuffer.isView(r)) {
      const l = live as ArrayBufferView | null;
      if (l && ArrayBuffer.isView(l) && className(l) === className(r) && (l as Uint8Array).length === (r as Uint8Array).length && !owner.has(l)) {
        (l as Uint8Array).set(r as Uint8Array);
        owner.set(l, r); done.set(r, l);
        return l;
      }
      done.set(r, r);
      return r;
    }
    const fresh = live !== null && typeof live === 'object' && !owner.has(live) && !Object.isFrozen(live) ? live : null;
    if (Array.isArray(r)) {
      const a: unknown[] = Array.isArray(fresh) ? fresh : [];
      owner.set(a, r); done.set(r, a);
      for (let i = 0; i < r.length; i++) a[i] = put(a[i], r[i], `${path}[${i}]`);
      a.length = r.length;
      return a;
    }
    if (r instanceof Map) {
      const m: Map<unknown, unknown> = fresh instanceof Map ? fresh : new Map();
      owner.set(m, r); done.set(r, m);
      const old = new Map(m);
      m.clear();
      for (const [k, x] of r) m.set(put(undefined, k, `${path}.key`), put(old.get(k), x, `${path}[${String(k)}]`));
      return m;
    }
    if (r instanceof Set) {
      const s: Set<unknown> = fresh instanceof Set ? fresh : new Set();
      owner.set(s, r); done.set(r, s);
      s.clear();
      for (const x of r) s.add(put(undefined, x, `${path}.member`));
      return s;
    }
    const rec = r as Rec;
    const cls = rec[CLASS] as string;
    let o: Rec;
    if (fresh && !Array.isArray(fresh) && !(fresh instanceof Map) && !(fresh instanceof Set) && className(fresh) === cls) o = fresh as Rec;
    else if (cls === 'Object') o = {};
    else {
      const p = protos.get(cls);
      if (!p) throw new Error(`${path || 'the state'}: a ${cls} ${p === null ? '(two classes of that name)' : 'that a new simulation does not hold'}`);
      o = Object.create(p) as Rec;
    }
    owner.set(o, r); done.set(r, o);
    for (const k of Object.keys(rec)) {
      if (k === CLASS) continue;
      o[k] = put(o[k], rec[k], path ? `${path}.${k}` : k);
    }
    return o;
  };
  if (saved === null || typeof saved !== 'object' || (saved as Rec)[CLASS] !== className(root)) {
    throw new Error(`the state is of a ${String((saved as Rec | null)?.[CLASS])}, not a ${className(root)}`);
  }
  put(root, saved, '');
}

/**
 * Where two records of `captureState` differ, as paths with both values (at most `max`): values
 * compared as numbers and strings (NaN equals NaN; -0 differs from 0), typed arrays element by
 * element, Maps by key, objects by key and class. Byte equality of two records is too strict: the
 * serialiser writes the same number as a small integer or as a double depending on how it was
 * stored.
 */
export function stateDifferences(a: Buffer, b: Buffer, max = 20): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const same = (x: unknown, y: unknown) => Object.is(x, y);
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= max || same(x, y)) return;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') { out.push(`${path}: ${String(x)} / ${String(y)}`); return; }
    if (seen.has(x)) return;
    seen.add(x);
    if (ArrayBuffer.isView(x) || ArrayBuffer.isView(y)) {
      const p = x as unknown as ArrayLike<number>, q = y as unknown as ArrayLike<number>;
      if (!ArrayBuffer.isView(x) || !ArrayBuffer.isView(y) || className(x) !== className(y) || p.length !== q.length) { out.push(`${path}: ${className(x)}(${p.length}) / ${className(y)}(${q.length})`); return; }
      for (let i = 0; i < p.length && out.length < max; i++) if (!same(p[i], q[i])) out.push(`${path}[${i}]: ${p[i]} / ${q[i]}`);
      return;
    }
    if (x instanceof Map || y instanceof Map) {
      if (!(x instanceof Map) || !(y instanceof Map) || x.size !== y.size) { out.push(`${path}: Map sizes differ`); return; }
      for (const [k, v] of x) walk(v, y.get(k), `${path}[${String(k)}]`);
      return;
    }
    if (x instanceof Set || y instanceof Set) {
      if (!(x instanceof Set) || !(y instanceof Set) || x.size !== y.size || [...x].some((v) => !y.has(v))) out.push(`${path}: Sets differ`);
      return;
    }
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) walk((x as Rec)[k], (y as Rec)[k], Array.isArray(x) ? `${path}[${k}]` : path ? `${path}.${k === CLASS ? '(class)' : k}` : k);
  };
  walk(deserialize(a), deserialize(b), '');
  return out;
}
