/**
 * `npm run bench -- scale-simd` (issue 15 item 5): does WebAssembly SIMD pay for the distance kernels? Pearson's dot
 * products of new rows against stored rows (unit rows, 25 compounds), each pair summed in compound order with one
 * accumulator, so that every variant gives the JavaScript kernels' bits (checked):
 *
 *   scalar   one pair at a time in JavaScript
 *   blocked  2 new × 4 stored rows per step in JavaScript, as shared/linking/link-kernel.ts and distance-blocks.ts
 *   simd     WebAssembly f64x2, lanes across 2 stored rows (an interleaved copy of the stored rows), 1 new row per step
 *   simd 2×4 the same with 2 new × 2 lane pairs (4 stored rows) per step, the blocked kernel's register block
 *
 * The module is assembled here byte by byte (no toolchain in the project); it measures, it is not used by the product.
 */
import { prepareRows } from '../shared/profiling/scores';
import { mulberry32 } from '../shared/profiling/util/rng';

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const name = (s: string): number[] => [...leb(s.length), ...Buffer.from(s)];
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const i32 = (n: number): number[] => [0x41, ...leb(n)];
const ADD = 0x6a;
const MUL = 0x6c;
const GE_U = 0x4f;
const ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const VLOAD = [0xfd, 0x00, 4, 0];
const VSTORE = [0xfd, 0x0b, 4, 0];
const SPLAT = [0xfd, 0x14];
const FMUL = [0xfd, 0xf2, 0x01];
const FADD = [0xfd, 0xf0, 0x01];
const F64LOAD = [0x2b, 3, 0];
/** `while (a < b) { …body; }` as block/loop. */
const loop = (a: number, b: number, body: number[]): number[] => [0x02, 0x40, 0x03, 0x40, ...get(a), ...get(b), GE_U, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];
const acc = (a: number, x: number, y: number): number[] => [...get(a), ...get(x), ...get(y), ...FMUL, ...FADD, ...set(a)];

// block(xi, ys, npairs, p, out): params 0–4; locals 5 jp, 6 c, 7 yp, 8 xp (i32), 9 acc (v128).
const ONE = [
  0x02, 0x04, 0x7f, 0x01, 0x7b,
  ...get(1), ...set(7), ...i32(0), ...set(5),
  ...loop(5, 2, [
    ...ZERO, ...set(9), ...get(0), ...set(8), ...i32(0), ...set(6),
    ...loop(6, 3, [...get(9), ...get(8), ...F64LOAD, ...SPLAT, ...get(7), ...VLOAD, ...FMUL, ...FADD, ...set(9), ...get(8), ...i32(8), ADD, ...set(8), ...get(7), ...i32(16), ADD, ...set(7), ...get(6), ...i32(1), ADD, ...set(6)]),
    ...get(4), ...get(5), ...i32(16), MUL, ADD, ...get(9), ...VSTORE,
    ...get(5), ...i32(1), ADD, ...set(5),
  ]),
  0x0b,
];
// block2(xi, ys, npairs, p, out, stride, q = 16p, pb = 8p): params 0–7; locals 8 jp, 9 c, 10 yp, 11 xp (i32);
// 12 a0, 13 a1, 14 b0, 15 b1, 16 u, 17 v, 18 y0, 19 y1 (v128).
const store = (base: number[], plus: number, a: number): number[] => [...base, ...get(8), ...i32(16), MUL, ADD, ...(plus ? [...i32(plus), ADD] : []), ...get(a), ...VSTORE];
const TWO = [
  0x02, 0x04, 0x7f, 0x08, 0x7b,
  ...get(1), ...set(10), ...i32(0), ...set(8),
  ...loop(8, 2, [
    ...ZERO, ...set(12), ...ZERO, ...set(13), ...ZERO, ...set(14), ...ZERO, ...set(15),
    ...get(0), ...set(11), ...i32(0), ...set(9),
    ...loop(9, 3, [
      ...get(11), ...F64LOAD, ...SPLAT, ...set(16),
      ...get(11), ...get(7), ADD, ...F64LOAD, ...SPLAT, ...set(17),
      ...get(10), ...VLOAD, ...set(18),
      ...get(10), ...get(6), ADD, ...VLOAD, ...set(19),
      ...acc(12, 16, 18), ...acc(13, 16, 19), ...acc(14, 17, 18), ...acc(15, 17, 19),
      ...get(11), ...i32(8), ADD, ...set(11), ...get(10), ...i32(16), ADD, ...set(10), ...get(9), ...i32(1), ADD, ...set(9),
    ]),
    ...get(10), ...get(6), ADD, ...set(10),
    ...store(get(4), 0, 12), ...store(get(4), 16, 13), ...store([...get(4), ...get(5), ADD], 0, 14), ...store([...get(4), ...get(5), ADD], 16, 15),
    ...get(8), ...i32(2), ADD, ...set(8),
  ]),
  0x0b,
];

