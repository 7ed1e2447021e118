import { describe, expect, it } from 'vitest';
import { builtInOfferings } from './offerings';
import { validateParametersSchema } from './parameters';
import { offeringTranslations } from './translations';

const properties = (schema: Readonly<Record<string, unknown>>) => (schema.properties ?? {}) as Record<string, { title?: string; description?: string }>;
const postgresql = builtInOfferings.find((offering) => offering.key === 'postgresql')!;

describe('built-in offering translations', () => {
  it.each(builtInOfferings.map((offering) => [offering.key, offering] as const))('%s: Russian for every text, naming only plans and parameters it has', (_key, offering) => {
    const ru = offering.translations?.ru;
    expect(ru?.name).toBeTruthy();
    expect(ru?.description).toBeTruthy();
    const planKeys = offering.plans.map((plan) => plan.key);
    expect(Object.keys(ru?.plans ?? {}).filter((key) => !planKeys.includes(key))).toEqual([]);
    // A plan named by a size letter (S, M, XS) reads the same in Russian; every other text needs a translation.
    const untranslated = offering.plans.flatMap((plan) => [
      ...(!/^[A-Z]{1,3}$/.test(plan.name) && !ru?.plans?.[plan.key]?.name ? [`plans.${plan.key}.name`] : []),
      ...(plan.description && !ru?.plans?.[plan.key]?.description ? [`plans.${plan.key}.description`] : []),
    ]);
    const schemaProperties = properties(offering.parametersSchema);
    expect(Object.keys(ru?.parameters ?? {}).filter((name) => !(name in schemaProperties))).toEqual([]);
    for (const [name, property] of Object.entries(schemaProperties)) {
      if (property.title && !ru?.parameters?.[name]?.title) untranslated.push(`parameters.${name}.title`);
      if (property.description && !ru?.parameters?.[name]?.description) untranslated.push(`parameters.${name}.description`);
    }
    expect(untranslated).toEqual([]);
  });

  it('keeps every parameters schema plain draft-07 that ajv compiles in strict mode', () => {
    for (const offering of builtInOfferings) expect(validateParametersSchema(offering.parametersSchema), offering.key).toEqual([]);
  });
});

describe('offeringTranslations', () => {
  const stored = { key: postgresql.key, name: postgresql.name, description: postgresql.description, plans: postgresql.plans, parametersSchema: postgresql.parametersSchema };

  it('gives a built-in offering stored as built in all its translations', () => {
    expect(offeringTranslations(stored)).toEqual({ ru: postgresql.translations?.ru });
  });

  it('leaves out each text an operator changed, so it shows in their English rather than a stale translation', () => {
    const schema = { ...stored.parametersSchema, properties: { ...properties(stored.parametersSchema), username: { ...properties(stored.parametersSchema).username, title: 'Login' } } };
    const edited = offeringTranslations({
      ...stored,
      name: 'Managed PostgreSQL',
      plans: stored.plans.map((plan) => (plan.key === 'small' ? { ...plan, description: '0.5 CPU, 1 GiB memory, 20 GiB storage' } : plan)),
      parametersSchema: schema,
    }).ru;
    expect(edited?.name).toBeUndefined();
    expect(edited?.description).toBe(postgresql.translations?.ru?.description);
    expect(edited?.plans?.small).toEqual({ name: 'Малый' });
    expect(edited?.parameters?.username).toEqual({ description: postgresql.translations?.ru?.parameters?.username?.description });
    expect(edited?.parameters?.databaseName?.title).toBe('Имя базы данных');
  });

  it('has none for an offering that is not built in', () => {
    expect(offeringTranslations({ ...stored, key: 'operator-made' })).toEqual({});
  });
});
