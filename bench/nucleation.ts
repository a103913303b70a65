/**
 * `npm run bench:nucleation`: the two-scale nucleation model's speed (issue 15). Writes
 * bench/nucleation-results.json.
 *  - new SAC: Li on graphene with a SAC given by its numbers (binding -3.0 eV vs -2.37 eV), fresh
 *    store: the atomistic stage of the host and of the SAC (target < 5 min on 2 cores);
 *  - a second SAC on the same host (host stage cached, SAC stage new): the cost of one new SAC;
 *  - cached call: the same request again (target < 2 s), in this process (wall and CPU) and in a
 *    new process through the CLI as a user runs it (Node start-up, the command's modules only,
 *    store opening, electrode stage, output), 5 times (min / median / max, with the load average).
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
  // cached call in this process: the electrode stage and the store read, CPU time
  const s2 = openStore(db);
  const c0 = process.cpuUsage();
  t0 = performance.now();
  const c = nucleation({ metal: 'Li', host: 'graphene', sac: { binding_eV: -3.3, reference_eV: -2.37 }, loading: '1 %', current_A_per_m2: 10 }, s2);
  const cpu = process.cpuUsage(c0);
  log('cached_in_process_s', { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, cached: c.atomistic?.cached });
  // the plateau rule of these calls (default `flat` since branch plateau: the electrode stage runs past 0.02 mAh/cm2 until eta is flat)
  log('plateau', { rule: c.plateau_rule, read_at_mAh_cm2: c.plateau_capacity_mAh_cm2, stop: c.plateau_stop, host_reduction: c.host_reduction.rule });
  s2.close();
  // cached call through the CLI in a new process, as a user runs it (Node start-up, modules, store, electrode stage, output): 5 times
  const cli = join(process.cwd(), 'bin', 'sacplate.js');
  const args = [cli, 'nucleation', '--metal', 'Li', '--host', 'graphene', '--sac', 'binding -3.3 eV, reference -2.37 eV, loading 1 %', '--json', '--db', db];
  const walls: number[] = [];
  let out = '';
  for (let k = 0; k < 5; k++) {
    t0 = performance.now();
    out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    walls.push((performance.now() - t0) / 1000);
  }
  walls.sort((x, y) => x - y);
  log('cached_cli_call_s', { min: walls[0], median: walls[2], max: walls[4], load_average_1min: (await import('node:os')).loadavg()[0] });
  log('cached_cli_call_was_cached', (JSON.parse(out) as { atomistic: { cached: boolean } }).atomistic.cached);
  log('nucleation_overpotential_mV', { sac_minus3p0: a.nucleation_overpotential_mV, sac_minus3p3: b.nucleation_overpotential_mV });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(join(process.cwd(), 'bench', 'nucleation-results.json'), JSON.stringify(results, null, 2) + '\n');
