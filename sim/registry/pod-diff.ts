/**
 * The spec diff that ValidatePodUpdate appends to its Forbidden detail (K/K pkg/apis/core/validation/
 * validation.go ValidatePodUpdate: `specDiff := diff.Diff(oldPod.Spec, mungedPodSpec)`, then
 * `fmt.Sprintf("pod updates may not change fields other than %s\n%v", strings.Join(updatablePodSpecFields, ","), specDiff)`).
 *
 * apimachinery pkg/util/diff Diff (built without the `usegocmp` tag, the default since v1.34):
 *   aStr, bStr := json.MarshalIndent(a, "", " "), json.MarshalIndent(b, "", " ")
 *   difflib.GetUnifiedDiffString(difflib.UnifiedDiff{A: SplitLines(aStr), B: SplitLines(bStr), Context: 3})
 * — no FromFile/ToFile, so no `---`/`+++` header: the text starts at the first `@@ -l,n +l,n @@` hunk
 * and every line (context ` `, removed `-`, added `+`) ends with "\n".
 *
 * The values diffed are the *internal* core.PodSpec (pkg/apis/core/types.go), which has no json tags:
 * encoding/json prints every field under its Go name, in struct order, zero values included (nil
 * pointers, slices and maps as `null`, "" , 0, false), embedded structs (Volume.VolumeSource,
 * Probe.ProbeHandler, the LocalObjectReference of ConfigMap/Secret references, …) flattened into their
 * parent, maps with sorted keys, resource.Quantity as its canonical string, intstr.IntOrString as a
 * number or a string, metav1.LabelSelector with its own json tags. The v1 → internal conversion
 * (pkg/apis/core/v1/conversion.go Convert_v1_PodSpec_To_core_PodSpec) moves hostNetwork, hostPID,
 * hostIPC, shareProcessNamespace and hostUsers into SecurityContext (always non-nil) and takes the
 * deprecated serviceAccount when serviceAccountName is empty.
 *
 * Field lists follow pkg/apis/core/types.go of v1.35 (Container with RestartPolicyRules, Lifecycle with
 * StopSignal, EnvVarSource with FileKeyRef, VolumeProjection with PodCertificate, PodSpec ending in
 * Resources, HostnameOverride, WorkloadRef). Empty lists and maps encode as `null`: the old spec comes
 * from storage (protobuf keeps no empty repeated field) and the new one from the JSON of the stored
 * object (omitempty), so an explicit `[]` only survives in a request that sends one itself.
 * Rarely used volume sources (cloud disks, ephemeral, …) are printed from their v1 JSON with sorted keys.
 *
 * The unified diff is a port of github.com/pmezard/go-difflib difflib.go (SequenceMatcher with
 * autoJunk: lines occurring more than len(b)/100+1 times in a 200+ line B are "popular" and left out
 * of the longest-match search; GetGroupedOpCodes; formatRangeUnified).
 */
import { formatQuantity } from '../api/quantity';
import { goJSONString, sortedKeys } from '../api/go-json';

type V = any;

// ---------------------------------------------------------------------------------------------
// Internal type shapes (Go field name, v1 JSON key, type), in pkg/apis/core/types.go order.

type Ty = 'str' | 'int' | 'bool' | 'qty' | 'intstr' | 'raw' | 'selector' | Ptr | Slice | MapT | Struct;
interface Ptr { p: Ty }
interface Slice { l: Ty }
interface MapT { m: Ty }
interface Struct { s: readonly F[] }
type F = readonly [go: string, key: string, ty: Ty];

const S = 'str';
const I = 'int';
const B = 'bool';
const Q = 'qty';
const ptr = (t: Ty): Ptr => ({ p: t });
const sl = (t: Ty): Slice => ({ l: t });
const mp = (t: Ty): MapT => ({ m: t });
const st = (...fields: F[]): Struct => ({ s: fields });

/** LocalObjectReference, embedded (json flattens it to `Name`). */
const LOR: F = ['Name', 'name', S];
const localObjectReference = st(LOR);
const keyToPath = st(['Key', 'key', S], ['Path', 'path', S], ['Mode', 'mode', ptr(I)]);
const objectFieldSelector = st(['APIVersion', 'apiVersion', S], ['FieldPath', 'fieldPath', S]);
const resourceFieldSelector = st(['ContainerName', 'containerName', S], ['Resource', 'resource', S], ['Divisor', 'divisor', Q]);
const downwardAPIVolumeFile = st(
  ['Path', 'path', S],
  ['FieldRef', 'fieldRef', ptr(objectFieldSelector)],
  ['ResourceFieldRef', 'resourceFieldRef', ptr(resourceFieldSelector)],
  ['Mode', 'mode', ptr(I)],
);
const items: F = ['Items', 'items', sl(keyToPath)];
const optional: F = ['Optional', 'optional', ptr(B)];
const defaultMode: F = ['DefaultMode', 'defaultMode', ptr(I)];

