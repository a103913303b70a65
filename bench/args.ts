/** A bench's `--name value` flag: the value after `--name` on the command line, undefined when the flag is absent. */
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** A bench's refusal of its command line: `bench: why`, then the usage, exit 2 (before any work). */
export function refuseArgs(bench: string, usage: string, why: string): never {
  process.stderr.write(`${bench}: ${why}\n${usage}`);
  process.exit(2);
}

/**
 * A bench's command line checked before any work: `--help` (or `-h`) prints `usage` and exits 0; an argument that is
 * none of `flags` (those in `withValue` take the next argument) nor one of its first `positionals` plain arguments is
 * refused, naming it, with the usage (exit 2): a mistyped flag would otherwise start a run of minutes with it ignored.
 * A `withValue` flag with no value after it (the last argument, or another `--` flag next) is refused the same way.
 */
export function checkArgs(bench: string, usage: string, flags: readonly string[], withValue: readonly string[], positionals = 0): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(usage); process.exit(0); }
  let plain = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (withValue.includes(a)) {
      // a value flag last, or followed by another flag, was taken as given with no value: the bench ran (minutes) with
      // its default, or took the next flag as its value (review34)
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) refuseArgs(bench, usage, `${a} needs a value`);
      i++;
      continue;
    }
    if (flags.includes(a)) continue;
    if (!a.startsWith('-') && plain++ < positionals) continue;
    refuseArgs(bench, usage, `unknown argument ${JSON.stringify(a)}`);
  }
}
