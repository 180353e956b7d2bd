import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { clone } from '../api/clone';
import { selectorFromLabelSelector } from '../labels';
import { parseQuantity } from '../api/quantity';
import { hashString, type Worker } from '../runtime';
import type { KubeletService } from '../kubelet/service';

/**
 * PersistentVolume controller (K/K pkg/controller/volume/persistentvolume/
 * pv_controller.go, pv_controller_base.go, index.go; reference §7): binds claims
 * to volumes, moves volumes through Available/Bound/Released/Failed, reclaims
 * them. Also the pvc/pv-protection controllers that remove the in-use
 * finalizers, and the external provisioners a cluster may run (section
 * "external provisioners" below): they act only while their pods really run.
 *
 * Timing (pv_controller_base.go): claim and volume add/update/delete events are
 * synced at once (deleteClaim enqueues the claim's volume, deleteVolume the
 * volume's claim, syncVolume the claim of a volume that points at it); nothing
 * else re-checks a waiting claim, so a PV that appears later is matched by the
 * periodic resync (`go wait.Until(ctrl.resync, resyncPeriod)`), which re-queues
 * every claim and volume every --pvclaimbinder-sync-period (15 s). Each sync of
 * a waiting claim emits its event again, so `kubectl describe pvc` counts up.
 */
const SOURCE = { component: 'persistentvolume-controller' };
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
const PROVISIONER_ANNOTATION = 'volume.kubernetes.io/storage-provisioner';
const BETA_PROVISIONER_ANNOTATION = 'volume.beta.kubernetes.io/storage-provisioner';
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';
/** kube-controller-manager --pvclaimbinder-sync-period default (pkg/controller/volume/persistentvolume/config/v1alpha1/defaults.go). */
export const PV_RESYNC_MS = 15_000;

/**
 * In-tree provisioner names that kube-controller-manager hands to a CSI driver
 * (CSI migration is GA and on for all of them; csi-translation-lib): the claim
 * waits for that driver's external provisioner.
 */
const CSI_MIGRATED: Record<string, string> = {
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com',
  'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io',
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
  'kubernetes.io/cinder': 'cinder.csi.openstack.org',
  'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
  'kubernetes.io/portworx-volume': 'pxd.portworx.com',
};

/**
 * External provisioners the simulator knows how to play, and the workload whose
 * running pod is the provisioner. A provisioner acts only while that workload
 * has an available replica; any other provisioner name never provisions (the
 * claim stays Pending with ExternalProvisioning events, as on a real cluster
 * where nothing serves that name).
 */
export const PROVISIONERS: Record<
  string,
  {
    workload: { kind: 'Deployment' | 'StatefulSet'; name: string };
    path: (pv: string, pvc: StoredObject) => string;
    /** Volumes are directories on one node (the PV gets a node affinity). */
    local: boolean;
    /** Provisioning fails without the scheduler's selected node (Immediate binding). */
    needsNode: boolean;
  }
> = {
  // rancher/local-path-provisioner (deploy/local-path-storage.yaml: Deployment local-path-provisioner)
  'rancher.io/local-path': {
    workload: { kind: 'Deployment', name: 'local-path-provisioner' },
    path: (pv, pvc) => `/opt/local-path-provisioner/${pv}_${pvc.metadata.namespace}_${pvc.metadata.name}`,
    local: true,
    needsNode: true,
  },
  // kubernetes-csi/csi-driver-host-path (deploy/kubernetes-*/hostpath/csi-hostpath-plugin.yaml: StatefulSet csi-hostpathplugin)
  'hostpath.csi.k8s.io': {
    workload: { kind: 'StatefulSet', name: 'csi-hostpathplugin' },
    path: (pv) => `/var/lib/csi-hostpath-data/${pv}`,
    local: true,
    // without a selected node the driver creates the volume where its plugin pod runs
    needsNode: false,
  },
};

