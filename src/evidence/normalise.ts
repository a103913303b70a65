/**
 * Normalisation of reported cycling results to the review's proposed standard protocol
 * (section 6, prospect 2): 3 mAh/cm2 per half-cycle at 3 mA/cm2. Only what the reported
 * conditions allow is computed; a lifetime at the standard protocol is never given as a
 * measured value, only as an explicitly labelled model estimate. A lifetime the review gives as
 * "over N h" (Figure.lower_bound) gives lower bounds: each row says so. Only symmetric-cell
 * lifetimes are normalised (a `cycling_lifetime`, whose cell the review does not name, is not).
 */
import { parseQuantity, C_PER_M2_PER_MAH_PER_CM2, TO } from '../units.js';
import { figureCanonical, isOwnFigure, sourceText, type LitRecord } from './schema.js';

export const STANDARD = { currentDensity_mA_per_cm2: 3, arealCapacity_mAh_per_cm2: 3 } as const;
/** within this relative tolerance a protocol counts as the standard one */
export const STANDARD_TOLERANCE = 0.1;

export type DistanceFlag = 'standard' | 'milder' | 'harsher' | 'mixed' | 'incomplete';

export interface Normalised {
  record: string;
  /** "review ref 58" or "user doi:..." (a user's own record) */
  source: string;
  /** the DOI of the paper the lifetime cites (its reference's, data/literature/_dois.yaml; a user record's own), or null
   * where none was found (review43: a reader of the normalised table went to `lit show` record by record for it) */
  doi: string | null;
  /** the lifetime's index among the record's figures (not a figure number of the paper: that is in `where`) */
  figure: number;
  /** where the review gives the lifetime: its section and, where it names one, its figure ("section 3.1, Fig. 3E"), as
   * the record's figure says; null where the record gives none (a user record may not). Until review51 only `lit show`
   * said it: the normalised table, JSON and CSV gave the figure's index among the record's figures alone. */
  where: string | null;
  lifetime_h: number;
  /** the review gives the lifetime as "over N h": it and every figure computed from it are lower bounds */
  lower_bound: boolean;
  current_density_mA_per_cm2: number | null;
  areal_capacity_mAh_per_cm2: number | null;
  /** capacity plated (and stripped) per cycle, mAh/cm2: the reported areal capacity */
  cycled_capacity_per_cycle_mAh_per_cm2: number | null;
  /** duration of one plate+strip cycle, h: 2 Q / j */
  cycle_time_h: number | null;
  cycles: number | null;
  /**
   * current x time, mAh/cm2: the charge passed through the cell over the lifetime, both half cycles together (as
   * `analyze` sums a symmetric cell's half cycles); each electrode plates half of it (cycles x Q = j t / 2). It read
   * "capacity passed in each direction" until audit32, which is half of this.
   */
  cumulative_capacity_mAh_per_cm2: number | null;
  /** j / Q, 1/h */
  c_rate_equivalent_per_h: number | null;
  distance: { current_ratio: number | null; capacity_ratio: number | null; decades: number | null; flag: DistanceFlag; text: string };
  /** present only when computable; always labelled as a model estimate */
  estimate?: { standard_lifetime_h: number; label: string };
  notes: string[];
}

const round = (x: number, d = 4) => Number(x.toPrecision(d));