const volumeProjection = st(
  ['Secret', 'secret', ptr(st(LOR, items, optional))],
  ['DownwardAPI', 'downwardAPI', ptr(st(['Items', 'items', sl(downwardAPIVolumeFile)]))],
  ['ConfigMap', 'configMap', ptr(st(LOR, items, optional))],
  ['ServiceAccountToken', 'serviceAccountToken', ptr(st(['Audience', 'audience', S], ['ExpirationSeconds', 'expirationSeconds', I], ['Path', 'path', S]))],
  [
    'ClusterTrustBundle',
    'clusterTrustBundle',
    ptr(st(['Name', 'name', ptr(S)], ['SignerName', 'signerName', ptr(S)], ['LabelSelector', 'labelSelector', ptr('selector')], optional, ['Path', 'path', S])),
  ],
  ['PodCertificate', 'podCertificate', ptr('raw')],
);

const volumeSource: F[] = [
  ['HostPath', 'hostPath', ptr(st(['Path', 'path', S], ['Type', 'type', ptr(S)]))],
  ['EmptyDir', 'emptyDir', ptr(st(['Medium', 'medium', S], ['SizeLimit', 'sizeLimit', ptr(Q)]))],
  ['GCEPersistentDisk', 'gcePersistentDisk', ptr('raw')],
  ['AWSElasticBlockStore', 'awsElasticBlockStore', ptr('raw')],
  ['GitRepo', 'gitRepo', ptr(st(['Repository', 'repository', S], ['Revision', 'revision', S], ['Directory', 'directory', S]))],
  ['Secret', 'secret', ptr(st(['SecretName', 'secretName', S], items, defaultMode, optional))],
  ['NFS', 'nfs', ptr(st(['Server', 'server', S], ['Path', 'path', S], ['ReadOnly', 'readOnly', B]))],
  ['ISCSI', 'iscsi', ptr('raw')],
  ['Glusterfs', 'glusterfs', ptr('raw')],
  ['PersistentVolumeClaim', 'persistentVolumeClaim', ptr(st(['ClaimName', 'claimName', S], ['ReadOnly', 'readOnly', B]))],
  ['RBD', 'rbd', ptr('raw')],
  ['Quobyte', 'quobyte', ptr('raw')],
  ['FlexVolume', 'flexVolume', ptr('raw')],
  ['Cinder', 'cinder', ptr('raw')],
  ['CephFS', 'cephfs', ptr('raw')],
  ['Flocker', 'flocker', ptr('raw')],
  ['DownwardAPI', 'downwardAPI', ptr(st(['Items', 'items', sl(downwardAPIVolumeFile)], defaultMode))],
  ['FC', 'fc', ptr('raw')],
  ['AzureFile', 'azureFile', ptr('raw')],
  ['ConfigMap', 'configMap', ptr(st(LOR, items, defaultMode, optional))],
  ['VsphereVolume', 'vsphereVolume', ptr('raw')],
  ['AzureDisk', 'azureDisk', ptr('raw')],
  ['PhotonPersistentDisk', 'photonPersistentDisk', ptr('raw')],
  ['Projected', 'projected', ptr(st(['Sources', 'sources', sl(volumeProjection)], defaultMode))],
  ['PortworxVolume', 'portworxVolume', ptr('raw')],
  ['ScaleIO', 'scaleIO', ptr('raw')],
  ['StorageOS', 'storageos', ptr('raw')],
  [
    'CSI',
    'csi',
    ptr(
      st(
        ['Driver', 'driver', S],
        ['ReadOnly', 'readOnly', ptr(B)],
        ['FSType', 'fsType', ptr(S)],
        ['VolumeAttributes', 'volumeAttributes', mp(S)],
        ['NodePublishSecretRef', 'nodePublishSecretRef', ptr(localObjectReference)],
      ),
    ),
  ],
  ['Ephemeral', 'ephemeral', ptr('raw')],
  ['Image', 'image', ptr(st(['Reference', 'reference', S], ['PullPolicy', 'pullPolicy', S]))],
];
const volume = st(['Name', 'name', S], ...volumeSource);

