/**
 * The Pod API: defaulting (K/K pkg/apis/core/v1/defaults.go SetDefaults_Pod,
 * SetDefaults_PodSpec, SetDefaults_Container, probes, volumes), the strategy
 * (pkg/registry/core/pod/strategy.go: status Pending + QoS class on create,
 * CheckGracefulDelete), validation with the real field paths and messages
 * (pkg/apis/core/validation/validation.go ValidatePodCreate/ValidatePodSpec/
 * ValidatePodUpdate), and the DefaultTolerationSeconds and Priority admission
 * plugins. Publishes `podDefaults` / `podValidation` for workload templates.
 */
import type { KObject, StoredObject } from '../api/types';
import type { SimModule } from '../sim';
import type { Strategy } from './strategy';
import { Path, duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError } from '../validation/field';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../validation/names';
import { isValidPortName } from './service';
import { parseQuantity } from '../api/quantity';
import { validateLabels } from './meta';
import { deepEqual } from './apiserver';
import { podSpecDiff } from './pod-diff';
import { deepFreeze } from '../api/clone';
import { dropDisabledTemplateFields } from './workloads-common';

type C = Record<string, any>;

/** ParseImageName: no tag and no digest → "latest". */
export function imageTag(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { digest: image.slice(at + 1) };
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon > lastSlash) return { tag: image.slice(colon + 1) };
  return {};
}

function defaultProbe(p: C | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ??= '/';
    p.httpGet.scheme ??= 'HTTP';
  }
}

function defaultContainer(c: C): void {
  if (!c || typeof c !== 'object') return;
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    const { tag, digest } = imageTag(c.image);
    c.imagePullPolicy = (!tag && !digest) || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  if (c.resources.limits && typeof c.resources.limits === 'object') {
    c.resources.requests ??= {};
    for (const [k, v] of Object.entries(c.resources.limits)) if (c.resources.requests[k] === undefined) c.resources.requests[k] = v;
  }
  for (const p of c.ports ?? []) if (p && typeof p === 'object') p.protocol ??= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const e of c.env ?? []) {
    if (e?.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  }
}

/** SetDefaults_PodSpec and friends (in place). */
export function defaultPodSpec(spec: C): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) {
    if (!v || typeof v !== 'object') continue;
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (!sources.length) v.emptyDir = {};
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
    if (v.projected) v.projected.defaultMode ??= 420;
    if (v.hostPath) v.hostPath.type ??= '';
  }
}

function defaultPodTemplateSpec(t: C): void {
  if (!t || typeof t !== 'object') return;
  t.spec ??= {};
  defaultPodSpec(t.spec);
}

/** qos.GetPodQOS */
export function qosClass(spec: C): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  let anySet = false;
  let guaranteed = true;
  let n = 0;
  // the containers, then the init containers (every pod created comes here: no lists or objects made)
  for (let pass = 0; pass < 2; pass++) {
    const list: C[] | undefined = pass === 0 ? spec.containers : spec.initContainers;
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      n++;
      const req = c.resources?.requests ?? NO_QUANTITIES;
      const lim = c.resources?.limits ?? NO_QUANTITIES;
      for (let k = 0; k < QOS_RESOURCES.length; k++) {
        const r = QOS_RESOURCES[k];
        if (req[r] !== undefined && !isZero(req[r])) anySet = true;
        if (lim[r] !== undefined && !isZero(lim[r])) anySet = true;
      }
      for (let k = 0; k < QOS_RESOURCES.length; k++) {
        const r = QOS_RESOURCES[k];
        if (lim[r] === undefined) guaranteed = false;
        else if (req[r] !== undefined && !sameQuantity(req[r], lim[r])) guaranteed = false;
      }
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed && n ? 'Guaranteed' : 'Burstable';
}

const QOS_RESOURCES = ['cpu', 'memory'];
const NO_QUANTITIES: C = {};

function isZero(q: unknown): boolean {
  try {
    return parseQuantity(q as string).nanos === 0n;
  } catch {
    return false;
  }
}

