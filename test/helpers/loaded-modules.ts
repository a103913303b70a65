/**
 * Records the files a node process loads, for the light-command test and bench/cli-startup.ts:
 *   SACPLATE_LOADED_OUT=<file> node --import ./dist/test/helpers/loaded-modules.js bin/sacplate.js ...
 * appends one file: URL a line to <file>. ES modules (ours, zod, commander's wrapper) go through
 * the module loader, whose hooks run on their own thread: the load hook writes each URL as it is
 * loaded (synchronously, so nothing is lost when the process exits). CommonJS files required by
 * other CommonJS files do not pass the hooks in Node 20: at exit the main thread adds require.cache.
 * The list can hold a URL twice (a CommonJS file imported from an ES module is in both): read it
 * with loadedFiles(), which deduplicates.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { register, createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const out = process.env.SACPLATE_LOADED_OUT;

if (isMainThread && out) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    appendFileSync(out, Object.keys(cache).map((f) => pathToFileURL(f).href + '\n').join(''));
  });
}

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

/** Module-loader hook (runs on the hooks thread): notes each file: URL once it has loaded. */
export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<unknown> {
  const r = await nextLoad(url, context);
  if (out && url.startsWith('file:')) appendFileSync(out, url + '\n');
  return r;
}

/** The distinct file: URLs a recorded run loaded (without this hook file itself). */
export function loadedFiles(file: string): string[] {
  const self = import.meta.url;
  return [...new Set(readFileSync(file, 'utf8').split('\n').filter((u) => u && u !== self))];
}
