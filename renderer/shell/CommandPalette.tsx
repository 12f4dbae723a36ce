/** The command palette (Ctrl/⌘+K): type to find any command or view, arrows to choose, Enter to run. */
import { useMemo, useState } from 'react';
import { Dialog } from './Dialog';
import { matchCommands, type Command } from './commands';

export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => matchCommands(commands, query), [commands, query]);
  const run = (c: Command | undefined) => {
    if (!c) return;
    onClose();
    c.run();
  };
  return (
    <Dialog title="Command palette" onClose={onClose} testId="command-palette">
      <input
        className="palette-input"
        aria-label="Type a command"
        placeholder="Type a command or a view…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, found.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') run(found[active]);
          else return;
          e.preventDefault();
        }}
        aria-controls="palette-list"
        aria-activedescendant={found[active] ? `cmd-${found[active].id}` : undefined}
      />
      <ul className="palette-list" id="palette-list" role="listbox" aria-label="Commands">
        {found.length === 0 && <li className="hint">No command matches “{query}”. Try a view name, “import” or “theme”.</li>}
        {found.map((c, i) => (
          <li
            key={c.id}
            id={`cmd-${c.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => run(c)}
          >
            <span className="section">{c.section}</span>
            <span className="title">{c.title}</span>
            {c.shortcut && <kbd>{c.shortcut}</kbd>}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
