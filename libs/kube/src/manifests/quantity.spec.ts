import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, formatStorage } from './quantity';

describe('quantity formatting', () => {
  it.each([
    [2000, '2'],
    [1500, '1500m'],
    [250, '250m'],
    [1, '1m'],
    [0, '0'],
  ])('formatCpu(%i) = %s', (millicores, quantity) => {
    expect(formatCpu(millicores)).toBe(quantity);
  });

  it.each([
    [4096, '4Gi'],
    [1536, '1536Mi'],
    [512, '512Mi'],
    [1024 * 1024, '1024Gi'],
  ])('formatMemory(%i) = %s', (mebibytes, quantity) => {
    expect(formatMemory(mebibytes)).toBe(quantity);
  });

  it('formats storage in GiB', () => {
    expect(formatStorage(20)).toBe('20Gi');
  });

  it('refuses amounts that are not whole and non-negative', () => {
    expect(() => formatCpu(1.5)).toThrow('expected a whole, non-negative number of millicores, got 1.5');
    expect(() => formatMemory(-1)).toThrow('expected a whole, non-negative number of MiB, got -1');
    expect(() => formatStorage(Number.NaN)).toThrow(RangeError);
  });
});