function module(pages: number): Uint8Array {
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, 0x60, 5, ...new Array<number>(5).fill(0x7f), 0, 0x60, 8, ...new Array<number>(8).fill(0x7f), 0]),
    ...section(3, [2, 0, 1]),
    ...section(5, [1, 0, ...leb(pages)]),
    ...section(7, [3, ...name('block'), 0, 0, ...name('block2'), 0, 1, ...name('mem'), 2, 0]),
    ...section(10, [2, ...leb(ONE.length), ...ONE, ...leb(TWO.length), ...TWO]),
  ]);
}

type Kernel = (out: Float64Array) => void;

/** Runs the trial (default 64 new × 200,000 stored × 25 compounds) and prints CPU-seconds per variant, 3 rounds. */
export async function benchSimd(fresh = 64, stored = 200_000, p = 25): Promise<void> {
  const rng = mulberry32(15);
  const raw = (n: number): Float64Array => Float64Array.from({ length: n * p }, () => Math.exp(rng.nextNormal()));
  const S = prepareRows(raw(stored), stored, p, 'pearson').x;
  const F = prepareRows(raw(fresh), fresh, p, 'pearson').x;
  const A = 0;
  const B = fresh * p;
  const C = B + stored * p;
  const pages = Math.ceil(((C + 2 * stored) * 8) / 65_536);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(module(pages) as Uint8Array<ArrayBuffer>));
  const { block, block2, mem } = instance.exports as { block: (...a: number[]) => void; block2: (...a: number[]) => void; mem: WebAssembly.Memory };
  const heap = new Float64Array(mem.buffer);
  heap.set(F, A);
  const interleave = (): void => {
    for (let j = 0; j < stored; j += 2) {
      for (let c = 0; c < p; c++) {
        heap[B + j * p + 2 * c] = S[j * p + c];
        heap[B + j * p + 2 * c + 1] = S[(j + 1) * p + c];
      }
    }
  };
  const kernels: [string, Kernel][] = [
    ['scalar', (out) => {
      for (let i = 0; i < fresh; i++) for (let j = 0; j < stored; j++) {
        let s = 0;
        for (let c = 0; c < p; c++) s += F[i * p + c] * S[j * p + c];
        out[i * stored + j] = s;
      }
    }],
    ['blocked', (out) => {
      for (let i = 0; i < fresh; i += 2) for (let j = 0; j < stored; j += 4) {
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        const x0 = i * p, x1 = x0 + p, y0 = j * p, y1 = y0 + p, y2 = y1 + p, y3 = y2 + p;
        for (let c = 0; c < p; c++) {
          const u = F[x0 + c], v = F[x1 + c], s0 = S[y0 + c], s1 = S[y1 + c], s2 = S[y2 + c], s3 = S[y3 + c];
          a0 += u * s0; a1 += u * s1; a2 += u * s2; a3 += u * s3;
          b0 += v * s0; b1 += v * s1; b2 += v * s2; b3 += v * s3;
        }
        const o = i * stored + j;
        out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3;
        out[o + stored] = b0; out[o + stored + 1] = b1; out[o + stored + 2] = b2; out[o + stored + 3] = b3;
      }
    }],
    ['simd', (out) => {
      interleave();
      for (let i = 0; i < fresh; i++) {
        block((A + i * p) * 8, B * 8, stored / 2, p, C * 8);
        out.set(heap.subarray(C, C + stored), i * stored);
      }
    }],
    ['simd 2×4', (out) => {
      interleave();
      for (let i = 0; i < fresh; i += 2) {
        block2((A + i * p) * 8, B * 8, stored / 2, p, C * 8, stored * 8, p * 16, p * 8);
        out.set(heap.subarray(C, C + 2 * stored), i * stored);
      }
    }],
  ];
  const times = new Map<string, number[]>();
  const outs = new Map<string, Float64Array>();
  for (let round = 0; round < 3; round++) {
    for (const [label, kernel] of kernels) {
      const out = new Float64Array(fresh * stored);
      const c0 = process.cpuUsage();
      kernel(out);
      const c = process.cpuUsage(c0);
      times.set(label, [...(times.get(label) ?? []), (c.user + c.system) / 1e6]);
      outs.set(label, out);
    }
  }
  const bits = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const reference = bits(outs.get('scalar')!);
  console.log(`simd: ${fresh} new × ${stored.toLocaleString('en-US')} stored × ${p} compounds, Pearson dot products, CPU-s in each of 3 rounds, and the best`);
  for (const [label] of kernels) {
    const t = times.get(label)!;
    console.log(`  ${label.padEnd(9)} ${t.map((x) => x.toFixed(3)).join('  ')}   best ${Math.min(...t).toFixed(3)}; the scalar kernel's bits: ${bits(outs.get(label)!).equals(reference) ? 'yes' : 'NO'}`);
  }
  const best = (label: string): number => Math.min(...times.get(label)!);
  console.log(`  simd 2×4 against the blocked JavaScript kernel: ${(best('blocked') / best('simd 2×4')).toFixed(2)}× as fast (best rounds)`);
}
