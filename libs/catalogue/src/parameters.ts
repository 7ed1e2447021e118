import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { formatQuotaAmount, quotaResourceLabel, quotaUnitHint } from '@nprod/domain';
import type { FieldError, OfferingPlan, OfferingSpec } from './types';

export type ParametersResult =
  | { readonly ok: true; readonly parameters: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly FieldError[]; readonly message: string };

const MAX_CACHED_VALIDATORS = 200;
const MAX_SCHEMA_BYTES = 64 * 1024;
const CUSTOM_SIZE_FIELDS = ['cpuMillicores', 'memoryMiB', 'storageGiB'] as const;
const FORMAT_NAMES: Record<string, string> = { email: 'e-mail address', hostname: 'hostname', uri: 'URL', uuid: 'UUID', date: 'date (YYYY-MM-DD)' };

function newAjv(): Ajv {
  // verbose: errors carry their schema, so a pattern error can quote the field's description.
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, verbose: true, coerceTypes: false });
  addFormats(ajv);
  return ajv;
}

// A fresh Ajv per schema keeps schemas from reaching each other by $id; compiled
// validators are cached by the schema's text, since database rows are new objects each time.
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  const text = JSON.stringify(schema);
  let validate = validators.get(text);
  if (!validate) {
    validate = newAjv().compile(schema);
    if (validators.size >= MAX_CACHED_VALIDATORS) validators.delete(validators.keys().next().value as string);
    validators.set(text, validate);
  }
  return validate;
}

const unescapePointer = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

