/** counted: the one helper that puts a count's noun in the right number (linking's sentences, sigwb check). */
import { describe, expect, it } from 'vitest';
import { counted } from '../../../shared/util/plural';

describe('counted', () => {
  it('says one in the singular and every other count, zero included, in the plural', () => {
    expect(counted(1, 'sample')).toBe('1 sample');
    expect(counted(0, 'sample')).toBe('0 samples');
    expect(counted(2, 'sample')).toBe('2 samples');
  });

  it('takes the plural given where adding "s" is wrong', () => {
    expect(counted(1, 'batch', 'batches')).toBe('1 batch');
    expect(counted(3, 'batch', 'batches')).toBe('3 batches');
    expect(counted(1, 'bridge class', 'bridge classes')).toBe('1 bridge class');
    expect(counted(12, 'inconsistency', 'inconsistencies')).toBe('12 inconsistencies');
  });
});
