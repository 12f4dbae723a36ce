/**
 * The application menu as a template. Items that the UI carries out send a MenuAction (shared/host/events.ts)
 * through `send`; Quit, Edit and zoom use Electron's roles. Only types come from Electron, so the template
 * is tested without it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../shared/host/events';

export interface MenuOptions {
  /** macOS puts the app's own menu first and Quit in it. */
  isMac: boolean;
  /** Reload and developer tools appear only in development (not packaged). */
  isDev: boolean;
  productName: string;
  send: (action: MenuAction) => void;
}

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const action = (label: string, act: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => o.send(act),
  });
  const about = action(`About ${o.productName}`, 'about');
  const template: MenuItemConstructorOptions[] = [];
  if (o.isMac) {
    template.push({
      label: o.productName,
      submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [
        action('New workspace…', 'new-workspace', 'CmdOrCtrl+N'),
        action('Open workspace…', 'open-workspace', 'CmdOrCtrl+O'),
        { type: 'separator' },
        action('Import files…', 'import-files', 'CmdOrCtrl+I'),
        action('Export…', 'export', 'CmdOrCtrl+E'),
        ...(o.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        ...(o.isDev ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
        action('Toggle theme', 'toggle-theme', 'CmdOrCtrl+Shift+L'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
  );
  if (o.isMac) template.push({ role: 'windowMenu' });
  template.push({ role: 'help', submenu: o.isMac ? [] : [about] });
  return template;
}
