import Chip, { type ChipProps } from '@mui/material/Chip';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { enumLabelKey, type EnumName } from '../lib/enums';

export type ChipColor = ChipProps['color'];

export interface EnumChipFieldProps extends Omit<FieldProps, 'source'> {
  source: string;
  enumName: EnumName;
  colors?: Record<string, ChipColor>;
  'data-testid'?: string;
}

/** A translated enum value as a chip; `data-value` carries the raw value for tests and styling. */
export const EnumChipField = ({ source, enumName, colors = {}, 'data-testid': testId, record }: EnumChipFieldProps) => {
  const value = useFieldValue({ source, record });
  const translate = useTranslate();
  if (value == null || value === '') return null;
  const text = String(value);
  return (
    <Chip
      size="small"
      label={translate(enumLabelKey(enumName, text), { _: text })}
      color={colors[text] ?? 'default'}
      data-testid={testId}
      data-value={text}
    />
  );
};
