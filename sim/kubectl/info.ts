/**
 * Discovery and information verbs: kubectl api-resources, api-versions,
 * version, cluster-info, explain (kubectl pkg/cmd/apiresources, version,
 * clusterinfo, explain with the OpenAPI v3 plaintext template).
 */
import { RESOURCE_TYPES, apiVersionOf, resolveResource, type ResourceType } from '../api/resources';
import { KUBERNETES_VERSION } from '../sim';
import { fieldsOf, structOf } from '../api/schema';
import type { VerbSpec } from './types';
import { KubectlError } from './types';
import { tabwrite } from './printers/table';
import { toJson, toYaml } from './output';

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Resources a v1.35 kubeadm API server serves that the simulator lists but does not model. */
const EXTRA: [string, string, string[], boolean, string][] = [
  ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io/v1', [], false, 'MutatingWebhookConfiguration'],
  ['validatingadmissionpolicies', 'admissionregistration.k8s.io/v1', [], false, 'ValidatingAdmissionPolicy'],
  ['validatingadmissionpolicybindings', 'admissionregistration.k8s.io/v1', [], false, 'ValidatingAdmissionPolicyBinding'],
  ['validatingwebhookconfigurations', 'admissionregistration.k8s.io/v1', [], false, 'ValidatingWebhookConfiguration'],
  ['customresourcedefinitions', 'apiextensions.k8s.io/v1', ['crd', 'crds'], false, 'CustomResourceDefinition'],
  ['apiservices', 'apiregistration.k8s.io/v1', [], false, 'APIService'],
  ['selfsubjectreviews', 'authentication.k8s.io/v1', [], false, 'SelfSubjectReview'],
  ['tokenreviews', 'authentication.k8s.io/v1', [], false, 'TokenReview'],
  ['localsubjectaccessreviews', 'authorization.k8s.io/v1', [], true, 'LocalSubjectAccessReview'],
  ['certificatesigningrequests', 'certificates.k8s.io/v1', ['csr'], false, 'CertificateSigningRequest'],
  ['flowschemas', 'flowcontrol.apiserver.k8s.io/v1', [], false, 'FlowSchema'],
  ['prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io/v1', [], false, 'PriorityLevelConfiguration'],
  ['ipaddresses', 'networking.k8s.io/v1', ['ip'], false, 'IPAddress'],
  ['servicecidrs', 'networking.k8s.io/v1', [], false, 'ServiceCIDR'],
  ['runtimeclasses', 'node.k8s.io/v1', [], false, 'RuntimeClass'],
  ['deviceclasses', 'resource.k8s.io/v1', [], false, 'DeviceClass'],
  ['resourceclaims', 'resource.k8s.io/v1', [], true, 'ResourceClaim'],
  ['resourceclaimtemplates', 'resource.k8s.io/v1', [], true, 'ResourceClaimTemplate'],
  ['resourceslices', 'resource.k8s.io/v1', [], false, 'ResourceSlice'],
  ['csidrivers', 'storage.k8s.io/v1', [], false, 'CSIDriver'],
  ['csinodes', 'storage.k8s.io/v1', [], false, 'CSINode'],
  ['csistoragecapacities', 'storage.k8s.io/v1', [], true, 'CSIStorageCapacity'],
  ['volumeattachments', 'storage.k8s.io/v1', [], false, 'VolumeAttachment'],
  ['volumeattributesclasses', 'storage.k8s.io/v1', ['vac'], false, 'VolumeAttributesClass'],
];

interface Row {
  name: string;
  short: string[];
  gv: string;
  group: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  categories: string[];
}

export function discovery(): Row[] {
  const rows: Row[] = RESOURCE_TYPES.map((t: ResourceType) => ({ name: t.resource, short: t.shortNames, gv: apiVersionOf(t), group: t.group, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, categories: t.categories }));
  for (const [name, gv, short, namespaced, kind] of EXTRA) {
    const group = gv.includes('/') ? gv.split('/')[0] : '';
    const verbs = /reviews$/.test(name) ? ['create'] : RW;
    rows.push({ name, short, gv, group, namespaced, kind, verbs, categories: kind === 'CustomResourceDefinition' ? ['api-extensions'] : [] });
  }
  return rows.sort((a, b) => (a.group === b.group ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.group < b.group ? -1 : 1));
}

