import type pg from 'pg';
import { AnalysisRefusal } from '../../shared/analysis/analysis-refusal';
import { calibrationInForce } from '../../shared/analysis/calibration-store';
import { latestClassRun } from '../../shared/analysis/class-run-store';
import { describePending, pendingFor, readStoreSync } from '../../shared/sharing/store-sync';
import { addMember, connectStore, maskUrl, migrateStore, StoreError, storeIdentity, storeVersion, urlHasPassword } from '../../node/store/store-client';
import { DEFAULT_CHUNK_ROWS, publish } from '../../node/store/publish';
import { pull } from '../../node/store/pull';
import { STORE_SCHEMA_VERSION } from '../../node/store/store-schema';
import { openWorkspace, openWorkspaceDatabase, RefusedError, UsageError, WAIT_OPTION, type Io } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';

/** Connects with the password from PGPASSWORD or the passfile; warns when the URL itself carries one. */
async function connect(url: string, io: Io): Promise<pg.Client> {
  if (urlHasPassword(url)) io.err(`sigwb: warning: the store URL carries a password, which other users of this machine can see in the process list; use PGPASSWORD or a passfile (~/.pgpass) instead\n`);
  try {
    return await connectStore(url);
  } catch (e) {
    throw new RefusedError((e as Error).message);
  }
}

