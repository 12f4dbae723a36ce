/** The report and verify dialogs of the open workspace, as asked for through useReports(). */
import type { OpenWorkspace } from '../state/workbench';
import { ReportDialog } from './ReportDialog';
import { useReports } from './reports-state';
import { VerifyDialog } from './VerifyDialog';

export function ReportDialogs({ session }: { session: OpenWorkspace }) {
  const reports = useReports();
  if (reports.intent) return <ReportDialog session={session} intent={reports.intent} onClose={reports.close} />;
  if (reports.verifying) return <VerifyDialog session={session} onClose={reports.close} />;
  return null;
}
