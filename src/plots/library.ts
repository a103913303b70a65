/**
 * A run folder's figures drawn for a script (the package entry's `renderFigures`, docs/api.md (m)):
 * simulate(run, { outDir }) is synchronous and writes the figures as Vega-Lite specifications only
 * (outDir/figures/*.vl.json); this draws each to SVG and PNG beside it, Vega then resvg
 * (render.ts's renderFigureDir). `sacplate simulate --out` calls this same function after its run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { optionsArg, textArg } from '../args.js';
import { FIGURE_DIR } from './run.js';
import { renderFigureDir } from './render.js';

export interface RenderFiguresOptions {
  /** draw the PNG beside each SVG (default true) */
  png?: boolean;
}

/**
 * Draws every outDir/figures/*.vl.json to .svg and .png beside it and returns the files written
 * (the specifications are left as they are). A folder without figure specifications is an
 * InputError naming outDir.
 */
export async function renderFigures(outDir: string, options: RenderFiguresOptions = {}): Promise<string[]> {
  const o = optionsArg('options', options, '{ png: false }', ['png']);
  if (o.png !== undefined && typeof o.png !== 'boolean') throw new InputError('png', o.png, 'true or false');
  const expected = 'a run folder with its figure specifications (figures/*.vl.json: simulate(run, { outDir }) writes them)';
  textArg('outDir', outDir, expected);
  const dir = join(outDir, FIGURE_DIR);
  const isDir = existsSync(dir) && statSync(dir).isDirectory();
  if (!isDir || !readdirSync(dir).some((n) => n.endsWith('.vl.json'))) throw new InputError('outDir', outDir, `${expected}; ${dir} ${isDir ? 'has none' : 'does not exist'}`);
  return renderFigureDir(dir, o.png === undefined ? {} : { png: o.png });
}
