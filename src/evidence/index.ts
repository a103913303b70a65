/** The evidence base: literature records, queries, normalisation, export/import, capacity, elements. */
export * from './schema.js';
export * from './records.js';
export * from './query.js';
export * from './normalise.js';
export * from './io.js';
export * from './capacity.js';
export * from './elements.js';
export * from './sync.js';
export * from './verify.js';
export * from './reviewtext.js';
export * from './dois.js';
export { packageRoot, sharedDir, literatureDir, elementsDir } from './paths.js';
