import type { KObject } from '../api/types';
import type { Sim } from '../sim';
import { KUBERNETES_VERSION } from '../sim';

/** Shape of one simulated machine (a kubeadm VM). */
export interface MachineSpec {
  name: string;
  controlPlane: boolean;
  internalIP: string;
  podCIDR: string;
  cpu: string;
  /** memory capacity in Ki */
  memoryKi: number;
}

/** The machines of the default cluster: k8s-master plus N workers on 192.168.56.0/24, pod CIDRs 10.244.<i>.0/24. */
export function defaultMachines(sim: Sim): MachineSpec[] {
  const o = sim.options;
  const out: MachineSpec[] = [
    { name: o.controlPlaneName, controlPlane: true, internalIP: '192.168.56.30', podCIDR: '10.244.0.0/24', cpu: '4', memoryKi: 8134732 },
  ];
  for (let i = 1; i <= o.workers; i++) {
    out.push({
      name: `${o.workerPrefix}${i}`,
      controlPlane: false,
      internalIP: workerIP(i),
      podCIDR: `10.${244 + Math.floor(i / 256)}.${i % 256}.0/24`,
      cpu: '2',
      memoryKi: 4015204,
    });
  }
  return out;
}

/** 192.168.56.31, .32, … (.30 is the control plane); large clusters continue in 192.168.57.0/24 and up. */
function workerIP(i: number): string {
  const n = 30 + i;
  return `192.168.${56 + Math.floor(n / 250)}.${n % 250 || 250}`;
}

/** The Node object a kubelet registers for a machine (what `kubectl get node -o yaml` shows). */
export function nodeObject(sim: Sim, m: MachineSpec): KObject {
  const now = sim.clock.iso();
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': m.name,
    'kubernetes.io/os': 'linux',
  };
  if (m.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  // allocatable = capacity - eviction threshold (memory.available<100Mi)
  const allocMemKi = m.memoryKi - 100 * 1024;
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: m.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: m.podCIDR,
      podCIDRs: [m.podCIDR],
      ...(m.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: {
        cpu: m.cpu,
        'ephemeral-storage': '30298176Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${m.memoryKi}Ki`,
        pods: '110',
      },
      allocatable: {
        cpu: m.cpu,
        'ephemeral-storage': '27922798770',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${allocMemKi}Ki`,
        pods: '110',
      },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: m.internalIP },
        { type: 'Hostname', address: m.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: sim.rand.uuid().replace(/-/g, ''),
        systemUUID: sim.rand.uuid(),
        bootID: sim.rand.uuid(),
        kernelVersion: '6.8.0-87-generic',
        osImage: 'Ubuntu 24.04.3 LTS',
        containerRuntimeVersion: 'containerd://2.1.4',
        kubeletVersion: KUBERNETES_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** Register every machine's Node (kubelet registration at cluster install). */
export function registerNodes(sim: Sim): void {
  for (const m of defaultMachines(sim)) sim.api.create(nodeObject(sim, m), { trusted: true });
}
