import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import type { JsonSchema, Offering, OfferingTextTranslation, Plan } from './catalogue';

/** What localizing reads and rewrites; InstanceShow's offering also carries its versions. */
type Localizable = Pick<Offering, 'name' | 'description' | 'plans' | 'parametersSchema'> & {
  translations?: Record<string, OfferingTextTranslation> | null;
  versions?: Array<{ plans: Plan[]; parametersSchema: JsonSchema }>;
};

const localizePlans = (plans: Plan[], text: OfferingTextTranslation): Plan[] =>
  plans.map((plan) => {
    const own = text.plans?.[plan.key];
    return own ? { ...plan, name: own.name ?? plan.name, description: own.description ?? plan.description } : plan;
  });

const localizeSchema = (schema: JsonSchema, text: OfferingTextTranslation): JsonSchema => {
  if (!schema?.properties || !text.parameters) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, property]) => {
      const own = text.parameters?.[name];
      return [name, own ? { ...property, title: own.title ?? property.title, description: own.description ?? property.description } : property];
    }),
  );
  return { ...schema, properties };
};

/** Just the name, for lists that show nothing else of the offering. */
export const offeringName = (offering: Pick<Localizable, 'name' | 'translations'>, locale: string): string => offering.translations?.[locale]?.name ?? offering.name;

/**
 * The offering with its name, description, plan names and form labels in `locale` where the
 * API has a translation, English otherwise (operators' own offerings, edited texts). For
 * display only: never send a localized offering back to the API.
 */
export const localizeOffering = <T extends Localizable>(offering: T, locale: string): T => {
  const text = offering.translations?.[locale];
  if (!text) return offering;
  return {
    ...offering,
    name: offeringName(offering, locale),
    description: text.description ?? offering.description,
    plans: localizePlans(offering.plans, text),
    parametersSchema: localizeSchema(offering.parametersSchema, text),
    ...(offering.versions
      ? { versions: offering.versions.map((version) => ({ ...version, plans: localizePlans(version.plans, text), parametersSchema: localizeSchema(version.parametersSchema, text) })) }
      : {}),
  };
};

/** localizeOffering in the console's current language; undefined while the offering loads. */
export const useLocalizedOffering = <T extends Localizable>(offering: T | undefined): T | undefined => {
  const [locale] = useLocaleState();
  return useMemo(() => (offering ? localizeOffering(offering, locale) : undefined), [offering, locale]);
};

/** The same for a list. */
export const useLocalizedOfferings = <T extends Localizable>(offerings: T[] | undefined): T[] | undefined => {
  const [locale] = useLocaleState();
  return useMemo(() => offerings?.map((offering) => localizeOffering(offering, locale)), [offerings, locale]);
};
