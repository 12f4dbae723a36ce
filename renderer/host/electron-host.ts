/**
 * The host in the desktop app: the preload's named methods on `window.sigwb` (electron/preload.ts).
 * Replies are validated here too, so that the UI never trusts a shape it did not check.
 */
import { channels, methodNames, parseReply, type Channel, type Host } from '../../shared/host/contract';

type PreloadApi = Record<string, (request: unknown) => Promise<unknown>>;

declare global {
  interface Window {
    sigwb?: PreloadApi & { onMenuAction?: (cb: (action: string) => void) => () => void };
  }
}

export function hasElectronHost(): boolean {
  return typeof window !== 'undefined' && typeof window.sigwb === 'object' && window.sigwb !== null;
}

export function electronHost(): Host {
  const api = window.sigwb as PreloadApi;
  const host = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(channels) as Channel[]) {
    host[channel] = async (request) => parseReply(channel, await api[methodNames[channel]](request));
  }
  return host as unknown as Host;
}
