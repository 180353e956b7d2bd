import { clone } from '../api/clone';
import type { SimModule } from '../sim';
import type { Strategy } from './strategy';

/** Namespaces the apiserver creates at start (K/K pkg/controlplane/controller/systemnamespaces). */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export const namespaceStrategy: Strategy = {
  kind: 'Namespace',
  hasGeneration: false,
  defaults(obj) {
    // SetDefaults_Namespace: the immutable metadata.name label (v1.22+)
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
    obj.spec = { finalizers: ['kubernetes'], ...(obj.spec ?? {}) };
    if (!obj.spec.finalizers) obj.spec.finalizers = ['kubernetes'];
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
    obj.spec = clone(old.spec); // spec.finalizers change only through /finalize
  },
  beginDelete(obj) {
    obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
  },
  blocksDeletion(obj) {
    return (obj.spec?.finalizers?.length ?? 0) > 0;
  },
};

export const namespaceModule: SimModule = {
  name: 'namespaces',
  install(sim) {
    sim.api.registerStrategy(namespaceStrategy);
  },
  bootstrap(sim) {
    for (const name of SYSTEM_NAMESPACES) sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { trusted: true });
  },
};
