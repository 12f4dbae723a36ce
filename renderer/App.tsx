import { TaskBar } from './components/TaskBar';
import { Welcome } from './screens/Welcome';
import { WorkspaceScreen } from './screens/WorkspaceScreen';
import { WorkbenchProvider, useWorkbench } from './state/workbench';

function Shell() {
  const { current } = useWorkbench();
  return (
    <div className="app">
      <TaskBar />
      {current ? <WorkspaceScreen session={current} /> : <Welcome />}
    </div>
  );
}

export function App() {
  return (
    <WorkbenchProvider>
      <Shell />
    </WorkbenchProvider>
  );
}
