/**
 * A modal dialog: a header, a body that scrolls, and an optional footer that stays in view (the actions of a long
 * dialog are never below the fold). Closes on Escape or a click outside; while open it holds the focus (Tab and
 * Shift+Tab cycle inside it), and on close it gives the focus back to where it was.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = ['input', 'select', 'textarea', 'button'].map((t) => `${t}:not([disabled])`).concat('a[href]', '[tabindex="0"]').join(', ');

/** The controls Tab can reach inside `root`, in document order (hidden ones left out). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

export function Dialog({
  title,
  onClose,
  children,
  footer,
  testId,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Actions kept in view below the scrolling body (default: none, the body holds its own buttons). */
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Read before the first commit: a child's autoFocus has already moved the focus by the time effects run.
  const [previous] = useState(() => document.activeElement);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // The first control of the body (a field, a choice, a button, never the header's Close and never a footer action
    // that Enter would commit), else the dialog itself; a child that took the focus (autoFocus) keeps it.
    if (!dialog.contains(document.activeElement)) {
      const body = dialog.querySelector<HTMLElement>('.dialog-body');
      ((body && focusables(body)[0]) ?? dialog).focus();
    }
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, [previous]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab' && ref.current) {
      const items = focusables(ref.current);
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      if (!first || !last) e.preventDefault();
      else if (e.shiftKey && (active === first || active === ref.current)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={`dialog${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId} tabIndex={-1} onKeyDown={onKeyDown}>
        <header className="dialog-head">
          <h2>{title}</h2>
          <button className="icon" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-foot">{footer}</footer>}
      </div>
    </div>
  );
}
