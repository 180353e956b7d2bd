import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const pv = (name: string, size: string, modes: string[], extra: any = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, labels: extra.labels },
  spec: { capacity: { storage: size }, accessModes: modes, hostPath: { path: `/data/${name}` }, ...extra.spec },
});
const pvc = (name: string, size: string, modes: string[], extra: any = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: modes, resources: { requests: { storage: size } }, ...extra },
});

describe('PersistentVolume controller (reference §7)', () => {
  it('makes new volumes Available and binds the smallest fitting one', () => {
    const c = createCluster();
    c.create(pv('pv-small', '1Gi', ['ReadWriteOnce'], { spec: { storageClassName: '' } }));
    c.create(pv('pv-big', '5Gi', ['ReadWriteOnce'], { spec: { storageClassName: '' } }));
    expect(c.get('PersistentVolume', '', 'pv-small')!.status.phase).toBe('Available');
    expect(c.get('PersistentVolume', '', 'pv-small')!.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    c.create(pvc('claim', '500Mi', ['ReadWriteOnce'], { storageClassName: '' }));
    const claim = c.get('PersistentVolumeClaim', 'default', 'claim')!;
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(claim.spec.volumeName).toBe('pv-small');
    const bound = c.get('PersistentVolume', '', 'pv-small')!;
    expect(bound.status.phase).toBe('Bound');
    expect(bound.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'claim', uid: claim.metadata.uid });
    expect(bound.metadata.annotations!['pv.kubernetes.io/bound-by-controller']).toBe('yes');
  });

  it('respects access modes and selectors, and explains a claim it cannot bind', () => {
    const c = createCluster();
    c.create(pv('rwo', '1Gi', ['ReadWriteOnce'], { spec: { storageClassName: '' } }));
    c.create(pvc('needs-rwx', '1Gi', ['ReadWriteMany'], { storageClassName: '' }));
    expect(c.get('PersistentVolumeClaim', 'default', 'needs-rwx')!.status.phase).toBe('Pending');
    const ev = c.list('Event', 'default').find((e) => e.involvedObject.name === 'needs-rwx')!;
    expect([ev.type, ev.reason, ev.message]).toEqual(['Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set']);
  });

  it('releases a Retain volume and reclaims Delete/Recycle ones (reference §7.3)', () => {
    const c = createCluster();
    c.create(pv('keep', '1Gi', ['ReadWriteOnce'], { spec: { storageClassName: 'manual' } }));
    c.create(pvc('a', '1Gi', ['ReadWriteOnce'], { storageClassName: 'manual' }));
    c.sim.api.delete('PersistentVolumeClaim', 'default', 'a');
    c.settle();
    expect(c.get('PersistentVolumeClaim', 'default', 'a')).toBeUndefined();
    expect(c.get('PersistentVolume', '', 'keep')!.status.phase).toBe('Released');

    c.create(pv('gone', '1Gi', ['ReadWriteOnce'], { spec: { storageClassName: 'del', persistentVolumeReclaimPolicy: 'Delete' } }));
    c.create(pvc('b', '1Gi', ['ReadWriteOnce'], { storageClassName: 'del' }));
    c.sim.api.delete('PersistentVolumeClaim', 'default', 'b');
    c.settle();
    const failed = c.get('PersistentVolume', '', 'gone')!;
    expect(failed.status.phase).toBe('Failed');
    // kube-controller-manager has the hostPath plugin, whose deleter only removes /tmp/.+ (K/K pkg/volume/hostpath/host_path.go)
    expect(failed.status.message).toBe('host_path deleter only supports /tmp/.+ but received provided /data/gone');

    c.create(pv('recycled', '1Gi', ['ReadWriteOnce'], { spec: { storageClassName: 'rec', persistentVolumeReclaimPolicy: 'Recycle' } }));
    c.create(pvc('d', '1Gi', ['ReadWriteOnce'], { storageClassName: 'rec' }));
    c.sim.api.delete('PersistentVolumeClaim', 'default', 'd');
    c.settle();
    expect(c.get('PersistentVolume', '', 'recycled')!.status.phase).toBe('Available');
  });

  it('provisions dynamically from a StorageClass and deletes the volume with the claim', () => {
    const c = createCluster();
    // the provisioner must run (local-path-provisioner's Deployment); it needs the scheduler's node (WaitForFirstConsumer)
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local-path-storage' } });
    c.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
      spec: {
        selector: { matchLabels: { app: 'local-path-provisioner' } },
        template: { metadata: { labels: { app: 'local-path-provisioner' } }, spec: { containers: [{ name: 'p', image: 'rancher/local-path-provisioner:v0.0.31' }] } },
      },
    });
    c.create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    c.create(pvc('data', '2Gi', ['ReadWriteOnce']));
    c.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'user', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'd', mountPath: '/d' }] }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    const claim = c.get('PersistentVolumeClaim', 'default', 'data')!;
    expect(claim.spec.storageClassName).toBe('local-path'); // DefaultStorageClass admission
    expect(claim.status.phase).toBe('Bound');
    const name = `pvc-${claim.metadata.uid}`;
    const vol = c.get('PersistentVolume', '', name)!;
    expect(vol.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(vol.metadata.annotations!['pv.kubernetes.io/provisioned-by']).toBe('rancher.io/local-path');
    const reasons = c.list('Event', 'default').filter((e) => e.involvedObject.name === 'data').map((e) => e.reason);
    expect(reasons).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    c.sim.api.delete('Pod', 'default', 'user', { gracePeriodSeconds: 0 });
    c.sim.api.delete('PersistentVolumeClaim', 'default', 'data');
    c.settle();
    // Released until the provisioner has deleted it (a few seconds later)
    expect(c.get('PersistentVolume', '', name)!.status.phase).toBe('Released');
    c.advance(5);
    expect(c.get('PersistentVolume', '', name)).toBeUndefined();
  });

  it('waits for the first consumer with WaitForFirstConsumer', () => {
    const c = createCluster();
    c.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'wffc' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });
    c.create(pvc('w', '1Gi', ['ReadWriteOnce'], { storageClassName: 'wffc' }));
    expect(c.get('PersistentVolumeClaim', 'default', 'w')!.status.phase).toBe('Pending');
    const ev = c.list('Event', 'default').find((e) => e.involvedObject.name === 'w')!;
    expect(ev.message).toBe('waiting for first consumer to be created before binding');
  });
});
