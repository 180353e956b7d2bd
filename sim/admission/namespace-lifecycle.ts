import type { SimModule } from '../sim';
import { groupResource } from '../api/resources';
import { newForbidden, newNotFound } from '../registry/errors';

/**
 * NamespaceLifecycle (apiserver pkg/admission/plugin/namespace/lifecycle;
 * reference §2.6): no content in missing or terminating namespaces, and the
 * immortal namespaces may not be deleted.
 */
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceLifecycleModule: SimModule = {
  name: 'admission-namespace-lifecycle',
  install(sim) {
    sim.api.registerAdmission({
      name: 'NamespaceLifecycle',
      order: 100,
      validate(a) {
        if (a.operation === 'DELETE' && a.resource.kind === 'Namespace' && IMMORTAL.has(a.name)) {
          throw newForbidden('namespaces', a.name, 'this namespace may not be deleted');
        }
        if (a.operation !== 'CREATE' || !a.resource.namespaced) return;
        const ns = sim.store.get('Namespace', '', a.namespace);
        if (!ns) throw newNotFound('namespaces', a.namespace);
        if (ns.metadata.deletionTimestamp && a.resource.kind !== 'Event') {
          throw newForbidden(
            groupResource(a.resource),
            a.name,
            `unable to create new content in namespace ${a.namespace} because it is being terminated`,
          );
        }
      },
    });
  },
};
