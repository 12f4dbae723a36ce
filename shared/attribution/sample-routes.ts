/**
 * The route called for each sample, as the database holds it for the views and for exports (`sample_routes`:
 * sample_id, route, run_id): written when route evidence is computed (the app's attribution, from the latest class
 * run), read by the Samples table, the PCA and a samples export. A route is evidence with its uncertainty, never a
 * certainty (DOMAIN.md): null where the evidence is inconclusive.
 */
import { buildIPC, utf8Col } from '../db/arrow-build';
import type { Database } from '../db/Database';

export const SAMPLE_ROUTES = 'sample_routes';

/** Replaces the routes (sample id → most likely route or null) computed from class run `runId`. */
export async function registerSampleRoutes(db: Database, sampleIds: readonly string[], routes: readonly (string | null)[], runId: string | null): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${SAMPLE_ROUTES}`);
  await db.insertArrowIPC(SAMPLE_ROUTES, buildIPC({ sample_id: utf8Col([...sampleIds]), route: utf8Col([...routes]), run_id: utf8Col(sampleIds.map(() => runId)) }), 'create');
}

/** Creates an empty routes table when there is none, so that views and exports can join it from the start. */
export async function ensureSampleRoutes(db: Database): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS ${SAMPLE_ROUTES} (sample_id VARCHAR, route VARCHAR, run_id VARCHAR)`);
}
