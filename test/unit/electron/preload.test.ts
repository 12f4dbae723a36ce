import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channels, methodNames } from '../../../shared/host/contract';

// The preload runs against a stand-in for Electron's renderer modules: what it exposes, and how.
const exposed: Record<string, Record<string, unknown>> = {};
const invoked: unknown[][] = [];
const listeners = new Map<string, ((...args: unknown[]) => void)[]>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => (invoked.push(args), 'reply'),
    on: (channel: string, f: (...args: unknown[]) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), f]),
    removeListener: (channel: string, f: (...args: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? []).filter((g) => g !== f)),
  },
}));

beforeAll(async () => {
  await import('../../../electron/preload');
});

const emit = (channel: string, payload: unknown) => {
  for (const f of listeners.get(channel) ?? []) f({ sender: 'the ipcRenderer, never to be seen' }, payload);
};

describe('preload', () => {
  it('exposes exactly the named methods of the contract and onMenuAction, frozen', () => {
    const api = exposed.sigwb;
    expect(Object.keys(api).sort()).toEqual([...Object.values(methodNames), 'onMenuAction'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send/i);
  });

  it('maps each method to ipcRenderer.invoke on its channel with the one request', async () => {
    for (const channel of Object.keys(channels) as (keyof typeof channels)[]) {
      invoked.length = 0;
      const method = exposed.sigwb[methodNames[channel]] as (r: unknown, extra?: unknown) => Promise<unknown>;
      expect(await method({ probe: channel }, 'ignored second argument')).toBe('reply');
      expect(invoked).toEqual([[channel, { probe: channel }]]);
    }
  });

  it('passes valid menu actions to the callback (action only), drops invalid ones, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = (exposed.sigwb.onMenuAction as (cb: (...a: unknown[]) => void) => () => void)((...a) => seen.push(a));
    emit('menu:action', { action: 'open-workspace' });
    emit('menu:action', { action: 'format-disk' });
    emit('menu:action', 'new-workspace');
    expect(seen).toEqual([['open-workspace']]);
    off();
    emit('menu:action', { action: 'about' });
    expect(seen).toHaveLength(1);
    expect(listeners.get('menu:action')).toEqual([]);
  });

  it('refuses a non-function callback', () => {
    expect(() => (exposed.sigwb.onMenuAction as (cb: unknown) => void)('not a function')).toThrow(TypeError);
  });
});
