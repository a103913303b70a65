/**
 * `sacplate serve` and a stop signal while it is still starting (its modules, store and port take a second or more):
 * it listened for SIGINT / SIGTERM only once listening, so such a signal killed it without the shared stop line
 * (cli/signals.ts) and with the signal's own exit (143 for SIGTERM); review36. The child is watched, not changed, by a
 * module loaded first (--import) that writes a line on stderr once a SIGTERM listener is added and when a server starts
 * to listen, so the order of the two is known without timing.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children: ChildProcess[] = [];
after(() => { for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL'); });

const WATCH = [
  "import net from 'node:net';",
  'const on = process.on;',
  "process.on = function (ev, fn) { const r = on.call(this, ev, fn); if (ev === 'SIGTERM') process.stderr.write('[watch] SIGTERM listener\\n'); return r; };",
  'const listen = net.Server.prototype.listen;',
  "net.Server.prototype.listen = function (...a) { process.stderr.write('[watch] listen\\n'); return listen.apply(this, a); };",
].join('\n');

test('serve: a SIGTERM while it is starting stops it with the shared stop line, exit 0 (it was killed by the signal)', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-serve-signals-'));
  try {
    const proc = spawn(process.execPath, [`--import=data:text/javascript,${encodeURIComponent(WATCH)}`, 'bin/sacplate.js', 'serve', '--port', '0', '--db', join(dir, 'store.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    const io = { out: '', err: '' };
    proc.stdout!.on('data', (d: Buffer) => { io.out += d.toString(); });
    proc.stderr!.on('data', (d: Buffer) => {
      const before = io.err;
      io.err += d.toString();
      // the stop as soon as the command listens for it (before its port is open, unless the machine is very slow)
      if (!before.includes('[watch] SIGTERM listener') && io.err.includes('[watch] SIGTERM listener')) proc.kill('SIGTERM');
    });
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (c, s) => r({ code: c, signal: s })));
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, io.err);
    assert.match(io.err, /^sacplate: SIGTERM: stopping the workbench: cancelling running runs, closing its port and store \(a second signal quits at once\)$/m);
    // the stop was listened for before the port opened (until review36 only after it)
    const listening = io.err.indexOf('[watch] listen');
    assert.ok(listening < 0 || io.err.indexOf('[watch] SIGTERM listener') < listening, io.err);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
