import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState, type ReactElement, type ReactNode } from 'react';
import { Form, SaveButton, useTranslate } from 'react-admin';
import { FocusServerError } from './FocusServerError';
import { submissionFailure } from './serverErrors';

export interface FormDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  /** Does the work; throws the API's error, which lands next to the inputs it names. */
  onSubmit: (values: Record<string, any>) => Promise<unknown>;
  /** After a successful submit, with what onSubmit returned. Closes the dialog unless it returns false. */
  onSuccess?: (result: unknown) => void | boolean;
  submitLabel: string;
  submitIcon?: ReactElement;
  defaultValues?: Record<string, unknown>;
  /** Resource whose error texts apply (quota forms map spaces/instances to maxSpaces/maxInstances). */
  resource?: string;
  destructive?: boolean;
  maxWidth?: 'xs' | 'sm' | 'md';
  testId?: string;
  intro?: ReactNode;
  children: ReactNode;
}

/** A small form in a dialog: react-admin inputs and validation, server errors next to the inputs. */
export const FormDialog = ({
  open,
  onClose,
  title,
  onSubmit,
  onSuccess,
  submitLabel,
  submitIcon,
  defaultValues,
  resource,
  destructive,
  maxWidth = 'sm',
  testId,
  intro,
  children,
}: FormDialogProps) => {
  const translate = useTranslate();
  const [problem, setProblem] = useState<string | undefined>();

  const submit = async (values: Record<string, any>) => {
    setProblem(undefined);
    try {
      const result = await onSubmit(values);
      if (onSuccess?.(result) !== false) onClose();
      return undefined;
    } catch (error) {
      const failure = submissionFailure(error, resource);
      const { root: _root, ...fieldErrors } = failure.errors;
      // Errors the form has no input for are shown in the dialog, where the person is looking.
      if (Object.keys(fieldErrors).length === 0) setProblem(failure.message);
      return Object.keys(fieldErrors).length ? fieldErrors : undefined;
    }
  };

  const close = () => {
    setProblem(undefined);
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth={maxWidth} data-testid={testId} aria-labelledby={testId ? `${testId}-title` : undefined}>
      {open && (
        <Form onSubmit={submit} defaultValues={defaultValues} noValidate>
          <DialogTitle id={testId ? `${testId}-title` : undefined}>{translate(title)}</DialogTitle>
          <DialogContent>
            <FocusServerError />
            {intro}
            {children}
            {problem && (
              <Alert severity="error" role="alert" sx={{ mt: 1 }} data-testid={testId ? `${testId}-error` : undefined}>
                {translate(problem, { _: problem })}
              </Alert>
            )}
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button onClick={close}>{translate('ra.action.cancel')}</Button>
            <SaveButton
              label={submitLabel}
              icon={submitIcon}
              alwaysEnable
              color={destructive ? 'error' : 'primary'}
              data-testid={testId ? `${testId}-submit` : undefined}
            />
          </DialogActions>
        </Form>
      )}
    </Dialog>
  );
};
