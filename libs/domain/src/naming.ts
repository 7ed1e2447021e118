import { validateSlug } from './slug';

export const LABEL_TENANT = 'nprod.io/tenant';
export const LABEL_SPACE = 'nprod.io/space';
export const LABEL_INSTANCE = 'nprod.io/instance';
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'nprod';
/** Annotation on every object the worker applies, so the cluster's audit log leads back to the order. */
export const ANNOTATION_ORDER = 'nprod.io/order-id';
/** The one server-side-apply field manager the worker uses. */
export const FIELD_MANAGER = 'nprod-worker';

const NAMESPACE_MAX_LENGTH = 63;
const HASH_SUFFIX_LENGTH = 8;

// FNV-1a, 32 bit: tiny, deterministic, and runs in the browser console too (no node:crypto).
function fnv1a32Hex(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(HASH_SUFFIX_LENGTH, '0');
}

/**
 * The namespace of a space: `t-<tenant>--<space>`. '--' separates because slugs never
 * contain it, so tenant "city-x" space "web" and tenant "city" space "x-web" cannot collide.
 * Names over 63 characters are cut and end in a hash of the full name, so the result stays
 * unique and the same for the same slugs. Throws a RangeError for an invalid slug.
 */
export function spaceNamespaceName(tenantSlug: string, spaceSlug: string): string {
  for (const slug of [tenantSlug, spaceSlug]) {
    const result = validateSlug(slug);
    if (!result.ok) throw new RangeError(result.message);
  }
  const fullName = `t-${tenantSlug}--${spaceSlug}`;
  if (fullName.length <= NAMESPACE_MAX_LENGTH) return fullName;
  const kept = fullName.slice(0, NAMESPACE_MAX_LENGTH - HASH_SUFFIX_LENGTH - 1).replace(/-+$/, '');
  return `${kept}-${fnv1a32Hex(fullName)}`;
}