/** Provisioning: Provisioning → helper pod / CreateVolume → PV (transitional, like an image pull). */
const PROVISION_MS = 1500;
/** Deleting a Released PV: the provisioner's helper pod removes the directory, then the PV object (a few seconds). */
const DELETE_MS = 4000;
/** sig-storage-lib-external-provisioner retries a failed provisioning with exponential back-off. */
const PROVISION_RETRY_MS = 15_000;
const PROVISION_RETRY_MAX_MS = 1_000_000;

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
    // `<namespace>/<claim>` per claim volume: a loop, and one shared empty list for the many pods without claims
    const noClaims: string[] = [];
    sim.store.addIndex(
      'Pod',
      'pvc',
      (p) => {
        const vols: any[] | undefined = p.spec?.volumes;
        let out: string[] | undefined;
        if (vols) {
          for (let i = 0; i < vols.length; i++) {
            const cn = vols[i].persistentVolumeClaim?.claimName;
            if (cn) (out ??= []).push(`${p.metadata.namespace}/${cn}`);
          }
        }
        return out ?? noClaims;
      },
      'spec',
    );
    const w: Worker = sim.runtime.register('persistentvolume', (key) => (key.startsWith('pv:') ? syncVolume(sim, w, key.slice(3)) : syncClaim(sim, key.slice(4))));
    // pv_controller_base.go NewController: the volume and claim informers enqueue the object itself.
    sim.store.watch('PersistentVolume', (ev) => {
      w.enqueue(`pv:${ev.object.metadata.name}`);
      // deleteVolume: "sync the claim when its volume is deleted" (it turns Lost without waiting for the resync)
      const ref = ev.object.spec?.claimRef;
      if (ev.type === 'DELETED' && ref) w.enqueue(`pvc:${ref.namespace}/${ref.name}`);
    });
    sim.store.watch('PersistentVolumeClaim', (ev) => {
      w.enqueue(`pvc:${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
      // deleteClaim: "sync the volume when its claim is deleted" (it is Released at once)
      if (ev.type === 'DELETED' && ev.object.spec?.volumeName) w.enqueue(`pv:${ev.object.spec.volumeName}`);
    });
    // pvc-protection controller (pkg/controller/volume/pvcprotection): pod events re-check claims being deleted
    sim.store.watch('Pod', (ev) => {
      const vols: any[] | undefined = ev.object.spec?.volumes;
      if (!vols) return;
      const ns = ev.object.metadata.namespace ?? '';
      for (let i = 0; i < vols.length; i++) {
        const cn = vols[i].persistentVolumeClaim?.claimName;
        if (cn && sim.store.get('PersistentVolumeClaim', ns, cn)?.metadata.deletionTimestamp) w.enqueue(`pvc:${ns}/${cn}`);
      }
    });
    // resync (pv_controller_base.go): every claim and volume, every --pvclaimbinder-sync-period
    const resync = () => {
      for (const pvc of sim.store.list('PersistentVolumeClaim')) w.enqueue(`pvc:${pvc.metadata.namespace}/${pvc.metadata.name}`);
      for (const pv of sim.store.list('PersistentVolume')) w.enqueue(`pv:${pv.metadata.name}`);
      sim.clock.setTimeout(resync, PV_RESYNC_MS, { settle: false, label: 'persistentvolume-controller resync' });
    };
    resync();
    // the scheduler's VolumeBinding PreBind (it annotated the claim with the selected node)
    sim.services.storageProvision = (pvcKey: string) => w.enqueue(`pvc:${pvcKey}`);
    installExternalProvisioners(sim);
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
  restore(sim) {
    (sim.services.externalProvisioners as Worker | undefined)?.enqueue('all');
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
  // syncUnboundClaim
  const className = claimClass(pvc);
  const sc = className ? sim.store.get('StorageClass', '', className) : undefined;
  const selectedNode = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
  // IsDelayBindingMode without IsDelayBindingProvisioning: only a volume pre-bound to this claim binds;
  // the others wait for the scheduler (which, here, annotates the selected node and lets this controller bind)
  const waitForConsumer = sc?.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode;
  const match = findMatchingVolume(sim, pvc);
  if (match && (!waitForConsumer || match.spec?.claimRef)) {
    bind(sim, match, pvc);
    return;
  }
  if (waitForConsumer) {
    // emitEventForUnboundDelayBindingClaim
    const waiting = sim.store
      .byIndex('Pod', 'pvc', key)
      .filter((p) => !p.spec?.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .map((p) => p.metadata.name);
    if (waiting.length > 1) event(sim, pvc, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
    else if (waiting.length) event(sim, pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
    else event(sim, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    return;
  }
  if (!className) {
    event(sim, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    return;
  }
  provisionClaim(sim, pvc, className, sc);
}

/**
 * provisionClaim → findProvisionablePlugin → provisionClaimOperationExternal (pv_controller.go).
 * The controller itself provisions nothing: it names the provisioner on the claim
 * (setClaimProvisioner) and reports that it waits for it, on every sync.
 */
function provisionClaim(sim: Sim, pvc: StoredObject, className: string, sc: StoredObject | undefined): void {
  if (!sc) {
    // classLister.Get: the lister's NotFound error
    event(sim, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
    return;
  }
  let provisioner: string = sc.provisioner;
  if (provisioner.startsWith('kubernetes.io/')) {
    if (provisioner === 'kubernetes.io/host-path') {
      // the in-tree hostPath provisioner exists but kube-controller-manager runs with
      // --enable-hostpath-provisioner=false (host_path.go NewProvisioner)
      setClaimProvisioner(sim, pvc, provisioner);
      event(sim, pvc, 'Warning', 'ProvisioningFailed', 'Failed to create provisioner: provisioning in volume plugin "kubernetes.io/host-path" is disabled');
      return;
    }
    const csi = CSI_MIGRATED[provisioner];
    if (!csi) {
      // FindProvisionablePluginByName (pkg/volume/plugins.go); e.g. kubernetes.io/no-provisioner
      event(sim, pvc, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
      return;
    }
    provisioner = csi;
  }
  setClaimProvisioner(sim, pvc, provisioner);
  event(
    sim,
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
}

/** setClaimProvisioner: both the GA and the beta annotation, written once. */
function setClaimProvisioner(sim: Sim, pvc: StoredObject, provisioner: string): void {
  if (pvc.metadata.annotations?.[PROVISIONER_ANNOTATION] === provisioner) return;
  sim.api.mutate('PersistentVolumeClaim', pvc.metadata.namespace!, pvc.metadata.name, (o) => {
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [BETA_PROVISIONER_ANNOTATION]: provisioner, [PROVISIONER_ANNOTATION]: provisioner };
  });
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
  setVolumePhase(sim, stored, 'Bound');
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

/**
 * updateVolumePhase (pv_controller.go): phase and message; status.lastPhaseTransitionTime
 * is stamped on every phase change (GA in v1.31; the apiserver's status strategy does it,
 * pkg/registry/core/persistentvolume/strategy.go, and the controller's write is the one
 * that changes the phase).
 */
function setVolumePhase(sim: Sim, pv: StoredObject, phase: string, message?: string): StoredObject {
  if (pv.status?.phase === phase) return pv;
  const status: any = { ...(pv.status ?? {}), phase, lastPhaseTransitionTime: sim.clock.iso() };
  if (message) status.message = message;
  else delete status.message;
  return sim.api.updateStatus({ ...clone(pv), status });
}

function syncVolume(sim: Sim, w: Worker, name: string): void {
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
  if (!ref || !ref.uid) {
    // unused, or pre-bound to a claim that the claim's sync will bind
    setVolumePhase(sim, pv, 'Available');
    return;
  }
  const claim = sim.store.get('PersistentVolumeClaim', ref.namespace, ref.name);
  if (claim && claim.metadata.uid === ref.uid) {
    if (!claim.spec?.volumeName) {
      // "the binding is not completed; let PVC sync handle it": this is how a provisioned PV binds at once
      w.enqueue(`pvc:${ref.namespace}/${ref.name}`);
      return;
    }
    if (claim.spec.volumeName === name) setVolumePhase(sim, pv, 'Bound');
    return;
  }
  // the claim is gone: Released (never over a Failed state), then the reclaim policy
  if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') reclaim(sim, setVolumePhase(sim, pv, 'Released'));
}

/** reclaimVolume / deleteVolumeOperation / findDeletablePlugin (pv_controller.go). */
function reclaim(sim: Sim, pv: StoredObject): void {
  const policy = pv.spec?.persistentVolumeReclaimPolicy;
  const provisioner = pv.metadata.annotations?.[PROVISIONED_BY];
  const fail = (reason: string, msg: string) => event(sim, setVolumePhase(sim, pv, 'Failed', msg), 'Warning', reason, msg);
  if (policy === 'Retain') return;
  if (policy === 'Delete') {
    // an external provisioner's volume: "External deleter for volume requested, ignoring" (the provisioner deletes it)
    if (provisioner && !provisioner.startsWith('kubernetes.io/')) return;
    if (!provisioner && pv.spec?.csi) return;
    const hostPath = pv.spec?.hostPath?.path as string | undefined;
    if (provisioner && provisioner !== 'kubernetes.io/host-path') return fail('VolumeFailedDelete', `no volume plugin matched name: ${provisioner}`);
    if (hostPath !== undefined) {
      // host_path.go hostPathDeleter.Delete: kube-controller-manager removes only paths under /tmp
      if (!/\/tmp\/.+/.test(hostPath)) return fail('VolumeFailedDelete', `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`);
      try {
        sim.api.delete('PersistentVolume', '', pv.metadata.name);
      } catch {
        /* already gone */
      }
      return;
    }
    // local and nfs are volume plugins of kube-controller-manager without a deleter
    const known = pv.spec?.local || pv.spec?.nfs;
    return fail('VolumeFailedDelete', `error getting deleter volume plugin for volume "${pv.metadata.name}": ${known ? 'no deletable volume plugin matched' : 'no volume plugin matched'}`);
  }
  if (policy === 'Recycle') {
    if (pv.spec?.hostPath || pv.spec?.nfs) {
      sim.clock.setTimeout(
        () => {
          const cur = sim.store.get('PersistentVolume', '', pv.metadata.name);
          if (!cur || cur.metadata.uid !== pv.metadata.uid) return;
          wipeVolume(sim, cur);
          event(sim, cur, 'Normal', 'RecyclerPod', `Recycler pod: Successfully assigned default/recycler-for-${pv.metadata.name} to ${sim.options.workerPrefix}1`);
          event(sim, cur, 'Normal', 'VolumeRecycled', 'Volume recycled');
          const next = clone(cur);
          delete next.spec.claimRef;
          setVolumePhase(sim, sim.api.update(next, { trusted: true }), 'Available');
        },
        5000,
        { label: `recycle ${pv.metadata.name}` },
      );
      return;
    }
    return fail('VolumeFailedRecycle', 'No recycler plugin found for the volume!');
  }
  fail('VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
}

/** Remove a volume's directory on the node(s) that hold it. */
function wipeVolume(sim: Sim, pv: StoredObject): void {
  const kubelet = sim.services.kubelet as KubeletService | undefined;
  const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
  if (!path || !kubelet) return;
  for (const n of sim.store.iterate('Node')) {
    if (!nodeMatchesVolume(pv, n)) continue;
    const fs = kubelet.nodeFS(n.metadata.name);
    if (!fs) continue;
    // entry by entry: the directory may be a pod's mount point
    const l = fs.list(path);
    if ('entries' in l) for (const e of l.entries) fs.remove(`${path}/${e.name}`, { recursive: true });
    fs.remove(path, { recursive: true });
  }
}

// ------------------------------------------------------------------ external provisioners

/**
 * The external provisioners of PROVISIONERS, as sig-storage-lib-external-provisioner
 * (controller/controller.go, used by rancher/local-path-provisioner and
 * kubernetes-csi/external-provisioner) runs them: they watch claims annotated
 * volume.kubernetes.io/storage-provisioner=<name> (shouldProvision: no volumeName;
 * with WaitForFirstConsumer only once the scheduler picked a node) and Released
 * volumes they provisioned with reclaim policy Delete (shouldDelete). They do
 * nothing unless their workload has an available, Ready pod; their events come
 * from `<provisioner>_<hostname>_<uuid>` (the library's identity: the pod's
 * hostname plus a UUID made when the process starts).
 */
function installExternalProvisioners(sim: Sim): void {
  const inflight = new Set<string>();
  const failures = new Map<string, number>();
  const w: Worker = sim.runtime.register('external-provisioner', (key) => {
    if (key === 'all') {
      for (const pvc of sim.store.list('PersistentVolumeClaim')) if (provisionerOf(pvc)) w.enqueue(`claim:${pvc.metadata.namespace}/${pvc.metadata.name}`);
      for (const pv of sim.store.list('PersistentVolume')) if (pv.status?.phase === 'Released') w.enqueue(`volume:${pv.metadata.name}`);
    } else if (key.startsWith('claim:')) provisionClaimExternally(key.slice(6));
    else deleteVolumeExternally(key.slice(7));
  });
  sim.services.externalProvisioners = w;
  sim.store.watch('PersistentVolumeClaim', (ev) => {
    if (ev.type !== 'DELETED' && provisionerOf(ev.object)) w.enqueue(`claim:${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
  });
  sim.store.watch('PersistentVolume', (ev) => {
    if (ev.type !== 'DELETED' && ev.object.status?.phase === 'Released' && PROVISIONERS[ev.object.metadata.annotations?.[PROVISIONED_BY] ?? '']) w.enqueue(`volume:${ev.object.metadata.name}`);
  });
  // a provisioner that starts (its informers list everything) or stops
  const workloads = new Set(Object.values(PROVISIONERS).map((p) => `${p.workload.kind}/${p.workload.name}`));
  for (const kind of ['Deployment', 'StatefulSet']) sim.store.watch(kind, (ev) => workloads.has(`${kind}/${ev.object.metadata.name}`) && w.enqueue('all'));

  function provisionClaimExternally(key: string): void {
    const [ns, name] = key.split('/');
    const pvc = sim.store.get('PersistentVolumeClaim', ns, name);
    if (!pvc || pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) return;
    const provisioner = provisionerOf(pvc)!;
    const leader = provisioner && runningProvisioner(sim, provisioner);
    if (!leader || inflight.has(pvc.metadata.uid)) return;
    const sc = sim.store.get('StorageClass', '', claimClass(pvc));
    if (!sc || sc.provisioner !== provisioner) return;
    const node = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) return;
    if (sim.store.get('PersistentVolume', '', `pvc-${pvc.metadata.uid}`)) return;
    const source = provisionerIdentity(provisioner, leader);
    const uid = pvc.metadata.uid;
    event(sim, pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, source);
    inflight.add(uid);
    if (PROVISIONERS[provisioner].needsNode && !node) {
      // node-local storage needs the scheduler's node (local-path-provisioner Provision), retried with back-off
      event(sim, pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata.name}": configuration error, no node was specified`, source);
      const n = failures.get(uid) ?? 0;
      failures.set(uid, n + 1);
      sim.clock.setTimeout(
        () => {
          inflight.delete(uid);
          w.enqueue(`claim:${key}`);
        },
        Math.min(PROVISION_RETRY_MS * 2 ** n, PROVISION_RETRY_MAX_MS),
        { settle: false, label: `provision retry ${key}` },
      );
      return;
    }
    sim.clock.setTimeout(
      () => {
        inflight.delete(uid);
        failures.delete(uid);
        createProvisionedVolume(sim, ns, name, uid, sc, source, node ?? leader.spec?.nodeName);
      },
      PROVISION_MS + sim.rand.int(1500),
      { label: `provision ${key}` },
    );
  }

  function deleteVolumeExternally(name: string): void {
    const pv = sim.store.get('PersistentVolume', '', name);
    if (!pv || pv.metadata.deletionTimestamp || pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    const provisioner = pv.metadata.annotations?.[PROVISIONED_BY] ?? '';
    if (!PROVISIONERS[provisioner] || !runningProvisioner(sim, provisioner) || inflight.has(pv.metadata.uid)) return;
    const uid = pv.metadata.uid;
    inflight.add(uid);
    // not awaited by anyone (kubectl delete pvc returns first): the PV shows Released meanwhile
    sim.clock.setTimeout(
      () => {
        inflight.delete(uid);
        const cur = sim.store.get('PersistentVolume', '', name);
        if (!cur || cur.metadata.uid !== uid || cur.status?.phase !== 'Released') return;
        if (!runningProvisioner(sim, provisioner)) return;
        wipeVolume(sim, cur);
        try {
          sim.api.delete('PersistentVolume', '', name);
        } catch {
          /* already gone */
        }
      },
      DELETE_MS,
      { settle: false, label: `delete ${name}` },
    );
  }
}

/** The provisioner a claim waits for, when the simulator can play it. */
function provisionerOf(pvc: KObject): string | undefined {
  const a = pvc.metadata.annotations ?? {};
  const name = a[PROVISIONER_ANNOTATION] ?? a[BETA_PROVISIONER_ANNOTATION];
  return name && PROVISIONERS[name] ? name : undefined;
}

/** The provisioner's Ready pod, while its workload has an available replica. */
export function runningProvisioner(sim: Sim, provisioner: string): StoredObject | undefined {
  const p = PROVISIONERS[provisioner];
  if (!p) return undefined;
  for (const wl of sim.store.list(p.workload.kind)) {
    if (wl.metadata.name !== p.workload.name || wl.metadata.deletionTimestamp) continue;
    if (!((wl.status?.availableReplicas ?? 0) > 0)) continue;
    const sel = selectorFromLabelSelector(wl.spec?.selector);
    const pods = sim.store
      .list('Pod', wl.metadata.namespace)
      .filter(
        (pod) =>
          !pod.metadata.deletionTimestamp &&
          pod.status?.phase === 'Running' &&
          (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') &&
          sel.matches(pod.metadata.labels ?? {}),
      )
      .sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name.localeCompare(b.metadata.name)));
    if (pods.length) return pods[0];
  }
  return undefined;
}

