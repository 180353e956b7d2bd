import type { StoredObject } from '../api/types';
import { StatusError } from './errors';

/**
 * ComponentStatus (core/v1, deprecated since v1.19): not stored objects but the health of the servers the API
 * server probes on each request (K/K pkg/registry/core/componentstatus/rest.go REST.List/Get/getComponentStatus).
 *
 * - The servers (pkg/registry/core/rest/storage_core.go componentStatusStorage.serversToValidate): `scheduler` and
 *   `controller-manager` (HttpServer: GET https://127.0.0.1:<port>/healthz, whose body `ok` is the message) and
 *   one `etcd-<i>` per storage config — one on a kubeadm cluster, so `etcd-0` (EtcdServer.DoServerCheck in
 *   validator.go: probe.Success with the message `ok`; the old `{"health":"true"}` body is gone).
 * - Each answer is a ComponentStatus with only `metadata.name` and one condition {type Healthy, status True,
 *   message}; `error` is empty (omitempty). No uid, resourceVersion or creationTimestamp (omitzero in v1.35).
 * - List probes the servers from a Go map in goroutines and appends them as they finish: the real order varies
 *   between requests. The simulated control plane is always healthy; the order here is the one most often seen
 *   (the two HTTP probes answer before etcd's, which opens a client).
 * - Get of an unknown name returns a plain `fmt.Errorf("Component not found: %s")`, not an API status error: the
 *   apiserver answers 500 with an empty reason (responsewriters ErrorToAPIStatus), which kubectl prints as
 *   `Error from server: Component not found: <name>`.
 */
const SERVERS = ['scheduler', 'controller-manager', 'etcd-0'];

function componentStatus(name: string): StoredObject {
  return {
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  } as unknown as StoredObject;
}

/** REST.List: every server's status (label and field selectors match nothing else: the objects have no labels). */
export function listComponentStatuses(): StoredObject[] {
  return SERVERS.map(componentStatus);
}

/** REST.Get: one server's status, or the apiserver's 500 for a name it does not probe. */
export function getComponentStatus(name: string): StoredObject {
  if (!SERVERS.includes(name)) {
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Component not found: ${name}`, reason: '', code: 500 });
  }
  return componentStatus(name);
}
