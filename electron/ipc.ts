/**
 * One ipcMain.handle per channel of the host contract, each behind the guard in ipc-guard.ts (sender is
 * the workbench window's main frame on app://workbench; request matches the channel's schema). Glue only.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type Channel, type Host } from '../shared/host/contract';
import { dispatch, type SenderFacts } from './ipc-guard';

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    isMainFrame: frame !== null && frame.parent === null,
    frameUrl: frame?.url ?? null,
  };
}

/** Registers the handlers; `windowId` gives the WebContents id of the workbench window (null before it exists). */
export function registerIpc(handlers: Host, windowId: () => number | null, log: (message: string) => void): void {
  for (const channel of Object.keys(channels) as Channel[]) {
    ipcMain.handle(channel, (event, request: unknown) => dispatch(channel, request, senderFacts(event), { windowId: windowId(), handlers, log }));
  }
}
