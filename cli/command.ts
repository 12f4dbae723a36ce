/** The shape of a CLI command: its usage line, its options (node:util parseArgs) and its action. */
import type { ParseArgsConfig } from 'node:util';
import { UsageError, type Io } from './context';

export interface CliCommand {
  name: string;
  /** One line: `sigwb name <args> [options]`. */
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Runs the command; throws UsageError (exit 2) or RefusedError (exit 1). */
  run(values: Record<string, string | boolean | string[] | boolean[] | undefined>, positionals: string[], io: Io): Promise<void>;
}

/** A required string option, or a UsageError naming it. */
export function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** A UsageError for a command that takes no positional arguments but was given some (a stray word is a typo, not ignored). */
export function noArguments(positionals: string[]): void {
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"${positionals.length > 1 ? ` (and ${positionals.length - 1} more)` : ''}: this command takes options only`);
}
