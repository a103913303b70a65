/**
 * The SEI and the fate of the metal inventory (MODEL.md 8.4): an event module (module.ts).
 * Parameters: params/sei.ts (per electrolyte), run-file key `sei:` (input/sei.ts); docs/cycling.md.
 *
 * Two scales. The passivating film (a few nm) is much thinner than a mesoscale voxel, so it is a
 * state of the metal's faces, kept here (`cov`: filmed, `str`: stretched), not a voxel; the metal
 * it binds becomes SEI voxels (species SEI, organic-rich, code 3, and SEI_INORGANIC, code 5: solid,
 * electronically insulating, ion-conducting; lattice/species.ts).
 *
 * 1. Fresh faces. A metal face that touches electrolyte and carries no film is fresh; it is
 *    passivated at rate k(T) = k25 exp(-Ea/k (1/T - 1/298.15)) per face. Passivating binds
 *    f = thickness x ion density x atomic volume / voxel metal voxels (params/sei.ts): with
 *    probability f the metal voxel becomes SEI (its metal is bound), else the face is filmed.
 * 2. The film follows the metal. An atom plated under a film (on a filmed face of live metal, on the host, which
 *    carries its own film, or through or against an SEI voxel: seivox) takes the film onto its exposed faces; where
 *    it exposes more faces than it covered, the film is stretched. A stripped atom's film falls
 *    onto the faces of live metal its removal exposes (stretched where there is too little; the excess is left
 *    as debris; dead metal's faces: item 7). Surface diffusion moves atoms under the film, and only the film that exists
 *    (seibare, session 60): the hopping atom carries its own film face by face; the rest of it and the film of the faces
 *    its new site buries are laid on the faces still to cover (its others, then the faces it uncovers), filmed, then
 *    stretched where the film is short, fresh where there is none at all (afterHop; until seibare every face a hop made
 *    came out filmed, so a hop that made area made film from nothing). So exchange events that plate and strip the same
 *    atom, and hops there and back, cost nothing, and only area that lasts costs SEI:
 * 3. Cracking. A stretched film settles at rate k x 0.1 (about 1 s): it cracks with probability
 *    `crack` (carbonate 0.8, LiNO3-derived 0.2) and is passivated anew, or closes up at no cost.
 *    So SEI grows with the lasting new area of the deposit, in plating (the deposit expands) and
 *    in stripping (pits open under the film), crack x f per face.
 * 4. Thickening: filmed faces and faces under an SEI voxel that touches electrolyte react at
 *    k x passivation (x inorganicPassivation under inorganic SEI), converting the voxel with
 *    probability f (calendar loss).
 * 5. Electrochemical part: an atom reduced with fresh faces (no film anywhere around it) binds
 *    electrolyte with probability freshFraction: that charge and ion end in SEI.
 * 6. Ion conduction through SEI voxels (apps/plating.ts, PlatingPhysics.sei): plating under an SEI
 *    voxel that touches electrolyte (the new atom takes its place, the SEI is lifted outwards) and
 *    stripping through it (the SEI follows the metal in), at the bare rate times
 *    R_ct / (R_ct + a / sigma), R_ct = kT/(e i0): the lower local i0 of covered metal. Atoms
 *    under an SEI voxel do not hop (slower surface diffusion). Under the nm film (filmhop, opt-in
 *    `film_hop_barrier`, default 0): an atom with a film bit on any face (`cov`, filmed or stretched) hops at its bare
 *    rate x exp(-barrier / kT) (PlatingApp.attachFilm reads `cov` itself); every change of an atom's film bits here
 *    re-rates its hop (rerate, react's callers, restoreState), so the classes stay exact (docs/model.md, "Surface
 *    diffusion under the film"). Without the option an atom under the film hops at the bare rate, as before. settledhop
 *    (opt-in `film_hop_on: settled`): only settled film (filmed, not stretched) slows the atom; a stretched film has not
 *    passivated yet and lets it through at the bare rate; the passes re-rate an atom whose film settles (hopKey). facehop
 *    (opt-in `film_hop_on: face`): the barrier acts per move, on a move out through a face with settled film (a lateral
 *    move or step-down: the face towards it; a step-up: the top face); the passes re-rate an atom when any of those
 *    faces' settled status changes (hopKey returns the bits). axishop (`film_hop_on: axis`): the symmetric rule, a move slowed
 *    when any face on its axis carries settled film (the same five faces, the same re-rating).
 * 7. Dead metal: SEI forming at a neck cuts the metal beyond it off the collector (SEI does not
 *    conduct): PlatingApp.transmute marks it DEAD (apps/connectivity.ts); dead metal keeps
 *    reacting and turns into SEI over time. Dead metal has no electron path and is wrapped by its
 *    own film: a live atom's film belongs to live faces (and the host's and SEI voxels' film). An
 *    atom plated or hopping onto a dead face does not take its film (deadfilm); the film stays on the
 *    buried face (react keeps a dead voxel's film on faces that metal lies on); when the atom leaves
 *    (stripped, or hopping away) the face carries that film again, filmed or stretched as it was, and
 *    is fresh where it had none (bare when buried, or the cut face of a neck the strip dissolved); the
 *    live atom's film goes to its live neighbours only (stripfilm; review87 F1, F3).
 * 8. Composition: SEI formed from a voxel next to an active SAC is inorganic with probability
 *    sacInorganicShare, elsewhere inorganicShare (SAC-catalysed salt decomposition, review
 *    section 4); it sets the voxel's ion conductance and passivation.
 * 9. SAC stability: each plating event on a SAC site (metal reduced into the voxel on it) deactivates
 *    it with probability (bond-length change under plating) / (deactivation length, 1 A assumed),
 *    from the review's distortion figures (SAZr@NG 0.103 A, SAMn@NG 0.005 A): a probability per
 *    charge plated on the site, whatever the protocol's steps (until mends99 at most one draw per
 *    protocol step, so a plate written as N steps gave a site up to N draws, review78). A site under
 *    a deposit sees no new plating event; a stripped (bare) site is loaded anew by each atom plated
 *    on it, exchange events included. A SAC under new SEI is deactivated too. A deactivated site
 *    becomes plain host.
 * 10. Film conduction (acceptFaradaic): an ion that can only cross filmed faces passes at the
 *    film's conductance g; with `torn_film_conduction` (opt-in) a stretched film that has not
 *    settled is torn and conducts as bare metal (root/neck stripping; docs/cycling.md item 11).
 *
 * 11. Sealed electrolyte (`model: { sealed_pores: void }`, apps/liquid.ts; voidsei): a metal face onto VOID is not in
 *    contact with electrolyte: no formation, no thickening, no settling, no electrochemical part (a new atom's faces onto
 *    VOID are not fresh faces), and it keeps its film, if any, as a dead voxel keeps its film on the metal it lies on.
 *    When an event turns VOID EMPTY (a pocket joined to the bulk again: PlatingApp.reopened), the faces onto it touch
 *    electrolyte again, filmed or stretched as they were, fresh where they had none, and the fresh and stretched ones go
 *    on the pending list as new area (exposeReopened). EMPTY turning VOID needs nothing: react reads the codes. An SEI
 *    voxel whose liquid neighbours are all VOID is buried: no thickening under it (touchesElectrolyte), no plating or
 *    stripping through it (the app's classes read EMPTY). Fresh-face counters (freshByHop, freshByStripping) also count
 *    faces an event leaves bare onto VOID (the source of a hop it sealed); they react only once reopened.
 *
 * Operator splitting: fresh and stretched faces of voxels that events gave new area (a pending
 * list) are advanced every 0.1 / k of kMC time; everything (thickening, faces opened by SEI voxels
 * moving) in a full pass every max(1024, 4 x voxels per layer) events and at every step end where
 * the front stops or turns (Simulation.frontStopsAfter; until seisplit at every step end, so a plate
 * written as two steps had one more full pass than the same plate as one step).
 *
 * Inventory (exact, in voxels): plated = stripped + SEI-bound + dead + connected, where SEI-bound
 * counts metal voxels turned into SEI (`bound`).
 *
 * Diagnostics (sei103why, session 61; traceOrigins, SeiOrigins, off by default, read only): each bound voxel put down to
 * where the film of the face that reacted was made (reduction, hop, strip, other; electrochemical; growth), the faces
 * events create and remove, the time-averaged exposed area (docs/cycling.md, "Where the SEI charge comes from").
 */
import type { PlatingApp } from '../plating.js';
import { CH_RED, CH_OX, CH_HOP } from '../plating.js';
import type { EventModule } from './module.js';
import { deadClusters } from '../../metrics/dead.js';
import type { SeiSpec } from '../../input/sei.js';
import { DIRS } from '../../kmc/lattice.js';
import type { Rng } from '../../kmc/rng.js';
import { EMPTY, VOID, METAL, DEAD, SEI, SEI_INORGANIC, HOST_BASE, SAC_BASE, SAC_TYPES } from '../../lattice/species.js';
import { CONST } from '../../units.js';

