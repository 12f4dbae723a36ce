/**
 * The compiled CLI's entry (bundled into dist-cli/sigwb.mjs by scripts/build-cli.mjs): runs `main` on the process's
 * arguments and streams, and ends quietly when the reader of its output goes away (`sigwb … | head`).
 */
import { main } from './main';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2), {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
});
