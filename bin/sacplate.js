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
// simulate and compare keep a handler from their result to the process's end (src/cli/signals.ts endOnStop): a stop
// signal then exits with the command's own code (session 59; a handler added here, after run() ended, left a gap)
run(process.argv.slice(2)).catch((e) => reportFailure(e));
