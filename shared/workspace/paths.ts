/**
 * Paths inside a workspace: relative, POSIX, no "..", no absolute roots. Every host checks them with this
 * schema so that no call can reach outside the workspace folder.
 */
import { z } from 'zod';

const segment = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const workspaceRelativePath = z
  .string()
  .max(512)
  .refine((p) => p === '' || p.split('/').every((s) => segment.test(s) && s !== '..' && s !== '.'), {
    message: 'must be a relative path inside the workspace (letters, digits, . _ -; no "..")',
  });

/** The fixed layout of a workspace folder. */
export const layout = {
  manifest: 'workspace.json',
  audit: 'audit.jsonl',
  batchesDir: 'batches',
  quarantineDir: 'quarantine',
  configDir: 'config',
  batchFile: (batchId: string) => `batches/${batchId}.arrow`,
  quarantineFile: (batchId: string) => `quarantine/${batchId}.arrow`,
} as const;
