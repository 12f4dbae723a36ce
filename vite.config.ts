import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { cpSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Ships the bundled sample data (the files samples/manifest.json lists) inside the build, so that
 * "Load sample data" reads them from the app's own origin, in the desktop app and in web mode alike.
 */
function sampleData(): Plugin {
  const root = path.resolve(import.meta.dirname, 'samples');
  return {
    name: 'sigwb-sample-data',
    apply: 'build',
    closeBundle() {
      const manifest = path.join(root, 'manifest.json');
      if (!existsSync(manifest)) return;
      const out = path.resolve(import.meta.dirname, 'dist', 'samples');
      mkdirSync(out, { recursive: true });
      cpSync(manifest, path.join(out, 'manifest.json'));
      const list = JSON.parse(readFileSync(manifest, 'utf8')) as { files: { path?: string; file?: string }[] };
      for (const f of list.files) {
        const rel = f.file ?? f.path;
        if (rel) cpSync(path.join(root, rel), path.join(out, rel));
      }
    },
  };
}

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root: 'renderer',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  base: './',
  plugins: [react(), sampleData()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    // The duckdb-wasm engine files are loaded by URL (renderer/db/duckdb-bundles.ts) and ship as files.
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
});
