/**
 * The plating app: what events exist on a SAC-decorated host and at what rates
 * (MODEL.md sections 2-4). The solver (kmc/solver.ts) only draws; the electrochemistry
 * (electrochem/galvanostat.ts) only solves for the overpotential. This file is the physics.
 *
 * Events (rates at eta = 0; the solver's channel multipliers add exp(alpha f eta) to
 * reductions and exp(-(1 - alpha) f eta) to oxidations):
 *  - reduction into an empty voxel s touching a conducting solid:
 *      k0 * exp(-E_red(s)/kT), E_red(s) = barrier shift of the most catalytic neighbour
 *      (metal 0, host/SAC their redShift), k0 = i0 * a^2 / q (the metal's exchange rate per site)
 *  - oxidation of a connected metal voxel with an electrolyte neighbour:
 *      k0 * exp(-(E_red(s) + E_bond(s) - E_kink)/kT), E_bond = sum of its bonds, E_kink = 3 * bond
 *  - surface hop of a metal voxel to an empty neighbour that keeps a solid contact:
 *      nu * exp(-(E_ts + E_bond(s) [+ E_ES if crossing a step edge])/kT), E_bond the same bond sum
 *    as oxidation (metal-metal, metal-host, metal-SAC), E_ts = E_d(metal) - E_mm: one energy
 *    function (MODEL.md 8.3), detailed balance between hops, reduction and oxidation. On metal this
 *    is Clarke-Vvedensky bond counting with E_d the metal's terrace barrier and E_n = E_mm. All hops
 *    of one atom are one entity whose class is (bond sum, number of plain moves, number of step
 *    moves); the direction is drawn when the event fires.
 *
 * Memory: one byte of voxel code and one byte of neighbour counts per voxel; event tables
 * (hash slot map + solver entries) only for surface voxels.
 *
 * The neighbour byte packs two counts: bits 0-2 the solid (non-empty) neighbours, bits 3-5 the
 * "foreign" ones (solid but not METAL: host, SAC, dead metal). A voxel with no foreign neighbour
 * away from the z boundaries sees only metal and electrolyte, so its reduction or oxidation class
 * follows from the solid count alone (a table lookup, no neighbour scan): the hot path of
 * plating on metal; likewise one whose only foreign neighbour is the voxel below (a flat host).
 * The general rule (scan of the six neighbours) covers every other voxel. Bits 6-7 mark voxels
 * of the change set being collected (see collect / commitChange; zero between events).
 *
 * After an event only the events whose class really changed touch the solver and the slot map
 * (change sets), and a hopping atom takes its event-table entries with it (relabel): see
 * docs/engine.md for the machinery and its measured cost.
 */
import { ClassSolver } from '../kmc/solver.js';
import { Rng } from '../kmc/rng.js';
import { CubicLattice, DIRS } from '../kmc/lattice.js';
import { SlotMap, type VoxelSlots } from '../kmc/slotmap.js';
import { BandSlotMap } from '../kmc/bandslotmap.js';
import { EMPTY, METAL, DEAD, SEI, VOID, HOST_BASE, SAC_BASE, isSubstrate } from '../lattice/voxel.js';
import { DeadOrigins, DC_OX, DC_OX_SEI, DC_SEI, DC_OTHER } from './dead-origins.js';
import { SealedLiquid } from './liquid.js';
import { Connectivity } from './connectivity.js';
import { PLATING_CHANNELS } from './channels.js';
import { LoneAdatoms } from './lone-adatoms.js';
import { HopWords } from '../kmc/hop-words.js';
import { InputError } from '../errors.js';
import { isMap } from '../args.js';
import { filmMoveFaces } from './film-faces.js';

export const CH_RED = 0;
export const CH_OX = 1;
export const CH_HOP = 2;

/** Numbers the app needs, all in eV, 1/s, K. */
export interface PlatingPhysics {
  kT_eV: number;
  /** exchange rate per surface site of the metal on itself, 1/s */
  k0_per_s: number;
  /** hop attempt frequency, 1/s */
  nuHop_per_s: number;
  bond_eV: number; // metal-metal
  lateralBond_eV: number; // E_n
  schwoebel_eV: number;
  terraceBarrierMetal_eV: number;
  /** validation switch: no oxidation and no detachment (irreversible aggregation, Eden growth) */
  irreversible?: boolean;
  /**
   * Reduction rule: 'per-site' (default: every empty voxel touching a solid has the rate of its most
   * catalytic neighbour) or 'per-bond' (that rate times the number of solid neighbours: more contact,
   * more charge transfer). Both are Eden-like growth rules; the per-bond one has much smaller
   * corrections to KPZ scaling (Jullien and Botet 1985 on Eden-model variants).
   */
  reduction?: 'per-site' | 'per-bond';
  /**
   * Hop rules (docs/model.md, "On a vicinal foil"): 'solid-on-solid' (default) lets an atom with no
   * solid below hop onto a supported site, whose reverse move does not exist, and (connectivity on)
   * forbids a hop from under another atom, whose reverse is allowed; 'balanced' drops both
   * asymmetries: an unsupported atom does not hop (it is reached and left by reduction and oxidation
   * only), and an atom with metal on top hops like any other (a hop that would cut metal off is still
   * rejected). Then every hop has its reverse, and detailed balance holds for the hops too.
   */
  hops?: 'solid-on-solid' | 'balanced';
  /**
   * Sealed one-voxel pores (docs/model.md, "Known defects", E1; run file `model: { sealed_pores }`, branch e1pores):
   * 'fill' (default) gives an EMPTY voxel with no EMPTY face neighbour inside the box a reduction like any site that
   * touches a conductor, and the atom made there has no oxidation (no electrolyte face); 'keep' gives it none, so that
   * every reduction has its reverse. The top of the box is not electrolyte (oxidation reads it so too).
   * 'void' (branch e1void): liquid that no path of EMPTY voxels joins to the bulk (the top of the box) becomes VOID
   * (apps/liquid.ts): no reduction into it, no oxidation into it; it turns EMPTY again when a change joins it to the bulk.
   * The top of the box is then the bulk electrolyte: an atom in the top layer oxidises into it.
   */
  sealedPores?: 'fill' | 'keep' | 'void';
  /** voxel -> slot map: 'band' (default: direct indexing over the active z-band) or 'hash'; the same slots either way */
  slotIndex?: 'band' | 'hash';
  /**
   * Step-up moves in hop classes: 'thinned' (default) counts a step-up onto every lateral solid
   * neighbour whatever sits on top of it, and a drawn step-up whose landing voxel is taken is a
   * null event (rejection/thinning, exact in distribution; docs/engine-history.md, 'Speed in a growing film');
   * 'exact' counts only the free ones (the rule of earlier builds: their fixed-seed trajectories).
   */
  stepUp?: 'thinned' | 'exact';
  /**
   * Hop classes from a packed occupancy word per voxel (kmc/hop-words.ts), kept up to date as codes
   * change: 'on' or 'off' (default: 'off'); the same classes either way (docs/engine-history.md, "Eighth round").
   */
  hopWords?: 'on' | 'off';
  /**
   * Hops whose change set is proven from the codes to keep every class (a lone adatom moving in its
   * layer across a flat metal stretch) skip the change set: 'on' (default) or 'off'; the same
   * trajectory either way (docs/engine-history.md, "Twelfth round").
   */
  hopCarry?: 'on' | 'off';
  /**
   * Lone adatoms on flat terraces: 'first-passage' (default: a clean square around the atom is
   * crossed in one draw of the exact exit time and site, apps/lone-adatoms.ts) or 'exact' (hop by
   * hop). Used only when the Simulation binds its clock and the conditions of lone-adatoms.ts hold.
   */
  adatoms?: 'first-passage' | 'exact';
  /** smallest half-width of a first-passage domain (default 1; a tuning knob, the law of the run does not depend on it) */
  adatomMinHalfWidth?: number;
  /** per substrate code (host/SAC): binding, reduction shift, hop barrier when supporting an atom */
  substrate: Map<number, { binding_eV: number; redShift_eV: number; terraceBarrier_eV: number; conducting: boolean }>;
  /**
   * per SEI code (apps/events/sei.ts), absent = no SEI: the extra barrier of charge transfer
   * through it (ions cross the SEI at its conductance: plating under it, stripping through it)
   * and the bond of a metal atom to it
   */
  sei?: Map<number, { throughShift_eV: number; binding_eV: number }>;
  /**
   * deadtouch (opt-in; run file `sei: { reconnect_dead_on_contact: true }`): a METAL voxel placed face to face with
   * dead metal (reduction, hop landing, plating under SEI) turns the dead cluster back into METAL (PlatingApp.reconnect).
   * Absent or false: dead metal stays dead, as before.
   */
  reconnectDead?: boolean;
}

export interface PlatingCounters {
  reductions: number;
  oxidations: number;
  hops: number;
  /**
   * reductions that started a new nucleus: a site touching the substrate with no METAL or DEAD face neighbour (dead
   * metal counts as metal: an atom plated on the host beside a dead piece is not counted, review87 F4), and a reduction
   * under the SEI (plateUnderSei) with no METAL or DEAD neighbour, whose conductor is then the host or a SAC (the SEI
   * voxel's class needs one). Not in the trajectory nor metrics.json: the sector engine's report and bench/sector.ts
   * read it (no SEI, no dead metal there)
   */
  nucleations: number;
  nucleationsOnSac: number;
  /** hops rejected because they would cut metal off from the collector (see execute) */
  rejectedHops: number;
  /** null events: a drawn step-up whose landing voxel was taken (PlatingPhysics.stepUp 'thinned') */
  blockedStepUps: number;
}

const NO_CLASS = -1;
/** added to a move target that crosses a step edge (lattice indices stay below 2^30) */
const ES_MOVE = 1 << 30;
/** facehop: the face bits a move can leave through (lateral 0-3, top 4) and the top face's */
const FACE_HOP_BITS = 0x1f;
const UNSET = -2;
/**
 * The per-voxel byte `nbs`: bits 0-2 count the solid neighbours, bits 3-5 the foreign ones (host,
 * SAC, dead metal), bit 6 marks a voxel already in this event's faradaic change set, bit 7 one in
 * its hop change set (cleared when the event's change set is applied).
 */
const NB_FIELD = 7; // one 3-bit count
const NB_FOREIGN_SHIFT = 3;
const NB_COUNTS = 63;
/** PlatingApp.carry's `how` for a hop irreversibleCarries() passed */
const IRR_CARRY = 4;
const IN_FARADAIC_SET = 64;
const IN_HOP_SET = 128;

export class PlatingApp {
  readonly lat: CubicLattice;
  readonly code: Uint8Array;
  /** per voxel: number of solid neighbours (bits 0-2) + 8 x number of foreign ones (bits 3-5) */
  readonly nbs: Uint8Array;
  readonly solver: ClassSolver;
  readonly slots: VoxelSlots;
  readonly rng: Rng;
  readonly phys: PlatingPhysics;
  readonly counters: PlatingCounters = { reductions: 0, oxidations: 0, hops: 0, nucleations: 0, nucleationsOnSac: 0, rejectedHops: 0, blockedStepUps: 0 };
  /** metal voxels in the lattice (connected + dead) */
  metalCount = 0;
  /** dead metal voxels (cut off from the collector; see apps/connectivity.ts) */
  deadCount = 0;
  /** metal voxels that died in this process (cut off by stripping or by SEI; a diagnostic, not kept in checkpoints) */
  deadFormed = 0;
  /**
   * dead voxels turned back into METAL by the opt-in contact rule (PlatingPhysics.reconnectDead; a diagnostic of this
   * process, not kept in checkpoints). They leave deadCount, so the cycles' books count them as retained metal.
   */
  deadReconnected = 0;
  /** deadwhy diagnostics (traceDeadOrigins(); apps/dead-origins.ts): off (null) by default, reads only */
  deadOrigins: DeadOrigins | null = null;
  /** PlatingPhysics.reconnectDead (and connectivity on): metal placed against dead metal reconnects its cluster */
  readonly reconnectDead: boolean;
  /** electronic connectivity (null in irreversible validation runs, which never strip) */
  readonly conn: Connectivity | null;
  private readonly deadBuf: number[] = [];
  /** first-passage domains of lone adatoms (apps/lone-adatoms.ts), or null (PlatingPhysics.adatoms 'exact', or conditions not met) */
  readonly lone: LoneAdatoms | null;

