import type { KObject } from '../api/types';
import type { SimModule } from '../sim';
import { newForbidden } from '../registry/errors';
import { deepFreeze } from '../api/clone';

/**
 * ServiceAccount admission (K/K plugin/pkg/admission/serviceaccount/admission.go;
 * reference §8.4): default `serviceAccountName`, mount the projected token
 * volume `kube-api-access-<5>` at /var/run/secrets/kubernetes.io/serviceaccount (mountServiceAccountToken: in each
 * container without a mount there, reusing a kube-api-access-* volume the pod already has),
 * reject pods whose ServiceAccount does not exist.
 */
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * The token volume's projection (the same in every pod: one frozen object that all of them share, where each
 * pod made its own ten objects before).
 */
const TOKEN_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
});

function mountsToken(c: any): boolean {
  const mounts: any[] | undefined = c.volumeMounts;
  if (mounts) for (let i = 0; i < mounts.length; i++) if (mounts[i].mountPath === TOKEN_MOUNT_PATH) return true;
  return false;
}

function isMirror(pod: KObject): boolean {
  return !!pod.metadata.annotations?.[MIRROR_ANNOTATION];
}

export const serviceAccountAdmissionModule: SimModule = {
  name: 'admission-serviceaccount',
  install(sim) {
    sim.api.registerAdmission({
      name: 'ServiceAccount',
      order: 300,
      admit(a) {
        if (a.operation !== 'CREATE' || a.resource.kind !== 'Pod' || a.subresource || isMirror(a.object)) return;
        const spec = (a.object.spec ??= {});
        if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
        spec.serviceAccount = spec.serviceAccountName;
        const sa = sim.store.get('ServiceAccount', a.namespace, spec.serviceAccountName);
        const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
        if (!automount) return;
        // mountServiceAccountToken: reuse a kube-api-access-* volume the pod already has (a copy made by
        // `kubectl debug --copy-to` carries its original's), mount it in every container that has nothing at the
        // token path, add the volume only if one was mounted and it is not there yet
        // (plain loops: every pod created comes here)
        const volumes: any[] | undefined = spec.volumes;
        let existing: string | undefined;
        if (volumes) {
          for (let i = 0; i < volumes.length; i++) {
            if (volumes[i].name.startsWith('kube-api-access-')) {
              existing = volumes[i].name;
              break;
            }
          }
        }
        const name = existing ?? `kube-api-access-${sim.rand.string(5)}`;
        // the containers without a mount at the token path, init containers first (all found before any is changed)
        let needs: any[] | undefined;
        for (const list of [spec.initContainers, spec.containers] as (any[] | undefined)[]) {
          if (list) for (let i = 0; i < list.length; i++) if (!mountsToken(list[i])) (needs ??= []).push(list[i]);
        }
        if (!needs) return;
        for (const c of needs) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
        if (existing) return;
        spec.volumes = [
          ...(volumes ?? []),
          { name, projected: TOKEN_PROJECTION },
        ];
      },
      validate(a) {
        if (a.operation !== 'CREATE' || a.resource.kind !== 'Pod' || a.subresource || isMirror(a.object)) return;
        const saName = a.object.spec?.serviceAccountName ?? 'default';
        if (sim.store.get('ServiceAccount', a.namespace, saName)) return;
        // `default` is created by the serviceaccounts controller right after its namespace.
        if (saName === 'default') return;
        throw newForbidden(
          'pods',
          a.name,
          `error looking up service account ${a.namespace}/${saName}: serviceaccount "${saName}" not found`,
        );
      },
    });
  },
};
