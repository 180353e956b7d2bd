import type { SimModule } from '../sim';
import type { Strategy } from './strategy';
import { Path, required, notSupported, forbidden, type FieldError } from '../validation/field';
import { deepEqual } from './apiserver';

/**
 * PersistentVolume, PersistentVolumeClaim and StorageClass strategies
 * (K/K pkg/apis/core/v1/defaults.go, pkg/apis/core/validation/validation.go,
 * pkg/apis/storage/validation; reference §3.3, §7).
 */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];
const VOLUME_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'cephfs', 'rbd', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile'];

function validateAccessModes(modes: unknown, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(modes) || !modes.length) return [required(path)];
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1)
    errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

const pvStrategy: Strategy = {
  kind: 'PersistentVolume',
  hasGeneration: false,
  defaults(pv) {
    const spec = (pv.spec ??= {});
    spec.persistentVolumeReclaimPolicy ??= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    if (spec.hostPath) spec.hostPath.type ??= '';
  },
  prepareForCreate(pv) {
    pv.status = { phase: 'Pending' };
  },
  prepareForUpdate(pv, old) {
    pv.status = old.status ? JSON.parse(JSON.stringify(old.status)) : { phase: 'Pending' };
  },
  validate(pv) {
    const spec = pv.spec ?? {};
    const p = Path.root('spec');
    const errs = validateAccessModes(spec.accessModes, p.child('accessModes'));
    if (!spec.capacity?.storage) errs.push(required(p.child('capacity')));
    const sources = VOLUME_SOURCES.filter((s) => spec[s]);
    if (!sources.length) errs.push(required(p, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbidden(p.child(sources[1]), 'may not specify more than 1 volume type'));
    if (!RECLAIM.includes(spec.persistentVolumeReclaimPolicy))
      errs.push(notSupported(p.child('persistentVolumeReclaimPolicy'), spec.persistentVolumeReclaimPolicy, RECLAIM));
    if (spec.local && !spec.nodeAffinity) errs.push(required(p.child('nodeAffinity'), 'Local volume requires node affinity'));
    return errs;
  },
  beginDelete() {},
};

const pvcStrategy: Strategy = {
  kind: 'PersistentVolumeClaim',
  hasGeneration: false,
  defaults(pvc) {
    const spec = (pvc.spec ??= {});
    spec.volumeMode ??= 'Filesystem';
  },
  prepareForCreate(pvc) {
    pvc.status = { phase: 'Pending' };
  },
  prepareForUpdate(pvc, old) {
    pvc.status = old.status ? JSON.parse(JSON.stringify(old.status)) : { phase: 'Pending' };
  },
  validate(pvc) {
    const spec = pvc.spec ?? {};
    const p = Path.root('spec');
    const errs = validateAccessModes(spec.accessModes, p.child('accessModes'));
    if (!spec.resources?.requests?.storage) errs.push(required(p.child('resources').key('storage')));
    return errs;
  },
  validateUpdate(pvc, old) {
    const errs = pvcStrategy.validate!(pvc, undefined as never);
    // ValidatePersistentVolumeClaimUpdate: only resources.requests (expansion) and a few fields may change once bound
    const a = { ...pvc.spec, resources: undefined, volumeName: undefined, volumeAttributesClassName: undefined };
    const b = { ...old.spec, resources: undefined, volumeName: undefined, volumeAttributesClassName: undefined };
    if (!deepEqual(a, b))
      errs.push(
        forbidden(
          Path.root('spec'),
          'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
        ),
      );
    return errs;
  },
};

const scStrategy: Strategy = {
  kind: 'StorageClass',
  hasGeneration: false,
  defaults(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate(sc) {
    const errs: FieldError[] = [];
    if (!sc.provisioner) errs.push(required(Path.root('provisioner')));
    if (!['Delete', 'Retain'].includes(sc.reclaimPolicy)) errs.push(notSupported(Path.root('reclaimPolicy'), sc.reclaimPolicy, ['Delete', 'Retain']));
    if (!['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode))
      errs.push(notSupported(Path.root('volumeBindingMode'), sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
    return errs;
  },
  validateUpdate(sc, old) {
    const errs = scStrategy.validate!(sc, undefined as never);
    // ValidateStorageClassUpdate (K/K pkg/apis/storage/validation/validation.go)
    for (const f of ['provisioner', 'parameters', 'reclaimPolicy'])
      if (!deepEqual(sc[f], old[f])) errs.push(forbidden(Path.root(f), `updates to ${f} are forbidden.`));
    if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(forbidden(Path.root('volumeBindingMode'), 'field is immutable'));
    return errs;
  },
};

export const storageRegistryModule: SimModule = {
  name: 'storage-registry',
  install(sim) {
    for (const s of [pvStrategy, pvcStrategy, scStrategy]) sim.api.registerStrategy(s);
  },
};
