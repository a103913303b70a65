/**
 * Screening stage `nucleation`: the electrode-scale nucleation overpotential of each candidate from
 * the two-scale model (src/nucleation/, issue 15): the candidate's metal, host and SAC (the same
 * resolved energies the plating stage uses, no scale) and its loading, at the base protocol's first
 * plating current. Atomistic data are cached in the store, so a candidate (host, SAC) pair costs
 * its atomistic stage once (minutes) and nothing on later screens.
 *
 * The stage runs only when its objective is asked for (it is the slow one for a new SAC; otherwise it gives no value,
 * and its note says so once), and it
 * fills `electrode_nucleation_overpotential_mV` (min is better) with the JSON keys of
 * `sacplate nucleation` in the note. Only the first SAC of a candidate is modelled (the
 * atomistic stage has one SAC type); a second one is named in the note.
 */
import { NucleationCancelled, type AtomisticOptions, type NucleationReport } from '../nucleation/index.js';
import type { Stage, StageOutput, Value, SourceLine } from './stages.js';
import type { Candidate } from './spec.js';
import { firstPlatingStep } from '../input/protocol.js';
import { screenStopped } from './stages.js';

export const NUCLEATION_OBJECTIVE = 'electrode_nucleation_overpotential_mV';

/**
 * The base protocol's first plating current, A/m2 (10 A/m2 = 1 mA/cm2 when there is none): input/protocol.ts's
 * firstPlatingStep, repeats walked, the step metrics.json's plating_current_mA_per_cm2 gives (until mends50 the
 * top-level steps only: a plating inside a repeat block was read at the 1 mA/cm2 fallback).
 */
function platingCurrent(c: Candidate): number {
  return firstPlatingStep(c.run?.protocol ?? [])?.current_A_per_m2 ?? 10;
}

export function nucleationStage(o: { atomistic?: AtomisticOptions; always?: boolean } = {}): Stage {
  return {
    name: 'nucleation',
    hearsStop: true, // stops before its first candidate at an aborted signal, when it has work (its objective asked for)
    describe: 'electrode-scale nucleation overpotential (two-scale model: atomistic kMC -> J(eta) -> electrode with double layer; docs/nucleation.md)',
    async run(ctx): Promise<StageOutput> {
      const wanted = (ctx.opts as { objectives?: string[] }).objectives ?? ctx.spec.objectives;
      const values = new Map<string, Record<string, Value>>();
      // not asked for: its value is left out (said once, here), not a "- (not requested: ...)" cell per candidate in
      // report.md and an empty column in ranking.csv and the workbench's data (mends60; the plating stage's rule, mends59)
      if (!o.always && !wanted.includes(NUCLEATION_OBJECTIVE)) {
        return { values, sources: [], notes: [`${NUCLEATION_OBJECTIVE} is not among the objectives, so the two-scale nucleation model was not run; add it to objectives to run it: its value is left out of the tables`] };
      }
      if (ctx.opts.signal?.aborted) throw screenStopped(ctx.spec.name);
      const { nucleation, atomisticSource } = await import('../nucleation/index.js');
      // a new host or SAC's atomistic stage (minutes) runs on a worker thread (library.ts, as `sacplate nucleation` runs
      // it), so that a stop is heard between its atomistic runs and each scanned overpotential is said (review64: it ran
      // here, synchronously: Ctrl-C or `timeout` waited for the whole stage, 7.5 min for three new pairs, without a line)
      const { nucleation: nucleationOffThread } = await import('../nucleation/library.js');
      const { openStore } = await import('../store/index.js');
      const store = openStore(ctx.opts.db);
      const sources: SourceLine[] = [];
      const notes: string[] = [];
      const say = ctx.opts.onMessage;
      try {
        const todo = ctx.candidates.filter((c) => c.run);
        for (const [i, c] of todo.entries()) {
          const run = c.run!;
          const current = platingCurrent(c);
          const place = run.sacs[0];
          let r: NucleationReport;
          try {
            const study = { metal: run.metal.name, host: run.host.name, T_K: run.temperature_K };
            const loading = place ? `${place.loading_fraction * 100} %` : '';
            // the SAC as the candidate resolves it (its numbers, so descriptor candidates work too)
            const req = place
              ? { ...study, sacResolved: { name: place.site.name, binding_eV: place.site.binding_eV, redShift_eV: place.site.redShift_eV, ...(place.site.element ? { element: place.site.element } : {}) }, loading }
              : study;
            const full = { ...req, current_A_per_m2: current, ...(o.atomistic ? { atomistic: o.atomistic } : {}) };
            const source = atomisticSource(full, store);
            // cached (or the metal's own surface, no atomistic stage): milliseconds, here
            if (source === 'cached' || source === 'own-metal') r = nucleation(full, store);
            else {
              say?.(`[${i + 1}/${todo.length}] ${c.name}: ${run.metal.name} on ${run.host.name}${place ? ` + ${place.site.name}, loading ${loading}` : ''}: atomistic stage (minutes for a new host or SAC, then cached)`);
              r = await nucleationOffThread(full, { db: store.path, threads: 1, ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {}), ...(say ? { onProgress: (m: string) => say(`  ${m}`) } : {}) });
            }
          } catch (e) {
            // stopped between its atomistic runs: the scans that finished are cached in the store, as the CLI's
            if (e instanceof NucleationCancelled) throw screenStopped(ctx.spec.name);
            values.set(c.name, { [NUCLEATION_OBJECTIVE]: { value: null, note: (e as Error).message } });
            continue;
          }
          values.set(c.name, {
            [NUCLEATION_OBJECTIVE]: {
              value: r.nucleation_overpotential_mV,
              note: `peak ${r.peak_overpotential_mV.toFixed(1)} / plateau ${r.plateau_overpotential_mV.toFixed(1)} mV at ${r.current_mA_per_cm2} mA/cm2; ` +
                `${r.atomistic ? (r.atomistic.cached ? 'atomistic stage cached' : `atomistic stage ${r.atomistic.wall_s.toFixed(0)} s`) : 'own metal'}` +
                (run.sacs.length > 1 ? `; only ${place!.site.name} modelled of ${run.sacs.map((s) => s.site.name).join(', ')}` : ''),
            },
          });
          for (const p of r.provenance) if (!sources.some((s) => s.what === p)) sources.push({ what: p, value: '', source: 'src/nucleation/system.ts', assumed: /assumed/.test(p), refs: [] }); // the sets' own sources are the plating stage's lines
        }
      } finally {
        store.close();
      }
      notes.push('electrode nucleation overpotential: 0.02 mAh/cm2 plated at the first plating current of the base protocol; for the review\'s systems the model is 20-48 mV above the reported values (the claims table in docs/reproduction.md, docs/nucleation.md): rank with it, do not quote it');
      return { values, sources, notes };
    },
  };
}
