/**
 * A temperature as `sacplate nucleation` writes it in its table's heading and on its figure (mends64: one text for both;
 * this module imports nothing, so that the CLI's action loads no plotting code for it).
 */
/** a temperature in K to 0.01 K and in degC beside it: "298.15 K (25 degC)" */
export const temperatureText = (K: number): string => `${Number(K.toFixed(2))} K (${Number((K - 273.15).toFixed(2))} degC)`;
