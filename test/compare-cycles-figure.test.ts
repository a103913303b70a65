/**
 * cmp64 (cycaudit64): `compare --out` of cycling cases draws figures/cycles_across_cases (SVG + PNG + spec): each case's
 * CE per cycle, and below the dead metal formed and the metal bound in SEI in each cycle, as % of the cycle's plating;
 * its lines read back from the SVG equal the cases' cycles.csv. And the run's dead-metal figure starts its axis at 0
 * where there is no dead metal (it ran from -0.5 to 0.5 %).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareCases, writeCyclesFigure } from '../src/batch/compare.js';
import { readCyclesCsv, cyclesAcrossSpec, CYCLES_CE_AXIS, CYCLES_SHARE_AXIS } from '../src/plots/compare.js';
import { cyclePlots } from '../src/plots/run.js';
import { lineSpec, PALETTE } from '../src/plots/spec.js';
import { renderSvg } from '../src/plots/render.js';
import type { Metrics } from '../src/simulation/report.js';
import type { CycleSummary } from '../src/simulation/cycles.js';

const FILE = `metal: Li
lattice: { size: [8, 8, 12], voxel: 100 nm }
host: Cu
kinetics: { terraceBarrier: 0.25 eV }
sei: carbonate
protocol:
  - repeat: 2
    steps:
      - Plate 0.01 mAh/cm2 at 1 mA/cm2
      - Strip at 1 mA/cm2 until 1 V
seed: 1
output: { snapshots: false }
variants:
  - { name: fast, kinetics: { terraceBarrier: 0.15 eV } }
  - { name: slow, kinetics: { terraceBarrier: 0.45 eV } }
`;

/** The SVG's texts in document order, and its line marks (stroke colour, dash, the path's points in pixels). */
function svgParts(svg: string): { texts: string[]; lines: { stroke: string; dashed: boolean; pts: [number, number][] }[] } {
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  const lines = [...svg.matchAll(/<path[^>]*aria-roledescription="line mark"[^>]*>/g)].map((m) => {
    const tag = m[0];
    const d = /\sd="([^"]*)"/.exec(tag)![1]!;
    const dash = /stroke-dasharray="([^"]*)"/.exec(tag)?.[1];
    const pts = [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((p) => [Number(p[1]), Number(p[2])] as [number, number]);
    return { stroke: /stroke="([^"]*)"/.exec(tag)![1]!, dashed: dash !== undefined && dash !== '1,0', pts };
  });
  return { texts, lines };
}