/** `<provisioner>_<hostname>_<uuid>`; the UUID is derived from the pod's UID so it stays stable while the pod runs. */
function provisionerIdentity(provisioner: string, pod: StoredObject): string {
  const host = pod.spec?.hostNetwork ? pod.spec.nodeName : pod.metadata.name;
  let hex = '';
  for (let i = 0; i < 4; i++) hex += hashString(`${pod.metadata.uid}/${i}`).toString(16).padStart(8, '0');
  const variant = '89ab'[parseInt(hex[16], 16) & 3];
  return `${provisioner}_${host}_${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function createProvisionedVolume(sim: Sim, ns: string, name: string, uid: string, sc: StoredObject, source: string, node: string | undefined): void {
  const pvc = sim.store.get('PersistentVolumeClaim', ns, name);
  if (!pvc || pvc.metadata.uid !== uid || pvc.spec?.volumeName) return;
  const prov = PROVISIONERS[sc.provisioner];
  const pvName = `pvc-${uid}`;
  const path = prov.path(pvName, pvc);
  // the provisioner's helper pod makes the directory on the node
  if (node && prov.local) (sim.services.kubelet as KubeletService | undefined)?.nodeFS(node)?.mkdir(path, { parents: true });
  const pv: KObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: { [PROVISIONED_BY]: sc.provisioner, ...(node && prov.local ? { 'local.path.provisioner/selected-node': node } : {}) },
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
  event(sim, pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, source);
}
