import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nprodEn } from './en';
import { nprodRu } from './ru';

const SOURCE_ROOT = join(__dirname, '..');
/** Strings that look like keys but are not (storage keys). */
const NOT_KEYS = new Set(['nprod.session']);
const KEY = /['"`]((?:nprod|resources)\.[A-Za-z0-9_.-]+[A-Za-z0-9_])['"`]/g;

const sourceFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

const lookup = (messages: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);

describe('translations', () => {
  const used = new Set(sourceFiles(SOURCE_ROOT).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(KEY)].map((match) => match[1]).filter((key) => !NOT_KEYS.has(key))));

  it('finds the keys the console uses', () => {
    expect(used.size).toBeGreaterThan(100);
  });

  it('has every key the console uses, in English and in Russian', () => {
    const missing = [...used].filter((key) => typeof lookup(nprodEn, key) !== 'string' || typeof lookup(nprodRu, key) !== 'string');
    expect(missing).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...new Set(text.match(/%\{\w+\}/g) ?? [])].sort();
    const walk = (en: unknown, ru: unknown, path: string): string[] =>
      typeof en === 'string'
        ? JSON.stringify(placeholders(en)) === JSON.stringify(placeholders(String(ru))) ? [] : [path]
        : Object.keys(en as object).flatMap((key) => walk((en as Record<string, unknown>)[key], (ru as Record<string, unknown>)[key], `${path}.${key}`));
    expect(walk(nprodEn, nprodRu, '')).toEqual([]);
  });
});
