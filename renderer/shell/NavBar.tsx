/** The views, in a left bar, numbered for the keys 1–9; investigator mode leaves out the SQL console. */
import { VIEWS, useNavigation, type ViewId } from '../state/navigation';

export function NavBar({ hidden }: { hidden: ReadonlySet<ViewId> }) {
  const { place, go } = useNavigation();
  return (
    <nav className="navbar" aria-label="Views">
      <ul>
        {VIEWS.map((v, i) =>
          hidden.has(v.id) ? null : (
            <li key={v.id}>
              <button
                className={place.view === v.id ? 'active' : ''}
                aria-current={place.view === v.id ? 'page' : undefined}
                onClick={() => go(v.id)}
                title={`${v.hint} (${i + 1})`}
                data-testid={`nav-${v.id}`}
              >
                <span className="nav-icon" aria-hidden="true">
                  {v.icon}
                </span>
                <span className="nav-label">{v.label}</span>
                <kbd aria-hidden="true">{i + 1}</kbd>
              </button>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
