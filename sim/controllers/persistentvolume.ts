import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { clone } from '../api/clone';
import { selectorFromLabelSelector } from '../labels';
import { parseQuantity } from '../api/quantity';

/**
 * PersistentVolume controller (K/K pkg/controller/volume/persistentvolume/
 * pv_controller.go, index.go; reference §7): binds claims to volumes, moves
 * volumes through Available/Bound/Released/Failed, reclaims them, and plays
 * the part of the external provisioners a cluster may run (local-path style
 * provisioners for dynamic provisioning). Also the pvc/pv-protection
 * controllers that remove the in-use finalizers.
 */
const SOURCE = { component: 'persistentvolume-controller' };
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** Provisioners the simulated cluster can run, and where they put volumes. */
export const PROVISIONERS: Record<string, { instance: string; path: (pv: string, pvc: StoredObject) => string; local: boolean }> = {
  'rancher.io/local-path': {
    instance: 'rancher.io/local-path_local-path-provisioner-7b6d9d6f4-mq2xt_8e2f6b0c-5a0d-4c63-a6e8-8f3c1c9d2a41',
    path: (pv, pvc) => `/opt/local-path-provisioner/${pv}_${pvc.metadata.namespace}_${pvc.metadata.name}`,
    local: true,
  },
  'hostpath.csi.k8s.io': {
    instance: 'hostpath.csi.k8s.io_csi-hostpathplugin-0_5f9a2e1c-3b7d-4e08-9c61-2d4a7b8e9f10',
    path: (pv) => `/var/lib/csi-hostpath-data/${pv}`,
    local: true,
  },
};

export function defaultStorageClass(sim: Sim): StoredObject | undefined {
  const defaults = sim.store
    .list('StorageClass')
    .filter((sc) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || sc.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true');
  // the newest default wins (DefaultStorageClass admission)
  return defaults.sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1))[0];
}

function bytes(q: string | undefined): bigint {
  if (!q) return 0n;
  return BigInt(parseQuantity(q).value());
}

function modesSuperset(pvModes: string[], want: string[]): boolean {
  return want.every((m) => pvModes.includes(m));
}

function claimClass(pvc: KObject): string {
  return pvc.spec?.storageClassName ?? '';
}

/** Why a PV can't serve a claim, in pv_controller's words, or undefined when it can. */
export function mismatch(pv: KObject, pvc: KObject): string | undefined {
  if (bytes(pv.spec?.capacity?.storage) < bytes(pvc.spec?.resources?.requests?.storage)) return 'requested PV is too small';
  if ((pv.spec?.storageClassName ?? '') !== claimClass(pvc)) return 'storageClassName does not match';
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  if (!modesSuperset(pv.spec?.accessModes ?? [], pvc.spec?.accessModes ?? [])) return 'incompatible accessMode';
  return undefined;
}

/** FindMatchingVolume: smallest fitting PV from the group with the fewest access modes; pre-bound wins. */
export function findMatchingVolume(sim: Sim, pvc: StoredObject, node?: StoredObject): StoredObject | undefined {
  const sel = pvc.spec?.selector ? selectorFromLabelSelector(pvc.spec.selector) : undefined;
  const candidates: StoredObject[] = [];
  for (const pv of sim.store.iterate('PersistentVolume')) {
    const ref = pv.spec?.claimRef;
    if (ref && !(ref.namespace === pvc.metadata.namespace && ref.name === pvc.metadata.name && (!ref.uid || ref.uid === pvc.metadata.uid))) continue;
    if (ref) {
      if (!mismatch(pv, pvc)) return pv; // pre-bound to this claim
      continue;
    }
    if (pv.metadata.deletionTimestamp || pv.status?.phase !== 'Available') continue;
    if (mismatch(pv, pvc)) continue;
    if (sel && !sel.matches(pv.metadata.labels)) continue;
    if (node && !nodeMatchesVolume(pv, node)) continue;
    candidates.push(pv);
  }
  candidates.sort(
    (a, b) =>
      (a.spec.accessModes?.length ?? 0) - (b.spec.accessModes?.length ?? 0) ||
      (bytes(a.spec.capacity.storage) < bytes(b.spec.capacity.storage) ? -1 : bytes(a.spec.capacity.storage) > bytes(b.spec.capacity.storage) ? 1 : 0) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  return candidates[0];
}

/** A PV's spec.nodeAffinity against a node (volume node affinity). */
export function nodeMatchesVolume(pv: KObject, node: StoredObject): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms?.length) return true;
  const labels = node.metadata.labels ?? {};
  return terms.some((t: any) =>
    (t.matchExpressions ?? []).every((e: any) => {
      const v = labels[e.key];
      switch (e.operator) {
        case 'In':
          return v !== undefined && (e.values ?? []).includes(v);
        case 'NotIn':
          return v === undefined || !(e.values ?? []).includes(v);
        case 'Exists':
          return v !== undefined;
        case 'DoesNotExist':
          return v === undefined;
        default:
          return false;
      }
    }) && (t.matchFields ?? []).every((f: any) => f.key !== 'metadata.name' || (f.values ?? []).includes(node.metadata.name)),
  );
}

