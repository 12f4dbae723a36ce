/** Progress of the long task under way, with Cancel; and the last error, with what to do. */
import { useWorkbench } from '../state/workbench';

export function TaskBar() {
  const { task, error, setError } = useWorkbench();
  return (
    <>
      {task && (
        <div className="task" role="status" aria-live="polite" data-testid="task">
          <span className="task-label">{task.label}</span>
          <progress max={1} value={task.fraction ?? undefined} />
          {task.cancel && <button onClick={task.cancel}>Cancel</button>}
        </div>
      )}
      {error && (
        <div className="banner error" role="alert" data-testid="error-banner">
          <span>{error}</span>
          <button className="link" onClick={() => setError(null)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
