/**
 * What a fresh kubeadm cluster runs besides the addons: the control plane as
 * static pods on the control-plane node (mirror pods `etcd-k8s-master`,
 * `kube-apiserver-k8s-master`, … in kube-system, K/K cmd/kubeadm/app/phases/
 * controlplane + etcd manifests), the ServiceAccounts kubeadm creates for its
 * addons, and the pod network (flannel's DaemonSet in `kube-flannel`, which
 * matches the 10.244.0.0/16 pod CIDR).
 */
import type { KObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { KUBERNETES_VERSION } from '../sim';

type C = Record<string, any>;

function staticPod(sim: Sim, component: string, image: string, command: string[], cpu: string, memory?: string): KObject {
  const node = sim.options.controlPlaneName;
  const nodeObj = sim.store.get('Node', '', node);
  const ip = ((nodeObj?.status as C)?.addresses ?? []).find((a: C) => a.type === 'InternalIP')?.address;
  const hash = sim.rand.hex(32);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        ...(component === 'etcd' ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` } : {}),
        ...(component === 'kube-apiserver' ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` } : {}),
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': sim.clock.iso(),
        'kubernetes.io/config.source': 'file',
      },
      ...(nodeObj ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: nodeObj.metadata.uid, controller: true }] } : {}),
    },
    spec: {
      containers: [
        {
          name: component,
          image,
          imagePullPolicy: 'IfNotPresent',
          command,
          resources: { requests: { cpu, ...(memory ? { memory } : {}) } },
        },
      ],
      hostNetwork: true,
      nodeName: node,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  };
}

export const systemPodsModule: SimModule = {
  name: 'system-pods',
  install() {},
  bootstrap(sim) {
    const node = sim.options.controlPlaneName;
    const ip = ((sim.store.get('Node', '', node)?.status as C)?.addresses ?? []).find((a: C) => a.type === 'InternalIP')?.address ?? '192.168.56.30';
    for (const sa of ['kube-proxy', 'coredns']) {
      if (!sim.store.get('ServiceAccount', 'kube-system', sa)) sim.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } }, { trusted: true });
    }
    const v = KUBERNETES_VERSION;
    const pods = [
      staticPod(sim, 'etcd', 'registry.k8s.io/etcd:3.6.5-0', ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--data-dir=/var/lib/etcd', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`], '100m', '100Mi'),
      staticPod(sim, 'kube-apiserver', `registry.k8s.io/kube-apiserver:${v}`, ['kube-apiserver', `--advertise-address=${ip}`, '--service-cluster-ip-range=10.96.0.0/12', '--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction'], '250m'),
      staticPod(sim, 'kube-controller-manager', `registry.k8s.io/kube-controller-manager:${v}`, ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--service-cluster-ip-range=10.96.0.0/12'], '200m'),
      staticPod(sim, 'kube-scheduler', `registry.k8s.io/kube-scheduler:${v}`, ['kube-scheduler', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf'], '100m'),
    ];
    for (const p of pods) sim.api.create(p, { trusted: true });
    // flannel (kube-flannel.yml)
    sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-flannel', labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' } } }, { trusted: true });
    sim.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flannel', namespace: 'kube-flannel', labels: { 'k8s-app': 'flannel' } } }, { trusted: true });
    sim.api.create(
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'kube-flannel-ds', namespace: 'kube-flannel', labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' } },
        spec: {
          selector: { matchLabels: { app: 'flannel' } },
          template: {
            metadata: { labels: { app: 'flannel', tier: 'node' } },
            spec: {
              affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
              containers: [
                {
                  name: 'kube-flannel',
                  image: 'ghcr.io/flannel-io/flannel:v0.27.4',
                  command: ['/opt/bin/flanneld'],
                  args: ['--ip-masq', '--kube-subnet-mgr'],
                  resources: { requests: { cpu: '100m', memory: '50Mi' } },
                },
              ],
              hostNetwork: true,
              priorityClassName: 'system-node-critical',
              serviceAccountName: 'flannel',
              tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
            },
          },
        },
      },
      { trusted: true },
    );
  },
};