export const persistentVolumeModule: SimModule = {
  name: 'persistentvolume-controller',
  install(sim) {
    sim.store.addIndex('Pod', 'pvc', (p) =>
      (p.spec?.volumes ?? []).filter((v: any) => v.persistentVolumeClaim?.claimName).map((v: any) => `${p.metadata.namespace}/${v.persistentVolumeClaim.claimName}`),
    );
    const w = sim.runtime.register('persistentvolume', (key) => (key.startsWith('pv:') ? syncVolume(sim, key.slice(3)) : syncClaim(sim, key.slice(4))));
    sim.store.watch('PersistentVolume', (ev) => {
      w.enqueue(`pv:${ev.object.metadata.name}`);
      const ref = ev.object.spec?.claimRef;
      if (ref) w.enqueue(`pvc:${ref.namespace}/${ref.name}`);
      if (ev.type !== 'MODIFIED' || ev.object.status?.phase === 'Available')
        for (const pvc of sim.store.iterate('PersistentVolumeClaim')) if (pvc.status?.phase === 'Pending') w.enqueue(`pvc:${pvc.metadata.namespace}/${pvc.metadata.name}`);
    });
    sim.store.watch('PersistentVolumeClaim', (ev) => {
      w.enqueue(`pvc:${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
      if (ev.object.spec?.volumeName) w.enqueue(`pv:${ev.object.spec.volumeName}`);
      if (ev.type === 'DELETED') for (const pv of sim.store.iterate('PersistentVolume')) if (pv.spec?.claimRef?.uid === ev.object.metadata.uid) w.enqueue(`pv:${pv.metadata.name}`);
    });
    sim.store.watch('StorageClass', () => {
      for (const pvc of sim.store.iterate('PersistentVolumeClaim')) if (pvc.status?.phase === 'Pending') w.enqueue(`pvc:${pvc.metadata.namespace}/${pvc.metadata.name}`);
    });
    sim.store.watch('Pod', (ev) => {
      for (const v of ev.object.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName) w.enqueue(`pvc:${ev.object.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    });
    sim.services.storageProvision = (pvcKey: string) => w.enqueue(`pvc:${pvcKey}`);
    // StorageObjectInUseProtection + DefaultStorageClass admission (mutating)
    sim.api.registerAdmission({
      name: 'DefaultStorageClass',
      order: 700,
      admit(a) {
        if (a.operation !== 'CREATE' || a.resource.kind !== 'PersistentVolumeClaim') return;
        const spec = (a.object.spec ??= {});
        if (spec.storageClassName === undefined) {
          const def = defaultStorageClass(sim);
          if (def) spec.storageClassName = def.metadata.name;
        }
      },
    });
    sim.api.registerAdmission({
      name: 'StorageObjectInUseProtection',
      order: 710,
      admit(a) {
        if (a.operation !== 'CREATE') return;
        const f = a.resource.kind === 'PersistentVolumeClaim' ? PVC_PROTECTION : a.resource.kind === 'PersistentVolume' ? PV_PROTECTION : undefined;
        if (!f) return;
        const fins: string[] = (a.object.metadata.finalizers ??= []);
        if (!fins.includes(f)) fins.push(f);
      },
    });
  },
};

function event(sim: Sim, obj: StoredObject, type: 'Normal' | 'Warning', reason: string, message: string, component = SOURCE.component): void {
  sim.events.event(obj, type, reason, message, { component });
}

function syncClaim(sim: Sim, key: string): void {
  const [ns, name] = key.split('/');
  const pvc = sim.store.get('PersistentVolumeClaim', ns, name);
  if (!pvc) return;
  if (pvc.metadata.deletionTimestamp) {
    // pvc-protection: the finalizer goes once no pod uses the claim
    const users = sim.store.byIndex('Pod', 'pvc', key).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    if (!users.length && pvc.metadata.finalizers?.includes(PVC_PROTECTION)) {
      sim.api.mutate('PersistentVolumeClaim', ns, name, (o) => {
        o.metadata.finalizers = o.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION);
        if (!o.metadata.finalizers.length) delete o.metadata.finalizers;
      });
    }
    return;
  }
  if (pvc.spec?.volumeName) {
    const pv = sim.store.get('PersistentVolume', '', pvc.spec.volumeName);
    if (!pv) {
      if (pvc.status?.phase === 'Bound') {
        setClaimStatus(sim, pvc, { phase: 'Lost' });
        event(sim, pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      }
      return;
    }
    const ref = pv.spec?.claimRef;
    if (ref?.uid === pvc.metadata.uid) {
      if (pvc.status?.phase !== 'Bound') bindClaimStatus(sim, pvc, pv);
      return;
    }
    if (ref && (ref.name !== name || ref.namespace !== ns)) {
      event(sim, pvc, 'Warning', 'FailedBinding', `volume "${pv.metadata.name}" already bound to a different claim.`);
      return;
    }
    const why = mismatch(pv, pvc);
    if (why) {
      event(sim, pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pv.metadata.name}": ${why}`);
      return;
    }
    bind(sim, pv, pvc);
    return;
  }
  const match = findMatchingVolume(sim, pvc);
  const className = claimClass(pvc);
  const sc = className ? sim.store.get('StorageClass', '', className) : undefined;
  if (match && !(sc?.volumeBindingMode === 'WaitForFirstConsumer' && !pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION])) {
    bind(sim, match, pvc);
    return;
  }
  if (!className) {
    event(sim, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    return;
  }
  if (!sc) {
    event(sim, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
    return;
  }
  const selectedNode = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) {
    const user = sim.store.byIndex('Pod', 'pvc', key)[0];
    if (user && !user.spec?.nodeName) event(sim, pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod ${user.metadata.name} to be scheduled`);
    else event(sim, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    return;
  }
  if (sc.provisioner === 'kubernetes.io/no-provisioner') return;
  event(
    sim,
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
  const prov = PROVISIONERS[sc.provisioner];
  if (!prov || pvc.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'] === 'in-progress') return;
  sim.api.mutate('PersistentVolumeClaim', ns, name, (o) => {
    o.metadata.annotations = {
      ...(o.metadata.annotations ?? {}),
      'volume.beta.kubernetes.io/storage-provisioner': sc.provisioner,
      'volume.kubernetes.io/storage-provisioner': sc.provisioner,
    };
  });
  event(sim, pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, prov.instance);
  const uid = pvc.metadata.uid;
  sim.clock.setTimeout(() => provision(sim, ns, name, uid, sc), 1500 + sim.rand.int(1500), { label: `provision ${key}` });
}

function provision(sim: Sim, ns: string, name: string, uid: string, sc: StoredObject): void {
  const pvc = sim.store.get('PersistentVolumeClaim', ns, name);
  if (!pvc || pvc.metadata.uid !== uid || pvc.spec?.volumeName) return;
  const prov = PROVISIONERS[sc.provisioner];
  const pvName = `pvc-${uid}`;
  const node = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
  const path = prov.path(pvName, pvc);
  const pv: KObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: { 'pv.kubernetes.io/provisioned-by': sc.provisioner, ...(node && prov.local ? { 'local.path.provisioner/selected-node': node } : {}) },
    },
    spec: {
      accessModes: clone(pvc.spec.accessModes),
      capacity: { storage: pvc.spec.resources.requests.storage },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace: ns, uid, resourceVersion: pvc.metadata.resourceVersion },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      hostPath: { path, type: 'DirectoryOrCreate' },
      ...(node && prov.local
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } }
        : {}),
    },
  };
  sim.api.create(pv);
  event(sim, pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, prov.instance);
}

function bind(sim: Sim, pv: StoredObject, pvc: StoredObject): void {
  const next = clone(pv);
  next.spec.claimRef = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    name: pvc.metadata.name,
    namespace: pvc.metadata.namespace,
    uid: pvc.metadata.uid,
    resourceVersion: pvc.metadata.resourceVersion,
  };
  if (!pv.spec?.claimRef) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
  const stored = sim.api.update(next, { trusted: true });
  sim.api.updateStatus({ ...clone(stored), status: { phase: 'Bound' } });
  const claim = clone(pvc);
  claim.spec.volumeName = pv.metadata.name;
  claim.metadata.annotations = {
    ...(claim.metadata.annotations ?? {}),
    'pv.kubernetes.io/bind-completed': 'yes',
    ...(pvc.spec?.volumeName ? {} : { 'pv.kubernetes.io/bound-by-controller': 'yes' }),
  };
  const c = sim.api.update(claim, { trusted: true });
  bindClaimStatus(sim, c, sim.store.get('PersistentVolume', '', pv.metadata.name)!);
}

function bindClaimStatus(sim: Sim, pvc: StoredObject, pv: StoredObject): void {
  setClaimStatus(sim, pvc, { phase: 'Bound', accessModes: clone(pv.spec.accessModes), capacity: clone(pv.spec.capacity) });
}

function setClaimStatus(sim: Sim, pvc: StoredObject, status: any): void {
  sim.api.updateStatus({ ...clone(pvc), status });
}

function setVolumePhase(sim: Sim, pv: StoredObject, phase: string, extra: any = {}): StoredObject {
  return sim.api.updateStatus({ ...clone(pv), status: { phase, ...extra } });
}

function syncVolume(sim: Sim, name: string): void {
  const pv = sim.store.get('PersistentVolume', '', name);
  if (!pv) return;
  if (pv.metadata.deletionTimestamp) {
    // pv-protection: the finalizer goes once the volume is not bound
    if (pv.status?.phase !== 'Bound' && pv.metadata.finalizers?.includes(PV_PROTECTION)) {
      sim.api.mutate('PersistentVolume', '', name, (o) => {
        o.metadata.finalizers = o.metadata.finalizers!.filter((f) => f !== PV_PROTECTION);
        if (!o.metadata.finalizers.length) delete o.metadata.finalizers;
      });
    }
    return;
  }
  const ref = pv.spec?.claimRef;
  if (!ref) {
    if (pv.status?.phase !== 'Available') setVolumePhase(sim, pv, 'Available');
    return;
  }
  if (!ref.uid) {
    if (pv.status?.phase !== 'Available') setVolumePhase(sim, pv, 'Available');
    return;
  }
  const claim = sim.store.get('PersistentVolumeClaim', ref.namespace, ref.name);
  if (claim && claim.metadata.uid === ref.uid) {
    if (pv.status?.phase !== 'Bound') setVolumePhase(sim, pv, 'Bound');
    return;
  }
  // the claim is gone: Released, then reclaim
  if (pv.status?.phase === 'Bound' || pv.status?.phase === 'Pending' || pv.status?.phase === 'Available') {
    const released = setVolumePhase(sim, pv, 'Released');
    reclaim(sim, released);
  }
}

function reclaim(sim: Sim, pv: StoredObject): void {
  const policy = pv.spec?.persistentVolumeReclaimPolicy;
  const provisioner = pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'];
  const kubelet = sim.services.kubelet as { nodeFS?(n: string): any } | undefined;
  const nodeFS = kubelet?.nodeFS ? (n: string) => kubelet.nodeFS!(n) : undefined;
  const wipe = () => {
    const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
    if (!path || !nodeFS) return;
    for (const n of sim.store.iterate('Node')) nodeFS(n.metadata.name)?.remove(path, { recursive: true });
  };
  if (policy === 'Retain') return;
  if (policy === 'Delete') {
    if (provisioner && PROVISIONERS[provisioner]) {
      sim.clock.setTimeout(
        () => {
          const cur = sim.store.get('PersistentVolume', '', pv.metadata.name);
          if (!cur || cur.metadata.uid !== pv.metadata.uid) return;
          wipe();
          sim.api.mutate('PersistentVolume', '', pv.metadata.name, (o) => {
            delete o.metadata.finalizers;
          });
          if (sim.store.get('PersistentVolume', '', pv.metadata.name)) sim.api.delete('PersistentVolume', '', pv.metadata.name);
        },
        1000,
        { label: `delete ${pv.metadata.name}` },
      );
      return;
    }
    const plugin = pv.spec?.hostPath ? 'kubernetes.io/host-path' : undefined;
    const msg = plugin
      ? `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`
      : `error getting deleter volume plugin for volume "${pv.metadata.name}": no volume plugin matched`;
    const failed = setVolumePhase(sim, pv, 'Failed', { message: msg });
    event(sim, failed, 'Warning', 'VolumeFailedDelete', msg);
    return;
  }
  if (policy === 'Recycle') {
    if (pv.spec?.hostPath || pv.spec?.nfs) {
      sim.clock.setTimeout(
        () => {
          const cur = sim.store.get('PersistentVolume', '', pv.metadata.name);
          if (!cur || cur.metadata.uid !== pv.metadata.uid) return;
          wipe();
          const next = clone(cur);
          delete next.spec.claimRef;
          const s = sim.api.update(next, { trusted: true });
          event(sim, s, 'Normal', 'RecyclerPod', `Recycler pod: Successfully assigned default/recycler-for-${pv.metadata.name} to ${sim.options.workerPrefix}1`);
          setVolumePhase(sim, s, 'Available');
        },
        5000,
        { label: `recycle ${pv.metadata.name}` },
      );
      return;
    }
    const failed = setVolumePhase(sim, pv, 'Failed', { message: 'No recycler plugin found for the volume!' });
    event(sim, failed, 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
    return;
  }
  const failed = setVolumePhase(sim, pv, 'Failed', { message: 'Volume has unrecognized PersistentVolumeReclaimPolicy' });
  event(sim, failed, 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
}
