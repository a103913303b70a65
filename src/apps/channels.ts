/**
 * Channels of the plating model: the default configuration of the solver's channels and how the
 * electrode overpotential scales each (MODEL.md section 4: reductions x exp(alpha f eta),
 * oxidations x exp(-(1 - alpha) f eta), everything else x 1).
 *
 * A new kind of event with its own global multiplier (an SEI reaction, a second faradaic
 * process) is one more entry: the solver takes any number of channels (kmc/solver.ts).
 */
import type { ChannelSpec, ClassSolver } from '../kmc/solver.js';
import { TRANSFER_EXPS, transferExps } from '../electrochem/transfer-exps.js';

export interface PlatingChannel extends ChannelSpec {
  /** how the overpotential scales the channel: cathodic exp(alpha f eta), anodic exp(-(1-alpha) f eta), none 1 */
  readonly transfer: 'cathodic' | 'anodic' | 'none';
  /** net metal voxels one event of the channel adds (+1 reduction, -1 oxidation, 0 hop) */
  readonly netVoxels: number;
}

/** The default three: reduction (0), oxidation (1), hop (2); the indices are CH_RED, CH_OX, CH_HOP. */
export const PLATING_CHANNELS: readonly PlatingChannel[] = Object.freeze([
  { name: 'reduction', transfer: 'cathodic', netVoxels: 1 },
  { name: 'oxidation', transfer: 'anodic', netVoxels: -1 },
  { name: 'hop', transfer: 'none', netVoxels: 0 },
] as const);

/** The multiplier of a channel at overpotential eta (V), transfer coefficient alpha, f = e/kT (1/V). */
export function transferFactor(c: PlatingChannel, eta: number, alpha: number, f: number): number {
  if (c.transfer === 'none') return 1;
  transferExps(eta, alpha, f); // (the double layer has usually just computed them for this eta)
  return c.transfer === 'cathodic' ? TRANSFER_EXPS[3]! : TRANSFER_EXPS[4]!;
}

/** Sets every channel's multiplier for overpotential eta. */
export function applyOverpotential(solver: ClassSolver, channels: readonly PlatingChannel[], eta: number, alpha: number, f: number): void {
  for (let ch = 0; ch < channels.length; ch++) solver.mult[ch] = transferFactor(channels[ch]!, eta, alpha, f);
}
