/**
 * Diagnostics of the atomistic lattice (atomistic.ts) for the capture factor's tests (capture.ts; studies
 * nucleation-capture-returns and nucleation-capture-emission): observers the run calls around each event.
 * They read the lattice and draw no random numbers, so a run with them is the run without them; kept
 * here so that runAtomistic holds only the lattice and its events.
 */

/** What an observer may read of the running lattice (live views: the arrays change as the run goes). */
export interface LatticeView {
  /** neighbour columns, 4 per column */
  nb: Int32Array;
  /** atoms per column */
  h: Int32Array;
  /** occupied neighbour columns per column */
  occ: Uint8Array;
  /** the columns the current event changed */
  changed: readonly number[];
  /** the columns of the last cluster clusterAtoms filled */
  visited: readonly number[];
  /** flood-fill mark of each column and the current fill's stamp: mark[c] > stampBefore means filled since */
  mark: Int32Array;
  stamp(): number;
  /** atoms of the cluster through column start (fills visited) */
  clusterAtoms(start: number): number;
}

/** One event as the run made it: its kind (0 reduction, 1 oxidation, 2 hop, 3 sea arrival, 4 sea dimer) and column. */
export interface EventInfo { kind: number; i: number; hopFrom: number; hopTo: number }

export interface RunObserver {
  /** the clock moved from tBefore to tNow (tNow already capped at the run's end) */
  tick?(tBefore: number, tNow: number): void;
  /** the event is chosen, not yet made */
  before?(kind: number, i: number): void;
  /** the event is made, before the reservoir absorbs lone atoms */
  after?(e: EventInfo): void;
  /** the event is made, absorbed and recounted */
  settled?(): void;
}

const isLoneAt = (v: LatticeView, c: number) => v.h[c] === 1 && v.occ[c] === 0;

/** One adatom emitted from a cluster in plain kMC, followed until it is lost or bonds again. */
export interface EmissionTrace {
  /** the columns of the cluster it left, just after it left */
  cluster: Int32Array;
  /** the column it landed on when it became alone */
  start: number;
  /** returned: hopped onto a site of the cluster's explicit set at emission (its columns and their neighbours);
   * bonded: hopped next to other metal; lost: oxidised or covered by a reduction on top; met: something else bonded to it */
  outcome: 'returned' | 'bonded' | 'lost' | 'met';
}

/** Plain kMC: follows one emitted adatom at a time (an atom that hops off a cluster and is then alone). */
export class EmissionTracer implements RunObserver {
  readonly emissions: EmissionTrace[] = [];
  private tagged = -1;
  private tagCluster: Int32Array | null = null;
  private tagStart = -1;
  private bondedBefore = false;
  /** explicit set of the cluster left */
  private readonly tagSet: Uint8Array;
  constructor(private readonly v: LatticeView, N: number) { this.tagSet = new Uint8Array(N); }

  private finish(outcome: EmissionTrace['outcome']): void {
    const { nb } = this.v;
    this.emissions.push({ cluster: this.tagCluster!, start: this.tagStart, outcome });
    for (const c of this.tagCluster!) { this.tagSet[c] = 0; for (let k = 0; k < 4; k++) this.tagSet[nb[4 * c + k]!] = 0; }
    this.tagged = -1; this.tagCluster = null;
  }

  before(kind: number, i: number): void {
    if (kind === 2) this.bondedBefore = this.v.h[i]! >= 2 || this.v.occ[i]! > 0;
  }

