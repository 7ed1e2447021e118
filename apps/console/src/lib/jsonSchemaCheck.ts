/**
 * A JSON Schema (draft-07) checker that interprets the schema instead of compiling it. The API
 * validates order parameters with ajv, which generates JavaScript at run time; the console's
 * Content-Security-Policy (script-src 'self', no 'unsafe-eval') forbids that in the browser.
 * This covers the keywords offering schemas use and reports errors in ajv's shape
 * (`keyword`, `instancePath`, `params`); a unit test checks it against ajv on every built-in
 * offering. Formats come from ajv-formats' own definitions (full mode, as the API uses).
 */
import { fullFormats } from 'ajv-formats/dist/formats';
import type { JsonSchema } from './catalogue';

export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  /** Set for errors about an object's key (propertyNames), like ajv's `propertyName`. */
  propertyName?: string;
}

type FormatCheck = RegExp | ((value: string) => boolean) | { validate: RegExp | ((value: string) => boolean) };

const formatPasses = (format: string, value: string): boolean => {
  const definition = (fullFormats as Record<string, FormatCheck | undefined>)[format];
  if (!definition) return true;
  const check = definition instanceof RegExp || typeof definition === 'function' ? definition : definition.validate;
  return check instanceof RegExp ? check.test(value) : check(value);
};

const typeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const typeMatches = (expected: string, value: unknown): boolean => {
  const actual = typeOf(value);
  return expected === actual || (expected === 'number' && actual === 'integer');
};

const deepEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Characters as ajv counts them (code points, so an emoji is one). */
const lengthOf = (text: string) => [...text].length;

const pointer = (path: string, key: string | number) => `${path}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;

const patterns = new Map<string, RegExp>();
const regexFor = (pattern: string) => {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  return regex;
};

const check = (schema: JsonSchema | boolean, value: unknown, path: string, errors: SchemaError[], propertyName?: string): void => {
  if (schema === true) return;
  if (schema === false) {
    errors.push({ keyword: 'false schema', instancePath: path, params: {} });
    return;
  }
  const push = (keyword: string, params: Record<string, unknown>) => errors.push({ keyword, instancePath: path, params, ...(propertyName !== undefined ? { propertyName } : {}) });

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    // In allErrors mode ajv goes on with the keywords that apply to the value's actual type.
    if (!types.some((type) => typeMatches(type, value))) push('type', { type: types.join(',') });
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) push('enum', { allowedValues: schema.enum });
  if ('const' in schema && !deepEqual(schema.const, value)) push('const', { allowedValue: schema.const });
  if (schema.not !== undefined) {
    const inner: SchemaError[] = [];
    check(schema.not as JsonSchema, value, path, inner);
    if (inner.length === 0) push('not', {});
  }

  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && value > schema.maximum) push('maximum', { comparison: '<=', limit: schema.maximum });
    if (typeof schema.minimum === 'number' && value < schema.minimum) push('minimum', { comparison: '>=', limit: schema.minimum });
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) push('exclusiveMaximum', { comparison: '<', limit: schema.exclusiveMaximum });
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) push('exclusiveMinimum', { comparison: '>', limit: schema.exclusiveMinimum });
    if (typeof schema.multipleOf === 'number') {
      const quotient = value / schema.multipleOf;
      if (Math.abs(Math.round(quotient) - quotient) > 1e-9) push('multipleOf', { multipleOf: schema.multipleOf });
    }
  }

  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && lengthOf(value) > schema.maxLength) push('maxLength', { limit: schema.maxLength });
    if (typeof schema.minLength === 'number' && lengthOf(value) < schema.minLength) push('minLength', { limit: schema.minLength });
    if (typeof schema.pattern === 'string' && !regexFor(schema.pattern).test(value)) push('pattern', { pattern: schema.pattern });
    if (typeof schema.format === 'string' && !formatPasses(schema.format, value)) push('format', { format: schema.format });
  }

  if (Array.isArray(value) && schema.items !== undefined && !Array.isArray(schema.items)) {
    value.forEach((item, index) => check(schema.items as JsonSchema, item, pointer(path, index), errors));
  }

  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    for (const required of schema.required ?? []) {
      if (!(required in object)) push('required', { missingProperty: required });
    }
    if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) push('maxProperties', { limit: schema.maxProperties });
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) push('minProperties', { limit: schema.minProperties });
    if (schema.propertyNames !== undefined) {
      for (const key of keys) {
        const inner: SchemaError[] = [];
        check(schema.propertyNames as JsonSchema, key, path, inner, key);
        if (inner.length > 0) {
          errors.push(...inner);
          push('propertyNames', { propertyName: key });
        }
      }
    }
    const properties = schema.properties ?? {};
    for (const key of keys) {
      if (key in properties) check(properties[key], object[key], pointer(path, key), errors);
      else if (schema.additionalProperties === false) push('additionalProperties', { additionalProperty: key });
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') check(schema.additionalProperties, object[key], pointer(path, key), errors);
    }
  }
};

/** Every problem of `value` against `schema`, in ajv's error shape (allErrors mode); empty when it passes. */
export const checkJsonSchema = (schema: JsonSchema, value: unknown): SchemaError[] => {
  const errors: SchemaError[] = [];
  check(schema, value, '', errors);
  return errors;
};
