/**
 * A command's arguments through node:util parseArgs (strict), with its errors said in the CLI's own words: Node's
 * texts ("To specify a positional argument starting with a '-', place it at the end of the command after '--' …")
 * answer a question the analyst did not ask, and do not say which option was meant.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Edit distance of two short strings (option names), for "did you mean". O(a·b). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/** The option nearest to a mistyped one (a prefix, or at most two edits away), or null. */
function nearest(typed: string, options: Options): string | null {
  const name = typed.replace(/^-+/, '').split('=')[0];
  let best: string | null = null;
  let bestD = Infinity;
  for (const o of Object.keys(options)) {
    const d = o.startsWith(name) && name.length >= 2 ? 0 : distance(name, o);
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best !== null && bestD <= Math.min(2, Math.floor(best.length / 2)) ? `--${best}` : null;
}

/** `--name` for the option a parseArgs message quotes (`-w`, `--sheet`, `-w, --workspace <value>`). */
function longName(quoted: string, options: Options): string {
  const long = /--([\w-]+)/.exec(quoted);
  if (long) return `--${long[1]}`;
  const short = /^-(\w)$/.exec(quoted.trim());
  const entry = short ? Object.entries(options).find(([, o]) => o.short === short[1]) : undefined;
  return entry ? `--${entry[0]}` : quoted;
}

/** A parseArgs error as a UsageError that says what was wrong and how to write it. */
function usageError(e: Error & { code?: string }, options: Options): UsageError {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const hint = nearest(quoted, options);
    return new UsageError(`unknown option ${quoted}${hint ? ` (did you mean ${hint}?)` : ''}; the options are in the usage line below`);
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = longName(quoted, options);
    if (/argument missing/.test(e.message)) return new UsageError(`${name} needs a value`);
    if (/does not take an argument/.test(e.message)) return new UsageError(`${name} is a switch and takes no value`);
    if (/ambiguous/.test(e.message)) return new UsageError(`${name} needs a value, but the next word starts with "-"; a value that starts with "-" is written ${name}=<value>`);
  }
  return new UsageError(e.message);
}

/** Parses a command's arguments strictly (with --help/-h); a malformed command line is a UsageError (exit 2). */
export function parseCommandArgs(args: string[], options: Options): { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] } {
  const all: Options = { ...options, help: { type: 'boolean', short: 'h' } };
  try {
    const { values, positionals } = parseArgs({ args, options: all, allowPositionals: true, strict: true });
    // parseArgs types a multiple option as (string | boolean)[]; each option has one type, so each array has one too.
    return { values: values as Record<string, string | boolean | string[] | boolean[] | undefined>, positionals };
  } catch (e) {
    throw usageError(e as Error & { code?: string }, all);
  }
}
