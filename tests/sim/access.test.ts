import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { impersonatedUser, serviceAccountUser } from '../../sim/admission/rbac';
import { resolveResource } from '../../sim/api/resources';
import { encodeBase64, decodeBase64 } from '../../sim/api/base64';

const pod = (name: string, ns = 'default', extra: any = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
});

describe('namespaces and service accounts', () => {
  it('gives every namespace a default ServiceAccount and kube-root-ca.crt (reference §8.2, §9.4)', () => {
    const c = createCluster();
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(c.get('ServiceAccount', 'dev', 'default')).toBeDefined();
    expect(Object.keys(c.get('ConfigMap', 'dev', 'kube-root-ca.crt')!.data)).toEqual(['ca.crt']);
    expect(c.get('Namespace', '', 'dev')!.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
  });

  it('rejects content in a missing namespace and protects immortal namespaces (reference §2.6)', () => {
    const c = createCluster();
    expect(() => c.sim.api.create(pod('p', 'nosuch'))).toThrow('namespaces "nosuch" not found');
    expect(() => c.sim.api.delete('Namespace', '', 'default')).toThrow('namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('mounts the projected token volume at the real path (reference §8.4)', () => {
    const c = createCluster();
    const p = c.sim.api.create(pod('p'));
    expect(p.spec.serviceAccountName).toBe('default');
    const vol = p.spec.volumes.find((v: any) => v.name.startsWith('kube-api-access-'));
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    expect(p.spec.containers[0].volumeMounts).toEqual([{ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    const none = c.sim.api.create(pod('q', 'default', { automountServiceAccountToken: false }));
    expect(none.spec.volumes).toBeUndefined();
    expect(() => c.sim.api.create(pod('r', 'default', { serviceAccountName: 'sa1' }))).toThrow(
      'pods "r" is forbidden: error looking up service account default/sa1: serviceaccount "sa1" not found',
    );
  });
});

describe('RBAC', () => {
  function cluster() {
    const c = createCluster();
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa1', namespace: 'dev' } });
    c.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'dev' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    });
    c.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb', namespace: 'dev' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa1', namespace: 'dev' }],
    });
    return c;
  }
  const pods = resolveResource('pods')!;

  it('allows what a Role grants, in its namespace only (reference §9.2)', () => {
    const c = cluster();
    const sa = serviceAccountUser('dev', 'sa1');
    expect(c.sim.api.can(sa, 'list', pods, 'dev')).toBe(true);
    expect(c.sim.api.can(sa, 'delete', pods, 'dev', 'x')).toBe(false);
    expect(c.sim.api.can(sa, 'list', pods, 'default')).toBe(false);
    expect(c.sim.api.can(sa, 'get', pods, 'dev', 'x', 'log')).toBe(false); // pods does not grant pods/log
  });

  it('gives the real Forbidden text (apiserver responsewriters/errors.go forbiddenMessage)', () => {
    const c = cluster();
    expect(() => c.sim.api.list('Pod', 'default', { user: serviceAccountUser('dev', 'sa1') })).toThrow(
      'pods is forbidden: User "system:serviceaccount:dev:sa1" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    expect(() => c.sim.api.list('Node', undefined, { user: impersonatedUser('jane') })).toThrow(
      'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('aggregates view into edit into admin, and binds the kubeadm admin to cluster-admin', () => {
    const c = cluster();
    const view = c.get('ClusterRole', '', 'view')!;
    expect(view.rules.some((r: any) => r.resources.includes('pods') && r.verbs.includes('list'))).toBe(true);
    expect(view.rules.some((r: any) => r.resources.includes('secrets'))).toBe(false);
    const admin = c.get('ClusterRole', '', 'admin')!;
    expect(admin.rules.some((r: any) => r.resources?.includes('rolebindings'))).toBe(true);
    expect(admin.rules.some((r: any) => r.resources?.includes('secrets'))).toBe(true);
    expect(c.sim.api.can({ username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }, 'delete', pods, 'dev', 'x')).toBe(true);
  });

  it('reports a missing role as the reason (rbac.go: "RBAC: ...")', () => {
    const c = cluster();
    c.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb2', namespace: 'dev' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'missing' },
      subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    expect(() => c.sim.api.get('Pod', 'dev', 'x', { user: impersonatedUser('jane') })).toThrow(
      'pods "x" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "dev": RBAC: role.rbac.authorization.k8s.io "missing" not found',
    );
  });

  it('rejects a changed roleRef (reference §2.8)', () => {
    const c = cluster();
    const rb = c.get('RoleBinding', 'dev', 'rb')!;
    expect(() => c.sim.api.update({ ...rb, roleRef: { ...rb.roleRef, name: 'other' } })).toThrow('roleRef: Invalid value');
    expect(() => c.sim.api.update({ ...rb, roleRef: { ...rb.roleRef, name: 'other' } })).toThrow('cannot change roleRef');
  });
});

describe('ConfigMap and Secret', () => {
  it('turns stringData into base64 data and rejects bad base64 (reference §8.1)', () => {
    const c = createCluster();
    const s = c.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { password: 'p@ss' } });
    expect(s.data).toEqual({ password: encodeBase64('p@ss') });
    expect(s.type).toBe('Opaque');
    expect(s.stringData).toBeUndefined();
    expect(() => c.sim.api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 't', namespace: 'default' }, data: { a: 'abc$' } })).toThrow(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
    expect(decodeBase64('cEBzcw==')).toEqual({ text: 'p@ss' });
  });

  it('validates keys with the RegexError text and enforces immutable', () => {
    const c = createCluster();
    expect(() => c.sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { 'bad key': 'v' } })).toThrow(
      `data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    const cm = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { a: '1' }, immutable: true });
    expect(() => c.sim.api.update({ ...cm, data: { a: '2' } })).toThrow('data: Forbidden: field is immutable when `immutable` is set');
  });
});

import { serveApi } from '../../sim/registry/http';
import { issueServiceAccountToken } from '../../sim/admission/tokens';

describe('API server over HTTP', () => {
  const get = (c: any, path: string, token?: string) =>
    serveApi(c.sim, { method: 'GET', path, host: 'kubernetes.default.svc', headers: { 'User-Agent': 'curl/8.5.0', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, clientIP: '10.244.1.5' });

  it('answers 403 Status JSON for a token without permission and 200 once RBAC allows it', () => {
    const c = createCluster();
    const token = issueServiceAccountToken(c.sim, 'default', 'default');
    const denied = get(c, '/api/v1/namespaces/default/pods', token);
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
    expect(denied.body.startsWith('{\n  "kind": "Status",')).toBe(true); // pretty for curl
    c.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'view', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    const ok = get(c, '/api/v1/namespaces/default/pods', token);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).kind).toBe('PodList');
    expect(get(c, '/api/v1/namespaces/default/pods', 'not-a-token').status).toBe(401);
  });
});
