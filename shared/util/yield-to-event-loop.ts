/**
 * Lets the event loop run (input, paint, progress, Cancel) between pieces of long synchronous work, so that no
 * piece holds the interface thread for long. setTimeout exists in browsers, workers and Node.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
