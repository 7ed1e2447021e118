import { HttpError } from 'react-admin';
import { errorTexts } from '../dataProvider';
import { toHttpError } from '../lib/graphqlErrors';

export interface SubmissionFailure {
  /** What react-admin's <Form> puts next to each input (`root.serverError` is the summary). */
  errors: Record<string, unknown>;
  /** A message for the whole form, already translated when the console knows the case. */
  message: string;
  code?: string;
  field?: string;
}

/** Any error from a hand-written request, as field errors for a form and one message. */
export const submissionFailure = (error: unknown, resource?: string): SubmissionFailure => {
  const http = toHttpError(error, errorTexts(resource));
  if (http instanceof HttpError) {
    const body = (http.body ?? {}) as { errors?: Record<string, unknown>; code?: string; field?: string };
    return { errors: body.errors ?? {}, message: http.message, code: body.code, field: body.field };
  }
  return { errors: {}, message: http instanceof Error ? http.message : 'ra.notification.http_error' };
};
