import type { JsonObject } from './json-value';
import { qualifiedResourceName, type ResourceDefinition } from './resource-registry';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** A failure the emulator answers with a `kind: Status` body, shaped like the real API server's. */
export class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): JsonObject {
    return failureStatus(this.code, this.reason, this.message, this.details);
  }
}

export function failureStatus(code: number, reason: string, message: string, details?: StatusDetails): JsonObject {
  const status: JsonObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details) status.details = stripUndefined(details);
  status.code = code;
  return status;
}

export function successStatus(details: StatusDetails): JsonObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: stripUndefined(details) };
}

function stripUndefined(details: StatusDetails): JsonObject {
  const result: JsonObject = {};
  if (details.name !== undefined) result.name = details.name;
  if (details.group !== undefined) result.group = details.group;
  if (details.kind !== undefined) result.kind = details.kind;
  if (details.uid !== undefined) result.uid = details.uid;
  if (details.causes !== undefined) {
    result.causes = details.causes.map((cause) => {
      const entry: JsonObject = {};
      if (cause.reason !== undefined) entry.reason = cause.reason;
      entry.message = cause.message;
      if (cause.field !== undefined) entry.field = cause.field;
      return entry;
    });
  }
  if (details.retryAfterSeconds !== undefined) result.retryAfterSeconds = details.retryAfterSeconds;
  return result;
}

/** Details naming a resource the way the server does: lowercase plural `kind` plus `group` outside the core group. */
function resourceDetails(definition: ResourceDefinition, name: string): StatusDetails {
  return { name, ...(definition.group ? { group: definition.group } : {}), kind: definition.plural };
}

export function notFound(definition: ResourceDefinition, name: string): KubeStatusError {
  return new KubeStatusError(404, 'NotFound', `${qualifiedResourceName(definition)} "${name}" not found`, resourceDetails(definition, name));
}

export function namespaceNotFound(namespace: string): KubeStatusError {
  return new KubeStatusError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
}

export function alreadyExists(definition: ResourceDefinition, name: string): KubeStatusError {
  return new KubeStatusError(409, 'AlreadyExists', `${qualifiedResourceName(definition)} "${name}" already exists`, resourceDetails(definition, name));
}

export function staleResourceVersion(definition: ResourceDefinition, name: string): KubeStatusError {
  return new KubeStatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResourceName(definition)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(definition, name),
  );
}

/** 422 Invalid: the message lists every cause like `Kind "name" is invalid: [field: msg, field: msg]`. */
export function invalid(definition: ResourceDefinition, name: string, causes: StatusCause[]): KubeStatusError {
  const rendered = causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message}` : cause.message));
  const summary = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return new KubeStatusError(422, 'Invalid', `${definition.kind} "${name}" is invalid: ${summary}`, {
    name,
    ...(definition.group ? { group: definition.group } : {}),
    kind: definition.kind,
    causes,
  });
}

export function badRequest(message: string): KubeStatusError {
  return new KubeStatusError(400, 'BadRequest', message);
}

export function namespaceTerminating(definition: ResourceDefinition, name: string, namespace: string): KubeStatusError {
  return new KubeStatusError(
    403,
    'Forbidden',
    `${qualifiedResourceName(definition)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    { ...resourceDetails(definition, name), causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }] },
  );
}

export function methodNotAllowed(): KubeStatusError {
  return new KubeStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function pathNotFound(): KubeStatusError {
  return new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

const REASON_BY_CODE: Record<number, { reason: string; message: string }> = {
  400: { reason: 'BadRequest', message: 'the server rejected our request for an unknown reason' },
  401: { reason: 'Unauthorized', message: 'Unauthorized' },
  403: { reason: 'Forbidden', message: 'forbidden: injected fault' },
  404: { reason: 'NotFound', message: 'the server could not find the requested resource' },
  409: { reason: 'Conflict', message: 'Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again' },
  422: { reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
  429: { reason: 'TooManyRequests', message: 'Too many requests, please try again later.' },
  500: { reason: 'InternalError', message: 'Internal error occurred: injected fault' },
  503: { reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request' },
  504: { reason: 'Timeout', message: 'the server was unable to return a response in the time allotted, but may still be processing the request' },
};

/** A failure for an arbitrary status code, used by fault injection. */
export function statusForCode(code: number, retryAfterSeconds?: number): KubeStatusError {
  const known = REASON_BY_CODE[code] ?? { reason: code >= 500 ? 'InternalError' : 'BadRequest', message: `injected fault ${code}` };
  const details: StatusDetails = retryAfterSeconds !== undefined ? { retryAfterSeconds } : code >= 500 ? { causes: [{ message: known.message }] } : {};
  return new KubeStatusError(code, known.reason, known.message, details);
}