  after({ kind, i, hopFrom, hopTo }: EventInfo): void {
    const v = this.v, { h, nb } = v;
    if (this.tagged >= 0) {
      const tagged = this.tagged;
      if (hopFrom === tagged) {
        if (isLoneAt(v, hopTo)) this.tagged = hopTo;
        else this.finish(this.tagSet[hopTo] ? 'returned' : 'bonded');
      } else if (h[tagged] === 0 || (kind === 0 && i === tagged)) this.finish('lost');
      else if (!isLoneAt(v, tagged)) this.finish('met');
    } else if (hopFrom >= 0 && this.bondedBefore && isLoneAt(v, hopTo)) {
      // the cluster left: from the column it came from, or that column's occupied neighbours
      const from = h[hopFrom]! > 0 ? hopFrom : [0, 1, 2, 3].map((k) => nb[4 * hopFrom + k]!).find((c) => h[c]! > 0 && c !== hopTo);
      if (from !== undefined) {
        v.clusterAtoms(from);
        this.tagCluster = Int32Array.from(v.visited);
        for (const c of this.tagCluster) { this.tagSet[c] = 1; for (let k = 0; k < 4; k++) this.tagSet[nb[4 * c + k]!] = 1; }
        this.tagged = hopTo; this.tagStart = hopTo;
      }
    }
  }
}

/**
 * Exchange of the tracked cluster with the far sites F, by the cluster's size n (atoms, index 0 .. target),
 * defined on the lattice the same way in both arms. The tracked cluster is the largest among those an event
 * touched and the one tracked before (an untouched cluster overtaking a shrinking one is not seen). Its
 * explicit set I is its columns and their 4 neighbours; F is every free host site with no occupied neighbour.
 *  - emission: an atom of the cluster hops to a site where it is then alone (it is in F; the reservoir
 *    absorbs it into the sea on the spot, plain kMC lets it walk);
 *  - split: an atom of the cluster is left alone in place by another event (also absorbed by the reservoir);
 *  - arrival: an atom from F lands on I (plain: a lone adatom hops onto I; reservoir: a sea arrival onto I);
 *    reduction onto I is not an arrival (the direct channel, alike in both arms);
 *  - loose: the cluster's first-layer atoms with exactly one lateral bond (h = 1, one occupied neighbour),
 *    the loosely bonded atoms on the free neighbour sites of its compact part.
 */
export interface EmissionStats {
  /** time spent with the tracked cluster at n atoms, s */
  time_s: Float64Array;
  emissions: Float64Array;
  splits: Float64Array;
  arrivals: Float64Array;
  /** time integral of the number of loose atoms at n, atom s (divide by time_s: mean number) */
  loose_s: Float64Array;
}

/** Both arms: the tracked cluster's exchange with the far sites, by its size (EmissionStats). */
export class EmissionRecorder implements RunObserver {
  readonly stats: EmissionStats;
  private readonly inMain: Uint8Array;
  private mainCols: number[] = [];
  private mainSize = 0;
  private mainLoose = 0;
  private srcLone = false;
  private srcMain = false;
  private arrivalSite = -1;
  private readonly splitSeen: number[] = [];
  constructor(private readonly v: LatticeView, N: number, private readonly target: number) {
    const a = () => new Float64Array(target + 1);
    this.stats = { time_s: a(), emissions: a(), splits: a(), arrivals: a(), loose_s: a() };
    this.inMain = new Uint8Array(N);
  }

  private sizeBin(n: number): number { return Math.min(n, this.target); }
  private inMainSet(c: number): boolean {
    if (this.inMain[c]) return true;
    for (let k = 0; k < 4; k++) if (this.inMain[this.v.nb[4 * c + k]!]) return true;
    return false;
  }
  private setMain(cols: readonly number[], n: number): void {
    const { h, occ } = this.v;
    for (const c of this.mainCols) this.inMain[c] = 0;
    this.mainCols = [...cols]; this.mainSize = n; this.mainLoose = 0;
    for (const c of this.mainCols) { this.inMain[c] = 1; if (h[c] === 1 && occ[c] === 1) this.mainLoose++; }
  }

  tick(tBefore: number, tNow: number): void {
    const dt = tNow - tBefore, b = this.sizeBin(this.mainSize);
    this.stats.time_s[b]! += dt; this.stats.loose_s[b]! += dt * this.mainLoose;
  }