function fieldOf(instancePath: string, root: string): string {
  return [root, ...instancePath.split('/').slice(1).map(unescapePointer)].join('.');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Turns one ajv error into a message that names the field, e.g. "parameters.port must be ≤ 65535". */
function describeError(error: ErrorObject, root: string): FieldError {
  const base = fieldOf(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as { description?: string; title?: string };
  switch (error.keyword) {
    case 'required': {
      const field = `${base}.${String(params.missingProperty)}`;
      return { field, message: `${field} is required.` };
    }
    case 'additionalProperties': {
      const field = `${base}.${String(params.additionalProperty)}`;
      return { field, message: `${field} is not a parameter of this offering; remove it.` };
    }
    case 'maximum':
      return { field: base, message: `${base} must be ≤ ${String(params.limit)}.` };
    case 'exclusiveMaximum':
      return { field: base, message: `${base} must be < ${String(params.limit)}.` };
    case 'minimum':
      return { field: base, message: `${base} must be ≥ ${String(params.limit)}.` };
    case 'exclusiveMinimum':
      return { field: base, message: `${base} must be > ${String(params.limit)}.` };
    case 'multipleOf':
      return { field: base, message: `${base} must be a multiple of ${String(params.multipleOf)}.` };
    case 'type':
      return { field: base, message: `${base} must be ${article(String(params.type).replace(',', ' or '))}.` };
    case 'enum':
      return { field: base, message: `${base} must be one of: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}.` };
    case 'const':
      return { field: base, message: `${base} must be ${JSON.stringify(params.allowedValue)}.` };
    case 'format':
      return { field: base, message: `${base} must be a valid ${FORMAT_NAMES[String(params.format)] ?? String(params.format)}.` };
    case 'pattern': {
      if (error.propertyName !== undefined) {
        return { field: base, message: `${base} has a key "${error.propertyName}" that is not allowed; use ${schema.description ?? `keys matching ${String(params.pattern)}`}.` };
      }
      return { field: base, message: `${base} is not in the expected form: ${schema.description ?? `it must match ${String(params.pattern)}`}.` };
    }
    case 'minLength':
      return { field: base, message: `${base} must be at least ${String(params.limit)} characters long.` };
    case 'maxLength':
      return { field: base, message: `${base} must be at most ${String(params.limit)} characters long.` };
    case 'minProperties':
    case 'minItems':
      return { field: base, message: `${base} needs at least ${String(params.limit)} entries.` };
    case 'maxProperties':
    case 'maxItems':
      return { field: base, message: `${base} takes at most ${String(params.limit)} entries.` };
    default:
      return { field: base, message: `${base} ${error.message ?? 'is invalid'}.` };
  }
}

function failure(errors: FieldError[]): ParametersResult {
  const unique = [...new Map(errors.map((error) => [`${error.field}\u0000${error.message}`, error])).values()];
  return { ok: false, errors: unique, message: unique.map((error) => error.message).join(' ') };
}

/**
 * Checks order parameters against an offering's JSON Schema and returns them with the
 * schema's defaults filled in, or one error per problem, each naming its field
 * (`parameters.port must be ≤ 65535.`). With `planKey`, also checks the size parameters a
 * custom plan needs (present, within the plan's maxima) and that fixed plans get none.
 * The input is never modified.
 */
export function validateOfferingParameters(offering: Pick<OfferingSpec, 'parametersSchema' | 'plans'>, parameters: unknown, planKey?: string): ParametersResult {
  if (parameters === null || parameters === undefined) parameters = {};
  if (typeof parameters !== 'object' || Array.isArray(parameters)) {
    return failure([{ field: 'parameters', message: 'parameters must be an object of named values, e.g. {"port": 8080}.' }]);
  }
  const copy = structuredClone(parameters) as Record<string, unknown>;
  const validate = validatorFor(offering.parametersSchema);
  const errors: FieldError[] = validate(copy) ? [] : (validate.errors ?? []).filter((error) => error.keyword !== 'propertyNames' && error.keyword !== 'if').map((error) => describeError(error, 'parameters'));
  if (planKey !== undefined) {
    const plan = offering.plans.find((candidate) => candidate.key === planKey);
    if (plan) errors.push(...customSizeErrors(plan, copy));
  }
  return errors.length === 0 ? { ok: true, parameters: copy } : failure(errors);
}

/** Custom sizes are checked in people's terms ("Memory can be at most 64 GiB"): the console asks for GiB and vCPU, not MiB and millicores. */
function customSizeErrors(plan: OfferingPlan, parameters: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of CUSTOM_SIZE_FIELDS) {
    const field = `parameters.${name}`;
    const label = quotaResourceLabel(name);
    const Label = label.charAt(0).toUpperCase() + label.slice(1);
    const value = parameters[name];
    if (!plan.custom) {
      if (value !== undefined) errors.push({ field, message: `${Label} is set only for a custom size; plan "${plan.name}" has a fixed size, so leave it out or choose the custom plan.` });
      continue;
    }
    if (value === undefined) errors.push({ field, message: `${Label} is required for a custom size.` });
    else if (!Number.isSafeInteger(value) || (value as number) < 1) errors.push({ field, message: `${Label} must be more than zero for a custom size, in whole ${quotaUnitHint(name)}.` });
    else if ((value as number) > plan[name]) errors.push({ field, message: `${Label} can be at most ${formatQuotaAmount(name, plan[name])} for a custom size.` });
  }
  return errors;
}

/**
 * Checks a parameters schema an operator supplies: valid draft-07 that ajv compiles in
 * strict mode, of type object, and every property titled so the console can label its field.
 * Errors name `parametersSchema` or the offending part of it.
 */
export function validateParametersSchema(schema: unknown): FieldError[] {
  const field = 'parametersSchema';
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [{ field, message: 'parametersSchema must be a JSON Schema object.' }];
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES) return [{ field, message: `parametersSchema must be at most ${MAX_SCHEMA_BYTES / 1024} KiB.` }];
  const record = schema as Record<string, unknown>;
  if (record.type !== 'object') return [{ field: `${field}.type`, message: 'parametersSchema.type must be "object": parameters are named values.' }];
  if ('$id' in record || '$ref' in record) return [{ field, message: 'parametersSchema must be self-contained: remove $id and the top-level $ref.' }];
  try {
    newAjv().compile(schema);
  } catch (error) {
    return [{ field, message: `parametersSchema is not a valid JSON Schema (draft-07): ${error instanceof Error ? error.message : String(error)}.` }];
  }
  const properties = (record.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties)
    .filter(([, property]) => typeof property?.title !== 'string' || !property.title.trim())
    .map(([name]) => ({ field: `${field}.properties.${name}.title`, message: `parametersSchema.properties.${name}.title is missing: the order form shows it as the field's label.` }));
}
