import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

/** Dates follow the console's language, not the browser's. */
export const LocaleDateField = (props: DateFieldProps) => {
  const [locale] = useLocaleState();
  return <DateField locales={locale === 'ru' ? 'ru-RU' : 'en-GB'} {...props} />;
};
