/**
 * Axis titles the run figures (src/plots/run.ts, compare.ts) and the workbench's Run and Compare pages share, so a plot
 * on the page and the figure of the same trace say the same: the working-electrode overpotential as eta.csv holds it,
 * negative while plating (docs/model.md), against the net plated charge, which falls again while stripping. The pages
 * said "overpotential (mV)" and "capacity (mAh/cm2)" until review45.
 */
export const ETA_AXIS = 'overpotential (mV, < 0 while plating)';
/** The same on the pages' plots, 260 px high: the figures' title, drawn up their y axis, was cut at "while plat". */
export const ETA_AXIS_PAGE = 'eta (mV, < 0 while plating)';
export const NET_CHARGE_AXIS = 'net plated charge (mAh/cm2)';
