/**
 * "New links since …": the link alerts of the batches linked since a date (the record's time) or since a batch (that
 * batch and later ones), newest batch first, each with its acknowledgement when the audit log holds one. One path for
 * the app's Home and `sigwb links`.
 */
import type { Workspace } from '../workspace/Workspace';
import { LINKS_PREFIX, readLinksRecord, type LinkAlert, type LinksRecord } from './link-record';
import { sampleSearchText } from './search-text';

export const ACK_ACTION = 'links.ack';

export interface AlertAck {
  by: string;
  at: string;
  note: string;
}

export interface SinceAlerts {
  records: LinksRecord[];
  /** `search`: the search threshold the alert's sample was linked under, in words (search-text.ts). */
  alerts: { batchId: string; alert: LinkAlert; ack: AlertAck | null; search: string }[];
}

/** Since a date (YYYY-MM-DD, inclusive) or a batch id (Bnnnn, inclusive); null: every batch. */
export async function alertsSince(ws: Workspace, since: string | null): Promise<SinceAlerts> {
  const names = Object.keys(ws.manifest.documents).filter((n) => n.startsWith(LINKS_PREFIX)).sort().reverse();
  const records: LinksRecord[] = [];
  for (const name of names) {
    const r = readLinksRecord(await ws.getDocument(name), `config/${name}.json`);
    if (since === null || (/^B\d{4,}$/.test(since) ? Number(r.batch_id.slice(1)) >= Number(since.slice(1)) : r.created_at.slice(0, 10) >= since)) records.push(r);
  }
  const acks = new Map<string, AlertAck>();
  for (const e of (await ws.readAudit()).entries) {
    if (e.action === ACK_ACTION && typeof e.details?.alert === 'string') acks.set(e.details.alert, { by: e.who, at: e.at, note: String(e.details.note ?? '') });
  }
  const searchOf = (r: LinksRecord, alert: LinkAlert): string => sampleSearchText(r, r.samples.find((s) => s.sample_id === alert.sample_id)?.drug ?? null);
  return { records, alerts: records.flatMap((r) => r.alerts.map((alert) => ({ batchId: r.batch_id, alert, ack: acks.get(alert.id) ?? null, search: searchOf(r, alert) }))) };
}

/** Records an acknowledgement in the audit log; refuses an alert id no record holds. */
export async function acknowledgeAlert(ws: Workspace, alertId: string, note: string): Promise<LinkAlert> {
  const { alerts } = await alertsSince(ws, null);
  const found = alerts.find((a) => a.alert.id === alertId);
  if (!found) throw new Error(`no link alert ${alertId} in this workspace (sigwb links lists them)`);
  await ws.audit(ACK_ACTION, `Acknowledged link alert ${alertId}${note ? `: ${note}` : ''}`, [], { alert: alertId, batch: found.batchId, sample: found.alert.sample_id, note });
  return found.alert;
}
