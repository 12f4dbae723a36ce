/**
 * Changes a workspace document behind the workbench's back, as a hand "repair" would: config/<name>.json rewritten by
 * `edit`, and (unless `keepSha`) its new SHA-256 recorded in workspace.json so that the check by digest passes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function editDocument(workspace: string, name: string, edit: (text: string) => string, keepSha = false): void {
  const file = path.join(workspace, 'config', `${name}.json`);
  const text = edit(readFileSync(file, 'utf8'));
  writeFileSync(file, text);
  if (keepSha) return;
  const manifestFile = path.join(workspace, 'workspace.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.documents[name].sha256 = createHash('sha256').update(text).digest('hex');
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
}
