/**
 * A run as the engine sees it after parsing and validation: every default filled in,
 * canonical units (SI, energies in eV, temperature in K). `resolved.json` in a run's output
 * folder is this object plus a units table, so a run can be reproduced from it exactly.
 */
import type { HostParams, MetalParams, SacParams } from '../params/types.js';

export type Arrangement = 'random' | 'grid' | 'clustered';

export interface SacPlacement {
  site: SacParams;
  /** fraction of the host's surface sites (top host layer) that carry this SAC */
  loading_fraction: number;
  arrangement: Arrangement;
}

/** One protocol step ("Plate at 1 mA/cm2 for 10 s", "Strip at 1 mA/cm2 until 200 mV", "Rest for 1 s"). */
export interface ProtocolStep {
  kind: 'plate' | 'strip' | 'rest';
  /** galvanostatic: current given, overpotential is an output. potentiostatic: overpotential given. */
  control: 'galvanostatic' | 'potentiostatic' | 'rest';
  /** magnitude of the current density, A/m2 (positive; the sign follows `kind`) */
  current_A_per_m2: number;
  /** for potentiostatic steps: working-electrode overpotential, V (negative = plating) */
  overpotential_V?: number;
  /**
   * a Hold step that holds the cell voltage ("Hold at cell voltage -100 mV"), V, signed as a cycler's (negative =
   * plating); overpotential_V is then absent: the working electrode's overpotential is solved at each change of the
   * box's rates (simulation/step-parts.ts cellVoltageHoldEta)
   */
  held_cell_voltage_V?: number;
  /** end conditions: the first one reached ends the step */
  duration_s?: number;
  charge_C_per_m2?: number;
  /** voltage cut-off, V (magnitude) */
  cutoff_V?: number;
  /** pulse plating: the current flows for on_s, then rests for off_s, repeated (charge counts the on-times) */
  pulse?: { on_s: number; off_s: number };
  /** what the cut-off applies to (input/termination.ts); absent in v1 resolved runs = the overpotential */
  cutoff_on?: 'cell_voltage' | 'overpotential';
  /**
   * a Hold step's current cut-off, A/m2 (magnitude): the step ends when the net faradaic current in the hold's direction,
   * averaged over windows of the time CURRENT_WINDOW_VOXELS voxels take at the limit (input/termination.ts CurrentTermination), falls to it
   */
  current_cutoff_A_per_m2?: number;
  /** the text the user wrote */
  text: string;
}

export interface RepeatBlock { repeat: number; steps: ProtocolEntry[]; }
export type ProtocolEntry = ProtocolStep | RepeatBlock;

export interface ResolvedRun {
  metal: MetalParams;
  temperature_K: number;
  lattice: {
    size: [number, number, number];
    voxel_m: number;
    mode: 'atomistic' | 'mesoscale';
    /** host layers at the bottom of the box (z = 0 .. hostLayers-1) */
    hostLayers: number;
    /** metal-foil host only: monatomic kinked steps along the diagonal every this many voxels (a stepped foil); absent = flat */
    terraceWidth?: number;
    /** with terraceWidth: 'vicinal' = steps all rising the same way, helical boundaries (kmc/helical-lattice.ts); absent = the periodic stepped foil */
    foil?: 'vicinal';
  };
  host: HostParams;
  sacs: SacPlacement[];
  protocol: ProtocolEntry[];
  seed: number;
  electrochem: {
    /** double-layer capacitance, F/m2 (0 = purely algebraic galvanostat) */
    doubleLayer_F_per_m2: number;
    /** area-specific ohmic resistance of the cell, Ohm m2 */
    ohmic_Ohm_m2: number;
    /** counter electrode, a flat foil of the plated metal (default: the metal's own i0 and alpha) */
    counter?: { i0_A_per_m2: number; alpha: number };
    /** what the galvanostat averages (electrochem/doublelayer.ts DlEstimator): absent = 'rates' */
    estimator?: 'events' | 'scaled-rates';
  };
  output: {
    /** sampling interval of eta.csv as charge, C/m2 (a cycler samples every so often) */
    sample_C_per_m2: number;
    /** write structure snapshots at the end of each step */
    snapshots: boolean;
    /** structure formats written (final and snapshots); absent = both */
    structures?: ('vti' | 'extxyz')[];
    /**
     * the first-layer coverage (fraction of the first layer, 0 < x < 1) at which the nuclei are counted before they
     * coalesce (metrics.json early_*; metrics/early-nuclei.ts); absent = 0.1 (DEFAULT_NUCLEI_COVERAGE), and a run
     * file without it resolves as before
     */
    nuclei_coverage?: number;
  };
  /** ion transport in the electrolyte (fields/transport.ts); absent = uniform supply, as in v1 */
  transport?: import('../fields/transport.js').TransportSpec;
  /** SEI formation, passivation, SAC-catalysed composition and SAC deactivation (apps/events/sei.ts); absent = no SEI */
  sei?: import('./sei.js').SeiSpec;
  /**
   * model switches: for validation runs (irreversible aggregation / Eden growth; library only), and `sealedPores` (run file
   * `model: { sealed_pores: keep }`, branch e1pores; absent = 'fill', the default rule: a sealed one-voxel pore takes a
   * reduction like any site; docs/model.md, "Known defects", E1)
   */
  model?: { irreversible?: boolean; reduction?: 'per-site' | 'per-bond'; hops?: 'solid-on-solid' | 'balanced'; sealedPores?: 'fill' | 'keep' | 'void' };
  /** the input as the user gave it, for provenance */
  source?: unknown;
  /** the parameter sets (values with units and sources) the resolved numbers came from */
  provenance?: {
    metal: import('../params/types.js').MetalSet;
    host: import('../params/types.js').HostSet;
    sacs: import('../params/types.js').SacSet[];
    /** coarse-graining factor of DFT binding differences (see params/derive.ts) */
    bindingScale: number;
  };
}