const containerPort = st(['Name', 'name', S], ['HostPort', 'hostPort', I], ['ContainerPort', 'containerPort', I], ['Protocol', 'protocol', S], ['HostIP', 'hostIP', S]);
const envFromSource = st(
  ['Prefix', 'prefix', S],
  ['ConfigMapRef', 'configMapRef', ptr(st(LOR, optional))],
  ['SecretRef', 'secretRef', ptr(st(LOR, optional))],
);
const envVarSource = st(
  ['FieldRef', 'fieldRef', ptr(objectFieldSelector)],
  ['ResourceFieldRef', 'resourceFieldRef', ptr(resourceFieldSelector)],
  ['ConfigMapKeyRef', 'configMapKeyRef', ptr(st(LOR, ['Key', 'key', S], optional))],
  ['SecretKeyRef', 'secretKeyRef', ptr(st(LOR, ['Key', 'key', S], optional))],
  ['FileKeyRef', 'fileKeyRef', ptr(st(['VolumeName', 'volumeName', S], ['Path', 'path', S], ['Key', 'key', S], optional))],
);
const envVar = st(['Name', 'name', S], ['Value', 'value', S], ['ValueFrom', 'valueFrom', ptr(envVarSource)]);
const resourceRequirements = st(
  ['Limits', 'limits', mp(Q)],
  ['Requests', 'requests', mp(Q)],
  ['Claims', 'claims', sl(st(['Name', 'name', S], ['Request', 'request', S]))],
);
const volumeMount = st(
  ['Name', 'name', S],
  ['ReadOnly', 'readOnly', B],
  ['RecursiveReadOnly', 'recursiveReadOnly', ptr(S)],
  ['MountPath', 'mountPath', S],
  ['SubPath', 'subPath', S],
  ['MountPropagation', 'mountPropagation', ptr(S)],
  ['SubPathExpr', 'subPathExpr', S],
);
const execAction = st(['Command', 'command', sl(S)]);
const httpGetAction = st(
  ['Path', 'path', S],
  ['Port', 'port', 'intstr'],
  ['Host', 'host', S],
  ['Scheme', 'scheme', S],
  ['HTTPHeaders', 'httpHeaders', sl(st(['Name', 'name', S], ['Value', 'value', S]))],
);
const tcpSocketAction = st(['Port', 'port', 'intstr'], ['Host', 'host', S]);
const probe = st(
  // ProbeHandler, embedded
  ['Exec', 'exec', ptr(execAction)],
  ['HTTPGet', 'httpGet', ptr(httpGetAction)],
  ['TCPSocket', 'tcpSocket', ptr(tcpSocketAction)],
  ['GRPC', 'grpc', ptr(st(['Port', 'port', I], ['Service', 'service', ptr(S)]))],
  ['InitialDelaySeconds', 'initialDelaySeconds', I],
  ['TimeoutSeconds', 'timeoutSeconds', I],
  ['PeriodSeconds', 'periodSeconds', I],
  ['SuccessThreshold', 'successThreshold', I],
  ['FailureThreshold', 'failureThreshold', I],
  ['TerminationGracePeriodSeconds', 'terminationGracePeriodSeconds', ptr(I)],
);
const lifecycleHandler = st(
  ['Exec', 'exec', ptr(execAction)],
  ['HTTPGet', 'httpGet', ptr(httpGetAction)],
  ['TCPSocket', 'tcpSocket', ptr(tcpSocketAction)],
  ['Sleep', 'sleep', ptr(st(['Seconds', 'seconds', I]))],
);
const seLinuxOptions = st(['User', 'user', S], ['Role', 'role', S], ['Type', 'type', S], ['Level', 'level', S]);
const windowsOptions = st(
  ['GMSACredentialSpecName', 'gmsaCredentialSpecName', ptr(S)],
  ['GMSACredentialSpec', 'gmsaCredentialSpec', ptr(S)],
  ['RunAsUserName', 'runAsUserName', ptr(S)],
  ['HostProcess', 'hostProcess', ptr(B)],
);
const profile = st(['Type', 'type', S], ['LocalhostProfile', 'localhostProfile', ptr(S)]);
const securityContext = st(
  ['Capabilities', 'capabilities', ptr(st(['Add', 'add', sl(S)], ['Drop', 'drop', sl(S)]))],
  ['Privileged', 'privileged', ptr(B)],
  ['SELinuxOptions', 'seLinuxOptions', ptr(seLinuxOptions)],
  ['WindowsOptions', 'windowsOptions', ptr(windowsOptions)],
  ['RunAsUser', 'runAsUser', ptr(I)],
  ['RunAsGroup', 'runAsGroup', ptr(I)],
  ['RunAsNonRoot', 'runAsNonRoot', ptr(B)],
  ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem', ptr(B)],
  ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation', ptr(B)],
  ['ProcMount', 'procMount', ptr(S)],
  ['SeccompProfile', 'seccompProfile', ptr(profile)],
  ['AppArmorProfile', 'appArmorProfile', ptr(profile)],
);
const containerFields: F[] = [
  ['Name', 'name', S],
  ['Image', 'image', S],
  ['Command', 'command', sl(S)],
  ['Args', 'args', sl(S)],
  ['WorkingDir', 'workingDir', S],
  ['Ports', 'ports', sl(containerPort)],
  ['EnvFrom', 'envFrom', sl(envFromSource)],
  ['Env', 'env', sl(envVar)],
  ['Resources', 'resources', resourceRequirements],
  ['ResizePolicy', 'resizePolicy', sl(st(['ResourceName', 'resourceName', S], ['RestartPolicy', 'restartPolicy', S]))],
  ['RestartPolicy', 'restartPolicy', ptr(S)],
  [
    'RestartPolicyRules',
    'restartPolicyRules',
    sl(st(['Action', 'action', S], ['ExitCodes', 'exitCodes', ptr(st(['Operator', 'operator', S], ['Values', 'values', sl(I)]))])),
  ],
  ['VolumeMounts', 'volumeMounts', sl(volumeMount)],
  ['VolumeDevices', 'volumeDevices', sl(st(['Name', 'name', S], ['DevicePath', 'devicePath', S]))],
  ['LivenessProbe', 'livenessProbe', ptr(probe)],
  ['ReadinessProbe', 'readinessProbe', ptr(probe)],
  ['StartupProbe', 'startupProbe', ptr(probe)],
  ['Lifecycle', 'lifecycle', ptr(st(['PostStart', 'postStart', ptr(lifecycleHandler)], ['PreStop', 'preStop', ptr(lifecycleHandler)], ['StopSignal', 'stopSignal', ptr(S)]))],
  ['TerminationMessagePath', 'terminationMessagePath', S],
  ['TerminationMessagePolicy', 'terminationMessagePolicy', S],
  ['ImagePullPolicy', 'imagePullPolicy', S],
  ['SecurityContext', 'securityContext', ptr(securityContext)],
  ['Stdin', 'stdin', B],
  ['StdinOnce', 'stdinOnce', B],
  ['TTY', 'tty', B],
];
const container = st(...containerFields);
// EphemeralContainer = EphemeralContainerCommon (Container's fields, embedded) + TargetContainerName
const ephemeralContainer = st(...containerFields, ['TargetContainerName', 'targetContainerName', S]);