const T_REF = 298.15;
const KB = CONST.kB_eV;

export interface SeiCounters {
  /** metal voxels turned into SEI (metal inventory bound in the film), by the chemical and electrochemical parts */
  bound: number;
  boundElectrochemical: number;
  /** fresh faces passivated by a thin film (no voxel), and fresh faces that reacted at all */
  passivatedFaces: number;
  freshFaces: number;
  /** fresh faces made by plating (new area) and by stripping (film cracked) */
  freshByReduction: number;
  freshByStripping: number;
  /** fresh faces made by surface hops (a hop with no film at all to move: seibare) */
  freshByHop: number;
  /** faces covered by stretching a film over more area than it had, and stretched films that closed up without cracking */
  stretched: number;
  healedFaces: number;
  /** SEI voxels formed inorganic / organic */
  inorganic: number;
  organic: number;
  /** metal voxels cut off from the collector by SEI formation */
  deadByWrap: number;
  /** SAC sites deactivated by plating distortion / buried under SEI */
  sacDistorted: number;
  sacBuried: number;
  /** plating events on an active SAC site that can distort (each one deactivation draw; mends99) */
  sacDraws: number;
}

/**
 * Where the SEI charge comes from (sei103why; SeiModule.traceOrigins, off by default, not in report() or checkpoints).
 * `bound`: voxels bound in SEI by how the face that reacted was made: fresh or stretched by a reduction (`reduction`), a
 * hop (`hop`), a strip (`strip`), by none of these (`other`: faces an SEI voxel moving opened), the electrochemical part at
 * a reduction (`electrochemical`), and through a film or an SEI voxel (`growth`: thickening). They sum to counters.bound
 * gained since traceOrigins. `passivated`: fresh or cracked faces that reacted (bound or filmed), by the same causes.
 * `created` / `removed`: metal (live or dead) faces on electrolyte each event made and buried, by cause (an SEI voxel
 * moving and metal turned into SEI are in neither). `areaTime_s`, `facesTime`, `specificTime`: kMC time covered by the
 * full passes and the integrals over it of the exposed metal faces and of those per metal voxel (time averages: divide).
 */
export interface SeiOrigins {
  bound: { reduction: number; hop: number; strip: number; other: number; electrochemical: number; growth: number };
  passivated: { reduction: number; hop: number; strip: number; other: number };
  created: { reduction: number; hop: number; strip: number };
  removed: { reduction: number; hop: number; strip: number };
  areaTime_s: number;
  facesTime: number;
  specificTime: number;
}
function newOrigins(): SeiOrigins {
  return {
    bound: { reduction: 0, hop: 0, strip: 0, other: 0, electrochemical: 0, growth: 0 },
    passivated: { reduction: 0, hop: 0, strip: 0, other: 0 },
    created: { reduction: 0, hop: 0, strip: 0 }, removed: { reduction: 0, hop: 0, strip: 0 },
    areaTime_s: 0, facesTime: 0, specificTime: 0,
  };
}
const ORG_OTHER = 0, ORG_RED = 1, ORG_HOP = 2, ORG_STRIP = 3;
const ORG_KEY = ['other', 'reduction', 'hop', 'strip'] as const;
const EVENT_KEY = [null, 'reduction', 'hop', 'strip'] as const;

/** What a checkpoint keeps of the SEI module (saveState/restoreState). */
export interface SeiState {
  /** film and stretched-film face bits per voxel, base64 */
  cov: string;
  str: string;
  pend: number[];
  /** SAC sites plated on in the current step: read from checkpoints written before mends99, no longer used */
  loaded?: number[];
  eventsSinceSplit: number;
  lastT: number;
  lastFastT: number;
  activeSacs: number;
  counters: SeiCounters;
  filmRejected?: number;
  /** seiarea (settleAfterLayer only), written until mends110: the stretch stamps, Float64 per voxel, base64 (still read) */
  stamp?: string;
  /** seiarea (settleAfterLayer only), since mends110: the stretch stamps of the voxels with stretched faces only, their
   * voxel indices (Int32, base64) and their stamps (Float64, base64: -Infinity kept), in the same order */
  stampVoxels?: string;
  stampValues?: string;
}

/** Ion-conductance factor g = R_ct / (R_ct + a / sigma) and the matching barrier shift -kT ln g. */
export function throughShift(sigma_S_per_m: number, voxel_m: number, i0_A_per_m2: number, kT_eV: number): number {
  const rct = kT_eV / i0_A_per_m2; // Ohm m2 (kT/e in V over i0)
  const g = rct / (rct + voxel_m / sigma_S_per_m);
  return -kT_eV * Math.log(g);
}

/**
 * The plating app's SEI table (PlatingPhysics.sei) for a spec. A metal atom's bond to an SEI voxel
 * is half a metal-metal bond (assumed: the Li/SEI interface costs about half the energy of a free
 * Li surface), so an SEI-covered tip is still less bound than the bulk and strips first, and metal
 * next to a buried SEI voxel is not weakened enough to be stripped from inside the deposit.
 */
export function seiPhysics(spec: SeiSpec, o: { kT_eV: number; voxel_m: number; i0_A_per_m2: number; bond_eV: number }): Map<number, { throughShift_eV: number; binding_eV: number }> {
  const T = o.kT_eV / KB;
  return new Map([
    [SEI, { throughShift_eV: throughShift(sigmaAt(spec.sigmaOrganic_S_per_m, spec, T), o.voxel_m, o.i0_A_per_m2, o.kT_eV), binding_eV: 0.5 * o.bond_eV }],
    [SEI_INORGANIC, { throughShift_eV: throughShift(sigmaAt(spec.sigmaInorganic_S_per_m, spec, T), o.voxel_m, o.i0_A_per_m2, o.kT_eV), binding_eV: 0.5 * o.bond_eV }],
  ]);
}

/** The film's ionic conductivity at T (Arrhenius from its 25 degC value; params/sei.ts conductionActivation). */
export function sigmaAt(sigma25_S_per_m: number, spec: SeiSpec, T_K: number): number {
  return sigma25_S_per_m * Math.exp(-(spec.conductionActivation_eV / KB) * (1 / T_K - 1 / T_REF));
}

/**
 * Charge transfer through the thin passivating film of a face: the film (thickness h, conductivity
 * sigma(T)) in series with charge transfer, g = R_ct / (R_ct + h / sigma), R_ct = kT / (e i0), as
 * for an SEI voxel (throughShift) but for the nm film. Carbonate at 25 degC: h / sigma = 25 Ohm cm2
 * against R_ct = 26 Ohm cm2 at i0 = 1 mA/cm2: g = 0.507. At -10 degC the film's sigma falls by its
 * 0.6 eV and i0 by its own Arrhenius (0.58 eV: 0.0497 mA/cm2, so R_ct rises about as much): g = 0.450
 * (1 / g = 2.2); g = 0.039 only with i0 held at its 25 degC value, as before i0(T) (review78).
 * sigma is the set's organic conductivity only: the inorganic share is not in parallel (docs/cycling.md item 10).
 */
export function filmFactor(spec: SeiSpec, o: { T_K: number; i0_A_per_m2: number }): number {
  const kT = KB * o.T_K;
  const rct = kT / o.i0_A_per_m2;
  return rct / (rct + spec.thickness_m / sigmaAt(spec.sigmaOrganic_S_per_m, spec, o.T_K));
}

