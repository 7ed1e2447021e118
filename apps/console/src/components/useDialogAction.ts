import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { submissionFailure } from './serverErrors';

/** Busy flag and translated failure of one dialog action: the part every order dialog (instances, spaces) shares. */
export const useDialogAction = (resource: string) => {
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      const failure = submissionFailure(error, resource);
      setProblem(translate(failure.message, { _: failure.message }));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, setProblem, run };
};
