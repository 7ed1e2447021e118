/** Pure conversions between what people type (cores, GiB) and what the API stores (millicores, MiB). */

export const MILLICORES_PER_CORE = 1000;
export const MIB_PER_GIB = 1024;

export const coresToMillicores = (cores: number): number => Math.round(cores * MILLICORES_PER_CORE);
export const millicoresToCores = (millicores: number): number => millicores / MILLICORES_PER_CORE;
export const gibToMib = (gib: number): number => Math.round(gib * MIB_PER_GIB);
export const mibToGib = (mib: number): number => mib / MIB_PER_GIB;

export type SizeUnit = 'MiB' | 'GiB' | 'TiB';
export interface Quantity {
  value: number;
  unit: SizeUnit;
}

/** Picks the largest binary unit that keeps the value at or above 1 (512 MiB, 4 GiB, 1.5 TiB). */
export const humanizeMiB = (mib: number): Quantity => {
  if (Math.abs(mib) >= MIB_PER_GIB * MIB_PER_GIB) return { value: mib / (MIB_PER_GIB * MIB_PER_GIB), unit: 'TiB' };
  if (Math.abs(mib) >= MIB_PER_GIB) return { value: mib / MIB_PER_GIB, unit: 'GiB' };
  return { value: mib, unit: 'MiB' };
};

export const humanizeGiB = (gib: number): Quantity =>
  Math.abs(gib) >= MIB_PER_GIB ? { value: gib / MIB_PER_GIB, unit: 'TiB' } : { value: gib, unit: 'GiB' };

export const formatNumber = (value: number, locale: string, maximumFractionDigits = 2): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);

/** Share of an allocation in use, clamped to 0..100 for a progress bar; an empty allocation counts as full when anything is used. */
export const usagePercent = (used: number, allocated: number): number => {
  if (allocated <= 0) return used > 0 ? 100 : 0;
  return Math.min(100, Math.max(0, (used / allocated) * 100));
};
