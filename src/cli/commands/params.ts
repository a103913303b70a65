import type { Command } from 'commander';
/** Registers this concern's subcommands on the program. */
export function register(_program: Command): void {}
