/**
 * `npm run bench:nucleation`: the two-scale nucleation model's speed (issue 15). Writes
 * bench/nucleation-results.json.
 *  - new SAC: Li on graphene with a SAC given by its numbers (binding -3.0 eV vs -2.37 eV), fresh
 *    store: the atomistic stage of the host and of the SAC (target < 5 min on 2 cores);
 *  - a second SAC on the same host (host stage cached, SAC stage new): the cost of one new SAC;
 *  - cached call: the same request again (target < 2 s), in this process (wall and CPU) and in a
 *    new process through the CLI as a user runs it (Node start-up, the command's modules only,
 *    store opening, electrode stage, output), 5 times (min / median / max, with the load average;
 *    the child's CPU time too where /usr/bin/time exists).
 *  These fields (new_host_and_sac_s, new_sac_on_known_host_s, cached_in_process_s, cached_cli_call_s, ...) are the
 *  sampler 'mfpt''s, pinned (`sampler: 'mfpt'`, `--sampler mfpt`) since branch ffsdefault, so that they stay comparable
 *  with the earlier records. The default sampler's (mfpt+ffs with the tail end electrode) are under `default_sampler`:
 *  the same requests and steps, each with wall and CPU seconds (process.cpuUsage of this process: the stage runs on
 *  its thread, so CPU above wall would be work on other threads) and the load average before and after.
 *    `--part mfpt` or `--part default` runs one of the two (the results file then holds that part only).
 *  - `--ref <dir>`: a second build (a checkout with its dist/ and node_modules, e.g. an earlier commit
 *    built in /tmp) run on the same store, alternating with this one call by call (`--pairs n`, default
 *    10): both builds' wall and CPU per call and their ratio, paired (the load moves both alike), and
 *    whether the two JSON outputs are byte-identical (the mfpt part's call, with --sampler mfpt: a ref built before
 *    branch ffsprod has no --sampler).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { nucleation, type AtomisticOptions, type NucleationRequest } from '../src/nucleation/index.js';
import type { Store } from '../src/store/index.js';
import { timedSpawn } from './process-time.js';

/** one CLI call: stdout, wall time and (where /usr/bin/time exists) the child's user + system CPU time */
function cliCall(args: string[]): { out: string; wall_s: number; cpu_s: number | null } {
  const r = timedSpawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status}`);
  return { out: r.stdout, wall_s: r.wall_s, cpu_s: r.user_s === null ? null : r.user_s + r.sys_s! };
}

const dir = mkdtempSync(join(tmpdir(), 'sacplate-bench-nuc-'));
const db = join(dir, 'bench.db');
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };
const log = (k: string, v: unknown) => { results[k] = v; process.stderr.write(`${k}: ${JSON.stringify(v)}\n`); };
const load1 = async () => (await import('node:os')).loadavg()[0];
const partAt = process.argv.indexOf('--part');
const part = partAt > 0 ? process.argv[partAt + 1] : 'both';
if (part !== 'both' && part !== 'mfpt' && part !== 'default') throw new Error(`--part: got "${part}", expected mfpt or default (or left out: both)`);
/** the bench's two requests: Li on graphene with a SAC of binding -3.0 or -3.3 eV (reference -2.37 eV), 1 %, 1 mA/cm2 */
const request = (binding_eV: number, atomistic?: AtomisticOptions): NucleationRequest => ({ metal: 'Li', host: 'graphene', sac: { binding_eV, reference_eV: -2.37 }, loading: '1 %', current_A_per_m2: 10, ...(atomistic ? { atomistic } : {}) });
/** one in-process call, timed: wall and CPU seconds (this thread's and any other's of the process), events, the load around it */
async function timedCall(req: NucleationRequest, store: Store) {
  const load_before = await load1();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = nucleation(req, store);
  const wall_s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { r, timing: { wall_s, cpu_s: (c.user + c.system) / 1e6, events: r.atomistic?.events, cached: r.atomistic?.cached, host_from_cache: r.atomistic?.host_from_cache, load_before, load_after: await load1() } };
}
/** the CLI call 5 times (args: the cached request), min / median / max wall and CPU; its last output */
async function cliFive(args: string[]) {
  const walls: number[] = [], cpus: number[] = [];
  let out = '';
  for (let k = 0; k < 5; k++) {
    const r = cliCall(args);
    out = r.out; walls.push(r.wall_s); if (r.cpu_s !== null) cpus.push(r.cpu_s);
  }
  walls.sort((x, y) => x - y); cpus.sort((x, y) => x - y);
  return { out, summary: { min: walls[0], median: walls[2], max: walls[4], load_average_1min: await load1(), ...(cpus.length === 5 ? { cpu_min: cpus[0], cpu_median: cpus[2], cpu_max: cpus[4] } : {}) } };
}
const cli = join(process.cwd(), 'bin', 'sacplate.js');
const cliArgs = (sampler: string[]) => [cli, 'nucleation', '--metal', 'Li', '--host', 'graphene', '--sac', 'binding -3.3 eV, reference -2.37 eV, loading 1 %', ...sampler, '--json', '--db', db];
try {
  if (part !== 'default') {
  const MFPT: AtomisticOptions = { sampler: 'mfpt' };
  const store = openStore(db);
  let t0 = performance.now();
  const a = nucleation(request(-3.0, MFPT), store);
  log('new_host_and_sac_s', (performance.now() - t0) / 1000);
  log('new_host_and_sac_events', a.atomistic?.events);
  t0 = performance.now();
  const b = nucleation(request(-3.3, MFPT), store);
  log('new_sac_on_known_host_s', (performance.now() - t0) / 1000);
  log('new_sac_on_known_host_events', b.atomistic?.events);
  store.close();
  // cached call in this process: the electrode stage and the store read, CPU time
  const s2 = openStore(db);
  const c0 = process.cpuUsage();
  t0 = performance.now();
  const c = nucleation(request(-3.3, MFPT), s2);
  const cpu = process.cpuUsage(c0);
  log('cached_in_process_s', { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, cached: c.atomistic?.cached });
  // the plateau rule of these calls (default `flat` since branch plateau: the electrode stage runs past 0.02 mAh/cm2 until eta is flat)
  log('plateau', { rule: c.plateau_rule, read_at_mAh_per_cm2: c.plateau_capacity_mAh_per_cm2, stop: c.plateau_stop, host_reduction: c.host_reduction.rule });
  s2.close();
  // cached call through the CLI in a new process, as a user runs it (Node start-up, modules, store, electrode stage, output): 5 times
  const args = cliArgs(['--sampler', 'mfpt']);
  const five = await cliFive(args);
  let out = five.out;
  log('cached_cli_call_s', five.summary);
  const refAt = process.argv.indexOf('--ref');
  if (refAt > 0) {
    const refDir = process.argv[refAt + 1]!;
    const pairsAt = process.argv.indexOf('--pairs');
    const pairs = pairsAt > 0 ? Number(process.argv[pairsAt + 1]) : 10;
    const refArgs = [join(refDir, 'bin', 'sacplate.js'), ...args.slice(1)];
    const mine: { wall_s: number; cpu_s: number | null }[] = [], ref: { wall_s: number; cpu_s: number | null }[] = [];
    let same = true;
    for (let k = 0; k < pairs; k++) {
      // alternate which build goes first
      const a = k % 2 === 0 ? cliCall(args) : null;
      const b = cliCall(refArgs);
      const c = a ?? cliCall(args);
      mine.push(c); ref.push(b); out = c.out;
      // a ref built before the per-area keys were renamed writes plateau_capacity_mAh_cm2 (docs/cycler.md, "Renamed keys")
      same &&= c.out === b.out.replace('"plateau_capacity_mAh_cm2"', '"plateau_capacity_mAh_per_cm2"');
    }
    const med = (xs: number[]) => { const v = xs.slice().sort((x, y) => x - y); return v[Math.floor(v.length / 2)]!; };
    const { pairedInterval } = await import('../src/stats/interval.js');
    const ratio = (f: (x: { wall_s: number; cpu_s: number | null }) => number | null) => {
      const m = mine.map(f), r = ref.map(f);
      if (m.some((x) => x === null) || r.some((x) => x === null)) return null;
      const iv = pairedInterval((m as number[]).map(Math.log), (r as number[]).map(Math.log));
      return { this_median: med(m as number[]), ref_median: med(r as number[]), ratio: Math.exp(iv.mean), ratio_lo: Math.exp(iv.lo), ratio_hi: Math.exp(iv.hi) };
    };
    log('against_ref', { ref: refDir, pairs, outputs_identical: same, wall_s: ratio((x) => x.wall_s), cpu_s: ratio((x) => x.cpu_s), load_average_1min: await load1() });
  }
  log('cached_cli_call_was_cached', (JSON.parse(out) as { atomistic: { cached: boolean } }).atomistic.cached);
  log('nucleation_overpotential_mV', { sac_minus3p0: a.nucleation_overpotential_mV, sac_minus3p3: b.nucleation_overpotential_mV });
  }
  if (part !== 'mfpt') {
    // the default sampler (no atomistic options: mfpt+ffs, tail end electrode), the same requests on the same store
    // (whose mfpt boxes it cannot read: other keys)
    const store = openStore(db);
    const a = await timedCall(request(-3.0), store);
    log('default_sampler', { sampler: a.r.atomistic?.options.sampler, tail_end: a.r.atomistic?.options.tailEnd ?? null });
    const b = await timedCall(request(-3.3), store);
    const c = await timedCall(request(-3.3), store);
    store.close();
    const five = await cliFive(cliArgs([]));
    const parsed = JSON.parse(five.out) as { atomistic: { cached: boolean; options: { sampler?: string } }; nucleation_overpotential_mV: number };
    results.default_sampler = {
      sampler: a.r.atomistic?.options.sampler, tail_end: a.r.atomistic?.options.tailEnd ?? null,
      new_host_and_sac: a.timing, new_sac_on_known_host: b.timing, cached_in_process: c.timing,
      cached_cli_call_s: five.summary, cached_cli_call_was_cached: parsed.atomistic.cached, cached_cli_call_sampler: parsed.atomistic.options.sampler ?? 'mfpt',
      nucleation_overpotential_mV: { sac_minus3p0: a.r.nucleation_overpotential_mV, sac_minus3p3: b.r.nucleation_overpotential_mV, cli: parsed.nucleation_overpotential_mV },
      host_tail_mV: a.r.J_eta.host?.points.map((p) => Math.round(p.eta_V * 1e4) / 10),
    };
    process.stderr.write(`default_sampler: ${JSON.stringify(results.default_sampler)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(join(process.cwd(), 'bench', 'nucleation-results.json'), JSON.stringify(results, null, 2) + '\n');