  // per-code tables
  private readonly shiftOf = new Float64Array(256).fill(Infinity); // reduction shift; Infinity = not catalytic
  /** per SEI code: extra barrier of charge transfer through it (Infinity = not an SEI code); seiFlag 1 for SEI codes */
  private readonly seiShiftOf = new Float64Array(256).fill(Infinity);
  private readonly seiFlag = new Uint8Array(256);
  private readonly bindOf = new Float64Array(256); // bond of a metal atom to this neighbour
  private readonly redClassOf = new Int32Array(256).fill(NO_CLASS);
  private readonly oxClasses = new Map<number, number>();
  /** material index (0..7) of each code for the oxidation signature cache; -1 = not cached */
  private readonly typeIndexOf = new Int8Array(256).fill(-1);
  private readonly oxCacheKey = new Int32Array(65536).fill(-1);
  private readonly oxCacheVal = new Int32Array(65536);
  private readonly hopClassTable: Int32Array; // (support*8 + nLat)*64 + nPlain*8 + nEs
  /** hop occupancy words (kmc/hop-words.ts), or null when off or the lattice does not allow them */
  private readonly hw: HopWords | null;
  private readonly nbBuf = new Int32Array(6);
  private readonly nbBuf2 = new Int32Array(6);
  private readonly nbBuf3 = new Int32Array(6);
  /** reconnect()'s neighbour buffer (it runs after every reduction and hop landing when reconnectDead is on) */
  private readonly nbReconnect = new Int32Array(6);
  private readonly hopW = new Float64Array(6);
  private readonly hopT = new Int32Array(6);
  /** irreversible aggregation (validation runs): no oxidation, atoms with a lateral bond never move */
  readonly irreversible: boolean;
  /** hop attempt frequency 0 (Eden growth in validation runs): no hop events (a class of rate 0 would never be drawn: the hop channel's total is 0 either way) */
  private readonly noHops: boolean;
  /** reduction rate proportional to the number of solid neighbours (see PlatingPhysics.reduction) */
  readonly perBond: boolean;
  /** PlatingPhysics.sealedPores === 'keep': an EMPTY voxel with no EMPTY face neighbour inside the box has no reduction */
  readonly keepSealed: boolean;
  /** PlatingPhysics.sealedPores === 'void': the electrolyte's connectivity (apps/liquid.ts), or null */
  readonly liquid: SealedLiquid | null;
  /**
   * sealed_pores void: liquid voxels turned VOID (sealed off) and VOID voxels turned EMPTY (joined again), in this
   * process (a rebuild carries them over; a diagnostic, not kept in checkpoints)
   */
  voidSealed = 0;
  voidOpened = 0;
  /** sealed_pores void: called with each voxel the liquid labelling relabels (a sector thread notes its shared ones), or null */
  onRelabel: ((v: number) => void) | null = null;
  /** sealed_pores void: VOID voxels in the lattice */
  voidCount = 0;
  /**
   * sealed_pores void with the SEI (branch voidsei): the VOID voxels the last event turned EMPTY (pockets joined to the
   * bulk again), in the order relabelled; the SEI module reads and empties it after every event (SeiModule's
   * exposeReopened: the metal faces onto them touch electrolyte again). Filled only when phys.sei is set.
   */
  readonly reopened: number[] = [];
  private readonly keepReopened: boolean;
  private readonly toEmptyBuf: number[] = [];
  private readonly toVoidBuf: number[] = [];
  /** step-up moves counted whatever sits on the step (null event when taken; PlatingPhysics.stepUp) */
  readonly thinStepUp: boolean;
  private readonly redPerBond = new Int32Array(256 * 8).fill(NO_CLASS);
  /**
   * Fast-path classes of EMPTY/METAL voxels with no foreign neighbour or only the one below,
   * indexed ((code << 8) | code below) << 4 | neighbour byte. For such a voxel the neighbour scan
   * (faradaicSlow) depends on nothing else, so each entry is filled by the scan of the first voxel
   * that needs it (UNSET = not yet): the physics stays in one place.
   */
  private readonly fastCls = new Int32Array(2 << 12).fill(UNSET);
  private readonly nxy: number;
  /** n - nxy: voxels below this index are not in the top layer */
  private readonly nInner: number;
  /**
   * faradaicClass's keyed cache holds for lo <= v < hi: every neighbour inside the box, so 5 solid
   * neighbours mean one electrolyte neighbour (nxy and nInner; with helical boundaries,
   * kmc/helical-lattice.ts, the layers whose lateral neighbours can fall outside the box stay out too)
   */
  private readonly keyLo: number;
  /** PlatingPhysics.hops === 'balanced' */
  private readonly balancedHops: boolean;
  /** the solid-on-solid rule of hopClass holds (connectivity on, hops not balanced): an atom with a solid on top has no hop event */
  private readonly sosRule: boolean;
  /** whether hops may take the carry path (carries(); PlatingPhysics.hopCarry) */
  private readonly carryOn: boolean;
  /** whether an irreversible run's hops may take its carry path (irreversibleCarries(); PlatingPhysics.hopCarry) */
  private readonly irrCarryOn: boolean;
  /** hops that took the carry path (no change set; for tests and benchmarks) */
  carriedHops = 0;
  /** every lateral neighbour lies in its voxel's layer (no helical boundary): hopClass's inline case holds */
  private readonly lateralInLayer: boolean;
  private readonly keyHi: number;
  /** neighbour-byte weight of each code: EMPTY 0, METAL 1, foreign (solid, not METAL) 9 */
  private readonly nbWeight = new Uint8Array(256).fill(9);
  /** destination of the last accepted hop (observers such as the concentration field read it) */
  lastHopTo = -1;
  /**
   * The electrolyte voxel the last faradaic event through an SEI voxel changed (branch fieldcost): plateUnderSei's
   * (the EMPTY voxel the lifted SEI took) or stripUnderSei's (the SEI voxel that became EMPTY); -1 after any other
   * faradaic event. The concentration field reads it: that voxel, not the event's site, leaves or joins the liquid.
   * A #private field: read right after the event, so a checkpoint neither records nor needs it.
   */
  get seiMoved(): number { return this.#seiMoved; }
  #seiMoved = -1;
  /** whether code c is an SEI code (a reduction drawn at such a voxel plates under it: plateUnderSei) */
  isSeiCode(c: number): boolean { return this.seiFlag[c] === 1; }
  /**
   * filmhop (opt-in, `sei: { film_hop_barrier }`): the SEI module's film face bits per voxel (SeiModule's `cov`, the same
   * array), or null (the default: hops ignore the film). An atom with a film on any face hops at its bare rate times
   * filmHopFactor = exp(-barrier / kT): hopClass maps its class to a filmed twin (filmedHop). The rate is a function of the
   * codes and of the atom's own film bits, so the SEI module re-rates every atom whose film bits it changes (refreshHop)
   * and checkConsistency recomputes it from scratch. Set by attachFilm (the SEI module; a rebuild carries it over).
   */
  film: Uint8Array | null = null;
  /**
   * settledhop (opt-in, `sei: { film_hop_on: settled }`): the SEI module's stretched-face bits (its `str`, the same array),
   * or null (film_hop_on any, the default: any film bit slows the atom). Set: only an atom with SETTLED film on some face
   * (film & ~filmStr, filmed not stretched) takes the filmed twin; the module re-rates every atom whose settled bits it
   * changes (a stretch settling, healing or cracking included). Set by attachFilm beside `film`.
   */
  filmStr: Uint8Array | null = null;
  /**
   * facehop (opt-in, `sei: { film_hop_on: face }`; filmStr set beside it): the barrier acts per MOVE, on the face the move
   * leaves through (a lateral move or a step-down: the lateral face towards it; a step-up: the top face), when that face
   * carries settled film (film & ~filmStr); other moves go at the bare rate. hopClass maps the bare class to its face twin
   * (faceHop: the class with m of its moves slowed); the move is drawn with the same weights. Set by attachFilm.
   */
  filmFace = false;
  /**
   * axishop (opt-in, `sei: { film_hop_on: axis }`; filmFace set beside it): the symmetric rule, a move slowed when ANY face
   * on its axis carries settled film (a plain move in direction d: faces d and d^1; a step-down d: face d and the top; a
   * step-up d: the top and face d^1; film-faces.ts), so that its reverse reads the same faces where the film is carried.
   */
  filmAxis = false;
  /** filmhop: the extra barrier of a hop under the film, eV (0 without) */
  filmHopBarrier_eV = 0;
  private filmHopFactor = 1;
  /** filmhop: bare hop class -> its filmed twin (rate x filmHopFactor), made when first needed */
  private readonly filmedHopClass = new Map<number, number>();
  /** facehop: (bare class x 64 + slowed plain moves x 8 + slowed step moves) -> its class */
  private readonly faceHopClass = new Map<number, number>();
  /** facehop: per bare hop class (made by hopClassByBond), its per-move rate k and its plain and step moves */
  private readonly hopMoveRate = new Map<number, readonly [number, number, number]>();
  private readonly nbBufF = new Int32Array(DIRS);
  /** highest z that METAL has reached (an upper bound on the METAL voxels' z: it never decreases) */
  maxMetalZ = -1;
  /** the bottom layers below this z are all substrate (which never changes): no METAL there, ever */
  private readonly metalFloorZ: number;
  private readonly eKink: number;
  private readonly esFactor: number;
  /** transition-state offset of a hop, eV: E_d(metal) - E_mm (see hopClass) */
  private readonly eTs: number;

  /**
   * `parts` (optional) supplies the solver and the slot map in place of the default ones: the sector
   * scheme (parallel/strip-solver.ts) files each event under its strip as well, so that a phase draws
   * from its own strip only. They must start empty; the app fills them as it would its own.
   */
  constructor(lat: CubicLattice, code: Uint8Array, phys: PlatingPhysics, rng: Rng, parts?: {
    solver: ClassSolver; slots: VoxelSlots;
    /** sealed_pores void in a sector thread: per x column, 1 = another thread's (apps/liquid.ts, "Foreign columns") */
    foreignColumns?: Uint8Array;
  }) {
    // the engine's own arrays: checked once per construction (a run, a rebuild), never per event
    if (!isMap(lat) || !Number.isInteger((lat as { n?: unknown }).n)) throw new InputError('lat', lat, 'the lattice of a Simulation (sim.app.lat) or a new CubicLattice(nx, ny, nz)');
    if (!(code instanceof Uint8Array) || code.length !== lat.n) throw new InputError('code', code instanceof Uint8Array ? `${code.length} voxel codes` : code, `a Uint8Array of voxel codes, one per lattice site (${lat.n})`);
    if (!isMap(phys)) throw new InputError('phys', phys, 'the plating physics of a run (what a Simulation builds from its resolved run)');
    if (!(rng instanceof Rng)) throw new InputError('rng', rng, 'an Rng: new Rng(seed)');
    this.lat = lat;
    this.code = code;
    this.phys = phys;
    this.rng = rng;
    this.irreversible = phys.irreversible === true;
    this.noHops = phys.nuHop_per_s === 0;
    this.perBond = phys.reduction === 'per-bond';
    this.keepSealed = phys.sealedPores === 'keep';
    if (phys.sealedPores === 'void' && phys.irreversible === true) throw new InputError('phys.sealedPores', 'void', "'fill' or 'keep' in an irreversible run (no oxidation there)");
    // sealed_pores void: the labelling from scratch, before any table reads the codes (a rebuild finds nothing to change)
    this.liquid = phys.sealedPores === 'void' ? new SealedLiquid(lat, code, parts?.foreignColumns ?? null) : null;
    if (this.liquid !== null) this.liquid.labelAll();
    this.keepReopened = this.liquid !== null && phys.sei !== undefined && phys.sei.size > 0;
    this.thinStepUp = phys.stepUp !== 'exact';
    this.balancedHops = phys.hops === 'balanced';
    this.reconnectDead = phys.reconnectDead === true && !this.irreversible;
    if (lat.periodicZ) throw new Error('the plating app needs a lattice closed in z (z = 0 is the collector side)');
    if (lat.n >= ES_MOVE) throw new Error(`the plating app holds at most 2^30 voxels, got ${lat.n}`);
    this.nbs = new Uint8Array(lat.n);
    this.nxy = lat.nxy;
    this.nInner = lat.n - lat.nxy;
    const rim = Math.max(1, lat.riseX, lat.riseY) * lat.nxy;
    this.keyLo = rim; this.keyHi = lat.n - rim;
    this.lateralInLayer = lat.riseX === 0 && lat.riseY === 0;
    this.solver = parts?.solver ?? new ClassSolver(PLATING_CHANNELS, 4096);
    this.slots = parts?.slots ?? (phys.slotIndex === 'hash' ? new SlotMap(1 << 12) : new BandSlotMap(lat.nxy, lat.n));
    this.eKink = 3 * phys.bond_eV;
    this.nbWeight[EMPTY] = 0;
    this.nbWeight[METAL] = 1;
    this.esFactor = Math.exp(-phys.schwoebel_eV / phys.kT_eV);
    this.eTs = phys.terraceBarrierMetal_eV - phys.bond_eV;
    // code tables
    this.shiftOf[METAL] = 0;
    this.bindOf[METAL] = phys.bond_eV;
    this.bindOf[DEAD] = phys.bond_eV; // bonds to dead metal still bind (it is metal), but it does not conduct
    for (const [c, s] of phys.substrate) {
      this.shiftOf[c] = s.conducting ? s.redShift_eV : Infinity;
      this.bindOf[c] = s.binding_eV;
    }
    for (const [c, s] of phys.sei ?? []) { this.seiShiftOf[c] = s.throughShift_eV; this.seiFlag[c] = 1; this.bindOf[c] = s.binding_eV; }
    this.hopClassTable = new Int32Array(256 * 8 * 64).fill(NO_CLASS);
    {
      let ti = 0;
      this.typeIndexOf[METAL] = ti++;
      this.typeIndexOf[DEAD] = ti++;
      for (const c of phys.substrate.keys()) if (ti < 8) this.typeIndexOf[c] = ti++;
    }
    // reduction classes: one per distinct rate (codes with the same barrier shift share a class, so
    // that an empty voxel whose best neighbour changes between equally catalytic codes, e.g. metal
    // and a host with no shift, keeps its event untouched)
    for (let c = 0; c < 256; c++) {
      if (Number.isFinite(this.shiftOf[c]!)) this.redClassOf[c] = this.redClassByRate(this.shiftOf[c]!, 1);
    }
    // neighbour counts and initial events
    // nbs[i] is the sum of nbWeight over i's neighbours. It is filled from the voxels of non-zero
    // weight, each adding its weight to its neighbours: the same integer sums as a sum over the
    // neighbours of every voxel, because the neighbour relation is symmetric (j is a neighbour of i
    // as many times as i is of j, on the cubic and the helical lattice alike), without a neighbour
    // computation for each empty voxel of a tall box (issue 11, sixteenth round: 0.5 s of a 100 nm
    // protocol's start, 12.5 M voxels of which 62,500 are not EMPTY)
    const nb = this.nbBuf, nbs = this.nbs, weight = this.nbWeight, nxy = lat.nxy;
    // the highest voxel that is not EMPTY or has a neighbour that is not: above it no voxel has an event
    let hiSite = -1;
    for (let i = 0; i < lat.n; i++) {
      const c = code[i]!;
      if (c === EMPTY) continue;
      if (i > hiSite) hiSite = i;
      const w = weight[c]!;
      if (w !== 0) {
        lat.neighbors(i, nb);
        for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0) { nbs[t] = nbs[t]! + w; if (t > hiSite) hiSite = t; } }
      }
      if (c === METAL || c === DEAD) this.metalCount++;
      if (c === METAL) this.maxMetalZ = Math.max(this.maxMetalZ, (i / nxy) | 0); // e.g. a metal-foil host
      if (c === DEAD) this.deadCount++;
      if (c === VOID) this.voidCount++;
    }
    this.carryOn = phys.hopCarry !== 'off' && this.thinStepUp && !this.irreversible && this.lateralInLayer && !this.perBond;
    this.irrCarryOn = phys.hopCarry !== 'off' && this.thinStepUp && this.irreversible && this.lateralInLayer && !this.perBond && !this.noHops;
    this.hw = phys.hopWords === 'on' && this.thinStepUp && !this.irreversible && HopWords.fits(lat) ? new HopWords(lat, code) : null;
    {
      let fz = 0;
      outer: for (; fz < lat.nz; fz++) {
        for (let i = fz * lat.nxy; i < (fz + 1) * lat.nxy; i++) if (!isSubstrate(code[i]!)) break outer;
      }
      this.metalFloorZ = fz; // (z - 1 >= fz >= 0 also keeps u = w - nxy inside the box)
    }
    const conducting: number[] = [];
    for (const [c, s] of phys.substrate) if (s.conducting) conducting.push(c);
    this.conn = this.irreversible ? null : new Connectivity(lat, code, conducting);
    this.sosRule = this.conn !== null && !this.balancedHops;
    if (phys.adatoms !== 'exact' && this.conn && !this.perBond && this.thinStepUp && !(phys.sei && phys.sei.size > 0)) {
      // floors a protected atom may sit on: the metal, and codes at least as catalytic for reduction
      // (the reduction sites beside the atom then keep the floor's class; lone-adatoms.ts)
      const floorOk = new Uint8Array(256);
      for (let c = 0; c < 256; c++) {
        if (c === METAL || (isSubstrate(c) && Number.isFinite(this.shiftOf[c]!) && (this.shiftOf[c]! <= this.shiftOf[METAL]! || this.redClassOf[c] === this.redClassOf[METAL]))) floorOk[c] = 1;
      }
      this.lone = new LoneAdatoms(this, floorOk, phys.adatomMinHalfWidth ?? 1);
    } else this.lone = null;
    // (every voxel above hiSite is EMPTY with no solid neighbour: no event, nothing to refresh)
    for (let i = 0; i <= hiSite; i++) {
      const c = code[i]!;
      if (c === EMPTY) { if (this.nbs[i]! > 0) this.refreshFaradaic(i); }
      else if (c === METAL) { this.refreshFaradaic(i); this.refreshHop(i); }
      else if (this.seiFlag[c] === 1) this.refreshFaradaic(i);
    }
  }

  // ---- entity bookkeeping: entity = slot * 2 + (0 faradaic | 1 hop)

  /** a voxel whose slot is known without a lookup (the voxel of the event being executed), or -1 */
  private knownV = -1;
  private knownSlot = -1;

  private setEntity(v: number, kind: 0 | 1, cls: number): void {
    const slots = this.slots;
    if (cls === NO_CLASS) {
      const slot = v === this.knownV ? this.knownSlot : slots.get(v);
      if (slot < 0) return;
      const e = slot * 2 + kind;
      this.solver.set(e, NO_CLASS);
      if (this.solver.classOf(slot * 2 + (1 - kind)) === NO_CLASS) {
        slots.delete(v);
        if (v === this.knownV) this.knownV = -1;
      }
      return;
    }
    const slot = v === this.knownV ? this.knownSlot : slots.getOrAdd(v);
    const e = slot * 2 + kind;
    if (e + 2 > this.solver.entityCapacity) this.solver.ensureEntities(e + 2);
    this.solver.set(e, cls);
  }

  /** Sets the hop event of voxel v to class cls (-1: none); for apps/lone-adatoms.ts. */
  setHopEntity(v: number, cls: number): void { this.setEntity(v, 1, cls); }

  /** Recomputes the reduction/oxidation event of voxel v. */
  refreshFaradaic(v: number): void { this.setEntity(v, 0, this.faradaicClass(v)); }

  /** Class of the reduction (empty v) or oxidation (metal v) event of voxel v, or -1. */
  faradaicClass(v: number): number {
    const code = this.code;
    const c = code[v]!;
    if (c < 2 && v >= this.keyLo && v < this.keyHi) {
      // EMPTY or METAL inside the box, with no foreign neighbour or only the one below (a flat
      // host or dead metal): the class depends on (code, code below, neighbour counts) alone
      const packed = this.nbs[v]! & NB_COUNTS;
      if (packed < 16) {
        const below = code[v - this.nxy]!;
        if (packed < 8 || (this.nbWeight[below] === 9 && this.seiFlag[below] === 0)) {
          const key = (((c << 8) | below) << 4) | packed;
          const k = this.fastCls[key]!;
          return k !== UNSET ? k : (this.fastCls[key] = this.faradaicSlow(v, c));
        }
      }
    }
    return this.faradaicSlow(v, c);
  }

  /** The general rule: a scan of the six neighbours. */
  private faradaicSlow(v: number, c: number): number {
    const code = this.code;
    const nSolid = this.nbs[v]! & NB_FIELD;
    const nb = this.nbBuf2;
    if (c === EMPTY) {
      if (nSolid === 0) return NO_CLASS;
      this.lat.neighbors(v, nb);
      let best = Infinity, bestCode = -1, inBox = 0;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) continue;
        inBox++;
        const s = this.shiftOf[code[t]!]!;
        if (s < best) { best = s; bestCode = code[t]!; }
      }
      if (bestCode < 0) return NO_CLASS;
      // sealed_pores keep (docs/model.md, E1): no EMPTY face neighbour inside the box, no reduction (every face in the
      // box solid: nSolid counts them; the fast key of faradaicClass holds only voxels with all six faces in the box, so
      // (code, code below, counts) still fixes the class there)
      if (this.keepSealed && nSolid === inBox) return NO_CLASS;
      return this.perBond ? this.redClassPerBond(bestCode, nSolid) : this.redClassOf[bestCode]!;
    }
    if (c === METAL) {
      if ((nSolid === 6 && this.seiFlag[SEI] === 0) || this.irreversible) return NO_CLASS; // buried: no electrolyte contact
      this.lat.neighbors(v, nb);
      // Fast path: the oxidation energy depends only on the multiset of neighbour codes, so a
      // packed count signature (3 bits per material) indexes a direct-mapped cache of classes.
      // (A voxel on the closed z = 0 boundary is not cached: its missing neighbour is neither
      // solid nor electrolyte, and "5 solid + boundary" must not share a key with "5 solid + 1 empty".)
      let sig = 0, fast = true;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) { fast = false; break; }
        const ct = code[t]!;
        if (ct === EMPTY) continue;
        const ti = this.typeIndexOf[ct]!;
        if (ti < 0) { fast = false; break; }
        sig += 1 << (3 * ti);
      }
      if (fast && sig !== 0 && nSolid < 6) {
        const h = (sig ^ (sig >>> 12)) & 0xffff;
        if (this.oxCacheKey[h] === sig) return this.oxCacheVal[h]!;
        const c = this.oxClassSlow(v);
        this.oxCacheKey[h] = sig;
        this.oxCacheVal[h] = c;
        return c;
      }
      return this.oxClassSlow(v);
    }
    if (this.seiFlag[c] === 1) return this.seiReductionClass(v, c);
    return NO_CLASS;
  }

  /**
   * Reduction through the SEI voxel v (code c): an ion crosses it and is reduced on the conductor
   * beneath (connected metal, conducting host or SAC); the new atom takes v's place and the SEI is
   * pushed out into an electrolyte voxel beside it (see plateUnderSei). Needs a conducting and an
   * EMPTY neighbour; rate of the most catalytic conducting neighbour's site times
   * exp(-throughShift/kT) (the SEI's ion conductance, apps/events/sei.ts).
   */
  private seiReductionClass(v: number, c: number): number {
    const code = this.code, nb = this.nbBuf2;
    this.lat.neighbors(v, nb);
    let best = Infinity, empty = false;
    for (let d = 0; d < DIRS; d++) {
      const t = nb[d]!;
      if (t < 0) continue;
      const ct = code[t]!;
      if (ct === EMPTY) empty = true; else if (this.shiftOf[ct]! < best) best = this.shiftOf[ct]!;
    }
    return empty && best < Infinity ? this.redClassByRate(best + this.seiShiftOf[c]!, 1) : NO_CLASS;
  }

  /** per-bond reduction class: the most catalytic neighbour's rate times the solid-neighbour count */
  private redClassPerBond(bestCode: number, nSolid: number): number {
    const key = bestCode * 8 + nSolid;
    let c = this.redPerBond[key]!;
    if (c === NO_CLASS) {
      c = this.redClassByRate(this.shiftOf[bestCode]!, nSolid);
      this.redPerBond[key] = c;
    }
    return c;
  }

  private readonly redClasses = new Map<number, number>();
  /** The reduction class of rate factor * k0 exp(-shift/kT) (one class per distinct shift and factor). */
  private redClassByRate(shift_eV: number, factor: number): number {
    const key = Math.round(shift_eV * 1e7) * 8 + factor;
    let c = this.redClasses.get(key);
    if (c === undefined) {
      c = this.solver.addClass(factor * this.phys.k0_per_s * Math.exp(-shift_eV / this.phys.kT_eV), CH_RED);
      this.redClasses.set(key, c);
    }
    return c;
  }

  private oxClassSlow(v: number): number {
    const code = this.code, nb = this.nbBuf2;
    {
      this.lat.neighbors(v, nb);
      let best = Infinity, bond = 0, hasEmpty = false, through = Infinity;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        // sealed_pores void: the top of the box is the bulk electrolyte (apps/liquid.ts)
        if (t < 0) { if (d === 4 && this.liquid !== null) hasEmpty = true; continue; }
        const ct = code[t]!;
        if (ct === EMPTY) { hasEmpty = true; continue; }
        bond += this.bindOf[ct]!;
        const s = this.shiftOf[ct]!;
        if (s < best) best = s;
        // through an SEI voxel only when it touches electrolyte (the ion has somewhere to go)
        if (this.seiShiftOf[ct]! < through && this.touchesEmpty(t)) through = this.seiShiftOf[ct]!;
      }
      if (!Number.isFinite(best)) return NO_CLASS;
      // no electrolyte neighbour: stripping through the SEI that covers it, at the SEI's conductance
      if (!hasEmpty) return Number.isFinite(through) ? this.oxClass(best + bond - this.eKink + through) : NO_CLASS;
      return this.oxClass(best + bond - this.eKink);
    }
  }

  private readonly nbBuf4 = new Int32Array(6);
  /** whether voxel v has an electrolyte (EMPTY) neighbour */
  private touchesEmpty(v: number): boolean {
    const nb = this.nbBuf4;
    this.lat.neighbors(v, nb);
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && this.code[t] === EMPTY) return true; }
    return false;
  }

  /** An SEI voxel's metal neighbours strip through it only while it touches electrolyte: they depend on its neighbours too. */
  private readonly nbBuf5 = new Int32Array(6);
  private addSeiReach(w: number): void {
    const nb = this.nbBuf5;
    this.lat.neighbors(w, nb);
    for (let d = 0; d < DIRS; d++) { const u = nb[d]!; if (u >= 0 && this.code[u] === METAL) this.addF(u); }
  }

  private oxClass(E: number): number {
    const key = Math.round(E * 1e7);
    let c = this.oxClasses.get(key);
    if (c === undefined) {
      c = this.solver.addClass(this.phys.k0_per_s * Math.exp(-(key * 1e-7) / this.phys.kT_eV), CH_OX);
      this.oxClasses.set(key, c);
    }
    return c;
  }

  /**
   * Where a lateral move of the atom at v in direction d (0..3, neighbour t) lands, or -1; a move
   * that crosses a step edge comes back with ES_MOVE added (target = result - ES_MOVE).
   * Atoms move on surfaces (solid-on-solid-like, with overhangs allowed elsewhere):
   *  - t empty and supported (solid below t): a plain terrace move to t;
   *  - t empty, unsupported, and the voxel below it is supported: a step-down move to t - z
   *    (carries the Ehrlich-Schwoebel barrier);
   *  - t solid and t + z empty: a step-up move onto the step edge. Crossing a step edge carries
   *    the Ehrlich-Schwoebel barrier both ways (detailed balance).
   */
  private moveTarget(v: number, t: number): number {
    const code = this.code, nxy = this.nxy, n = this.lat.n;
    if (t < 0) return -1;
    if (code[t] === EMPTY) {
      const tb = t - nxy;
      if (tb < 0) return -1;
      if (code[tb] !== EMPTY) return t;
      const tbb = tb - nxy;
      if (tbb >= 0 && code[tbb] !== EMPTY) return tb + ES_MOVE;
      return -1;
    }
    const tu = t + nxy;
    if (tu < n && v + nxy < n && code[tu] === EMPTY && code[v + nxy] === EMPTY) return tu + ES_MOVE;
    return -1;
  }

  /**
   * moveTarget with the step-up rule thinned (PlatingPhysics.stepUp): a step-up onto solid t is
   * counted whether or not the voxel on top of t is free (the caller checks it when the move is
   * drawn). The hop class of an atom then does not depend on the voxels diagonally above it, so a
   * change no longer touches the atoms beside it one layer below (collect), nor their classes.
   */
  private moveTargetBound(v: number, t: number): number {
    const code = this.code, nxy = this.nxy, n = this.lat.n;
    if (t < 0) return -1;
    if (code[t] === EMPTY) {
      const tb = t - nxy;
      if (tb < 0) return -1;
      if (code[tb] !== EMPTY) return t;
      const tbb = tb - nxy;
      if (tbb >= 0 && code[tbb] !== EMPTY) return tb + ES_MOVE;
      return -1;
    }
    const tu = t + nxy;
    if (tu < n && v + nxy < n && code[v + nxy] === EMPTY) return tu + ES_MOVE;
    return -1;
  }

  /** Recomputes the hop event of voxel v (an atom's moves). */
  refreshHop(v: number): void { this.setEntity(v, 1, this.hopClass(v)); }

  /**
   * filmhop: hops read the film face bits `film` (the SEI module's, shared) from now on, an atom with any film bit hopping
   * at its rate x exp(-barrier_eV / kT); re-rates every atom. settledhop: with `stretched` (the module's `str`, shared)
   * only an atom with a settled film bit (film & ~stretched) is slowed. barrier 0: nothing changes (film stays null). Not with
   * first-passage lone adatoms (their domains draw bare-rate hops): refused.
   */
  attachFilm(film: Uint8Array, barrier_eV: number, stretched: Uint8Array | null = null, face = false, axis = false): void {
    if (!(barrier_eV >= 0 && barrier_eV <= 2)) throw new InputError('sei.film_hop_barrier', barrier_eV, 'an extra hop barrier under the film in eV, from 0 to 2');
    if (!(film instanceof Uint8Array) || film.length !== this.lat.n) throw new InputError('film', film, `a Uint8Array of film face bits, one per lattice site (${this.lat.n})`);
    if (stretched !== null && (!(stretched instanceof Uint8Array) || stretched.length !== this.lat.n)) throw new InputError('sei.film_hop_on', stretched, `a Uint8Array of stretched-face bits, one per lattice site (${this.lat.n})`);
    if (face && stretched === null) throw new InputError('sei.film_hop_on', 'face', 'the stretched-face bits beside the film (face-keyed hops read settled film: film & ~stretched)');
    if (axis && !face) throw new InputError('sei.film_hop_on', 'axis', 'the face-keyed machinery beside it (attachFilm(film, barrier, stretched, true, true))');
    if (barrier_eV === 0) return;
    if (this.lone !== null) throw new InputError('engine.adatoms', this.phys.adatoms ?? 'first-passage', "'exact' with sei.film_hop_barrier (first-passage domains draw hops at the bare rate)");
    this.film = film;
    this.filmStr = stretched;
    this.filmFace = face;
    this.filmAxis = axis;
    this.filmHopBarrier_eV = barrier_eV;
    this.filmHopFactor = Math.exp(-barrier_eV / this.phys.kT_eV);
    this.refilm();
  }

  /** filmhop: re-rates every atom's hop (after the film bits changed wholesale: attachFilm, a restored SEI state). */
  refilm(): void {
    const code = this.code;
    for (let v = 0; v < this.lat.n; v++) if (code[v] === METAL) this.refreshHop(v);
  }

  /** filmhop: the class of a hop of the atom at v whose bare class is cls: its filmed twin when v has a film bit (settledhop: a settled one) */
  private filmedHop(v: number, cls: number): number {
    if (this.filmFace) return this.faceHop(v, cls);
    const str = this.filmStr;
    if ((str === null ? this.film![v]! : this.film![v]! & ~str[v]!) === 0) return cls;
    let c = this.filmedHopClass.get(cls);
    if (c === undefined) {
      c = this.solver.addClass(this.solver.rate[cls]! * this.filmHopFactor, CH_HOP);
      this.filmedHopClass.set(cls, c);
    }
    return c;
  }

  /**
   * facehop: the class of a hop of the atom at v whose bare class is cls (k (n_plain + n_step e^(-E_ES/kT)), hopClassByBond),
   * with each move that leaves through a face carrying settled film (film & ~filmStr) slowed by filmHopFactor: a plain
   * move or a step-down leaves through the lateral face towards it (bit d), a step-up through the top face (bit 4; the
   * lateral face there is a metal contact). Rate k ((n_plain - m_plain) + (n_step - m_step) e^(-E_ES/kT) + f (m_plain +
   * m_step e^(-E_ES/kT))); the bare class when no move is slowed. The moves are counted as hopClass counts them.
   */
  private faceHop(v: number, cls: number): number {
    const s = this.film![v]! & ~this.filmStr![v]! & FACE_HOP_BITS;
    if (s === 0) return cls;
    const code = this.code, nb = this.nbBufF, thin = this.thinStepUp;
    this.lat.neighbors(v, nb);
    let mP = 0, mE = 0;
    for (let d = 0; d < 4; d++) {
      const t = nb[d]!;
      if (this.irreversible && t >= 0 && code[t] !== EMPTY) continue;
      const m = thin ? this.moveTargetBound(v, t) : this.moveTarget(v, t);
      if (m < 0) continue;
      const step = m >= ES_MOVE;
      // the faces the move reads (film-faces.ts): face, the one it leaves through; axis, those on its axis
      if ((s & filmMoveFaces(d, code[t] !== EMPTY, step, this.filmAxis)) === 0) continue;
      if (step) mE++; else mP++;
    }
    if (mP + mE === 0) return cls;
    const key = cls * 64 + mP * 8 + mE;
    let c = this.faceHopClass.get(key);
    if (c === undefined) {
      const [k, nP, nE] = this.hopMoveRate.get(cls)!;
      const es = this.esFactor, f = this.filmHopFactor;
      c = this.solver.addClass(k * ((nP - mP) + (nE - mE) * es + f * (mP + mE * es)), CH_HOP);
      this.faceHopClass.set(key, c);
    }
    return c;
  }

  /**
   * Class of the hop event of the atom at v, or -1. One energy function (MODEL.md 8.3): a hop
   * costs the transition-state offset E_ts plus every bond the atom has (metal-metal, metal-host,
   * metal-SAC: bindOf of each solid neighbour, the support below included), the same E_bond that
   * its oxidation pays. E_ts = E_d(metal) - E_mm, so an adatom on the metal's own terrace hops over
   * the metal's terrace barrier; on a host it hops over E_ts + E_host. Hops, reduction and
   * oxidation then obey detailed balance with one set of site energies. filmhop (opt-in, `film`): an atom with a film bit
   * on any face takes its class's filmed twin, rate x exp(-film_hop_barrier / kT) (filmedHop; docs/model.md).
   */
  hopClass(v: number): number {
    const code = this.code;
    if (code[v] !== METAL || this.noHops) return NO_CLASS; // noHops: every hop class would have rate 0
    const nxy = this.nxy;
    if (v < nxy) return NO_CLASS; // collector-side layer does not move
    // Solid-on-solid rule when connectivity is on (cycling runs): an atom with metal on top of it
    // does not hop (moving out from under another atom would leave that one floating, cut off).
    const above = v < this.nInner ? code[v + nxy]! : EMPTY;
    const below = v - nxy;
    if (this.balancedHops ? code[below] === EMPTY : this.conn && above !== EMPTY) return NO_CLASS;
    const hw = this.hw;
    if (hw !== null && above === EMPTY) {
      // the common case from the occupancy word: nothing above, a solid below, and no foreign
      // neighbour but the one below (nbs bits 3-5 count the foreign neighbours, DEAD among them)
      const cb = code[below]!;
      if (cb !== EMPTY && ((this.nbs[v]! >> NB_FOREIGN_SHIFT) & NB_FIELD) === (this.nbWeight[cb] === 9 ? 1 : 0)) {
        const p = hw.moves[hw.word[v]!]!; // nLat*64 + nPlain*8 + nEs (step-downs)
        const key = cb * 512 + p + (v < this.nInner ? p >> 6 : 0); // step-ups onto the lateral solids when below the top layer
        if ((key & 63) === 0) return NO_CLASS;
        let cls = this.hopClassTable[key]!;
        if (cls === NO_CLASS) {
          cls = this.hopClassByBond(this.bindOf[cb]! + (p >> 6) * this.phys.bond_eV, (p >> 3) & 7, key & 7);
          this.hopClassTable[key] = cls;
        }
        return this.film === null ? cls : this.filmedHop(v, cls);
      }
    }
    const nb = this.nbBuf2;
    this.lat.neighbors(v, nb);
    const support = code[below] !== EMPTY ? code[below]! : METAL;
    let nLat = 0, nPlain = 0, nEs = 0, foreignLat = false;
    if (this.thinStepUp && !this.irreversible && this.lateralInLayer) {
      // moveTargetBound written out (the hot case): lateral neighbours lie in v's layer, so a
      // step-up onto one is open when v is below the top layer with nothing on top of it (across a
      // helical boundary they need not, and the loop below asks moveTargetBound)
      const upOk = v < this.nInner && above === EMPTY;
      for (let d = 0; d < 4; d++) {
        const t = nb[d]!;
        const ct = code[t]!;
        if (ct !== EMPTY) {
          nLat++;
          if (ct !== METAL && ct !== DEAD) foreignLat = true;
          if (upOk) nEs++;
          continue;
        }
        const tb = t - nxy;
        if (code[tb] !== EMPTY) nPlain++;
        else if (tb >= nxy && code[tb - nxy] !== EMPTY) nEs++;
      }
    } else {
      for (let d = 0; d < 4; d++) {
        const t = nb[d]!;
        const ct = code[t]!;
        if (ct !== EMPTY) { nLat++; if (ct !== METAL && ct !== DEAD) foreignLat = true; }
        if (this.irreversible && ct !== EMPTY) continue;
        const m = this.thinStepUp ? this.moveTargetBound(v, t) : this.moveTarget(v, t);
        if (m >= ES_MOVE) nEs++;
        else if (m >= 0) nPlain++;
      }
    }
    if (nPlain + nEs === 0 || (this.irreversible && nLat > 0)) return NO_CLASS;
    if (foreignLat || above !== EMPTY || code[below] === EMPTY) return this.film === null ? this.hopClassSlow(nb, nPlain, nEs) : this.filmedHop(v, this.hopClassSlow(nb, nPlain, nEs));
    // common case: lateral neighbours are metal, nothing above: the class follows from (support, nLat, moves)
    const key = ((support * 8 + nLat) * 8 + nPlain) * 8 + nEs;
    let cls = this.hopClassTable[key]!;
    if (cls === NO_CLASS) {
      cls = this.hopClassByBond(this.bindOf[support]! + nLat * this.phys.bond_eV, nPlain, nEs);
      this.hopClassTable[key] = cls;
    }
    return this.film === null ? cls : this.filmedHop(v, cls);
  }

  /**
   * E_bond of the atom at v, eV: the bonds its hop and its oxidation pay (bindOf of every solid
   * neighbour; hopClass, oxClassSlow); 0 when v holds no metal. The energy of the configuration
   * rises by this much when the atom is taken out (analysis/island-sampler.ts samples that energy).
   */
  bondEnergy(v: number): number {
    if (this.code[v] !== METAL) return 0;
    const nb = this.nbBuf2;
    this.lat.neighbors(v, nb);
    let bond = 0;
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && this.code[t] !== EMPTY) bond += this.bindOf[this.code[t]!]!; }
    return bond;
  }

  /** Hop class from the full bond sum of an atom whose neighbours are nb (foreign lateral neighbours, an atom above). */
  private hopClassSlow(nb: Int32Array, nPlain: number, nEs: number): number {
    const code = this.code;
    let bond = 0;
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] !== EMPTY) bond += this.bindOf[code[t]!]!; }
    return this.hopClassByBond(bond, nPlain, nEs);
  }

  private readonly hopClasses = new Map<number, number>();
  /** The hop class of an atom with bond sum E_bond and the given numbers of plain and step moves. */
  private hopClassByBond(bond_eV: number, nPlain: number, nEs: number): number {
    const key = (Math.round(bond_eV * 1e7) * 8 + nPlain) * 8 + nEs;
    let c = this.hopClasses.get(key);
    if (c === undefined) {
      const p = this.phys;
      const k = p.nuHop_per_s * Math.exp(-(this.eTs + Math.round(bond_eV * 1e7) * 1e-7) / p.kT_eV);
      c = this.solver.addClass(k * (nPlain + nEs * this.esFactor), CH_HOP);
      this.hopClasses.set(key, c);
      this.hopMoveRate.set(c, [k, nPlain, nEs]);
    }
    return c;
  }

  // ---- changes to the lattice

  private setCode(v: number, c: number): void {
    const nb = this.nbBuf;
    this.lat.neighbors(v, nb);
    this.setCodeNb(v, c, nb);
  }

  /** setCode with v's neighbours already in nb */
  private setCodeNb(v: number, c: number, nb: Int32Array): void {
    const old = this.code[v]!;
    this.code[v] = c;
    if (this.hw !== null && (old === EMPTY) !== (c === EMPTY)) this.hw.flip(nb);
    if (c === METAL) { const z = (v / this.nxy) | 0; if (z > this.maxMetalZ) this.maxMetalZ = z; }
    if (this.liquid !== null && c !== EMPTY && c !== VOID) this.liquid.noteSolid(v);
    const delta = this.nbWeight[c]! - this.nbWeight[old]!;
    if (delta !== 0) {
      const nbs = this.nbs;
      for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0) nbs[t] = nbs[t]! + delta; }
    }
  }

  // ---- the set of events a change can touch
  //
  // A change (an event) alters the codes of one or two "centre" voxels. The events whose class can
  // depend on a centre v are:
  //  - reduction/oxidation of v and of its 6 neighbours (they read their neighbours' codes);
  //  - hops of v, of its 6 neighbours (the atoms above and below: support, step-up check), and of
  //    the atoms beside v at heights z-1 .. z+2 (lateral bond count, move target, step-down
  //    checks: see moveTarget).
  // Every class is a pure function of the lattice, so the app computes the classes of that set
  // before and after the change and touches the event tables (hash lookups and solver updates,
  // the cache misses that dominate an event) only for the events whose class really changed, in
  // the same order as a full refresh would. Bits 6 and 7 of the neighbour byte mark voxels
  // already in the set (cleared by commitChange).

  private readonly affectedFaradaic = new Int32Array(160); // 64 without SEI; an SEI neighbour adds its metal neighbours (addSeiReach)
  private readonly affectedHops = new Int32Array(128);
  private readonly oldFaradaicClass = new Int32Array(160);
  private readonly oldHopClass = new Int32Array(128);
  private nAffectedFaradaic = 0;
  private nAffectedHops = 0;

  /** Adds w to the faradaic part of the change set (with its current class); returns its index there. */
  private addF(w: number): number {
    const m = this.nbs[w]!;
    if (m & IN_FARADAIC_SET) return indexIn(this.affectedFaradaic, this.nAffectedFaradaic, w);
    this.nbs[w] = m | IN_FARADAIC_SET;
    // the current class is the one in the solver (every class there equals its recomputation,
    // checkConsistency): a lookup instead of a recomputation (issue 11, fourth round)
    const slot = this.slots.get(w);
    this.oldFaradaicClass[this.nAffectedFaradaic] = slot < 0 ? NO_CLASS : this.solver.classOf(2 * slot);
    this.affectedFaradaic[this.nAffectedFaradaic] = w;
    return this.nAffectedFaradaic++;
  }

  /** Adds w to the hop part of the change set (with its current class); returns its index there. */
  private addH(w: number): number {
    const m = this.nbs[w]!;
    if (m & IN_HOP_SET) return indexIn(this.affectedHops, this.nAffectedHops, w);
    this.nbs[w] = m | IN_HOP_SET;
    const slot = this.slots.get(w);
    this.oldHopClass[this.nAffectedHops] = slot < 0 ? NO_CLASS : this.solver.classOf(2 * slot + 1);
    this.affectedHops[this.nAffectedHops] = w;
    return this.nAffectedHops++;
  }

  /**
   * True while collecting for a change that only swaps voxels between EMPTY and METAL (reduction,
   * oxidation, hop): each non-centre neighbour's solid count then moves by at most 1 (a hop
   * takes one neighbour away and gives one: a voxel beside both centres keeps its count) and no
   * foreign neighbour appears. (Not for kill, which makes a foreign voxel.)
   */
  private skipFixed = false;

  /**
   * Whether the reduction class of EMPTY voxel w (not a centre, not above a centre, inside the
   * box) is the same for every solid count within 1 of its current one, with the same foreign
   * neighbours: per-site rule only. Pure metal surroundings with 2 or more solid neighbours
   * (class: reduction next to metal), or one foreign neighbour below whose class does not depend
   * on the metal count (a host as catalytic as the metal, e.g. graphene with no shift).
   */
  private reductionFixed(w: number): boolean {
    if (this.perBond || w < this.nxy) return false;
    const p = this.nbs[w]! & NB_COUNTS;
    // sealed_pores keep: a count that may reach or leave the number of the voxel's faces inside the box seals or opens
    // it (6 inside the band of keys; fewer in the top layer, and beside a helical boundary, which stay out here)
    if (this.keepSealed && (w < this.keyLo || w >= this.keyHi || (p & NB_FIELD) >= 5)) return false;
    if (p < 8) return p >= 2; // one metal neighbour is left whatever the change: the class stays 'reduction next to metal'
    if (p >= 16) return false;
    const b = this.code[w - this.nxy]!;
    if (this.nbWeight[b] !== 9) return false;
    // with metal neighbours the best is the metal unless b is more catalytic; without, b itself
    return this.shiftOf[b]! < this.shiftOf[METAL]! || this.redClassOf[b] === this.redClassOf[METAL];
  }

  /**
   * True while collecting for a centre that goes from EMPTY to METAL (a reduction, the landing
   * voxel of a hop): its neighbours then gain one metal neighbour and lose none (gainFixed).
   */
  private gained = false;

  /**
   * reductionFixed for a neighbour of a centre that turns from EMPTY to METAL: the class of EMPTY
   * voxel w stays the same when it gains one metal neighbour. Pure metal surroundings with 1 or
   * more solid neighbours (the best neighbour is metal before and after); one foreign neighbour
   * below and metal beside it (the best of the two stays); or that foreign neighbour alone when
   * it is at least as catalytic as the metal (reductionFixed's rule).
   */
  private gainFixed(w: number): boolean {
    if (this.perBond || w < this.nxy) return false;
    const p = this.nbs[w]! & NB_COUNTS;
    // sealed_pores keep: one more solid face may seal it (reductionFixed's rule)
    if (this.keepSealed && (w < this.keyLo || w >= this.keyHi || (p & NB_FIELD) >= 5)) return false;
    if (p < 8) return p >= 1;
    if (p >= 16) return false;
    const b = this.code[w - this.nxy]!;
    if (this.nbWeight[b] !== 9) return false;
    // (bits 0-2 count every solid neighbour, the foreign one below included: metal beside it when above 1)
    return (p & NB_FIELD) > 1 || this.shiftOf[b]! < this.shiftOf[METAL]! || this.redClassOf[b] === this.redClassOf[METAL];
  }

  // indices in the change set recorded by the last collect(): the centre (F, H), the voxel above
  // it (F, -1 if not in the set)
  private cF = -1;
  private cH = -1;
  private upF = -1;
  // the voxel below the centre when it is METAL (F, H; -1 otherwise): its entries follow a hopping atom (relabel)
  private dnF = -1;
  private dnH = -1;

  /**
   * Adds centre v's dependants to the change set, with their current classes (call before the
   * codes change). `other` is the
   * other centre of a hop (its code changes too), or -1. Non-centre voxels are filtered by code
   * (faradaic: EMPTY or METAL; hop: METAL); their codes do not change. n1: v's neighbours.
   */
  private collect(v: number, other: number, n1: Int32Array): void {
    const lat = this.lat, code = this.code, nxy = lat.nxy, n = lat.n;
    if (v === this.knownV && (this.nbs[v]! & (IN_FARADAIC_SET | IN_HOP_SET)) === 0) {
      // the voxel of the executing event: its classes are in the solver, no need to recompute
      const e = this.knownSlot * 2;
      this.nbs[v] = this.nbs[v]! | IN_FARADAIC_SET | IN_HOP_SET;
      this.oldFaradaicClass[this.nAffectedFaradaic] = this.solver.classOf(e);
      this.affectedFaradaic[this.nAffectedFaradaic] = v;
      this.cF = this.nAffectedFaradaic++;
      this.oldHopClass[this.nAffectedHops] = this.solver.classOf(e + 1);
      this.affectedHops[this.nAffectedHops] = v;
      this.cH = this.nAffectedHops++;
    } else {
      this.cF = this.addF(v);
      this.cH = this.addH(v);
    }
    this.upF = -1; this.dnF = -1; this.dnH = -1;
    for (let d = 0; d < DIRS; d++) {
      const w = n1[d]!;
      if (w < 0) continue;
      const cw = code[w]!;
      if (cw === EMPTY || cw === METAL || w === other || this.seiFlag[cw] === 1) {
        // an empty neighbour whose reduction class cannot change (see reductionFixed) stays out
        if (cw === EMPTY && this.skipFixed && d !== 4 && w !== other && w - nxy !== other && (this.gained ? this.gainFixed(w) : this.reductionFixed(w))) continue;
        const i = this.addF(w);
        if (d === 4) this.upF = i;
        else if (d === 5 && cw === METAL && w !== other) this.dnF = i;
        if (cw > METAL && this.seiFlag[cw] === 1) this.addSeiReach(w);
      }
      if (this.noHops) continue; // no atom has a hop event, before or after (hopClass)
      // (a lateral atom with a solid on top that stays there has no hop event before or after: out)
      if (cw === METAL && d < 4 && w !== other && this.sosCovered(w, other)) continue;
      if (cw === METAL || w === other) {
        const i = this.addH(w);
        if (w !== other && d === 5) this.dnH = i;
      }
    }
    if (this.noHops) return;
    // atoms beside v one below, one above and two above (no METAL above the highest metal layer;
    // the other centre of a hop is METAL after the change, so it raises that bound too; none in
    // the bottom layers that are all substrate)
    const z = (v / nxy) | 0;
    const top = other >= 0 ? Math.max(this.maxMetalZ, (other / nxy) | 0) : this.maxMetalZ;
    // (with thinned step-ups no class reads the voxels diagonally above an atom: no atoms below)
    const up1 = z + 1 <= top, up2 = z + 2 <= top, down = !this.thinStepUp && z - 1 >= this.metalFloorZ;
    if (other < 0) {
      for (let d = 0; d < 4; d++) {
        const w = n1[d]!;
        let u = w - nxy;
        if (down && code[u] === METAL && !this.sosCovered(u, -1)) this.addH(u);
        if (!up1) continue;
        u = w + nxy;
        if (u < n && code[u] === METAL && !this.sosCovered(u, -1)) this.addH(u);
        if (!up2) continue;
        u = w + 2 * nxy;
        if (u < n && code[u] === METAL && !this.sosCovered(u, -1)) this.addH(u);
      }
      return;
    }
    for (let d = 0; d < 4; d++) {
      const w = n1[d]!;
      let u = w - nxy;
      if (down && (u === other || (code[u] === METAL && !this.sosCovered(u, other)))) this.addH(u);
      if (!up1) continue;
      u = w + nxy;
      if (u < n && (u === other || (code[u] === METAL && !this.sosCovered(u, other)))) this.addH(u);
      if (!up2) continue;
      u = w + 2 * nxy;
      if (u < n && (u === other || (code[u] === METAL && !this.sosCovered(u, other)))) this.addH(u);
    }
  }

  /**
   * Whether the atom at u (not a centre of the change) has a solid on top that the change leaves
   * there (not the other centre), under the solid-on-solid rule (connectivity on, hops not
   * 'balanced'): then its hop class is none before and after (hopClass), and it stays out of the
   * change set (issue 11, eighth round). The centre v itself is never above such an atom: u is
   * beside v or beside it one or two layers up or down.
   */
  private sosCovered(u: number, other: number): boolean {
    if (!this.sosRule) return false;
    const a = u + this.nxy;
    return a < this.lat.n && a !== other && this.code[a] !== EMPTY;
  }

  /** After the codes changed: updates the events whose class changed; clears the set. */
  private commitChange(): void {
    const nbs = this.nbs;
    for (let i = 0; i < this.nAffectedFaradaic; i++) {
      const w = this.affectedFaradaic[i]!;
      nbs[w] = nbs[w]! & ~IN_FARADAIC_SET;
      const c = this.faradaicClass(w);
      if (c !== this.oldFaradaicClass[i]) this.setEntity(w, 0, c);
    }
    for (let i = 0; i < this.nAffectedHops; i++) {
      const w = this.affectedHops[i]!;
      nbs[w] = nbs[w]! & ~IN_HOP_SET;
      const c = this.hopClass(w);
      // (a protected lone adatom's hops are out of the solver while its domain is open: never set here)
      if (c !== this.oldHopClass[i] && !(this.lone !== null && this.lone.count > 0 && this.lone.isProtected(w))) this.setEntity(w, 1, c);
    }
    this.nAffectedFaradaic = 0;
    this.nAffectedHops = 0;
  }

  /** Drops a collected change set (the change was undone); clears the marks. */
  private dropChange(): void {
    const nbs = this.nbs;
    for (let i = 0; i < this.nAffectedFaradaic; i++) { const w = this.affectedFaradaic[i]!; nbs[w] = nbs[w]! & ~IN_FARADAIC_SET; }
    for (let i = 0; i < this.nAffectedHops; i++) { const w = this.affectedHops[i]!; nbs[w] = nbs[w]! & ~IN_HOP_SET; }
    this.nAffectedFaradaic = 0;
    this.nAffectedHops = 0;
  }

  /** Sets voxel v to code c and updates every event that depends on it. */
  private change(v: number, c: number, shortcuts = true): void {
    const nb = this.nbBuf3;
    this.lat.neighbors(v, nb);
    // shortcuts false: every site of the change set recomputed (a liquid relabel, VOID <-> EMPTY, which the fixed-class
    // shortcuts of a plating event do not describe)
    this.skipFixed = shortcuts && (c === EMPTY || c === METAL);
    this.gained = shortcuts && c === METAL && this.code[v] === EMPTY;
    this.collect(v, -1, nb);
    this.gained = false;
    this.setCodeNb(v, c, nb);
    this.commitChange();
  }

  /** Compares every event class with a recomputation from scratch; returns the first mismatch. */
  checkConsistency(): string | null {
    const n = this.lat.n;
    if (this.hw !== null) { const bad = this.hw.verify(this.code); if (bad !== null) return bad; }
    for (let v = 0; v < n; v++) {
      const slot = this.slots.get(v);
      const fc = this.faradaicClass(v), hc = this.lone?.isProtected(v) ? NO_CLASS : this.hopClass(v);
      const f0 = slot < 0 ? NO_CLASS : this.solver.classOf(slot * 2);
      const h0 = slot < 0 ? NO_CLASS : this.solver.classOf(slot * 2 + 1);
      if (fc !== f0) return `voxel ${v}: faradaic class ${f0}, recomputed ${fc}`;
      if (hc !== h0) return `voxel ${v}: hop class ${h0}, recomputed ${hc}`;
      if (slot >= 0 && this.slots.slotKey[slot] !== v) return `voxel ${v}: slot ${slot} names voxel ${this.slots.slotKey[slot]}`;
    }
    // first-passage: every open domain still clean (a change that reached one without resolving it shows here)
    if (this.lone !== null) { const bad = this.lone.checkDomains(); if (bad !== null) return bad; }
    // sealed_pores void: the labelling equals one from scratch, and the count of VOID voxels
    if (this.liquid !== null) {
      const copy = this.code.slice(), fresh = new SealedLiquid(this.lat, copy, this.liquid.foreign);
      fresh.topZ = Math.max(fresh.topZ, this.liquid.topZ);
      if (this.liquid.topZ < new SealedLiquid(this.lat, this.code).topZ) return `topZ ${this.liquid.topZ} below the highest solid voxel`;
      if (fresh.labelAll() > 0) { for (let v = 0; v < n; v++) if (copy[v] !== this.code[v]) return `voxel ${v}: liquid labelled ${this.code[v]}, from scratch ${copy[v]}`; }
      let nVoid = 0;
      for (let v = 0; v < n; v++) if (this.code[v] === VOID) nVoid++;
      if (nVoid !== this.voidCount) return `voidCount ${this.voidCount}, VOID voxels ${nVoid}`;
    }
    // every slot either names a voxel that maps back to it, or is free and holds no event
    for (let s = 0; s < this.slots.slotCount; s++) {
      const key = this.slots.slotKey[s]!;
      if (key < 0) {
        if (this.solver.classOf(2 * s) !== NO_CLASS || this.solver.classOf(2 * s + 1) !== NO_CLASS) return `free slot ${s} still holds events`;
      } else if (this.slots.get(key) !== s) return `slot ${s} names voxel ${key}, which maps to slot ${this.slots.get(key)}`;
    }
    return null;
  }

  /** Executes one event of the given entity. Returns the event type channel. */
  execute(entity: number): number {
    if (this.lone !== null && this.lone.count > 0) entity = this.lone.beforeEvent(entity);
    const slot = entity >> 1;
    const v = this.slots.slotKey[slot]!;
    this.knownV = v;
    this.knownSlot = slot;
    const ch = this.executeAt(entity, v);
    this.knownV = -1;
    return ch;
  }

  private executeAt(entity: number, v: number): number {
    const code = this.code;
    if ((entity & 1) === 0) {
      this.#seiMoved = -1;
      if (code[v] === EMPTY) {
        // reduction
        const nb = this.nbBuf;
        this.lat.neighbors(v, nb);
        let metalNb = 0, sacNb = 0, subNb = 0;
        for (let d = 0; d < DIRS; d++) {
          const t = nb[d]!;
          if (t < 0) continue;
          const ct = code[t]!;
          if (ct === METAL || ct === DEAD) metalNb++;
          else if (ct >= SAC_BASE) sacNb++;
          if (isSubstrate(ct)) subNb++;
        }
        if (metalNb === 0 && subNb > 0) {
          this.counters.nucleations++;
          if (sacNb > 0) this.counters.nucleationsOnSac++;
        }
        this.change(v, METAL);
        this.metalCount++;
        this.counters.reductions++;
        if (this.liquid !== null) this.liquidAfter(-1, v);
        if (this.reconnectDead) this.reconnect(v);
        if (this.lone !== null) this.lone.consider(v);
        return CH_RED;
      }
      if (this.seiFlag[code[v]!] === 1) return this.plateUnderSei(v);
      if (this.seiFlag[SEI] === 1 && this.stripUnderSei(v)) return CH_OX;
      // oxidation
      this.change(v, EMPTY);
      this.metalCount--;
      this.counters.oxidations++;
      if (this.conn) this.afterRemoval(v, DC_OX);
      if (this.liquid !== null) this.liquidAfter(v, -1);
      return CH_OX;
    }
    // hop: choose one of the allowed moves, weighted (step-down moves by the ES factor)
    const nb = this.nbBuf;
    this.lat.neighbors(v, nb);
    const w = this.hopW;
    const targets = this.hopT;
    const thin = this.thinStepUp;
    for (let d = 0; d < 4; d++) {
      const t = thin ? this.moveTargetBound(v, nb[d]!) : this.moveTarget(v, nb[d]!);
      if (t < 0 || (this.irreversible && code[nb[d]!] !== EMPTY)) { w[d] = 0; continue; }
      if (t >= ES_MOVE) {
        w[d] = this.esFactor;
        // thinned step-up onto a step whose top is taken: drawn with its bound rate, not made
        targets[d] = thin && code[t - ES_MOVE] !== EMPTY ? -1 : t - ES_MOVE;
      } else { w[d] = 1; targets[d] = t; }
    }
    if (this.filmFace) this.faceWeights(v, nb);
    const dest = this.pickMove();
    if (dest < 0) { this.counters.blockedStepUps++; return CH_HOP; }
    if (this.lone !== null && this.lone.count > 0) {
      // landing in a first-passage domain: its atom is placed first (the move itself is the same)
      this.lone.beforeLanding(dest);
      this.lat.neighbors(v, nb);
    }
    const zMax = this.maxMetalZ;
    const nbD = this.nbBuf3;
    this.lat.neighbors(dest, nbD);
    // a hop proven to keep every class skips the change set (carries: what relabel would do, or -1)
    const carry = this.carryOn ? this.carries(v, dest, nb, nbD) : this.irrCarryOn && this.irreversibleCarries(v, dest, nb, nbD) ? IRR_CARRY : -1;
    let iv = -1, hv = -1, upV = -1, id = -1, hd = -1, upD = -1;
    if (carry < 0) {
      this.skipFixed = true;
      this.collect(v, dest, nb);
      iv = this.cF; hv = this.cH; upV = this.upF;
      const dnVF = this.dnF, dnVH = this.dnH;
      this.gained = true;
      this.collect(dest, v, nbD);
      this.gained = false;
      id = this.cF; hd = this.cH; upD = this.upF;
      this.dnF2 = dnVF; this.dnH2 = dnVH;
    }
    this.setCodeNb(v, EMPTY, nb);
    this.setCodeNb(dest, METAL, nbD);
    if (this.conn) {
      // Surface diffusion never cuts metal off from the collector and never carries an atom onto
      // dead metal alone: such a move is rejected (a null event of rejection kMC; the time step
      // was already drawn with the full rate). Only oxidation makes dead metal.
      const dead = this.deadBuf;
      if (dead.length > 0) dead.length = 0;
      // Shortcut: after a move to a neighbour, if dest is v's only METAL neighbour and every
      // conductor is METAL or grounded substrate, no component but dest's can have passed through v
      // (or, its only other METAL neighbour being the one below, the voxel below dest is METAL:
      // the two are joined through it, the ring test of Connectivity.afterRemoval)
      const p = this.nbs[v]! & NB_COUNTS;
      if (this.conn.walkableIsMetal && (dest === nb[0] || dest === nb[1] || dest === nb[2] || dest === nb[3]) &&
        ((p & NB_FIELD) - (p >> NB_FOREIGN_SHIFT) === 1 || (p === 2 && code[v - this.nxy] === METAL && code[dest - this.nxy] === METAL))) {
        this.conn.noteFastRemoval();
      } else this.conn.afterRemoval(v, dead, nb);
      if (dead.length > 0 || !this.conn.isConnectedAfter(dest)) {
        this.setCode(dest, EMPTY);
        this.setCode(v, METAL);
        this.maxMetalZ = zMax;
        this.counters.rejectedHops++;
        this.dropChange();
        return CH_HOP;
      }
    }
    this.counters.hops++;
    this.lastHopTo = dest;
    if (carry >= 0) this.carry(v, dest, carry);
    else {
      this.relabel(v, dest, iv, hv, id, hd, upV, upD);
      this.commitChange();
    }
    if (this.liquid !== null) this.liquidAfter(v, dest);
    if (this.reconnectDead) this.reconnect(dest);
    if (this.lone !== null) this.lone.consider(dest, v);
    return CH_HOP;
  }

  /**
   * The carry path (issue 11, twelfth round): whether the hop of the lone atom at v to the lateral
   * voxel dest keeps every class its change set holds, proven from the neighbour counts before the
   * codes change. Then the change set would be v, dest, the voxels a, b above them and the supports
   * sv, sd below them, and relabel would hand each entry the class it ends with: v's oxidation and hop
   * to dest, dest's reduction to v, a's reduction to b, sd's events to sv (each pair sees the same
   * codes around it, mirrored through the move). Returns what relabel would do (bit 0: dest had an
   * event, so the slots of v and dest are swapped; bit 1: a's reduction moves to b), or -1 (then the
   * change set runs as before). Conditions, a few byte compares each:
   *  - v's only solid neighbour is the METAL support sv, and dest's are v and the METAL support sd
   *    (so a, b and the other three voxels beside each centre in its layer are EMPTY);
   *  - sv and sd have six and five METAL neighbours (a flat metal floor under all eight voxels beside
   *    the two centres; nothing foreign anywhere in the neighbourhood, so no SEI reach either);
   *  - a's only solid neighbour is v, b has none, and two layers up nothing solid beside v or dest
   *    when that layer holds metal (the atoms beside a centre up to two layers up stay out);
   *  - the empty voxels beside v and dest keep their reduction class (reductionFixed, gainFixed: the
   *    change set leaves them out too);
   *  - all six voxels inside the band of keys whose faradaic class is a function of (code, code
   *    below, counts): the two voxels of each pair have the same key before and after, mirrored;
   *  - the executed event's slot is v's (relabelSupports skips a support that holds it), sv had no
   *    event (its key's class is none), and a's reduction moves to b exactly when a had one and b none.
   */
  private carries(v: number, dest: number, nb: Int32Array, nbD: Int32Array): number {
    const nbs = this.nbs, code = this.code, nxy = this.nxy;
    if ((nbs[v]! & NB_COUNTS) !== 1 || (nbs[dest]! & NB_COUNTS) !== 2 || v !== this.knownV) return -1;
    if (dest !== nb[0] && dest !== nb[1] && dest !== nb[2] && dest !== nb[3]) return -1;
    const sv = v - nxy, sd = dest - nxy, a = v + nxy, b = dest + nxy;
    if (sv < this.keyLo || a >= this.keyHi || code[sv] !== METAL || code[sd] !== METAL) return -1;
    if ((nbs[sv]! & NB_COUNTS) !== 6 || (nbs[sd]! & NB_COUNTS) !== 5 || (nbs[a]! & NB_COUNTS) !== 1 || (nbs[b]! & NB_COUNTS) !== 0) return -1;
    if (a + nxy < (this.maxMetalZ + 1) * nxy && ((nbs[a + nxy]! & NB_COUNTS) !== 0 || (nbs[b + nxy]! & NB_COUNTS) !== 0)) return -1;
    for (let d = 0; d < 4; d++) {
      const w = nb[d]!, u = nbD[d]!;
      if (w !== dest && !this.reductionFixed(w)) return -1;
      if (u !== v && !this.gainFixed(u)) return -1;
    }
    if (this.faradaicClass(sv) !== NO_CLASS) return -1;
    const ka = this.faradaicClass(a), kb = this.faradaicClass(b);
    if (ka !== kb && (ka === NO_CLASS || kb !== NO_CLASS)) return -1;
    return (this.faradaicClass(dest) !== NO_CLASS ? 1 : 0) | (ka !== kb ? 2 : 0);
  }

  /**
   * The carry path of an irreversible run (the island-density validation's submonolayer
   * aggregation; branch testtime16): whether the hop of the lone atom at v to the lateral voxel
   * dest keeps every class its change set holds. On a foreign floor (a host: no events of its own;
   * no connectivity, no first-passage domains in an irreversible run) the change set would be v,
   * dest and the voxels a, b above them, and relabel would swap the slots of v and dest (v's hop
   * goes to dest, dest's reduction to v) and give a's reduction to b. Conditions:
   *  - v's only solid neighbour is its support sv, dest's are v and its support sd, sv and sd the
   *    same foreign code (not an SEI), so v after the hop sees what dest saw before (its support
   *    and one atom beside it) and the two have the same reduction class;
   *  - dest after the hop has the same moves as v before (plain moves and step-downs, moveKind of
   *    each lateral voxel; the voxel v leaves is a plain move over sv): the same hop class, no
   *    lateral bond;
   *  - a's only solid neighbour is v, b has none, and two layers up nothing solid beside v or dest
   *    when that layer holds metal (no atom beside or above them reads them through a move);
   *  - the empty voxels beside v and dest keep their reduction class (reductionFixed, gainFixed);
   *  - the executed event's slot is v's.
   * With thinned step-ups no class reads the voxels diagonally above an atom (hopClass), so the atoms
   * one layer below stay out, as in collect.
   */
  private irreversibleCarries(v: number, dest: number, nb: Int32Array, nbD: Int32Array): boolean {
    const nbs = this.nbs, code = this.code, nxy = this.nxy;
    if ((nbs[v]! & NB_COUNTS) !== 9 || (nbs[dest]! & NB_COUNTS) !== 10 || v !== this.knownV) return false;
    if (dest !== nb[0] && dest !== nb[1] && dest !== nb[2] && dest !== nb[3]) return false;
    const cs = code[v - nxy]!;
    if (code[dest - nxy] !== cs || this.nbWeight[cs] !== 9 || this.seiFlag[cs] === 1) return false;
    const a = v + nxy, b = dest + nxy;
    if (a < this.lat.n) {
      if ((nbs[a]! & NB_COUNTS) !== 1 || (nbs[b]! & NB_COUNTS) !== 0) return false;
      if (a + nxy < (this.maxMetalZ + 1) * nxy && ((nbs[a + nxy]! & NB_COUNTS) !== 0 || (nbs[b + nxy]! & NB_COUNTS) !== 0)) return false;
    }
    let movesV = 0, movesD = 0;
    for (let d = 0; d < 4; d++) {
      const w = nb[d]!, u = nbD[d]!;
      if (w !== dest && w >= 0 && !this.reductionFixed(w)) return false;
      if (u !== v && u >= 0 && !this.gainFixed(u)) return false;
      movesV += this.moveKind(w);
      movesD += this.moveKind(u);
    }
    return movesV === movesD;
  }

  /**
   * The move of an atom beside the EMPTY voxel t into it, as the irreversible hopClass counts it
   * (moveTargetBound): 1 a plain move (solid below t), 8 a step-down (solid two below), 0 none (or
   * t < 0, outside a closed box). Reads the voxels below t only.
   */
  private moveKind(t: number): number {
    if (t < 0) return 0;
    const tb = t - this.nxy;
    if (tb < 0) return 0;
    if (this.code[tb] !== EMPTY) return 1;
    return tb - this.nxy >= 0 && this.code[tb - this.nxy] !== EMPTY ? 8 : 0;
  }

  /** After a hop that carries() passed, with the codes changed: the slot moves relabel would make, in its order. */
  private carry(v: number, dest: number, how: number): void {
    const nxy = this.nxy;
    if (how === IRR_CARRY) {
      // irreversibleCarries: dest had a reduction event (swap), a a reduction and b none (rekey)
      this.slots.swapKeys(v, dest);
      this.knownV = dest;
      if (v + nxy < this.lat.n) this.slots.rekey(v + nxy, dest + nxy);
      this.carriedHops++;
      return;
    }
    if ((how & 1) !== 0) this.slots.swapKeys(v, dest);
    else this.slots.rekey(v, dest);
    this.knownV = dest;
    this.slots.rekey(dest - nxy, v - nxy);
    if ((how & 2) !== 0) this.slots.rekey(v + nxy, dest + nxy);
    this.carriedHops++;
  }

  /**
   * Moves the atom at v to the EMPTY voxel dest (any distance) as a hop does: change sets and
   * relabelling, no connectivity check. For apps/lone-adatoms.ts, whose moves keep every atom
   * connected (a lone adatom crossing a clean floor).
   */
  teleport(v: number, dest: number, exit = false): void {
    const nb = this.nbBuf, nbD = this.nbBuf3;
    this.lat.neighbors(v, nb);
    this.lat.neighbors(dest, nbD);
    this.skipFixed = true;
    this.collect(v, dest, nb);
    const iv = this.cF, hv = this.cH, upV = this.upF, dnVF = this.dnF, dnVH = this.dnH;
    this.gained = true;
    this.collect(dest, v, nbD);
    this.gained = false;
    const id = this.cF, hd = this.cH, upD = this.upF;
    this.dnF2 = dnVF; this.dnH2 = dnVH;
    this.setCodeNb(v, EMPTY, nb);
    this.setCodeNb(dest, METAL, nbD);
    this.relabel(v, dest, iv, hv, id, hd, upV, upD);
    this.commitChange();
    // sealed_pores void: an exit onto the ring may seal liquid beyond it, as a hop there does (lone-adatoms.ts)
    if (exit && this.liquid !== null) this.liquidAfter(v, dest);
  }

  /**
   * facehop: the move weights in hopW of the atom at v (neighbours nb) times filmHopFactor for each move leaving through a
   * face with settled film (faceHop's rule: a step-up, onto a solid lateral neighbour, leaves through the top face).
   */
  private faceWeights(v: number, nb: Int32Array): void {
    const s = this.film![v]! & ~this.filmStr![v]! & FACE_HOP_BITS;
    if (s === 0) return;
    const w = this.hopW, code = this.code, tg = this.hopT;
    for (let d = 0; d < 4; d++) {
      if (w[d] === 0) continue;
      // a step-up (solid t) or, t empty, a plain move (target t itself) or a step-down (one lower)
      const t = nb[d]!, solid = code[t] !== EMPTY;
      if ((s & filmMoveFaces(d, solid, solid || tg[d] !== t, this.filmAxis)) !== 0) w[d] = w[d]! * this.filmHopFactor;
    }
  }

  /**
   * Draws one of the moves in hopW/hopT, weighted (a small method of its own so that the uniform
   * draw stays an unboxed double: the large executeAt does not inline the RNG).
   */
  private pickMove(): number {
    const w = this.hopW, targets = this.hopT;
    const total = w[0]! + w[1]! + w[2]! + w[3]!;
    let r = this.rng.next() * total;
    let dest = -1;
    for (let d = 0; d < 4; d++) {
      if (w[d] === 0) continue;
      dest = targets[d]!;
      if (r < w[d]!) break;
      r -= w[d]!;
    }
    return dest;
  }

  /**
   * Before committing a hop: lets the event-table entries follow the atom. The slot that held v's
   * events (oxidation, hop) is given to dest and dest's (its reduction) to v, and the reduction
   * entry of the voxel above v moves to the voxel above dest when that one had none. Which slot
   * stands for which voxel is free, so this is exact as long as the recorded "old" classes move
   * with the slots; for an atom hopping across a terrace most classes then stay as they are and
   * the solver is not touched.
   */
  /** change-set indices of the METAL voxel below the first centre (v) of a hop, or -1 (set before relabel) */
  private dnF2 = -1;
  private dnH2 = -1;

  private relabel(v: number, dest: number, iv: number, hv: number, id: number, hd: number, ia: number, ib: number): void {
    // iv, hv, id, hd: indices of v and dest in the change set; ia, ib: of the voxels above them (or -1)
    const oldFaradaicClass = this.oldFaradaicClass, oldHopClass = this.oldHopClass;
    if (oldFaradaicClass[id] !== NO_CLASS || oldHopClass[hd] !== NO_CLASS) this.slots.swapKeys(v, dest);
    else this.slots.rekey(v, dest);
    let t = oldFaradaicClass[iv]!; oldFaradaicClass[iv] = oldFaradaicClass[id]!; oldFaradaicClass[id] = t;
    t = oldHopClass[hv]!; oldHopClass[hv] = oldHopClass[hd]!; oldHopClass[hd] = t;
    if (this.knownV === v) this.knownV = dest; // the executed event's slot now stands for dest
    this.relabelSupports(v, dest);
    const a = v + this.nxy, b = dest + this.nxy;
    if (b >= this.lat.n || a >= this.lat.n || a === dest || b === v) return;
    const code = this.code;
    if (code[a] !== EMPTY || code[b] !== EMPTY) return;
    if (ia < 0 || ib < 0 || oldFaradaicClass[ia] === NO_CLASS || oldFaradaicClass[ib] !== NO_CLASS) return;
    // an EMPTY voxel has a slot exactly when it has a reduction event
    this.slots.rekey(a, b);
    oldFaradaicClass[ib] = oldFaradaicClass[ia]!;
    oldFaradaicClass[ia] = NO_CLASS;
  }

  /**
   * The supports follow the atom too (issue 11, fourth round): the METAL voxel sv under v was
   * covered (no hop, no oxidation: both NO_CLASS) and is bared by the hop; the METAL voxel sd
   * under dest had events and is covered by it. On a flat terrace sv's new classes are sd's old
   * ones, so sd's slot is given to sv (its recorded old classes move with it) and the solver is
   * not touched. Exact for any classes (which slot stands for which voxel is free); it only saves
   * work when they match. Needs both voxels in the change set (collect records them: dnF/dnH).
   */
  private relabelSupports(v: number, dest: number): void {
    const vF = this.dnF2, vH = this.dnH2, dF = this.dnF, dH = this.dnH;
    if (vF < 0 || vH < 0 || dF < 0 || dH < 0) return;
    const oldFaradaicClass = this.oldFaradaicClass, oldHopClass = this.oldHopClass;
    if (oldFaradaicClass[vF] !== NO_CLASS || oldHopClass[vH] !== NO_CLASS || (oldFaradaicClass[dF] === NO_CLASS && oldHopClass[dH] === NO_CLASS)) return;
    const sv = this.affectedFaradaic[vF]!, sd = this.affectedFaradaic[dF]!;
    if (sv === sd || sv === dest || sd === v || sv === this.knownV || sd === this.knownV) return;
    this.slots.rekey(sd, sv);
    oldFaradaicClass[vF] = oldFaradaicClass[dF]!; oldFaradaicClass[dF] = NO_CLASS;
    oldHopClass[vH] = oldHopClass[dH]!; oldHopClass[dH] = NO_CLASS;
  }

  /**
   * Connectivity after the metal at voxel v was oxidised (or turned into something else): every METAL voxel cut off becomes
   * DEAD. `cause` (DC_*, apps/dead-origins.ts) is what removed v, for the deadwhy diagnostics only.
   */
  private afterRemoval(v: number, cause: number): void {
    const dead = this.deadBuf;
    if (dead.length > 0) dead.length = 0;
    this.conn!.afterRemoval(v, dead);
    if (this.lone !== null && this.lone.count > 0 && dead.length > 0) this.lone.beforeKill(dead);
    for (let i = 0; i < dead.length; i++) this.kill(dead[i]!);
    if (this.deadOrigins !== null && dead.length > 0) this.deadOrigins.cut(cause, dead);
  }

  /**
   * Starts the deadwhy diagnostics (apps/dead-origins.ts): from now on each voxel marked dead is put down to the removal
   * that cut it off, its step and the size of the cut (dead metal already present counts as `other`). Reads only: the
   * run's trajectory is the same with or without it (test/dead-origins.test.ts). Returns the tracer.
   */
  traceDeadOrigins(): DeadOrigins {
    if (this.deadOrigins === null) {
      const existing: number[] = [];
      if (this.deadCount > 0) for (let w = 0; w < this.code.length; w++) if (this.code[w] === DEAD) existing.push(w);
      this.deadOrigins = new DeadOrigins(this.lat, this.code, existing);
    }
    return this.deadOrigins;
  }

  /**
   * Reduction through the SEI voxel v: the new atom takes v's place (it touches the metal beneath)
   * and the film is lifted by the metal growing under it: the SEI moves one voxel outwards, into
   * the electrolyte voxel on the far side of v from a metal neighbour (drawn uniformly among such
   * voxels; any electrolyte neighbour when there is none).
   */
  private plateUnderSei(v: number): number {
    const nb = this.nbBuf, code = this.code, c = code[v]!, out = this.hopT;
    this.lat.neighbors(v, nb);
    let k = 0;
    for (let d = 0; d < DIRS; d++) {
      const m = nb[d]!, t = nb[d ^ 1]!;
      if (m >= 0 && t >= 0 && this.shiftOf[code[m]!]! < Infinity && code[t] === EMPTY) out[k++] = t;
    }
    if (k === 0) for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] === EMPTY) out[k++] = t; }
    const t = out[k > 1 ? this.rng.int(k) : 0]!;
    let metalNb = 0, sacNb = 0;
    for (let d = 0; d < DIRS; d++) { const u = nb[d]!; if (u < 0) continue; const cu = code[u]!; if (cu === METAL || cu === DEAD) metalNb++; else if (cu >= SAC_BASE) sacNb++; }
    if (metalNb === 0) { this.counters.nucleations++; if (sacNb > 0) this.counters.nucleationsOnSac++; }
    this.change(v, METAL);
    this.change(t, c);
    this.#seiMoved = t;
    this.metalCount++;
    this.counters.reductions++;
    if (this.liquid !== null) this.liquidAfter(-1, t);
    if (this.reconnectDead) this.reconnect(v);
    return CH_RED;
  }

  /**
   * Oxidation of metal v through the SEI that covers it (v has no electrolyte neighbour, only SEI):
   * the film follows the receding metal: the covering SEI voxel (on the far side of v from the
   * bulk when there is one) moves into v and its old place becomes electrolyte. Returns false when
   * v touches electrolyte (an ordinary oxidation).
   */
  private stripUnderSei(v: number): boolean {
    const nb = this.nbBuf, code = this.code, out = this.hopT;
    this.lat.neighbors(v, nb);
    let k = 0, any = 0;
    for (let d = 0; d < DIRS; d++) {
      const t = nb[d]!;
      if (t < 0) continue;
      const ct = code[t]!;
      if (ct === EMPTY) return false;
      // only an SEI voxel that touches electrolyte lets the ion out (see oxClassSlow)
      if (this.seiFlag[ct] === 1 && this.touchesEmpty(t)) {
        any++;
        const m = nb[d ^ 1]!;
        if (m >= 0 && code[m] !== EMPTY && this.seiFlag[code[m]!] === 0) out[k++] = t;
      }
    }
    if (any === 0) return false;
    if (k === 0) for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && this.seiFlag[code[t]!] === 1 && this.touchesEmpty(t)) out[k++] = t; }
    const s = out[k > 1 ? this.rng.int(k) : 0]!;
    this.change(v, code[s]!);
    this.change(s, EMPTY);
    this.#seiMoved = s;
    this.metalCount--;
    this.counters.oxidations++;
    if (this.conn) this.afterRemoval(v, DC_OX_SEI);
    if (this.liquid !== null) this.liquidAfter(s, -1);
    return true;
  }

  /**
   * Changes voxel v to code c outside a plating event (SEI formation, SAC deactivation: the event
   * modules of apps/events/) and keeps the metal counts, the connectivity and the event tables:
   * metal turned into something else is a removal, so whatever it cuts off from the collector
   * becomes DEAD. Returns the number of voxels that died.
   */
  transmute(v: number, c: number): number {
    const old = this.code[v]!;
    if (old === c) return 0;
    this.change(v, c);
    if (old === METAL || old === DEAD) this.metalCount--;
    if (old === DEAD) { this.deadCount--; if (this.deadOrigins !== null) this.deadOrigins.lose(v); }
    if (c === METAL || c === DEAD) this.metalCount++;
    if (c === DEAD) this.deadCount++;
    if (old === VOID) this.voidCount--;
    if (c === VOID) this.voidCount++;
    let died = 0;
    if (old === METAL && c !== METAL && this.conn) {
      const before = this.deadCount;
      this.afterRemoval(v, this.seiFlag[c] === 1 ? DC_SEI : DC_OTHER);
      died = this.deadCount - before;
    }
    // sealed_pores void: a voxel that turned liquid, or solid from electrolyte (a VOID voxel made solid seals nothing new)
    if (this.liquid !== null && c !== VOID) {
      if (c === EMPTY) this.liquidAfter(v, -1);
      else if (old === EMPTY) this.liquidAfter(-1, v);
    }
    // (a sector thread: another thread's EMPTY voxel it relabelled VOID, taken through the exchange, is no path to the
    // bulk any more: a fill, for this thread's own liquid beside it; apps/liquid.ts, "Foreign columns")
    if (c === VOID && old === EMPTY && this.liquid !== null && this.liquid.isForeign(v)) this.liquidAfter(-1, v);
    return died;
  }

  /**
   * sealed_pores void (apps/liquid.ts): after an event's codes are written, o the voxel that turned liquid and f the one
   * that turned solid from EMPTY (-1: none): the liquid each change sealed off turns VOID, the VOID it joined to the bulk
   * EMPTY, each relabel with its change set (as kill does), so every class stays exact.
   */
  private liquidAfter(o: number, f: number): void {
    const liq = this.liquid!, toE = this.toEmptyBuf, toV = this.toVoidBuf, lone = this.lone;
    // (the lists are left empty after use: setting an array's length costs more than the test in the common event)
    if (o >= 0) {
      liq.afterOpen(o, toE, toV);
      // first-passage (lone-adatoms.ts, "Under sealed_pores void"): a relabel that reaches a domain resolves it first, and
      // the lists are found again on the true codes
      while (lone !== null && (toE.length > 0 || toV.length > 0) && lone.count > 0 && (lone.reaches(toE) || lone.reaches(toV))) {
        const list = toE.concat(toV);
        toE.length = 0; toV.length = 0;
        lone.beforeRelabel(list);
        liq.afterOpen(o, toE, toV);
      }
      if (toE.length > 0) { this.relabelLiquid(toE, EMPTY); toE.length = 0; }
      if (toV.length > 0) { this.relabelLiquid(toV, VOID); toV.length = 0; }
    }
    if (f >= 0) {
      liq.afterFill(f, toV);
      while (lone !== null && toV.length > 0 && lone.count > 0 && lone.reaches(toV)) {
        const list = toV.slice();
        toV.length = 0;
        lone.beforeRelabel(list);
        liq.afterFill(f, toV);
      }
      if (toV.length > 0) { this.relabelLiquid(toV, VOID); toV.length = 0; }
    }
  }

  private relabelLiquid(list: readonly number[], c: number): void {
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (this.code[w] === c) continue;
      this.change(w, c, false);
      if (this.onRelabel !== null) this.onRelabel(w);
      if (c === VOID) { this.voidCount++; this.voidSealed++; } else { this.voidCount--; this.voidOpened++; if (this.keepReopened) this.reopened.push(w); }
    }
  }

  /**
   * deadtouch, the opt-in contact rule (PlatingPhysics.reconnectDead): METAL voxel v has just been placed (a
   * reduction, a hop's landing, plating under SEI). If it shares a face with dead metal and is itself connected
   * to the collector (Connectivity.isConnectedAfter; always so for an accepted hop or a reduction next to
   * grounded metal), every dead cluster it touches (flood over DEAD face neighbours) turns back into METAL:
   * metal touching connected metal has an electronic path, so by issue 10's definition it is not dead. The
   * voxels stay metal (metalCount unchanged), leave deadCount and count in deadReconnected. Returns how many.
   */
  reconnect(v: number): number {
    if (this.deadCount === 0) return 0; // no dead metal: nothing to reconnect (most events)
    const code = this.code, lat = this.lat;
    const nb = this.nbReconnect;
    lat.neighbors(v, nb);
    const list: number[] = [];
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] === DEAD) list.push(t); }
    if (list.length === 0 || code[v] !== METAL) return 0;
    if (this.conn !== null && !this.conn.isConnectedAfter(v)) return 0;
    // flood over DEAD face neighbours; the list is the set, in the order found (deterministic)
    const seen = new Set<number>(list);
    for (let i = 0; i < list.length; i++) {
      lat.neighbors(list[i]!, nb);
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t >= 0 && code[t] === DEAD && !seen.has(t)) { seen.add(t); list.push(t); }
      }
    }
    if (this.lone !== null && this.lone.count > 0) this.lone.beforeKill(list);
    const nb3 = this.nbBuf3;
    for (const w of list) {
      lat.neighbors(w, nb3);
      this.skipFixed = false;
      this.gained = false;
      this.collect(w, -1, nb3);
      this.setCodeNb(w, METAL, nb3);
      this.commitChange();
      this.deadCount--;
      this.deadReconnected++;
      if (this.deadOrigins !== null) this.deadOrigins.lose(w);
    }
    return list.length;
  }

  /** Turns a METAL voxel into dead metal and refreshes the events it affects. */
  private kill(w: number): void {
    this.change(w, DEAD);
    this.deadCount++;
    this.deadFormed++;
  }

  /** Sum of reduction and oxidation rates at eta = 0 (A and B of MODEL.md section 4) and of hops. */
  sums(): { A: number; B: number; H: number } {
    return { A: this.solver.channelBase(CH_RED), B: this.solver.channelBase(CH_OX), H: this.solver.channelBase(CH_HOP) };
  }

  bytes(): number { return this.code.byteLength + this.nbs.byteLength + this.solver.bytes() + this.slots.bytes() + (this.lone?.bytes() ?? 0); }
}

function indexIn(arr: Int32Array, n: number, x: number): number {
  for (let i = 0; i < n; i++) if (arr[i] === x) return i;
  return -1;
}

export { HOST_BASE };
