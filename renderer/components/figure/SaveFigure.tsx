/**
 * "PNG" and "SVG" buttons beside a figure: the figure made as a file (figure-file.ts for our canvases, plotly's
 * own image export for its plots) and handed to the host's save dialog (desktop) or the browser's downloads (web),
 * inside the commit of an audit line naming the figure, the file and its SHA-256, as for any file that leaves the workbench.
 */
import { useState } from 'react';
import { sha256Hex } from '../../../shared/util/sha256';
import { OutsideWriteCancelled } from '../../../shared/workspace/commit';
import { saveThroughDialogs } from '../../host/save-in-commit';
import { useWorkbench } from '../../state/workbench';
import { figureFileName, type FigureFormat } from './figure-file';

interface Props {
  /** The figure's title: the file's name and the audit line come from it. */
  title: string;
  make: (format: FigureFormat) => Promise<Uint8Array>;
  testId?: string;
}

export function SaveFigure({ title, make, testId }: Props) {
  const wb = useWorkbench();
  const [status, setStatus] = useState<string | null>(null);
  const save = async (format: FigureFormat) => {
    setStatus(null);
    try {
      const bytes = await make(format);
      const name = figureFileName(title, format);
      const ws = wb.current?.ws;
      if (!ws) return setStatus('Not saved: no workspace is open.');
      const sha256 = await sha256Hex(bytes);
      // Saved inside the commit of its audit line (save-in-commit.ts): never a file out of the workbench unaudited.
      const dialogs = saveThroughDialogs(wb.host, [{ suggestedName: name, filters: [{ name: format.toUpperCase(), extensions: [format] }], bytes, sha256 }]);
      await ws.audit('figure.save', `Saved the figure "${title}" as ${format.toUpperCase()} to ${name}`, [{ path: name, sha256 }], undefined, dialogs.write);
      setStatus(`Saved to ${dialogs.locations()[0] ?? name}`);
    } catch (e) {
      if (e instanceof OutsideWriteCancelled) return setStatus('Not saved: the save dialog was cancelled.');
      setStatus(`Not saved: ${(e as Error).message}`);
    }
  };
  return (
    <span className="save-figure" data-testid={testId}>
      <button onClick={() => void save('png')} title={`Save “${title}” as a PNG image`} aria-label={`Save ${title} as PNG`}>
        PNG
      </button>
      <button onClick={() => void save('svg')} title={`Save “${title}” as an SVG vector image`} aria-label={`Save ${title} as SVG`}>
        SVG
      </button>
      {status && (
        <span role="status" className="hint">
          {status}
        </span>
      )}
    </span>
  );
}
