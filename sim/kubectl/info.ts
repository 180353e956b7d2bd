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
  // Container: k8s-openapi src/v1_35/api/core/v1/container.rs (the v1.35 generation in the ngergs/k8s-openapi fork of
  // Arnavion/k8s-openapi, which does not hold this file); ResourceRequirements: resource_requirements.rs of the same tree.
  'Container.args': "Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell",
  'Container.command': "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell",
  'Container.env': "List of environment variables to set in the container. Cannot be updated.",
  'Container.envFrom': "List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except '='. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.",
  'Container.imagePullPolicy': "Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images",
  'Container.lifecycle': "Actions that the management system should take in response to container lifecycle events. Cannot be updated.",
  'Container.livenessProbe': "Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
  'Container.readinessProbe': "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
  'Container.resizePolicy': "Resources resize policy for the container. This field cannot be set on ephemeral containers.",
  'Container.resources': "Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
  'Container.restartPolicyRules': "Represents a list of rules to be checked to determine if the container should be restarted on exit. The rules are evaluated in order. Once a rule matches a container exit condition, the remaining rules are ignored. If no rule matches the container exit condition, the Container-level restart policy determines the whether the container is restarted or not. Constraints on the rules: - At most 20 rules are allowed. - Rules can have the same action. - Identical rules are not forbidden in validations. When rules are specified, container MUST set RestartPolicy explicitly even it if matches the Pod's RestartPolicy.",
  'Container.securityContext': "SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
  'Container.startupProbe': "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
  'Container.stdin': "Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.",
  'Container.stdinOnce': "Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false",
  'Container.terminationMessagePath': "Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.",
  'Container.terminationMessagePolicy': "Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.",
  'Container.tty': "Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.",
  'Container.volumeDevices': "volumeDevices is the list of block devices to be used by the container.",
  'Container.volumeMounts': "Pod volumes to mount into the container's filesystem. Cannot be updated.",
  'Container.workingDir': "Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.",
  'ResourceRequirements': 'ResourceRequirements describes the compute resource requirements.',
  'ResourceRequirements.claims': 'Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.\n\nThis field depends on the DynamicResourceAllocation feature gate.\n\nThis field is immutable. It can only be set for containers.',
  'ResourceRequirements.limits': 'Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  'ResourceRequirements.requests': 'Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  // ServiceSpec: k8s-openapi src/v1_35/api/core/v1/service_spec.rs (ngergs/k8s-openapi, v1.35 generation).
  'ServiceSpec': 'ServiceSpec describes the attributes that a user creates on a service.',
  'ServiceSpec.allocateLoadBalancerNodePorts': 'allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer.  Default is "true". It may be set to "false" if the cluster load-balancer does not rely on NodePorts.  If the caller requests specific NodePorts (by specifying a value), those requests will be respected, regardless of this field. This field may only be set for services with type LoadBalancer and will be cleared if the type is changed to any other type.',
  'ServiceSpec.clusterIP': 'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
  'ServiceSpec.clusterIPs': 'ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly.  If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be empty) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address.  Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName.  If this field is not specified, it will be initialized from the clusterIP field.  If this field is specified, clients must ensure that clusterIPs[0] and clusterIP have the same value.\n\nThis field may hold a maximum of two entries (dual-stack IPs, in either order). These IPs must correspond to the values of the ipFamilies field. Both clusterIPs and ipFamilies are governed by the ipFamilyPolicy field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
  'ServiceSpec.externalIPs': 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.',
  'ServiceSpec.externalName': 'externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record). No proxying will be involved.  Must be a lowercase RFC-1123 hostname (https://tools.ietf.org/html/rfc1123) and requires `type` to be "ExternalName".',
  'ServiceSpec.externalTrafficPolicy': 'externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service\'s "externally-facing" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs). If set to "Local", the proxy will configure the service in a way that assumes that external load balancers will take care of balancing the service traffic between nodes, and so each node will deliver traffic only to the node-local endpoints of the service, without masquerading the client source IP. (Traffic mistakenly sent to a node with no endpoints will be dropped.) The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features). Note that traffic sent to an External IP or LoadBalancer IP from within the cluster will always get "Cluster" semantics, but clients sending to a NodePort from within the cluster may need to take traffic policy into account when picking a node.',
  'ServiceSpec.healthCheckNodePort': 'healthCheckNodePort specifies the healthcheck nodePort for the service. This only applies when type is set to LoadBalancer and externalTrafficPolicy is set to Local. If a value is specified, is in-range, and is not in use, it will be used.  If not specified, a value will be automatically allocated.  External systems (e.g. load-balancers) can use this port to determine if a given node holds endpoints for this service or not.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type). This field cannot be updated once set.',
  'ServiceSpec.internalTrafficPolicy': 'InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP. If set to "Local", the proxy will assume that pods only want to talk to endpoints of the service on the same node as the pod, dropping the traffic if there are no local endpoints. The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features).',
  'ServiceSpec.loadBalancerClass': 'loadBalancerClass is the class of the load balancer implementation this Service belongs to. If specified, the value of this field must be a label-style identifier, with an optional prefix, e.g. "internal-vip" or "example.com/internal-vip". Unprefixed names are reserved for end-users. This field can only be set when the Service type is \'LoadBalancer\'. If not set, the default load balancer implementation is used, today this is typically done through the cloud provider integration, but should apply for any default implementation. If set, it is assumed that a load balancer implementation is watching for Services with a matching class. Any default load balancer implementation (e.g. cloud providers) should ignore Services that set this field. This field can only be set when creating or updating a Service to type \'LoadBalancer\'. Once set, it can not be changed. This field will be wiped when a service is updated to a non \'LoadBalancer\' type.',
  'ServiceSpec.loadBalancerIP': 'Only applies to Service Type: LoadBalancer. This feature depends on whether the underlying cloud-provider supports specifying the loadBalancerIP when a load balancer is created. This field will be ignored if the cloud-provider does not support the feature. Deprecated: This field was under-specified and its meaning varies across implementations. Using it is non-portable and it may not support dual-stack. Users are encouraged to use implementation-specific annotations when available.',
  'ServiceSpec.loadBalancerSourceRanges': 'If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs. This field will be ignored if the cloud-provider does not support the feature." More info: https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/',
  'ServiceSpec.ports': 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
  'ServiceSpec.publishNotReadyAddresses': 'publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready. The primary use case for setting this field is for a StatefulSet\'s Headless Service to propagate SRV DNS records for its Pods for the purpose of peer discovery. The Kubernetes controllers that generate Endpoints and EndpointSlice resources for Services interpret this to mean that all endpoints are considered "ready" even if the Pods themselves are not. Agents which consume only Kubernetes generated endpoints through the Endpoints or EndpointSlice resources can safely assume this behavior.',
  'ServiceSpec.selector': 'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/',
  'ServiceSpec.sessionAffinity': 'Supports "ClientIP" and "None". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
  'ServiceSpec.sessionAffinityConfig': 'sessionAffinityConfig contains the configurations of session affinity.',
  'ServiceSpec.trafficDistribution': 'TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints. Implementations can use this field as a hint, but are not required to guarantee strict adherence. If the field is not set, the implementation will apply its default routing strategy. If set to "PreferClose", implementations should prioritize endpoints that are in the same zone.',
  'ServiceSpec.type': 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  // ObjectMeta: k8s-openapi src/v1_35/apimachinery/pkg/apis/meta/v1/object_meta.rs (ngergs/k8s-openapi, v1.35 generation).
  'ObjectMeta': 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
  'ObjectMeta.annotations': 'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations',
  'ObjectMeta.creationTimestamp': 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  'ObjectMeta.deletionGracePeriodSeconds': 'Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.',
  'ObjectMeta.deletionTimestamp': 'DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. The resource is expected to be deleted (no longer visible from resource lists, and not reachable by name) after the time in this field, once the finalizers list is empty. As long as the finalizers list contains items, deletion is blocked. Once the deletionTimestamp is set, this value may not be unset or be set further into the future, although it may be shortened or the resource may be deleted prior to this time. For example, a user may request that a pod is deleted in 30 seconds. The Kubelet will react by sending a graceful termination signal to the containers in the pod. After that 30 seconds, the Kubelet will send a hard termination signal (SIGKILL) to the container and after cleanup, remove the pod from the API. In the presence of network partitions, this object may still exist after this timestamp, until an administrator or automated process can determine the resource is fully terminated. If not set, graceful deletion of the object has not been requested.\n\nPopulated by the system when a graceful deletion is requested. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  'ObjectMeta.finalizers': 'Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed. Finalizers may be processed and removed in any order.  Order is NOT enforced because it introduces significant risk of stuck finalizers. finalizers is a shared field, any actor with permission can reorder it. If the finalizer list is processed in order, then this can lead to a situation in which the component responsible for the first finalizer in the list is waiting for a signal (field value, external system, or other) produced by a component responsible for a finalizer later in the list, resulting in a deadlock. Without enforced ordering finalizers are free to order amongst themselves and are not vulnerable to ordering changes in the list.',
  'ObjectMeta.generateName': 'GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided. If this field is used, the name returned to the client will be different than the name passed. This value will also be combined with a unique suffix. The provided value has the same validation rules as the Name field, and may be truncated by the length of the suffix required to make the value unique on the server.\n\nIf this field is specified and the generated name exists, the server will return a 409.\n\nApplied only if Name is not specified. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency',
  'ObjectMeta.generation': 'A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.',
  'ObjectMeta.labels': 'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels',
  'ObjectMeta.managedFields': 'ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn\'t need to set or understand this field. A workflow can be the user\'s name, a controller\'s name, or the name of a specific apply path like "ci-cd". The set of fields is always in the version that the workflow used when modifying the object.',
  'ObjectMeta.name': 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  'ObjectMeta.namespace': 'Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation. Not all objects are required to be scoped to a namespace - the value of this field for those objects will be empty.\n\nMust be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces',
  'ObjectMeta.ownerReferences': 'List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true. There cannot be more than one managing controller.',
  'ObjectMeta.resourceVersion': 'An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. May be used for optimistic concurrency, change detection, and the watch operation on a resource or set of resources. Clients must treat these values as opaque and passed unmodified back to the server. They may only be valid for a particular resource or set of resources.\n\nPopulated by the system. Read-only. Value must be treated as opaque by clients and . More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency',
  'ObjectMeta.selfLink': 'Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.',
  'ObjectMeta.uid': 'UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations.\n\nPopulated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids',
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
  // PullPolicy, TerminationMessagePolicy, ServiceType, ServiceExternalTrafficPolicy, ServiceInternalTrafficPolicy and
  // ServiceAffinity constants: kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go (001a778f).
  'Container.imagePullPolicy': [
    ['Always', 'means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.'],
    ['IfNotPresent', "means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails."],
    ['Never', "means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present"],
  ],
  'Container.terminationMessagePolicy': [
    ['FallbackToLogsOnError', 'will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.'],
    ['File', "is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits."],
  ],
  'ServiceSpec.externalTrafficPolicy': [
    ['Cluster', 'routes traffic to all endpoints.'],
    ['Local', 'preserves the source IP of the traffic by routing only to endpoints on the same node as the traffic was received on (dropping the traffic if there are no local endpoints).'],
  ],
  'ServiceSpec.internalTrafficPolicy': [
    ['Cluster', 'routes traffic to all endpoints.'],
    ['Local', 'routes traffic only to endpoints on the same node as the client pod (dropping the traffic if there are no local endpoints).'],
  ],
  'ServiceSpec.sessionAffinity': [
    ['ClientIP', 'is the Client IP based.'],
    ['None', '- no session affinity.'],
  ],
  'ServiceSpec.type': [
    ['ClusterIP', 'means a service will only be accessible inside the cluster, via the cluster IP.'],
    ['ExternalName', 'means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.'],
    ['LoadBalancer', "means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to 'NodePort' type."],
    ['NodePort', "means a service will be exposed on one port of every node, in addition to 'ClusterIP' type."],
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
  // container.rs, resource_requirements.rs, service_spec.rs, object_meta.rs of the same v1.35 generation.
  'Container.resizePolicy': '[]ContainerResizePolicy',
  'Container.restartPolicyRules': '[]ContainerRestartRule',
  'Container.securityContext': 'SecurityContext',
  'Container.volumeDevices': '[]VolumeDevice',
  'ResourceRequirements.claims': '[]ResourceClaim',
  'ServiceSpec.sessionAffinityConfig': 'SessionAffinityConfig',
  'ObjectMeta.managedFields': '[]ManagedFieldsEntry',
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
