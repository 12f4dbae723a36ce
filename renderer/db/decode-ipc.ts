/**
 * Arrow IPC bytes (a query's result from the DuckDB worker) decoded into a Table a few record batches at a time, with
 * the event loop let run between slices: DuckDB sends a result of 1,000,000 cells (a calibration's or a class run's
 * signature cells) as hundreds of record batches, and apache-arrow's tableFromIPC decodes them all in one task (110–121
 * ms of the interface thread on a quiet machine, docs/VIEWS.md, the UI bench of 2026-12-02 06:58). The same Table as
 * tableFromIPC: its batches in order (an empty result keeps its schema through the reader's empty batch).
 */
import { RecordBatchReader, Table, type RecordBatch } from 'apache-arrow';
import { yieldToEventLoop } from '../../shared/util/yield-to-event-loop';

/** Decoding time per slice before yielding, ms (well under a frame's 16 ms and the 100 ms limit). */
export const DECODE_SLICE_MS = 8;

/** Decodes an Arrow IPC stream in slices of about `sliceMs` ms (default DECODE_SLICE_MS); `now` in ms. */
export async function decodeIpcInSlices(bytes: Uint8Array, sliceMs = DECODE_SLICE_MS, now: () => number = () => performance.now()): Promise<Table> {
  const reader = RecordBatchReader.from(bytes);
  const batches: RecordBatch[] = [];
  let start = now();
  for (const batch of reader) {
    batches.push(batch);
    if (now() - start >= sliceMs) {
      await yieldToEventLoop();
      start = now();
    }
  }
  return new Table(batches);
}
