import { useEffect, useRef } from 'react';
import { useFormContext, useFormState } from 'react-hook-form';

/**
 * Brings the first input the server rejected (taken slug, quota shortfall) into view and focus.
 * react-hook-form only does this for its own validation; without it a long form keeps the user
 * at the Save button while the message sits next to an input far above.
 */
export const FocusServerError = () => {
  const { errors } = useFormState();
  const { setFocus } = useFormContext();
  const focused = useRef('');
  useEffect(() => {
    const fields = Object.entries(errors)
      .filter(([name, error]) => name !== 'root' && (error as { type?: string } | undefined)?.type === 'server')
      .map(([name]) => name);
    const signature = fields.join(',');
    if (signature === focused.current) return;
    focused.current = signature;
    if (fields[0]) {
      try {
        setFocus(fields[0]);
      } catch {
        // An input without a focusable ref (none today) just keeps its message.
      }
    }
  }, [errors, setFocus]);
  return null;
};