export class SeiModule implements EventModule {
  readonly name = 'sei';
  readonly reads = 1;
  readonly writes: readonly number[];
  readonly spec: SeiSpec;
  readonly counters: SeiCounters = { bound: 0, boundElectrochemical: 0, passivatedFaces: 0, freshFaces: 0, freshByReduction: 0, freshByStripping: 0, freshByHop: 0, stretched: 0, healedFaces: 0, inorganic: 0, organic: 0, deadByWrap: 0, sacDistorted: 0, sacBuried: 0, sacDraws: 0 };
  /** rate per fresh face at the run's temperature, 1/s */
  readonly rate_per_s: number;
  /** SAC sites at the start (all types) */
  readonly initialSacs: number;
  /** active SACs now */
  activeSacs: number;
  /** per voxel: bit d set = face d of this metal voxel carries a thin SEI film (passivated) */
  private readonly cov: Uint8Array;
  /** per voxel: bit d set = the film on face d was stretched over new area (it cracks at rate k x crack) */
  private readonly str: Uint8Array;
  private readonly rng: Rng;
  /** code a deactivated SAC becomes (the plain host), or -1 when the host is the metal's own foil */
  private readonly deactivatedCode: number;
  private readonly hostTopZ: number;
  /**
   * hostfilm64 (spec.hostFilm, `sei: { host_film }`): true (the default), the host carries its own film (an atom grown on
   * it lifts it, liftBuried) and a foil starts passivated; false, the host is bare and a foil starts with fresh faces
   */
  private readonly hostFilm: boolean;
  private lastT: number;
  private lastFastT: number;
  /** voxels with fresh or stretched faces (new area from events), for the fast pass */
  private readonly pend: number[] = [];
  private readonly inPend: Uint8Array;
  private eventsSinceSplit = 0;
  private readonly splitEvery: number;
  /** longest interval of the fast pass (fresh faces), s: a tenth of a fresh face's passivation time */
  private readonly maxSplit_s: number;
  private readonly nb = new Int32Array(DIRS);
  private readonly nb2 = new Int32Array(DIRS);
  /**
   * The film an event moves (item 2), in faces: filmed and stretched, and whether there was any film at all. Plating,
   * stripping and a hop fill it from the faces the event buries or the atom carried (liftBuried), then lay it on the
   * faces the event exposes (coverSite, coverUncovered): filmed first, stretched where it is short, fresh with none.
   */
  private poolFilmed = 0;
  private poolStretched = 0;
  private poolAny = false;
  private readonly w = new Float64Array(DIRS);
  /** filmhop (spec.filmHopBarrier_eV > 0): the app's hops read `cov` (PlatingApp.attachFilm), so film changes re-rate them */
  private readonly filmHop: boolean;
  /**
   * facehop (spec.filmHopOn 'face'): the app's hops read, per move, the settled film of the face it leaves through, so a
   * change of any of those faces' settled status re-rates the atom (hopKey: the bits themselves)
   */
  private readonly faceHop: boolean;
  /**
   * axishop (spec.filmHopOn 'axis', faceHop set beside it): a move is slowed when any face on its axis carries settled film;
   * those faces are among the same five (lateral 0-3, top 4), so hopKey and the re-rating are facehop's
   */
  private readonly axisHop: boolean;
  /**
   * settledhop (spec.filmHopOn 'settled'): the app's hops read settled film only (`cov & ~str`), so a change of an atom's
   * film between stretched and settled (settling, healing, a crack passivated) re-rates it too (hopKey)
   */
  private readonly settledHop: boolean;

  /** acceptance of a faradaic event whose ion crosses only filmed faces (filmFactor; 1 without film conduction) */
  readonly gFilm: number;
  /** faradaic draws rejected at a filmed face (the film's charge-transfer resistance) */
  filmRejected = 0;
  /** stretched (torn) films conduct as bare metal (spec.tornFilmConduction, default false) */
  private readonly tornConducts: boolean;
  /** all-zero stand-in for `str` when torn films do not conduct */
  private readonly noTear: Uint8Array;
  /**
   * seiarea: for a voxel with stretched faces, the net faradaic count (reductions - oxidations, voxels) when its
   * stretched faces were stretched (the film moved by a hop keeps its stamp); -Infinity once the step has ended. Kept
   * in every run (the diagnostics below read it); it gates settling only with spec.settleAfterLayer. Sparse since
   * mends110 (a Float64 per voxel until then: 8 bytes per voxel in every SEI run): a stamp is read only where str[v] !== 0,
   * and every change of str[v] from 0 to stretched writes one (afterReduction, the stripped atom's film, a hop copies
   * its atom's), so the map holds every voxel with stretched faces; entries of voxels whose stretched faces have gone
   * are dropped when the map doubles (pruneStamps). Same numbers read, same outcomes (docs/cycling.md, seiarea).
   */
  private readonly stamps = new Map<number, number>();
  /**
   * The stamps as a checkpoint written before mends110 holds them (a Float64 per voxel, restored under this, their old
   * field name, by simulation/engine-state.ts): turned into the map at the first call after the resume (adoptDenseStamps).
   */
  private stamp: Float64Array | undefined = undefined;
  /** the map's size that triggers the next pruneStamps */
  private stampPruneAt = STAMP_PRUNE_MIN;
  /** one layer of the box, voxels (nx x ny): the net charge that moves the mean front by one voxel edge */
  private readonly layerVoxels: number;
  private readonly layerGate: boolean;
  /**
   * seiarea diagnostics (not in report(), not in checkpoints): stretched faces that settled, by how far the front had
   * moved since the stretch (under one layer: young, else old): cracked (passivated anew), of those the cracks that
   * bound the voxel, and closed up; of the old ones, those whose gate the step's end opened (settleAfterLayer).
   */
  readonly settleAge = { crackYoung: 0, crackOld: 0, boundYoung: 0, boundOld: 0, healYoung: 0, healOld: 0, crackAfterStep: 0, boundAfterStep: 0 };
  /**
   * sei103why diagnostics (traceOrigins(); not in report(), not in checkpoints, off by default): per face, the event that
   * made it fresh or stretched (`org`, 2 bits a face: ORG_OTHER, ORG_RED, ORG_HOP, ORG_STRIP), so each voxel bound in SEI
   * is put down to where its film was made; the metal/electrolyte faces events create and remove, by cause; the exposed
   * faces at every full pass, integrated over kMC time. Reads only: no draw, no state the kinetics reads.
   */
  private org: Uint16Array | null = null;
  /** the pool's stretched film by the event that made it (ORG_* index), laid back with it (takePoolOrigin) */
  private readonly poolOrg = [0, 0, 0, 0];
  /** the cause (ORG_*) of the event being handled: what fresh and newly stretched faces are put down to */
  private cause = 0;
  private originsT = 0;
  readonly origins: SeiOrigins = newOrigins();

  constructor(spec: SeiSpec, app: PlatingApp, o: { T_K: number; rng: Rng; deactivatedCode: number; hostTopZ: number; t0_s: number; i0_A_per_m2?: number }) {
    this.spec = spec;
    this.gFilm = spec.filmConduction && o.i0_A_per_m2 !== undefined ? filmFactor(spec, { T_K: o.T_K, i0_A_per_m2: o.i0_A_per_m2 }) : 1;
    this.rng = o.rng;
    this.deactivatedCode = o.deactivatedCode;
    this.hostTopZ = o.hostTopZ;
    this.rate_per_s = spec.formationRate_per_s * Math.exp(-(spec.activation_eV / KB) * (1 / o.T_K - 1 / T_REF));
    this.lastT = o.t0_s;
    this.lastFastT = o.t0_s;
    this.inPend = new Uint8Array(app.lat.n);
    this.splitEvery = Math.max(1024, app.lat.nxy * 4);
    this.maxSplit_s = this.rate_per_s > 0 ? 0.1 / this.rate_per_s : Infinity;
    this.writes = [SEI, SEI_INORGANIC, DEAD, ...(o.deactivatedCode >= 0 ? [o.deactivatedCode] : [])];
    this.cov = new Uint8Array(app.lat.n);
    this.str = new Uint8Array(app.lat.n);
    this.tornConducts = spec.tornFilmConduction ?? false;
    this.noTear = this.tornConducts ? new Uint8Array(0) : new Uint8Array(app.lat.n);
    this.layerVoxels = app.lat.nxy * (spec.settleLayers ?? 1);
    this.layerGate = spec.settleAfterLayer ?? false;
    this.hostFilm = spec.hostFilm ?? true;
    let n = 0;
    for (let i = 0; i < app.lat.n; i++) {
      const c = app.code[i]!;
      if (this.isActiveSac(c)) n++;
      // metal present before the protocol (a foil) starts passivated; hostfilm64 (`host_film: false`): bare, its exposed
      // faces fresh and on the pending list, as the faces an event leaves fresh are (addPending; the fast pass forms film on them)
      if (c === METAL || c === DEAD) {
        if (this.hostFilm) this.cov[i] = this.exposedMask(app, i);
        else if (this.exposedMask(app, i) !== 0) this.addPending(i);
      }
    }
    this.initialSacs = n;
    this.activeSacs = n;
    this.filmHop = (spec.filmHopBarrier_eV ?? 0) > 0;
    this.faceHop = this.filmHop && (spec.filmHopOn === 'face' || spec.filmHopOn === 'axis');
    this.axisHop = this.filmHop && spec.filmHopOn === 'axis';
    this.settledHop = this.filmHop && spec.filmHopOn === 'settled';
    if (this.filmHop) app.attachFilm(this.cov, spec.filmHopBarrier_eV!, this.settledHop || this.faceHop ? this.str : null, this.faceHop, this.axisHop);
  }

  /**
   * filmhop: what of voxel v's film its hop reads: any film (filmhop's rule: 1 or 0), settledhop, settled film (filmed, not
   * stretched: 1 or 0), facehop, which of the faces a move can leave through (lateral 0-3, top 4) carry settled film (the bits)
   */
  private hopKey(v: number): number {
    if (this.faceHop) return this.cov[v]! & ~this.str[v]! & 0x1f;
    return (this.settledHop ? (this.cov[v]! & ~this.str[v]!) !== 0 : this.cov[v] !== 0) ? 1 : 0;
  }