export const apiResourcesVerb: VerbSpec = {
  name: 'api-resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'api-group', type: 'string' },
    { name: 'verbs', type: 'stringArray' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'categories', type: 'stringArray' },
    { name: 'cached', type: 'bool' },
  ],
  run(k) {
    let rows = discovery();
    if (k.flags.has('namespaced')) rows = rows.filter((r) => r.namespaced === k.flags.bool('namespaced'));
    if (k.flags.has('api-group')) rows = rows.filter((r) => r.group === (k.flags.str('api-group') ?? ''));
    const verbs = k.flags.all('verbs').flatMap((v) => v.split(','));
    if (verbs.length) rows = rows.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const cats = k.flags.all('categories').flatMap((v) => v.split(','));
    if (cats.length) rows = rows.filter((r) => cats.every((c) => r.categories.includes(c)));
    const sortBy = k.flags.str('sort-by');
    if (sortBy === 'name') rows.sort((a, b) => a.name.localeCompare(b.name));
    if (sortBy === 'kind') rows.sort((a, b) => a.kind.localeCompare(b.kind));
    const output = k.flags.str('output') ?? '';
    if (output === 'name') {
      for (const r of rows) k.out(`${r.name}${r.group ? '.' + r.group : ''}\n`);
      return 0;
    }
    if (output && output !== 'wide') throw new KubectlError(`--output ${output} is not available`);
    const wide = output === 'wide';
    const table: string[][] = [];
    if (!k.flags.bool('no-headers')) table.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const r of rows) table.push([r.name, r.short.join(','), r.gv, String(r.namespaced), r.kind, ...(wide ? [`[${r.verbs.join(' ')}]`, r.categories.join(',')] : [])]);
    k.out(tabwrite(table));
    return 0;
  },
};

export const apiVersionsVerb: VerbSpec = {
  name: 'api-versions',
  run(k) {
    const gvs = new Set(discovery().map((r) => r.gv));
    k.out([...gvs].sort().map((g) => g + '\n').join(''));
    return 0;
  },
};

const KUSTOMIZE = 'v5.7.1';

