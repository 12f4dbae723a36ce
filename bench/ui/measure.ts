/**
 * Measuring how long the UI thread is blocked in the page: every long task (PerformanceObserver 'longtask',
 * > 50 ms on the main thread) and every slow input event (Event Timing, from input to the next paint,
 * ≥ 16 ms) is kept with its start time, so that each scripted interaction can be charged with those inside
 * its window.
 */
import type { Page } from 'playwright-core';

/** Runs in the page before its scripts (page.addInitScript). */
export function installObservers(): void {
  const w = window as unknown as { __sigwbLong: { start: number; duration: number }[]; __sigwbEvents: { start: number; duration: number; name: string; processing: number }[] };
  w.__sigwbLong = [];
  w.__sigwbEvents = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__sigwbLong.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEventTiming[]) {
      w.__sigwbEvents.push({ start: e.startTime, duration: e.duration, name: e.name, processing: e.processingEnd - e.processingStart });
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
}

export interface Window {
  /** Longest main-thread task in the window, ms (0 when none over 50 ms). */
  longest: number;
  longTasks: number;
  /** Longest input-to-paint of an event in the window, and its handlers' own time. */
  slowestEvent: number;
  slowestHandler: number;
  ms: number;
}

/** Runs `action`, waits for the page to be quiet for `quietMs`, and reports what blocked the UI meanwhile. */
export async function measure(page: Page, action: () => Promise<unknown>, quietMs = 800): Promise<Window> {
  const t0 = await page.evaluate(() => performance.now());
  await action();
  // Quiet: no new long task during quietMs.
  for (let k = 0; k < 40; k++) {
    const before = await page.evaluate(() => (window as unknown as { __sigwbLong: unknown[] }).__sigwbLong.length);
    await page.waitForTimeout(quietMs);
    const after = await page.evaluate(() => (window as unknown as { __sigwbLong: unknown[] }).__sigwbLong.length);
    if (after === before) break;
  }
  return page.evaluate((from) => {
    const w = window as unknown as { __sigwbLong: { start: number; duration: number }[]; __sigwbEvents: { start: number; duration: number; processing: number }[] };
    const long = w.__sigwbLong.filter((e) => e.start >= from);
    const events = w.__sigwbEvents.filter((e) => e.start >= from);
    return {
      longest: Math.round(Math.max(0, ...long.map((e) => e.duration))),
      longTasks: long.length,
      slowestEvent: Math.round(Math.max(0, ...events.map((e) => e.duration))),
      slowestHandler: Math.round(Math.max(0, ...events.map((e) => e.processing))),
      ms: Math.round(performance.now() - from),
    };
  }, t0);
}
