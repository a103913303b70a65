/**
 * JSON writer: pretty (2-space indent), keys in the order the object holds them, a final newline.
 * Typed arrays are written as plain arrays; non-finite numbers become null (JSON has no NaN).
 * The file is written to a temporary name and renamed into place.
 */
import { withSink } from './sink.js';

function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (x) => (typeof x === 'bigint' ? Number(x) : x));
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function toJsonText(obj: unknown): string {
  return JSON.stringify(obj, replacer, 2) + '\n';
}

export function writeJson(path: string, obj: unknown): void {
  const text = toJsonText(obj);
  withSink(path, (s) => s.text(text));
}
