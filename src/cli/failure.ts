/**
 * Turns any error that reaches the top of the CLI into ONE line on stderr and an exit code:
 * 2 for what the user can act on (input and file errors, file-system failures, inputs too large
 * for memory or too deeply nested), 1 for an internal error. Never a stack trace unless
 * SACPLATE_DEBUG=1. Control bytes and line breaks in messages are escaped, so a hostile file
 * name or value cannot rewrite the terminal. Also the program-wide parser rules that come before
 * any command runs: commander's own errors as one line, and a single-value flag given twice refused;
 * runProgram removes the output folders a failed command made while they are still empty (io/dirs.ts).
 */
import { CommanderError, type Command } from 'commander';
import { InputError, fsReason, isUserError } from '../errors.js';
import { forgetCreatedDirs, watchCreatedDirs } from '../io/dirs.js';

const FS_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EEXIST', 'EMFILE', 'ENAMETOOLONG', 'ELOOP', 'EDQUOT', 'EFBIG', 'EIO', 'EINVAL', 'EBUSY', 'ETXTBSY', 'EXDEV']);

/** Escapes C0/C1 control characters, DEL and bidirectional overrides; joins lines. */
export function oneLine(s: string): string {
  return s
    .replace(/\r?\n\s*/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function describeFailure(e: unknown): { line: string; exitCode: number } {
  if (isUserError(e)) return { line: oneLine(e.message), exitCode: 2 };
  const err = e as NodeJS.ErrnoException | undefined;
  const msg = err instanceof Error ? err.message : String(e);
  if (err && typeof err.code === 'string' && FS_CODES.has(err.code)) {
    const where = err.path ? `${err.path}: ` : '';
    return { line: oneLine(`${where}${err.syscall ? `cannot ${err.syscall}` : 'file error'}: ${fsReason(err)}`), exitCode: 2 };
  }
  // an input too large for memory (the engine's words) or nested too deeply for the stack (JavaScript's RangeError
  // "Maximum call stack size exceeded", also when a worker's message could not be read: worker-errors.ts). Any other
  // RangeError is the code's own (an invariant, a bad internal argument: every input is checked with an InputError), so
  // an internal error, on the main thread as from a worker (whose errors keep their class); until mends37 it said
  // "input too large ... (capture: Green matrix of the set is not positive definite)", exit 2
  // (a Map or Set past 2^24 entries: V8's RangeError "Map maximum size exceeded", e.g. a search over a deposit of more
  // voxels; review31: it became an internal error with mends37)
  if (/allocation failed|out of memory|Invalid (typed )?array length|Array buffer|Invalid string length|(Map|Set) maximum size exceeded/i.test(msg)
    || (e instanceof RangeError && /Maximum call stack size exceeded/.test(msg))) {
    return { line: oneLine(`input too large for this machine or nested too deeply (${msg})`), exitCode: 2 };
  }
  return { line: oneLine(`internal error: ${msg} (SACPLATE_DEBUG=1 prints the stack trace; please report it)`), exitCode: 1 };
}

/** Writes the one line (and, with SACPLATE_DEBUG=1, the stack) and sets process.exitCode. */
export function reportFailure(e: unknown): void {
  // stdout closed by its reader (`sacplate params list | head -2`): the reader took what it wanted; the line said
  // "internal error: write EPIPE ... please report it" (exit 1). Nothing to say, as any Unix tool whose pipe closes
  const pipe = e as { code?: unknown; syscall?: unknown } | undefined;
  if (pipe && pipe.code === 'EPIPE' && pipe.syscall === 'write') { process.exitCode ??= 0; return; }
  const { line, exitCode } = describeFailure(e);
  process.stderr.write(`sacplate: ${line}\n`);
  if (process.env.SACPLATE_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  process.exitCode = exitCode;
}

/**
 * audit70b: the words the docs and the workbench use for a command that has another name (docs/evidence.md is the
 * "Evidence base", the workbench's page "Evidence"; the command is `lit`): `sacplate evidence` said only "unknown command".
 */
const COMMAND_WORDS: Record<string, string> = {
  evidence: 'the review\'s evidence base is `sacplate lit` (lit list, lit show, lit normalise, lit import)',
  literature: 'the review\'s evidence base is `sacplate lit` (lit list, lit show, lit normalise, lit import)',
};

function commandHint(str: string): string {
  const m = /unknown command '([^']+)'/.exec(str);
  const hint = m ? COMMAND_WORDS[m[1]!.toLowerCase()] : undefined;
  return hint ? `: ${hint}` : '';
}

/**
 * A commander usage error (unknown option or command, missing argument) as one line in the same
 * form as every other error, with a hint where the usage is, instead of the whole usage text
 * after it: `sacplate: unknown option '--bogus' (see sacplate simulate --help)`. Set on every
 * command of the built tree (commander copies output settings only when a command is created).
 */
export function oneLineParserErrors(program: Command): void {
  const visit = (cmd: Command, name: string): void => {
    cmd.showHelpAfterError(false).configureOutput({
      outputError: (str, write) => write(`sacplate: ${oneLine(str.trim().replace(/^error: /, ''))}${commandHint(str)} (see ${name} --help)\n`),
    });
    // a missing argument (the file) is named before a missing required option: commander checks the
    // options first, so `analyze` alone asked for --protocol, not for the file (its args are set by then)
    const c = cmd as unknown as { missingMandatoryOptionValue?: (o: unknown) => void; missingArgument(name: string): void };
    const mandatory = c.missingMandatoryOptionValue?.bind(cmd);
    if (mandatory) {
      c.missingMandatoryOptionValue = (o: unknown) => {
        const missing = cmd.registeredArguments.find((a, i) => a.required && cmd.args[i] === undefined);
        if (missing) c.missingArgument(missing.name());
        mandatory(o);
      };
    }
    for (const sub of cmd.commands) visit(sub, `${name} ${sub.name()}`);
  };
  visit(program, program.name());
}

/**
 * A flag that takes one value and is given twice is refused, naming the flag and both values:
 * commander keeps the last one, so `nucleation --sac A --sac B` computed B alone and said nothing
 * (as did --current, --metal, --host, --out, --seed, ...). Commander has no "not repeatable"
 * setting; each value-taking option of every command gets a listener on commander's own
 * `option:<name>` event (one per occurrence on the command line; defaults and environment values
 * do not fire it). A quantity flag (`--area <value...>`) is variadic so that `--area 1 cm2` needs no
 * quotes, and its words are joined into one value: given twice, `--area 1 cm2 --area 2 cm2` was read as
 * "1 cm2 2 cm2" ("unknown unit"). Its events do not tell a new flag from a further word, so its
 * occurrences are counted on the command's own words (repeatedVariadic) before commander parses them.
 * Left out: options with their own parser, which collect repeated values (`lit list --range`, declared in commands/evidence.ts).
 */
export function refuseRepeatedFlags(program: Command): void {
  const visit = (cmd: Command): void => {
    const parse = cmd.parseOptions.bind(cmd);
    cmd.parseOptions = (args: string[]) => { repeatedVariadic(cmd, args); return parse(args); };
    for (const opt of cmd.options) {
      if (opt.variadic || opt.isBoolean() || opt.negate || opt.parseArg) continue;
      const flag = opt.long ?? opt.short ?? opt.name();
      let first: { value: unknown } | undefined;
      cmd.on(`option:${opt.name()}`, (value: unknown) => {
        if (first !== undefined) throw new InputError(flag, [first.value, value], givenTwice(flag, 'only the last would count'));
        first = { value };
      });
    }
    for (const sub of cmd.commands) visit(sub);
  };
  visit(program);
}

const givenTwice = (flag: string, what: string): string => `${flag} once (it takes one value; given twice, ${what})`;

/**
 * A variadic flag of `cmd` given twice in `args` (the words commander is about to parse for it), as
 * commander reads them: a flag's words run up to the next word that looks like an option (a negative
 * number is a word); `--flag=value` takes that value alone; a required value is the next word, whatever it
 * looks like; parsing stops at `--`.
 */
function repeatedVariadic(cmd: Command, args: readonly string[]): void {
  const seen = new Map<string, string[][]>();
  let words: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    const looksLikeOption = a.length > 1 && a.startsWith('-') && !/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(a);
    if (words && !looksLikeOption) { words.push(a); continue; }
    words = undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const opt = cmd.options.find((o) => o.long === name || o.short === name);
    if (!opt) continue;
    if (opt.variadic) {
      const group = eq > 0 ? [a.slice(eq + 1)] : [];
      const flag = opt.long ?? name;
      seen.set(flag, [...(seen.get(flag) ?? []), group]);
      if (eq < 0) words = group;
    } else if (opt.required && eq < 0) i++;
  }
  for (const [flag, groups] of seen) {
    if (groups.length > 1) throw new InputError(flag, groups.map((g) => g.join(' ')), givenTwice(flag, 'its words would run together as one value'));
  }
}

/**
 * Parses argv with a built program; a commander usage error exits 2 (0 for --help/--version),
 * anything else goes through reportFailure. Shared by main.ts and the lean nucleation entry.
 */
export async function runProgram(program: Command, argv: string[]): Promise<void> {
  oneLineParserErrors(program);
  refuseRepeatedFlags(program);
  watchCreatedDirs();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    // an output folder made for this command and still empty goes with it (no partial output)
    forgetCreatedDirs(true);
    reportFailure(e); // one line, exit 2 for user errors
  } finally {
    forgetCreatedDirs(false);
  }
}
