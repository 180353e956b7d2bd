import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const pod = (name: string, resources?: any, ns = 'dev') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { containers: [{ name: 'nginx', image: 'nginx', ...(resources ? { resources } : {}) }] },
});

function cluster() {
  const c = createCluster();
  c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
  return c;
}

describe('ResourceQuota (reference §10.3, §2.6)', () => {
  it('requires requests/limits a quota tracks, naming every container and resource', () => {
    const c = cluster();
    c.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'mem-cpu-demo', namespace: 'dev' }, spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' } } });
    expect(() => c.sim.api.create(pod('nginx'))).toThrow(
      'pods "nginx" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx',
    );
  });

  it('counts usage and rejects what exceeds it with requested/used/limited', () => {
    const c = cluster();
    c.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute-quota', namespace: 'dev' }, spec: { hard: { pods: '2', 'requests.memory': '2Gi' } } });
    expect(c.get('ResourceQuota', 'dev', 'compute-quota')!.status).toEqual({ hard: { pods: '2', 'requests.memory': '2Gi' }, used: { pods: '0', 'requests.memory': '0' } });
    c.create(pod('a', { requests: { memory: '1Gi' } }));
    expect(c.get('ResourceQuota', 'dev', 'compute-quota')!.status.used).toEqual({ pods: '1', 'requests.memory': '1Gi' });
    expect(() => c.sim.api.create(pod('big', { requests: { memory: '2Gi' } }))).toThrow(
      'pods "big" is forbidden: exceeded quota: compute-quota, requested: requests.memory=2Gi, used: requests.memory=1Gi, limited: requests.memory=2Gi',
    );
    c.create(pod('b', { requests: { memory: '512Mi' } }));
    expect(() => c.sim.api.create(pod('c', { requests: { memory: '1Mi' } }))).toThrow(
      'exceeded quota: compute-quota, requested: pods=1, used: pods=2, limited: pods=2',
    );
  });
});

describe('LimitRange (reference §10.2)', () => {
  it('injects defaults with the limit-ranger annotation and enforces max', () => {
    const c = cluster();
    c.create({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits', namespace: 'dev' },
      spec: { limits: [{ type: 'Container', max: { memory: '1Gi' }, defaultRequest: { memory: '256Mi', cpu: '100m' }, default: { memory: '512Mi', cpu: '200m' } }] },
    });
    const p = c.sim.api.create(pod('d'));
    expect(p.spec.containers[0].resources).toEqual({ limits: { memory: '512Mi', cpu: '200m' }, requests: { memory: '256Mi', cpu: '100m' } });
    expect(p.metadata.annotations!['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
    expect(() => c.sim.api.create(pod('big', { limits: { memory: '2Gi' } }))).toThrow('pods "big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi');
  });

  it('defaults are applied before quota (admission order, reference §10.1)', () => {
    const c = cluster();
    c.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'dev' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '128Mi' } }] } });
    c.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'dev' }, spec: { hard: { 'requests.cpu': '1', 'limits.cpu': '1' } } });
    c.create(pod('ok'));
    expect(c.get('ResourceQuota', 'dev', 'q')!.status.used).toEqual({ 'requests.cpu': '500m', 'limits.cpu': '500m' });
  });
});
