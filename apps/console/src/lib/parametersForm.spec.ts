import { describe, expect, it } from 'vitest';
import { containerAppOffering } from '../../../../libs/catalogue/src/offerings/container-app';
import { websiteCmsOffering } from '../../../../libs/catalogue/src/offerings/website-cms';
import { computeSpaceOffering } from '../../../../libs/catalogue/src/offerings/compute-space';
import type { JsonSchema } from './catalogue';
import { cleanParameters, linesToMap, mapToLines, parameterDefaults, parameterFields, serverParameterErrors, validateParameters } from './parametersForm';

const cms = websiteCmsOffering.parametersSchema as JsonSchema;
const app = containerAppOffering.parametersSchema as JsonSchema;

describe('the order form from an offering schema', () => {
  it('asks for each property with its kind and whether it is required', () => {
    expect(parameterFields(cms).map(({ name, kind, required }) => ({ name, kind, required }))).toEqual([
      { name: 'siteName', kind: 'string', required: true },
      { name: 'adminEmail', kind: 'string', required: true },
      { name: 'adminUsername', kind: 'string', required: false },
      { name: 'customDomain', kind: 'string', required: false },
    ]);
    expect(parameterFields(app).find((field) => field.name === 'env')?.kind).toBe('map');
    expect(parameterFields(app).find((field) => field.name === 'public')?.kind).toBe('boolean');
  });

  it('leaves the custom size to the plan step', () => {
    expect(parameterFields(computeSpaceOffering.parametersSchema as JsonSchema)).toEqual([]);
  });

  it('starts from the schema defaults', () => {
    expect(parameterDefaults(app)).toMatchObject({ port: 8080, replicas: 1, public: true, env: {} });
  });

  it('names each bad field with a translatable message', () => {
    expect(validateParameters(cms, { siteName: 'X', adminEmail: 'nope', customDomain: 'Bad_Domain' })).toEqual({
      siteName: { key: 'nprod.parameters.errors.minLength', args: { limit: 2 } },
      adminEmail: { key: 'nprod.parameters.errors.format_email' },
      customDomain: expect.objectContaining({ key: expect.stringMatching(/format_hostname|pattern_described/) }),
    });
    expect(validateParameters(cms, {})).toMatchObject({ siteName: { key: 'nprod.parameters.errors.required' }, adminEmail: { key: 'nprod.parameters.errors.required' } });
    expect(validateParameters(app, { image: 'nginx', port: 70000 })).toEqual({ port: { key: 'nprod.parameters.errors.maximum', args: { limit: 65535 } } });
    expect(validateParameters(app, { image: 'nginx', env: { '1BAD': 'x' } })).toEqual({ env: { key: 'nprod.parameters.errors.map_key' } });
  });

  it('passes good values, and treats empty optional text as not given', () => {
    expect(validateParameters(cms, { siteName: 'Talgar', adminEmail: 'admin@talgar.gov.kz', customDomain: '' })).toEqual({});
    expect(cleanParameters({ a: '', b: 0, c: false, d: undefined })).toEqual({ b: 0, c: false });
  });

  it('edits environment variables as NAME=value lines', () => {
    expect(linesToMap('A=1\n\n B = two=2 \n')).toEqual({ A: '1', B: ' two=2' });
    expect(mapToLines({ A: '1', B: 'x' })).toBe('A=1\nB=x');
  });

  it('places the API\'s parameter errors next to their inputs', () => {
    expect(
      serverParameterErrors([
        { message: 'parameters.port must be ≤ 65535.', extensions: { code: 'BAD_USER_INPUT', field: 'parameters.port', errors: [{ field: 'parameters.port', message: 'parameters.port must be ≤ 65535.' }, { field: 'parameters.env.1X', message: 'bad key' }] } },
      ]),
    ).toEqual({ port: { key: 'nprod.parameters.errors.server', text: 'parameters.port must be ≤ 65535.' }, env: { key: 'nprod.parameters.errors.server', text: 'bad key' } });
    expect(serverParameterErrors([{ message: 'no', extensions: { field: 'spaceId' } }])).toEqual({});
  });
});
