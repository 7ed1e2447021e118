/**
 * The order form an offering's JSON Schema describes: which inputs, their defaults, and the
 * same checks the API runs (draft-07 with formats; see jsonSchemaCheck.ts for why not ajv
 * itself), as translation keys so the messages follow the console's language.
 */
import { CUSTOM_SIZE_FIELDS, type JsonSchema } from './catalogue';
import { checkJsonSchema, type SchemaError } from './jsonSchemaCheck';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'map';

export interface ParameterField {
  name: string;
  kind: FieldKind;
  schema: JsonSchema;
  required: boolean;
}

/** A translation key with its arguments. */
export interface FieldMessage {
  key: string;
  args?: Record<string, unknown>;
  /** The API's own words, when the message comes from the server. */
  text?: string;
}

export type ParameterErrors = Record<string, FieldMessage>;

const kindOf = (schema: JsonSchema): FieldKind | undefined => {
  if (Array.isArray(schema.enum)) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== 'null') : schema.type;
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') return 'map';
  return undefined;
};

/**
 * The inputs the schema asks for: required ones first, then the rest in the schema's order
 * (the API stores schemas as jsonb, which does not keep the author's key order). A custom
 * plan's size fields are left out: the plan step asks for them. Properties of a shape the form
 * cannot edit are left out too (the API fills their defaults).
 */
export const parameterFields = (schema: JsonSchema | undefined, omit: readonly string[] = CUSTOM_SIZE_FIELDS): ParameterField[] => {
  const required = new Set(schema?.required ?? []);
  const fields = Object.entries(schema?.properties ?? {}).flatMap(([name, property]) => {
    const kind = kindOf(property);
    return kind && !omit.includes(name) ? [{ name, kind, schema: property, required: required.has(name) }] : [];
  });
  const rank = (field: ParameterField) => (field.required ? [...required].indexOf(field.name) : required.size);
  return fields.map((field, index) => ({ field, index })).sort((a, b) => rank(a.field) - rank(b.field) || a.index - b.index).map(({ field }) => field);
};

/** Starting values: the schema's defaults. */
export const parameterDefaults = (schema: JsonSchema | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(schema?.properties ?? {}).flatMap(([name, property]) => (property.default !== undefined ? [[name, structuredClone(property.default)]] : [])));

/** What the API gets: empty optional text left out, so "no own domain" is not a domain that fails its pattern. */
export const cleanParameters = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null && value !== ''));

const topField = (error: SchemaError): string => {
  if (error.keyword === 'required') return String((error.params as { missingProperty: string }).missingProperty);
  if (error.keyword === 'additionalProperties') return String((error.params as { additionalProperty: string }).additionalProperty);
  return error.instancePath.split('/')[1]?.replaceAll('~1', '/').replaceAll('~0', '~') ?? '';
};

const messageOf = (error: SchemaError, schema: JsonSchema): FieldMessage => {
  const params = error.params as Record<string, unknown>;
  const property = schema.properties?.[topField(error)] ?? {};
  if (error.propertyName !== undefined) return { key: 'nprod.parameters.errors.map_key' };
  switch (error.keyword) {
    case 'required':
      return { key: 'nprod.parameters.errors.required' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { key: `nprod.parameters.errors.${error.keyword}`, args: { limit: params.limit } };
    case 'maximum':
    case 'exclusiveMaximum':
      return { key: `nprod.parameters.errors.${error.keyword}`, args: { limit: params.limit } };
    case 'multipleOf':
      return { key: 'nprod.parameters.errors.multipleOf', args: { value: params.multipleOf } };
    case 'minLength':
      return { key: 'nprod.parameters.errors.minLength', args: { limit: params.limit } };
    case 'maxLength':
      return { key: 'nprod.parameters.errors.maxLength', args: { limit: params.limit } };
    case 'type':
      return { key: params.type === 'integer' ? 'nprod.parameters.errors.integer' : 'nprod.parameters.errors.type' };
    case 'enum':
      return { key: 'nprod.parameters.errors.enum', args: { values: (params.allowedValues as unknown[]).map(String).join(', ') } };
    case 'format':
      return { key: `nprod.parameters.errors.format_${params.format === 'email' || params.format === 'hostname' ? String(params.format) : 'other'}` };
    case 'pattern':
      return property.description ? { key: 'nprod.parameters.errors.pattern_described', args: { description: property.description } } : { key: 'nprod.parameters.errors.pattern' };
    case 'propertyNames':
      return { key: 'nprod.parameters.errors.map_key' };
    case 'maxProperties':
      return { key: 'nprod.parameters.errors.maxProperties', args: { limit: params.limit } };
    case 'not':
      return { key: 'nprod.parameters.errors.not_allowed' };
    default:
      return { key: 'nprod.parameters.errors.invalid' };
  }
};

/** One message per top-level parameter, the first problem found; `{}` when the values pass. */
export const validateParameters = (schema: JsonSchema, values: Record<string, unknown>): ParameterErrors => {
  const errors: ParameterErrors = {};
  for (const error of checkJsonSchema(schema, cleanParameters(values))) {
    const field = topField(error);
    // A map's key problem comes as both propertyNames and pattern: the first one wins.
    if (field && !errors[field]) errors[field] = messageOf(error, schema);
  }
  return errors;
};

/** "NAME=value" lines, the way the form edits an object of strings (environment variables). */
export const mapToLines = (value: unknown): string =>
  value && typeof value === 'object'
    ? Object.entries(value as Record<string, unknown>)
        .map(([key, item]) => `${key}=${String(item)}`)
        .join('\n')
    : '';

export const linesToMap = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1)];
      }),
  );

/**
 * The API names a bad parameter `parameters.port` (and lists every problem in
 * `extensions.errors`): the ones for this form's inputs, by input name.
 */
export const serverParameterErrors = (graphQLErrors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>): ParameterErrors => {
  const errors: ParameterErrors = {};
  for (const error of graphQLErrors) {
    const listed = Array.isArray(error.extensions?.errors) ? (error.extensions.errors as Array<{ field?: unknown; message?: unknown }>) : [];
    const entries = listed.length > 0 ? listed : [{ field: error.extensions?.field, message: error.message }];
    for (const entry of entries) {
      if (typeof entry.field !== 'string' || !entry.field.startsWith('parameters.')) continue;
      const name = entry.field.slice('parameters.'.length).split('.')[0];
      if (name && !errors[name]) errors[name] = { key: 'nprod.parameters.errors.server', text: String(entry.message ?? '') };
    }
  }
  return errors;
};
