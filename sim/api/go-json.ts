/**
 * JSON as kube-apiserver writes it: encoding/json over the versioned Go
 * structs of k8s.io/api, so struct fields come in declaration order, map keys
 * (labels, annotations, data, resource lists, free-form objects) sorted, and
 * `<`, `>`, `&`, U+2028, U+2029 escaped as \u003c … (encoding/json encode.go
 * appendString with HTMLEscape on, the default of json.Marshal/MarshalIndent
 * and json.Encoder).
 *
 * apimachinery runtime/serializer/json/json.go Serializer.doEncode: the pretty
 * serializer (negotiation isPrettyPrint: `?pretty=true`, or a curl/Wget/
 * Mozilla user agent) writes json.MarshalIndent(obj, "", "  ") with no
 * trailing newline; the default one writes json.NewEncoder(w).Encode(obj),
 * compact with a trailing "\n" (lists through streamEncodeCollections in
 * collections.go produce the same bytes and also end in "}\n").
 *
 * Field order is data: schema.ts's structs (already in Go order) plus the
 * structs it does not list (status types, security contexts, Node, Event,
 * EndpointSlice, metav1.Status …) below, and REFINE for fields schema.ts
 * leaves as `any` so strict decoding stays lenient. Sources (kubernetes/
 * kubernetes staging/src/k8s.io): api/core/v1/types.go, api/apps/v1/types.go,
 * api/batch/v1/types.go, api/discovery/v1/types.go, api/rbac/v1/types.go,
 * api/storage/v1/types.go, api/scheduling/v1/types.go, apimachinery/pkg/apis/meta/v1/types.go. Fields not
 * in the table (newer or rare ones) follow the known ones in their current
 * order, with their values as they are.
 */

import { fieldsOf, structOf, type Struct, type TypeRef } from './schema';

