#!/usr/bin/env node
import { run } from '../dist/src/cli/main.js';
import { reportFailure } from '../dist/src/cli/failure.js';
// anything that escapes the command (a stream's error event, a rejected promise) is one line too
process.on('uncaughtException', (e) => { reportFailure(e); process.exit(process.exitCode ?? 1); });
process.on('unhandledRejection', (e) => { reportFailure(e); process.exit(process.exitCode ?? 1); });
run(process.argv.slice(2)).catch((e) => reportFailure(e));
