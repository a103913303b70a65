#!/usr/bin/env node
// a Ctrl-C or SIGTERM while a run's command loads is one line and exit 130 (src/cli/signals.ts); first, before commander
import { STOPPED_WHILE_STARTING, stopWhileStarting } from '../dist/src/cli/signals.js';
if (STOPPED_WHILE_STARTING.includes(process.argv[2])) stopWhileStarting();
const { reportFailure } = await import('../dist/src/cli/failure.js');
// anything that escapes the command (a stream's error event, a rejected promise) is one line too
process.on('uncaughtException', (e) => { reportFailure(e); process.exit(process.exitCode ?? 1); });
process.on('unhandledRejection', (e) => { reportFailure(e); process.exit(process.exitCode ?? 1); });
// `nucleation` loads only its own modules (a cached call must stay under 2 s, issue 15)
const { run } = process.argv[2] === 'nucleation' ? await import('../dist/src/cli/nucleation-main.js') : await import('../dist/src/cli/main.js');
run(process.argv.slice(2)).then(() => {
  // simulate and compare (and --seeds) have written their result when run() ends: a stop signal from here to the
  // process's exit ends it with the command's own code. Their handlers go with their work (src/cli/signals.ts), and a
  // Ctrl-C in the last milliseconds killed a finished command by SIGINT (engine-cli's review65 test in CI, session 47)
  if (process.argv[2] !== 'simulate' && process.argv[2] !== 'compare') return;
  const done = () => process.exit(process.exitCode ?? 0);
  process.on('SIGINT', done);
  process.on('SIGTERM', done);
}, (e) => reportFailure(e));
