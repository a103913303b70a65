/**
 * Simulation commands: `simulate`, `compare`, `bench`. Only their flags and help text here; the
 * work is in actions/sim.ts, loaded when one of them runs, so that the other commands (and
 * `--help`) start without the engine.
 */
import type { Command } from 'commander';
import type * as Work from '../actions/sim.js';

const work = (): Promise<typeof Work> => import('../actions/sim.js');

export function register(program: Command): void {
  program
    .command('simulate')
    .description('Run a plating simulation from a YAML/JSON run file; writes metrics.json, eta.csv, final.vti, final.extxyz, resolved.json')
    .argument('<file>', 'run file (YAML or JSON)')
    .option('--out <dir>', 'output folder', undefined)
    .option('--json', 'print metrics JSON to stdout')
    .option('--seed <n>', 'override the seed')
    .option('--seeds <n>', 'run n seeds (seed, seed+1, ...; n up to 100000) on worker threads and report mean and spread; a rerun after a stop reuses the seeds that finished (same run, seed and engine build; kept in the store)')
    .option('--threads <n>', 'worker threads for --seeds (default: all cores)')
    .option('--db <path>', 'SQLite store to record the run in (default ~/.sacplate/sacplate.db or $SACPLATE_DB)')
    .option('--no-store', 'do not record the run in the store (with --seeds: nothing is kept for a rerun to reuse)')
    .option('--fresh', 'with --seeds: run every seed again, reusing none that finished before')
    .option('--checkpoint-every <seconds>', 'write <out>/checkpoint.bin every so many seconds of wall time (0: as often as possible)')
    .option('--resume', 'continue from <out>/checkpoint.bin if it exists (same run file and seed); bit-identical to an uninterrupted run')
    .option('--force', 'replace a previous run in the --out folder: a single run clears it just before writing its first file (a checkpoint, a snapshot, or its outputs at the end or at Ctrl-C), so a run that fails or is killed before then leaves it as it was; with --seeds it is cleared before the runs')
    .option('--no-figures', 'do not render the figures (their Vega-Lite specs are still written)')
    .option('--max-events <n>', 'stop the run after n events (an integer >= 1): the step under way ends there (event_limit), the steps after it do not run, and the outputs are of the part it ran; a single run only')
    .option('--rebuild-every <events>', 'events between deterministic engine rebuilds, the points where checkpoints can be taken (default max(2^21, 8 x voxels); part of what makes a run reproducible)')
    .option('--max-memory <size>', 'memory one run may take, e.g. "16 GB": a larger box is refused before it starts (default half of this machine\'s memory over the runs at once; a run takes about 2.5 bytes per voxel + 200 per column)')
    .option('--sectors <threads>', 'run one trajectory on <threads> worker threads with the sector scheme (docs/parallel.md); approximate: its error against the serial engine is measured there. One galvanostatic plate step; no --seeds, checkpoints or --resume')
    .action(async (...a: Parameters<typeof Work.simulate>) => (await work()).simulate(...a));

  program
    .command('compare')
    .summary('Run one protocol on several hosts/SAC settings and print a table')
    .description('Run one protocol on several hosts/SAC settings and print a table. A rerun (after Ctrl-C, or with cases added) reuses every run that finished before: same resolved run, seed and engine build, result kept in the store, and with --out only where its folder in that --out holds it (the store keeps a run\'s metrics, not its folder\'s files: a first --out after a call without it runs every case again; give --out on the first call: a later --out into another folder then copies each run\'s folder from the first, not running it again); --fresh runs them all again')
    .argument('<file>', 'compare file: a base run plus `variants:` (two or more); `measured: [{ file, protocol, area, map }]` adds measured cells, each read with its own protocol (licu without it), area and map, the file relative to the compare file, before the --measured files')
    .option('--json', 'print JSON instead of a table')
    .option('--out <dir>', 'write each case into <dir>/<case>; a rerun into the same folder keeps the cases that finished and runs the rest')
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--force', 'clear the --out folder first when it holds a previous comparison (nothing in it is reused)')
    .option('--no-figures', 'do not render figures')
    .option('--max-memory <size>', 'memory one run may take, e.g. "16 GB": a case whose box is larger is refused before any runs (default half of this machine\'s memory over the runs at once)')
    .option('--db <path>', 'SQLite store to record the runs in (default ~/.sacplate/sacplate.db or $SACPLATE_DB)')
    .option('--no-store', 'do not record the runs in the store (nothing is kept for a rerun to reuse)')
    .option('--fresh', 'run every case again, reusing none that finished before')
    .option('--seeds <n>', 'run every case on n seeds (n from 2 to 100000; each case\'s seed onward, as simulate --seeds) and print each case\'s mean with its 95 % interval, then for each other case a paired row "<case> minus <first case>" (--baseline names another case to subtract): the seed-by-seed differences\' mean and 95 % Student t interval (n - 1 df). The seeds\' runs are ordinary runs (reused from the store, kept as each ends); --json prints the seeds summary, --out also writes seeds.json, seeds.csv and paired.csv')
    .option('--measured <file>', 'a measured cell beside the cases: a cycler export (.mpt, Neware/Arbin/Landt/BDF CSV) read as `analyze --protocol` reads it (PROTOCOL:FILE, e.g. symmetric:lili.mpt, reads that file under its own protocol; a plain FILE as --protocol says), one row under the columns it has a reading for (nucleation, peak and plateau mV, CE %), - under the others; repeatable; compare.csv (seeds.csv with --seeds, where the row has one value per column and no interval, and is not among the paired rows) says `measured` in its source column', (v: string, prev: string[] = []) => [...prev, v])
    .option('--protocol <protocol>', 'how the --measured files without a PROTOCOL: prefix are read: symmetric, licu (the default) or aurbach, as analyze --protocol')
    .option('--area <value...>', 'the --measured files\' electrode area, e.g. 1.13 cm2, as analyze --area (default: from each file\'s header if present)')
    .option('--map <mapping>', 'the --measured files\' column mapping, as analyze --map (its generic layout), e.g. "time=Time (s),voltage=Ewe@mV,current=I@mA,cycle=Cycle"')
    .option('--baseline <case>', 'the case the paired rows subtract, by its variant name (default the first case): with --seeds N each row is the mean difference with its 95 % interval; without, the difference of one run each, no interval')
    .action(async (...a: Parameters<typeof Work.compare>) => (await work()).compare(...a));

  program
    .command('bench')
    .description('Benchmark the engine: events/s, wall time, memory')
    .option('--app <app>', 'diffusion | plating', 'diffusion')
    .option('--size <n>', 'lattice edge (diffusion: n^3 sites; plating: n x n x n/2 voxels unless --shape)', '100')
    .option('--shape <x,y,z>', 'plating lattice shape')
    .option('--events <n>', 'events in each of the 3 timed windows (3 x n events timed, after an untimed warm-up; events/s is the median window)', '2000000')
    .option('--seed <n>', 'seed', '1')
    .option('--json', 'print JSON')
    .action(async (...a: Parameters<typeof Work.bench>) => (await work()).bench(...a));
}
