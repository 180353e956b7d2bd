import type { Status, StatusCause } from '../api/types';
import { errorString, aggregate, goQuote, type FieldError } from '../validation/field';

/** An API error carrying a metav1.Status (apimachinery pkg/api/errors). */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
  get reason(): string {
    return this.status.reason;
  }
  get code(): number {
    return this.status.code;
  }
}

function status(code: number, reason: string, message: string, details?: Status['details']): StatusError {
  // Go's omitempty: empty detail fields are not serialised
  const d = details ? (Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== '')) as Status['details']) : undefined;
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(d ? { details: d } : {}), code });
}

/** StatusDetails of a GroupResource string `pods` / `deployments.apps`: group and kind (= resource). */
function grDetails(groupResource: string, name: string): Status['details'] {
  const i = groupResource.indexOf('.');
  return i < 0 ? { name, kind: groupResource } : { name, group: groupResource.slice(i + 1), kind: groupResource.slice(0, i) };
}

/** `<resource>[.<group>]` e.g. pods, deployments.apps */
export function newNotFound(groupResource: string, name: string): StatusError {
  return status(404, 'NotFound', `${groupResource} ${goQuote(name)} not found`, grDetails(groupResource, name));
}

export function newAlreadyExists(groupResource: string, name: string): StatusError {
  return status(409, 'AlreadyExists', `${groupResource} ${goQuote(name)} already exists`, grDetails(groupResource, name));
}

export function newConflict(groupResource: string, name: string, err: string): StatusError {
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${groupResource} ${goQuote(name)}: ${err}`, grDetails(groupResource, name));
}

/** NewForbidden: `<gr> "<name>" is forbidden: <err>` or `<gr> is forbidden: <err>` without a name. */
export function newForbidden(groupResource: string, name: string, err: string): StatusError {
  const msg = groupResource
    ? name
      ? `${groupResource} ${goQuote(name)} is forbidden: ${err}`
      : `${groupResource} is forbidden: ${err}`
    : `forbidden: ${err}`;
  return status(403, 'Forbidden', msg, grDetails(groupResource, name));
}

/**
 * NewInvalid. `qualifiedKind` is `Pod` or `Deployment.apps`; details.kind is
 * the bare Kind (what kubectl prints in `The Deployment "web" is invalid`).
 */
export function newInvalid(qualifiedKind: string, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: errorStringBody(e), field: e.field }));
  const msgs = errs.map(errorString);
  const [kind, ...group] = qualifiedKind.split('.');
  return status(422, 'Invalid', `${qualifiedKind} ${goQuote(name)} is invalid: ${aggregate(msgs)}`, {
    name,
    group: group.join('.') || undefined,
    kind,
    causes,
  });
}

function errorStringBody(e: FieldError): string {
  const s = errorString(e);
  return e.field && s.startsWith(e.field + ': ') ? s.slice(e.field.length + 2) : s;
}

export function newBadRequest(message: string): StatusError {
  return status(400, 'BadRequest', message);
}

/** apimachinery NewGenericServerResponse(405, …): what a request gets for a method the resource does not serve. */
export function newMethodNotAllowed(): StatusError {
  return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function newMethodNotSupported(groupResource: string, action: string): StatusError {
  return status(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${goQuote(groupResource)}`);
}

export function newInternalError(message: string): StatusError {
  return status(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.reason === 'NotFound';
}
export function isAlreadyExists(e: unknown): boolean {
  return e instanceof StatusError && e.reason === 'AlreadyExists';
}
