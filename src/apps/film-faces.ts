/**
 * facehop / axishop (session 64): which of an atom's faces a film-slowed hop reads for one move (`sei: { film_hop_on: face
 * | axis }`; docs/model.md, "Surface diffusion under the film"). Bits 0-3 are the lateral faces, 4 the top (5, the bottom,
 * is never read: the atom stands on its support). A move in lateral direction d is a plain move (onto the empty lateral
 * site t), a step-down (t empty, one layer lower) or a step-up (onto a solid t, out over the top).
 *
 * `face`: the face the move leaves through: d for a plain move and a step-down, the top for a step-up.
 * `axis` (the symmetric rule): the faces on the move's axis that its reverse reads again where the SEI module carries the
 * film with the atom (afterHop carries face i's film to the new site's face i): a plain move d and its reverse d^1 both
 * read faces d and d^1; a step-down d and its reverse, a step-up in direction d^1, both read face d (the lateral face on
 * the lower side of the step) and the top. So a step-up in direction d reads the top and face d^1 (the face opposite the
 * move), a step-down in direction d reads face d and the top. A move is slowed when ANY face it reads carries settled film.
 */
const TOP = 1 << 4;

/** the face bits the move in direction d (0-3) reads: `solidT` a step-up, `step` a step move (step-up or step-down) */
export function filmMoveFaces(d: number, solidT: boolean, step: boolean, axis: boolean): number {
  if (solidT) return axis ? TOP | (1 << (d ^ 1)) : TOP;
  if (!axis) return 1 << d;
  return step ? (1 << d) | TOP : (1 << d) | (1 << (d ^ 1));
}
