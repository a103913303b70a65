/**
 * `npm run bench:nucleation`: the two-scale nucleation model's speed (issue 15). Writes
 * bench/nucleation-results.json.
 *  - new SAC: Li on graphene with a SAC given by its numbers (binding -3.0 eV vs -2.37 eV), fresh
 *    store: the atomistic stage of the host and of the SAC (target < 5 min on 2 cores);
 *  - a second SAC on the same host (host stage cached, SAC stage new): the cost of one new SAC;
 *  - cached call: the same request again (target < 2 s), timed in a new process through the CLI
 *    as a user runs it (store opening, electrode stage, output).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { nucleation } from '../src/nucleation/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-bench-nuc-'));
const db = join(dir, 'bench.db');
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };
const log = (k: string, v: unknown) => { results[k] = v; process.stderr.write(`${k}: ${JSON.stringify(v)}\n`); };
try {
  const store = openStore(db);
  let t0 = performance.now();
  const a = nucleation({ metal: 'Li', host: 'graphene', sac: { binding_eV: -3.0, reference_eV: -2.37 }, loading: '1 %', current_A_per_m2: 10 }, store);
  log('new_host_and_sac_s', (performance.now() - t0) / 1000);
  log('new_host_and_sac_events', a.atomistic?.events);
  t0 = performance.now();
  const b = nucleation({ metal: 'Li', host: 'graphene', sac: { binding_eV: -3.3, reference_eV: -2.37 }, loading: '1 %', current_A_per_m2: 10 }, store);
  log('new_sac_on_known_host_s', (performance.now() - t0) / 1000);
  log('new_sac_on_known_host_events', b.atomistic?.events);
  store.close();
  const cli = join(process.cwd(), 'bin', 'sacplate.js');
  const args = [cli, 'nucleation', '--metal', 'Li', '--host', 'graphene', '--sac', 'binding -3.3 eV, reference -2.37 eV, loading 1 %', '--json', '--db', db];
  t0 = performance.now();
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  log('cached_cli_call_s', (performance.now() - t0) / 1000);
  log('cached_cli_call_was_cached', (JSON.parse(out) as { atomistic: { cached: boolean } }).atomistic.cached);
  log('nucleation_overpotential_mV', { sac_minus3p0: a.nucleation_overpotential_mV, sac_minus3p3: b.nucleation_overpotential_mV });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(join(process.cwd(), 'bench', 'nucleation-results.json'), JSON.stringify(results, null, 2) + '\n');
