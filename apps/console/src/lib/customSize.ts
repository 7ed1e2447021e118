/** The custom-size inputs of a plan (cores and GiB, as people think of them) checked against the plan's maxima and the schema's steps. */
import type { JsonSchema, Plan, Size } from './catalogue';
import type { FieldMessage } from './parametersForm';
import { coresToMillicores, gibToMib } from './units';

export interface CustomSizeInput {
  cpuCores: string;
  memoryGiB: string;
  storageGiB: string;
}

export const customSizeFromInput = (input: CustomSizeInput): Size => ({
  cpuMillicores: coresToMillicores(Number(input.cpuCores.replace(',', '.')) || 0),
  memoryMiB: gibToMib(Number(input.memoryGiB.replace(',', '.')) || 0),
  storageGiB: Math.round(Number(input.storageGiB.replace(',', '.')) || 0),
});

type Problems = Partial<Record<keyof CustomSizeInput, FieldMessage>>;

const parse = (text: string) => {
  const number = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(number) ? undefined : number;
};

/**
 * One message per input. `unit` converts the input to the stored amount (1000 per core,
 * 1024 per GiB), so steps and minimums from the schema are said in the input's unit.
 */
export const customSizeProblems = (plan: Plan, schema: JsonSchema | undefined, input: CustomSizeInput): Problems => {
  const problems: Problems = {};
  const check = (key: keyof CustomSizeInput, field: keyof Size, unit: number, integer: boolean) => {
    const value = parse(input[key]);
    const property = schema?.properties?.[field] ?? {};
    const max = plan[field] / unit;
    const min = typeof property.minimum === 'number' ? property.minimum / unit : integer ? 1 : 0;
    const step = typeof property.multipleOf === 'number' ? property.multipleOf / unit : integer ? 1 : undefined;
    if (value === undefined) problems[key] = { key: 'nprod.parameters.errors.required' };
    else if (value < min || value <= 0) problems[key] = { key: 'nprod.parameters.errors.minimum', args: { limit: min } };
    else if (value > max) problems[key] = { key: 'nprod.parameters.errors.maximum', args: { limit: max } };
    else if (step && Math.abs(value / step - Math.round(value / step)) > 1e-9) problems[key] = { key: 'nprod.parameters.errors.multipleOf', args: { value: step } };
  };
  check('cpuCores', 'cpuMillicores', 1000, false);
  check('memoryGiB', 'memoryMiB', 1024, false);
  check('storageGiB', 'storageGiB', 1, true);
  return problems;
};
