/**
 * Data → Sharing: the lab's key, the partners it trusts, the profiles received or pulled and whether linking can use
 * them under the calibration in force, the national store's state (last publish and pull, what is pending), and the
 * actions: share a signed package, receive one, trust a key. The same functions as `sigwb share`, `receive`, `trust`
 * and `store` (shared/sharing/); the lab's private key stays with the host (desktop: the user's configuration folder;
 * browser: a non-extractable key in this browser's storage), which signs only package manifests and pseudonyms.
 */
import { useEffect, useState } from 'react';
import type { LabKeyInfo } from '../../../shared/host/contract';
import { calibrationInForce } from '../../../shared/analysis/calibration-store';
import { latestClassRun } from '../../../shared/analysis/class-run-store';
import { loadRedactionProfiles } from '../../../shared/exporting/redaction';
import { FALLBACK_SENSITIVITY_LABEL } from '../../../shared/exporting/sensitivity-label';
import { evidenceModel } from '../../../shared/linking/link-evidence';
import { auditShare, buildPackage, DEFAULT_SHARE_PROFILE } from '../../../shared/sharing/build-package';
import { comparability, sharedMethodOf } from '../../../shared/sharing/exchange-method';
import { listSources, type SourceRecord } from '../../../shared/sharing/external-sources';
import { receivePackage } from '../../../shared/sharing/receive-package';
import { fromBase64, readPublicKeyDoc, shortFingerprint, type Signer } from '../../../shared/sharing/signing';
import { describePending, pendingFor, readStoreSync, type StoreSync } from '../../../shared/sharing/store-sync';
import { loadTrustedKeys, trustKey, type TrustedKeyEntry } from '../../../shared/sharing/trust-store';
import { sha256Hex } from '../../../shared/util/sha256';
import { OutsideWriteCancelled } from '../../../shared/workspace/commit';
import { saveThroughDialogs } from '../../host/save-in-commit';
import { useWorkbench, type OpenWorkspace } from '../../state/workbench';

interface State {
  key: LabKeyInfo | null;
  trusted: TrustedKeyEntry[];
  sources: { source: SourceRecord; use: string }[];
  sync: StoreSync;
  pending: (url: string) => string;
  profiles: string[];
}

const PACKAGE_FILTER = [{ name: 'Exchange package', extensions: ['sigwb', 'zip'] }];

