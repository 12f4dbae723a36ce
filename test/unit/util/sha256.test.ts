import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { digestLargeWith, sha256Hex, sha256Lent, sha256OfText } from '../../../shared/util/sha256';

afterEach(() => digestLargeWith(null));

describe('sha256Hex', () => {
  it('is the SHA-256 that any tool computes, small or large', async () => {
    const small = new TextEncoder().encode('Signature Workbench');
    const big = new Uint8Array(3 << 20).map((_, i) => (i * 31) & 255);
    expect(await sha256Hex(small)).toBe(createHash('sha256').update(small).digest('hex'));
    expect(await sha256Hex(big)).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('hands inputs of the threshold or more to the digest set for them (the renderer: a worker), smaller ones not', async () => {
    const asked: number[] = [];
    digestLargeWith(async (data) => {
      asked.push(data.byteLength);
      return createHash('sha256').update(data).digest('hex');
    }, 1000);
    const below = new Uint8Array(999).fill(7);
    const at = new Uint8Array(1000).fill(7);
    expect(await sha256Hex(below)).toBe(createHash('sha256').update(below).digest('hex'));
    expect(await sha256Hex(at)).toBe(createHash('sha256').update(at).digest('hex'));
    expect(asked).toEqual([1000]);
  });

  it("a text's hash is its UTF-8 bytes' hash, and only bytes made for it are handed over to the large digest", async () => {
    const handed: boolean[] = [];
    digestLargeWith(async (data, handOver) => {
      handed.push(handOver);
      return createHash('sha256').update(data).digest('hex');
    }, 1000);
    const report = `<p>Montréal</p>${'x'.repeat(2000)}`;
    expect(await sha256OfText(report)).toBe(createHash('sha256').update(report, 'utf8').digest('hex'));
    const kept = new Uint8Array(1000).fill(3);
    await sha256Hex(kept);
    expect(handed).toEqual([true, false]);
  });

  it('bytes lent to the large digest come back with their hash; without a lender they are hashed as they are', async () => {
    const big = new Uint8Array(4000).map((_, i) => (i * 7) & 255);
    const expected = createHash('sha256').update(big).digest('hex');
    expect(await sha256Lent(big)).toEqual({ hex: expected, bytes: big });
    digestLargeWith(
      async () => 'not used',
      1000,
      async (data) => {
        // As the worker does it: the caller's array is emptied (transferred), the bytes come back in another.
        const back = data.slice();
        return { hex: createHash('sha256').update(back).digest('hex'), bytes: back };
      },
    );
    const lent = await sha256Lent(big);
    expect(lent.hex).toBe(expected);
    expect([...lent.bytes]).toEqual([...big]);
    expect(lent.bytes).not.toBe(big);
  });
});
