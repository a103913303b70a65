/** Output writers: JSON (metrics), CSV (time series), VTK ImageData and extended XYZ (structures). */
export { writeJson, toJsonText } from './json.js';
export { writeCsv, openCsv, CsvWriter, csvField, csvNumber, type CsvCell } from './csv.js';
export { writeVti, readVti, readVtiFields, readVtiHead, VOXEL_CODE_LEGEND, SPECIES_PRESET_FILE, speciesColorPreset, type VtiContents, type ParaViewPreset } from './vti.js';
export { writeExtxyz, extxyzComment, readExtxyz, readExtxyzHead, type ExtxyzOptions, type ExtxyzHead } from './extxyz.js';
export { defaultSpecies, speciesTable, type StructureMeta, type FieldValue } from './species.js';
export { Sink, withSink } from './sink.js';
