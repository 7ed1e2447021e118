import Typography from '@mui/material/Typography';
import { useLocaleState, useRecordContext } from 'react-admin';
import type { Offering } from '../lib/catalogue';
import { offeringName } from '../lib/offeringText';

/** The offering's name in the console's language (English when untranslated), inside a ReferenceField to offerings. */
export const OfferingNameField = (_props: { label?: string }) => {
  const record = useRecordContext<Offering>();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2" data-testid="offering-name">
      {offeringName(record, locale)}
    </Typography>
  );
};
