import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useTranslate } from 'react-admin';
import type { JsonSchema } from '../lib/catalogue';
import { cleanParameters, linesToMap, mapToLines, type FieldMessage, type ParameterErrors, type ParameterField } from '../lib/parametersForm';

/** What an input holds as what the schema expects: numbers from number inputs, text otherwise. */
export const coerceParameter = (field: ParameterField, raw: unknown): unknown => {
  if ((field.kind === 'integer' || field.kind === 'number') && typeof raw === 'string') {
    if (raw.trim() === '') return undefined;
    const number = Number(raw.trim().replace(',', '.'));
    return Number.isFinite(number) ? number : raw;
  }
  if (field.kind === 'enum' && raw === '') return undefined;
  return raw;
};

export const coerceParameters = (fields: readonly ParameterField[], values: Record<string, unknown>): Record<string, unknown> => {
  const result: Record<string, unknown> = { ...values };
  for (const field of fields) result[field.name] = coerceParameter(field, values[field.name]);
  return result;
};

export const useFieldMessage = () => {
  const translate = useTranslate();
  return (message: FieldMessage | undefined): string | undefined => {
    if (!message) return undefined;
    if (message.text) return message.text;
    return translate(message.key, message.args);
  };
};

/** Limits the schema states, said once under the input ("1–65535", "up to 100 characters"). */
const useLimits = () => {
  const translate = useTranslate();
  return (schema: JsonSchema): string | undefined => {
    if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') return translate('nprod.parameters.range', { min: schema.minimum, max: schema.maximum });
    if (typeof schema.maxLength === 'number' && schema.type === 'string' && !schema.pattern && !schema.format) return translate('nprod.parameters.max_length', { max: schema.maxLength });
    return undefined;
  };
};

export interface ParametersFormProps {
  fields: readonly ParameterField[];
  values: Record<string, unknown>;
  errors: ParameterErrors;
  onChange: (name: string, value: unknown) => void;
}

/** Inputs for an offering's parameters, from its JSON Schema: titles as labels, descriptions as helper text, errors in their place. */
export const ParametersForm = ({ fields, values, errors, onChange }: ParametersFormProps) => {
  const translate = useTranslate();
  const message = useFieldMessage();
  const limits = useLimits();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 3, rowGap: 2 }} data-testid="parameters-form">
      {fields.map((field) => {
        const { name, schema, required } = field;
        const label = schema.title ?? name;
        const error = message(errors[name]);
        const help = [schema.description, limits(schema)].filter(Boolean).join(' · ') || undefined;
        const common = {
          id: `parameter-${name}`,
          name: `parameters.${name}`,
          label,
          required,
          error: !!error,
          helperText: error ?? help,
          fullWidth: true,
          'data-testid': `param-${name}`,
        };
        switch (field.kind) {
          case 'boolean':
            return (
              <FormControl key={name} error={!!error} data-testid={`param-${name}`}>
                <FormControlLabel
                  control={<Switch name={`parameters.${name}`} checked={values[name] === true} onChange={(event) => onChange(name, event.target.checked)} />}
                  label={label}
                />
                {(error ?? help) && <FormHelperText>{error ?? help}</FormHelperText>}
              </FormControl>
            );
          case 'enum':
            return (
              <TextField key={name} {...common} select value={values[name] ?? ''} onChange={(event) => onChange(name, event.target.value)}>
                {!required && (
                  <MenuItem value="">
                    <em>{translate('nprod.parameters.none')}</em>
                  </MenuItem>
                )}
                {(schema.enum ?? []).map((option) => (
                  <MenuItem key={String(option)} value={String(option)}>
                    {String(option)}
                  </MenuItem>
                ))}
              </TextField>
            );
          case 'map':
            return (
              <TextField
                key={name}
                {...common}
                multiline
                minRows={3}
                value={typeof values[name] === 'string' ? (values[name] as string) : mapToLines(values[name])}
                onChange={(event) => onChange(name, event.target.value)}
                helperText={error ?? [translate('nprod.parameters.map_help'), schema.description].filter(Boolean).join(' · ')}
                sx={{ gridColumn: { md: '1 / -1' } }}
              />
            );
          case 'integer':
          case 'number':
            return (
              <TextField
                key={name}
                {...common}
                type="number"
                value={values[name] ?? ''}
                onChange={(event) => onChange(name, event.target.value)}
                slotProps={{ htmlInput: { min: schema.minimum, max: schema.maximum, step: schema.multipleOf ?? (field.kind === 'integer' ? 1 : 'any') } }}
              />
            );
          default:
            return (
              <TextField
                key={name}
                {...common}
                type={schema.format === 'email' ? 'email' : 'text'}
                value={values[name] ?? ''}
                onChange={(event) => onChange(name, event.target.value)}
                slotProps={{ htmlInput: { maxLength: schema.maxLength, spellCheck: false, autoCapitalize: 'off' } }}
              />
            );
        }
      })}
    </Box>
  );
};

/** What the API gets: numbers as numbers, "NAME=value" lines as an object, and empty optional inputs left out. */
export const parametersForApi = (fields: readonly ParameterField[], values: Record<string, unknown>): Record<string, unknown> => {
  const coerced = coerceParameters(fields, values);
  for (const field of fields) {
    if (field.kind === 'map' && typeof coerced[field.name] === 'string') coerced[field.name] = linesToMap(coerced[field.name] as string);
  }
  return cleanParameters(coerced);
};
