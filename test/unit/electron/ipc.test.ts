import { describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../../electron/ipc';
import { channels, type Host } from '../../../shared/host/contract';

const handlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, f: (event: unknown, request: unknown) => Promise<unknown>) => handlers.set(channel, f) },
}));

const mainFrame = { parent: null, url: 'app://workbench/index.html' };
const event = (over: Record<string, unknown> = {}) => ({ sender: { id: 3 }, senderFrame: mainFrame, ...over });

describe('registerIpc', () => {
  const host = { 'app:info': async () => ({ name: 'Signature Workbench', version: '1', host: 'electron', platform: 'p', user: 'u' }) } as unknown as Host;
  const logs: string[] = [];
  registerIpc(host, () => 3, (m) => logs.push(m));

  it('registers one handler per channel of the contract', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.keys(channels).sort());
  });

  it('reads the sender off the event and guards every call', async () => {
    const call = handlers.get('app:info')!;
    await expect(call(event(), {})).resolves.toMatchObject({ host: 'electron' });
    await expect(call(event({ sender: { id: 4 } }), {})).rejects.toThrow(/not the workbench window/);
    await expect(call(event({ senderFrame: { parent: mainFrame, url: 'app://workbench/index.html' } }), {})).rejects.toThrow(/not the main frame/);
    await expect(call(event({ senderFrame: null }), {})).rejects.toThrow(/not the main frame/);
    await expect(call(event({ senderFrame: { parent: null, url: 'https://example.org/' } }), {})).rejects.toThrow(/not the workbench/);
    await expect(call(event(), { extra: 1, nested: { deep: true } })).resolves.toBeDefined();
    expect(logs).toHaveLength(4);
  });
});