const podSecurityContext = st(
  ['HostNetwork', 'hostNetwork', B],
  ['HostPID', 'hostPID', B],
  ['HostIPC', 'hostIPC', B],
  ['ShareProcessNamespace', 'shareProcessNamespace', ptr(B)],
  ['HostUsers', 'hostUsers', ptr(B)],
  ['SELinuxOptions', 'seLinuxOptions', ptr(seLinuxOptions)],
  ['WindowsOptions', 'windowsOptions', ptr(windowsOptions)],
  ['RunAsUser', 'runAsUser', ptr(I)],
  ['RunAsGroup', 'runAsGroup', ptr(I)],
  ['RunAsNonRoot', 'runAsNonRoot', ptr(B)],
  ['SupplementalGroups', 'supplementalGroups', sl(I)],
  ['SupplementalGroupsPolicy', 'supplementalGroupsPolicy', ptr(S)],
  ['FSGroup', 'fsGroup', ptr(I)],
  ['FSGroupChangePolicy', 'fsGroupChangePolicy', ptr(S)],
  ['Sysctls', 'sysctls', sl(st(['Name', 'name', S], ['Value', 'value', S]))],
  ['SeccompProfile', 'seccompProfile', ptr(profile)],
  ['AppArmorProfile', 'appArmorProfile', ptr(profile)],
  ['SELinuxChangePolicy', 'seLinuxChangePolicy', ptr(S)],
);

