/**
 * seibare (session 60): a surface hop moves only the film that exists (src/apps/events/sei.ts afterHop; module header
 * item 2). Until seibare the hop set every face of the atom's new site filmed, and gave every live face it uncovered a
 * film, whatever film there was: a bare atom came out of a hop on a bare surface filmed, and a hop that made area made
 * film from nothing (bench/seibare-probe.ts; docs/cycling-history.md, "A hop's free film").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { CH_RED, CH_HOP } from '../src/apps/plating.js';
import { METAL } from '../src/lattice/voxel.js';

const EMPTY = 0;
const pop = (x: number) => { let n = 0; for (; x; x &= x - 1) n++; return n; };

/** A Li foil (8 x 8 x 8, 100 nm voxels, carbonate SEI, E_d 0.35 eV) with adatoms plated at the given (x, y) sites. */
function foil(sites: readonly (readonly [number, number])[]) {
  const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Li',
    kinetics: { terraceBarrier: '0.35 eV' }, sei: 'carbonate', protocol: ['Rest for 1 s'], seed: 1, output: { snapshots: false } }));
  const app = sim.app, sei = sim.sei!, nxy = app.lat.nxy;
  let z = 0;
  while (app.code[3 + 3 * 8 + z * nxy] !== EMPTY) z++;
  const atoms = sites.map(([x, y]) => {
    const v = x + y * 8 + z * nxy;
    const ch = app.execute(app.slots.get(v) << 1);
    assert.equal(ch, CH_RED);
    sei.afterEvent(app, ch, v, 0);
    return v;
  });
  const nb = new Int32Array(6);
  const exposed = (v: number) => { app.lat.neighbors(v, nb); let m = 0; for (let d = 0; d < 6; d++) if (nb[d]! >= 0 && app.code[nb[d]!] === EMPTY) m |= 1 << d; return m; };
  /** sets every live metal voxel's film: all its faces on electrolyte filmed (or none), nothing stretched, nothing pending */
  const setFilms = (filmed: boolean) => {
    const s = sei.saveState(), cov = new Uint8Array(app.lat.n);
    for (let v = 0; v < app.lat.n; v++) if (app.code[v] === METAL && filmed) cov[v] = exposed(v);
    sei.restoreState({ ...s, cov: Buffer.from(cov).toString('base64'), str: Buffer.from(new Uint8Array(app.lat.n)).toString('base64'), pend: [] });
  };
  const films = () => { const s = sei.saveState(); return { pend: s.pend, cov: new Uint8Array(Buffer.from(s.cov, 'base64')), str: new Uint8Array(Buffer.from(s.str, 'base64')) }; };
  /** live metal's faces on electrolyte now: all, filmed (not stretched), stretched, bare */
  const census = () => {
    const f = films();
    let all = 0, filmed = 0, stretched = 0;
    for (let v = 0; v < app.lat.n; v++) {
      if (app.code[v] !== METAL) continue;
      const m = exposed(v);
      all += pop(m); filmed += pop(m & f.cov[v]! & ~f.str[v]!); stretched += pop(m & f.cov[v]! & f.str[v]!);
    }
    return { all, filmed, stretched, bare: all - filmed - stretched };
  };
  /** atom v's hop, drawn by the engine and told to the SEI module as the loop does */
  const hop = (v: number) => {
    const ch = app.execute((app.slots.get(v) << 1) | 1);
    const dest = app.lastHopTo;
    assert.ok(ch === CH_HOP && app.code[v] === EMPTY && dest >= 0 && app.code[dest] === METAL, `the hop: channel ${ch}, to ${dest}`);
    sei.afterEvent(app, ch, v, 1e-6);
    return dest;
  };
  return { app, sei, atoms, exposed, setFilms, films, census, hop };
}

test('seibare: a bare atom hopping on a bare surface comes out bare (fresh, on the fast pass\'s list), and so does the face it uncovers (it was filmed for free)', () => {
  // an adatom on a Li foil whose films are all taken away (fresh metal, as after stripping or a crack, before the fast
  // pass): no film anywhere for the hop to move. Before seibare dest came out with all five faces filmed and the foil's
  // face under the atom's old site filmed too.
  const f = foil([[3, 3]]);
  f.setFilms(false);
  const v = f.atoms[0]!, below = v - f.app.lat.nxy, c0 = f.sei.counters.freshByHop;
  const dest = f.hop(v);
  const x = f.films();
  const made = pop(f.exposed(dest)) + 1;
  assert.equal(x.cov[dest], 0, `the hopped atom's film: bits ${x.cov[dest]!.toString(2)} (none expected: it had none, nor had the face it landed on)`);
  assert.equal(x.cov[below]! & (1 << 4), 0, 'the foil face the atom uncovered is bare');
  assert.ok(x.pend.includes(dest) && x.pend.includes(below), `dest ${x.pend.includes(dest) ? 'on' : 'not on'}, the uncovered foil voxel ${x.pend.includes(below) ? 'on' : 'not on'} the fast pass's list (both on expected)`);
  assert.equal(f.sei.counters.freshByHop - c0, made, `fresh faces made by the hop (dest's ${made - 1} faces on electrolyte and the uncovered one)`);
});

test('seibare: a hop that makes area on a filmed surface moves the film it has and stretches it over the rest; it makes no filmed face from nothing', () => {
  // two adjacent adatoms on a filmed Li foil, every face on electrolyte filmed and none stretched; the first hops (on the
  // foil, or up onto its neighbour), and any such hop makes surface: the face between the two atoms comes back, dest has
  // more faces on electrolyte. Before seibare every new face came out filmed (filmed faces up by the area made, no stretch).
  const f = foil([[3, 3], [2, 3]]);
  f.setFilms(true);
  const before = f.census();
  assert.equal(before.bare + before.stretched, 0);
  f.hop(f.atoms[0]!);
  const after = f.census();
  assert.ok(after.all > before.all, `the hop made area: faces on electrolyte ${before.all} -> ${after.all}`);
  assert.equal(after.bare, 0, 'every face is covered (a film existed to stretch)');
  assert.ok(after.filmed <= before.filmed, `filmed faces ${before.filmed} -> ${after.filmed} (no more than before expected: film from nothing)`);
  assert.ok(after.stretched >= after.all - before.all, `the new area is stretched: ${after.stretched} stretched faces for ${after.all - before.all} new`);
});
