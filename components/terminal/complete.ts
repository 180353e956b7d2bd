/**
 * Tab completion for the terminal: kubectl verbs, resource types (names and
 * short names) and the names of objects that exist in the cluster.
 */
import type { Cluster } from '../../sim/index';


/** resource word → store kind */
export const RESOURCES: Record<string, string> = {
  pods: 'Pod', pod: 'Pod', po: 'Pod',
  services: 'Service', service: 'Service', svc: 'Service',
  deployments: 'Deployment', deployment: 'Deployment', deploy: 'Deployment',
  replicasets: 'ReplicaSet', replicaset: 'ReplicaSet', rs: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController', rc: 'ReplicationController',
  daemonsets: 'DaemonSet', ds: 'DaemonSet', statefulsets: 'StatefulSet', sts: 'StatefulSet',
  jobs: 'Job', job: 'Job', cronjobs: 'CronJob', cj: 'CronJob',
  nodes: 'Node', node: 'Node', no: 'Node', namespaces: 'Namespace', namespace: 'Namespace', ns: 'Namespace',
  configmaps: 'ConfigMap', configmap: 'ConfigMap', cm: 'ConfigMap', secrets: 'Secret', secret: 'Secret',
  endpoints: 'Endpoints', ep: 'Endpoints', events: 'Event', ev: 'Event',
  persistentvolumes: 'PersistentVolume', pv: 'PersistentVolume', persistentvolumeclaims: 'PersistentVolumeClaim', pvc: 'PersistentVolumeClaim',
  storageclasses: 'StorageClass', sc: 'StorageClass', serviceaccounts: 'ServiceAccount', sa: 'ServiceAccount',
  roles: 'Role', rolebindings: 'RoleBinding', clusterroles: 'ClusterRole', clusterrolebindings: 'ClusterRoleBinding',
  resourcequotas: 'ResourceQuota', quota: 'ResourceQuota', limitranges: 'LimitRange', limits: 'LimitRange',
};

export interface Completion {
  word: string;
  candidates: string[];
  apply(candidate: string, final?: boolean): string;
}

export function complete(line: string, cluster: Cluster): Completion {
  const words = line.split(/\s+/);
  const word = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const positional = before.filter((w, i) => !w.startsWith('-') && !(i > 0 && /^-(n|l|o|c)$/.test(before[i - 1])));
  let pool: string[] = [];
  if (positional.length === 0) pool = ['kubectl', 'curl', 'nslookup', 'echo', 'sleep', 'cat'];
  else if (positional[0] === 'kubectl' && positional.length === 1) pool = cluster.kubectlVerbs();
  else if (positional[0] === 'kubectl' && positional.length === 2) pool = Object.keys(RESOURCES);
  else if (positional[0] === 'kubectl' && positional.length >= 3) {
    const kind = RESOURCES[positional[2]];
    const nsIdx = before.findIndex((w) => w === '-n' || w === '--namespace');
    const ns = nsIdx >= 0 ? before[nsIdx + 1] : 'default';
    if (kind) pool = cluster.list(kind, kind === 'Node' || kind === 'Namespace' || kind.startsWith('Cluster') || kind === 'PersistentVolume' || kind === 'StorageClass' ? undefined : ns).map((o) => o.metadata.name);
    else if (['logs', 'exec', 'describe', 'delete'].includes(positional[1])) pool = cluster.list('Pod', ns).map((o) => o.metadata.name);
  }
  const candidates = [...new Set(pool)].filter((c) => c.startsWith(word)).sort();
  return {
    word,
    candidates,
    apply: (c, final = true) => [...before, c].join(' ') + (final ? ' ' : ''),
  };
}