const nodeSelectorRequirement = st(['Key', 'key', S], ['Operator', 'operator', S], ['Values', 'values', sl(S)]);
const nodeSelectorTerm = st(['MatchExpressions', 'matchExpressions', sl(nodeSelectorRequirement)], ['MatchFields', 'matchFields', sl(nodeSelectorRequirement)]);
const podAffinityTerm = st(
  ['LabelSelector', 'labelSelector', ptr('selector')],
  ['Namespaces', 'namespaces', sl(S)],
  ['TopologyKey', 'topologyKey', S],
  ['NamespaceSelector', 'namespaceSelector', ptr('selector')],
  ['MatchLabelKeys', 'matchLabelKeys', sl(S)],
  ['MismatchLabelKeys', 'mismatchLabelKeys', sl(S)],
);
const podAffinity = st(
  ['RequiredDuringSchedulingIgnoredDuringExecution', 'requiredDuringSchedulingIgnoredDuringExecution', sl(podAffinityTerm)],
  [
    'PreferredDuringSchedulingIgnoredDuringExecution',
    'preferredDuringSchedulingIgnoredDuringExecution',
    sl(st(['Weight', 'weight', I], ['PodAffinityTerm', 'podAffinityTerm', podAffinityTerm])),
  ],
);
const affinity = st(
  [
    'NodeAffinity',
    'nodeAffinity',
    ptr(
      st(
        ['RequiredDuringSchedulingIgnoredDuringExecution', 'requiredDuringSchedulingIgnoredDuringExecution', ptr(st(['NodeSelectorTerms', 'nodeSelectorTerms', sl(nodeSelectorTerm)]))],
        [
          'PreferredDuringSchedulingIgnoredDuringExecution',
          'preferredDuringSchedulingIgnoredDuringExecution',
          sl(st(['Weight', 'weight', I], ['Preference', 'preference', nodeSelectorTerm])),
        ],
      ),
    ),
  ],
  ['PodAffinity', 'podAffinity', ptr(podAffinity)],
  ['PodAntiAffinity', 'podAntiAffinity', ptr(podAffinity)],
);
const toleration = st(['Key', 'key', S], ['Operator', 'operator', S], ['Value', 'value', S], ['Effect', 'effect', S], ['TolerationSeconds', 'tolerationSeconds', ptr(I)]);
const topologySpreadConstraint = st(
  ['MaxSkew', 'maxSkew', I],
  ['TopologyKey', 'topologyKey', S],
  ['WhenUnsatisfiable', 'whenUnsatisfiable', S],
  ['LabelSelector', 'labelSelector', ptr('selector')],
  ['MinDomains', 'minDomains', ptr(I)],
  ['NodeAffinityPolicy', 'nodeAffinityPolicy', ptr(S)],
  ['NodeTaintsPolicy', 'nodeTaintsPolicy', ptr(S)],
  ['MatchLabelKeys', 'matchLabelKeys', sl(S)],
);

