import { describe, expect, it } from 'vitest';
import { builtInOfferings } from './offerings';
import { validateOfferingParameters, validateParametersSchema } from './parameters';
import type { OfferingDefinition } from './types';

const offering = (key: string): OfferingDefinition => {
  const found = builtInOfferings.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no offering ${key}`);
  return found;
};
const messagesOf = (result: ReturnType<typeof validateOfferingParameters>) => (result.ok ? [] : result.errors.map((error) => error.message));
const fieldsOf = (result: ReturnType<typeof validateOfferingParameters>) => (result.ok ? [] : result.errors.map((error) => error.field));

describe('validateOfferingParameters', () => {
  const app = offering('container-app');

  it('accepts good parameters and fills in the defaults without touching the input', () => {
    const input = { image: 'registry.gov.kz/city/portal:1.2.0' };
    const result = validateOfferingParameters(app, input);
    expect(result).toEqual({
      ok: true,
      parameters: { image: 'registry.gov.kz/city/portal:1.2.0', port: 8080, replicas: 1, env: {}, public: true, runAsUser: 10001, readOnlyRootFilesystem: true },
    });
    expect(input).toEqual({ image: 'registry.gov.kz/city/portal:1.2.0' });
  });

  it.each([
    [{ image: 'nginx', port: 70000 }, 'parameters.port', 'parameters.port must be ≤ 65535.'],
    [{ image: 'nginx', port: 0 }, 'parameters.port', 'parameters.port must be ≥ 1.'],
    [{ image: 'nginx', port: 'http' }, 'parameters.port', 'parameters.port must be an integer.'],
    [{ image: 'nginx', replicas: 11 }, 'parameters.replicas', 'parameters.replicas must be ≤ 10.'],
    [{}, 'parameters.image', 'parameters.image is required.'],
    [{ image: 'Not An Image!' }, 'parameters.image', 'parameters.image is not in the expected form: an image reference such as registry.gov.kz/team/app:1.4.2 (lowercase repository, optional tag or @sha256 digest).'],
    [{ image: 'nginx', colour: 'red' }, 'parameters.colour', 'parameters.colour is not a parameter of this offering; remove it.'],
    [{ image: 'nginx', env: { '1BAD': 'x' } }, 'parameters.env', 'parameters.env has a key "1BAD" that is not allowed; use names of letters, digits and _, not starting with a digit.'],
    [{ image: 'nginx', env: { GOOD: 42 } }, 'parameters.env.GOOD', 'parameters.env.GOOD must be a string.'],
    [{ image: 'nginx', customDomain: 'localhost' }, 'parameters.customDomain', undefined],
    [{ image: 'nginx', public: 'yes' }, 'parameters.public', 'parameters.public must be a boolean.'],
    [{ image: 'nginx', runAsUser: 0 }, 'parameters.runAsUser', 'parameters.runAsUser must be ≥ 1.'],
  ])('names the field for %j', (parameters, field, message) => {
    const result = validateOfferingParameters(app, parameters);
    expect(fieldsOf(result)).toContain(field);
    if (message) expect(messagesOf(result)).toContain(message);
  });

  it('reports every problem at once', () => {
    const result = validateOfferingParameters(app, { port: 70000, replicas: 0 });
    expect(fieldsOf(result).sort()).toEqual(['parameters.image', 'parameters.port', 'parameters.replicas']);
    expect(result.ok ? '' : result.message).toContain('parameters.port must be ≤ 65535.');
  });

  it('refuses parameters that are not an object', () => {
    expect(fieldsOf(validateOfferingParameters(app, ['nginx']))).toEqual(['parameters']);
    expect(fieldsOf(validateOfferingParameters(app, 'nginx'))).toEqual(['parameters']);
  });

  it('checks e-mail addresses and enums with readable messages', () => {
    const cms = offering('website-cms');
    expect(messagesOf(validateOfferingParameters(cms, { siteName: 'Akimat', adminEmail: 'not-an-email' }))).toEqual(['parameters.adminEmail must be a valid e-mail address.']);
    expect(messagesOf(validateOfferingParameters(offering('postgresql'), { version: '9' }))).toEqual(['parameters.version must be one of: "16", "17".']);
  });

  it('needs the size for a custom plan, within its maxima, and refuses it for a fixed plan', () => {
    const space = offering('compute-space');
    expect(messagesOf(validateOfferingParameters(space, {}, 'custom'))).toEqual([
      'CPU is required for a custom size.',
      'Memory is required for a custom size.',
      'Storage is required for a custom size.',
    ]);
    const tooBig = validateOfferingParameters(space, { cpuMillicores: 64000, memoryMiB: 65664, storageGiB: 10 }, 'custom');
    expect(messagesOf(tooBig)).toEqual(['CPU can be at most 32 CPU for a custom size.', 'Memory can be at most 64 GiB for a custom size.']);
    expect(fieldsOf(tooBig)).toEqual(['parameters.cpuMillicores', 'parameters.memoryMiB']);
    expect(fieldsOf(validateOfferingParameters(space, { cpuMillicores: 1000 }, 's'))).toEqual(['parameters.cpuMillicores']);
    expect(messagesOf(validateOfferingParameters(space, { cpuMillicores: 1000 }, 's'))[0]).toMatch(/^CPU is set only for a custom size; plan ".+" has a fixed size/);
    expect(validateOfferingParameters(space, { cpuMillicores: 3000, memoryMiB: 4096, storageGiB: 30 }, 'custom').ok).toBe(true);
  });
});

describe('validateParametersSchema', () => {
  it('accepts every built-in schema', () => {
    for (const definition of builtInOfferings) expect(validateParametersSchema(definition.parametersSchema), definition.key).toEqual([]);
  });

  it.each([
    [null, 'parametersSchema'],
    [{ type: 'array' }, 'parametersSchema.type'],
    [{ type: 'object', properties: { port: { type: 'integer', maximum: 'high' } } }, 'parametersSchema'],
    [{ type: 'object', properties: { port: { type: 'integer' } } }, 'parametersSchema.properties.port.title'],
    [{ type: 'object', properties: { port: { type: 'integer', title: 'Port', colour: 'red' } } }, 'parametersSchema'],
    [{ type: 'object', $id: 'https://example.org/x' }, 'parametersSchema'],
  ])('refuses %j naming %s', (schema, field) => {
    expect(validateParametersSchema(schema).map((error) => error.field)).toContain(field);
  });
});
