/**
 * The desktop menu's commands (shared/host/events.ts), delivered by the preload as
 * `window.sigwb.onMenuAction`. In the browser there is no application menu: the palette has them all.
 */
import { useEffect, useRef } from 'react';
import { MenuAction } from '../../shared/host/events';

export function useMenuActions(handlers: Record<MenuAction, () => void>): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const subscribe = window.sigwb?.onMenuAction;
    if (typeof subscribe !== 'function') return;
    return subscribe((action) => {
      // The preload validates the action already; checking again costs nothing and guards a stale preload.
      const parsed = MenuAction.safeParse(action);
      if (parsed.success) ref.current[parsed.data]();
    });
  }, []);
}
