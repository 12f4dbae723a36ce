/** Loads the bundled sample data (samples/manifest.json, shipped inside the build) into a workspace. */
import { z } from 'zod';
import { importFiles } from './import-files';
import type { OpenWorkspace, useWorkbench } from './workbench';

const RelPath = z.string().regex(/^[A-Za-z0-9._/-]+$/);
/** samples/manifest.json names each file by `file` (earlier builds: `path`). */
const SampleManifest = z.object({ files: z.array(z.object({ file: RelPath.optional(), path: RelPath.optional() }).refine((f) => f.file ?? f.path, { message: 'a file entry needs its file name' })) });

export async function loadSampleData(wb: ReturnType<typeof useWorkbench>, session: OpenWorkspace): Promise<void> {
  const manifest = SampleManifest.parse(await (await fetch('samples/manifest.json')).json());
  const files = await Promise.all(
    manifest.files.map(async (f) => {
      const rel = (f.file ?? f.path) as string;
      const res = await fetch(`samples/${rel}`);
      if (!res.ok) throw new Error(`The bundled sample file ${rel} is missing from this build (${res.status}). Rebuild the app (npm run build:renderer).`);
      return { name: rel.split('/').pop()!, bytes: new Uint8Array(await res.arrayBuffer()) };
    }),
  );
  const reports = await importFiles(wb, session, files);
  const refused = reports.filter((r) => r.outcome.status === 'refused');
  if (refused.length) wb.setError(`${refused.length} sample file(s) were refused: ${refused.map((r) => r.name).join(', ')}`);
}
