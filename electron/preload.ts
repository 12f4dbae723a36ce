/**
 * The preload: the only bridge between the sandboxed renderer and the main process. It exposes
 * `window.sigwb` with the host contract's channels as named methods (methodNames in shared/host/contract.ts)
 * and onMenuAction; never ipcRenderer itself, never the IPC event. Bundled by scripts/build-electron.mjs,
 * since a sandboxed preload can require nothing but 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { z } from 'zod';
import { channels, methodNames, type Channel } from '../shared/host/contract';
import { hostEvents, type HostEvents, type MenuAction } from '../shared/host/events';

// zod's JIT probes `new Function`, which the page's CSP refuses (and reports); validate without it.
z.config({ jitless: true });

const api: Record<string, unknown> = {};
for (const channel of Object.keys(channels) as Channel[]) {
  // One argument only, passed as-is: the main process validates it against the channel's schema.
  api[methodNames[channel]] = (request: unknown) => ipcRenderer.invoke(channel, request);
}

const events: HostEvents = {
  onMenuAction(callback: (action: MenuAction) => void) {
    if (typeof callback !== 'function') throw new TypeError('onMenuAction needs a function');
    const listener = (_event: IpcRendererEvent, payload: unknown) => {
      const checked = hostEvents['menu:action'].safeParse(payload);
      if (checked.success) callback(checked.data.action);
    };
    ipcRenderer.on('menu:action', listener);
    return () => {
      ipcRenderer.removeListener('menu:action', listener);
    };
  },
};

contextBridge.exposeInMainWorld('sigwb', Object.freeze({ ...api, ...events }));
