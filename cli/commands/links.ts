import { acknowledgeAlert, alertsSince } from '../../shared/linking/link-alerts-since';
import { crossLabLines } from '../../shared/linking/cross-lab-links';
import { linkEvidenceText, searchLines } from '../../shared/linking/search-text';
import { openWorkspace, RefusedError, UsageError, WAIT_OPTION } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { counted } from '../../shared/util/plural';

/** `sigwb links`: the link alerts since a date or batch, or an acknowledgement recorded in the audit log. */
export const linksCommand: CliCommand = {
  name: 'links',
  usage: 'sigwb links --workspace <dir> [--since <YYYY-MM-DD|Bnnnn>] [--format text|json] [--ack <alert id> [--note <text>] [--wait]]',
  summary: 'New links since a date or batch: samples linked at import to a class seen in another region, case, agency or across the border; --ack records that an alert was seen.',
  options: { workspace: { type: 'string', short: 'w' }, since: { type: 'string' }, format: { type: 'string', default: 'text' }, ack: { type: 'string' }, note: { type: 'string' }, ...WAIT_OPTION },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    noArguments(positionals);
    const since = typeof values.since === 'string' ? values.since : null;
    if (since !== null && !/^(\d{4}-\d{2}-\d{2}|B\d{4,})$/.test(since)) throw new UsageError('--since is a date (YYYY-MM-DD) or a batch id (B0007)');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format is text or json');
    if (typeof values.ack === 'string') {
      // Acknowledging writes an audit line: a writer, under the workspace lock.
      const ws = await openWorkspace(dir, { write: 'links --ack', wait: values.wait === true, io });
      try {
        const a = await acknowledgeAlert(ws, values.ack, typeof values.note === 'string' ? values.note : '');
        io.out(`Acknowledged ${a.id} (${a.summary}); recorded in the audit log\n`);
      } catch (e) {
        throw new RefusedError((e as Error).message);
      } finally {
        await ws.close();
      }
      return;
    }
    const ws = await openWorkspace(dir, { io });
    const { records, alerts } = await alertsSince(ws, since);
    if (values.format === 'json') {
      io.out(JSON.stringify({ since, batches: records.map((r) => ({ batch_id: r.batch_id, linked_at: r.created_at, calibration_id: r.calibration_id, class_run_id: r.class_run_id, counts: r.counts, search: r.method.search })), alerts: alerts.map((a) => ({ batch_id: a.batchId, ...a.alert, acknowledged: a.ack, search: a.search })) }, null, 2) + '\n');
      return;
    }
    const lines = [`New links since ${since ?? 'the first import'}: ${counted(records.length, 'batch', 'batches')} linked, ${counted(alerts.length, 'alert')} (${alerts.filter((a) => !a.ack).length} not acknowledged)`];
    for (const r of records) {
      const c = r.counts;
      lines.push(`  ${r.batch_id} (${r.created_at.slice(0, 16).replace('T', ' ')}, calibration ${r.calibration_id}${r.class_run_id ? `, class run ${r.class_run_id}` : ''}): ${counted(c.new_samples, 'new sample')} against ${counted(c.stored_profiles, 'stored profile')}; ${counted(c.links, 'link')}; ${c.joined} joined a class, ${counted(c.bridges, 'bridge class', 'bridge classes')}, ${counted(c.candidates, 'candidate class', 'candidate classes')}${r.method.lr_validated ? '' : '; LRs not validated'}`);
      lines.push(...searchLines(r).map((line) => `    ${line}`));
    }
    const across = crossLabLines(records).map((line) => `  ${line}`);
    if (across.length) lines.push('Across labs:', ...across);
    for (const { alert: a, ack, search } of alerts) {
      lines.push(`${ack ? 'seen ' : 'NEW  '} ${a.id} [${a.kinds.join(', ')}]`, `      ${a.summary}`, `      strongest link: ${a.strongest.sample_id}, ${linkEvidenceText(a.strongest)}`, `      ${search}`);
      if (ack) lines.push(`      acknowledged by ${ack.by} at ${ack.at}${ack.note ? `: ${ack.note}` : ''}`);
    }
    io.out(lines.join('\n') + '\n');
  },
};
