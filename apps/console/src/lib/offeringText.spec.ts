import { describe, expect, it } from 'vitest';
import type { Offering } from './catalogue';
import { localizeOffering, offeringName } from './offeringText';

const offering = {
  name: 'Redis cache',
  description: 'A cache.',
  plans: [
    { key: 'small', name: 'Small', description: '0.25 CPU', cpuMillicores: 250, memoryMiB: 512, storageGiB: 1, pricePerHourTiyn: 1 },
    { key: 'huge', name: 'Huge', cpuMillicores: 250, memoryMiB: 512, storageGiB: 1, pricePerHourTiyn: 1 },
  ],
  parametersSchema: { type: 'object', properties: { persistence: { type: 'boolean', title: 'Persistent', description: 'Keep data.' }, other: { type: 'string', title: 'Other' } } },
  translations: { ru: { name: 'Кэш Redis', plans: { small: { name: 'Малый' } }, parameters: { persistence: { title: 'Сохранять данные' } } } },
} satisfies Partial<Offering>;

describe('localizeOffering', () => {
  it('takes each text from the locale where translated and keeps the English elsewhere', () => {
    const ru = localizeOffering(offering, 'ru');
    expect(ru.name).toBe('Кэш Redis');
    expect(ru.description).toBe('A cache.');
    expect(ru.plans.map((plan) => [plan.name, plan.description])).toEqual([
      ['Малый', '0.25 CPU'],
      ['Huge', undefined],
    ]);
    expect(ru.parametersSchema.properties?.persistence).toEqual({ type: 'boolean', title: 'Сохранять данные', description: 'Keep data.' });
    expect(ru.parametersSchema.properties?.other).toEqual({ type: 'string', title: 'Other' });
  });

  it('leaves an offering alone in a language it has no translation for, or with none at all', () => {
    expect(localizeOffering(offering, 'en')).toBe(offering);
    expect(offeringName({ name: 'Own offering', translations: null }, 'ru')).toBe('Own offering');
  });
});
