/**
 * Storage behaviours pinned to the Kubernetes v1.35 sources that define them:
 * - K/K pkg/controller/volume/persistentvolume/pv_controller.go (provisionClaim,
 *   provisionClaimOperationExternal, findProvisionablePlugin, reclaimVolume,
 *   findDeletablePlugin, updateVolumePhase) and pv_controller_base.go (event
 *   handlers, resync every --pvclaimbinder-sync-period = 15 s);
 * - K/K pkg/registry/core/persistentvolume/strategy.go (lastPhaseTransitionTime);
 * - K/K pkg/volume/hostpath/host_path.go (checkTypeInternal, hostPathDeleter);
 * - sig-storage-lib-external-provisioner controller.go and
 *   rancher/local-path-provisioner provisioner.go (the provisioner side).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;

function run(c: Cluster, script: string): { out: string; err: string; code: number } {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

function apply(c: Cluster, yaml: string) {
  const r = run(c, `kubectl apply -f - <<'EOF'\n${yaml}EOF`);
  expect(r.err).toBe('');
  return r;
}

function events(c: Cluster, name: string, ns = 'default') {
  return c.list('Event', ns).filter((e) => e.involvedObject.name === name);
}

function nodeFS(c: Cluster, node: string) {
  return (c.sim.services.kubelet as { nodeFS(n: string): any }).nodeFS(node);
}

const EXTERNAL_MSG = (p: string) =>
  `Waiting for a volume to be created either by the external provisioner '${p}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;

/** deploy/local-path-storage.yaml, reduced to the Deployment. */
const LOCAL_PATH_PROVISIONER = `apiVersion: v1
kind: Namespace
metadata:
  name: local-path-storage
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: local-path-provisioner
  namespace: local-path-storage
spec:
  selector:
    matchLabels:
      app: local-path-provisioner
  template:
    metadata:
      labels:
        app: local-path-provisioner
    spec:
      containers:
      - name: local-path-provisioner
        image: rancher/local-path-provisioner:v0.0.31
        command: ["local-path-provisioner", "--debug", "start"]
`;

const sc = (name: string, provisioner: string, mode = 'WaitForFirstConsumer') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
provisioner: ${provisioner}
volumeBindingMode: ${mode}
reclaimPolicy: Delete
`;

const pvc = (name: string, cls: string, size = '1Gi') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}
  storageClassName: "${cls}"
`;

const podWithClaim = (name: string, claim: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claim}
`;

const staticPV = (name: string, size: string, extra = '') => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity:
    storage: ${size}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  hostPath:
    path: /data/${name}
${extra}`;

