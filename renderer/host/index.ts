import type { Host } from '../../shared/host/contract';
import { browserHost } from './browser-host';
import { electronHost, hasElectronHost } from './electron-host';

/** The host this window runs in: the desktop app's preload, or the browser. */
export function detectHost(): Host {
  return hasElectronHost() ? electronHost() : browserHost();
}