  before(kind: number, i: number): void {
    const { h, occ } = this.v;
    this.srcLone = kind === 2 && h[i] === 1 && occ[i] === 0;
    this.srcMain = kind === 2 && this.inMain[i] === 1;
    this.arrivalSite = kind === 3 ? i : -1;
  }

  after({ hopFrom, hopTo }: EventInfo): void {
    if (this.mainSize < 2) return;
    const v = this.v, s = this.stats, b = this.sizeBin(this.mainSize);
    if (hopFrom >= 0 && this.srcMain && isLoneAt(v, hopTo)) s.emissions[b]!++;
    if ((hopFrom >= 0 && this.srcLone && this.inMainSet(hopTo)) || (this.arrivalSite >= 0 && this.inMainSet(this.arrivalSite))) s.arrivals[b]!++;
    // atoms of the cluster left alone in place (before the reservoir absorbs them)
    this.splitSeen.length = 0;
    for (const c of v.changed) for (let k = -1; k < 4; k++) {
      const a = k < 0 ? c : v.nb[4 * c + k]!;
      if (this.inMain[a] === 1 && isLoneAt(v, a) && !this.splitSeen.includes(a)) { s.splits[b]!++; this.splitSeen.push(a); }
    }
  }

  /** the tracked cluster is the largest of the clusters the event touched and the one tracked before */
  settled(): void {
    const v = this.v, { h, nb } = v;
    let touches = false;
    for (const c of v.changed) if (this.inMainSet(c)) { touches = true; break; }
    const cand: number[] = [];
    if (touches) {
      if (this.mainCols.length && h[this.mainCols[0]!]! > 0) cand.push(this.mainCols[0]!);
      for (const c of v.changed) { if (h[c]! > 0) cand.push(c); for (let k = 0; k < 4; k++) { const a = nb[4 * c + k]!; if (h[a]! > 0) cand.push(a); } }
    } else for (const c of v.changed) if (h[c]! > 0) cand.push(c);
    const first = v.stamp() + 1;
    let best = touches ? 0 : this.mainSize, bestCols: number[] | null = null;
    for (const c of cand) {
      if (v.mark[c]! >= first) continue; // already filled in this pass
      const n = v.clusterAtoms(c);
      if (n > best) { best = n; bestCols = [...v.visited]; }
    }
    if (bestCols) this.setMain(bestCols, best);
    else if (touches) this.setMain([], 0);
  }
}

/**
 * A check of the explicit halo (AtomisticSpec.recordLone, test/nucleation-halo.test.ts): after every event, the time
 * integrals of the explicit lone host adatoms and of the explicit host sites that could hold one (not a SAC, not an
 * anchor, no anchor beside them, not outside the explicit region); their ratio is the lone-adatom density there,
 * theta1 in equilibrium to first order. O(L^2) per event: small boxes only. Reads the lattice, draws nothing.
 */
export class LoneDensityRecorder implements RunObserver {
  readonly density = { lone_s: 0, sites_s: 0 };
  constructor(private readonly v: LatticeView, private readonly N: number, private readonly sac: Uint8Array,
    private readonly anchorOf: (c: number) => boolean, private readonly outsideExplicit: (c: number) => boolean) {}
  tick(tBefore: number, tNow: number): void {
    const { v, sac, anchorOf } = this;
    let lone = 0, sites = 0;
    for (let c = 0; c < this.N; c++) {
      if (sac[c] === 1 || anchorOf(c) || this.outsideExplicit(c)) continue;
      let nearAnchor = false;
      for (let k = 0; k < 4; k++) if (anchorOf(v.nb[4 * c + k]!)) nearAnchor = true;
      if (nearAnchor) continue;
      sites++;
      if (isLoneAt(v, c)) lone++;
    }
    this.density.lone_s += (tNow - tBefore) * lone; this.density.sites_s += (tNow - tBefore) * sites;
  }
}
