/**
 * Buffered, synchronous file sink used by every writer in src/io: text and bytes are written in
 * chunks through one file descriptor, so large outputs never become one big string. File-system
 * failures (missing permission, full disk, a directory in the way) become a FileError naming the
 * file. Parent directories are created.
 */
import { closeSync, mkdirSync, openSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { FileError, fsReason } from '../errors.js';

const CHUNK = 1 << 20; // flush text after ~1 MB

export function fsError(path: string, e: unknown): FileError {
  return new FileError(path, `cannot write: ${fsReason(e)}`);
}

export class Sink {
  readonly path: string;
  private readonly tmp: string;
  private fd: number;
  private buf = '';
  private closed = false;

  /**
   * Opens `path` for writing. The data go to a temporary file next to it that is renamed onto
   * `path` by close(), so a reader never sees a half-written file and a failed write leaves any
   * previous file in place. With `atomic: false` it writes to `path` directly (for files that
   * grow during a run, like a time series someone may tail).
   */
  constructor(path: string, opts: { atomic?: boolean } = {}) {
    this.path = path;
    this.tmp = opts.atomic === false ? path : `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      throw fsError(path, e);
    }
  }

  /** Appends text (buffered). */
  text(s: string): void {
    this.buf += s;
    if (this.buf.length >= CHUNK) this.flush();
  }

  /** Appends raw bytes (after any pending text), in chunks of at most 16 MB. */
  bytes(b: Uint8Array): void {
    this.flush();
    const step = 1 << 24;
    for (let o = 0; o < b.length; o += step) this.writeAll(b.subarray(o, Math.min(b.length, o + step)));
  }

  flush(): void {
    if (this.buf.length === 0) return;
    const s = this.buf;
    this.buf = '';
    this.writeAll(Buffer.from(s, 'utf8'));
  }

  private writeAll(b: Uint8Array): void {
    try {
      let off = 0;
      while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
    } catch (e) {
      this.abort();
      throw fsError(this.path, e);
    }
  }

  /** Flushes, closes and moves the file into place. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    try {
      closeSync(this.fd);
      if (this.tmp !== this.path) renameSync(this.tmp, this.path);
    } catch (e) {
      try {
        if (this.tmp !== this.path) unlinkSync(this.tmp);
      } catch {
        /* already gone */
      }
      throw fsError(this.path, e);
    }
  }

  /** Closes and deletes the temporary file (after an error). A non-atomic file keeps what was written. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      /* ignore */
    }
    if (this.tmp === this.path) return;
    try {
      unlinkSync(this.tmp);
    } catch {
      /* ignore */
    }
  }
}

/** Runs `body` with a sink on `path`; closes it on success, removes the partial file on failure. */
export function withSink(path: string, body: (s: Sink) => void): void {
  const s = new Sink(path);
  try {
    body(s);
  } catch (e) {
    s.abort();
    throw e;
  }
  s.close();
}
