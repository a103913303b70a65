/**
 * `npm run build:data` (part of `npm run build`, prepare and `npm test`): writes dist/data/parsed-yaml.json, the data
 * files' YAML parsed once (parsed-yaml.ts). Without it every process parses the YAML itself, with the same result.
 *   node dist/src/evidence/build-data.js
 */
import { relative } from 'node:path';
import { parseDataText } from './records.js';
import { packageRoot } from './paths.js';
import { writeParsedYaml } from './parsed-yaml.js';

const { left } = writeParsedYaml(parseDataText);
// a file whose value JSON cannot hold exactly (.inf, .nan, -0) is parsed at run time as before
if (left.length > 0) process.stderr.write(`build:data: parsed at run time, their values are not exact in JSON: ${left.map((f) => relative(packageRoot(), f)).join(', ')}\n`);
