/**
 * `lattice.foil`: the periodic stepped foil (default) or a vicinal foil with helical boundaries
 * (kmc/helical-lattice.ts, built by simulation/setup.ts). Checks what a vicinal foil needs and refuses
 * the parts that wrap x and y by their own arithmetic (not helical): ion transport (fields/) and walkers.
 */
import { InputError } from '../errors.js';
import { latticeSchema } from './run-schema.js';
import { checked } from '../schema-keys.js';

/** Layers of electrolyte a vicinal box keeps above the top of its miscut (deposit and headroom). */
export const VICINAL_HEADROOM = 8;

/** The box height a vicinal foil of terraces w needs on nx x ny voxels over hostLayers host layers. */
export function vicinalHeight(nx: number, ny: number, w: number, hostLayers: number): number {
  return hostLayers + nx / w + ny / w + VICINAL_HEADROOM;
}

/** 'vicinal', or undefined for the periodic stepped foil (and for no steps). */
export function checkFoil(raw: unknown, terraceWidth: number | undefined, size: [number, number, number], hostLayers: number, o: Record<string, unknown>): 'vicinal' | undefined {
  if (raw === undefined) return undefined;
  const foil = checked(latticeSchema.shape.foil, 'lattice.foil', raw);
  if (foil !== 'vicinal') return undefined;
  if (terraceWidth === undefined) throw new InputError('lattice.foil', raw, 'a lattice.terrace_width beside "vicinal" (the width of its terraces, voxels)');
  const need = vicinalHeight(size[0], size[1], terraceWidth, hostLayers);
  if (size[2] < need) {
    throw new InputError('lattice.size', size, `a z size of at least ${need} voxels for a vicinal foil with terraces ${terraceWidth} wide on ${size[0]} x ${size[1]} (${hostLayers} host layers + a rise of ${size[0] / terraceWidth + size[1] / terraceWidth} levels across the box + ${VICINAL_HEADROOM} of headroom)`);
  }
  if (o.electrolyte !== undefined || o.cell !== undefined) {
    throw new InputError('lattice.foil', raw, 'no electrolyte or cell with a vicinal foil (ion transport and walkers wrap x and y without the helical shift: not supported)');
  }
  return 'vicinal';
}
