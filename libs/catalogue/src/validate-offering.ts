import { ApprovalPolicy, OfferingKind, OfferingVisibility, RESOURCE_NAMES, validateSlug } from '@nprod/domain';
import { validateParametersSchema } from './parameters';
import { describeApprovalPolicy } from './rules';
import { findTemplate } from './templates';
import { type FieldError, type OfferingPlan, type ResourceThreshold, TEMPLATE_KEYS } from './types';

export const MAX_PLANS = 20;
const PLAN_KEY = /^[a-z][a-z0-9-]{0,29}$/;
const PLAN_LIMITS = { cpuMillicores: [1, 1_024_000], memoryMiB: [1, 4_194_304], storageGiB: [0, 1_000_000], pricePerHourTiyn: [0, 100_000_000] } as const;
const RATE_FIELDS = ['cpuCoreHourTiyn', 'memoryGiBHourTiyn', 'storageGiBHourTiyn'] as const;

/** An offering as an operator submits it (create, or an update merged over the current offering). */
export interface OfferingDraft {
  readonly key: string;
  readonly kind: OfferingKind;
  readonly name: string;
  readonly description: string;
  readonly template: string;
  readonly plans: readonly OfferingPlan[];
  readonly parametersSchema: unknown;
  readonly approvalPolicy: ApprovalPolicy;
  readonly approvalThreshold?: ResourceThreshold | null;
  readonly visibility: OfferingVisibility;
  readonly allowedTenantIds?: readonly string[] | null;
}

const isWhole = (value: unknown, min: number, max: number): value is number => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

function checkText(field: string, value: string, min: number, max: number): FieldError[] {
  const length = value.trim().length;
  return length < min || length > max ? [{ field, message: `${field} must be ${min} to ${max} characters long, got ${length}.` }] : [];
}

function checkPlans(templateKey: string, plans: readonly OfferingPlan[]): FieldError[] {
  if (plans.length === 0 || plans.length > MAX_PLANS) return [{ field: 'plans', message: `plans must list 1 to ${MAX_PLANS} plans, got ${plans.length}.` }];
  const template = findTemplate(templateKey);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  plans.forEach((plan, index) => {
    const at = `plans[${index}]`;
    if (!PLAN_KEY.test(plan.key)) errors.push({ field: `${at}.key`, message: `${at}.key "${plan.key}" must be 1-30 characters a-z, 0-9 and '-', starting with a letter.` });
    else if (seen.has(plan.key)) errors.push({ field: `${at}.key`, message: `${at}.key "${plan.key}" is used by another plan; plan keys must be unique.` });
    seen.add(plan.key);
    errors.push(...checkText(`${at}.name`, plan.name, 1, 60));
    if (plan.description && plan.description.length > 200) errors.push({ field: `${at}.description`, message: `${at}.description must be at most 200 characters long.` });
    for (const [name, [min, max]] of Object.entries(PLAN_LIMITS)) {
      const value = plan[name as keyof typeof PLAN_LIMITS];
      if (!isWhole(value, min, max)) errors.push({ field: `${at}.${name}`, message: `${at}.${name} must be a whole number from ${min} to ${max}, got ${value}.` });
    }
    if (plan.custom) {
      if (template && !template.customPlans) errors.push({ field: `${at}.custom`, message: `${at}.custom: template "${templateKey}" has fixed sizes only; remove the custom rates.` });
      for (const name of RATE_FIELDS) {
        if (!isWhole(plan.custom[name], 0, 100_000_000)) errors.push({ field: `${at}.custom.${name}`, message: `${at}.custom.${name} must be a whole number of tiyn from 0 to 100000000.` });
      }
    }
    const tooSmall = template?.checkPlan(plan);
    if (tooSmall) errors.push({ field: at, message: `${at} ("${plan.key}") is too small for template "${templateKey}": ${tooSmall}.` });
  });
  return errors;
}