/** Structs that schema.ts does not describe, in Go declaration order. */
const EXTRA: Record<string, Struct> = {
  // meta/v1
  ListMeta: { selfLink: 'string', resourceVersion: 'string', continue: 'string', remainingItemCount: 'int64' },
  Status: {
    kind: 'string', apiVersion: 'string', metadata: 'ListMeta', status: 'string', message: 'string', reason: 'string', details: 'StatusDetails', code: 'int32',
  },
  StatusDetails: { name: 'string', group: 'string', kind: 'string', uid: 'string', causes: '[]StatusCause', retryAfterSeconds: 'int32' },
  StatusCause: { reason: 'string', message: 'string', field: 'string' },

  // core/v1: references and small pieces
  ObjectReference: {
    kind: 'string', namespace: 'string', name: 'string', uid: 'string', apiVersion: 'string', resourceVersion: 'string', fieldPath: 'string',
  },
  TypedLocalObjectReference: { apiGroup: 'string', kind: 'string', name: 'string' },
  TypedObjectReference: { apiGroup: 'string', kind: 'string', name: 'string', namespace: 'string' },
  PodResourceClaim: { name: 'string', resourceClaimName: 'string', resourceClaimTemplateName: 'string' },
  ResourceClaim: { name: 'string' },
  WeightedPodAffinityTerm: { weight: 'int32', podAffinityTerm: 'PodAffinityTerm' },
  PodAffinityTerm: {
    labelSelector: 'LabelSelector', namespaces: '[]string', topologyKey: 'string', namespaceSelector: 'LabelSelector', matchLabelKeys: '[]string',
    mismatchLabelKeys: '[]string',
  },
  PodDNSConfigOption: { name: 'string', value: 'string' },
  ContainerResizePolicy: { resourceName: 'string', restartPolicy: 'string' },
  VolumeDevice: { name: 'string', devicePath: 'string' },
  GRPCAction: { port: 'int32', service: 'string' },
  HTTPHeader: { name: 'string', value: 'string' },
  SleepAction: { seconds: 'int64' },
  Capabilities: { add: '[]string', drop: '[]string' },
  SELinuxOptions: { user: 'string', role: 'string', type: 'string', level: 'string' },
  WindowsSecurityContextOptions: { gmsaCredentialSpecName: 'string', gmsaCredentialSpec: 'string', runAsUserName: 'string', hostProcess: 'bool' },
  SeccompProfile: { type: 'string', localhostProfile: 'string' },
  AppArmorProfile: { type: 'string', localhostProfile: 'string' },
  Sysctl: { name: 'string', value: 'string' },

  // core/v1: volume sources schema.ts keeps as `any`
  ProjectedVolumeSource: { sources: '[]VolumeProjection', defaultMode: 'int32' },
  VolumeProjection: {
    secret: 'SecretProjection', downwardAPI: 'DownwardAPIProjection', configMap: 'ConfigMapProjection', serviceAccountToken: 'ServiceAccountTokenProjection',
    clusterTrustBundle: 'ClusterTrustBundleProjection',
  },
  SecretProjection: { name: 'string', items: '[]KeyToPath', optional: 'bool' },
  ConfigMapProjection: { name: 'string', items: '[]KeyToPath', optional: 'bool' },
  DownwardAPIProjection: { items: '[]DownwardAPIVolumeFile' },
  ServiceAccountTokenProjection: { audience: 'string', expirationSeconds: 'int64', path: 'string' },
  ClusterTrustBundleProjection: { name: 'string', signerName: 'string', labelSelector: 'LabelSelector', optional: 'bool', path: 'string' },
  DownwardAPIVolumeSource: { items: '[]DownwardAPIVolumeFile', defaultMode: 'int32' },
  DownwardAPIVolumeFile: { path: 'string', fieldRef: 'ObjectFieldSelector', resourceFieldRef: 'ResourceFieldSelector', mode: 'int32' },
  NFSVolumeSource: { server: 'string', path: 'string', readOnly: 'bool' },
  CSIVolumeSource: { driver: 'string', readOnly: 'bool', fsType: 'string', volumeAttributes: 'map', nodePublishSecretRef: 'LocalObjectReference' },
  EphemeralVolumeSource: { volumeClaimTemplate: 'PersistentVolumeClaimTemplate' },
  PersistentVolumeClaimTemplate: { metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec' },
  ImageVolumeSource: { reference: 'string', pullPolicy: 'string' },
  LocalVolumeSource: { path: 'string', fsType: 'string' },
  TopologySelectorTerm: { matchLabelExpressions: '[]TopologySelectorLabelRequirement' },
  TopologySelectorLabelRequirement: { key: 'string', values: '[]string' },

  // core/v1: Pod status
  PodResourceClaimStatus: { name: 'string', resourceClaimName: 'string' },
  PodTemplate: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', template: 'PodTemplateSpec' },

  // core/v1: Service, Namespace, quota, storage status
  NamespaceSpec: { finalizers: '[]string' },
  ScopeSelector: { matchExpressions: '[]ScopedResourceSelectorRequirement' },
  ScopedResourceSelectorRequirement: { scopeName: 'string', operator: 'string', values: '[]string' },

  // core/v1: Node
  NodeDaemonEndpoints: { kubeletEndpoint: 'DaemonEndpoint' },
  DaemonEndpoint: { Port: 'int32' },
  NodeRuntimeHandler: { name: 'string', features: 'NodeRuntimeHandlerFeatures' },
  NodeRuntimeHandlerFeatures: { recursiveReadOnlyMounts: 'bool', userNamespaces: 'bool' },
  NodeFeatures: { supplementalGroupsPolicy: 'bool' },

  // core/v1: Event
  Event: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', involvedObject: 'ObjectReference', reason: 'string', message: 'string',
    source: 'EventSource', firstTimestamp: 'time', lastTimestamp: 'time', count: 'int32', type: 'string', eventTime: 'time', series: 'EventSeries',
    action: 'string', related: 'ObjectReference', reportingComponent: 'string', reportingInstance: 'string',
  },
  EventSource: { component: 'string', host: 'string' },
  // events.k8s.io/v1: Event (api/events/v1/types.go)
  EventsV1Event: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', eventTime: 'time', series: 'EventSeries', reportingController: 'string',
    reportingInstance: 'string', action: 'string', reason: 'string', regarding: 'ObjectReference', related: 'ObjectReference', note: 'string',
    type: 'string', deprecatedSource: 'EventSource', deprecatedFirstTimestamp: 'time', deprecatedLastTimestamp: 'time', deprecatedCount: 'int32',
  },
  EventSeries: { count: 'int32', lastObservedTime: 'time' },

  // discovery/v1
  EndpointSlice: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', addressType: 'string', endpoints: '[]EndpointSliceEndpoint', ports: '[]EndpointSlicePort',
  },
  EndpointSliceEndpoint: {
    addresses: '[]string', conditions: 'EndpointConditions', hostname: 'string', targetRef: 'ObjectReference', deprecatedTopology: 'map',
    nodeName: 'string', zone: 'string', hints: 'EndpointHints',
  },
  EndpointConditions: { ready: 'bool', serving: 'bool', terminating: 'bool' },
  EndpointHints: { forZones: '[]ForZone' },
  ForZone: { name: 'string' },
  EndpointSlicePort: { name: 'string', protocol: 'string', port: 'int32', appProtocol: 'string' },

  // apps/v1
  /** ReplicaSetCondition, DaemonSetCondition, StatefulSetCondition, ReplicationControllerCondition: the same fields. */
  // data is a runtime.RawExtension holding the controller's patch, itself json.Marshal of a map (sorted keys):
  // pkg/controller/daemon/update.go getPatch
  ControllerRevision: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', data: 'object', revision: 'int64' },

  // batch/v1
  UncountedTerminatedPods: { succeeded: '[]string', failed: '[]string' },

  // rbac/v1

  // scheduling/v1
  PriorityClass: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', value: 'int32', globalDefault: 'bool', description: 'string', preemptionPolicy: 'string',
  },
};

