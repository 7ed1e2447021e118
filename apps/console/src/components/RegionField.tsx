import Typography from '@mui/material/Typography';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { regionLabelKey } from '../lib/enums';

export const RegionField = ({ source = 'region', record }: Partial<FieldProps>) => {
  const value = useFieldValue({ source, record });
  const translate = useTranslate();
  if (!value) return null;
  return (
    <Typography component="span" variant="body2">
      {translate(regionLabelKey(String(value)), { _: String(value) })}
    </Typography>
  );
};
