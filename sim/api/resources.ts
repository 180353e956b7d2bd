/**
 * The API's resource table (what discovery serves and `kubectl api-resources`
 * prints): kind, group/version, plural resource, short names, scope, verbs.
 */

export interface ResourceType {
  kind: string;
  group: string; // '' for core
  version: string;
  resource: string; // plural, lowercase
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  /** e.g. ['all'] for the kinds `kubectl get all` lists */
  categories: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(
  kind: string,
  groupVersion: string,
  resource: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories: string[] = [],
  verbs: string[] = RW,
): ResourceType {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  return { kind, group, version, resource, singular: kind.toLowerCase(), shortNames, namespaced, verbs, categories };
}

/** Ordered like `kubectl api-resources` (core first, then groups alphabetically). */
export const RESOURCE_TYPES: ResourceType[] = [
  r('Binding', 'v1', 'bindings', true, [], [], ['create']),
  r('ComponentStatus', 'v1', 'componentstatuses', false, ['cs'], [], ['get', 'list']),
  r('ConfigMap', 'v1', 'configmaps', true, ['cm']),
  r('Endpoints', 'v1', 'endpoints', true, ['ep']),
  r('Event', 'v1', 'events', true, ['ev']),
  r('LimitRange', 'v1', 'limitranges', true, ['limits']),
  r('Namespace', 'v1', 'namespaces', false, ['ns'], [], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  r('Node', 'v1', 'nodes', false, ['no']),
  r('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', true, ['pvc']),
  r('PersistentVolume', 'v1', 'persistentvolumes', false, ['pv']),
  r('Pod', 'v1', 'pods', true, ['po'], ['all']),
  r('PodTemplate', 'v1', 'podtemplates', true),
  r('ReplicationController', 'v1', 'replicationcontrollers', true, ['rc'], ['all']),
  r('ResourceQuota', 'v1', 'resourcequotas', true, ['quota']),
  r('Secret', 'v1', 'secrets', true),
  r('ServiceAccount', 'v1', 'serviceaccounts', true, ['sa']),
  r('Service', 'v1', 'services', true, ['svc'], ['all']),
  r('ControllerRevision', 'apps/v1', 'controllerrevisions', true),
  r('DaemonSet', 'apps/v1', 'daemonsets', true, ['ds'], ['all']),
  r('Deployment', 'apps/v1', 'deployments', true, ['deploy'], ['all']),
  r('ReplicaSet', 'apps/v1', 'replicasets', true, ['rs'], ['all']),
  r('StatefulSet', 'apps/v1', 'statefulsets', true, ['sts'], ['all']),
  r('SelfSubjectAccessReview', 'authorization.k8s.io/v1', 'selfsubjectaccessreviews', false, [], [], ['create']),
  r('SelfSubjectRulesReview', 'authorization.k8s.io/v1', 'selfsubjectrulesreviews', true, [], [], ['create']),
  r('SubjectAccessReview', 'authorization.k8s.io/v1', 'subjectaccessreviews', false, [], [], ['create']),
  r('HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers', true, ['hpa'], ['all']),
  r('CronJob', 'batch/v1', 'cronjobs', true, ['cj'], ['all']),
  r('Job', 'batch/v1', 'jobs', true, [], ['all']),
  r('Lease', 'coordination.k8s.io/v1', 'leases', true),
  r('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', true),
  r('Event', 'events.k8s.io/v1', 'events', true, ['ev']),
  r('Ingress', 'networking.k8s.io/v1', 'ingresses', true, ['ing']),
  r('IngressClass', 'networking.k8s.io/v1', 'ingressclasses', false),
  r('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', true, ['netpol']),
  r('PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', true, ['pdb']),
  r('ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', false),
  r('ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', false),
  r('RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings', true),
  r('Role', 'rbac.authorization.k8s.io/v1', 'roles', true),
  r('PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', false, ['pc']),
  r('StorageClass', 'storage.k8s.io/v1', 'storageclasses', false, ['sc']),
];

/** The kind the store keys objects by for each resource (events.k8s.io Events are core Events). */
const byKind = new Map<string, ResourceType>();
for (const t of RESOURCE_TYPES) if (!byKind.has(t.kind)) byKind.set(t.kind, t);

export function resourceForKind(kind: string): ResourceType | undefined {
  return byKind.get(kind);
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** GroupResource string used in API messages: `pods`, `deployments.apps`. */
export function groupResource(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/** Kind string used by kubectl's name printer: `pod`, `deployment.apps`. */
export function kindGroup(t: ResourceType): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

/**
 * Resolve what a user typed (`po`, `pods`, `pod`, `deploy`, `deployments.apps`,
 * `Deployment`) to a resource type, as kubectl's RESTMapper does.
 */
export function resolveResource(name: string): ResourceType | undefined {
  const lower = name.toLowerCase();
  const [base, ...groupParts] = lower.split('.');
  // kubectl's resource.Builder mappingFor: schema.ParseResourceArg reads RESOURCE.VERSION.GROUP when the argument
  // has two dots or more (`deployments.v1.apps`, `pods.v1.` for the core group); failing that, RESOURCE.GROUP
  if (groupParts.length >= 2) {
    const [version, ...rest] = groupParts;
    const g = rest.join('.');
    const full = byName(RESOURCE_TYPES.filter((t) => t.group === g && t.version === version), base);
    if (full) return full;
  }
  const group = groupParts.join('.');
  return byName(RESOURCE_TYPES.filter((t) => !group || t.group === group || t.group.startsWith(group + '.')), base);
}

/** The candidate named `base`: by plural resource name, else singular, else a short name. */
function byName(candidates: ResourceType[], base: string): ResourceType | undefined {
  return (
    candidates.find((t) => t.resource === base) ??
    candidates.find((t) => t.singular === base) ??
    candidates.find((t) => t.shortNames.includes(base))
  );
}