export const versionVerb: VerbSpec = {
  name: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(k) {
    const info = (v: string) => ({
      major: '1',
      minor: v.split('.')[1],
      gitVersion: v,
      gitCommit: '66452049f3d692768c39c797b21b793dce80314e',
      gitTreeState: 'clean',
      buildDate: '2025-12-17T12:32:16Z',
      goVersion: 'go1.25.5',
      compiler: 'gc',
      platform: 'linux/amd64',
    });
    const client = k.flags.bool('client');
    const out = k.flags.str('output');
    if (out === 'json' || out === 'yaml') {
      const v = { clientVersion: info(KUBERNETES_VERSION), kustomizeVersion: KUSTOMIZE, ...(client ? {} : { serverVersion: info(KUBERNETES_VERSION) }) };
      k.out(out === 'json' ? toJson(v) + '\n' : toYaml(v));
      return 0;
    }
    if (out) throw new KubectlError(`--output must be 'yaml' or 'json'`);
    k.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE}\n`);
    if (!client) k.out(`Server Version: ${KUBERNETES_VERSION}\n`);
    return 0;
  },
};

export const clusterInfoVerb: VerbSpec = {
  name: 'cluster-info',
  run(k) {
    const node = k.sim.store.get('Node', '', k.sim.options.controlPlaneName);
    const ip = ((node?.status as Record<string, any>)?.addresses ?? []).find((a: Record<string, string>) => a.type === 'InternalIP')?.address ?? '192.168.56.30';
    k.out(`Kubernetes control plane is running at https://${ip}:6443\nCoreDNS is running at https://${ip}:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};

// ---------------------------------------------------------------- explain

/** Descriptions from the Kubernetes API's OpenAPI schema (k8s.io/api doc comments) for the paths the guide explains. */
const DOCS: Record<string, string> = {
  'Pod': 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
  'Service': 'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
  'Deployment': 'Deployment enables declarative updates for Pods and ReplicaSets.',
  'ReplicaSet': 'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
  'ConfigMap': 'ConfigMap holds configuration data for pods to consume.',
  'Secret': 'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.',
  'Namespace': 'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
  '*.apiVersion': 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  '*.kind': 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  '*.metadata': "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  'Pod.spec': 'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
  'Pod.status': 'Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
  'Container.ports':
    'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.',
  'ContainerPort': 'ContainerPort represents a network port in a single container.',
  'ContainerPort.containerPort': "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.",
  'ContainerPort.hostIP': 'What host IP to bind the external port to.',
  'ContainerPort.hostPort': 'Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.',
  'ContainerPort.name': 'If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.',
  'ContainerPort.protocol': 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".',
  // PodSpec: k8s-openapi src/v1_35/api/core/v1/pod_spec.rs (generated from the Kubernetes v1.35 OpenAPI spec).
  'PodSpec': 'PodSpec is a description of a pod.',
  'PodSpec.activeDeadlineSeconds': 'Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer.',
  'PodSpec.affinity': 'If specified, the pod\'s scheduling constraints',
  'PodSpec.automountServiceAccountToken': 'AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.',
  'PodSpec.dnsConfig': 'Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.',
  'PodSpec.dnsPolicy': 'Set DNS policy for the pod. Defaults to "ClusterFirst". Valid values are \'ClusterFirstWithHostNet\', \'ClusterFirst\', \'Default\' or \'None\'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to \'ClusterFirstWithHostNet\'.',
  'PodSpec.enableServiceLinks': 'EnableServiceLinks indicates whether information about services should be injected into pod\'s environment variables, matching the syntax of Docker links. Optional: Defaults to true.',
  'PodSpec.ephemeralContainers': 'List of ephemeral containers run in this pod. Ephemeral containers may be run in an existing pod to perform user-initiated actions such as debugging. This list cannot be specified when creating a pod, and it cannot be modified by updating the pod spec. In order to add an ephemeral container to an existing pod, use the pod\'s ephemeralcontainers subresource.',
  'PodSpec.hostAliases': 'HostAliases is an optional list of hosts and IPs that will be injected into the pod\'s hosts file if specified.',
  'PodSpec.hostIPC': 'Use the host\'s ipc namespace. Optional: Default to false.',
  'PodSpec.hostNetwork': 'Host networking requested for this pod. Use the host\'s network namespace. When using HostNetwork you should specify ports so the scheduler is aware. When `hostNetwork` is true, specified `hostPort` fields in port definitions must match `containerPort`, and unspecified `hostPort` fields in port definitions are defaulted to match `containerPort`. Default to false.',
  'PodSpec.hostPID': 'Use the host\'s pid namespace. Optional: Default to false.',
  'PodSpec.hostUsers': 'Use the host\'s user namespace. Optional: Default to true. If set to true or not present, the pod will be run in the host user namespace, useful for when the pod needs a feature only available to the host user namespace, such as loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns is created for the pod. Setting false is useful for mitigating container breakout vulnerabilities even allowing users to run their containers as root without actually having root privileges on the host. This field is alpha-level and is only honored by servers that enable the UserNamespacesSupport feature.',
  'PodSpec.hostname': 'Specifies the hostname of the Pod If not specified, the pod\'s hostname will be set to a system-defined value.',
  'PodSpec.hostnameOverride': 'HostnameOverride specifies an explicit override for the pod\'s hostname as perceived by the pod. This field only specifies the pod\'s hostname and does not affect its DNS records. When this field is set to a non-empty string: - It takes precedence over the values set in `hostname` and `subdomain`. - The Pod\'s hostname will be set to this value. - `setHostnameAsFQDN` must be nil or set to false. - `hostNetwork` must be set to false.\n\nThis field must be a valid DNS subdomain as defined in RFC 1123 and contain at most 64 characters. Requires the HostnameOverride feature gate to be enabled.',
  'PodSpec.imagePullSecrets': 'ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec. If specified, these secrets will be passed to individual puller implementations for them to use. More info: https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod',
  'PodSpec.initContainers': 'List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/',
  'PodSpec.nodeName': 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
  'PodSpec.nodeSelector': 'NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node\'s labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/',
  'PodSpec.os': 'Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.\n\nIf the OS field is set to linux, the following fields must be unset: -securityContext.windowsOptions\n\nIf the OS field is set to windows, following fields must be unset: - spec.hostPID - spec.hostIPC - spec.hostUsers - spec.resources - spec.securityContext.appArmorProfile - spec.securityContext.seLinuxOptions - spec.securityContext.seccompProfile - spec.securityContext.fsGroup - spec.securityContext.fsGroupChangePolicy - spec.securityContext.sysctls - spec.shareProcessNamespace - spec.securityContext.runAsUser - spec.securityContext.runAsGroup - spec.securityContext.supplementalGroups - spec.securityContext.supplementalGroupsPolicy - spec.containers[*].securityContext.appArmorProfile - spec.containers[*].securityContext.seLinuxOptions - spec.containers[*].securityContext.seccompProfile - spec.containers[*].securityContext.capabilities - spec.containers[*].securityContext.readOnlyRootFilesystem - spec.containers[*].securityContext.privileged - spec.containers[*].securityContext.allowPrivilegeEscalation - spec.containers[*].securityContext.procMount - spec.containers[*].securityContext.runAsUser - spec.containers[*].securityContext.runAsGroup',
  'PodSpec.overhead': 'Overhead represents the resource overhead associated with running a pod for a given RuntimeClass. This field will be autopopulated at admission time by the RuntimeClass admission controller. If the RuntimeClass admission controller is enabled, overhead must not be set in Pod create requests. The RuntimeClass admission controller will reject Pod create requests which have the overhead already set. If RuntimeClass is configured and selected in the PodSpec, Overhead will be set to the value defined in the corresponding RuntimeClass, otherwise it will remain unset and treated as zero. More info: https://git.k8s.io/enhancements/keps/sig-node/688-pod-overhead/README.md',
  'PodSpec.preemptionPolicy': 'PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.',
  'PodSpec.priority': 'The priority value. Various system components use this field to find the priority of the pod. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. The higher the value, the higher the priority.',
  'PodSpec.priorityClassName': 'If specified, indicates the pod\'s priority. "system-node-critical" and "system-cluster-critical" are two special keywords which indicate the highest priorities with the former being the highest priority. Any other name must be defined by creating a PriorityClass object with that name. If not specified, the pod priority will be default or zero if there is no default.',
  'PodSpec.readinessGates': 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
  'PodSpec.resourceClaims': 'ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start. The resources will be made available to those containers which consume them by name.\n\nThis is a stable field but requires that the DynamicResourceAllocation feature gate is enabled.\n\nThis field is immutable.',
  'PodSpec.resources': 'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu", "memory" and "hugepages-" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate.',
  'PodSpec.restartPolicy': 'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy',
  'PodSpec.runtimeClassName': 'RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.  If no RuntimeClass resource matches the named class, the pod will not be run. If unset or empty, the "legacy" RuntimeClass will be used, which is an implicit class with an empty definition that uses the default runtime handler. More info: https://git.k8s.io/enhancements/keps/sig-node/585-runtime-class',
  'PodSpec.schedulerName': 'If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.',
  'PodSpec.schedulingGates': 'SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.\n\nSchedulingGates can only be set at pod creation time, and be removed only afterwards.',
  'PodSpec.securityContext': 'SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field.',
  'PodSpec.serviceAccount': 'DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.',
  'PodSpec.serviceAccountName': 'ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  'PodSpec.setHostnameAsFQDN': 'If true the pod\'s hostname will be configured as the pod\'s FQDN, rather than the leaf name (the default). In Linux containers, this means setting the FQDN in the hostname field of the kernel (the nodename field of struct utsname). In Windows containers, this means setting the registry value of hostname for the registry key HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\Tcpip\\\\Parameters to FQDN. If a pod does not have FQDN, this has no effect. Default to false.',
  'PodSpec.shareProcessNamespace': 'Share a single process namespace between all of the containers in a pod. When this is set containers will be able to view and signal processes from other containers in the same pod, and the first process in each container will not be assigned PID 1. HostPID and ShareProcessNamespace cannot both be set. Optional: Default to false.',
  'PodSpec.subdomain': 'If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not specified, the pod will not have a domainname at all.',
  'PodSpec.terminationGracePeriodSeconds': 'Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds.',
  'PodSpec.tolerations': 'If specified, the pod\'s tolerations.',
  'PodSpec.topologySpreadConstraints': 'TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints. All topologySpreadConstraints are ANDed.',
  'PodSpec.volumes': 'List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes',
  // DeploymentSpec: k8s.io/api apps/v1 types.go doc comments as published in the OpenAPI spec (k8s-openapi deployment_spec.rs).
  'DeploymentSpec': 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
  'DeploymentSpec.minReadySeconds': 'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
  'DeploymentSpec.paused': 'Indicates that the deployment is paused.',
  'DeploymentSpec.progressDeadlineSeconds': 'The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.',
  'DeploymentSpec.replicas': 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.',
  'DeploymentSpec.revisionHistoryLimit': 'The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.',
  'DeploymentSpec.selector': 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template\'s labels.',
  'DeploymentSpec.strategy': 'The deployment strategy to use to replace existing pods with new ones.',
  'DeploymentSpec.template': 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
  'PodSpec.containers': 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
  'Container': 'A single application container that you want to run within a pod.',
  'Container.name': 'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.',
  'Container.image': 'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.',
};

const REQUIRED: Record<string, string[]> = { ContainerPort: ['containerPort'], Container: ['name'], PodSpec: ['containers'] };
const ENUMS: Record<string, [string, string][]> = {
  // +enum types of k8s.io/api core/v1 types.go: values sorted, each with its constant's doc comment less the constant's name.
  'PodSpec.dnsPolicy': [
    ['ClusterFirst', 'indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.'],
    ['ClusterFirstWithHostNet', 'indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.'],
    ['Default', 'indicates that the pod should use the default (as determined by kubelet) DNS settings.'],
    ['None', 'indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.'],
  ],
  'PodSpec.preemptionPolicy': [
    ['Never', 'means that pod never preempts other pods with lower priority.'],
    ['PreemptLowerPriority', 'means that pod can preempt other pods with lower priority.'],
  ],
  'PodSpec.restartPolicy': [
    ['Always', ''],
    ['Never', ''],
    ['OnFailure', ''],
  ],
  'ContainerPort.protocol': [
    ['SCTP', 'is the SCTP protocol.'],
    ['TCP', 'is the TCP protocol.'],
    ['UDP', 'is the UDP protocol.'],
  ],
};

/**
 * The template's `wrap`: github.com/mitchellh/go-wordwrap WrapString (kubectl pkg/util/term
 * NewWordWrapWriter). Breaks only at white space; a line break in the text resets the line;
 * a word as long as the limit overflows; leading spaces of a line are kept.
 */
function wordWrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + space.length <= lim) buf += space;
        space = '';
      } else {
        buf += space + word;
        space = '';
        word = '';
      }
      buf += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** The template's `indent`: pad the first line and every line after a line break. */