const podSpec = st(
  ['Volumes', 'volumes', sl(volume)],
  ['InitContainers', 'initContainers', sl(container)],
  ['Containers', 'containers', sl(container)],
  ['EphemeralContainers', 'ephemeralContainers', sl(ephemeralContainer)],
  ['RestartPolicy', 'restartPolicy', S],
  ['TerminationGracePeriodSeconds', 'terminationGracePeriodSeconds', ptr(I)],
  ['ActiveDeadlineSeconds', 'activeDeadlineSeconds', ptr(I)],
  ['DNSPolicy', 'dnsPolicy', S],
  ['NodeSelector', 'nodeSelector', mp(S)],
  ['ServiceAccountName', 'serviceAccountName', S],
  ['AutomountServiceAccountToken', 'automountServiceAccountToken', ptr(B)],
  ['NodeName', 'nodeName', S],
  ['SecurityContext', 'securityContext', ptr(podSecurityContext)],
  ['ImagePullSecrets', 'imagePullSecrets', sl(localObjectReference)],
  ['Hostname', 'hostname', S],
  ['Subdomain', 'subdomain', S],
  ['SetHostnameAsFQDN', 'setHostnameAsFQDN', ptr(B)],
  ['Affinity', 'affinity', ptr(affinity)],
  ['SchedulerName', 'schedulerName', S],
  ['Tolerations', 'tolerations', sl(toleration)],
  ['HostAliases', 'hostAliases', sl(st(['IP', 'ip', S], ['Hostnames', 'hostnames', sl(S)]))],
  ['PriorityClassName', 'priorityClassName', S],
  ['Priority', 'priority', ptr(I)],
  ['PreemptionPolicy', 'preemptionPolicy', ptr(S)],
  [
    'DNSConfig',
    'dnsConfig',
    ptr(st(['Nameservers', 'nameservers', sl(S)], ['Searches', 'searches', sl(S)], ['Options', 'options', sl(st(['Name', 'name', S], ['Value', 'value', ptr(S)]))])),
  ],
  ['ReadinessGates', 'readinessGates', sl(st(['ConditionType', 'conditionType', S]))],
  ['RuntimeClassName', 'runtimeClassName', ptr(S)],
  ['Overhead', 'overhead', mp(Q)],
  ['EnableServiceLinks', 'enableServiceLinks', ptr(B)],
  ['TopologySpreadConstraints', 'topologySpreadConstraints', sl(topologySpreadConstraint)],
  ['OS', 'os', ptr(st(['Name', 'name', S]))],
  ['SchedulingGates', 'schedulingGates', sl(st(['Name', 'name', S]))],
  [
    'ResourceClaims',
    'resourceClaims',
    sl(st(['Name', 'name', S], ['ResourceClaimName', 'resourceClaimName', ptr(S)], ['ResourceClaimTemplateName', 'resourceClaimTemplateName', ptr(S)])),
  ],
  ['Resources', 'resources', ptr(resourceRequirements)],
  ['HostnameOverride', 'hostnameOverride', ptr(S)],
  ['WorkloadRef', 'workloadRef', ptr(st(['Name', 'name', S], ['PodGroup', 'podGroup', S], ['PodGroupReplicaKey', 'podGroupReplicaKey', S]))],
);

// ---------------------------------------------------------------------------------------------
// encoding/json MarshalIndent(v, "", " ")

const isNil = (v: unknown) => v === undefined || v === null;

function scalar(ty: 'str' | 'int' | 'bool' | 'qty' | 'intstr', v: V): string {
  switch (ty) {
    case 'str':
      return goJSONString(isNil(v) ? '' : String(v));
    case 'int':
      return isNil(v) ? '0' : String(Number(v));
    case 'bool':
      return v === true ? 'true' : 'false';
    case 'qty': {
      if (isNil(v)) return '"0"';
      try {
        return goJSONString(formatQuantity(String(v)));
      } catch {
        return goJSONString(String(v));
      }
    }
    case 'intstr':
      if (typeof v === 'string') return goJSONString(v);
      return isNil(v) ? '0' : String(Number(v));
  }
}

/** Appends the lines of one value: `head` is the indentation plus `"Key": ` (or just the indentation), `tail` the comma. */
function emit(ty: Ty, v: V, ind: string, head: string, tail: string, out: string[]): void {
  if (typeof ty === 'string') {
    if (ty === 'raw') return emitRaw(v, ind, head, tail, out);
    if (ty === 'selector') return emitRaw(labelSelector(v), ind, head, tail, out);
    out.push(head + scalar(ty, v) + tail);
    return;
  }
  if ('p' in ty) {
    if (isNil(v)) out.push(head + 'null' + tail);
    else emit(ty.p, v, ind, head, tail, out);
    return;
  }
  if ('l' in ty) {
    if (!Array.isArray(v) || v.length === 0) {
      out.push(head + 'null' + tail);
      return;
    }
    out.push(head + '[');
    const inner = ind + ' ';
    v.forEach((e, i) => emit(ty.l, e, inner, inner, i < v.length - 1 ? ',' : '', out));
    out.push(ind + ']' + tail);
    return;
  }
  if ('m' in ty) {
    const keys = v && typeof v === 'object' && !Array.isArray(v) ? sortedKeys(v) : [];
    if (!keys.length) {
      out.push(head + 'null' + tail);
      return;
    }
    out.push(head + '{');
    const inner = ind + ' ';
    keys.forEach((k, i) => emit(ty.m, v[k], inner, inner + goJSONString(k) + ': ', i < keys.length - 1 ? ',' : '', out));
    out.push(ind + '}' + tail);
    return;
  }
  const obj = v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  if (!ty.s.length) {
    out.push(head + '{}' + tail);
    return;
  }
  out.push(head + '{');
  const inner = ind + ' ';
  const n = ty.s.length;
  for (let i = 0; i < n; i++) {
    const [go, key, fty] = ty.s[i];
    emit(fty, obj[key], inner, inner + '"' + go + '": ', i < n - 1 ? ',' : '', out);
  }
  out.push(ind + '}' + tail);
}


