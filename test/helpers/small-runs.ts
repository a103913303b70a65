/**
 * Small runs for the tests of inputs, outputs and the CLI's words, where the physics is not the point (the physics
 * tests build theirs in test/helpers/runs.ts).
 */

/** A run of a few thousand events, as a run object: Li on Cu, 8 x 8 x 8 voxels of 10 nm, 0.00005 mAh/cm2. */
export const TINY_RUN = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1 };

/** A run file's text for a run of well under a second: Li on Cu, 6 x 6 x 8 voxels of 50 nm, no snapshots. */
export const TINY_RUN_YAML = 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 50 nm }\nhost: Cu\nprotocol: [Plate 0.0005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n';

/** About the largest box a run file takes (2^30 voxels less a layer: the plating app holds fewer than 2^30), about 2.89 GB by the memory estimate. */
export const BIG_BOX = [1024, 1024, 1023];
/** A run of Li on graphene with a Zn-N4 SAC in a box of `size` voxels of 10 nm (one tiny plating step). */
export const boxRun = (size: number[]) => ({ metal: 'Li', lattice: { size, voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] });
