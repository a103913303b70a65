/**
 * The 3D deposit view: instanced voxels (three.js), one colour per species (metal, dead metal,
 * host, SAC, SEI; the registry's colours, which the cross-section figure draws with too: src/plots/run.ts PHASES; and
 * the sealed electrolyte VOID of `model: { sealed_pores: void }`, the figure's VOID_PHASE, in the legend while the box
 * holds it), a cross-section slider that cuts the box at a y plane, and a height map of the
 * deposit (top metal voxel of each column). Codes and colours come from src/lattice/species.ts.
 *
 * VOID (branch voidview; until then a grey cube among `other`) is drawn opaque by default, as ParaView draws final.vti's
 * code 6 with species-colors.json and OVITO final.extxyz's voxel_code 6 particles: hidden like the open electrolyte, a
 * sealed pore cut open by the slider would read as an open one, the difference the species is there to show. Its
 * legend entry has a box that hides it; hidden, it hides nothing behind it (the pocket's metal walls are drawn).
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { fmt, h } from './api';
import { heightField } from '../../src/metrics/morphology';
import { heightRgb } from '../../src/server/page-readings';
import { SPECIES as REGISTRY, speciesOf as registrySpecies, VOID } from '../../src/lattice/species';

/** Species drawn in the view, with the colours of the registry the static figures use (src/lattice/species.ts). */
const colourOf = (role: string) => REGISTRY.find((r) => r.role === role)?.colour ?? '#bdbdbd';
/** the cross-section figure's name for VOID (src/plots/run.ts VOID_PHASE: "sealed electrolyte (VOID)"), from the registry's label */
const VOID_NAME = `sealed electrolyte (${registrySpecies(VOID).label})`;
export const SPECIES: { name: string; color: string; test: (c: number) => boolean }[] = [
  { name: 'metal', color: colourOf('metal'), test: (c) => registrySpecies(c).role === 'metal' },
  { name: 'dead metal', color: colourOf('dead'), test: (c) => registrySpecies(c).role === 'dead' },
  { name: 'SEI', color: colourOf('sei'), test: (c) => registrySpecies(c).role === 'sei' },
  { name: 'host', color: colourOf('host'), test: (c) => registrySpecies(c).role === 'host' },
  { name: 'SAC', color: colourOf('sac'), test: (c) => registrySpecies(c).role === 'sac' },
  { name: VOID_NAME, color: colourOf('void'), test: (c) => registrySpecies(c).role === 'void' },
  { name: 'other', color: '#bdbdbd', test: () => true },
];

const speciesOf = (c: number) => SPECIES.findIndex((s) => s.test(c));
/** VOID's index in SPECIES */
const VOID_INDEX = speciesOf(VOID);
const MAX_INSTANCES = 250_000;

export class VoxelView {
  readonly el: HTMLElement;
  private renderer: THREE.WebGLRenderer;
  private scene = new THREE.Scene();
  private camera: THREE.PerspectiveCamera;
  private controls: OrbitControls;
  private mesh: THREE.InstancedMesh | undefined;
  private grid: { cells: Uint8Array; nx: number; ny: number; nz: number; voxelNm: number; hostLayers: number; foil: boolean } | undefined;
  private cut = 1;
  /** VOID drawn (its legend box); hidden, its voxels are neither drawn nor hide the ones behind them */
  private showVoid = true;
  private legend: HTMLElement;
  private voidEntry: HTMLElement;
  private heightCanvas: HTMLCanvasElement;
  private heightScale: HTMLElement;
  private info: HTMLElement;
  readonly canvas: HTMLCanvasElement;

