import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

describe('cluster core', () => {
  it('boots a kubeadm-like cluster: system namespaces and three nodes', () => {
    const c = createCluster();
    expect(c.list('Namespace').map((n) => n.metadata.name).sort()).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
    const nodes = c.list('Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    expect(nodes[0].spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodes[1].status.nodeInfo.kubeletVersion).toBe('v1.35.0');
    expect(nodes[2].spec.podCIDR).toBe('10.244.2.0/24');
  });

  it('honours the workers option and is deterministic for a seed', () => {
    const a = createCluster({ workers: 5, seed: 7 });
    const b = createCluster({ workers: 5, seed: 7 });
    expect(a.list('Node')).toHaveLength(6);
    expect(a.list('Node').map((n) => n.metadata.uid)).toEqual(b.list('Node').map((n) => n.metadata.uid));
  });
});

import { regexError, isDNS1123Label } from '../../sim/validation/names';

describe('validation messages', () => {
  it('RegexError puts two spaces before each "or" (apimachinery pkg/util/validation/validation.go RegexError)', () => {
    expect(regexError('m', 're', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 're')");
    expect(isDNS1123Label('My_ns')[0]).toBe(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  });
});
