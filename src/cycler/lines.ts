/**
 * Reading text files line by line with bounded memory: the file is read in 256 KiB chunks and
 * handed out in batches of lines with their 1-based line numbers. The encoding is sniffed from
 * the first 64 KiB: UTF-8 (with or without BOM) when that decodes cleanly; GB18030 (which includes GBK, what
 * Chinese-language Windows cycler software writes) when that decodes cleanly and its first line holds Chinese words
 * (see `looksGb18030`); latin-1 otherwise (EC-Lab writes latin-1); UTF-16 by its byte-order mark. NUL bytes otherwise
 * (UTF-16 without a mark, binary files) are a FileError.
 */
import { splitDelimited } from '../io/csv.js';
import * as fs from 'node:fs';
import { FileError, fsReason } from '../errors.js';
import { nonText } from '../io/text-file.js';

export type TextEncodingName = 'utf8' | 'latin1' | 'gb18030' | 'utf16le' | 'utf16be';

export interface Sniff {
  encoding: TextEncodingName;
  bom: boolean;
  /** the first lines of the file (at most `maxLines`), decoded, without line terminators */
  head: string[];
  /** true when the whole file fitted in the sniffed bytes */
  complete: boolean;
  size: number;
}

const SNIFF_BYTES = 65536;

function statOrThrow(file: string): fs.Stats {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new FileError(file, 'is not a regular file');
    return st;
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(file, `cannot read: ${fsReason(e)}`);
  }
}

/**
 * GB18030 / GBK bytes: they decode without an error as GB18030 and the first line holds a run of two or more CJK
 * ideographs (a Chinese column name: "电压(V)"). Latin-1 text decodes as GB18030 too, pair by pair (EC-Lab's "°C",
 * B0 43, is one ideograph), but a column-name line of latin-1 holds no run of four bytes above 0x80 that pairs into two
 * ideographs. Until cyclerzh a GBK export was read as latin-1 ("µçÑ¹(V)" for "电压(V)") and refused as of no known layout.
 */
function looksGb18030(probe: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(probe, { stream: true });
  } catch {
    return false;
  }
  const l0 = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  return /[\u4e00-\u9fff]{2}/.test(l0);
}

