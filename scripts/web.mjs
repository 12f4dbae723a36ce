// `npm run web [-- --port N]`: serves the workbench for a browser at http://127.0.0.1:PORT (default 5178,
// or $PORT). Nothing is served beyond this machine: the server binds to the loopback address only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBuilt } from './ensure-build.mjs';
import { startServer } from './web-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { port: { type: 'string' } } });
const port = Number(values.port ?? process.env.PORT ?? 5178);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sigwb web: --port must be a whole number from 0 to 65535, not "${values.port ?? process.env.PORT}"`);
  process.exit(2);
}
ensureBuilt(root, 'dist/index.html', ['renderer', 'shared', 'samples'], 'build:renderer');
try {
  const { url } = await startServer({ root: path.join(root, 'dist'), port, quiet: false });
  console.log(`Signature Workbench is running at ${url}  (Ctrl+C stops it)`);
} catch (e) {
  console.error(e.code === 'EADDRINUSE' ? `sigwb web: port ${port} is in use; try npm run web -- --port ${port + 1}` : `sigwb web: ${e.message}`);
  process.exit(1);
}
