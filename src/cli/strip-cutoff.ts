// mends125 (review89 F1): a strip that ended on its voltage cut-off with most of its metal still connected read
// "CE 4.2 %" in simulate's table with no word of why (strip_ended=cutoff only in cycles.csv); an electrochemist read it
// as the model's CE. One line per such strip says how far it got and how much metal it left connected.
import type { StepResult } from '../simulation/simulation.js';
import { C_PER_MAH } from '../units.js';

/** at most this many strips get their own line; the rest are counted in one */
export const CUTOFF_NOTE_LINES = 4;

/** the share of its starting connected metal a cut-off strip left connected, from which its line says the CE is the cut-off's */
export const CUTOFF_KEPT_SHARE = 0.5;

export interface CutoffStrip {
  /** 1-based step number, as the protocol and the warnings number them */
  step: number;
  text: string;
  /** mAh/cm2: the strip's charge, and the plating charge since the previous strip (or the start) */
  stripped_mAh_per_cm2: number;
  plated_mAh_per_cm2: number;
  /** connected metal voxels at the end of the strip / at its start (the end of the step before it) */
  kept_share: number;
}

/** The strip steps that ended on their voltage cut-off, with what they stripped and left (steps of a finished run). */
export function cutoffStrips(steps: readonly StepResult[]): CutoffStrip[] {
  const out: CutoffStrip[] = [];
  let plated_C = 0;
  steps.forEach((s, i) => {
    if (s.kind === 'plate') plated_C += Math.max(0, s.charge_C_per_cm2);
    if (s.kind !== 'strip') return;
    const before = steps[i - 1];
    if (s.ended === 'cutoff' && before && before.connected_voxels > 0) {
      out.push({
        step: s.index + 1, text: s.text, stripped_mAh_per_cm2: Math.max(0, -s.charge_C_per_cm2) / C_PER_MAH,
        plated_mAh_per_cm2: plated_C / C_PER_MAH, kept_share: s.connected_voxels / before.connected_voxels,
      });
    }
    plated_C = 0;
  });
  return out;
}

const mah = (x: number) => (x === 0 ? '0' : +x.toPrecision(2) >= 0.01 ? String(+x.toPrecision(2)) : x.toExponential(1));

/** The lines under simulate's table (empty where no strip ended on its cut-off); `label` names the case in compare. */
export function cutoffNoteLines(steps: readonly StepResult[], label = ''): string[] {
  const cut = cutoffStrips(steps);
  if (cut.length === 0) return [];
  const pre = label ? `${label}: ` : '';
  const lines = cut.slice(0, CUTOFF_NOTE_LINES).map((c) => `note: ${pre}step ${c.step} "${c.text}" stopped at its cut-off after stripping ${mah(c.stripped_mAh_per_cm2)} of the ${mah(c.plated_mAh_per_cm2)} mAh/cm2 plated before it, `
    + `with ${(100 * c.kept_share).toFixed(0)} % of the metal connected at its start still connected`
    + (c.kept_share >= CUTOFF_KEPT_SHARE ? ': that cycle\'s CE is where the cut-off stopped the strip, not metal lost' : ''));
  if (cut.length > CUTOFF_NOTE_LINES) lines.push(`note: ${pre}and ${cut.length - CUTOFF_NOTE_LINES} more strip${cut.length - CUTOFF_NOTE_LINES === 1 ? '' : 's'} stopped at the cut-off (cycles.csv strip_ended)`);
  if (cut.some((c) => c.kept_share >= CUTOFF_KEPT_SHARE)) {
    lines.push('  (a compact mesoscale deposit strips through pit nucleation at a higher overpotential than it plates, docs/cycling.md "What the model shows": '
      + 'a 200-300 mV cut-off can end its strip early; "for N s or until 1 V" strips it to its metal)');
  }
  return lines;
}

/**
 * mends62b: with `sei: { film_hop_barrier }` on, a line under the SEI thickness saying so (it was in resolved.json alone):
 * the barrier and the factor an atom with film on a face hops at (metrics.json's sei block; settledhop: settled film, with
 * `film_hop_on: settled`; facehop: per move, with `film_hop_on: face`; axishop: per move on its axis, `film_hop_on: axis`).
 * Undefined with it off.
 */
export function filmHopLine(sei: Record<string, number> | undefined): string | undefined {
  const b = sei?.sei_film_hop_barrier_eV, f = sei?.sei_film_hop_factor;
  if (typeof b !== 'number' || typeof f !== 'number') return undefined;
  if (sei?.sei_film_hop_axis_keyed === 1) return `film-slowed hops: sei.film_hop_barrier ${b} eV, a move with settled film on a face on its axis (film_hop_on axis: a plain move's faces towards and away from it, a step's lateral face on the lower side and the top; stretched or bare faces do not slow it) goes at ${+f.toPrecision(3)} x its bare rate (metrics.json sei.sei_film_hop_barrier_eV, sei_film_hop_factor; docs/model.md "Surface diffusion under the film")`;
  if (sei?.sei_film_hop_face_keyed === 1) return `film-slowed hops: sei.film_hop_barrier ${b} eV, a move out through a face with settled film (film_hop_on face; stretched or bare faces do not slow it) goes at ${+f.toPrecision(3)} x its bare rate (metrics.json sei.sei_film_hop_barrier_eV, sei_film_hop_factor; docs/model.md "Surface diffusion under the film")`;
  const on = sei?.sei_film_hop_settled_only === 1 ? 'settled film (film_hop_on settled; stretched film does not slow it)' : 'film';
  return `film-slowed hops: sei.film_hop_barrier ${b} eV, an atom with ${on} on a face hops at ${+f.toPrecision(3)} x its bare rate (metrics.json sei.sei_film_hop_barrier_eV, sei_film_hop_factor; docs/model.md "Surface diffusion under the film")`;
}

/**
 * mends125 (review89 F3): the SEI's equivalent thickness (metrics.json sei_equivalent_thickness_nm) under simulate's
 * table with what it is and is not: the metal bound in SEI as an even film of the set's ion density over the box's
 * footprint, not the film that passivates a face (the set's `thickness`, a few nm, much thinner than a mesoscale voxel:
 * docs/cycling.md "The mechanisms the model has"). Undefined without `sei:`.
 */
export function seiThicknessLine(m: { sei_equivalent_thickness_nm?: number | null; voxel_nm?: number }, set: { name: string; thickness_nm: number } | undefined): string | undefined {
  const t = m.sei_equivalent_thickness_nm;
  if (typeof t !== 'number' || !Number.isFinite(t) || !set) return undefined;
  return `SEI equivalent thickness ${+t.toPrecision(3)} nm (metrics.json sei_equivalent_thickness_nm): the metal bound in SEI over the run as an even film of ${set.name}'s ion density over the box's footprint, `
    + `a footprint average of all the SEI formed, not a local thickness nor the film that passivates a fresh face (${set.name}'s: ${set.thickness_nm} nm${typeof m.voxel_nm === 'number' && set.thickness_nm * 5 < m.voxel_nm ? `, much thinner than a ${+m.voxel_nm.toPrecision(3)} nm voxel` : ''})`;
}
