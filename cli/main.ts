/**
 * sigwb: the workbench's engine from a terminal. Exit codes: 0 success, 1 bad input or refused (one
 * clear message on stderr), 2 usage.
 */
import { loadAllCommands, loadCommand } from './commands/index';
import { RefusedError, UsageError, WorkspaceErrorTypes, type Io } from './context';
import { parseCommandArgs } from './parse-arguments';
import { terminalText } from '../shared/util/visible-text';

async function help(): Promise<string> {
  const commands = await loadAllCommands();
  return [
    'Signature Workbench command line',
    '',
    'Usage:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Exit codes: 0 success, 1 bad input or refused, 2 usage.',
    '',
  ].join('\n');
}

/** Runs the CLI with arguments (without node and script); returns the exit code. */
export async function main(argv: string[], rawIo: Io): Promise<number> {
  // Values from files (sample ids, compounds, file names) reach the terminal escaped, never as raw control codes.
  const io: Io = { out: (t) => rawIo.out(terminalText(t)), err: (t) => rawIo.err(terminalText(t)) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(await help());
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.err(`sigwb: unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  try {
    const parsed = parseCommandArgs(rest, command.options);
    if (parsed.values.help) {
      io.out(`${command.usage}\n  ${command.summary}\n`);
      return 0;
    }
    await command.run(parsed.values, parsed.positionals, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sigwb ${name}: ${e.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (e instanceof RefusedError || WorkspaceErrorTypes.some((t) => e instanceof t)) {
      io.err(`sigwb ${name}: ${(e as Error).message}\n`);
      return 1;
    }
    io.err(`sigwb ${name}: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
