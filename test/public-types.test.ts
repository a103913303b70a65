/**
 * No `any` in the public API a TypeScript user sees (docs/api.md "In your own project"): a type-level check over every
 * export of src/index.ts (what dist/src/index.d.ts declares), four levels into each function's arguments and results,
 * each class's statics and prototype, each object's keys, each array's elements, each promise's value. A leak fails the
 * project's compile (npm test builds first) naming its path, e.g. `simulate().metrics.average_ce`; the test below only
 * says so at run time. Branch pkg66: none found; seen failing with `metrics: any` put in SimulateResult.
 * Left out as not the package's: the `any` of Error's captureStackTrace/prepareStackTrace, of a Map's or Set's forEach
 * thisArg and of the standard library's own signatures reached through them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Api from '../src/index.js';
import * as api from '../src/index.js';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Prev = [never, 0, 1, 2, 3, 4];
type NoKeys = 'captureStackTrace' | 'prepareStackTrace';
/** The paths at which `any` sits inside T, to depth D (never: none). */
type AnyPaths<T, D extends number, P extends string> =
  IsAny<T> extends true ? P :
  [D] extends [never] ? never :
  T extends (...a: infer A) => infer R
    ? AnyPaths<Awaited<R>, Prev[D], `${P}()`> | { [I in keyof A & `${number}`]: AnyPaths<A[I], Prev[D], `${P}(arg ${I})`> }[keyof A & `${number}`]
    : T extends string | number | boolean | bigint | symbol | null | undefined | ArrayBufferView | Date | RegExp | AbortSignal ? never
    : T extends PromiseLike<infer U> ? AnyPaths<U, Prev[D], `${P} (awaited)`>
    : T extends ReadonlyMap<infer K, infer V> ? AnyPaths<K, Prev[D], `${P} (key)`> | AnyPaths<V, Prev[D], `${P} (value)`>
    : T extends ReadonlySet<infer E> ? AnyPaths<E, Prev[D], `${P} (member)`>
    : T extends readonly (infer E)[] ? AnyPaths<E, Prev[D], `${P}[]`>
    : T extends object ? { [K in Exclude<keyof T & string, NoKeys>]-?: AnyPaths<T[K], Prev[D], `${P}.${K}`> }[Exclude<keyof T & string, NoKeys>]
    : never;
type Exports = typeof Api;
type Leaks = { [K in keyof Exports & string]: AnyPaths<Exports[K], 4, K> }[keyof Exports & string];
/** Compiles only when Leaks is never; otherwise the compiler's message lists the paths. */
const noLeaks: [Leaks] extends [never] ? 'no any' : { any_at: Leaks } = 'no any';

test('no `any` in the public API\'s types (a compile-time check over every export of src/index.ts)', () => {
  assert.equal(noLeaks, 'no any');
  assert.ok(Object.keys(api).length > 50, 'the exports were checked');
});
