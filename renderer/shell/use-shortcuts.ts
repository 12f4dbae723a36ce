/**
 * The keyboard shortcuts of the main actions. Modifier shortcuts (Ctrl/⌘+K, O, I) work everywhere; bare
 * keys (1–9, ?, Esc) only when the focus is not in a text field, so typing is never taken over (a checkbox or radio
 * button just clicked is no text field: the keys act there).
 */
import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  palette(): void;
  open(): void;
  importFiles(): void;
  /** 1-based view number. */
  view(n: number): void;
  help(): void;
  escape(): void;
  back(): void;
}

/** Input types that take no typed text: a bare key pressed on them (a checkbox just ticked) is a shortcut. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether a key pressed on `target` is typing: a text field, a text area, a list box or editable content. */
export function typing(target: EventTarget | null): boolean {
  const el = target as (HTMLElement & { type?: string }) | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'INPUT') return !NOT_TEXT.has(String(el.type ?? 'text').toLowerCase());
  return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const h = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && !e.shiftKey && (key === 'k' || key === 'o' || key === 'i')) {
        e.preventDefault();
        if (key === 'k') h.palette();
        else if (key === 'o') h.open();
        else h.importFiles();
        return;
      }
      if (e.altKey && e.key === 'ArrowLeft') {
        e.preventDefault();
        h.back();
        return;
      }
      if (mod || e.altKey || typing(e.target) || e.defaultPrevented) return;
      if (/^[1-9]$/.test(e.key)) {
        e.preventDefault();
        h.view(Number(e.key));
      } else if (e.key === '?' || e.key === 'F1') {
        e.preventDefault();
        h.help();
      } else if (e.key === 'Escape') {
        h.escape();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