/** metav1.LabelSelector's own json tags: matchLabels and matchExpressions (values) are omitempty. */
function labelSelector(v: V): V {
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  if (v.matchLabels && typeof v.matchLabels === 'object' && Object.keys(v.matchLabels).length) out.matchLabels = v.matchLabels;
  if (Array.isArray(v.matchExpressions) && v.matchExpressions.length) {
    out.matchExpressions = v.matchExpressions.map((r: V) => {
      const e: Record<string, unknown> = { key: r?.key ?? '', operator: r?.operator ?? '' };
      if (Array.isArray(r?.values) && r.values.length) e.values = r.values;
      return e;
    });
  }
  return out;
}

/** A JSON value as encoding/json prints map[string]interface{} (keys sorted) — and struct-ordered objects from labelSelector. */
function emitRaw(v: V, ind: string, head: string, tail: string, out: string[]): void {
  if (isNil(v)) out.push(head + 'null' + tail);
  else if (typeof v === 'string') out.push(head + goJSONString(v) + tail);
  else if (typeof v === 'number') out.push(head + (Number.isFinite(v) ? String(v) : 'null') + tail);
  else if (typeof v === 'boolean') out.push(head + String(v) + tail);
  else if (Array.isArray(v)) {
    if (!v.length) {
      out.push(head + '[]' + tail);
      return;
    }
    out.push(head + '[');
    const inner = ind + ' ';
    v.forEach((e, i) => emitRaw(e, inner, inner, i < v.length - 1 ? ',' : '', out));
    out.push(ind + ']' + tail);
  } else if (typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (!keys.length) {
      out.push(head + '{}' + tail);
      return;
    }
    out.push(head + '{');
    const inner = ind + ' ';
    keys.forEach((k, i) => emitRaw(v[k], inner, inner + goJSONString(k) + ': ', i < keys.length - 1 ? ',' : '', out));
    out.push(ind + '}' + tail);
  } else out.push(head + 'null' + tail);
}

/** Convert_v1_PodSpec_To_core_PodSpec's moves, on a shallow copy of the v1 spec. */
function toInternal(spec: V): V {
  const s = spec && typeof spec === 'object' && !Array.isArray(spec) ? { ...spec } : {};
  if (!s.serviceAccountName) s.serviceAccountName = s.serviceAccount;
  s.securityContext = {
    ...(s.securityContext && typeof s.securityContext === 'object' ? s.securityContext : {}),
    hostNetwork: s.hostNetwork,
    hostPID: s.hostPID,
    hostIPC: s.hostIPC,
    shareProcessNamespace: s.shareProcessNamespace,
    hostUsers: s.hostUsers,
  };
  return s;
}

