import type { Sim, SimModule } from '../sim';

/**
 * ServiceAccounts controller (K/K pkg/controller/serviceaccount/
 * serviceaccounts_controller.go): every namespace gets a `default`
 * ServiceAccount, recreated if deleted. Root CA publisher (K/K
 * pkg/controller/certificates/rootcacertpublisher): every namespace gets the
 * ConfigMap `kube-root-ca.crt` with key `ca.crt`.
 */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** A stable, realistic-looking cluster CA certificate (the simulator has no crypto). */
export const CLUSTER_CA_CRT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIQ2x1c3RlckNBMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV
BAMTCmt1YmVybmV0ZXMwHhcNMjYwMTAzMDg1NTAwWhcNMzYwMTAxMDkwMDAwWjAV
MRMwEQYDVQQDEwprdWJlcm5ldGVzMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIB
CgKCAQEAs2ltdWxhdGVkLWNsdXN0ZXItY2EtZm9yLWt1YmVybmV0ZXMtb2JqZWN0
cy1sYWItbm90LWEtcmVhbC1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlh
YmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlh
YmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlh
YmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlh
YmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OQIDAQABo1kwVzAOBgNVHQ8B
Af8EBAMCAqQwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUc2ltdWxhdGVkLWNh
LWtleS1pZDAVBgNVHREEDjAMggprdWJlcm5ldGVzMA0GCSqGSIb3DQEBCwUAA4IB
AQBzaW11bGF0ZWQtc2lnbmF0dXJl
-----END CERTIFICATE-----
`;

export const serviceAccountsModule: SimModule = {
  name: 'serviceaccounts-controller',
  install(sim) {
    const w = sim.runtime.register('serviceaccounts', (ns) => sync(sim, ns));
    sim.store.watch('Namespace', (ev) => {
      if (ev.type !== 'DELETED') w.enqueue(ev.object.metadata.name);
    });
    sim.store.watch('ServiceAccount', (ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata.name === 'default') w.enqueue(ev.object.metadata.namespace!);
    });
    sim.store.watch('ConfigMap', (ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata.name === ROOT_CA_CONFIGMAP) w.enqueue(ev.object.metadata.namespace!);
    });
  },
};

function sync(sim: Sim, ns: string): void {
  const n = sim.store.get('Namespace', '', ns);
  if (!n || n.metadata.deletionTimestamp) return;
  if (!sim.store.get('ServiceAccount', ns, 'default')) {
    sim.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } }, { trusted: true });
  }
  if (!sim.store.get('ConfigMap', ns, ROOT_CA_CONFIGMAP)) {
    sim.api.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { 'kubernetes.io/description': descriptionText } },
        data: { 'ca.crt': CLUSTER_CA_CRT },
      },
      { trusted: true },
    );
  }
}

const descriptionText =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