/** Types of fields that schema.ts types as `any` (to keep decoding lenient), for ordering only. */
const REFINE: Record<string, Record<string, TypeRef>> = {
  Pod: { status: 'PodStatus' },
  PodSpec: {
    ephemeralContainers: '[]EphemeralContainer', securityContext: 'PodSecurityContext', readinessGates: '[]PodReadinessGate', overhead: 'quantities',
    topologySpreadConstraints: '[]TopologySpreadConstraint', os: 'PodOS', schedulingGates: '[]PodSchedulingGate', resourceClaims: '[]PodResourceClaim',
  },
  Container: { resizePolicy: '[]ContainerResizePolicy', volumeDevices: '[]VolumeDevice', securityContext: 'SecurityContext' },
  ResourceRequirements: { claims: '[]ResourceClaim' },
  Probe: { grpc: 'GRPCAction' },
  HTTPGetAction: { httpHeaders: '[]HTTPHeader' },
  LifecycleHandler: { sleep: 'SleepAction' },
  PodDNSConfig: { options: '[]PodDNSConfigOption' },
  Affinity: { podAffinity: 'PodAffinity', podAntiAffinity: 'PodAffinity' },
  Volume: {
    projected: 'ProjectedVolumeSource', downwardAPI: 'DownwardAPIVolumeSource', nfs: 'NFSVolumeSource', csi: 'CSIVolumeSource',
    ephemeral: 'EphemeralVolumeSource', image: 'ImageVolumeSource',
  },
  Service: { status: 'ServiceStatus' },
  ServiceSpec: { sessionAffinityConfig: 'SessionAffinityConfig' },
  EndpointAddress: { targetRef: 'ObjectReference' },
  Namespace: { spec: 'NamespaceSpec', status: 'NamespaceStatus' },
  ServiceAccount: { secrets: '[]ObjectReference' },
  ResourceQuota: { status: 'ResourceQuotaStatus' },
  ResourceQuotaSpec: { scopeSelector: 'ScopeSelector' },
  PersistentVolume: { status: 'PersistentVolumeStatus' },
  PersistentVolumeSpec: { claimRef: 'ObjectReference', nodeAffinity: 'VolumeNodeAffinity', local: 'LocalVolumeSource', nfs: 'NFSVolumeSource' },
  PersistentVolumeClaim: { status: 'PersistentVolumeClaimStatus' },
  PersistentVolumeClaimSpec: { dataSource: 'TypedLocalObjectReference', dataSourceRef: 'TypedObjectReference' },
  StorageClass: { allowedTopologies: '[]TopologySelectorTerm' },
  Deployment: { status: 'DeploymentStatus' },
  ReplicaSet: { status: 'ReplicaSetStatus' },
  ReplicationController: { status: 'ReplicationControllerStatus' },
  DaemonSet: { status: 'DaemonSetStatus' },
  DaemonSetSpec: { updateStrategy: 'DaemonSetUpdateStrategy' },
  StatefulSet: { status: 'StatefulSetStatus' },
  StatefulSetSpec: {
    updateStrategy: 'StatefulSetUpdateStrategy', persistentVolumeClaimRetentionPolicy: 'StatefulSetPersistentVolumeClaimRetentionPolicy',
    ordinals: 'StatefulSetOrdinals',
  },
  Job: { status: 'JobStatus' },
  CronJob: { status: 'CronJobStatus' },
  ClusterRole: { aggregationRule: 'AggregationRule' },
};

