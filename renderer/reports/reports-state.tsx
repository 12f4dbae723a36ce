/**
 * Which report dialog is open, from wherever it was asked for: a class card, the classes view, a sample's page (its
 * case), the selection bar or the command palette. The dialogs themselves render inside the open workspace
 * (ReportDialogs), where the class run and its freshness are known.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** What the analyst asked a report of; the dialog starts there and lets them change it. */
export type ReportIntent =
  | { kind: 'classes'; classIds: number[] }
  | { kind: 'case'; caseId: string }
  | { kind: 'sample-list'; scope: 'selected' | 'all' };

interface Reports {
  intent: ReportIntent | null;
  verifying: boolean;
  /** Opens the report dialog. */
  report(intent: ReportIntent): void;
  /** Opens the verify dialog. */
  verify(): void;
  close(): void;
}

const Context = createContext<Reports | null>(null);

export function ReportsProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ intent: ReportIntent | null; verifying: boolean }>({ intent: null, verifying: false });
  const value = useMemo<Reports>(
    () => ({
      ...state,
      report: (intent) => setState({ intent, verifying: false }),
      verify: () => setState({ intent: null, verifying: true }),
      close: () => setState({ intent: null, verifying: false }),
    }),
    [state],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useReports(): Reports {
  const r = useContext(Context);
  if (!r) throw new Error('useReports outside ReportsProvider');
  return r;
}
