/**
 * simulate's progress on stderr: apart from cli/actions/sim.ts (which loads the engine, the worker pool and
 * the store) so that a test reads it without them.
 */
import type CliProgress from 'cli-progress';
import { lazyRequire } from '../lazy-require.js';
import type { ProgressInfo } from '../simulation/simulation.js';
import { liveText, progressText, rateText } from '../simulation/progress.js';

/**
 * the progress line's overpotential with its unit, or why it has none: ion walkers do not model it (their
 * steps report NaN, simulation/walker-step.ts; the line said "eta - mV" until branch libapi3)
 */
const etaText = (mV: number, none = 'not modelled (ion walkers)'): string => (Number.isFinite(mV) ? `${mV.toFixed(1)} mV` : none);

/**
 * The bars' time left (cli-progress's `{eta}`, seconds): "12s", or "unknown" while the bar stands still (a SAC box's
 * flickers run millions of events with its charge still; cli-progress then gives "INF" or "NULL", and the bars said
 * "ETA INFs" until review42), and "unknown" before the bar has an estimate (it said "0s"). Pass as `formatValue` and
 * write `ETA {eta}` (no unit) in the format.
 */
export function etaValue(v: number, _options: unknown, type: string): string {
  if (type !== 'eta') return String(v);
  // cli-progress holds the text '0' until it has two values to estimate from, and a number once it has: the bars said
  // "ETA 0s" from their start until the first update (a sweep's whole first task; audit69b)
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? `${v}s` : 'unknown';
}

/**
 * The lines' time left (stderr not a terminal: a log file users tail), `about 35 s left` or `about 12 min left`: the
 * sweep's words (cli/actions/sweep.ts) and simulate's (mends80: its line had none, the terminal's bar an ETA).
 */
export function timeLeftText(s: number): string {
  return `about ${s < 90 ? `${Math.max(1, Math.round(s))} s` : `${Math.round(s / 60)} min`} left`;
}

/**
 * simulate's progress on stderr (or `stream`): a bar on a terminal, a line every 2 s otherwise. Both say the
 * step and how far it is (its charge against its target, or its time against its limit) with the events and
 * first-passage exits, the line the workbench shows (simulation/progress.ts); the bar keeps it last, where a
 * narrow terminal cuts it, and the overall fraction, charge, events/s (in a walker rest: "resting, 4.02 of 20 s") and ETA first.
 */
/**
 * `boxFills`: the run's input warnings say its protocol plates more than the box holds (input/limits.ts boxFitWarnings):
 * the time left, counted at the pace so far over the whole protocol, is said to be the whole protocol's, which a plate
 * that ends box_full cuts short (mends64, review64: `about 1204 min left` where the box filled after about 1 % of the step;
 * when the box fills is not known ahead, a porous deposit filling it sooner than the dense bound, so no other figure is given)
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, opts: { noEta?: string; now?: () => number; boxFills?: boolean } = {}): { update: (p: ProgressInfo) => void; stop: () => void } {
  // (a sector run's overpotential is held in its threads: `noEta` says so where the ion walkers' words would be wrong)
  const eta = (mV: number) => etaText(mV, opts.noEta);
  if (!stream.isTTY) {
    const clock = opts.now ?? Date.now;
    let last = -Infinity;
    // the time left at the mean pace since the first report (a resumed run starts part way: its fraction then, not 0);
    // "unknown" until the run's fraction has moved (a SAC box's flickers run millions of events with its charge still)
    let first: { t: number; f: number } | undefined;
    const left = (t: number, f: number): string => {
      if (!first) first = { t, f };
      if (!(f < 1)) return '';
      const rate = (f - first.f) / ((t - first.t) / 1000);
      if (!(rate > 0 && Number.isFinite(rate))) return ', time left unknown';
      return `, ${timeLeftText((1 - f) / rate)}${opts.boxFills ? ' for the whole protocol, less where a plate ends box_full (the box holds less than it plates: the warning above)' : ''}`;
    };
    return {
      update: (p) => {
        const now = clock();
        const tail = left(now, p.fraction);
        if (now - last < 2000) return;
        last = now;
        stream.write(`${label}: ${liveText(p)}, eta ${eta(p.overpotential_mV)}${tail}\n`);
      },
      stop: () => {},
    };
  }
  // cli-progress on a terminal only: a log or a test's pipe gets lines and never loads it (src/lazy-require.ts)
  const cliProgress = lazyRequire<typeof CliProgress>('cli-progress');
  const bar = new cliProgress.SingleBar({
    format: `${label} [{bar}] {percentage}% | {charge} mC/cm2 | {rate} | eta {eta_mV} | ETA {eta}{step}`,
    formatValue: etaValue,
    stream,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(1000, 0, { charge: '0', rate: '0 events/s', eta_mV: '0 mV', step: '' });
  return {
    update: (p) => bar.update(Math.round(p.fraction * 1000), {
      charge: (p.charge_C_per_cm2 * 1e3).toFixed(4), rate: rateText(p), // "resting, 4.02 of 20 s" in a walker rest
      eta_mV: eta(p.overpotential_mV), step: ` | ${progressText(p)}`,
    }),
    stop: () => bar.stop(),
  };
}