interface Compiled {
  keys: string[];
  types: Record<string, TypeRef>;
}

const compiledCache = new Map<string, Compiled | null>();

/** EphemeralContainer = EphemeralContainerCommon (Container's fields, inlined) + targetContainerName (core/v1 types.go). */
function structFields(name: string): Struct | undefined {
  if (name === 'EphemeralContainer') {
    const c = structOf('Container');
    return c && { ...c, targetContainerName: 'string' };
  }
  return EXTRA[name] ?? fieldsOf(name);
}

function compiled(name: string): Compiled | null {
  let c = compiledCache.get(name);
  if (c !== undefined) return c;
  const st = structFields(name);
  if (!st) c = null;
  else {
    const refine = REFINE[name === 'EphemeralContainer' ? 'Container' : name];
    c = { keys: Object.keys(st), types: refine ? { ...st, ...refine } : st };
  }
  compiledCache.set(name, c);
  return c;
}

/** Whether the table knows a struct (a kind name for top-level objects). */
export function hasGoOrder(name: string): boolean {
  return compiled(name) !== null;
}

const HEX = '0123456789abcdef';

/** encoding/json's string encoding (appendString with escapeHTML). */
export function goJSONString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c !== 0x2028 && c !== 0x2029 && (c < 0xd800 || c > 0xdfff)) {
      out += s[i];
      continue;
    }
    if (c === 0x22 || c === 0x5c) out += '\\' + s[i];
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
    else if (c === 0x2028 || c === 0x2029) out += '\\u202' + HEX[c & 15];
    else if (c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s[i] + s[i + 1]; // a valid surrogate pair is one UTF-8 rune
      i++;
    } else out += '\\ufffd'; // invalid UTF-8 (a lone surrogate)
  }
  return out + '"';
}


type Writer = { out: string; pretty: boolean };

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJSONString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}

/** Thrown by sortedReplacer where the engine would print otherwise than a writer that sorts keys itself. */
const NOT_PLAIN = new Error('not plain JSON');
const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;

/** JSON.stringify's replacer: each object with its keys sorted (the object itself when they already are). */
function sortedReplacer(_k: string, v: unknown): unknown {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    let sorted = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const c = k.charCodeAt(0);
      if (c >= 48 && c <= 57 && INDEX_KEY.test(k) && Number(k) < 4294967295) throw NOT_PLAIN;
      if (i && keys[i - 1] > k) sorted = false;
    }
    if (sorted) return v;
    keys.sort();
    const r: Record<string, unknown> = {};
    for (const k of keys) r[k] = o[k];
    return r;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw NOT_PLAIN;
  return v;
}

/**
 * The engine's JSON.stringify (`indent` as its third argument) with every object's keys in sorted order — much
 * faster than a writer in script — or undefined where it cannot give what such a writer gives: an object with
 * array-index keys ("0", "17" come first in any object's own order whatever was inserted) or a NaN/±Infinity
 * (printed null). The caller then uses its own writer. undefined at the top prints as null.
 */
export function stringifySorted(v: unknown, indent?: number): string | undefined {
  try {
    return JSON.stringify(v === undefined ? null : v, sortedReplacer, indent);
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    return undefined;
  }
}