export function sniff(file: string, maxLines = 200): Sniff {
  const st = statOrThrow(file);
  if (st.size === 0) throw new FileError(file, 'is empty (0 bytes)', 1);
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(Math.min(SNIFF_BYTES, st.size));
  let n: number;
  try {
    n = fs.readSync(fd, buf, 0, buf.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const bytes = buf.subarray(0, n);
  const bad = nonText(bytes);
  // UTF-16 with its byte-order mark (Excel's "Unicode Text", some Windows exporters): read as such since cli66, where it
  // was refused ("is UTF-16 encoded; export it as UTF-8 ...") though nothing about it is ambiguous
  if (bad?.utf16) return sniffUtf16(file, bytes, st.size, maxLines);
  if (bad) throw new FileError(file, 'contains NUL bytes: binary or UTF-16 data, not a text export (wrong encoding?)', bad.line);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let encoding: TextEncodingName = 'utf8';
  // a multi-byte character may be cut at the end of the sniffed block: drop up to 3 trailing bytes
  let probe = bytes;
  if (n < st.size) {
    let cut = probe.length;
    for (let k = 1; k <= 3 && cut - k >= 0; k++) {
      const b = probe[cut - k]!;
      if ((b & 0xc0) === 0xc0) { cut = cut - k; break; }
      if ((b & 0x80) === 0) break;
    }
    probe = probe.subarray(0, cut);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(probe);
  } catch {
    // a UTF-8 BOM says UTF-8 even if some bytes are invalid (they become U+FFFD)
    if (!bom) encoding = looksGb18030(bytes) ? 'gb18030' : 'latin1';
  }
  const complete = n >= st.size;
  // GB18030: a character cut at the end of the sniffed block is left out (stream), not read as U+FFFD
  const text = (encoding === 'utf8' ? new TextDecoder('utf-8').decode(bytes) : encoding === 'gb18030' ? new TextDecoder('gb18030').decode(bytes, { stream: !complete }) : bytes.toString('latin1')).replace(/^\uFEFF/, '');
  const all = text.split('\n');
  // robust61: no line break in the whole first block of a longer file: its one piece was dropped as a partial line and
  // the file was called "is empty (no text lines)" (a 2 MB one-line file, or 25 MB uploaded to the workbench)
  if (!complete && all.length === 1) throw new FileError(file, `has no line break in its first ${SNIFF_BYTES} bytes (of ${st.size} bytes): not a cycler's text export, whose lines are a few hundred bytes (a one-line file, or binary data?)`, 1);
  if (!complete) all.pop(); // the last piece may be a partial line
  const head = all.slice(0, maxLines).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (complete && head.length > 0 && head[head.length - 1] === '') head.pop();
  return { encoding, bom, head, complete, size: st.size };
}

/** The sniff of a UTF-16 file with its byte-order mark (FF FE little-endian, FE FF big-endian). */
function sniffUtf16(file: string, bytes: Uint8Array, size: number, maxLines: number): Sniff {
  const encoding: TextEncodingName = bytes[0] === 0xff ? 'utf16le' : 'utf16be';
  const complete = bytes.length >= size;
  const text = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(0, bytes.length - (bytes.length % 2)), { stream: !complete }).replace(/^\uFEFF/, '');
  const all = text.split('\n');
  if (!complete && all.length === 1) throw new FileError(file, `has no line break in its first ${SNIFF_BYTES} bytes (of ${size} bytes): not a cycler's text export, whose lines are a few hundred bytes (a one-line file, or binary data?)`, 1);
  if (!complete) all.pop();
  const head = all.slice(0, maxLines).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (complete && head.length > 0 && head[head.length - 1] === '') head.pop();
  return { encoding, bom: true, head, complete, size };
}

export interface LineBatch {
  /** 1-based number of lines[0] */
  first: number;
  lines: string[];
  /** the last line of the file, without a line terminator (possibly still being written) */
  partial?: boolean;
}

/** Streams the file's lines in batches (no terminators; '\r' stripped; a final empty line dropped). */
export async function* readLineBatches(file: string, encoding: TextEncodingName, batchLines = 4096): AsyncGenerator<LineBatch> {
  // GB18030 is no Node stream encoding: its bytes go through a streaming TextDecoder (a character cut between chunks is kept)
  const gb = encoding === 'gb18030' ? new TextDecoder('gb18030') : encoding === 'utf16le' ? new TextDecoder('utf-16le') : encoding === 'utf16be' ? new TextDecoder('utf-16be') : undefined;
  const stream = gb ? fs.createReadStream(file, { highWaterMark: 1 << 18 }) : fs.createReadStream(file, { encoding: encoding as BufferEncoding, highWaterMark: 1 << 18 });
  let rest = '';
  let lineNo = 1;
  let first = true;
  try {
    for await (const raw of stream as AsyncIterable<string | Buffer>) {
      const chunk = gb ? gb.decode(raw as Buffer, { stream: true }) : (raw as string);
      let text = rest + chunk;
      if (first) { text = text.replace(/^\uFEFF/, ''); first = false; }
      const parts = text.split('\n');
      rest = parts.pop()!;
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (p.length > 0 && p.charCodeAt(p.length - 1) === 13) parts[i] = p.slice(0, -1);
      }
      for (let i = 0; i < parts.length; i += batchLines) {
        const lines = parts.length <= batchLines ? parts : parts.slice(i, i + batchLines);
        yield { first: lineNo, lines };
        lineNo += lines.length;
      }
      if (rest.length > 1 << 24) throw new FileError(file, 'a line longer than 16 MiB: not a text table', lineNo);
    }
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(file, `read failed: ${(e as Error).message}`, lineNo);
  } finally {
    stream.destroy();
  }
  if (gb) rest += gb.decode();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest.length > 0) yield { first: lineNo, lines: [rest], partial: true };
}

/** Splits one delimited line (the package's one CSV splitter, src/io/csv.ts). */
export const splitLine = (line: string, delim: string): string[] => splitDelimited(line, delim);
