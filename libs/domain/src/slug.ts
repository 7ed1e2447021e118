import { type DomainResult, invalid, valid } from './domain-result';

export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 30;

/**
 * Checks a tenant or space slug. Slugs become part of namespace names and label values,
 * so they are DNS-1123 label fragments: 3–30 characters of a-z, 0-9 and '-', starting
 * with a letter, not ending with '-', never containing '--' (reserved as the separator
 * in namespace names, see `spaceNamespaceName`).
 */
export function validateSlug(value: string): DomainResult {
  if (value.length < SLUG_MIN_LENGTH || value.length > SLUG_MAX_LENGTH) {
    return invalid(
      `slug "${value}" is ${value.length} characters long; use ${SLUG_MIN_LENGTH} to ${SLUG_MAX_LENGTH} characters`,
    );
  }
  if (/[A-Z]/.test(value)) {
    return invalid(`slug "${value}" contains uppercase letters; use lowercase only, e.g. "${value.toLowerCase()}"`);
  }
  const disallowed = [...new Set(value.replace(/[a-z0-9-]/g, ''))];
  if (disallowed.length > 0) {
    const shown = disallowed.map((character) => JSON.stringify(character)).join(', ');
    return invalid(`slug "${value}" contains ${shown}; use only lowercase latin letters a-z, digits 0-9 and '-'`);
  }
  if (!/^[a-z]/.test(value)) {
    return invalid(`slug "${value}" starts with "${value[0]}"; start it with a letter a-z`);
  }
  if (value.endsWith('-')) {
    return invalid(`slug "${value}" ends with '-'; end it with a letter or digit`);
  }
  if (value.includes('--')) {
    return invalid(`slug "${value}" contains '--'; use a single '-' between words`);
  }
  return valid;
}

// Tenants name themselves in Kazakh or Russian; a readable latin suggestion beats an empty one.
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z',
  и: 'i', і: 'i', й: 'i', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh', һ: 'h', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * Suggests a slug for a display name (latin, Kazakh or Russian). Returns a string that
 * passes `validateSlug`, or '' when the name has too few usable letters to suggest one.
 */
export function slugify(name: string): string {
  const latin = [...name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')]
    .map((character) => CYRILLIC_TO_LATIN[character] ?? character)
    .join('');
  const slug = latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
  return slug.length >= SLUG_MIN_LENGTH ? slug : '';
}
