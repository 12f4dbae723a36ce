/** Loads the bundled sample data (samples/manifest.json, shipped inside the build) into a workspace. */
import { z } from 'zod';
import { importFiles } from './import-files';
import type { OpenWorkspace, useWorkbench } from './workbench';

const SampleManifest = z.object({ files: z.array(z.object({ path: z.string().regex(/^[A-Za-z0-9._/-]+$/), description: z.string().optional() })) });

export async function loadSampleData(wb: ReturnType<typeof useWorkbench>, session: OpenWorkspace): Promise<void> {
  const manifest = SampleManifest.parse(await (await fetch('samples/manifest.json')).json());
  const files = await Promise.all(
    manifest.files.map(async (f) => {
      const res = await fetch(`samples/${f.path}`);
      if (!res.ok) throw new Error(`The bundled sample file ${f.path} is missing from this build (${res.status}).`);
      return { name: f.path.split('/').pop()!, bytes: new Uint8Array(await res.arrayBuffer()) };
    }),
  );
  const reports = await importFiles(wb, session, files);
  const refused = reports.filter((r) => r.outcome.status === 'refused');
  if (refused.length) wb.setError(`${refused.length} sample file(s) were refused: ${refused.map((r) => r.name).join(', ')}`);
}
