import { useEffect, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { TextInput, type TextInputProps } from 'react-admin';
import { slugify } from '@nprod/domain';

/** A slug input that follows `fromSource` until the user types a slug of their own. */
export const SlugInput = ({ fromSource = 'name', source = 'slug', ...props }: Partial<TextInputProps> & { fromSource?: string }) => {
  const { getValues, setValue } = useFormContext();
  const name = useWatch({ name: fromSource }) as string | undefined;
  const previousSuggestion = useRef(slugify(name ?? ''));

  useEffect(() => {
    const suggestion = slugify(name ?? '');
    const current = (getValues(source) as string | undefined) ?? '';
    // Only overwrite what we suggested ourselves: an edited slug is the user's choice.
    if (current === '' || current === previousSuggestion.current) {
      setValue(source, suggestion, { shouldValidate: current !== '' || suggestion !== '', shouldDirty: true });
    }
    previousSuggestion.current = suggestion;
  }, [name, source, getValues, setValue]);

  return <TextInput source={source} {...props} />;
};
