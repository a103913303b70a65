/**
 * The Run page's example picker: the single runs among the package's own examples/*.yaml (found from
 * the package root, src/evidence/paths.ts, never from the working directory). A file is offered
 * when the server would take it as a run (validateRunInput, what POST /api/validate calls); a
 * comparison (`variants:`), sweep, screen or nucleation case file is not, and asking for one by
 * name says which command reads it. No request value is used as a path: a name is looked up in the
 * folder's listing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../evidence/paths.js';
import { parseYamlText } from '../input/parse.js';
import { validateRunInput } from '../input/schema.js';

export interface RunExample { name: string; file: string; description: string; voxels: number; mode: string; cost: string | null }
export interface RunExampleText extends RunExample { text: string; input: unknown }

export const examplesDir = (): string => join(packageRoot(), 'examples');

/** The longest description the picker shows, characters (a longer paragraph is cut at a word and ends with an ellipsis). */
export const DESCRIPTION_MAX = 240;

/**
 * The first paragraph of the file's leading comment, without its `#`s, its lines joined with spaces: the
 * comment lines up to a blank comment line, an indented one (`#   npx sacplate ...`: a command, or its
 * continuation) or the first key; cut at a word with an ellipsis past DESCRIPTION_MAX characters ('' when
 * the file starts with no comment). It took the first line alone, which stopped mid-sentence ("... strip all").
 */
export function leadingComment(text: string): string {
  const lines = text.split(/\r?\n/);
  const words: string[] = [];
  for (const line of lines.slice(lines.findIndex((l) => l.trim() !== ''))) {
    const m = /^\s*#+( ?)(.*)$/.exec(line);
    if (!m || m[2]!.trim() === '' || (m[1] === ' ' && /^\s/.test(m[2]!))) break;
    words.push(m[2]!.trim());
  }
  const all = words.join(' ');
  if (all.length <= DESCRIPTION_MAX) return all;
  const cut = all.slice(0, DESCRIPTION_MAX);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * What the example costs, from its leading comment (mends115, review85 F10: the picker gave the voxel count, and the
 * file's "About 7 s of CPU" lay past the description's 240 characters): the comment's sentences that name seconds of
 * CPU ("About 7 s of CPU (2026-12-05, ...)."), whole, joined by a space, a sentence that only says what is asked for
 * ("issue 11 asks for 60 s of CPU") left out; null where the comment names none. The whole leading comment is read (every
 * `#` line before the first key), not only its first paragraph.
 */
export function costLine(text: string): string | null {
  const lines = text.split(/\r?\n/);
  const words: string[] = [];
  for (const line of lines.slice(lines.findIndex((l) => l.trim() !== ''))) {
    const m = /^\s*#+\s?(.*)$/.exec(line);
    if (!m) break;
    if (/^\s*npx /.test(m[1]!)) continue; // a command line
    words.push(m[1]!.trim());
  }
  // sentences: up to a full stop followed by a space and a capital, or the end
  const sentences = words.join(' ').split(/(?<=\.)\s+(?=[A-Z(])/);
  const cost = sentences.filter((x) => /\d\s*s of CPU/.test(x) && !/\basks? for\b[^.]*s of CPU/.test(x)).map((x) => x.trim());
  return cost.length ? cost.join(' ') : null;
}

/** What a YAML example that is not a single run is, and the command that reads it. */
function notARun(input: unknown): string {
  const o = input && typeof input === 'object' && !Array.isArray(input) ? input as Record<string, unknown> : {};
  if ('variants' in o) return 'a comparison (variants:): sacplate compare runs it (the Compare page compares runs already made)';
  if ('axes' in o) return 'a sweep: sacplate sweep runs it, the Sweeps page shows its results';
  if ('candidates' in o || 'descriptors' in o) return 'a screen: sacplate screen runs it, the Sweeps page shows its ranking';
  if ('current' in o || 'cases' in o) return 'a nucleation case file: sacplate nucleation reads it (or the Nucleation page)';
  return 'not a single run the workbench takes';
}

interface ReadExample { text: string; input: unknown; run?: RunExample; why?: string }

/**
 * read()'s answers by path, each with the file's modification time, size and inode when it was read: the Run page lists
 * the examples at every load, and each listing parsed and validated every file again (15 files, 0.04-0.2 CPU s a
 * listing; the browser tests' pages loaded it dozens of times: branch testtime14). A file changed, replaced or
 * removed since is read again (or refused) as before.
 */
const readCache = new Map<string, { stamp: string; value: ReadExample }>();

function read(dir: string, file: string): ReadExample {
  const path = join(dir, file);
  const st = statSync(path);
  const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
  const hit = readCache.get(path);
  if (hit?.stamp === stamp) return hit.value;
  const value = readFresh(path, file);
  readCache.set(path, { stamp, value });
  return value;
}

function readFresh(path: string, file: string): ReadExample {
  const text = readFileSync(path, 'utf8');
  const name = file.replace(/\.yaml$/, '');
  let input: unknown;
  try { input = parseYamlText(text, `examples/${file}`); } catch (e) { return { text, input: undefined, why: (e as Error).message }; }
  try {
    const r = validateRunInput(input);
    const [nx, ny, nz] = r.lattice.size;
    return { text, input, run: { name, file: `examples/${file}`, description: leadingComment(text), voxels: nx * ny * nz, mode: r.lattice.mode, cost: costLine(text) } };
  } catch { return { text, input, why: notARun(input) }; }
}

const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** The single runs among examples/*.yaml (`dir`: the package's examples/), by name (the file name without .yaml). */
export function listExamples(dir = examplesDir()): RunExample[] {
  return yamlFiles(dir).map((f) => read(dir, f)).flatMap((x) => (x.run ? [{ ...x.run }] : []));
}

/**
 * One example's text and the run it holds; undefined with the reason (`missing`) when `name` is no
 * single-run example (the names there are, or what the file is and which command reads it).
 */
export function exampleByName(name: string, dir = examplesDir()): { example?: RunExampleText; missing?: string } {
  const files = yamlFiles(dir);
  const file = files.find((f) => f === `${name}.yaml` || f === name);
  const runs = () => listExamples(dir).map((e) => e.name).join(', ');
  if (!file) return { missing: `example: got ${JSON.stringify(name.slice(0, 80))}, expected the name of an example run of the package (${runs()})` };
  const x = read(dir, file);
  if (!x.run) return { missing: `example: got "${name}", expected a single run; examples/${file} is ${x.why} (the Run page's examples: ${runs()})` };
  return { example: { ...x.run, text: x.text, input: structuredClone(x.input) } };
}
