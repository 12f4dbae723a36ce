/** Cooperative cancellation and progress helpers shared by the numeric kernels. */

/** Progress callback: fraction done in [0, 1]. */
export type ProgressCallback = (fraction: number) => void;

/** Throws the signal's reason (an AbortError by default) when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal !== undefined && signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error) throw reason;
    const error = new Error('The operation was aborted');
    error.name = 'AbortError';
    throw error;
  }
}
