export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Substring of the request path (without query) to match (any when omitted). */
  pathIncludes?: string;
  /** Status to answer with; when omitted the request is only delayed, then served normally. */
  status?: number;
  /** How many matching requests the fault affects. */
  times: number;
  /** Sent as the Retry-After header and in `details.retryAfterSeconds`. */
  retryAfterSeconds?: number;
  /** Wait this long before answering (or before serving, for a delay-only fault). */
  delayMs?: number;
  /** Destroy the connection without an answer, as a crashed or unreachable server would. */
  dropConnection?: boolean;
}

export interface MatchedFault {
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  dropConnection?: boolean;
}

/** Test-controlled failures: each rule answers its next `times` matching requests, first rule first. */
export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  get pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.times, 0);
  }

  /** Consumes one use of the first matching rule. */
  take(method: string, path: string): MatchedFault | undefined {
    const rule = this.rules.find(
      (candidate) => candidate.times > 0 && (!candidate.method || candidate.method.toUpperCase() === method) && (!candidate.pathIncludes || path.includes(candidate.pathIncludes)),
    );
    if (!rule) return undefined;
    rule.times -= 1;
    this.rules = this.rules.filter((candidate) => candidate.times > 0);
    return { status: rule.status, retryAfterSeconds: rule.retryAfterSeconds, delayMs: rule.delayMs, dropConnection: rule.dropConnection };
  }
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  /** Present for requests that carried a fieldManager (writes by a named manager). */
  fieldManager?: string;
}