  /**
   * filmhop: re-rates the hops of the atoms at v and its six neighbours (an event's film moves: a reduction lifts the film
   * of v's neighbours onto v, a strip lays v's film on them, a hop does both around its source and its destination).
   */
  private rerate(app: PlatingApp, v: number): void {
    const code = app.code, nb = this.nb2;
    if (code[v] === METAL) app.refreshHop(v);
    app.lat.neighbors(v, nb);
    for (let d = 0; d < DIRS; d++) { const w = nb[d]!; if (w >= 0 && code[w] === METAL) app.refreshHop(w); }
  }

  private isActiveSac(c: number): boolean { return c >= SAC_BASE && c < SAC_BASE + SAC_TYPES; }

  /**
   * Starts the sei103why diagnostics (SeiOrigins, `origins`): from now on each bound voxel is put down to where its film was
   * made. Call before the run's first event (faces fresh or stretched before the call count as `other`). Reads only: the
   * run's trajectory is the same with or without it (test/sei-origins.test.ts).
   */
  traceOrigins(t0_s = this.lastT): void {
    if (this.org !== null) return;
    this.org = new Uint16Array(this.cov.length);
    this.originsT = t0_s;
  }

  private orgOf(v: number, d: number): number { return this.org === null ? 0 : (this.org[v]! >> (2 * d)) & 3; }

  private setOrg(v: number, d: number, c: number): void {
    const org = this.org;
    if (org !== null) org[v] = (org[v]! & ~(3 << (2 * d))) | (c << (2 * d));
  }

  /** The origin of a stretched face laid from the pool: the pool's first kept origin (fixed order), else the event's. */
  private takePoolOrigin(): number {
    const po = this.poolOrg;
    for (let c = 0; c < 4; c++) if (po[c]! > 0) { po[c]!--; return c; }
    return this.cause;
  }

  private countFaces(kind: 'created' | 'removed', n: number): void {
    const k = EVENT_KEY[this.cause];
    if (this.org !== null && k !== null && k !== undefined) this.origins[kind][k] += n;
  }

