/** Every command that has a keyboard shortcut, from the same list the palette shows. */
import { Dialog } from './Dialog';
import type { Command } from './commands';

export function ShortcutsDialog({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const rows = commands.filter((c) => c.shortcut);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>{c.title}</td>
              <td>
                <kbd>{c.shortcut}</kbd>
              </td>
            </tr>
          ))}
          <tr>
            <td>Close a dialog, leave a page, clear the selection</td>
            <td>
              <kbd>Esc</kbd>
            </td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