  constructor(width = 520, height = 360) {
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setSize(width, height);
    this.renderer.setClearColor(0xffffff);
    this.canvas = this.renderer.domElement;
    this.canvas.setAttribute('data-testid', 'voxels');
    this.camera = new THREE.PerspectiveCamera(40, width / height, 0.1, 10000);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.addEventListener('change', () => this.render());
    this.scene.add(new THREE.AmbientLight(0xffffff, 0.6));
    const sun = new THREE.DirectionalLight(0xffffff, 1.6);
    sun.position.set(1, 2, 1.5);
    this.scene.add(sun);
    const slider = h('input', { type: 'range', min: 0, max: 100, value: 100, name: 'cross-section' });
    slider.oninput = () => { this.cut = Number(slider.value) / 100; this.rebuild(); };
    this.heightCanvas = h('canvas', { width: 200, height: 200, 'data-testid': 'heightmap' });
    // the map's colour scale beside it, in words (light orange to dark brown since branch voidview, white to purple from
    // mends112: none of the legend's species colours, VOID's purple among them since voidview)
    // (the scale was "max N voxels" in black on the map's blue corner)
    this.heightScale = h('div', { class: 'hint', 'data-testid': 'heightmap-scale' });
    this.info = h('small');
    const swatch = (s: { color: string }) => h('span', { style: `display:inline-block;width:10px;height:10px;background:${s.color};margin:0 3px 0 8px` });
    // VOID's entry (shown while the box holds VOID): its swatch, its name and a box that hides it (the box has no text of
    // its own: the entry's text is the species' name, as the others')
    const voidSp = SPECIES[VOID_INDEX]!;
    const showBox = h('input', { type: 'checkbox', name: 'show-void', checked: true, title: `draw ${voidSp.name}`, 'aria-label': `draw ${voidSp.name}`, style: 'margin:0 0 0 4px;vertical-align:middle' });
    showBox.onchange = () => { this.showVoid = showBox.checked; this.rebuild(); };
    this.voidEntry = h('span', {}, swatch(voidSp), voidSp.name, showBox);
    this.legend = h('div', { class: 'hint', 'data-testid': 'voxel-legend' }, ...SPECIES.slice(0, 5).map((s) => h('span', {}, swatch(s), s.name)));
    this.el = h('div', { class: 'voxels' }, this.canvas, this.legend,
      h('label', {}, h('span', { class: 'name', text: 'cross-section' }), slider, h('small', { text: ' cut the box at a y plane (% of the width)' })),
      h('div', { class: 'cols' }, h('div', {}, h('div', { class: 'hint', text: 'height map (top of the metal in each column, nm above the host; on the metal\'s own foil, below 0 in a pit)' }), this.heightCanvas, this.heightScale), this.info));
    this.render();
  }

  /**
   * The box's voxel codes, its voxel edge (nm) and its host layers (the bottom z planes: the height map counts from the
   * top one, as metrics.json's mean_height_nm and max_height_nm do; the snapshot's x-voxel-nm and x-host-layers), and
   * whether those layers are the metal's own foil (x-host-foil: a column stripped into the foil reads a negative height,
   * its pit's depth below the foil's top, as metrics.json's heights since mends70, src/metrics/morphology.ts `foil`).
   */
  setGrid(cells: Uint8Array, nx: number, ny: number, nz: number, voxelNm: number, hostLayers: number, foil = false): void {
    const first = !this.grid;
    this.grid = { cells, nx, ny, nz, voxelNm, hostLayers, foil };
    // VOID's legend entry while the box holds any (the cross-section figure's legend lists it only when drawn, too)
    if (cells.includes(VOID)) { if (!this.voidEntry.isConnected) this.legend.append(this.voidEntry); } else this.voidEntry.remove();
    if (first) {
      const r = Math.max(nx, ny, nz);
      this.camera.position.set(nx * 1.6, nz * 1.4, ny * 1.9);
      this.controls.target.set(nx / 2, nz / 4, ny / 2);
      this.camera.far = r * 20;
      this.camera.updateProjectionMatrix();
      this.controls.update();
    }
    this.rebuild();
    this.drawHeightMap();
  }

  private rebuild(): void {
    const g = this.grid;
    if (!g) return;
    const { cells, nx, ny, nz } = g;
    const yMax = Math.max(1, Math.round(this.cut * ny));
    const at = (x: number, y: number, z: number) => cells[x + nx * (y + ny * z)]!;
    // drawn: every code but the electrolyte, and VOID unless hidden (a hidden VOID voxel hides nothing behind it)
    const hideVoid = !this.showVoid;
    const drawn = (c: number) => c !== 0 && !(hideVoid && c === VOID);
    const solid = (x: number, y: number, z: number) => x >= 0 && x < nx && y >= 0 && y < yMax && z >= 0 && z < nz && drawn(at(x, y, z));
    const picks: number[] = [];
    const counts = new Array(SPECIES.length).fill(0);
    for (let z = 0; z < nz && picks.length < MAX_INSTANCES * 4; z++) for (let y = 0; y < yMax; y++) for (let x = 0; x < nx; x++) {
      const c = at(x, y, z);
      if (c === 0) continue;
      const sp = speciesOf(c);
      counts[sp]++;
      if (!drawn(c)) continue;
      // voxels hidden on all six sides are not drawn
      if (solid(x - 1, y, z) && solid(x + 1, y, z) && solid(x, y - 1, z) && solid(x, y + 1, z) && solid(x, y, z - 1) && solid(x, y, z + 1)) continue;
      if (picks.length / 4 < MAX_INSTANCES) picks.push(x, y, z, sp);
    }
    if (this.mesh) { this.scene.remove(this.mesh); this.mesh.dispose(); }
    const n = picks.length / 4;
    const mesh = new THREE.InstancedMesh(new THREE.BoxGeometry(0.96, 0.96, 0.96), new THREE.MeshLambertMaterial(), Math.max(1, n));
    const m = new THREE.Matrix4();
    const colors = SPECIES.map((s) => new THREE.Color(s.color));
    for (let i = 0; i < n; i++) {
      m.makeTranslation(picks[4 * i]!, picks[4 * i + 2]!, picks[4 * i + 1]!);
      mesh.setMatrixAt(i, m);
      mesh.setColorAt(i, colors[picks[4 * i + 3]!]!);
    }
    mesh.count = n;
    this.mesh = mesh;
    this.scene.add(mesh);
    this.info.textContent = `${nx} x ${ny} x ${nz} voxels; ${SPECIES.map((s, i) => counts[i] ? `${s.name} ${counts[i]}${i === VOID_INDEX && hideVoid ? ' (hidden)' : ''}` : '').filter(Boolean).join(', ')}; ${n} drawn`;
    this.el.dataset.instances = String(n);
    this.render();
  }