test('compare --out of cycling cases: figures/cycles_across_cases (none for plate-only cases), its CE and dead / SEI lines read back from the SVG equal cycles.csv', { timeout: 120_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-cycfig-'));
  const f = join(d, 'cmp.yaml'), out = join(d, 'out');
  writeFileSync(f, FILE);
  // the cases' own figures off (about 2 CPU s): compare's figure written as compareCases' figures step writes it
  const r = await compareCases(f, { outDir: out, db: false, threads: 2, figures: false });
  assert.equal(r.cancelled, false);
  assert.deepEqual(readdirSync(out).filter((x) => x === 'figures'), [], 'none without figures');
  const files = await writeCyclesFigure(out, f, r.cases);
  assert.equal(files.length, 3);
  const figs = readdirSync(join(out, 'figures'));
  for (const ext of ['svg', 'png', 'vl.json']) assert.ok(figs.includes(`cycles_across_cases.${ext}`), `${ext}: ${figs.join(', ')}`);
  const svg = readFileSync(join(out, 'figures', 'cycles_across_cases.svg'), 'utf8');
  const { texts, lines } = svgParts(svg);
  assert.ok(texts.includes(CYCLES_CE_AXIS) && texts.includes(CYCLES_SHARE_AXIS), 'the axis titles with their units');
  for (const name of ['fast', 'slow', 'fast: dead metal', 'fast: SEI', 'slow: dead metal', 'slow: SEI']) assert.ok(texts.includes(name), `legend ${name}`);
  assert.equal(lines.length, 6, 'two CE lines, a dead and an SEI line a case');
  // a panel's value at a pixel: its y ticks (the numbers between the panel's "cycle" title and its y title) span its 320 px
  const ticks = (yTitle: string) => {
    const end = texts.indexOf(yTitle);
    const start = texts.lastIndexOf('cycle', end);
    const v = texts.slice(start + 1, end).map(Number);
    return { lo: Math.min(...v), hi: Math.max(...v) };
  };
  const valueAt = (t: { lo: number; hi: number }, py: number) => t.hi - (py / 320) * (t.hi - t.lo);
  const ceT = ticks(CYCLES_CE_AXIS), shT = ticks(CYCLES_SHARE_AXIS);
  assert.equal(shT.lo, 0, 'the shares\' axis starts at 0');
  // the marks in drawing order: the CE panel's lines (case order), then the shares' (solid dead, dashed SEI)
  const ce = lines.slice(0, 2), shares = lines.slice(2);
  ['fast', 'slow'].forEach((name, i) => {
    const c = readCyclesCsv(join(out, name, 'cycles.csv'))!;
    assert.deepEqual(c.cycle, [1, 2]);
    const color = PALETTE[i]!;
    assert.equal(ce[i]!.stroke, color);
    assert.deepEqual(ce[i]!.pts.map((p) => +valueAt(ceT, p[1]).toFixed(2)), c.ce!.map((x) => +(x * 100).toFixed(2)), `${name} CE`);
    const dead = shares.find((l) => l.stroke === color && !l.dashed)!, sei = shares.find((l) => l.stroke === color && l.dashed)!;
    assert.deepEqual(dead.pts.map((p) => +valueAt(shT, p[1]).toFixed(2)), c.dead_charge_fraction!.map((x) => +(x * 100).toFixed(2)), `${name} dead`);
    assert.deepEqual(sei.pts.map((p) => +valueAt(shT, p[1]).toFixed(2)), c.sei_charge_fraction!.map((x) => +(x * 100).toFixed(2)), `${name} SEI`);
  });
  // only the cases with cycles: a folder without cycles.csv (a plate-only case's) adds no line; none at all, no figure
  const meta = (x: unknown) => (x as { usermeta: { sacplate: { series: string[]; shares: string[] } } }).usermeta.sacplate;
  const mixed = cyclesAcrossSpec([{ name: 'plate only', dir: d }, { name: 'fast', dir: join(out, 'fast') }], 't');
  assert.deepEqual([meta(mixed).series, meta(mixed).shares], [['fast'], ['fast: dead metal', 'fast: SEI']]);
  assert.equal(cyclesAcrossSpec([{ name: 'plate only', dir: d }], 't'), undefined);
  // mends65: a case whose cycles are another's to the last digit (a copy of fast's folder: the same trajectory, as
  // examples/cycling-licu.yaml's graphene and Da 0.3) is named "(identical to fast)" on each of its lines and drawn in a
  // dash of its own over fast's (it lay exactly under it, one colour hiding the other); slow, different, is not marked
  cpSync(join(out, 'fast'), join(d, 'fast copy'), { recursive: true });
  const twin = cyclesAcrossSpec([{ name: 'fast', dir: join(out, 'fast') }, { name: 'fast copy', dir: join(d, 'fast copy') }, { name: 'slow', dir: join(out, 'slow') }], 't')!;
  assert.deepEqual(meta(twin).series, ['fast', 'fast copy (identical to fast)', 'slow']);
  assert.deepEqual(meta(twin).shares, ['fast: dead metal', 'fast: SEI', 'fast copy: dead metal (identical to fast)', 'fast copy: SEI (identical to fast)', 'slow: dead metal', 'slow: SEI']);
  const tw = svgParts(await renderSvg(twin));
  assert.ok(tw.texts.includes('fast copy (identical to fast)') && tw.texts.includes('fast copy: dead metal (identical to fast)'), 'the legend says it');
  const dashes = (svg: string) => [...svg.matchAll(/<path[^>]*aria-roledescription="line mark"[^>]*>/g)].map((m) => /stroke-dasharray="([^"]*)"/.exec(m[0])?.[1] ?? 'none');
  const dz = dashes(await renderSvg(twin));
  // CE panel: fast solid, its copy 6-4 over it, slow solid; shares: each SEI 6-4, the copy's dead and SEI dotted 2-3
  assert.deepEqual(dz.slice(0, 3).map((x) => x.replace(/ /g, ',')), ['1,0', '6,4', '1,0']);
  assert.equal(dz.slice(3).filter((x) => x.replace(/ /g, ',') === '2,3').length, 2, dz.join(' | '));
  // the run's own dead-metal figure, of these cycles with no dead metal: its axis starts at 0 (it read -0.5 to 0.5 %)
  const metrics = JSON.parse(readFileSync(join(out, 'fast', 'metrics.json'), 'utf8')) as Metrics;
  const c = readCyclesCsv(join(out, 'fast', 'cycles.csv'))!;
  const rows = c.cycle!.map((n, k) => ({ cycle: n, ce: c.ce![k]!, ce_voxels: c.ce_voxels![k]!, dead_metal_fraction: 0, dead_charge_fraction: 0, plating_plateau_mV: 1, stripping_plateau_mV: 1 }));
  const dead = cyclePlots(metrics, { cycles: rows as unknown as CycleSummary['cycles'] }).find(([n]) => n === 'cycles_dead_metal')![1];
  const spec = lineSpec(dead) as unknown as { layer: { encoding: { y: { scale: { domain?: number[] } } } }[] };
  assert.deepEqual(spec.layer[0]!.encoding.y.scale.domain, [0, 1]);
});
