import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { builtInOfferings } from '../../../../libs/catalogue/src/offerings';
import type { JsonSchema } from './catalogue';
import { checkJsonSchema } from './jsonSchemaCheck';

/** The API's validator, as apps/api and libs/catalogue configure it (minus defaults, which the form fills itself). */
const compiled = new Map<JsonSchema, ValidateFunction>();
const ajvErrors = (schema: JsonSchema, value: unknown) => {
  let validate = compiled.get(schema);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  validate(structuredClone(value));
  return (validate.errors ?? []).map((error) => `${error.keyword} ${error.instancePath}`).sort();
};
const ours = (schema: JsonSchema, value: unknown) => checkJsonSchema(schema, value).map((error) => `${error.keyword} ${error.instancePath}`).sort();

/** Values for a property that pass or fail in the ways offering schemas care about. */
const samplesFor = (property: JsonSchema): unknown[] => {
  const samples: unknown[] = [null, true, 'x', '', 'A Very Long Value '.repeat(20), 0, -1, 1, 1.5, 100, 128, 65535, 65536, 10_000_000, {}, { GOOD_NAME: 'v' }, { '1bad': 'v' }];
  if (property.enum) samples.push(...property.enum, 'not-an-option');
  if (property.default !== undefined) samples.push(property.default);
  if (property.format === 'email') samples.push('admin@almaty.gov.kz', 'not an email', 'a@b');
  if (property.format === 'hostname' || property.title === 'Own domain') samples.push('site.almaty.gov.kz', 'Site.KZ', '-bad-.kz', 'kz');
  if (typeof property.pattern === 'string') samples.push('registry.gov.kz/team/app:1.4.2', 'UPPER/Case', '/healthz', 'healthz', 'app', 'admin', 'a', 'postgres', '_db');
  if (typeof property.minimum === 'number') samples.push(property.minimum, property.minimum - 1);
  if (typeof property.maximum === 'number') samples.push(property.maximum, property.maximum + 1);
  if (typeof property.multipleOf === 'number') samples.push(property.multipleOf * 3, property.multipleOf * 3 + 1);
  return samples;
};

describe('checkJsonSchema agrees with ajv on the built-in offerings', () => {
  for (const offering of builtInOfferings) {
    const schema = offering.parametersSchema as JsonSchema;
    it(`${offering.key}: every property, good and bad values`, () => {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        for (const sample of samplesFor(property)) {
          const value = { ...(schema.required ?? []).reduce<Record<string, unknown>>((all, key) => ({ ...all, [key]: key === 'adminEmail' ? 'a@b.kz' : key === 'image' ? 'nginx' : 'Site' }), {}), [name]: sample };
          expect({ name, sample, errors: ours(schema, value) }).toEqual({ name, sample, errors: ajvErrors(schema, value) });
        }
      }
    });
    it(`${offering.key}: missing and unknown parameters`, () => {
      expect(ours(schema, {})).toEqual(ajvErrors(schema, {}));
      expect(ours(schema, { surprise: 1 })).toEqual(ajvErrors(schema, { surprise: 1 }));
    });
  }
});