function sameQuantity(a: unknown, b: unknown): boolean {
  try {
    return parseQuantity(a as string).nanos === parseQuantity(b as string).nanos;
  } catch {
    return a === b;
  }
}

const RESTART = ['Always', 'OnFailure', 'Never'];
const DNS = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL = ['Always', 'IfNotPresent', 'Never'];
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

function validateResources(res: C | undefined, path: Path, errs: FieldError[]): void {
  if (!res) return;
  const lim = res.limits;
  const req = res.requests;
  if (!lim || !req) return;
  for (const k in req) {
    const v = req[k];
    const l = lim[k];
    if (l === undefined) continue;
    try {
      if (parseQuantity(v as string).nanos > parseQuantity(l as string).nanos) {
        errs.push(invalid(path.child('resources', 'requests'), v, `must be less than or equal to ${k} limit of ${l}`));
      }
    } catch {
      /* malformed quantities are decode errors */
    }
  }
}

// The validation below runs for every pod created (a ReplicaSet's thousands too): a field's path is made only for
// an error, not for every field looked at, and small lists stand in for sets.

function validateContainers(cs: C[] | undefined, path: Path, volumes: string[], names: string[], init: boolean, errs: FieldError[]): void {
  if (!Array.isArray(cs)) return;
  for (let i = 0; i < cs.length; i++) {
    if (!(i in cs)) continue; // (forEach skipped holes)
    const c = cs[i];
    if (!c || typeof c !== 'object') continue;
    if (!c.name) errs.push(required(path.index(i).child('name')));
    else {
      for (const m of isDNS1123Label(c.name)) errs.push(invalid(path.index(i).child('name'), c.name, m));
      if (names.includes(c.name)) errs.push(duplicate(path.index(i).child('name'), c.name));
      names.push(c.name);
    }
    if (!c.image) errs.push(required(path.index(i).child('image')));
    else if (c.image !== c.image.trim()) errs.push(invalid(path.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'));
    if (c.imagePullPolicy && !PULL.includes(c.imagePullPolicy)) errs.push(notSupported(path.index(i).child('imagePullPolicy'), c.imagePullPolicy, PULL));
    const ports: C[] | undefined = c.ports;
    if (ports && ports.length) {
      const portNames: string[] = [];
      for (let j = 0; j < ports.length; j++) {
        if (!(j in ports)) continue;
        const port = ports[j];
        const pp = () => path.index(i).child('ports').index(j);
        if (port.name) {
          for (const m of isValidPortName(port.name)) errs.push(invalid(pp().child('name'), port.name, m));
          if (portNames.includes(port.name)) errs.push(duplicate(pp().child('name'), port.name));
          portNames.push(port.name);
        }
        if (!port.containerPort) errs.push(required(pp().child('containerPort')));
        else if (port.containerPort < 1 || port.containerPort > 65535) errs.push(invalid(pp().child('containerPort'), port.containerPort, 'must be between 1 and 65535, inclusive'));
        if (port.hostPort !== undefined && port.hostPort !== 0 && (port.hostPort < 1 || port.hostPort > 65535)) {
          errs.push(invalid(pp().child('hostPort'), port.hostPort, 'must be between 1 and 65535, inclusive'));
        }
        if (port.protocol && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(pp().child('protocol'), port.protocol, PROTOCOLS));
      }
    }
    const env: C[] | undefined = c.env;
    if (env) {
      for (let j = 0; j < env.length; j++) {
        if (!(j in env)) continue;
        const e = env[j];
        if (!e?.name) errs.push(required(path.index(i).child('env').index(j).child('name')));
        if (e?.value !== undefined && e?.valueFrom) errs.push(invalid(path.index(i).child('env').index(j).child('valueFrom'), '', 'may not be specified when `value` is not empty'));
      }
    }
    const vms: C[] | undefined = c.volumeMounts;
    if (vms && vms.length) {
      const mounts: string[] = [];
      for (let j = 0; j < vms.length; j++) {
        if (!(j in vms)) continue;
        const m = vms[j];
        if (!m?.name) errs.push(required(path.index(i).child('volumeMounts').index(j).child('name')));
        else if (!volumes.includes(m.name)) errs.push(notFound(path.index(i).child('volumeMounts').index(j).child('name'), m.name));
        if (!m?.mountPath) errs.push(required(path.index(i).child('volumeMounts').index(j).child('mountPath')));
        else {
          if (mounts.includes(m.mountPath)) errs.push(invalid(path.index(i).child('volumeMounts').index(j).child('mountPath'), m.mountPath, 'must be unique'));
          mounts.push(m.mountPath);
        }
      }
    }
    validateResources(c.resources, path.index(i), errs);
    if (init && (c.lifecycle || c.livenessProbe || c.readinessProbe || c.startupProbe) && c.restartPolicy !== 'Always') {
      if (c.readinessProbe) errs.push(forbidden(path.index(i).child('readinessProbe'), 'may not be set for init containers without restartPolicy=Always'));
    }
  }
}

const TOLERATION_OPERATORS = ['Exists', 'Equal'];
const TOLERATION_OPERATORS_SORTED = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TAINT_EFFECTS_SORTED = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

/** ValidatePodSpec (the parts learners meet). */
export function validatePodSpec(spec: C | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || typeof spec !== 'object') return [required(path)];
  const volumes: string[] = [];
  const vols: C[] = spec.volumes ?? [];
  for (let i = 0; i < vols.length; i++) {
    if (!(i in vols)) continue;
    const v = vols[i];
    if (!v?.name) errs.push(required(path.child('volumes').index(i).child('name')));
    else {
      for (const m of isDNS1123Label(v.name)) errs.push(invalid(path.child('volumes').index(i).child('name'), v.name, m));
      if (volumes.includes(v.name)) errs.push(duplicate(path.child('volumes').index(i).child('name'), v.name));
      volumes.push(v.name);
    }
    // the volume sources it names, in its key order
    let first: string | undefined;
    let second: string | undefined;
    if (v) {
      for (const k in v) {
        if (!VOLUME_SOURCES.includes(k)) continue;
        if (first === undefined) first = k;
        else if (second === undefined) second = k;
      }
    }
    if (first === undefined) errs.push(required(path.child('volumes').index(i), 'must specify a volume type'));
    else if (second !== undefined) errs.push(forbidden(path.child('volumes').index(i).child(second), `may not specify more than 1 volume type`));
    if (v?.hostPath && !v.hostPath.path) errs.push(required(path.child('volumes').index(i).child('hostPath', 'path')));
    if (v?.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(required(path.child('volumes').index(i).child('persistentVolumeClaim', 'claimName')));
    if (v?.configMap && !v.configMap.name) errs.push(required(path.child('volumes').index(i).child('configMap', 'name')));
    if (v?.secret && !v.secret.secretName) errs.push(required(path.child('volumes').index(i).child('secret', 'secretName')));
  }
  const names: string[] = [];
  if (!Array.isArray(spec.containers) || !spec.containers.length) errs.push(required(path.child('containers')));
  if (spec.initContainers !== undefined) validateContainers(spec.initContainers, path.child('initContainers'), volumes, names, true, errs);
  validateContainers(spec.containers, path.child('containers'), volumes, names, false, errs);
  if (spec.restartPolicy !== undefined && !RESTART.includes(spec.restartPolicy)) errs.push(notSupported(path.child('restartPolicy'), spec.restartPolicy, RESTART));
  if (spec.dnsPolicy !== undefined && !DNS.includes(spec.dnsPolicy)) errs.push(notSupported(path.child('dnsPolicy'), spec.dnsPolicy, DNS));
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  if (spec.nodeSelector) for (const e of validateLabels(spec.nodeSelector, path.child('nodeSelector'))) errs.push(e);
  if (spec.hostname) for (const m of isDNS1123Label(spec.hostname)) errs.push(invalid(path.child('hostname'), spec.hostname, m));
  if (spec.subdomain) for (const m of isDNS1123Label(spec.subdomain)) errs.push(invalid(path.child('subdomain'), spec.subdomain, m));
  if (spec.serviceAccountName) for (const m of isDNS1123Subdomain(spec.serviceAccountName)) errs.push(invalid(path.child('serviceAccountName'), spec.serviceAccountName, m));
  const tols: C[] = spec.tolerations ?? [];
  for (let i = 0; i < tols.length; i++) {
    if (!(i in tols)) continue;
    const t = tols[i];
    if (t.key) for (const m of isQualifiedName(t.key)) errs.push(invalid(path.child('tolerations').index(i).child('key'), t.key, m));
    if (t.operator && !TOLERATION_OPERATORS.includes(t.operator)) errs.push(notSupported(path.child('tolerations').index(i).child('operator'), t.operator, TOLERATION_OPERATORS_SORTED));
    if (t.operator === 'Exists' && t.value) errs.push(invalid(path.child('tolerations').index(i).child('operator'), t.value, 'value must be empty when `operator` is \'Exists\''));
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(path.child('tolerations').index(i).child('effect'), t.effect, TAINT_EFFECTS_SORTED));
    if (t.value) for (const m of isValidLabelValue(t.value)) errs.push(invalid(path.child('tolerations').index(i).child('value'), t.value, m));
  }
  return errs;
}

function validatePodTemplateSpec(t: C, path: Path): FieldError[] {
  if (!t || typeof t !== 'object') return [required(path)];
  return validatePodSpec(t.spec, path.child('spec'));
}

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** validation.go validateOnlyAddedTolerations: every old toleration must still be there (tolerationSeconds may change). */
function validateOnlyAddedTolerations(next: C[] | undefined, prev: C[] | undefined): FieldError[] {
  // reflect.DeepEqual of the Go structs with tolerationSeconds set alike: the four string fields ("" when absent),
  // whatever the order of the keys in the request
  const strip = (t: C) => JSON.stringify([t.key ?? '', t.operator ?? '', t.value ?? '', t.effect ?? '']);
  const have = new Set((next ?? []).map(strip));
  for (const t of prev ?? []) if (!have.has(strip(t))) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  return [];
}

/**
 * validation.go validateOnlyDeletedSchedulingGates: a gate the old spec lacks is an addition (one error per gate;
 * upstream walks a map, here index order).
 */
function validateOnlyDeletedSchedulingGates(next: C[] | undefined, prev: C[] | undefined): FieldError[] {
  if (!Array.isArray(next) || !next.length) return [];
  const added = new Map<string, number>();
  next.forEach((g, i) => added.set(g?.name, i));
  for (const g of Array.isArray(prev) ? prev : []) added.delete(g?.name);
  return [...added].map(([name, i]) => forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${name}'`));
}

/**
 * ValidatePodUpdate (K/K pkg/apis/core/validation/validation.go): ValidateContainerUpdates stops at a changed
 * number of (init) containers; then only images, activeDeadlineSeconds, added tolerations (and tolerationSeconds),
 * removed scheduling gates and terminationGracePeriodSeconds from a negative value to 1 may differ. Anything else
 * is `spec: Forbidden: pod updates may not change fields other than …` followed by diff.Diff(oldPod.Spec,
 * mungedPodSpec) (pod-diff.ts), computed only then.
 */
function validatePodUpdate(obj: KObject, old: StoredObject): FieldError[] {
  const spec = (obj.spec ?? {}) as C;
  const oldSpec = (old.spec ?? {}) as C;
  for (const f of ['containers', 'initContainers']) {
    const n = Array.isArray(spec[f]) ? spec[f].length : 0;
    const o = Array.isArray(oldSpec[f]) ? oldSpec[f].length : 0;
    if (n !== o) return [forbidden(`spec.${f}`, 'pod updates may not add or remove containers')];
  }
  const errs = [...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations), ...validateOnlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates)];
  // terminationGracePeriodSeconds may only go from a negative value to 1 (ValidatePodUpdate's munged spec)
  const ng = spec.terminationGracePeriodSeconds;
  const og = oldSpec.terminationGracePeriodSeconds;
  const graceChanged = ng !== og && !(typeof og === 'number' && og < 0 && ng === 1);
  let same = podSpecsEqualForUpdate(spec, oldSpec);
  if (same === undefined) {
    const a = JSON.parse(JSON.stringify(spec)) as C;
    const b = JSON.parse(JSON.stringify(oldSpec)) as C;
    for (const s of [a, b]) {
      for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
      delete s.activeDeadlineSeconds;
      delete s.tolerations;
      delete s.schedulingGates;
      delete s.terminationGracePeriodSeconds;
    }
    // binding sets nodeName once
    if (!b.nodeName) delete a.nodeName;
    same = deepEqual(a, b);
  }
  if (same && !graceChanged) return errs;
  return [...errs, forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${podSpecDiff(oldSpec, mungePodSpec(spec, oldSpec))}`)];
}

/** ValidatePodUpdate's mungedPodSpec: the new spec with the fields that may change taken from the old one. */
function mungePodSpec(spec: C, oldSpec: C): C {
  const m: C = { ...spec };
  for (const f of ['containers', 'initContainers']) {
    if (Array.isArray(m[f])) m[f] = m[f].map((c: C, i: number) => (c && typeof c === 'object' ? { ...c, image: oldSpec[f]?.[i]?.image } : c));
  }
  m.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  m.schedulingGates = oldSpec.schedulingGates;
  m.tolerations = oldSpec.tolerations;
  const og = oldSpec.terminationGracePeriodSeconds;
  if (typeof og === 'number' && og < 0 && m.terminationGracePeriodSeconds === 1) m.terminationGracePeriodSeconds = og;
  // binding sets nodeName once (the simulator binds through an update)
  if (!oldSpec.nodeName) m.nodeName = oldSpec.nodeName;
  return m;
}

/** A value as a JSON round trip leaves it: OMIT where JSON drops it (object fields), non-finite numbers as null. */
const OMIT = Symbol('omit');
function jv(v: unknown): unknown {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return OMIT;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is C => typeof v === 'object' && v !== null && !Array.isArray(v);

/** deepEqual of the JSON round trips of two (normalised) values, without making them. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = jv(a[i]);
      const y = jv(bb[i]);
      if (!jsonEqual(x === OMIT ? null : x, y === OMIT ? null : y)) return false;
    }
    return true;
  }
  return jsonObjEqual(a as C, b as C, NO_SKIP, NO_SKIP);
}
const NO_SKIP = (_k: string) => false;

/** jsonEqual of two objects, leaving out the fields skipA/skipB name on either side; `field` compares one field. */
function jsonObjEqual(a: C, b: C, skipA: (k: string) => boolean, skipB: (k: string) => boolean, field: (k: string, x: unknown, y: unknown) => boolean = (_k, x, y) => jsonEqual(x, y)): boolean {
  let n = 0;
  for (const k of Object.keys(a)) {
    if (skipA(k)) continue;
    const x = jv(a[k]);
    if (x === OMIT) continue;
    n++;
    if (!hasOwn(b, k) || skipB(k)) return false;
    const y = jv(b[k]);
    if (y === OMIT || !field(k, x, y)) return false;
  }
  let m = 0;
  for (const k of Object.keys(b)) if (!skipB(k) && jv(b[k]) !== OMIT) m++;
  return n === m;
}

const UPDATABLE_SPEC_FIELDS = new Set(['activeDeadlineSeconds', 'tolerations', 'schedulingGates', 'terminationGracePeriodSeconds']);

/**
 * validatePodUpdate's comparison without the JSON copies: undefined when a spec is not the usual shape
 * (the caller then takes the copying path), else whether the specs are equal outside the updatable fields.
 */
export function podSpecsEqualForUpdate(a: unknown, b: unknown): boolean | undefined {
  if (!isPlainObject(a) || !isPlainObject(b)) return undefined;
  for (const s of [a, b]) {
    for (const f of ['containers', 'initContainers']) {
      const list = s[f];
      if (list === undefined) continue;
      if (!Array.isArray(list) || !list.every(isPlainObject)) return undefined;
    }
  }
  // binding sets nodeName once
  const bn = jv(b.nodeName);
  const ignoreNodeName = bn === OMIT || !bn;
  const skipB = (k: string) => UPDATABLE_SPEC_FIELDS.has(k);
  const skipA = (k: string) => UPDATABLE_SPEC_FIELDS.has(k) || (ignoreNodeName && k === 'nodeName');
  const isImage = (k: string) => k === 'image';
  return jsonObjEqual(a, b, skipA, skipB, (k, x, y) => {
    if (k !== 'containers' && k !== 'initContainers') return jsonEqual(x, y);
    const xa = x as C[];
    const ya = y as C[];
    if (!Array.isArray(xa) || !Array.isArray(ya)) return jsonEqual(x, y);
    if (xa.length !== ya.length) return false;
    for (let i = 0; i < xa.length; i++) if (!jsonObjEqual(xa[i], ya[i], isImage, isImage)) return false;
    return true;
  });
}

/**
 * Pod spec warnings (K/K pkg/api/pod/warnings.go GetWarningsForPodTemplate):
 * the same port declared twice across containers.
 */
export function podSpecWarnings(spec: C | undefined, path: string): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  const walk = (list: C[] | undefined, field: string) => {
    (list ?? []).forEach((c, i) => {
      ((c.ports ?? []) as C[]).forEach((p, j) => {
        const key = `${p.containerPort}/${p.protocol ?? 'TCP'}/${p.hostIP ?? ''}/${p.hostPort ?? 0}`;
        const here = `${path}.${field}[${i}].ports[${j}]`;
        const prev = seen.get(key);
        if (prev) out.push(`${here}: duplicate port definition with ${prev}`);
        else seen.set(key, here);
      });
    });
  };
  walk(spec?.containers, 'containers');
  return out;
}

/**
 * podutil.DropDisabledPodFields' dropDisabledWorkloadRef (kubernetes/kubernetes pkg/api/pod/util.go): spec.workloadRef
 * needs the GenericWorkload feature gate, Alpha and off by default in v1.35 (pkg/features/kube_features.go), so the
 * API server drops it on create, and on update unless the stored pod already has one (never, here).
 */
function dropDisabledWorkloadRef(spec: C | undefined, oldSpec: C | undefined): void {
  if (spec && 'workloadRef' in spec && oldSpec?.workloadRef == null) delete spec.workloadRef;
}

export const podStrategy: Strategy = {
  kind: 'Pod',
  warnings(obj) {
    return podSpecWarnings(obj.spec as C, 'spec');
  },
  defaults(obj) {
    obj.spec ??= {};
    defaultPodSpec(obj.spec as C);
  },
  defaultsOnlySpec: true,
  prepareForCreate(obj, ctx) {
    dropDisabledWorkloadRef(obj.spec as C | undefined, undefined);
    obj.status = { phase: 'Pending', qosClass: qosClass((obj.spec ?? {}) as C) };
    // K/K pkg/registry/core/pod/strategy.go applySchedulingGatedCondition (podutil.UpdatePodCondition stamps
    // lastTransitionTime): a pod created with scheduling gates says why it waits
    if (((obj.spec as C)?.schedulingGates ?? []).length) {
      obj.status.conditions = [
        { lastProbeTime: null, lastTransitionTime: ctx.sim.clock.iso(), message: 'Scheduling is blocked due to non-empty scheduling gates', reason: 'SchedulingGated', status: 'False', type: 'PodScheduled' },
      ];
    }
  },
  prepareForUpdate(obj, old) {
    dropDisabledWorkloadRef(obj.spec as C | undefined, old.spec as C | undefined);
    if (!obj.status) obj.status = old.status;
  },
  validate(obj) {
    return validatePodSpec(obj.spec as C, Path.root('spec'));
  },
  validateUpdate(obj, old) {
    if (old.metadata.deletionTimestamp && deepEqual(obj.spec, old.spec)) return [];
    // ValidatePodUpdate: validatePodMetadataAndSpec(newPod) first, then the update rules
    return [...validatePodSpec(obj.spec as C, Path.root('spec')), ...validatePodUpdate(obj, old)];
  },
  gracePeriod(obj, requested) {
    const spec = (obj.spec ?? {}) as C;
    let period = requested ?? spec.terminationGracePeriodSeconds ?? 30;
    if (!spec.nodeName) period = 0;
    const phase = (obj.status as C | undefined)?.phase;
    if (phase === 'Failed' || phase === 'Succeeded') period = 0;
    return period;
  },
};

/**
 * PodTemplate (K/K pkg/registry/core/podtemplate/strategy.go): PrepareForCreate sets generation 1 and calls
 * pod.DropDisabledTemplateFields(&template.Template, nil); PrepareForUpdate drops them against the old template and
 * bumps generation when the template changed. Its embedded PodSpec is defaulted as a pod's (the generated
 * SetObjectDefaults_PodTemplate runs SetDefaults_PodSpec and the container defaults on template.spec).
 */
export const podTemplateStrategy: Strategy = {
  kind: 'PodTemplate',
  specFields: ['template'],
  defaults(obj) {
    defaultPodTemplateSpec(obj.template as C);
  },
  prepareForCreate(obj) {
    dropDisabledTemplateFields(obj.template, undefined);
  },
  prepareForUpdate(obj, old) {
    dropDisabledTemplateFields(obj.template, old.template);
  },
};

const TOLERATION_SECONDS = 300;

/** DefaultTolerationSeconds' two tolerations (shared by every pod that gets them; frozen, see deepFreeze) */
const NOT_READY_TOLERATION = deepFreeze({ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: TOLERATION_SECONDS });
const UNREACHABLE_TOLERATION = deepFreeze({ effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: TOLERATION_SECONDS });

export const podRegistryModule: SimModule = {
  name: 'pod-registry',
  install(sim) {
    sim.api.registerStrategy(podStrategy);
    sim.api.registerStrategy(podTemplateStrategy);
    sim.services.podDefaults = { defaultPodTemplateSpec, defaultPodSpec };
    sim.services.podValidation = { validatePodTemplateSpec, validatePodSpec };
    // DefaultTolerationSeconds (K/K plugin/pkg/admission/defaulttolerationseconds/admission.go)
    sim.api.registerAdmission({
      name: 'DefaultTolerationSeconds',
      order: 400,
      admit(a) {
        if (a.resource.kind !== 'Pod' || a.operation !== 'CREATE' || a.subresource) return;
        const spec = (a.object.spec ??= {}) as C;
        const tols: C[] = spec.tolerations ?? [];
        const has = (key: string) => tols.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
        const add: C[] = [];
        if (!has('node.kubernetes.io/not-ready')) add.push(NOT_READY_TOLERATION);
        if (!has('node.kubernetes.io/unreachable')) add.push(UNREACHABLE_TOLERATION);
        if (add.length) spec.tolerations = [...tols, ...add];
      },
    });
    // Priority (K/K plugin/pkg/admission/priority/admission.go): no PriorityClass → 0
    sim.api.registerAdmission({
      name: 'Priority',
      order: 500,
      admit(a) {
        if (a.resource.kind !== 'Pod' || a.operation !== 'CREATE' || a.subresource) return;
        const spec = (a.object.spec ??= {}) as C;
        if (spec.priorityClassName === 'system-node-critical') spec.priority ??= 2000001000;
        else if (spec.priorityClassName === 'system-cluster-critical') spec.priority ??= 2000000000;
        else spec.priority ??= 0;
        spec.preemptionPolicy ??= 'PreemptLowerPriority';
      },
    });
  },
};