  /** Faces of voxel v that touch electrolyte (bit d = direction d). */
  private exposedMask(app: PlatingApp, v: number): number {
    const nb = this.nb2;
    app.lat.neighbors(v, nb);
    let m = 0;
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && app.code[t] === EMPTY) m |= 1 << d; }
    return m;
  }

  /** The type index of the first active SAC among the faces of voxel v, or -1. */
  private nearSac(app: PlatingApp, v: number): number {
    const nb = this.nb2;
    app.lat.neighbors(v, nb);
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && this.isActiveSac(app.code[t]!)) return app.code[t]! - SAC_BASE; }
    return -1;
  }

  /** Composition of SEI formed from the metal voxel v. */
  private seiCode(app: PlatingApp, v: number): number {
    const k = this.nearSac(app, v);
    const share = k < 0 ? this.spec.inorganicShare : this.spec.sacInorganicShareBySite?.[k] ?? this.spec.sacInorganicShare;
    const inorganic = this.rng.next() < share;
    if (inorganic) this.counters.inorganic++; else this.counters.organic++;
    return inorganic ? SEI_INORGANIC : SEI;
  }

  /** Turns metal voxel v into SEI: its metal is bound in the film; what that cuts off dies. */
  private convert(app: PlatingApp, v: number, electrochemical: boolean): void {
    const c = this.seiCode(app, v);
    this.cov[v] = 0; this.str[v] = 0;
    if (this.org !== null) { this.org[v] = 0; if (electrochemical) this.origins.bound.electrochemical++; }
    this.counters.deadByWrap += app.transmute(v, c);
    this.counters.bound++;
    if (electrochemical) this.counters.boundElectrochemical++;
    // a SAC under the new SEI is buried: deactivated
    const below = v - app.lat.nxy;
    if (below >= 0 && this.deactivatedCode >= 0 && this.isActiveSac(app.code[below]!)) {
      app.transmute(below, this.deactivatedCode);
      this.counters.sacBuried++;
      this.activeSacs--;
    }
  }

  /**
   * Film conduction, by thinning (exact for a frozen film, as the transport's c/c0 thinning): a
   * drawn faradaic event at voxel v whose ion can only cross filmed faces is made with probability
   * gFilm, else it is a null event. Reduction at an electrolyte voxel: the ion lands on the faces
   * of its conducting neighbours; one bare (unfilmed) metal face, or the host (its own film, as
   * before, costs nothing), lets it through at the full rate. Oxidation of a metal voxel: one bare
   * exposed face lets the ion out. Events through an SEI voxel carry its conductance in their rate
   * already (throughShift). So plating and stripping go preferentially where the film is fresh:
   * cracks, new area, pits. The galvanostat sees the thinned box through its deficit feedback
   * (electrochem/doublelayer.ts): the overpotential rises until the filmed surface carries the current.
   */
  acceptFaradaic(app: PlatingApp, v: number): boolean {
    if (this.gFilm >= 1) return true;
    const code = app.code, cov = this.cov, nb = this.nb2;
    // a stretched film is torn (tornFilmConduction): its faces let ions through as bare metal
    const torn = this.tornConducts ? this.str : this.noTear;
    const c = code[v]!;
    app.lat.neighbors(v, nb);
    if (c === EMPTY) {
      let filmed = false;
      for (let d = 0; d < DIRS; d++) {
        const w = nb[d]!;
        if (w < 0) continue;
        const cw = code[w]!;
        if (cw === METAL) { if (((cov[w]! & ~torn[w]!) & (1 << (d ^ 1))) === 0) return true; filmed = true; }
        else if (cw >= HOST_BASE) return true;
      }
      if (!filmed) return true;
    } else if (c === METAL) {
      let exposed = 0;
      for (let d = 0; d < DIRS; d++) { const w = nb[d]!; if (w >= 0 && code[w] === EMPTY) exposed |= 1 << d; }
      if (exposed === 0 || (exposed & ~(cov[v]! & ~torn[v]!)) !== 0) return true;
    } else return true;
    if (this.rng.next() < this.gFilm) return true;
    this.filmRejected++;
    return false;
  }

  afterEvent(app: PlatingApp, ch: number, v: number, t_s: number): void {
    if (this.stamp !== undefined) this.adoptDenseStamps();
    const code = app.code, cov = this.cov, nb = this.nb;
    if (v >= 0) {
      if (ch === CH_RED && code[v] === METAL) this.afterReduction(app, v);
      else if (ch === CH_OX) {
        if (code[v] === EMPTY || code[v] === VOID) {
          // the film on the stripped atom falls onto the faces its removal exposes: as many as it
          // had filmed faces (in a fixed order); more exposed faces than film: the film cracks and
          // the rest are fresh metal; more film than exposed faces: the excess is left as debris
          const str = this.str;
          this.poolFilmed = popcount(cov[v]! & ~str[v]!); this.poolStretched = popcount(cov[v]! & str[v]!);
          this.poolAny = this.poolFilmed + this.poolStretched > 0;
          app.lat.neighbors(v, nb);
          if (this.org !== null) {
            // sei103why: the stripped atom's stretched film keeps its origins; its faces on electrolyte are area removed
            this.cause = ORG_STRIP;
            this.poolOrg.fill(0);
            let gone = 0;
            for (let d = 0; d < DIRS; d++) {
              const b = 1 << d, w = nb[d]!;
              if (cov[v]! & str[v]! & b) this.poolOrg[this.orgOf(v, d)]!++;
              if (w >= 0 && code[w] === EMPTY) gone++;
            }
            this.countFaces('removed', gone);
          }
          // dead metal keeps its own film on the face the atom buried (react keeps it there), bare metal where it had
          // none: fresh; it takes nothing of the live atom's film (stripfilm; review87 F1)
          const fresh = this.coverUncovered(app, nb, -1, true); // (it counts a dead face's fresh face itself)
          this.counters.freshByStripping += fresh;
        }
        cov[v] = 0; this.str[v] = 0;
        if (this.org !== null) this.org[v] = 0;
      } else if (ch === CH_HOP && (code[v] === EMPTY || code[v] === VOID) && app.lastHopTo >= 0 && code[app.lastHopTo] === METAL) {
        this.afterHop(app, v, app.lastHopTo);
        if (this.filmHop) this.rerate(app, app.lastHopTo);
      }
      // filmhop: every film bit the event moved is on v, dest or their neighbours (afterReduction, the strip, afterHop)
      if (this.filmHop) this.rerate(app, v);
    }
    // sealed_pores void (voidsei): pockets the event joined to the bulk again
    if (app.reopened.length > 0) this.exposeReopened(app);
    if (++this.eventsSinceSplit >= this.splitEvery) this.advance(app, t_s);
    else if (t_s - this.lastFastT >= this.maxSplit_s) this.advanceFresh(app, t_s);
  }

  /**
   * Surface diffusion under the film (item 2; seibare, session 60): the atom that left v for dest moves only the film that
   * exists. It carries its own film face by face (dest's face d takes v's face d's film, filmed or stretched, where both are
   * on electrolyte: D3's carry, whole with its forward face and its stamp). The rest of its film (faces it no longer has
   * on electrolyte) and the film of the live faces dest buries (lifted, as a plated atom's; an SEI voxel beside dest and the
   * host under it are film, as afterReduction counts them) are pooled and laid on the faces still to cover: dest's others
   * (up, lateral, down), then the live faces the atom uncovers at v (below, lateral, above), filmed faces first, then the
   * stretched ones. Where the film is short the rest is stretched (it settles and cracks as a plated atom's); with no film
   * at all (a bare atom on a bare surface) the faces are fresh; excess film is left as debris. A dead face the atom
   * uncovers carries its own film (exposeDeadFace); a dead face it buries keeps it (stripfilm; review87 F3). Until seibare
   * dest and every uncovered live face came out filmed whatever film there was: a hop that made area made film from
   * nothing (bench/seibare-probe.ts: 1.9-2.9 times the faces the module passivates at E_d 0.10 eV, docs/cycling-history.md, "A hop's free film").
   */
  private afterHop(app: PlatingApp, v: number, dest: number): void {
    const code = app.code, cov = this.cov, str = this.str, nbV = this.nb2, nbD = this.nb;
    app.lat.neighbors(v, nbV);
    app.lat.neighbors(dest, nbD);
    // the atom's faces on electrolyte at v before the hop: those on electrolyte now, and the one towards dest if adjacent
    let exposedV = 0;
    // (and on liquid sealed off, VOID: a face onto VOID keeps its film, which the atom takes with it; voidsei)
    for (let d = 0; d < DIRS; d++) { const w = nbV[d]!; if (w >= 0 && (w === dest || code[w] === EMPTY || code[w] === VOID)) exposedV |= 1 << d; }
    const ownC = cov[v]! & exposedV, ownS = ownC & str[v]!;
    const stampV = ownS !== 0 ? this.stamps.get(v)! : undefined;
    this.cause = ORG_HOP;
    this.countFaces('removed', popcount(exposedV));
    // the faces dest buries lose their film and its stretch together (D3, session 59): lifted into the pool
    const exposedD = this.liftBuried(code, nbD);
    // the atom's own film, face by face; what it cannot carry goes to the pool
    this.poolFilmed += popcount(ownC & ~ownS & ~exposedD); this.poolStretched += popcount(ownS & ~exposedD);
    if (this.org !== null) {
      // sei103why: a stretched face carried keeps its origin at dest; one that goes to the pool takes it there
      const org = this.org;
      org[dest] = 0;
      for (let d = 0; d < DIRS; d++) {
        if (!(ownS & (1 << d))) continue;
        if (exposedD & (1 << d)) this.setOrg(dest, d, this.orgOf(v, d)); else this.poolOrg[this.orgOf(v, d)]!++;
      }
    }
    this.poolAny = ownC !== 0 || this.poolFilmed + this.poolStretched > 0;
    let fresh = this.coverSite(app, dest, exposedD, ownC & exposedD, ownS & exposedD, stampV);
    // the faces the atom uncovers at v: a dead face carries its own film; a live one takes what is left of the pool
    fresh += this.coverUncovered(app, nbV, dest, false);
    this.counters.freshByHop += fresh;
    cov[v] = 0; str[v] = 0;
    if (this.org !== null) this.org[v] = 0;
  }

  /**
   * The pool from the faces a new atom (plated, or arrived by a hop) buries, the neighbours `nb` of its site: the film of
   * each live face, lifted with its stretch (D3: both flags cleared together), an SEI voxel beside it and the host under
   * it (film on any side: seivox); a dead face keeps its film (deadfilm). Returns the site's faces on electrolyte.
   */
  private liftBuried(code: Uint8Array, nb: Int32Array): number {
    const cov = this.cov, str = this.str;
    let filmed = 0, stretched = 0, exposed = 0, buried = 0;
    const org = this.org;
    if (org !== null) this.poolOrg.fill(0);
    for (let d = 0; d < DIRS; d++) {
      const w = nb[d]!;
      if (w < 0) continue;
      const cw = code[w]!, back = 1 << (d ^ 1);
      if (cw === EMPTY) { exposed |= 1 << d; continue; }
      if (cw === METAL || cw === DEAD) buried++;
      // the host carries its own film (electrolyte reduced on the collector before the metal nucleates): an atom grown
      // on it is under a film. An SEI voxel is film on any side: an atom grown against one, or plated through one
      // (PlatingApp.plateUnderSei: the atom takes its place and the SEI is lifted beside or above it), is under that
      // film. Until seivox only an SEI voxel below counted, so an atom plated through SEI had all its exposed faces
      // fresh: each then bound f = h rho V_m / a voxels, a route that grew as 1 / a (docs/cycling.md, "How the SEI law
      // scales with the voxel").
      if (cw === SEI || cw === SEI_INORGANIC) { filmed++; continue; }
      // hostfilm64: `host_film: false` makes the host bare (a cleaned collector): nothing lifted from it
      if (cw >= HOST_BASE) { if (d === 5 && this.hostFilm) filmed++; continue; }
      // dead metal does not conduct: its film stays where it is, not lifted onto the new atom (deadfilm; review84)
      if (cw !== METAL) continue;
      if (cov[w]! & back) { if (str[w]! & back) { stretched++; if (org !== null) this.poolOrg[this.orgOf(w, d ^ 1)]!++; } else filmed++; }
      cov[w] = cov[w]! & ~back; str[w] = str[w]! & ~back;
      if (org !== null) this.setOrg(w, d ^ 1, 0);
    }
    this.poolFilmed = filmed; this.poolStretched = stretched;
    this.countFaces('removed', buried);
    return exposed;
  }

  /**
   * Lays the pool on the site v's faces on electrolyte (`exposed`) that it does not already have (`bits`, `sbits`: film
   * it carries), up, lateral, down; writes the site's flags, its stamp (`stamp`, else now) and its place on the fast
   * pass's list. Returns the fresh faces.
   */
  private coverSite(app: PlatingApp, v: number, exposed: number, bits: number, sbits: number, stamp: number | undefined): number {
    let fresh = 0;
    const tr = this.org !== null;
    if (tr) this.countFaces('created', popcount(exposed));
    for (const d of FACE_ORDER) {
      const b = 1 << d;
      if (!(exposed & b) || (bits & b)) continue;
      if (this.poolFilmed > 0) { bits |= b; this.poolFilmed--; if (tr) this.setOrg(v, d, 0); }
      else if (this.poolAny) {
        bits |= b; sbits |= b;
        if (this.poolStretched > 0) { this.poolStretched--; if (tr) this.setOrg(v, d, this.takePoolOrigin()); }
        else { this.counters.stretched++; if (tr) this.setOrg(v, d, this.cause); }
      } else { fresh++; if (tr) this.setOrg(v, d, this.cause); }
    }
    this.cov[v] = bits; this.str[v] = sbits;
    if (sbits !== 0) this.setStamp(v, stamp ?? netFaradaic(app));
    if (fresh > 0 || sbits !== 0) this.addPending(v);
    return fresh;
  }

  /**
   * Lays the pool on the faces an atom's leaving uncovers, on its old site's neighbours `nb` but `skip` (a hop's new
   * site): below, lateral, above. A dead face carries its own film (exposeDeadFace; `stripped` counts its fresh face as
   * made by stripping); a live one takes the pool's film, stretched where it is short, fresh with none. Returns the fresh
   * live faces.
   */
  private coverUncovered(app: PlatingApp, nb: Int32Array, skip: number, stripped: boolean): number {
    const code = app.code, cov = this.cov, str = this.str;
    const tr = this.org !== null;
    let fresh = 0, made = 0;
    for (const d of FACE_ORDER_DOWN) {
      const w = nb[d]!;
      if (w < 0 || w === skip) continue;
      const bit = 1 << (d ^ 1);
      if (code[w] === DEAD) { made++; this.exposeDeadFace(w, bit, stripped); continue; }
      if (code[w] !== METAL) continue;
      made++;
      if (this.poolFilmed > 0) { cov[w] = cov[w]! | bit; str[w] = str[w]! & ~bit; this.poolFilmed--; if (tr) this.setOrg(w, d ^ 1, 0); }
      else if (this.poolAny) {
        if (str[w]! === 0) this.setStamp(w, netFaradaic(app));
        cov[w] = cov[w]! | bit; str[w] = str[w]! | bit;
        if (this.poolStretched > 0) { this.poolStretched--; if (tr) this.setOrg(w, d ^ 1, this.takePoolOrigin()); }
        else { this.counters.stretched++; if (tr) this.setOrg(w, d ^ 1, this.cause); }
        this.addPending(w);
      } else { cov[w] = cov[w]! & ~bit; str[w] = str[w]! & ~bit; fresh++; this.addPending(w); if (tr) this.setOrg(w, d ^ 1, this.cause); }
    }
    if (tr) this.countFaces('created', made);
    return fresh;
  }

  /**
   * Face `bit` of the dead voxel w touches electrolyte again (the live atom on it was stripped, or hopped away): it carries
   * its own film, kept while the atom lay on it (react), filmed or stretched as it was; where it had none (bare when the
   * atom buried it, or a contact inside the metal until the strip that cut w off) it is fresh. Fresh or stretched faces go
   * on the fast pass's list; `stripped` counts a fresh face as made by stripping.
   */
  private exposeDeadFace(w: number, bit: number, stripped: boolean): void {
    const cov = this.cov, str = this.str;
    if ((cov[w]! & bit) === 0) {
      str[w] = str[w]! & ~bit;
      if (this.org !== null) this.setOrg(w, 31 - Math.clz32(bit), this.cause);
      if (stripped) this.counters.freshByStripping++;
      this.addPending(w);
    } else if ((str[w]! & bit) !== 0) this.addPending(w);
  }

  /**
   * sealed_pores void (voidsei): the VOID voxels the event turned EMPTY (PlatingApp.reopened: a pocket joined to the bulk
   * again). The metal faces onto them touch electrolyte again with the film they kept while they looked onto VOID (react
   * keeps it): filmed or stretched as they were, fresh where they had none. Fresh and stretched ones go on the fast
   * pass's list, as new area does. Empties the list.
   */
  private exposeReopened(app: PlatingApp): void {
    const list = app.reopened, code = app.code, cov = this.cov, str = this.str, nb = this.nb2;
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (code[w] !== EMPTY) continue;
      app.lat.neighbors(w, nb);
      for (let d = 0; d < DIRS; d++) {
        const m = nb[d]!;
        if (m < 0) continue;
        const cm = code[m]!;
        if (cm !== METAL && cm !== DEAD) continue;
        const bit = 1 << (d ^ 1);
        if ((cov[m]! & bit) === 0 || (str[m]! & bit) !== 0) this.addPending(m);
      }
    }
    list.length = 0;
  }

  /**
   * A new atom at v: the film on the faces it landed on is lifted onto its own exposed faces (as
   * many as it buried), the rest of its exposed faces are fresh; SAC distortion; electrochemical part.
   */
  private afterReduction(app: PlatingApp, v: number): void {
    const code = app.code, nb = this.nb;
    app.lat.neighbors(v, nb);
    // the film the atom grew under is lifted onto its exposed faces; where it has to cover more
    // faces than it had, it is stretched (and cracks later, see advance); no film at all: fresh
    this.cause = ORG_RED;
    if (this.org !== null) this.org[v] = 0;
    const exposed = this.liftBuried(code, nb);
    this.poolAny = this.poolFilmed + this.poolStretched > 0;
    const fresh = this.coverSite(app, v, exposed, 0, 0, undefined);
    this.counters.freshByReduction += fresh;
    // SAC stability: each atom plated on the site distorts it with probability p, a draw per
    // plating event (per charge plated on the site), not per protocol step: a plate written as one
    // step or as several gives the site the same draws (mends99; review78)
    const below = v - app.lat.nxy;
    if (below >= 0 && this.deactivatedCode >= 0) {
      const cb = code[below]!;
      const p = this.isActiveSac(cb) ? this.spec.sacDeactivation[cb - SAC_BASE] ?? 0 : 0;
      if (p > 0) {
        this.counters.sacDraws++;
        if (this.rng.next() < p) {
          app.transmute(below, this.deactivatedCode);
          this.counters.sacDistorted++;
          this.activeSacs--;
        }
      }
    }
    // electrochemical part: an atom reduced with fresh faces binds electrolyte with probability freshFraction
    if (fresh > 0 && this.spec.freshFraction > 0 && this.rng.next() < this.spec.freshFraction) this.convert(app, v, true);
  }

  /**
   * The chemical part from the last call to kMC time t (operator splitting): one pass over the
   * metal voxels in a fixed order. A voxel reacts with probability 1 - exp(-k R dt), R = its fresh
   * faces + passivation x (its filmed faces + its faces under a one-voxel SEI that touches
   * electrolyte, x inorganicPassivation for inorganic SEI). A fresh face is passivated: with
   * probability f (boundPerFace) the voxel's metal is bound in the film (it becomes SEI), else
   * the face is marked filmed. A reaction through a film converts the voxel with probability f.
   */
  advance(app: PlatingApp, t_s: number): void {
    if (this.stamp !== undefined) this.adoptDenseStamps();
    this.eventsSinceSplit = 0;
    this.advanceFresh(app, t_s);
    const dt = t_s - this.lastT;
    this.lastT = t_s;
    if (!(dt > 0) || this.rate_per_s <= 0) return;
    const lat = app.lat, code = app.code;
    const zTop = Math.min(lat.nz - 1, app.maxMetalZ);
    const first = Math.max(0, this.hostTopZ) * lat.nxy, last = (zTop + 1) * lat.nxy;
    for (let v = first; v < last; v++) {
      const c = code[v]!;
      if (c !== METAL && c !== DEAD) continue;
      // fresh and cracked faces of voxels on the pending list are the fast pass's (advanceFresh)
      const had = this.filmHop ? this.hopKey(v) : 0;
      if (this.react(app, v, dt, this.inPend[v] === 0, true) && this.inPend[v] === 0) this.addPending(v);
      // filmhop: a face passivated, or a film gone with its face, may change the atom's hop rate (settledhop: a stretched
      // film settling, by healing or by a crack passivated anew, too)
      if (this.filmHop && had !== this.hopKey(v) && code[v] === METAL) app.refreshHop(v);
    }
    if (this.org !== null) this.sampleArea(app, t_s);
  }

  /**
   * sei103why: the exposed metal faces now (surface()'s count, and per metal voxel, as morphology's specific surface area),
   * integrated over the kMC time since the last sample (the value at the interval's end: the full passes come every
   * max(1024, 4 x voxels per layer) events and at the ends of steps where the front stops or turns).
   */
  private sampleArea(app: PlatingApp, t_s: number): void {
    const dt = t_s - this.originsT;
    this.originsT = t_s;
    if (!(dt > 0)) return;
    let faces = 0, metal = 0;
    for (let v = 0; v < app.lat.n; v++) {
      const c = app.code[v]!;
      if (c !== METAL && c !== DEAD) continue;
      metal++;
      faces += popcount(this.exposedMask(app, v));
    }
    const o = this.origins;
    o.areaTime_s += dt; o.facesTime += faces * dt; o.specificTime += metal > 0 ? faces / metal * dt : 0;
  }

  /**
   * The fast pass: fresh and stretched faces of the voxels on the pending list (those that events
   * gave new area), from its last call to t. Returns nothing; drops voxels with no such face left.
   */
  private advanceFresh(app: PlatingApp, t_s: number): void {
    const dt = t_s - this.lastFastT;
    this.lastFastT = t_s;
    if (!(dt > 0) || this.rate_per_s <= 0) return;
    const pend = this.pend;
    let k = 0;
    for (let i = 0; i < pend.length; i++) {
      const v = pend[i]!;
      const c = app.code[v]!;
      const had = this.filmHop ? this.hopKey(v) : 0;
      if ((c === METAL || c === DEAD) && this.react(app, v, dt, true, false)) pend[k++] = v;
      else this.inPend[v] = 0;
      if (this.filmHop && had !== this.hopKey(v) && app.code[v] === METAL) app.refreshHop(v);
    }
    pend.length = k;
  }

  private addPending(v: number): void {
    if (this.inPend[v] === 1) return;
    this.inPend[v] = 1;
    this.pend.push(v);
  }

  /**
   * Voxel v reacts with probability 1 - exp(-k R dt), R = (its fresh faces + SETTLE x its stretched
   * films, when `fresh`) + passivation x (its filmed faces + its faces under a one-voxel SEI that
   * touches electrolyte, x inorganicPassivation for inorganic SEI, when `thick`). A stretched film
   * drawn so settles: it cracks with probability `crack`, else it closes up at no cost (audit70c: this
   * line read "crack x its stretched films"; the rate is SETTLE k, params/sei.ts "rate k / 10"). A fresh or
   * cracked face is passivated: with probability f (boundPerFace) the voxel's metal is bound in the
   * film (it becomes SEI), else the face is filmed. A reaction through a film converts the voxel
   * with probability f. Returns whether v still has fresh or stretched faces.
   */
  private react(app: PlatingApp, v: number, dt: number, fresh: boolean, thick: boolean): boolean {
    const code = app.code, nb = this.nb, rng = this.rng, sp = this.spec, cov = this.cov, str = this.str, w = this.w;
    const pOrg = sp.passivation, pInorg = sp.passivation * sp.inorganicPassivation;
    app.lat.neighbors(v, nb);
    let total = 0, exposed = 0, buried = 0, sealed = 0;
    const bits = cov[v]!, sbits = str[v]!, dead = code[v] === DEAD;
    // seiarea (settleAfterLayer): a stretched film waits until the front has moved a layer since the stretch
    const settle = !fresh ? 0 : this.layerGate && sbits !== 0 && !this.settleable(app, v) ? 0 : SETTLE;
    for (let d = 0; d < DIRS; d++) {
      const t = nb[d]!;
      const ct = t >= 0 ? code[t]! : -1;
      let x = 0;
      if (ct === EMPTY) {
        const b = 1 << d;
        exposed |= b;
        if (!(bits & b)) x = fresh ? 1 : 0;
        else if (sbits & b) x = settle; // a stretched film settles: it cracks or closes up
        else x = thick ? pOrg : 0;
      } else if (thick && (ct === SEI || ct === SEI_INORGANIC) && this.touchesElectrolyte(app, t)) x = ct === SEI ? pOrg : pInorg;
      else if (dead && (ct === METAL || ct === DEAD)) buried |= 1 << d;
      else if (ct === VOID) sealed |= 1 << d; // out of contact with electrolyte: no reaction, its film kept (voidsei)
      w[d] = x;
      total += x;
    }
    // a film on a face that no longer touches electrolyte is gone, except a dead voxel's film on a face that metal lies
    // on: it is the dead metal's own, between it and that metal (stripfilm; review87 F1), and the film of a face onto
    // sealed liquid (VOID): it is there when the pocket reopens (voidsei)
    cov[v] = bits & (exposed | buried | sealed);
    str[v] = sbits & (exposed | buried | sealed);
    const org = this.org;
    if (org !== null) { const keep = exposed | buried | sealed; let m = 0; for (let d = 0; d < DIRS; d++) if (keep & (1 << d)) m |= 3 << (2 * d); org[v] = org[v]! & m; }
    const open = () => (exposed & (~cov[v]! | str[v]!)) !== 0;
    if (total === 0 || rng.next() >= -Math.expm1(-this.rate_per_s * total * dt)) return open();
    let r = rng.next() * total, d = 0;
    for (; d < DIRS - 1; d++) { if (r < w[d]!) break; r -= w[d]!; }
    while (w[d] === 0 && d > 0) d--;
    // a fresh face, or a stretched film that cracked: passivated anew
    const bit = 1 << d;
    const wasStretched = code[nb[d]!] === EMPTY && (str[v]! & bit) !== 0;
    const stamp = wasStretched ? this.stamps.get(v)! : 0;
    const young = wasStretched && stamp > -Infinity && Math.abs(netFaradaic(app) - stamp) < this.layerVoxels;
    if (wasStretched && rng.next() >= sp.crack) {
      str[v] = str[v]! & ~bit; // the stretched film closed up without cracking: no new SEI
      this.setOrg(v, d, 0);
      this.counters.healedFaces++;
      if (young) this.settleAge.healYoung++; else this.settleAge.healOld++;
      return open();
    }
    if (wasStretched) { if (young) this.settleAge.crackYoung++; else this.settleAge.crackOld++; if (stamp === -Infinity) this.settleAge.crackAfterStep++; }
    const freshFace = code[nb[d]!] === EMPTY && ((cov[v]! & bit) === 0 || (str[v]! & bit) !== 0);
    if (freshFace) this.counters.freshFaces++;
    // sei103why: where the film of the face that reacted was made (a fresh or cracked face), or growth through a film
    const from = org !== null && freshFace ? ORG_KEY[this.orgOf(v, d)]! : null;
    if (from !== null) this.origins.passivated[from]++;
    if (rng.next() < sp.boundPerFace) {
      if (wasStretched) { if (young) this.settleAge.boundYoung++; else this.settleAge.boundOld++; if (stamp === -Infinity) this.settleAge.boundAfterStep++; }
      if (org !== null) this.origins.bound[from ?? 'growth']++;
      this.convert(app, v, false);
      return false;
    }
    if (freshFace) { cov[v] = cov[v]! | bit; str[v] = str[v]! & ~bit; this.counters.passivatedFaces++; this.setOrg(v, d, 0); }
    return open();
  }

  /**
   * seiarea (settleAfterLayer): whether the stretched films of voxel v may settle: the net faradaic charge since they
   * were stretched is at least the layer threshold (`settle_layers` layers of the box, default one: the mean front has
   * moved one voxel edge), or the front has stopped or turned since (endStep: a rest, a change of direction, the
   * protocol's end; not a boundary between two steps of the same kind, mends111). Before that the new area is the lattice's: a voxel-high step or adatom whose side faces the
   * next layer covers again, which a finer lattice draws as a lower step living a shorter time (docs/cycling.md, "New
   * area per plated thickness at the voxel scale").
   */
  private settleable(app: PlatingApp, v: number): boolean {
    return Math.abs(netFaradaic(app) - this.stamps.get(v)!) >= this.layerVoxels;
  }

  /**
   * Stamps voxel v (its faces are being stretched, or its stretched film moved there); first drops the stale entries when
   * the map has doubled (before the new entry: v's str is set after this call, so a pruning after it would drop it).
   */
  private setStamp(v: number, x: number): void {
    if (this.stamps.size >= this.stampPruneAt) this.pruneStamps();
    this.stamps.set(v, x);
  }

  /** A checkpoint of before mends110 restored its per-voxel stamps (this.stamp): the map takes those of the voxels with stretched faces, the only ones read. */
  private adoptDenseStamps(): void {
    const dense = this.stamp!;
    this.stamp = undefined;
    this.stamps.clear();
    for (let v = 0; v < dense.length; v++) if (this.str[v] !== 0) this.stamps.set(v, dense[v]!);
    this.stampPruneAt = Math.max(STAMP_PRUNE_MIN, 2 * this.stamps.size);
  }

  /** Drops the stamps of voxels with no stretched face left (never read again: a new stretch writes a new stamp). */
  private pruneStamps(): void {
    for (const v of this.stamps.keys()) if (this.str[v] === 0) this.stamps.delete(v);
    this.stampPruneAt = Math.max(STAMP_PRUNE_MIN, 2 * this.stamps.size);
  }

  /**
   * Bytes the module holds per voxel of the box and in its stretch stamps (mends110; issue 11's memory target is 2 bytes
   * per voxel + 64 per active site): the typed arrays of one entry per voxel (cov, str, inPend and, without torn film
   * conduction, noTear), and the stamp map's entries at MAP_ENTRY_BYTES each.
   */
  memory(): { perVoxelArrays_bytes: number; voxels: number; stampEntries: number; stamp_bytes: number } {
    if (this.stamp !== undefined) this.adoptDenseStamps();
    const arrays = [this.cov, this.str, this.inPend, this.noTear];
    return { perVoxelArrays_bytes: arrays.reduce((a, x) => a + x.byteLength, 0), voxels: this.cov.length, stampEntries: this.stamps.size, stamp_bytes: this.stamps.size * MAP_ENTRY_BYTES };
  }

  /** Where the front stops or turns (settleAfterLayer; Simulation.frontStopsAfter, mends111): every stretched film may settle from now on. */
  endStep(_app: PlatingApp): void {
    if (!this.layerGate) return;
    if (this.stamp !== undefined) this.adoptDenseStamps();
    // the map holds every voxel with stretched faces (setStamp): the same voxels as a pass over the box
    for (const v of this.stamps.keys()) if (this.str[v] !== 0) this.stamps.set(v, -Infinity); else this.stamps.delete(v);
  }

  /**
   * seiarea (settleAfterLayer): stretched faces whose film is held now (may not settle yet: less than the layer threshold
   * of net charge since the stretch and no release since); 0 without the rule. A read for tests and benches.
   */
  heldFilms(app: PlatingApp): number {
    if (!this.layerGate) return 0;
    let n = 0;
    for (let v = 0; v < app.lat.n; v++) if (this.str[v] !== 0 && !this.settleable(app, v)) n += popcount(this.str[v]!);
    return n;
  }

  /** Face d of voxel v: 0 no film (fresh where it touches electrolyte), 1 filmed, 2 stretched. A read for tests. */
  faceFilm(v: number, d: number): number { const b = 1 << d; return (this.cov[v]! & b) === 0 ? 0 : (this.str[v]! & b) !== 0 ? 2 : 1; }

  /** Whether voxel v is on the fast pass's list (voxels events gave new area). A read for tests. */
  isPending(v: number): boolean { return this.inPend[v] === 1; }

  private touchesElectrolyte(app: PlatingApp, v: number): boolean {
    const nb = this.nb2;
    app.lat.neighbors(v, nb);
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && app.code[t] === EMPTY) return true; }
    return false;
  }

  /** The module's state for a checkpoint: film faces, pending list (its order matters), clocks, counters. */
  saveState(): SeiState {
    if (this.stamp !== undefined) this.adoptDenseStamps();
    return {
      cov: Buffer.from(this.cov.buffer, this.cov.byteOffset, this.cov.byteLength).toString('base64'),
      str: Buffer.from(this.str.buffer, this.str.byteOffset, this.str.byteLength).toString('base64'),
      pend: [...this.pend],
      eventsSinceSplit: this.eventsSinceSplit, lastT: this.lastT, lastFastT: this.lastFastT,
      activeSacs: this.activeSacs, counters: { ...this.counters }, filmRejected: this.filmRejected,
      ...(this.layerGate ? this.stampState() : {}),
    };
  }

  /**
   * Restores a state saved by saveState (a checkpoint of the same run). filmhop: `app` (the run's) is needed, its hops
   * re-rated for the restored film.
   */
  restoreState(state: unknown, app?: PlatingApp): void {
    if (this.filmHop && app === undefined) throw new Error('restoreState of an SEI module with film_hop_barrier needs the app: its hops read the film');
    const s = state as SeiState;
    const cov = Buffer.from(s.cov, 'base64'), str = Buffer.from(s.str, 'base64');
    if (cov.length !== this.cov.length || str.length !== this.str.length) throw new Error(`SEI state of ${cov.length} voxels does not fit a lattice of ${this.cov.length}`);
    this.cov.set(cov); this.str.set(str);
    this.inPend.fill(0); this.pend.length = 0;
    for (const v of s.pend) { this.pend.push(v); this.inPend[v] = 1; }
    this.eventsSinceSplit = s.eventsSinceSplit; this.lastT = s.lastT; this.lastFastT = s.lastFastT;
    this.activeSacs = s.activeSacs;
    Object.assign(this.counters, s.counters);
    this.filmRejected = s.filmRejected ?? 0;
    // the stamps of the voxels with stretched faces: from a checkpoint of before mends110 (a Float64 per voxel), from
    // one since (the stretched voxels' only), or 0 (a run without settleAfterLayer keeps none: its per-voxel stamps
    // restarted at 0, as they did until mends110)
    this.stamps.clear();
    this.stamp = undefined;
    const n = this.cov.length;
    if (s.stamp !== undefined) {
      const st = Buffer.from(s.stamp, 'base64');
      if (st.length !== 8 * n) throw new Error(`SEI stretch stamps of ${st.length / 8} voxels do not fit a lattice of ${n}`);
      const dense = new Float64Array(Uint8Array.from(st).buffer);
      for (let v = 0; v < n; v++) if (this.str[v] !== 0) this.stamps.set(v, dense[v]!);
    } else if (s.stampVoxels !== undefined && s.stampValues !== undefined) {
      const vs = new Int32Array(Uint8Array.from(Buffer.from(s.stampVoxels, 'base64')).buffer);
      const xs = new Float64Array(Uint8Array.from(Buffer.from(s.stampValues, 'base64')).buffer);
      if (vs.length !== xs.length) throw new Error(`SEI stretch stamps: ${vs.length} voxels but ${xs.length} stamps`);
      for (let i = 0; i < vs.length; i++) {
        const v = vs[i]!;
        if (!(v >= 0 && v < n)) throw new Error(`SEI stretch stamp of voxel ${v} does not fit a lattice of ${n}`);
        this.stamps.set(v, xs[i]!);
      }
    }
    for (let v = 0; v < n; v++) if (this.str[v] !== 0 && !this.stamps.has(v)) this.stamps.set(v, 0);
    this.stampPruneAt = Math.max(STAMP_PRUNE_MIN, 2 * this.stamps.size);
    if (this.filmHop) app!.refilm();
  }

  /** The checkpoint's stretch stamps (settleAfterLayer): those of the voxels with stretched faces now, the only ones read. */
  private stampState(): { stampVoxels: string; stampValues: string } {
    const keep = [...this.stamps.keys()].filter((v) => this.str[v] !== 0);
    const vs = Int32Array.from(keep), xs = Float64Array.from(keep, (v) => this.stamps.get(v)!);
    return { stampVoxels: Buffer.from(vs.buffer).toString('base64'), stampValues: Buffer.from(xs.buffer).toString('base64') };
  }

  /** SEI voxels in the lattice now (both species). */
  seiVoxels(app: PlatingApp): number {
    let n = 0;
    for (const c of app.code) if (c === SEI || c === SEI_INORGANIC) n++;
    return n;
  }

  /** Metal faces touching electrolyte now, and how many of them carry a film. */
  surface(app: PlatingApp): { exposed: number; filmed: number } {
    let exposed = 0, filmed = 0;
    for (let v = 0; v < app.lat.n; v++) {
      const c = app.code[v]!;
      if (c !== METAL && c !== DEAD) continue;
      const m = this.exposedMask(app, v);
      exposed += popcount(m);
      filmed += popcount(m & this.cov[v]!);
    }
    return { exposed, filmed };
  }

  report(app: PlatingApp): Record<string, number> {
    const s = this.surface(app);
    const dc = deadClusters(app.lat, app.code);
    return {
      dead_clusters: dc.count,
      dead_cluster_mean_voxels: dc.mean_voxels,
      dead_cluster_max_voxels: dc.max_voxels,
      sei_bound_voxels: this.counters.bound,
      sei_bound_electrochemical_voxels: this.counters.boundElectrochemical,
      sei_voxels: this.seiVoxels(app),
      sei_fresh_faces_passivated: this.counters.freshFaces,
      sei_fresh_faces_by_plating: this.counters.freshByReduction,
      sei_fresh_faces_by_stripping: this.counters.freshByStripping,
      sei_faces_stretched: this.counters.stretched,
      sei_stretched_faces_closed: this.counters.healedFaces,
      sei_filmed_face_fraction: s.exposed > 0 ? s.filmed / s.exposed : 1,
      sei_inorganic_fraction: this.counters.inorganic / Math.max(1, this.counters.inorganic + this.counters.organic),
      dead_by_sei_voxels: this.counters.deadByWrap,
      active_sac_fraction: this.initialSacs > 0 ? this.activeSacs / this.initialSacs : 1,
      sac_sites_distorted: this.counters.sacDistorted,
      sac_sites_buried: this.counters.sacBuried,
      sei_film_factor: this.gFilm,
      sei_film_rejected_events: this.filmRejected,
      // mends62b: filmhop's option was in resolved.json alone; with it on, the barrier and the rate factor under the film
      // (the app's exp(-barrier / kT)). Off, no key: every other SEI run's metrics as before
      ...(this.filmHop ? { sei_film_hop_barrier_eV: app.filmHopBarrier_eV, sei_film_hop_factor: Math.exp(-app.filmHopBarrier_eV / app.phys.kT_eV) } : {}),
      ...(this.settledHop ? { sei_film_hop_settled_only: 1 } : {}),
      ...(this.faceHop && !this.axisHop ? { sei_film_hop_face_keyed: 1 } : {}),
      ...(this.axisHop ? { sei_film_hop_axis_keyed: 1 } : {}),
      // hostfilm64: a bare host (`host_film: false`) said in the metrics; the default, no key (every other run as before)
      ...(this.hostFilm ? {} : { sei_host_film: 0 }),
    };
  }
}

/**
 * Rate (relative to the passivation rate k) at which a stretched film settles: a tenth, i.e. about
 * 1 s at k = 10/s (assumed): exchange events that plate and strip an atom within that time leave
 * the film as it was; new area that lasts has its film crack (probability `crack`) or close up.
 */
const SETTLE = 0.1;

/** the stamp map is pruned first at this many entries, then each time it has doubled since the last pruning */
const STAMP_PRUNE_MIN = 64;
/** approximate bytes of one entry of a JS Map<number, number> (kmc/bandslotmap.ts's figure, for memory reports) */
const MAP_ENTRY_BYTES = 40;

/** faces a new atom's inherited film goes to first: up, then the four lateral ones, then down */
const FACE_ORDER = [4, 0, 1, 2, 3, 5] as const;
/** neighbours a stripped atom's film falls onto first: the one below, then the lateral ones, then above */
const FACE_ORDER_DOWN = [5, 0, 1, 2, 3, 4] as const;

/** net faradaic events so far (reductions - oxidations, voxels): the charge clock of settleAfterLayer */
function netFaradaic(app: PlatingApp): number { return app.counters.reductions - app.counters.oxidations; }

function popcount(x: number): number { let n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
