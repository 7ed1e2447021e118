import { useEffect, useMemo, useState } from 'react';
import { submissionFailure, type SubmissionFailure } from '../components/serverErrors';
import { ordersApi, type OrderArgs, type OrderQuote } from './api';

/** Long enough that typing a size asks once, short enough that the panel feels live. */
export const QUOTE_DEBOUNCE_MS = 300;

export interface QuoteState {
  quote?: OrderQuote;
  /** The error submitOrder would give for these arguments (bad input, a missing space, …). */
  failure?: SubmissionFailure;
  pending: boolean;
}

/**
 * What the API says an order would do (quoteOrder), asked again whenever the arguments change,
 * debounced; an answer to arguments that changed meanwhile is dropped. `undefined` asks nothing.
 */
export const useOrderQuote = (args: OrderArgs | undefined): QuoteState => {
  const key = useMemo(() => (args ? JSON.stringify(args) : ''), [args]);
  const [state, setState] = useState<QuoteState & { key: string }>({ key: '', pending: false });
  useEffect(() => {
    if (!key) return undefined;
    let current = true;
    setState((previous) => ({ ...previous, key, pending: true }));
    const timer = setTimeout(() => {
      ordersApi.quoteOrder(JSON.parse(key) as OrderArgs).then(
        (quote) => current && setState({ key, quote, pending: false }),
        (error: unknown) => current && setState({ key, failure: submissionFailure(error, 'orders'), pending: false }),
      );
    }, QUOTE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (!key) return { pending: false };
  // Until the answer for these arguments arrives, the last one stays on screen, marked pending.
  return { quote: state.quote, failure: state.key === key ? state.failure : undefined, pending: state.pending || state.key !== key };
};