describe('dynamic provisioning needs a running provisioner (pv_controller.go provisionClaimOperationExternal)', () => {
  it('an external provisioner nobody runs: Pending, ExternalProvisioning again on every 15 s resync', () => {
    const c = createCluster();
    apply(c, sc('nfs', 'example.com/nfs', 'Immediate'));
    apply(c, pvc('data', 'nfs'));
    c.advance(1);
    const claim = c.get('PersistentVolumeClaim', 'default', 'data')!;
    expect(claim.status.phase).toBe('Pending');
    // setClaimProvisioner: both annotations name the provisioner the claim waits for
    expect(claim.metadata.annotations).toMatchObject({
      'volume.kubernetes.io/storage-provisioner': 'example.com/nfs',
      'volume.beta.kubernetes.io/storage-provisioner': 'example.com/nfs',
    });
    const first = events(c, 'data');
    expect(first.map((e) => [e.type, e.reason, e.message, e.source.component])).toEqual([
      ['Normal', 'ExternalProvisioning', EXTERNAL_MSG('example.com/nfs'), 'persistentvolume-controller'],
    ]);
    const n0 = first[0].count;
    c.advance(45);
    const later = events(c, 'data');
    expect(later).toHaveLength(1);
    expect(later[0].count).toBeGreaterThanOrEqual(n0 + 3);
    expect(c.list('PersistentVolume')).toHaveLength(0);
  });

  it('kubernetes.io/no-provisioner: no volume plugin, Warning ProvisioningFailed (FindProvisionablePluginByName)', () => {
    const c = createCluster();
    apply(c, sc('manual', 'kubernetes.io/no-provisioner', 'Immediate'));
    apply(c, pvc('local', 'manual'));
    const ev = events(c, 'local');
    expect(ev.map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'ProvisioningFailed', 'no volume plugin matched name: kubernetes.io/no-provisioner']]);
    expect(c.get('PersistentVolumeClaim', 'default', 'local')!.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBeUndefined();
    // the usual WaitForFirstConsumer class for local volumes waits for a pod instead
    apply(c, sc('local-storage', 'kubernetes.io/no-provisioner'));
    apply(c, pvc('wffc', 'local-storage'));
    expect(events(c, 'wffc').map((e) => [e.reason, e.message])).toEqual([['WaitForFirstConsumer', 'waiting for first consumer to be created before binding']]);
  });

  it('rancher.io/local-path provisions only while the local-path-provisioner Deployment has an available pod', () => {
    const c = createCluster();
    apply(c, sc('local-path', 'rancher.io/local-path'));
    apply(c, pvc('data', 'local-path'));
    apply(c, podWithClaim('app', 'data'));
    c.advance(20);
    const claim = c.get('PersistentVolumeClaim', 'default', 'data')!;
    expect(claim.status.phase).toBe('Pending');
    expect(claim.metadata.annotations!['volume.kubernetes.io/selected-node']).toBeTruthy();
    expect(events(c, 'data').find((e) => e.reason === 'ExternalProvisioning')!.message).toBe(EXTERNAL_MSG('rancher.io/local-path'));
    expect(events(c, 'data').some((e) => e.reason === 'Provisioning')).toBe(false);
    // the pod cannot mount an unbound claim: no sandbox, no IP
    const pending = c.get('Pod', 'default', 'app')!;
    expect(pending.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(pending.status.podIP).toBeUndefined();

    apply(c, LOCAL_PATH_PROVISIONER);
    const provisionerPod = c.list('Pod', 'local-path-storage')[0];
    expect(provisionerPod.status.phase).toBe('Running');
    const bound = c.get('PersistentVolumeClaim', 'default', 'data')!;
    expect(bound.status.phase).toBe('Bound');
    const prov = events(c, 'data').filter((e) => e.reason === 'Provisioning' || e.reason === 'ProvisioningSucceeded');
    expect(prov.map((e) => e.message)).toEqual([`External provisioner is provisioning volume for claim "default/data"`, `Successfully provisioned volume pvc-${bound.metadata.uid}`]);
    // the event source is the provisioner's identity: <name>_<its pod's hostname>_<uuid>
    for (const e of prov) expect(e.source.component).toMatch(new RegExp(`^rancher\\.io/local-path_${provisionerPod.metadata.name}_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    const pod = c.get('Pod', 'default', 'app')!;
    expect(pod.status.phase).toBe('Running');
    // the pod writes into the provisioned directory on its node
    run(c, 'kubectl exec app -- sh -c "echo hi > /data/f"');
    const pv = c.get('PersistentVolume', '', bound.spec.volumeName)!;
    expect(nodeFS(c, pod.spec.nodeName).read(`${pv.spec.hostPath.path}/f`)).toEqual({ data: 'hi\n' });
  });

  it('local-path with Immediate binding: the provisioner has no node (local-path-provisioner Provision)', () => {
    const c = createCluster();
    apply(c, LOCAL_PATH_PROVISIONER);
    apply(c, sc('immediate', 'rancher.io/local-path', 'Immediate'));
    apply(c, pvc('data', 'immediate'));
    const failed = events(c, 'data').find((e) => e.reason === 'ProvisioningFailed')!;
    expect([failed.type, failed.message]).toEqual(['Warning', 'failed to provision volume with StorageClass "immediate": configuration error, no node was specified']);
    expect(failed.source.component).toMatch(/^rancher\.io\/local-path_local-path-provisioner-/);
    expect(c.get('PersistentVolumeClaim', 'default', 'data')!.status.phase).toBe('Pending');
  });
});

describe('binding timing (pv_controller_base.go)', () => {
  it('a waiting claim binds to a PV created later only on the next resync (≤ 15 s)', () => {
    const c = createCluster();
    apply(c, pvc('claim', ''));
    apply(c, staticPV('pv-late', '1Gi'));
    expect(c.get('PersistentVolume', '', 'pv-late')!.status.phase).toBe('Available');
    expect(c.get('PersistentVolumeClaim', 'default', 'claim')!.status.phase).toBe('Pending');
    c.advance(15);
    expect(c.get('PersistentVolumeClaim', 'default', 'claim')!.status.phase).toBe('Bound');
    expect(c.get('PersistentVolume', '', 'pv-late')!.status.phase).toBe('Bound');
  });

  it('a claim added after the PV binds at once (claim add event); a pre-bound PV binds at once (syncVolume enqueues its claim)', () => {
    const c = createCluster();
    apply(c, staticPV('pv-a', '1Gi'));
    apply(c, pvc('first', ''));
    expect(c.get('PersistentVolumeClaim', 'default', 'first')!.spec.volumeName).toBe('pv-a');
    apply(c, pvc('second', ''));
    const uid = c.get('PersistentVolumeClaim', 'default', 'second')!.metadata.uid;
    apply(c, staticPV('pv-b', '1Gi', `  claimRef:\n    namespace: default\n    name: second\n    uid: ${uid}\n`));
    expect(c.get('PersistentVolumeClaim', 'default', 'second')!.spec.volumeName).toBe('pv-b');
  });
});

describe('status.lastPhaseTransitionTime (GA in v1.31)', () => {
  it('is stamped on every phase change of a PV', () => {
    const c = createCluster();
    apply(c, staticPV('pv-t', '1Gi'));
    const t0 = c.get('PersistentVolume', '', 'pv-t')!.status;
    expect(t0).toEqual({ phase: 'Available', lastPhaseTransitionTime: c.sim.clock.iso() });
    c.advance(30);
    apply(c, pvc('c1', ''));
    const t1 = c.get('PersistentVolume', '', 'pv-t')!.status;
    expect(t1.phase).toBe('Bound');
    expect(t1.lastPhaseTransitionTime).toBe(c.sim.clock.iso());
    expect(Date.parse(t1.lastPhaseTransitionTime) - Date.parse(t0.lastPhaseTransitionTime)).toBeGreaterThanOrEqual(30_000);
    c.advance(10);
    run(c, 'kubectl delete pvc c1');
    const t2 = c.get('PersistentVolume', '', 'pv-t')!.status;
    expect(t2.phase).toBe('Released');
    expect(t2.lastPhaseTransitionTime).toBe(c.sim.clock.iso());
    // an unchanged phase keeps its time (the resync does not restamp it)
    c.advance(60);
    expect(c.get('PersistentVolume', '', 'pv-t')!.status.lastPhaseTransitionTime).toBe(t2.lastPhaseTransitionTime);
  });
});

describe('reclaim policy Delete', () => {
  it('a provisioned PV is Released for a few seconds before its provisioner deletes it', () => {
    const c = createCluster();
    apply(c, LOCAL_PATH_PROVISIONER);
    apply(c, sc('local-path', 'rancher.io/local-path'));
    apply(c, pvc('data', 'local-path'));
    apply(c, podWithClaim('app', 'data'));
    const name = c.get('PersistentVolumeClaim', 'default', 'data')!.spec.volumeName;
    const node = c.get('Pod', 'default', 'app')!.spec.nodeName;
    const dir = c.get('PersistentVolume', '', name)!.spec.hostPath.path;
    run(c, 'kubectl exec app -- sh -c "echo hi > /data/f"');
    expect(nodeFS(c, node).read(`${dir}/f`)).toEqual({ data: 'hi\n' });
    run(c, 'kubectl delete pod app');
    run(c, 'kubectl delete pvc data');
    const released = c.get('PersistentVolume', '', name)!;
    expect(released.status.phase).toBe('Released');
    expect(released.status.lastPhaseTransitionTime).toBe(c.sim.clock.iso());
    expect(run(c, 'kubectl get pv').out).toMatch(new RegExp(`${name} +1Gi +RWO +Delete +Released +default/data +local-path`));
    c.advance(2);
    expect(c.get('PersistentVolume', '', name)?.status.phase).toBe('Released');
    c.advance(3);
    expect(c.get('PersistentVolume', '', name)).toBeUndefined();
    // the provisioner's helper pod removed the data on the node
    expect(nodeFS(c, node).read(`${dir}/f`)).toEqual({ error: 'ENOENT' });
  });

  it('static hostPath PVs: the in-tree deleter only removes paths under /tmp (host_path.go hostPathDeleter)', () => {
    const c = createCluster();
    apply(c, staticPV('pv-data', '1Gi', '  persistentVolumeReclaimPolicy: Delete\n'));
    apply(c, pvc('a', ''));
    run(c, 'kubectl delete pvc a');
    const failed = c.get('PersistentVolume', '', 'pv-data')!;
    expect(failed.status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /data/pv-data' });
    expect(events(c, 'pv-data').map((e) => [e.type, e.reason])).toEqual([['Warning', 'VolumeFailedDelete']]);
    apply(c, staticPV('pv-tmp', '1Gi', '  persistentVolumeReclaimPolicy: Delete\n').replace('/data/pv-tmp', '/tmp/pv-tmp'));
    apply(c, pvc('b', ''));
    expect(c.get('PersistentVolume', '', 'pv-tmp')!.spec.claimRef.name).toBe('b');
    run(c, 'kubectl delete pvc b');
    expect(c.get('PersistentVolume', '', 'pv-tmp')).toBeUndefined();
  });
});

describe('hostPath type checks (host_path.go checkTypeInternal, v1.35)', () => {
  const hostPathPod = (name: string, path: string, type: string, node = 'k8s-node1') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${node}
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: host
      mountPath: /host
  volumes:
  - name: host
    hostPath:
      path: ${path}
      type: ${type}
`;

  it('type Directory on a missing path: ContainerCreating, FailedMount retried with back-off, then it starts', () => {
    const c = createCluster();
    apply(c, hostPathPod('needs-dir', '/srv/data', 'Directory'));
    const pod = c.get('Pod', 'default', 'needs-dir')!;
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(pod.status.podIP).toBeUndefined();
    const failed = events(c, 'needs-dir').filter((e) => e.reason === 'FailedMount');
    expect(failed.map((e) => [e.type, e.message, e.source.component])).toEqual([
      ['Warning', 'MountVolume.SetUp failed for volume "host" : hostPath type check failed: /srv/data is not a directory', 'kubelet'],
    ]);
    c.advance(10);
    const count = events(c, 'needs-dir').find((e) => e.reason === 'FailedMount')!.count;
    // 0.5 s, 1 s, 2 s, 4 s … between attempts: a handful within ten seconds, not one per 100 ms
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThanOrEqual(7);
    expect(c.get('Pod', 'default', 'needs-dir')!.status.phase).toBe('Pending');
    expect(run(c, 'kubectl describe pod needs-dir').out).toMatch(/Warning +FailedMount .*kubelet +MountVolume\.SetUp failed for volume "host" : hostPath type check failed: \/srv\/data is not a directory/);
    // the directory appears on the node: the next retry mounts it
    nodeFS(c, 'k8s-node1').mkdir('/srv/data', { parents: true });
    c.advance(20);
    expect(c.get('Pod', 'default', 'needs-dir')!.status.phase).toBe('Running');
  });

  it('other types: File, Socket; DirectoryOrCreate and FileOrCreate create the path', () => {
    const c = createCluster();
    apply(c, hostPathPod('needs-file', '/etc/app.conf', 'File'));
    apply(c, hostPathPod('needs-sock', '/var/run/app.sock', 'Socket'));
    apply(c, hostPathPod('dir-is-no-file', '/var/log', 'File'));
    const msg = (pod: string) => events(c, pod).find((e) => e.reason === 'FailedMount')?.message;
    expect(msg('needs-file')).toBe('MountVolume.SetUp failed for volume "host" : hostPath type check failed: /etc/app.conf is not a file');
    expect(msg('needs-sock')).toBe('MountVolume.SetUp failed for volume "host" : hostPath type check failed: /var/run/app.sock is not a socket file');
    expect(msg('dir-is-no-file')).toBe('MountVolume.SetUp failed for volume "host" : hostPath type check failed: /var/log is not a file');

    apply(c, hostPathPod('makes-dir', '/srv/new', 'DirectoryOrCreate'));
    expect(c.get('Pod', 'default', 'makes-dir')!.status.phase).toBe('Running');
    expect(nodeFS(c, 'k8s-node1').stat('/srv/new')).toMatchObject({ dir: true });

    apply(c, hostPathPod('makes-file', '/var/log/app.log', 'FileOrCreate'));
    expect(c.get('Pod', 'default', 'makes-file')!.status.phase).toBe('Running');
    expect(nodeFS(c, 'k8s-node1').stat('/var/log/app.log')).toMatchObject({ dir: false });
    // a file hostPath is mounted as a file
    expect(run(c, 'kubectl exec makes-file -- cat /host').code).toBe(0);
    // FileOrCreate does not create missing parent directories (os.OpenFile with O_CREATE)
    apply(c, hostPathPod('no-parent', '/srv/missing/app.log', 'FileOrCreate'));
    expect(msg('no-parent')).toBe('MountVolume.SetUp failed for volume "host" : open /srv/missing/app.log: no such file or directory');
    // the node's own devices exist
    apply(c, hostPathPod('kmsg', '/dev/kmsg', 'CharDevice'));
    expect(c.get('Pod', 'default', 'kmsg')!.status.phase).toBe('Running');
  });
});