export function normaliseRecord(rec: LitRecord): Normalised[] {
  const out: Normalised[] = [];
  rec.figures.forEach((f, i) => {
    if (f.quantity !== 'symmetric_lifetime' || !isOwnFigure(f)) return;
    const t = figureCanonical(f.quantity, f.value, f.unit) / 3600;
    const c = f.conditions ?? {};
    const j = c.current_density ? TO.mA_per_cm2(parseQuantity('current_density', c.current_density, 'currentDensity')) : null;
    const q = c.areal_capacity ? parseQuantity('areal_capacity', c.areal_capacity, 'arealCapacity') / C_PER_M2_PER_MAH_PER_CM2 : null; // mAh/cm2
    const notes: string[] = [];
    if (j === null) notes.push('current density not reported with this lifetime');
    if (q === null) notes.push('areal capacity per cycle not reported with this lifetime');
    // worded so that the data files' "over 900 h: a lower bound" is contained in it (it read `lower bound: the review gives
    // "over 900 h", ...` until mends64, and ZnSA-HCNT's row said it twice)
    // in the source's words: "over 900 h", or "even after 1100 h" (Pt SAs/In2S3/Ti3C2's cell still cycling; evidence66)
    const bound = f.quote !== undefined && new RegExp(`\\beven after ${String(f.value).replace('.', '\\.')}(?![0-9.])`).test(f.quote) ? 'even after' : 'over';
    if (f.lower_bound) notes.push(`${bound} ${f.value} ${f.unit}: a lower bound, as ${rec.user_source ? 'its source' : 'the review'} gives it; the cycles, the cumulative capacity and the estimate are lower bounds too`);
    // the figure's own note, unless a note above already says it: equal to one or contained in one, case-insensitive
    if (c.note && !notes.some((x) => x.toLowerCase().includes(c.note!.trim().toLowerCase()))) notes.push(c.note);
    const cycleTime = j !== null && q !== null ? (2 * q) / j : null;
    const jr = j !== null ? j / STANDARD.currentDensity_mA_per_cm2 : null;
    const qr = q !== null ? q / STANDARD.arealCapacity_mAh_per_cm2 : null;
    let flag: DistanceFlag;
    if (jr === null || qr === null) flag = 'incomplete';
    else if (Math.abs(jr - 1) <= STANDARD_TOLERANCE && Math.abs(qr - 1) <= STANDARD_TOLERANCE) flag = 'standard';
    else if (jr <= 1 + STANDARD_TOLERANCE && qr <= 1 + STANDARD_TOLERANCE) flag = 'milder';
    else if (jr >= 1 - STANDARD_TOLERANCE && qr >= 1 - STANDARD_TOLERANCE) flag = 'harsher';
    else flag = 'mixed';
    const decades = jr !== null && qr !== null ? round(Math.hypot(Math.log10(jr), Math.log10(qr)), 3) : null;
    const part = (r: number | null, what: string, unit: string, v: number | null) =>
      r === null ? `${what} unknown` : `${what} ${round(v!)} ${unit} (${round(r, 3)}x standard)`;
    const n: Normalised = {
      record: rec.id, source: sourceText(rec), doi: (rec.user_source ? rec.user_source.doi : rec.citations.find((x) => x.number === f.ref)?.doi) ?? null, figure: i, where: f.where ?? null, lifetime_h: t, lower_bound: f.lower_bound === true,
      current_density_mA_per_cm2: j, areal_capacity_mAh_per_cm2: q,
      cycled_capacity_per_cycle_mAh_per_cm2: q,
      cycle_time_h: cycleTime !== null ? round(cycleTime, 6) : null,
      cycles: cycleTime !== null ? round(t / cycleTime, 6) : null,
      cumulative_capacity_mAh_per_cm2: j !== null ? round(j * t, 6) : null,
      c_rate_equivalent_per_h: j !== null && q !== null ? round(j / q, 6) : null,
      distance: { current_ratio: jr, capacity_ratio: qr, decades, flag, text: `${flag}: ${part(jr, 'current', 'mA/cm2', j)}, ${part(qr, 'capacity', 'mAh/cm2', q)}` },
      notes,
    };
    if (j !== null) {
      n.estimate = {
        standard_lifetime_h: round((j * t) / STANDARD.currentDensity_mA_per_cm2, 4),
        label: (f.lower_bound ? 'a LOWER BOUND (the lifetime is one); ' : '') + 'MODEL ESTIMATE, not a measurement: hours at 3 mA/cm2 that pass the same cumulative capacity (assumes life is limited by charge passed; unvalidated)',
      };
    }
    out.push(n);
  });
  return out;
}

/**
 * The distance to the standard protocol in a table cell: the flag with the ratios it rests on
 * ("incomplete (j 0.167x)", "mixed (j 0.667x, Q 1.67x)"); the bare flag said "incomplete" for a
 * lifetime at 10 mA/cm2 (3.33x) and one at 0.5 mA/cm2 (0.167x) alike.
 */
export function standardCell(n: Normalised): string {
  const r = (x: number) => `${round(x, 3)}x`;
  const parts = [
    ...(n.distance.current_ratio !== null ? [`j ${r(n.distance.current_ratio)}`] : []),
    ...(n.distance.capacity_ratio !== null ? [`Q ${r(n.distance.capacity_ratio)}`] : []),
  ];
  return parts.length ? `${n.distance.flag} (${parts.join(', ')})` : n.distance.flag;
}