function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join('\n' + pad);
}

/**
 * The OpenAPI type of fields the sim's schema leaves unchecked ('any'), for explain's type guess
 * (types from k8s-openapi src/v1_35/api/core/v1/pod_spec.rs).
 */
const ANY_TYPES: Record<string, string> = {
  'PodSpec.ephemeralContainers': '[]EphemeralContainer',
  'PodSpec.os': 'PodOS',
  'PodSpec.overhead': 'map[string]Quantity',
  'PodSpec.readinessGates': '[]PodReadinessGate',
  'PodSpec.resourceClaims': '[]PodResourceClaim',
  'PodSpec.schedulingGates': '[]PodSchedulingGate',
  'PodSpec.securityContext': 'PodSecurityContext',
  'PodSpec.topologySpreadConstraints': '[]TopologySpreadConstraint',
};

function fieldType(owner: string, field: string, ref: string): string {
  return (ref === 'any' && ANY_TYPES[`${owner}.${field}`]) || typeName(ref);
}

function typeName(ref: string): string {
  if (ref.startsWith('[]')) return `[]${typeName(ref.slice(2))}`;
  switch (ref) {
    case 'string':
    case 'time':
      return 'string';
    case 'int32':
    case 'int64':
      return 'integer';
    case 'bool':
      return 'boolean';
    case 'number':
      return 'number';
    case 'map':
      return 'map[string]string';
    case 'quantities':
      return 'map[string]Quantity';
    case 'quantity':
      return 'Quantity';
    case 'intstr':
      return 'IntOrString';
    case 'object':
    case 'any':
      return 'Object';
  }
  return ref;
}

