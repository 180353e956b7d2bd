/** API errors kubectl meets that the registry does not produce itself. */
import { StatusError } from '../registry/errors';
import { MAX_OBJECT_BYTES } from './yaml';

/** apiserver pkg/endpoints/handlers/rest.go limitedReadBody: 413 "Request entity too large: limit is 3145728". */
export function newRequestEntityTooLarge(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Request entity too large: limit is ${MAX_OBJECT_BYTES}`,
    reason: 'RequestEntityTooLarge',
    code: 413,
  });
}
