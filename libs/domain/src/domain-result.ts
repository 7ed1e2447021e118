/** Outcome of a pure validation rule: ok, or a message a person can act on. */
export type DomainResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

export const valid: DomainResult = Object.freeze({ ok: true });

export function invalid(message: string): DomainResult {
  return { ok: false, message };
}
