/**
 * The package's YAML data files (data/literature, data/toxicity) parsed once, not in every process. Parsing the
 * literature's 96 KB of YAML cost about 0.2 CPU s in each process that loaded it (a spawned `sacplate compare`, a
 * test's in-process `lit list`, each call again: 0.05-0.1 s), where its JSON takes a few milliseconds. So:
 *   - `npm run build` (and prepare, and `npm test`) writes dist/data/parsed-yaml.json (`writeParsedYaml`): each data
 *     file's text with the JSON of what the YAML parser makes of it;
 *   - a process keeps the same, text -> JSON, for the data texts it parses itself (`rememberYaml`).
 * Both are keyed by the file's whole text: an edited file (a text the table does not hold) is parsed as before, and
 * a value is kept only when its JSON reads back deep-equal to the parser's (no .inf, .nan or -0 that JSON would
 * change). What the caller does with the value (the zod schemas of schema.ts, the checks of records.ts) is unchanged:
 * this only replaces `YAML.parseDocument(text).toJS()` for a text that parsed without an error before.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { literatureDir, packageRoot, toxicityFile } from './paths.js';

/** text -> JSON of its parsed value */
const known = new Map<string, string>();
let knownChars = 0;
/** what a process keeps of the texts it parses itself (the shipped data are about 0.1 MB) */
const MAX_KNOWN_CHARS = 4_000_000;
/** the table read (undefined: not yet; null: none) */
let source: string | null | undefined;

/** Where `npm run build` writes the table. */
export function parsedYamlFile(): string { return join(packageRoot(), 'dist', 'data', 'parsed-yaml.json'); }

/** The yaml package's version: a table written with another one is not used. */
function yamlVersion(): string { return (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version; }

function readTable(): void {
  if (source === undefined) readFrom(parsedYamlFile());
}

function remember(text: string, json: string): void {
  if (known.has(text) || knownChars + text.length > MAX_KNOWN_CHARS) return;
  known.set(text, json);
  knownChars += text.length;
}

/** The JSON of `value` when it reads back deep-equal (undefined otherwise). */
function exactJson(value: unknown): string | undefined {
  const json = JSON.stringify(value) as string | undefined;
  return json !== undefined && isDeepStrictEqual(JSON.parse(json), value) ? json : undefined;
}

/** A fresh copy of the value the YAML parser gave for this text before (in this process or at build), or undefined. */
export function knownYaml(text: string): unknown {
  readTable();
  const json = known.get(text);
  return json === undefined ? undefined : JSON.parse(json);
}

/** Keeps the parser's value of a text that parsed without an error, when JSON holds it exactly. */
export function rememberYaml(text: string, value: unknown): void {
  const json = exactJson(value);
  if (json !== undefined) remember(text, json);
}

/**
 * Uses the table in `file` (null: none) from now on and forgets what this process kept: for the test that compares
 * the two paths. A process otherwise reads parsedYamlFile() once.
 */
export function useParsedYaml(file: string | null): void {
  known.clear();
  knownChars = 0;
  if (file === null) source = null;
  else readFrom(file);
}

function readFrom(file: string): void {
  source = file;
  let data: { yaml?: unknown; texts?: unknown };
  try { data = JSON.parse(readFileSync(file, 'utf8')) as typeof data; } catch { return; }
  if (data.yaml !== yamlVersion() || typeof data.texts !== 'object' || data.texts === null) return;
  for (const [text, json] of Object.entries(data.texts)) if (typeof json === 'string') remember(text, json);
}

/** The data files the table holds: every .yaml of data/literature and data/toxicity. */
export function shippedYamlFiles(): string[] {
  return [literatureDir(), dirname(toxicityFile())].flatMap((dir) =>
    readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f)));
}

/**
 * Writes the table (`npm run build`): each data file parsed by `parse` (records.ts's parseDataText, the full path),
 * kept when its JSON is exact. Returns the files written and those left out.
 */
export function writeParsedYaml(parse: (text: string, file: string) => unknown, out = parsedYamlFile(), files = shippedYamlFiles()): { kept: string[]; left: string[] } {
  const texts: Record<string, string> = {};
  const kept: string[] = [];
  const left: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const json = exactJson(parse(text, file));
    if (json === undefined) { left.push(file); continue; }
    texts[text] = json;
    kept.push(file);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ yaml: yamlVersion(), texts }) + '\n');
  return { kept, left };
}