export function SharingPanel({ session }: { session: OpenWorkspace }) {
  const wb = useWorkbench();
  const desktop = wb.info?.host === 'electron';
  const [state, setState] = useState<State | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lab, setLab] = useState('');
  const [partner, setPartner] = useState('');
  const [redact, setRedact] = useState(DEFAULT_SHARE_PROFILE);
  const [label, setLabel] = useState(FALLBACK_SENSITIVITY_LABEL);

  useEffect(() => {
    let live = true;
    (async (): Promise<State> => {
      const ws = session.ws;
      const calibration = await calibrationInForce(ws);
      const ours = calibration ? await sharedMethodOf(calibration, await evidenceModel(ws, calibration)) : null;
      const sources = (await listSources(ws)).map((source) => {
        if (!ours) return { source, use: 'no calibration in force yet: not searched' };
        const how = comparability(ours, source.method, true);
        return { source, use: 'reason' in how ? `not searched: ${how.reason}` : how.use === 'as-sent' ? 'searched as sent (same method)' : 'searched, re-pretreated from their relative areas' };
      });
      const current = { calibrationId: calibration?.id ?? null, classRunId: (await latestClassRun(ws))?.id ?? null };
      const sync = await readStoreSync(ws);
      return {
        key: await wb.host['sharing:lab-key']({}),
        trusted: await loadTrustedKeys(ws),
        sources,
        sync,
        pending: (url) => describePending(pendingFor(ws, sync.stores[url], current)),
        profiles: (await loadRedactionProfiles(ws)).profiles.map((p) => p.name),
      };
    })().then(
      (s) => live && setState(s),
      (e: Error) => live && setError(`Sharing could not be read: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [session, wb.host]);

  const act = async (what: string, work: () => Promise<string | null>) => {
    setError(null);
    setMessage(null);
    try {
      const done = await wb.runTask(what, () => work());
      if (done) setMessage(done);
      await wb.changed();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const signer = (key: LabKeyInfo): Signer => ({ lab: key.lab, publicKey: fromBase64(key.public_key), sign: (bytes) => wb.host['sharing:sign']({ bytes }) });
  const pick = async (title: string, filters: typeof PACKAGE_FILTER) => (await wb.host['dialog:open-files']({ title, filters, multiple: false }))[0] ?? null;

  const makeKey = () => act('Making the lab key', async () => ((await wb.host['sharing:lab-key']({ lab: lab.trim() })) ? 'Lab key made.' : null));
  const share = (key: LabKeyInfo) =>
    act('Writing the exchange package', async () => {
      const pkg = await buildPackage(session.ws, session.db, { redact, label, signer: signer(key), appVersion: wb.info?.version ?? 'unknown' });
      const name = `${session.ref.name.replace(/[^A-Za-z0-9._-]+/g, '-')}-${pkg.manifest.created_at.slice(0, 10)}.sigwb`;
      const sha256 = await sha256Hex(pkg.bytes);
      // As `sigwb share`: the save dialog writes the package inside the commit, after its intent names it and before
      // its audit line, so a crash in between leaves a cut share naming the package, never an unaudited package.
      const dialogs = saveThroughDialogs(wb.host, [{ suggestedName: name, filters: PACKAGE_FILTER, bytes: pkg.bytes, sha256 }]);
      try {
        await auditShare(session.ws, pkg.manifest, name, sha256, dialogs.write);
      } catch (e) {
        if (e instanceof OutsideWriteCancelled) return null;
        throw e;
      }
      const m = pkg.manifest;
      return `Package saved to ${dialogs.locations()[0] ?? name}: ${m.counts.profiles} profiles, ${m.counts.classes} classes, under ${m.redaction.profile} (removed ${m.redaction.removed.join(', ') || 'nothing'}; sample ids ${m.redaction.sample_ids}), signed by ${m.lab}.`;
    });
  const receive = () =>
    act('Receiving a package', async () => {
      const file = await pick('Receive an exchange package', PACKAGE_FILTER);
      if (!file) return null;
      const s = await receivePackage(session.ws, file.bytes, file.name, new Date().toISOString());
      return `Received ${file.name} from ${s.name}: signature and content verified; ${s.data.rows} profiles kept as source ${s.id}.`;
    });
  const trust = () =>
    act('Trusting a key', async () => {
      const file = await pick("A partner's public key", [{ name: 'Public key', extensions: ['json'] }]);
      if (!file) return null;
      const doc = await readPublicKeyDoc(JSON.parse(new TextDecoder().decode(file.bytes)), file.name);
      const e = await trustKey(session.ws, doc, partner.trim(), new Date().toISOString());
      return `Trusted ${e.name} (lab ${e.lab}, fingerprint ${shortFingerprint(e.fingerprint)} …): check it with the lab itself.`;
    });

  if (!state) return error ? <p className="error" role="alert">{error}</p> : <p className="hint">Reading the sharing state…</p>;
  const stores = Object.entries(state.sync.stores);
  return (
    <div className="sharing" data-testid="sharing-panel">
      {error && <p className="error" role="alert">{error}</p>}
      {message && <p role="status">{message}</p>}
      <section className="panel" aria-labelledby="share-key-h">
        <h3 id="share-key-h">This lab's key</h3>
        {state.key ? (
          <p>
            Signs as <strong>{state.key.lab}</strong>, fingerprint <code data-testid="lab-fingerprint">{shortFingerprint(state.key.fingerprint)} …</code> ({desktop ? "kept in this user's configuration folder" : "kept in this browser's storage, not extractable"}, never in the workspace).
          </p>
        ) : (
          <form onSubmit={(e) => (e.preventDefault(), void makeKey())}>
            <label>
              Lab name <input value={lab} onChange={(e) => setLab(e.target.value)} placeholder="NFLS Vancouver" />
            </label>{' '}
            <button type="submit" disabled={lab.trim() === ''}>Make the lab key</button>
          </form>
        )}
      </section>
      <section className="panel" aria-labelledby="share-out-h">
        <h3 id="share-out-h">Share a package</h3>
        <p className="hint">The signatures under the calibration in force, with its validation figures, classes, dates, regions and ports of entry, under a redaction profile, signed by the lab.</p>
        <label>
          Redaction profile{' '}
          <select value={redact} onChange={(e) => setRedact(e.target.value)}>
            {state.profiles.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          Sensitivity label <input value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>{' '}
        <button disabled={!state.key} onClick={() => state.key && void share(state.key)} data-testid="share-package">
          Share package…
        </button>
      </section>
      <section className="panel" aria-labelledby="share-in-h">
        <h3 id="share-in-h">Partners and received profiles</h3>
        <ul data-testid="trusted-keys">
          {state.trusted.map((k) => (
            <li key={k.fingerprint}>
              {k.name}: lab {k.lab}, key {shortFingerprint(k.fingerprint)} …, trusted by {k.trusted_by} on {k.trusted_at.slice(0, 10)}
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => (e.preventDefault(), void trust())}>
          <label>
            Partner's name <input value={partner} onChange={(e) => setPartner(e.target.value)} placeholder="partner P" />
          </label>{' '}
          <button type="submit" disabled={partner.trim() === ''}>Trust a public key…</button>{' '}
          <button type="button" onClick={() => void receive()} data-testid="receive-package">
            Receive a package…
          </button>
        </form>
        <ul data-testid="sources">
          {state.sources.map(({ source: s, use }) => (
            <li key={s.id}>
              {s.id}: {s.data.rows} profiles from {s.name} ({s.kind === 'package' ? `package of ${s.package!.created_at.slice(0, 10)}, ${s.package!.label}` : `store pull of ${s.received_at.slice(0, 10)}`}, {s.detection ? 'with detection flags' : 'without detection flags'}; their calibration {s.method.calibration_id}, {s.method.pretreatment} + {s.method.score}, AUC {s.method.auc.toFixed(3)}, LRs {s.method.lr.validated ? 'validated' : 'not validated'}): {use}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="share-store-h">
        <h3 id="share-store-h">National store</h3>
        <p className="hint" data-testid="store-browser-note">
          {desktop
            ? 'Publish and pull run from the command line in this version (sigwb publish, sigwb pull; the password from PGPASSWORD or ~/.pgpass); what they recorded in this workspace is shown here.'
            : "The browser build cannot reach the national store (a web page cannot open a PostgreSQL connection): publish and pull with the desktop app's command line, sigwb publish and sigwb pull. What they recorded in this workspace is shown here."}
        </p>
        {stores.length === 0 ? (
          <p className="hint">This workspace has not reached a national store yet (sigwb publish --store postgresql://role@host/db).</p>
        ) : (
          <ul data-testid="store-state">
            {stores.map(([url, e]) => (
              <li key={url}>
                <strong>{url}</strong> as {e.kind === 'lab' ? `lab ${e.lab_id}` : 'partner'}: last publish {e.last_publish ? `${e.last_publish.at.slice(0, 16).replace('T', ' ')} (${e.last_publish.profiles_sent} of ${e.last_publish.profiles} profiles sent)` : 'never'}; last pull {e.last_pull ? `${e.last_pull.at.slice(0, 16).replace('T', ' ')} (${e.last_pull.profiles} profiles, ${e.last_pull.incoming_links.length} links from other labs to ours)` : 'never'}; {e.kind === 'lab' ? state.pending(url) : 'partners do not publish'}.
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