function checkSchemaFitsTemplate(templateKey: string, schema: Record<string, unknown>, plans: readonly OfferingPlan[]): FieldError[] {
  const template = findTemplate(templateKey);
  if (!template) return [];
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  const errors: FieldError[] = template.requiredParameters
    .filter((name) => !(name in properties) || !required.includes(name))
    .map((name) => ({ field: 'parametersSchema.required', message: `parametersSchema.required must include "${name}" (and properties define it): template "${templateKey}" needs it.` }));
  if (plans.some((plan) => plan.custom)) {
    for (const name of RESOURCE_NAMES) {
      if (!(name in properties)) errors.push({ field: `parametersSchema.properties.${name}`, message: `parametersSchema must define "${name}" (an integer): a custom plan takes its size from it.` });
    }
  }
  return errors;
}

function checkApproval(policy: ApprovalPolicy, threshold: ResourceThreshold | null | undefined): FieldError[] {
  const given = threshold ? RESOURCE_NAMES.filter((name) => threshold[name] !== undefined && threshold[name] !== null) : [];
  if (policy !== ApprovalPolicy.OperatorAboveThreshold) {
    return given.length > 0 ? [{ field: 'approvalThreshold', message: `A threshold applies only with the approval policy ${describeApprovalPolicy(ApprovalPolicy.OperatorAboveThreshold)}; remove it or change the policy.` }] : [];
  }
  if (given.length === 0) return [{ field: 'approvalThreshold', message: `${describeApprovalPolicy(ApprovalPolicy.OperatorAboveThreshold)} needs at least one limit: CPU, memory or storage. Orders above it wait for an operator.` }];
  return given
    .filter((name) => !isWhole(threshold?.[name], 0, Number.MAX_SAFE_INTEGER))
    .map((name) => ({ field: `approvalThreshold.${name}`, message: `approvalThreshold.${name} must be a whole number of 0 or more.` }));
}

function checkVisibility(visibility: OfferingVisibility, allowed: readonly string[] | null | undefined): FieldError[] {
  const count = allowed?.length ?? 0;
  if (visibility === OfferingVisibility.NamedTenants && count === 0) {
    return [{ field: 'allowedTenantIds', message: 'allowedTenantIds must name at least one tenant when visibility is NAMED_TENANTS.' }];
  }
  if (visibility !== OfferingVisibility.NamedTenants && count > 0) {
    return [{ field: 'allowedTenantIds', message: `allowedTenantIds applies only with visibility NAMED_TENANTS; remove them or change the visibility.` }];
  }
  return [];
}

/**
 * Every problem with an offering an operator submits, each naming its field (`key`,
 * `plans[1].cpuMillicores`, `parametersSchema.properties.port.title`, ...). Existence of the
 * allowed tenants is for the caller to check.
 */
export function validateOfferingDraft(draft: OfferingDraft): FieldError[] {
  const errors: FieldError[] = [];
  const key = validateSlug(draft.key);
  if (!key.ok) errors.push({ field: 'key', message: `key: ${key.message.replace(/^slug /, '')}.` });
  errors.push(...checkText('name', draft.name, 2, 120), ...checkText('description', draft.description, 1, 2000));
  const template = findTemplate(draft.template);
  if (!template) errors.push({ field: 'template', message: `template "${draft.template}" does not exist; use one of: ${TEMPLATE_KEYS.join(', ')}.` });
  else if (template.kind !== draft.kind) errors.push({ field: 'template', message: `template "${draft.template}" makes ${template.kind} offerings, but kind is ${draft.kind}.` });
  errors.push(...checkPlans(draft.template, draft.plans));
  const schemaErrors = validateParametersSchema(draft.parametersSchema);
  errors.push(...schemaErrors);
  if (schemaErrors.length === 0) errors.push(...checkSchemaFitsTemplate(draft.template, draft.parametersSchema as Record<string, unknown>, draft.plans));
  errors.push(...checkApproval(draft.approvalPolicy, draft.approvalThreshold), ...checkVisibility(draft.visibility, draft.allowedTenantIds));
  return errors;
}
