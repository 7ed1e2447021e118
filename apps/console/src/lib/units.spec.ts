import { describe, expect, it } from 'vitest';
import { coresToMillicores, gibToMib, humanizeGiB, humanizeMiB, millicoresToCores, usagePercent } from './units';

describe('unit conversions', () => {
  it('turns cores into whole millicores', () => {
    expect(coresToMillicores(2)).toBe(2000);
    expect(coresToMillicores(0.5)).toBe(500);
    expect(coresToMillicores(0.1 + 0.2)).toBe(300);
    expect(millicoresToCores(1500)).toBe(1.5);
  });

  it('turns GiB into MiB', () => {
    expect(gibToMib(4)).toBe(4096);
    expect(gibToMib(0.5)).toBe(512);
  });

  it('picks a readable unit', () => {
    expect(humanizeMiB(512)).toEqual({ value: 512, unit: 'MiB' });
    expect(humanizeMiB(4096)).toEqual({ value: 4, unit: 'GiB' });
    expect(humanizeMiB(1024 * 1024 * 2)).toEqual({ value: 2, unit: 'TiB' });
    expect(humanizeGiB(20)).toEqual({ value: 20, unit: 'GiB' });
    expect(humanizeGiB(1536)).toEqual({ value: 1.5, unit: 'TiB' });
  });

  it('clamps usage to a progress-bar percentage', () => {
    expect(usagePercent(2000, 8000)).toBe(25);
    expect(usagePercent(9000, 8000)).toBe(100);
    expect(usagePercent(0, 0)).toBe(0);
    expect(usagePercent(1, 0)).toBe(100);
  });
});
