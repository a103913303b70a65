/** One row of the validation table: a published value against what the model measures. */
export interface ValidationEntry {
  /** Stable id, e.g. "sand-time-slope". */
  id: string;
  /** What is compared, in words. */
  quantity: string;
  /** Published (or analytic) value, as text with its unit, and its source. */
  published: string;
  source: string;
  /** Measured value with its unit. */
  measured: number;
  unit: string;
  /** 95 % interval of the measured value, when it comes from several seeds. */
  interval?: [number, number];
  /** Seeds or runs the measurement used. */
  runs: string;
  /** Whether the measured value meets the stated tolerance; for a row with `claim: false`, only that the
   * measurement exists (a finite value). */
  pass: boolean;
  /** false: the row states no claim (a diagnostic, or a value reported whichever way it comes out); the
   * tables say "reported" for it, not yes/no, so that it cannot be read as a met claim (the claim rows' page,
   * docs/validation-claims.md, leaves it out, as the README's table did from readme66 to readme68; docs/validation-table/<group>.md has it). Absent: a claim.
   * A study with such rows exports `reportOnly` (a RegExp over its row ids) so that the rows already in
   * validation/results.json can be checked against the code without rerunning the study. */
  claim?: false;
  /** calibfix67: the row states a claim, but its target is also what a model input was set from or chosen to give (MODEL.md
   * section 9: a calibration target is never a validation target; docs/calibration.md lists each case): why, with the
   * source. The tables say "calibrated" for it, not yes/no, and count it apart, so that it cannot be read as evidence;
   * its pass still says whether the calibrated value lands in the stated range. Absent on every other row; never with
   * `claim: false` (a row that states no claim needs no label). */
  calibrated?: string;
  /** Tolerance or claim tested, and anything the reader must know (disagreements said plainly). */
  note: string;
}

export interface ValidationStudy {
  id: string;
  title: string;
  run(): Promise<ValidationEntry[]> | ValidationEntry[];
}
