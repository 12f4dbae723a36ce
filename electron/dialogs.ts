/** The Dialogs interface (node/host/dialogs.ts) over Electron's native dialogs, attached to the window. */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Dialogs } from '../node/host/dialogs';

export function electronDialogs(window: () => BrowserWindow | null): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string[]> => {
    const win = window();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  return {
    async chooseNewWorkspaceFolder() {
      const [folder] = await open({
        title: 'New workspace: choose a new or empty folder',
        buttonLabel: 'Create workspace here',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      });
      return folder ?? null;
    },
    async chooseWorkspaceFolder() {
      const [folder] = await open({ title: 'Open workspace: choose its folder', buttonLabel: 'Open workspace', properties: ['openDirectory'] });
      return folder ?? null;
    },
    chooseFiles: ({ title, filters, multiple }) => open({ title, filters, properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'] }),
    async chooseSavePath({ suggestedName, filters }) {
      const win = window();
      const options: SaveDialogOptions = { defaultPath: suggestedName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