/** The lines of json.MarshalIndent(internal core.PodSpec, "", " ") for a v1 pod spec. */
export function podSpecJSONLines(spec: unknown): string[] {
  const out: string[] = [];
  emit(podSpec, toInternal(spec), '', '', '', out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// github.com/pmezard/go-difflib difflib.go: SequenceMatcher + WriteUnifiedDiff

interface Match {
  a: number;
  b: number;
  size: number;
}
type OpCode = [tag: 'r' | 'd' | 'i' | 'e', i1: number, i2: number, j1: number, j2: number];

class SequenceMatcher {
  private readonly b2j = new Map<string, number[]>();

  constructor(
    private readonly a: string[],
    private readonly b: string[],
  ) {
    // chainB: line → indices in b; with autoJunk, lines more frequent than len(b)/100+1 in a b of 200+ lines are popular
    b.forEach((s, i) => {
      const list = this.b2j.get(s);
      if (list) list.push(i);
      else this.b2j.set(s, [i]);
    });
    const n = b.length;
    if (n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [s, idx] of [...this.b2j]) if (idx.length > ntest) this.b2j.delete(s);
    }
  }

  private findLongestMatch(alo: number, ahi: number, blo: number, bhi: number): Match {
    const { a, b } = this;
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i !== ahi; i++) {
      const newj2len = new Map<number, number>();
      for (const j of this.b2j.get(a[i]) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = newj2len;
    }
    // extend by equal (popular) elements on each side; there is no junk
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return { a: besti, b: bestj, size: bestsize };
  }

  private matchingBlocks(): Match[] {
    const matched: Match[] = [];
    const rec = (alo: number, ahi: number, blo: number, bhi: number) => {
      const m = this.findLongestMatch(alo, ahi, blo, bhi);
      if (m.size > 0) {
        if (alo < m.a && blo < m.b) rec(alo, m.a, blo, m.b);
        matched.push(m);
        if (m.a + m.size < ahi && m.b + m.size < bhi) rec(m.a + m.size, ahi, m.b + m.size, bhi);
      }
    };
    rec(0, this.a.length, 0, this.b.length);
    const out: Match[] = [];
    let i1 = 0;
    let j1 = 0;
    let k1 = 0;
    for (const m of matched) {
      if (i1 + k1 === m.a && j1 + k1 === m.b) k1 += m.size;
      else {
        if (k1 > 0) out.push({ a: i1, b: j1, size: k1 });
        i1 = m.a;
        j1 = m.b;
        k1 = m.size;
      }
    }
    if (k1 > 0) out.push({ a: i1, b: j1, size: k1 });
    out.push({ a: this.a.length, b: this.b.length, size: 0 });
    return out;
  }

  opCodes(): OpCode[] {
    let i = 0;
    let j = 0;
    const codes: OpCode[] = [];
    for (const m of this.matchingBlocks()) {
      const tag = i < m.a && j < m.b ? 'r' : i < m.a ? 'd' : j < m.b ? 'i' : undefined;
      if (tag) codes.push([tag, i, m.a, j, m.b]);
      i = m.a + m.size;
      j = m.b + m.size;
      if (m.size > 0) codes.push(['e', m.a, i, m.b, j]);
    }
    return codes;
  }

  groupedOpCodes(n: number): OpCode[][] {
    let codes = this.opCodes();
    if (!codes.length) codes = [['e', 0, 1, 0, 1]];
    if (codes[0][0] === 'e') {
      const [, i1, i2, j1, j2] = codes[0];
      codes[0] = ['e', Math.max(i1, i2 - n), i2, Math.max(j1, j2 - n), j2];
    }
    const last = codes.length - 1;
    if (codes[last][0] === 'e') {
      const [, i1, i2, j1, j2] = codes[last];
      codes[last] = ['e', i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)];
    }
    const nn = n + n;
    const groups: OpCode[][] = [];
    let group: OpCode[] = [];
    for (const [tag, i1s, i2, j1s, j2] of codes) {
      let i1 = i1s;
      let j1 = j1s;
      if (tag === 'e' && i2 - i1 > nn) {
        group.push(['e', i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
        groups.push(group);
        group = [];
        i1 = Math.max(i1, i2 - n);
        j1 = Math.max(j1, j2 - n);
      }
      group.push([tag, i1, i2, j1, j2]);
    }
    if (group.length && !(group.length === 1 && group[0][0] === 'e')) groups.push(group);
    return groups;
  }
}

/** formatRangeUnified: `start,length`, just `start` for one line, `start-1,0` for none. */
function formatRangeUnified(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (length === 1) return String(beginning);
  if (length === 0) beginning -= 1;
  return `${beginning},${length}`;
}

/** difflib.GetUnifiedDiffString without FromFile/ToFile (no header lines); "" when a and b are equal. */
export function unifiedDiff(a: string[], b: string[], context = 3): string {
  let out = '';
  for (const g of new SequenceMatcher(a, b).groupedOpCodes(context)) {
    const first = g[0];
    const last = g[g.length - 1];
    out += `@@ -${formatRangeUnified(first[1], last[2])} +${formatRangeUnified(first[3], last[4])} @@\n`;
    for (const [tag, i1, i2, j1, j2] of g) {
      if (tag === 'e') {
        for (let k = i1; k < i2; k++) out += ' ' + a[k] + '\n';
        continue;
      }
      if (tag === 'r' || tag === 'd') for (let k = i1; k < i2; k++) out += '-' + a[k] + '\n';
      if (tag === 'r' || tag === 'i') for (let k = j1; k < j2; k++) out += '+' + b[k] + '\n';
    }
  }
  return out;
}

/** diff.Diff(oldPod.Spec, mungedPodSpec) as ValidatePodUpdate calls it, from the two v1 specs. */
export function podSpecDiff(oldSpec: unknown, mungedSpec: unknown): string {
  return unifiedDiff(podSpecJSONLines(oldSpec), podSpecJSONLines(mungedSpec), 3);
}
