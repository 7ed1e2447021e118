import { builtInOfferings } from './offerings';
import type { OfferingPlan, OfferingTextTranslation, OfferingTranslations } from './types';

/** The texts of an offering as stored: the current version's plans and schema. */
export interface OfferingTexts {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly plans: readonly Pick<OfferingPlan, 'key' | 'name' | 'description'>[];
  readonly parametersSchema: Readonly<Record<string, unknown>>;
}

type PropertyTexts = { title?: unknown; description?: unknown };

const propertiesOf = (schema: Readonly<Record<string, unknown>> | undefined): Record<string, PropertyTexts> => {
  const properties = schema?.properties;
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, PropertyTexts>) : {};
};
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function compact<T extends object>(value: T): T | undefined {
  const kept = Object.entries(value).filter(([, entry]) => entry !== undefined && (typeof entry !== 'object' || Object.keys(entry as object).length > 0));
  return kept.length > 0 ? (Object.fromEntries(kept) as T) : undefined;
}

/**
 * The translations of a built-in offering that still apply to it as stored: each text is
 * translated only while its English is exactly the built-in English it was translated from,
 * so an operator's edit shows (in English) rather than a stale translation. Offerings that
 * are not built in have none.
 */
export function offeringTranslations(stored: OfferingTexts): OfferingTranslations {
  const builtIn = builtInOfferings.find((offering) => offering.key === stored.key);
  if (!builtIn?.translations) return {};
  const same = (a: string | undefined, b: unknown) => a !== undefined && a === b;
  const result: Record<string, OfferingTextTranslation> = {};
  for (const [locale, translation] of Object.entries(builtIn.translations)) {
    const plans = Object.fromEntries(
      Object.entries(translation.plans ?? {}).flatMap(([key, texts]) => {
        const original = builtIn.plans.find((plan) => plan.key === key);
        const now = stored.plans.find((plan) => plan.key === key);
        const kept = compact({
          name: same(original?.name, now?.name) ? texts.name : undefined,
          description: same(original?.description, now?.description) ? texts.description : undefined,
        });
        return kept ? [[key, kept]] : [];
      }),
    );
    const originalProperties = propertiesOf(builtIn.parametersSchema);
    const storedProperties = propertiesOf(stored.parametersSchema);
    const parameters = Object.fromEntries(
      Object.entries(translation.parameters ?? {}).flatMap(([name, texts]) => {
        const original = originalProperties[name];
        const now = storedProperties[name];
        const kept = compact({
          title: same(text(original?.title), now?.title) ? texts.title : undefined,
          description: same(text(original?.description), now?.description) ? texts.description : undefined,
        });
        return kept ? [[name, kept]] : [];
      }),
    );
    const kept = compact<OfferingTextTranslation>({
      name: same(builtIn.name, stored.name) ? translation.name : undefined,
      description: same(builtIn.description, stored.description) ? translation.description : undefined,
      plans,
      parameters,
    });
    if (kept) result[locale] = kept;
  }
  return result;
}
