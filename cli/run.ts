/**
 * The compiled CLI's entry (bundled into dist-cli/sigwb.mjs by scripts/build-cli.mjs): runs `main` on the process's
 * arguments and streams (cli/terminal.ts: printed values escaped; when the reader of the output goes away,
 * `sigwb … | head`, further output is dropped quietly and the command runs to its end, so an import still commits
 * or refuses whole).
 */
import { main } from './main';
import { processIo } from './terminal';

process.exitCode = await main(process.argv.slice(2), processIo());
