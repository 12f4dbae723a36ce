// Builds the renderer (and the Electron bundles) when the build is missing or older than its sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Runs `npm run <script>` when `output` is missing or older than any of `sources`. */
export function ensureBuilt(root, output, sources, script) {
  const out = path.join(root, output);
  const built = existsSync(out) ? statSync(out).mtimeMs : 0;
  const changed = Math.max(...sources.map((s) => newest(path.join(root, s))));
  if (built === 0 || changed > built) {
    console.log(`Building (${script})…`);
    execSync(`npm run --silent ${script}`, { cwd: root, stdio: 'inherit' });
  }
}