/** Keys in Go's sort.Strings order (byte order of the UTF-8 text; code-unit order is the same outside astral planes). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function open(w: Writer, c: '{' | '[', depth: number, first: boolean): void {
  if (first) w.out += c;
  if (w.pretty) w.out += (first ? '' : ',') + '\n' + '  '.repeat(depth + 1);
  else if (!first) w.out += ',';
}

function writeEntries(w: Writer, depth: number, entries: Iterable<[string, unknown, TypeRef]>): void {
  let n = 0;
  for (const [k, v, t] of entries) {
    if (v === undefined) continue;
    open(w, '{', depth, n === 0);
    w.out += goJSONString(k) + (w.pretty ? ': ' : ':');
    write(w, v, t, depth + 1);
    n++;
  }
  if (n === 0) w.out += '{}';
  else w.out += (w.pretty ? '\n' + '  '.repeat(depth) : '') + '}';
}

function* structEntries(o: Record<string, unknown>, c: Compiled): Iterable<[string, unknown, TypeRef]> {
  for (const k of c.keys) if (Object.prototype.hasOwnProperty.call(o, k)) yield [k, o[k], c.types[k]];
  for (const k of Object.keys(o)) if (!Object.prototype.hasOwnProperty.call(c.types, k)) yield [k, o[k], 'any'];
}

function* mapEntries(o: Record<string, unknown>, valueType: TypeRef): Iterable<[string, unknown, TypeRef]> {
  for (const k of sortedKeys(o)) yield [k, o[k], valueType];
}

function* asIsEntries(o: Record<string, unknown>): Iterable<[string, unknown, TypeRef]> {
  for (const k of Object.keys(o)) yield [k, o[k], 'any'];
}

function write(w: Writer, v: unknown, t: TypeRef, depth: number): void {
  if (v === null || typeof v !== 'object') {
    w.out += scalar(v);
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      w.out += '[]';
      return;
    }
    const et = t.startsWith('[]') ? t.slice(2) : t === 'object' ? 'object' : 'any';
    v.forEach((x, i) => {
      open(w, '[', depth, i === 0);
      write(w, x, et, depth + 1);
    });
    w.out += (w.pretty ? '\n' + '  '.repeat(depth) : '') + ']';
    return;
  }
  const o = v as Record<string, unknown>;
  // map[string]string, ResourceList and map[string]interface{}: encoding/json sorts map keys
  if (t === 'map' || t === 'quantities') return writeEntries(w, depth, mapEntries(o, 'any'));
  if (t === 'object') return writeEntries(w, depth, mapEntries(o, 'object'));
  const c = t === 'any' || t.startsWith('[]') ? null : compiled(t);
  writeEntries(w, depth, c ? structEntries(o, c) : asIsEntries(o));
}

/**
 * Paths of the fields of `value` that the table cannot place (so goJSON puts
 * them after the known ones): `spec.containers[].foo`. Values under a known
 * free-form or `any` field are not looked into.
 */
export function unknownFields(value: unknown, type: TypeRef, path = '', out: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    if (type.startsWith('[]')) for (const x of value) unknownFields(x, type.slice(2), path + '[]', out);
    return out;
  }
  const c = type === 'any' ? null : compiled(type);
  if (!c) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    const t = c.types[k];
    if (t === undefined) {
      if (!out.includes(p)) out.push(p);
    } else unknownFields(v, t, p, out);
  }
  return out;
}

/**
 * Serialise a value of Go type `type` (a struct name of the table, e.g. a
 * kind, `Status`; `any` keeps the value's own order) the way the apiserver's
 * JSON serializer does: `pretty` = json.MarshalIndent (no final newline),
 * else json.Encoder.Encode (compact, final newline).
 */
export function goJSON(value: unknown, type: TypeRef, pretty: boolean): string {
  const w: Writer = { out: '', pretty };
  write(w, value, type, 0);
  return pretty ? w.out : w.out + '\n';
}

/**
 * A typed list (PodList, DeploymentList, …): TypeMeta, ListMeta under
 * `metadata`, then `items` of the item struct (`items` has no omitempty: an
 * empty list is `[]`). Items carry no kind/apiVersion of their own: the
 * versioning codec sets the GVK on the list only.
 */
export function goListJSON(
  list: { kind: string; apiVersion: string; metadata: Record<string, unknown>; items: unknown[] },
  itemType: TypeRef,
  pretty: boolean,
): string {
  const w: Writer = { out: '', pretty };
  writeEntries(w, 0, [
    ['kind', list.kind, 'string'],
    ['apiVersion', list.apiVersion, 'string'],
    ['metadata', list.metadata, 'ListMeta'],
    ['items', list.items, '[]' + itemType],
  ]);
  return pretty ? w.out : w.out + '\n';
}
