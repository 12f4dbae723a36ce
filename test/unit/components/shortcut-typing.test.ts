/** Bare-key shortcuts (1–9, ?, Esc) stand down while the analyst types, and only then. */
import { describe, expect, it } from 'vitest';
import { typing } from '../../../renderer/shell/use-shortcuts';

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;

describe('shortcut keys and typing', () => {
  it('treats text fields, text areas, list boxes and editable content as typing', () => {
    for (const type of ['text', 'search', 'number', 'email', 'password', 'date']) expect(typing(el('INPUT', { type })), type).toBe(true);
    expect(typing(el('INPUT', {}))).toBe(true);
    expect(typing(el('TEXTAREA'))).toBe(true);
    expect(typing(el('SELECT'))).toBe(true);
    expect(typing(el('DIV', { isContentEditable: true }))).toBe(true);
  });

  it('lets the keys act on a checkbox, radio button or button just clicked, and on the page', () => {
    for (const type of ['checkbox', 'radio', 'button', 'submit', 'range']) expect(typing(el('INPUT', { type })), type).toBe(false);
    expect(typing(el('BUTTON'))).toBe(false);
    expect(typing(el('DIV'))).toBe(false);
    expect(typing(null)).toBe(false);
  });
});
