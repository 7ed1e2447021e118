import { type FieldProblem, MAX_QUOTA_AMOUNT, QUOTA_FIELD, QUOTA_RESOURCES, type QuotaAmounts, validateQuotaAmounts } from './quota-allocation';

/** A tenant asks for more capacity; an operator decides once. */
export enum QuotaRequestStatus {
  Pending = 'PENDING',
  Approved = 'APPROVED',
  PartiallyApproved = 'PARTIALLY_APPROVED',
  Rejected = 'REJECTED',
}

const TRANSITIONS: Readonly<Record<QuotaRequestStatus, readonly QuotaRequestStatus[]>> = {
  [QuotaRequestStatus.Pending]: [QuotaRequestStatus.Approved, QuotaRequestStatus.PartiallyApproved, QuotaRequestStatus.Rejected],
  [QuotaRequestStatus.Approved]: [],
  [QuotaRequestStatus.PartiallyApproved]: [],
  [QuotaRequestStatus.Rejected]: [],
};

export function canTransitionQuotaRequest(from: QuotaRequestStatus, to: QuotaRequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Null when allowed; otherwise a message that names the current state. */
export function quotaRequestTransitionProblem(from: QuotaRequestStatus, to: QuotaRequestStatus): string | null {
  if (canTransitionQuotaRequest(from, to)) return null;
  return `This quota request is already ${from}; only a PENDING request can become ${to}. Decisions are final: ask the tenant to file a new request.`;
}

export const JUSTIFICATION_MIN_LENGTH = 10;
export const JUSTIFICATION_MAX_LENGTH = 2000;
export const DECISION_REASON_MIN_LENGTH = 5;
export const DECISION_REASON_MAX_LENGTH = 2000;

function textProblem(field: string, text: string, min: number, max: number, what: string): FieldProblem {
  const length = text.trim().length;
  if (length < min || length > max) return { ok: false, field, message: `${field} must be ${min} to ${max} characters (${what}), got ${length}.` };
  return { ok: true };
}

export function validateJustification(text: string): FieldProblem {
  return textProblem('justification', text, JUSTIFICATION_MIN_LENGTH, JUSTIFICATION_MAX_LENGTH, 'why the tenant needs more capacity');
}

export function validateDecisionReason(text: string): FieldProblem {
  return textProblem('reason', text, DECISION_REASON_MIN_LENGTH, DECISION_REASON_MAX_LENGTH, 'the reason the tenant will read');
}

export type GrantDecision =
  | { readonly ok: true; readonly status: QuotaRequestStatus.Approved | QuotaRequestStatus.PartiallyApproved; readonly granted: QuotaAmounts }
  | { readonly ok: false; readonly field: string; readonly message: string };

/**
 * What an approval grants: each amount from 0 up to what was asked for (more than asked is
 * a new request, not an approval), and something above zero. Less than asked on any
 * resource makes it PARTIALLY_APPROVED.
 */
export function decideGrant(requested: QuotaAmounts, granted: QuotaAmounts): GrantDecision {
  const amounts = validateQuotaAmounts(granted);
  if (!amounts.ok) return amounts;
  for (const resource of QUOTA_RESOURCES) {
    if (granted[resource] > requested[resource]) {
      const field = QUOTA_FIELD[resource];
      return { ok: false, field, message: `${field} can grant at most the ${requested[resource]} asked for, got ${granted[resource]}.` };
    }
  }
  if (QUOTA_RESOURCES.every((resource) => granted[resource] === 0)) {
    return { ok: false, field: 'cpuMillicores', message: 'An approval must grant something; to grant nothing, reject the request with a reason.' };
  }
  const partial = QUOTA_RESOURCES.some((resource) => granted[resource] < requested[resource]);
  return { ok: true, status: partial ? QuotaRequestStatus.PartiallyApproved : QuotaRequestStatus.Approved, granted };
}

/** A limit raised by a grant must still fit the int column; the message names the field. */
export function validateRaisedLimits(limits: QuotaAmounts, increase: QuotaAmounts): FieldProblem {
  for (const resource of QUOTA_RESOURCES) {
    if (limits[resource] + increase[resource] > MAX_QUOTA_AMOUNT) {
      const field = QUOTA_FIELD[resource];
      return { ok: false, field, message: `${field} would exceed ${MAX_QUOTA_AMOUNT} after this grant; grant less.` };
    }
  }
  return { ok: true };
}
