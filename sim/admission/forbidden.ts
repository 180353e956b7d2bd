import type { AuthorizationAttributes } from './types';
import { goQuote } from '../validation/field';

/**
 * apiserver pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage:
 * `User "jane" cannot list resource "pods" in API group "" in the namespace "dev"`.
 */
export function forbiddenMessage(a: AuthorizationAttributes, reason: string): string {
  const user = goQuote(a.user.username);
  let msg: string;
  if (a.path !== undefined) {
    msg = `User ${user} cannot ${a.verb} path ${goQuote(a.path)}`;
  } else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    msg = `User ${user} cannot ${a.verb} resource ${goQuote(resource)} in API group ${goQuote(a.apiGroup)}`;
    msg += a.namespace ? ` in the namespace ${goQuote(a.namespace)}` : ' at the cluster scope';
  }
  return reason ? `${msg}: ${reason}` : msg;
}
