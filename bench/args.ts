/** A bench's `--name value` flag: the value after `--name` on the command line, undefined when the flag is absent. */
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
