import { describe, expect, it } from 'vitest';
import { BatchLoader, loaderPerContext } from './batch-loader';

function counting() {
  const calls: string[][] = [];
  let version = 0;
  const loader = new BatchLoader(
    async (keys: readonly string[]) => {
      calls.push([...keys]);
      version++;
      return new Map(keys.filter((key) => key !== 'none').map((key) => [key, `${key}@${version}`]));
    },
    () => 'missing',
  );
  return { loader, calls };
}

describe('BatchLoader', () => {
  it('loads every key asked for in one pass with one call, even when callers awaited first', async () => {
    const { loader, calls } = counting();
    const late = async (key: string) => {
      await Promise.resolve();
      await Promise.resolve();
      return loader.load(key);
    };
    const values = await Promise.all([loader.load('a'), late('b'), loader.load('a'), late('none')]);
    expect(values).toEqual(['a@1', 'b@1', 'a@1', 'missing']);
    expect(calls).toEqual([['a', 'b', 'none']]);
  });

  it('keeps nothing past a batch: the next pass reads again', async () => {
    const { loader, calls } = counting();
    expect(await loader.load('a')).toBe('a@1');
    expect(await loader.load('a')).toBe('a@2');
    expect(calls).toEqual([['a'], ['a']]);
  });
});

describe('loaderPerContext', () => {
  it('gives each context its own loader and the same one within a context', () => {
    const loaderOf = loaderPerContext(() => counting().loader);
    const first = {};
    expect(loaderOf(first)).toBe(loaderOf(first));
    expect(loaderOf({})).not.toBe(loaderOf(first));
  });
});
