import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/menu';
import { MenuAction, parseHostEvent } from '../../../shared/host/events';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

function build(isMac: boolean, isDev: boolean) {
  const sent: string[] = [];
  const template = menuTemplate({ isMac, isDev, productName: 'Signature Workbench', send: (a) => sent.push(a) });
  return { template, sent, all: items(template) };
}

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View and Help, with the File commands in order', () => {
    const { template } = build(false, false);
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help']);
    const file = (template[0].submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? i.role ?? i.type);
    expect(file).toEqual(['New workspace…', 'Open workspace…', 'separator', 'Import files…', 'Export…', 'separator', 'quit']);
  });

  it('sends every UI action exactly once, each a valid menu:action event', () => {
    const { all, sent } = build(false, false);
    for (const item of all.filter((i) => typeof i.click === 'function')) click(item);
    expect([...sent].sort()).toEqual([...MenuAction.options].sort());
    for (const action of sent) expect(parseHostEvent('menu:action', { action })).toEqual({ action });
  });

  it('offers reload and developer tools only in development', () => {
    expect(build(false, false).all.some((i) => i.role === 'reload' || i.role === 'toggleDevTools')).toBe(false);
    expect(build(false, true).all.filter((i) => i.role === 'reload' || i.role === 'toggleDevTools')).toHaveLength(2);
  });

  it('follows macOS conventions: app menu with About and Quit, window menu', () => {
    const { template, all } = build(true, false);
    expect(template[0].label).toBe('Signature Workbench');
    expect(all.filter((i) => i.role === 'quit')).toHaveLength(1);
    expect(template.some((m) => m.role === 'windowMenu')).toBe(true);
    expect(all.filter((i) => i.label?.startsWith('About'))).toHaveLength(1);
  });

  it('has zoom, theme and no other free-form items', () => {
    const roles = build(false, false).all.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'copy', 'paste']));
  });
});

describe('menu:action event schema', () => {
  it('refuses anything outside the enum', () => {
    expect(() => parseHostEvent('menu:action', { action: 'rm -rf' })).toThrow();
    expect(() => parseHostEvent('menu:action', {})).toThrow();
  });
});
