/**
 * The CLI run in-process (src/cli/main.ts run(), or src/cli/nucleation-main.ts for `nucleation`,
 * routed as bin/sacplate.js does), with stdout/stderr captured and the exit code read back: fast
 * enough for fuzzing hundreds of inputs, without a spawned node's start-up per call (0.2-0.6 CPU s for most
 * commands since each loads its modules when it runs: docs/speed-history.md, "CLI start-up"). Spawned runs (bin/sacplate.js) are for
 * the few checks that need a real process (uncaught errors, another user id).
 */
import { inflateSync } from 'node:zlib';
import { run } from '../../src/cli/main.js';
import { run as runNucleation } from '../../src/cli/nucleation-main.js';

export interface CliResult { code: number; stdout: string; stderr: string; ms: number }

/** Options of one in-process call. */
export interface CliOptions {
  /** sets (a string) or unsets (undefined) variables for this call only, as a spawned run's environment would */
  env?: Record<string, string | undefined>;
  /** runs it from another folder (process.chdir, restored afterwards) */
  cwd?: string;
  /** another entry's run() (e.g. the main.js of a copied package) instead of this checkout's */
  run?: (argv: string[]) => Promise<void>;
  /** called with each piece the command writes to stderr, as it writes it (after it is captured) */
  onStderr?: (s: string) => void;
}

export async function cli(args: string[], o: CliOptions = {}): Promise<CliResult> {
  const out: string[] = [], err: string[] = [];
  const savedEnv = Object.entries(o.env ?? {}).map(([k, v]) => { const old = process.env[k]; if (v === undefined) delete process.env[k]; else process.env[k] = v; return [k, old] as const; });
  const savedCwd = process.cwd();
  if (o.cwd) process.chdir(o.cwd);
  const ow = process.stdout.write.bind(process.stdout), ew = process.stderr.write.bind(process.stderr);
  const tty = process.stderr.isTTY;
  // the test runner's own report goes through process.stdout too (as Buffers, from its stream
  // pipe): pass those on, capture what the CLI writes (strings)
  process.stdout.write = ((s: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof s !== 'string') return (ow as (...a: unknown[]) => boolean)(s, ...rest);
    out.push(s); return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => { err.push(String(s)); o.onStderr?.(String(s)); return true; }) as typeof process.stderr.write;
  (process.stderr as { isTTY?: boolean }).isTTY = false;
  const prev = process.exitCode;
  process.exitCode = 0;
  const t0 = performance.now();
  try {
    await (o.run ?? (args[0] === 'nucleation' ? runNucleation : run))(args);
  } finally {
    process.stdout.write = ow; process.stderr.write = ew;
    (process.stderr as { isTTY?: boolean }).isTTY = tty;
    if (o.cwd) process.chdir(savedCwd);
    for (const [k, old] of savedEnv) { if (old === undefined) delete process.env[k]; else process.env[k] = old; }
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = prev;
  return { code, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - t0 };
}

/**
 * A command stopped as a user's Ctrl-C would stop it: the call starts in-process, the signal is emitted
 * once the command has put its own SIGINT handler in place (within 10 s), and the call's result comes
 * back with whether a handler was there (false: nothing was emitted; Node's default action would have
 * killed the process without a word).
 */
export async function cliInterrupted(args: string[], signal: 'SIGINT' | 'SIGTERM' = 'SIGINT', o: CliOptions = {}): Promise<CliResult & { handled: boolean }> {
  const before = process.listenerCount('SIGINT');
  const call = cli(args, o);
  const t0 = Date.now();
  while (process.listenerCount('SIGINT') === before && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
  const handled = process.listenerCount('SIGINT') > before;
  if (handled) process.emit(signal, signal);
  return { ...(await call), handled };
}

/** Decodes an 8-bit RGB/RGBA non-interlaced PNG (what resvg writes) to RGBA pixels. */
export function decodePng(buf: Buffer): { width: number; height: number; rgba: Uint8Array } {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let p = 8, width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (p < buf.length) {
    const len = buf.readUInt32BE(p), type = buf.toString('latin1', p + 4, p + 8);
    const data = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9]!; if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG'); }
    if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : colorType === 4 ? 2 : 1;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const cur = new Uint8Array(stride), prev = new Uint8Array(stride);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0, b = prev[i]!, c = i >= bpp ? prev[i - bpp]! : 0;
      let v = row[i]!;
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      cur[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (bpp >= 3) { rgba[o] = cur[x * bpp]!; rgba[o + 1] = cur[x * bpp + 1]!; rgba[o + 2] = cur[x * bpp + 2]!; rgba[o + 3] = bpp === 4 ? cur[x * bpp + 3]! : 255; }
      else { rgba[o] = rgba[o + 1] = rgba[o + 2] = cur[x * bpp]!; rgba[o + 3] = bpp === 2 ? cur[x * bpp + 1]! : 255; }
    }
    prev.set(cur);
  }
  return { width, height, rgba };
}

/** Pixels that are not (near) white in a region [x0, x1) x [y0, y1) (whole image by default). */
export function inkPixels(img: { width: number; height: number; rgba: Uint8Array }, region?: [number, number, number, number]): number {
  const [x0, y0, x1, y1] = region ?? [0, 0, img.width, img.height];
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const o = (y * img.width + x) * 4;
    if (img.rgba[o + 3]! > 0 && (img.rgba[o]! < 200 || img.rgba[o + 1]! < 200 || img.rgba[o + 2]! < 200)) n++;
  }
  return n;
}

/** cli() in the shape spawnSync returns ({ status, stdout, stderr }), for tests written against a spawned node. */
export async function cliSpawnShape(args: string[], o: CliOptions = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await cli(args, o);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}