  private drawHeightMap(): void {
    const g = this.grid;
    if (!g) return;
    const { cells, nx, ny, nz, voxelNm, hostLayers, foil } = g;
    // voxels above the top host layer, per column (metrics.json's heights, src/metrics/morphology.ts): until mends58 the
    // map counted from the box floor, host layers included ("3 voxels high" beside max_height_nm 20 at 10 nm voxels)
    // mends71: on the metal's own foil a pit reads negative (mends70's heights); the colours span the deepest pit to the
    // highest column (they started at 0, so a stripped foil's map was all one colour)
    const hm = heightField({ cells, nx, ny, nz, voxel_m: voxelNm * 1e-9 }, Math.min(Math.max(hostLayers, 0), nz) - 1, foil);
    let max = 0, min = 0;
    for (const v of hm) { if (v > max) max = v; if (v < min) min = v; }
    const span = max - min;
    const ctx = this.heightCanvas.getContext('2d')!;
    const img = ctx.createImageData(nx, ny);
    // mends112 (review85 M8): off the species legend's colours (it ran blue to yellow: the legend's metal and SAC); light
    // orange to dark brown since branch voidview (white to purple came within 36 of VOID's purple)
    const rgb = heightRgb;
    for (let i = 0; i < nx * ny; i++) {
      const [r, g, b] = rgb(span > 0 ? (hm[i]! - min) / span : 0);
      img.data[4 * i] = r; img.data[4 * i + 1] = g; img.data[4 * i + 2] = b; img.data[4 * i + 3] = 255;
    }
    const tmp = document.createElement('canvas');
    tmp.width = nx; tmp.height = ny;
    tmp.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, 200, 200);
    ctx.drawImage(tmp, 0, 0, 200, 200);
    const css = (t: number) => `rgb(${rgb(t).join(',')})`;
    const maxNm = max * voxelNm;
    const minNm = min * voxelNm;
    this.heightScale.dataset.maxNm = String(maxNm);
    this.heightScale.dataset.minNm = String(minNm);
    const low = !foil ? '0 nm (no metal) '
      : min < 0 ? `${fmt(minNm)} nm (deepest pit: ${-min} voxel${min === -1 ? '' : 's'} into the foil) ` : '0 nm (the foil\'s top) ';
    this.heightScale.replaceChildren(h('span', { text: low }),
      h('span', { style: `display:inline-block;vertical-align:middle;width:120px;height:10px;background:linear-gradient(to right, ${css(0)}, ${css(0.5)}, ${css(1)})` }),
      h('span', { text: ` ${fmt(maxNm)} nm above the ${foil ? 'foil\'s top' : 'host'} (${max} voxel${max === 1 ? '' : 's'} of ${fmt(voxelNm)} nm)` }));
  }

  /**
   * Draws nothing again (web64: the step picker's latest place for a run whose latest grid the server does not hold, after
   * a step's snapshot was drawn): no voxels, no counts, no height map.
   */
  clear(): void {
    if (!this.grid) return;
    this.grid = undefined;
    if (this.mesh) { this.scene.remove(this.mesh); this.mesh.dispose(); this.mesh = undefined; }
    this.info.textContent = '';
    delete this.el.dataset.instances;
    this.heightCanvas.getContext('2d')?.clearRect(0, 0, 200, 200);
    this.heightScale.replaceChildren();
    this.voidEntry.remove();
    this.render();
  }

  render(): void { this.renderer.render(this.scene, this.camera); }

  dispose(): void { this.controls.dispose(); this.mesh?.dispose(); this.renderer.dispose(); }
}
