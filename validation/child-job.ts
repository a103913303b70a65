/**
 * One job of a validation study in a child process of its own: the job goes in as JSON on stdin, the result
 * comes back as JSON on stdout. A process rather than a worker thread so that process.cpuUsage() in the child
 * is that job's CPU alone (Node 20 has no per-thread CPU clock). Used by the forward-flux studies.
 */
import { spawn } from 'node:child_process';

/** Runs `script` (a .js file) with `job` on its stdin; resolves with its stdout parsed as JSON. `name` labels the error. */
export function runChildJob<J, R>(script: string, job: J, name: string): Promise<R> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('close', (code) => { if (code !== 0) reject(new Error(`${name} job exited with ${code}`)); else resolve(JSON.parse(out) as R); });
    p.stdin.end(JSON.stringify(job));
  });
}
