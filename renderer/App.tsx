import { ReportsProvider } from './reports/reports-state';
import { Shell } from './shell/Shell';
import { FiltersProvider } from './state/filters';
import { NavigationProvider } from './state/navigation';
import { PreferencesProvider } from './state/preferences';
import { SelectionProvider } from './state/selection';
import { WorkbenchProvider } from './state/workbench';

export function App() {
  return (
    <PreferencesProvider>
      <WorkbenchProvider>
        <SelectionProvider>
          <NavigationProvider>
            <FiltersProvider>
              <ReportsProvider>
                <Shell />
              </ReportsProvider>
            </FiltersProvider>
          </NavigationProvider>
        </SelectionProvider>
      </WorkbenchProvider>
    </PreferencesProvider>
  );
}
