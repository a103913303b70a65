/**
 * `sacplate serve`: the local workbench (src/server/serve.ts startServer) until Ctrl-C or SIGTERM. Its flags here,
 * with the other commands' (until review35 in src/server/serve.ts, which then imported cli/signals.ts: the library
 * reaching into the CLI, test/layering.test.ts).
 */
import type { Command } from 'commander';
import { onStopSignals, stopLine } from '../signals.js';

export function register(program: Command): void {
  program.command('serve')
    .description('the local workbench in a browser: run, watch, nucleation overpotentials, compare, evidence, cycler files (http://127.0.0.1:8737/)')
    .option('--port <n>', 'TCP port (default 8737; 0 picks a free one)')
    .option('--host <address>', 'address to bind (default 127.0.0.1; any other needs --token)')
    .option('--token <token>', 'token every request must carry (default SACPLATE_TOKEN)')
    .option('--concurrency <n>', 'runs at once (default: number of cores)')
    .option('--db <path>', 'store file (default SACPLATE_DB or ~/.sacplate/sacplate.db)')
    .option('--max-run-memory <size>', 'memory one run may take, e.g. "4 GB": a larger box is refused (400) before it starts (default half of this machine\'s memory over --concurrency; a run takes about 2.5 bytes per voxel + 200 per column)')
    .option('--checkpoint-every <s>', 'seconds of wall time between checkpoints of the runs the workbench starts, so that a cancelled (or interrupted) run can be resumed (default 120; a cancel writes one too; off: none)')
    .action(async (f: { port?: string; host?: string; token?: string; concurrency?: string; db?: string; checkpointEvery?: string; maxRunMemory?: string }) => {
      // the commands' shared stop (cli/signals.ts): the line says the signal and what a second one does, and a second
      // exits 130 at once (until mends44 its own words, and a second signal met no handler: death by the signal, 143
      // for SIGTERM); a server's stop is its normal end: port and store closed, exit 0. Listened for from the start: a
      // signal while the server was still starting (its modules, store and port: a second or more) killed it without
      // the line (143 for SIGTERM; review36); it now stops the server as soon as it is up, which prints no address
      let stop: (() => Promise<void>) | undefined;
      let stopped: (() => void) | undefined; // the stop's end, once a signal came
      const stopping = new Promise<void>((resolve) => { stopped = resolve; });
      let signalled = false;
      const end = () => void stop!().then(stopped, (e: unknown) => { process.stderr.write(`sacplate serve: ${String(e)}\n`); stopped!(); });
      const offSignals = onStopSignals((sig) => {
        process.stderr.write(stopLine(sig, 'stopping the workbench: cancelling running runs, closing its port and store').trimStart());
        signalled = true;
        if (stop) end(); // else once the server is up
      });
      try {
        // loaded here: every other command declares `serve` without it
        const { checkServeOptions, startServer } = await import('../../server/serve.js');
        const o = checkServeOptions(f);
        const { parseBytes } = await import('../../input/memory.js');
        const maxRunMemory = f.maxRunMemory === undefined ? undefined : parseBytes('--max-run-memory', f.maxRunMemory);
        const server = await startServer({ ...o, db: f.db, maxRunMemory });
        stop = server.stop;
        if (signalled) end();
        else {
          if (server.readOnly) process.stderr.write(`sacplate: warning: ${server.readOnly}; the workbench shows the runs it holds, but a run started there is refused (503)\n`);
          process.stdout.write(`${server.url}${o.token ? `?token=${o.token}` : ''}\n`);
        }
        await stopping;
      } finally {
        offSignals();
      }
    });
}