/** Runs store work with a connection, mapping the store's refusals to exit 1. */
async function withStore<T>(url: string, io: Io, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url, io);
  try {
    return await work(client);
  } catch (e) {
    if (e instanceof StoreError || e instanceof AnalysisRefusal) throw new RefusedError(e.message);
    const pgError = e as { code?: string; message: string };
    if (pgError.code) throw new RefusedError(`the store ${maskUrl(url)} refused: ${pgError.message} (SQLSTATE ${pgError.code})`);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const STORE_OPTIONS = { workspace: { type: 'string', short: 'w' }, store: { type: 'string' } } as const;

/** `sigwb publish`: the workspace's new signatures, classes and links to the national store. */
export const publishCommand: CliCommand = {
  name: 'publish',
  usage: 'sigwb publish --workspace <dir> --store <postgresql://role@host:port/db> [--chunk <rows>] [--wait]',
  summary: 'Push the new or changed signatures (with case details apart), classes and links to the national PostgreSQL store as this lab: idempotent, resumable, a transaction per chunk. Password from PGPASSWORD or ~/.pgpass.',
  options: { ...STORE_OPTIONS, chunk: { type: 'string' }, ...WAIT_OPTION },
  async run(values, positionals, io) {
    noArguments(positionals);
    const url = requireString(values, 'store');
    const chunk = values.chunk === undefined ? DEFAULT_CHUNK_ROWS : Number(values.chunk);
    if (!Number.isInteger(chunk) || chunk < 1) throw new UsageError('--chunk is a whole number of rows per transaction');
    const { ws, db, close } = await openWorkspaceDatabase(requireString(values, 'workspace'), { write: 'publish', wait: values.wait === true, io });
    try {
      const r = await withStore(url, io, (client) => publish(ws, db, client, { url, chunkRows: chunk, onChunk: (sent, total) => io.err(`\rpublishing: ${sent} of ${total} profiles committed`) }));
      if (r.sent) io.err('\n');
      io.out(`Published to ${maskUrl(url)} as lab ${r.labId}: ${r.sent} new or changed profiles (${r.unchanged} already there), ${r.classes} classes, ${r.links} links; publish ${r.publishId}\n`);
    } finally {
      await close();
    }
  },
};

/** `sigwb pull`: the other labs' profiles from the national store, for linking. */
export const pullCommand: CliCommand = {
  name: 'pull',
  usage: 'sigwb pull --workspace <dir> --store <postgresql://role@host:port/db> [--wait]',
  summary: "Bring the other labs' profiles published since the last pull, kept as read-only sources that linking at import searches; a lab also gets the links other labs made to its samples.",
  options: { ...STORE_OPTIONS, ...WAIT_OPTION },
  async run(values, positionals, io) {
    noArguments(positionals);
    const url = requireString(values, 'store');
    const ws = await openWorkspace(requireString(values, 'workspace'), { write: 'pull', wait: values.wait === true, io });
    let r: Awaited<ReturnType<typeof pull>>;
    try {
      r = await withStore(url, io, (client) => pull(ws, client, { url }));
    } finally {
      await ws.close();
    }
    const lines = [`Pulled ${r.profiles} profiles of ${r.labs.length ? r.labs.join(', ') : 'no other lab'} from ${maskUrl(url)} (up to revision ${r.revision}); sources ${r.sources.map((s) => `${s.id} (${s.data.rows}, calibration ${s.method.calibration_id} of ${s.store!.labs.join(', ')}, ${s.detection ? 'with detection flags' : 'without detection flags'})`).join(', ') || 'none new'}`];
    const byLab = new Map<string, number>();
    for (const l of r.incomingLinks) byLab.set(l.lab_id, (byLab.get(l.lab_id) ?? 0) + 1);
    for (const [lab, n] of byLab) lines.push(`  lab ${lab} linked ${n} profile pair${n === 1 ? '' : 's'} to this lab's samples (${[...new Set(r.incomingLinks.filter((l) => l.lab_id === lab).map((l) => l.sample_id))].slice(0, 8).join(', ')}${n > 8 ? ' …' : ''})`);
    io.out(lines.join('\n') + '\n');
  },
};

/** `sigwb store`: the store's state for this workspace (last sync, pending), and the administrator's migrate and members. */
export const storeCommand: CliCommand = {
  name: 'store',
  usage: 'sigwb store (--workspace <dir> [--store <url>] | --store <admin url> (--migrate | --add-lab <role> --lab-id <id> --lab-name <name> | --add-partner <role>))',
  summary: "The national store's state for a workspace (last publish and pull, what is pending; with --store also the store's own figures); for an administrator: apply the schema's migrations, make a login role a lab's member or a partner.",
  options: { ...STORE_OPTIONS, migrate: { type: 'boolean' }, 'add-lab': { type: 'string' }, 'lab-id': { type: 'string' }, 'lab-name': { type: 'string' }, 'add-partner': { type: 'string' } },
  async run(values, positionals, io) {
    noArguments(positionals);
    const url = typeof values.store === 'string' ? values.store : null;
    if (values.migrate || values['add-lab'] || values['add-partner']) {
      if (!url) throw new UsageError('--store is required');
      await withStore(url, io, async (client) => {
        if (values.migrate) {
          const applied = await migrateStore(client);
          io.out(applied.length ? `Migrated ${maskUrl(url)} to schema ${STORE_SCHEMA_VERSION} (applied ${applied.join(', ')})\n` : `${maskUrl(url)} is at schema ${STORE_SCHEMA_VERSION}; nothing to apply\n`);
        }
        if (typeof values['add-lab'] === 'string') {
          await addMember(client, values['add-lab'], { kind: 'lab', labId: requireString(values, 'lab-id'), labName: requireString(values, 'lab-name') });
          io.out(`Role ${values['add-lab']} publishes and reads as lab ${String(values['lab-id'])}\n`);
        }
        if (typeof values['add-partner'] === 'string') {
          await addMember(client, values['add-partner'], { kind: 'partner' });
          io.out(`Role ${values['add-partner']} reads profiles and classes as a partner (no case details, no links)\n`);
        }
      });
      return;
    }
    const ws = await openWorkspace(requireString(values, 'workspace'));
    const sync = await readStoreSync(ws);
    const current = { calibrationId: (await calibrationInForce(ws))?.id ?? null, classRunId: (await latestClassRun(ws))?.id ?? null };
    const lines: string[] = [];
    const entries = Object.entries(sync.stores);
    if (entries.length === 0) lines.push('This workspace has not reached a national store yet (sigwb publish / sigwb pull --store <url>).');
    for (const [u, e] of entries) {
      lines.push(`${u} (role ${e.role}, ${e.kind === 'lab' ? `lab ${e.lab_id}` : 'partner'}):`);
      const p = e.last_publish;
      lines.push(`  last publish: ${p ? `${p.at.slice(0, 16).replace('T', ' ')}, ${p.profiles_sent} profiles sent of ${p.profiles}, ${p.classes} classes, ${p.links} links (calibration ${p.calibration_id}, class run ${p.class_run_id ?? 'none'})` : 'never'}`);
      lines.push(`  last pull: ${e.last_pull ? `${e.last_pull.at.slice(0, 16).replace('T', ' ')}, ${e.last_pull.profiles} profiles up to revision ${e.last_pull.revision}, ${e.last_pull.incoming_links.length} links from other labs to ours` : 'never'}`);
      if (e.kind === 'lab') lines.push(`  ${describePending(pendingFor(ws, e, current))}`);
    }
    if (url) {
      await withStore(url, io, async (client) => {
        const v = await storeVersion(client);
        const me = await storeIdentity(client);
        const counts = (await client.query(`SELECT lab_id, count(*)::int AS n, ${v >= 2 ? 'count(detected)::int' : 'NULL::int'} AS flagged, max(published_at) AS last FROM sigwb.profiles GROUP BY lab_id ORDER BY lab_id`)).rows;
        lines.push(`${maskUrl(url)}: schema ${v}${v < STORE_SCHEMA_VERSION ? ` (this workbench needs ${STORE_SCHEMA_VERSION}: an administrator runs sigwb store --migrate)` : ''}; you are ${me.kind === 'lab' ? `lab ${me.labId}` : 'a partner'} (role ${me.role})`);
        for (const c of counts) lines.push(`  lab ${c.lab_id}: ${c.n} profiles (${c.flagged === null ? 'a store of schema 1 holds no detection flags' : `${c.flagged} with detection flags`}), last published ${new Date(c.last).toISOString().slice(0, 16).replace('T', ' ')}`);
        if (me.kind === 'lab') {
          const cut = (await client.query('SELECT publish_id, started_at FROM sigwb.publishes WHERE lab_id = $1 AND finished_at IS NULL AND started_at > coalesce((SELECT max(started_at) FROM sigwb.publishes WHERE lab_id = $1 AND finished_at IS NOT NULL), \'-infinity\') ORDER BY started_at', [me.labId])).rows;
          for (const c of cut) lines.push(`  unfinished publish ${c.publish_id} started ${new Date(c.started_at).toISOString().slice(0, 16).replace('T', ' ')} (what it committed stays; sigwb publish completes it)`);
        }
      });
    }
    io.out(lines.join('\n') + '\n');
  },
};
