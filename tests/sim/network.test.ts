import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { query } from '../../sim/network/dns';
import { OffsetAllocator } from '../../sim/network/allocators';
import { Random } from '../../sim/runtime/random';

function svc(name: string, spec: any, ns = 'default') {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec };
}

describe('services', () => {
  it('bootstraps kubernetes (10.96.0.1:443) and kube-dns (10.96.0.10)', () => {
    const c = createCluster();
    const k = c.get('Service', 'default', 'kubernetes')!;
    expect(k.spec.clusterIP).toBe('10.96.0.1');
    expect(k.spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    expect(c.get('Service', 'kube-system', 'kube-dns')!.spec.clusterIPs).toEqual(['10.96.0.10']);
    // reference §3.3: defaults
    expect(k.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  });

  it('allocates ClusterIPs from the upper band of 10.96.0.0/12 and NodePorts from 30086-32767 (reference §3.2)', () => {
    const c = createCluster();
    for (let i = 0; i < 20; i++) {
      const s = c.create(svc(`s${i}`, { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80 }] }));
      const ip = s.spec.clusterIP.split('.').map(Number);
      const n = (ip[1] - 96) * 65536 + ip[2] * 256 + ip[3] - 1;
      expect(ip[0]).toBe(10);
      expect(n).toBeGreaterThanOrEqual(256);
      expect(n).toBeLessThan(2 ** 20 - 2);
      expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
      expect(s.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
      expect(s.spec.externalTrafficPolicy).toBe('Cluster');
      expect(s.spec.ports[0].targetPort).toBe(80);
    }
  });

  it.each([
    // K/K pkg/registry/core/service/portallocator; reference §2.8
    [{ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }, 'Service "bad" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    // K/K pkg/apis/core/validation/validation.go ValidateService
    [{ ports: [{ port: 80, nodePort: 30080 }] }, "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    [{ ports: [{ port: 80 }, { port: 81 }] }, 'spec.ports[0].name: Required value'],
    [{ type: 'Foo', ports: [{ port: 80 }] }, 'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    [{ ports: [{ port: 80 }], externalTrafficPolicy: 'Local' }, 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    [{ ports: [{ port: 70000 }] }, 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    [{ clusterIP: '10.96.0.10', ports: [{ port: 80 }] }, 'spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated'],
  ])('rejects %j', (spec, message) => {
    const c = createCluster();
    expect(() => c.sim.api.create(svc('bad', spec))).toThrow(message);
  });

  it('rejects a taken NodePort and keeps NodePorts across updates', () => {
    const c = createCluster();
    c.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(() => c.sim.api.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).toThrow(
      'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    const a = c.get('Service', 'default', 'a')!;
    const upd = c.sim.api.update({ ...a, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    expect(upd.spec.ports[0].nodePort).toBe(30080);
    expect(upd.spec.clusterIP).toBe(a.spec.clusterIP);
    // clusterIP is immutable: reference §2.8 (v1.34+ JSON rendering)
    expect(() => c.sim.api.update({ ...upd, spec: { ...upd.spec, clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'] } })).toThrow(
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.99"]: may not change once set',
    );
    c.sim.api.delete('Service', 'default', 'a');
    expect(c.sim.api.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })).spec.ports[0].nodePort).toBe(30080);
  });

  it('gives LoadBalancer services an address from the pool, or leaves them pending without one', () => {
    const c = createCluster();
    const lb = c.create(svc('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
    expect(c.get('Service', 'default', 'lb')!.status.loadBalancer.ingress[0].ip).toBe('192.168.56.200');
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    const off = createCluster({ loadBalancerPool: false });
    off.create(svc('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
    expect(off.get('Service', 'default', 'lb')!.status.loadBalancer).toEqual({});
  });
});

describe('allocator strategy', () => {
  it('fills the upper band before the static band (bitmap.go randomScanStrategyWithOffset)', () => {
    const a = new OffsetAllocator(20, 4);
    const r = new Random(3);
    const got: number[] = [];
    for (let i = 0; i < 20; i++) got.push(a.allocateNext(r)!);
    expect(got.slice(0, 16).every((n) => n >= 4)).toBe(true);
    expect(got.slice(16).sort()).toEqual([0, 1, 2, 3]);
    expect(a.allocateNext(r)).toBeUndefined();
  });
});

describe('endpoints and DNS', () => {
  function withPods() {
    const c = createCluster();
    c.create(svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
    c.create(svc('headless', { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }));
    // two kubetm/app pods on k8s-node1 (IPs .2 and .3); the second never passes its readiness probe
    for (const i of [1, 2]) {
      c.sim.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
        spec: {
          nodeName: 'k8s-node1',
          containers: [{ name: 'c', image: 'kubetm/app', ...(i === 2 ? { readinessProbe: { tcpSocket: { port: 9999 } } } : {}) }],
        },
      });
      c.settle();
    }
    c.settle();
    return c;
  }

  it('puts ready pods in addresses and the others in notReadyAddresses (reference §5.4)', () => {
    const c = withPods();
    const [ip1, ip2] = ['web-1', 'web-2'].map((n) => c.get('Pod', 'default', n)!.status.podIP);
    const ep = c.get('Endpoints', 'default', 'web')!;
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a: any) => a.ip)).toEqual([ip1]);
    expect(ep.subsets[0].notReadyAddresses.map((a: any) => a.ip)).toEqual([ip2]);
    expect(ep.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(ep.metadata.labels!['endpoints.kubernetes.io/managed-by']).toBe('endpoint-controller');
    // reference §5.5: slices list every pod with conditions
    const slices = c.list('EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(slices).toHaveLength(1);
    expect(slices[0].metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slices[0].endpoints.map((e: any) => [e.addresses[0], e.conditions.ready])).toEqual([
      [ip1, true],
      [ip2, false],
    ]);
  });

  it('answers A, headless, SRV, PTR and pod records like CoreDNS (reference §4.1)', () => {
    const c = withPods();
    const ip1 = c.get('Pod', 'default', 'web-1')!.status.podIP as string;
    const ip = c.get('Service', 'default', 'web')!.spec.clusterIP;
    expect(query(c.sim, 'web.default.svc.cluster.local', 'A').answers.map((a) => a.data)).toEqual([ip]);
    expect(query(c.sim, 'headless.default.svc.cluster.local', 'A').answers.map((a) => a.data)).toEqual([ip1]);
    expect(query(c.sim, '_http._tcp.headless.default.svc.cluster.local', 'SRV').answers[0].data).toBe(
      `0 100 80 ${ip1.replace(/\./g, '-')}.headless.default.svc.cluster.local`,
    );
    expect(query(c.sim, ip.split('.').reverse().join('.') + '.in-addr.arpa', 'PTR').answers[0].data).toBe('web.default.svc.cluster.local');
    expect(query(c.sim, '10-244-1-9.default.pod.cluster.local', 'A').answers[0].data).toBe('10.244.1.9');
    expect(query(c.sim, 'nosuch.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(query(c.sim, 'web.nosuchns.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('serves ExternalName as a CNAME followed upstream', () => {
    const c = createCluster();
    c.create(svc('externalname1', { type: 'ExternalName', externalName: 'github.github.io' }));
    const r = query(c.sim, 'externalname1.default.svc.cluster.local', 'A');
    expect(r.answers[0]).toMatchObject({ type: 'CNAME', data: 'github.github.io' });
    expect(r.answers.slice(1).map((a) => a.data)).toContain('185.199.109.153');
    expect(c.get('Service', 'default', 'externalname1')!.spec.clusterIP).toBeUndefined();
  });
});
