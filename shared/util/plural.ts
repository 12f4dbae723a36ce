/** "1 sample", "3 samples", "1 batch", "2 batches": a count with its noun in the right number (`many` defaults to `one` + "s"). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
