/**
 * A queue URL as it may be said or kept: its password masked. `redis://:PASSWORD@host:port` and
 * `redis://USER:PASSWORD@host:port` (and `rediss://`) connect to a Redis started with `--requirepass` or an ACL user;
 * until mends108 the worker's banner, the sweep's plan and stop lines, the `--queue` refusals and the store's mark of a
 * queued run said the URL with the password in clear (review83). Kept apart from queue.ts, which loads BullMQ: the
 * store and the CLI's lines need this without it.
 */

/** what a password is said as */
export const MASK = '***';

/**
 * `url` with its password (the userinfo's, and a `password` query parameter, which ioredis also reads) replaced by `***`:
 * `redis://:s3cret@127.0.0.1:6391` -> `redis://:***@127.0.0.1:6391`, `redis://app:s3cret@h` -> `redis://app:***@h`.
 * The rest is kept as given (a URL without a password is returned unchanged), a URL that does not parse included (it is
 * said in the refusal of a bad URL).
 */
export function maskQueueUrl(url: string): string {
  let out = url;
  const start = url.indexOf('//');
  if (start >= 0) {
    const rest = url.slice(start + 2);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    const colon = at < 0 ? -1 : authority.slice(0, at).indexOf(':');
    if (colon >= 0 && colon + 1 < at) out = url.slice(0, start + 2) + authority.slice(0, colon + 1) + MASK + rest.slice(at);
  }
  return out.replace(/([?&]pass(?:word)?=)[^&#]*/gi, (_m, key: string) => key + MASK);
}