/**
 * A description as the API server's OpenAPI v3 document serves it: for an enum field the
 * openapi generator appends "Possible enum values:" with each value's doc comment.
 */
function doc(owner: string, field?: string): string | undefined {
  if (!field) return DOCS[owner];
  const d = DOCS[`${owner}.${field}`] ?? (['apiVersion', 'kind', 'metadata'].includes(field) ? DOCS[`*.${field}`] : undefined);
  const en = ENUMS[`${owner}.${field}`];
  if (!d || !en) return d;
  return `${d}\n\nPossible enum values:\n${en.map(([v, m]) => ` - \`"${v}"\`${m ? ' ' + m : ''}`).join('\n')}`;
}

/** An enum value as the template's extractEnum prints it (`""` for the empty string). */
function enumValue(v: string): string {
  return v === '' ? '""' : v;
}

export const explainVerb: VerbSpec = {
  name: 'explain',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(k) {
    const arg = k.args[0];
    if (!arg) throw new KubectlError("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples");
    const [res, ...path] = arg.split('.');
    const t = resolveResource(res);
    if (!t) throw new KubectlError(`the server doesn't have a resource type "${res}"`);
    let owner = t.kind;
    let ref = t.kind;
    let fieldName: string | undefined;
    for (const p of path) {
      const st = structOf(ref.replace(/^\[\]/, ''));
      const next = st?.[p];
      if (!st || next === undefined) throw new KubectlError(`field "${p}" does not exist`);
      owner = ref.replace(/^\[\]/, '');
      ref = next;
      fieldName = p;
    }
    // kubectl explain/v2/templates/plaintext.tmpl (kubectl v1.35).
    let out = t.group ? `GROUP:      ${t.group}\n` : '';
    out += `KIND:       ${t.kind}\nVERSION:    ${t.version}\n\n`;
    const target = ref.replace(/^\[\]/, '');
    const fieldEnum = fieldName ? ENUMS[`${owner}.${fieldName}`] : undefined;
    if (fieldName) {
      out += `FIELD: ${fieldName} <${fieldType(owner, fieldName, ref)}>\n`;
      if (fieldEnum) out += 'ENUM:' + fieldEnum.map(([v]) => '\n    ' + enumValue(v)).join('');
      out += '\n\n';
    }
    // template "description": the field's own description, then its type's, each ending in a line break.
    const desc = [fieldName ? doc(owner, fieldName) : undefined, doc(target)].filter(Boolean).map((d) => d + '\n').join('');
    // The sim has no text for some fields; it prints no DESCRIPTION for them rather than a made-up one.
    if (desc) out += 'DESCRIPTION:\n' + indent(4, wordWrap(desc, 76)) + '\n';
    const fields = fieldsOf(target);
    if (fields) {
      out += 'FIELDS:\n';
      for (const f of Object.keys(fields).sort()) {
        // template "fieldDetail" at level 1 (indent 2)
        out += `  ${f}\t<${fieldType(target, f, fields[f])}>`;
        if (REQUIRED[target]?.includes(f)) out += ' -required-';
        const en = ENUMS[`${target}.${f}`];
        if (en) out += '\n  enum: ' + en.slice(0, 4).map(([v]) => enumValue(v)).join(', ') + (en.length > 4 ? ', ....' : '');
        out += '\n';
        const d = doc(target, f);
        if (d) out += indent(4, wordWrap(d, 76)) + '\n';
        out += '\n';
      }
    }
    k.out(out + '\n');
    return 0;
  },
};
