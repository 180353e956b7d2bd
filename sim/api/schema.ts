/**
 * The shape of the built-in API types, for the API server's strict decoding
 * (apiserver field validation "Strict", the kubectl default) and for
 * `kubectl explain`:
 * - a field that does not exist: `unknown field "spec.containers[0].imagee"`
 *   (kubernetes-sigs/json kubernetes_patch.go; joined by ", " after
 *   "strict decoding error: ", apimachinery pkg/runtime/error.go);
 * - a value of the wrong JSON type: encoding/json's UnmarshalTypeError,
 *   `json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`
 *   (the Go field path has no indices), which fails decoding before strict checks.
 *
 * Types are written as data: `{ field: 'type' }` where type is a scalar
 * (`string`, `int32`, `int64`, `bool`, `number`), `quantity`/`intstr` (int or
 * string), `time`, `map` (map[string]string), `object` (free-form), `any`
 * (not checked), `[]T` (list) or the name of another struct below. Rarely used
 * corners are `any`, so a valid manifest is never rejected.
 *
 * Fields are listed in the Go struct declaration order of k8s.io/api (TypeMeta
 * `kind, apiVersion` first, inlined structs at their place): api/go-json.ts
 * serialises raw API responses in this order, as encoding/json does. Decoding
 * and `kubectl explain` (which sorts) do not depend on it.
 */

import { isQuantity, parseQuantity, QUANTITY_ERROR } from './quantity';

export type TypeRef = string;
export type Struct = Record<string, TypeRef>;

const S: Record<string, Struct> = {
  ObjectMeta: {
    name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'string', resourceVersion: 'string',
    generation: 'int64', creationTimestamp: 'time', deletionTimestamp: 'time', deletionGracePeriodSeconds: 'int64',
    labels: 'map', annotations: 'map', ownerReferences: '[]OwnerReference', finalizers: '[]string', managedFields: 'any',
  },
  OwnerReference: { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' },
  LabelSelector: { matchLabels: 'map', matchExpressions: '[]LabelSelectorRequirement' },
  LabelSelectorRequirement: { key: 'string', operator: 'string', values: '[]string' },

  Pod: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'PodSpec', status: 'any' },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  PodSpec: {
    volumes: '[]Volume', initContainers: '[]Container', containers: '[]Container', ephemeralContainers: 'any',
    restartPolicy: 'string', terminationGracePeriodSeconds: 'int64', activeDeadlineSeconds: 'int64', dnsPolicy: 'string',
    nodeSelector: 'map', serviceAccountName: 'string', serviceAccount: 'string', automountServiceAccountToken: 'bool',
    nodeName: 'string', hostNetwork: 'bool', hostPID: 'bool', hostIPC: 'bool', shareProcessNamespace: 'bool',
    securityContext: 'any', imagePullSecrets: '[]LocalObjectReference', hostname: 'string', subdomain: 'string',
    affinity: 'Affinity', schedulerName: 'string', tolerations: '[]Toleration', hostAliases: '[]HostAlias',
    priorityClassName: 'string', priority: 'int32', dnsConfig: 'PodDNSConfig', readinessGates: 'any', runtimeClassName: 'string',
    enableServiceLinks: 'bool', preemptionPolicy: 'string', overhead: 'any', topologySpreadConstraints: 'any', setHostnameAsFQDN: 'bool',
    os: 'any', hostUsers: 'bool', schedulingGates: 'any', resourceClaims: 'any', resources: 'ResourceRequirements', hostnameOverride: 'string',
    workloadRef: 'WorkloadReference',
  },
  WorkloadReference: { name: 'string', podGroup: 'string', podGroupReplicaKey: 'string' },
  Container: {
    name: 'string', image: 'string', command: '[]string', args: '[]string', workingDir: 'string', ports: '[]ContainerPort',
    envFrom: '[]EnvFromSource', env: '[]EnvVar', resources: 'ResourceRequirements', resizePolicy: 'any', restartPolicy: 'string',
    restartPolicyRules: 'any', volumeMounts: '[]VolumeMount', volumeDevices: 'any', livenessProbe: 'Probe', readinessProbe: 'Probe',
    startupProbe: 'Probe', lifecycle: 'Lifecycle', terminationMessagePath: 'string', terminationMessagePolicy: 'string',
    imagePullPolicy: 'string', securityContext: 'any', stdin: 'bool', stdinOnce: 'bool', tty: 'bool',
  },
  ContainerPort: { name: 'string', hostPort: 'int32', containerPort: 'int32', protocol: 'string', hostIP: 'string' },
  EnvVar: { name: 'string', value: 'string', valueFrom: 'EnvVarSource' },
  EnvVarSource: {
    fieldRef: 'ObjectFieldSelector', resourceFieldRef: 'ResourceFieldSelector', configMapKeyRef: 'ConfigMapKeySelector', secretKeyRef: 'SecretKeySelector',
    fileKeyRef: 'any',
  },
  ObjectFieldSelector: { apiVersion: 'string', fieldPath: 'string' },
  ResourceFieldSelector: { containerName: 'string', resource: 'string', divisor: 'quantity' },
  ConfigMapKeySelector: { name: 'string', key: 'string', optional: 'bool' },
  SecretKeySelector: { name: 'string', key: 'string', optional: 'bool' },
  EnvFromSource: { prefix: 'string', configMapRef: 'ConfigMapEnvSource', secretRef: 'SecretEnvSource' },
  ConfigMapEnvSource: { name: 'string', optional: 'bool' },
  SecretEnvSource: { name: 'string', optional: 'bool' },
  LocalObjectReference: { name: 'string' },
  ResourceRequirements: { limits: 'quantities', requests: 'quantities', claims: 'any' },
  VolumeMount: { name: 'string', readOnly: 'bool', recursiveReadOnly: 'string', mountPath: 'string', subPath: 'string', mountPropagation: 'string', subPathExpr: 'string' },
  Probe: {
    exec: 'ExecAction', httpGet: 'HTTPGetAction', tcpSocket: 'TCPSocketAction', grpc: 'any', initialDelaySeconds: 'int32', timeoutSeconds: 'int32',
    periodSeconds: 'int32', successThreshold: 'int32', failureThreshold: 'int32', terminationGracePeriodSeconds: 'int64',
  },
  ExecAction: { command: '[]string' },
  HTTPGetAction: { path: 'string', port: 'intstr', host: 'string', scheme: 'string', httpHeaders: 'any' },
  TCPSocketAction: { port: 'intstr', host: 'string' },
  Lifecycle: { postStart: 'LifecycleHandler', preStop: 'LifecycleHandler', stopSignal: 'string' },
  LifecycleHandler: { exec: 'ExecAction', httpGet: 'HTTPGetAction', tcpSocket: 'TCPSocketAction', sleep: 'any' },
  Toleration: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'int64' },
  HostAlias: { ip: 'string', hostnames: '[]string' },
  PodDNSConfig: { nameservers: '[]string', searches: '[]string', options: 'any' },
  Affinity: { nodeAffinity: 'NodeAffinity', podAffinity: 'any', podAntiAffinity: 'any' },
  NodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: 'NodeSelector', preferredDuringSchedulingIgnoredDuringExecution: '[]PreferredSchedulingTerm' },
  NodeSelector: { nodeSelectorTerms: '[]NodeSelectorTerm' },
  NodeSelectorTerm: { matchExpressions: '[]NodeSelectorRequirement', matchFields: '[]NodeSelectorRequirement' },
  NodeSelectorRequirement: { key: 'string', operator: 'string', values: '[]string' },
  PreferredSchedulingTerm: { weight: 'int32', preference: 'NodeSelectorTerm' },
  Volume: {
    name: 'string', hostPath: 'HostPathVolumeSource', emptyDir: 'EmptyDirVolumeSource', gcePersistentDisk: 'any', awsElasticBlockStore: 'any',
    gitRepo: 'any', secret: 'SecretVolumeSource', nfs: 'any', iscsi: 'any', glusterfs: 'any', persistentVolumeClaim: 'PersistentVolumeClaimVolumeSource', rbd: 'any',
    flexVolume: 'any', cinder: 'any', cephfs: 'any', flocker: 'any', downwardAPI: 'any', fc: 'any', azureFile: 'any', configMap: 'ConfigMapVolumeSource',
    vsphereVolume: 'any', quobyte: 'any', azureDisk: 'any', photonPersistentDisk: 'any', projected: 'any', portworxVolume: 'any', scaleIO: 'any',
    storageos: 'any', csi: 'any', ephemeral: 'any', image: 'any',
  },
  HostPathVolumeSource: { path: 'string', type: 'string' },
  EmptyDirVolumeSource: { medium: 'string', sizeLimit: 'quantity' },
  ConfigMapVolumeSource: { name: 'string', items: '[]KeyToPath', defaultMode: 'int32', optional: 'bool' },
  SecretVolumeSource: { secretName: 'string', items: '[]KeyToPath', defaultMode: 'int32', optional: 'bool' },
  KeyToPath: { key: 'string', path: 'string', mode: 'int32' },
  PersistentVolumeClaimVolumeSource: { claimName: 'string', readOnly: 'bool' },

  Service: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'ServiceSpec', status: 'any' },
  ServiceSpec: {
    ports: '[]ServicePort', selector: 'map', clusterIP: 'string', clusterIPs: '[]string', type: 'string', externalIPs: '[]string',
    sessionAffinity: 'string', loadBalancerIP: 'string', loadBalancerSourceRanges: '[]string', externalName: 'string',
    externalTrafficPolicy: 'string', healthCheckNodePort: 'int32', publishNotReadyAddresses: 'bool', sessionAffinityConfig: 'any',
    ipFamilies: '[]string', ipFamilyPolicy: 'string', allocateLoadBalancerNodePorts: 'bool', loadBalancerClass: 'string',
    internalTrafficPolicy: 'string', trafficDistribution: 'string',
  },
  ServicePort: { name: 'string', protocol: 'string', appProtocol: 'string', port: 'int32', targetPort: 'intstr', nodePort: 'int32' },
  Endpoints: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', subsets: '[]EndpointSubset' },
  EndpointSubset: { addresses: '[]EndpointAddress', notReadyAddresses: '[]EndpointAddress', ports: '[]EndpointPort' },
  EndpointAddress: { ip: 'string', hostname: 'string', nodeName: 'string', targetRef: 'any' },
  EndpointPort: { name: 'string', port: 'int32', protocol: 'string', appProtocol: 'string' },

  ConfigMap: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', immutable: 'bool', data: 'map', binaryData: 'object' },
  Secret: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', immutable: 'bool', data: 'map', stringData: 'map', type: 'string' },
  Namespace: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'any', status: 'any' },
  ServiceAccount: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', secrets: 'any', imagePullSecrets: '[]LocalObjectReference', automountServiceAccountToken: 'bool' },
  ResourceQuota: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'ResourceQuotaSpec', status: 'any' },
  ResourceQuotaSpec: { hard: 'quantities', scopes: '[]string', scopeSelector: 'any' },
  LimitRange: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'LimitRangeSpec' },
  LimitRangeSpec: { limits: '[]LimitRangeItem' },
  LimitRangeItem: { type: 'string', max: 'quantities', min: 'quantities', default: 'quantities', defaultRequest: 'quantities', maxLimitRequestRatio: 'quantities' },
  PersistentVolume: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'PersistentVolumeSpec', status: 'any' },
  PersistentVolumeSpec: {
    capacity: 'quantities', gcePersistentDisk: 'any', awsElasticBlockStore: 'any', hostPath: 'HostPathVolumeSource', glusterfs: 'any', nfs: 'any',
    rbd: 'any', iscsi: 'any', cinder: 'any', cephfs: 'any', fc: 'any', flocker: 'any', flexVolume: 'any', azureFile: 'any', vsphereVolume: 'any',
    quobyte: 'any', azureDisk: 'any', photonPersistentDisk: 'any', portworxVolume: 'any', scaleIO: 'any', local: 'any', storageos: 'any', csi: 'any',
    accessModes: '[]string', claimRef: 'any', persistentVolumeReclaimPolicy: 'string', storageClassName: 'string', mountOptions: '[]string',
    volumeMode: 'string', nodeAffinity: 'any', volumeAttributesClassName: 'string',
  },
  PersistentVolumeClaim: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec', status: 'any' },
  PersistentVolumeClaimSpec: {
    accessModes: '[]string', selector: 'LabelSelector', resources: 'VolumeResourceRequirements', volumeName: 'string', storageClassName: 'string',
    volumeMode: 'string', dataSource: 'any', dataSourceRef: 'any', volumeAttributesClassName: 'string',
  },
  VolumeResourceRequirements: { limits: 'quantities', requests: 'quantities' },
  StorageClass: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', provisioner: 'string', parameters: 'map', reclaimPolicy: 'string',
    mountOptions: '[]string', allowVolumeExpansion: 'bool', volumeBindingMode: 'string', allowedTopologies: 'any',
  },

  Deployment: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'any' },
  DeploymentSpec: {
    replicas: 'int32', selector: 'LabelSelector', template: 'PodTemplateSpec', strategy: 'DeploymentStrategy', minReadySeconds: 'int32',
    revisionHistoryLimit: 'int32', paused: 'bool', progressDeadlineSeconds: 'int32',
  },
  DeploymentStrategy: { type: 'string', rollingUpdate: 'RollingUpdateDeployment' },
  RollingUpdateDeployment: { maxUnavailable: 'intstr', maxSurge: 'intstr' },
  ReplicaSet: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'ReplicaSetSpec', status: 'any' },
  ReplicaSetSpec: { replicas: 'int32', minReadySeconds: 'int32', selector: 'LabelSelector', template: 'PodTemplateSpec' },
  ReplicationController: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'ReplicationControllerSpec', status: 'any' },
  ReplicationControllerSpec: { replicas: 'int32', minReadySeconds: 'int32', selector: 'map', template: 'PodTemplateSpec' },
  DaemonSet: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'DaemonSetSpec', status: 'any' },
  DaemonSetSpec: { selector: 'LabelSelector', template: 'PodTemplateSpec', updateStrategy: 'any', minReadySeconds: 'int32', revisionHistoryLimit: 'int32' },
  StatefulSet: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'StatefulSetSpec', status: 'any' },
  StatefulSetSpec: {
    replicas: 'int32', selector: 'LabelSelector', template: 'PodTemplateSpec', volumeClaimTemplates: '[]PersistentVolumeClaim',
    serviceName: 'string', podManagementPolicy: 'string', updateStrategy: 'any', revisionHistoryLimit: 'int32', minReadySeconds: 'int32',
    persistentVolumeClaimRetentionPolicy: 'any', ordinals: 'any',
  },
  Job: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'JobSpec', status: 'any' },
  JobSpec: {
    parallelism: 'int32', completions: 'int32', activeDeadlineSeconds: 'int64', podFailurePolicy: 'any', successPolicy: 'any',
    backoffLimit: 'int32', backoffLimitPerIndex: 'int32', maxFailedIndexes: 'int32', selector: 'LabelSelector', manualSelector: 'bool',
    template: 'PodTemplateSpec', ttlSecondsAfterFinished: 'int32', completionMode: 'string', suspend: 'bool', podReplacementPolicy: 'string', managedBy: 'string',
  },
  CronJob: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'CronJobSpec', status: 'any' },
  CronJobSpec: {
    schedule: 'string', timeZone: 'string', startingDeadlineSeconds: 'int64', concurrencyPolicy: 'string', suspend: 'bool',
    jobTemplate: 'JobTemplateSpec', successfulJobsHistoryLimit: 'int32', failedJobsHistoryLimit: 'int32',
  },
  JobTemplateSpec: { metadata: 'ObjectMeta', spec: 'JobSpec' },

  Role: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', rules: '[]PolicyRule' },
  ClusterRole: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', rules: '[]PolicyRule', aggregationRule: 'any' },
  PolicyRule: { verbs: '[]string', apiGroups: '[]string', resources: '[]string', resourceNames: '[]string', nonResourceURLs: '[]string' },
  RoleBinding: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', subjects: '[]Subject', roleRef: 'RoleRef' },
  ClusterRoleBinding: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', subjects: '[]Subject', roleRef: 'RoleRef' },
  Subject: { kind: 'string', apiGroup: 'string', name: 'string', namespace: 'string' },
  RoleRef: { apiGroup: 'string', kind: 'string', name: 'string' },
};

/**
 * Types strict decoding does not check, in Go declaration order: the status types, Node and the structs under
 * fields decoding leaves `any`. A real kube-apiserver strict-decodes those too, but objects written back through
 * kubectl (edit, replace, patch of a whole object) carry the status the controllers and kubelet wrote, so checking it
 * would turn any field this table lacks into a decoding error. `kubectl explain` walks them, and go-json.ts writes
 * raw API JSON in their order (with its own table for the structs below them that explain does not describe: a
 * field here may name a type only go-json.ts lists; explain then shows that type's name, as TYPE_NAMES gives it,
 * without fields). Fields left `any` are values go-json.ts writes as they are.
 * Sources: k8s.io/api core/v1, apps/v1, batch/v1 and rbac/v1 types.go; the v1.35 OpenAPI schemas explain-docs.ts names.
 */
const EXPLAIN_ONLY: Record<string, Struct> = {
  PodStatus: {
    observedGeneration: 'int64', phase: 'string', conditions: '[]PodCondition', message: 'string', reason: 'string', nominatedNodeName: 'string',
    hostIP: 'string', hostIPs: '[]HostIP', podIP: 'string', podIPs: '[]PodIP', startTime: 'time', initContainerStatuses: '[]ContainerStatus',
    containerStatuses: '[]ContainerStatus', qosClass: 'string', ephemeralContainerStatuses: '[]ContainerStatus', resize: 'string',
    resourceClaimStatuses: '[]PodResourceClaimStatus', extendedResourceClaimStatus: 'any', allocatedResources: 'quantities', resources: 'ResourceRequirements',
  },
  PodCondition: {
    type: 'string', observedGeneration: 'int64', status: 'string', lastProbeTime: 'time', lastTransitionTime: 'time', reason: 'string', message: 'string',
  },
  HostIP: { ip: 'string' },
  PodIP: { ip: 'string' },
  ContainerStatus: {
    name: 'string', state: 'ContainerState', lastState: 'ContainerState', ready: 'bool', restartCount: 'int32', image: 'string', imageID: 'string',
    containerID: 'string', started: 'bool', allocatedResources: 'quantities', resources: 'ResourceRequirements', volumeMounts: '[]VolumeMountStatus',
    user: 'ContainerUser', allocatedResourcesStatus: 'any', stopSignal: 'string',
  },
  ContainerState: { waiting: 'ContainerStateWaiting', running: 'ContainerStateRunning', terminated: 'ContainerStateTerminated' },
  ContainerStateWaiting: { reason: 'string', message: 'string' },
  ContainerStateRunning: { startedAt: 'time' },
  ContainerStateTerminated: {
    exitCode: 'int32', signal: 'int32', reason: 'string', message: 'string', startedAt: 'time', finishedAt: 'time', containerID: 'string',
  },
  VolumeMountStatus: { name: 'string', mountPath: 'string', readOnly: 'bool', recursiveReadOnly: 'string' },
  ContainerUser: { linux: 'LinuxContainerUser' },
  LinuxContainerUser: { uid: 'int64', gid: 'int64', supplementalGroups: '[]int64' },

  ServiceStatus: { loadBalancer: 'LoadBalancerStatus', conditions: '[]Condition' },
  LoadBalancerStatus: { ingress: '[]LoadBalancerIngress' },
  LoadBalancerIngress: { ip: 'string', hostname: 'string', ipMode: 'string', ports: '[]PortStatus' },
  PortStatus: { port: 'int32', protocol: 'string', error: 'string' },
  /** meta/v1 Condition */
  Condition: { type: 'string', status: 'string', observedGeneration: 'int64', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  NamespaceStatus: { phase: 'string', conditions: '[]NamespaceCondition' },
  NamespaceCondition: { type: 'string', status: 'string', lastTransitionTime: 'time', reason: 'string', message: 'string' },

  Node: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'NodeSpec', status: 'NodeStatus' },
  NodeSpec: { podCIDR: 'string', podCIDRs: '[]string', providerID: 'string', unschedulable: 'bool', taints: '[]Taint', configSource: 'any', externalID: 'string' },
  NodeStatus: {
    capacity: 'quantities', allocatable: 'quantities', phase: 'string', conditions: '[]NodeCondition', addresses: '[]NodeAddress',
    daemonEndpoints: 'NodeDaemonEndpoints', nodeInfo: 'NodeSystemInfo', images: '[]ContainerImage', volumesInUse: '[]string', volumesAttached: '[]AttachedVolume',
    config: 'any', runtimeHandlers: '[]NodeRuntimeHandler', features: 'NodeFeatures', declaredFeatures: '[]string',
  },
  NodeCondition: { type: 'string', status: 'string', lastHeartbeatTime: 'time', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  NodeAddress: { type: 'string', address: 'string' },
  NodeSystemInfo: {
    machineID: 'string', systemUUID: 'string', bootID: 'string', kernelVersion: 'string', osImage: 'string', containerRuntimeVersion: 'string',
    kubeletVersion: 'string', kubeProxyVersion: 'string', operatingSystem: 'string', architecture: 'string', swap: 'any',
  },
  ContainerImage: { names: '[]string', sizeBytes: 'int64' },
  AttachedVolume: { name: 'string', devicePath: 'string' },

  DeploymentStatus: {
    observedGeneration: 'int64', replicas: 'int32', updatedReplicas: 'int32', readyReplicas: 'int32', availableReplicas: 'int32',
    unavailableReplicas: 'int32', terminatingReplicas: 'int32', conditions: '[]DeploymentCondition', collisionCount: 'int32',
  },
  DeploymentCondition: { type: 'string', status: 'string', lastUpdateTime: 'time', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  ReplicaSetStatus: {
    replicas: 'int32', fullyLabeledReplicas: 'int32', readyReplicas: 'int32', availableReplicas: 'int32', terminatingReplicas: 'int32',
    observedGeneration: 'int64', conditions: '[]ReplicaSetCondition',
  },
  ReplicaSetCondition: { type: 'string', status: 'string', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  ReplicationControllerCondition: { type: 'string', status: 'string', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  JobStatus: {
    conditions: '[]JobCondition', startTime: 'time', completionTime: 'time', active: 'int32', succeeded: 'int32', failed: 'int32', terminating: 'int32',
    completedIndexes: 'string', failedIndexes: 'string', uncountedTerminatedPods: 'UncountedTerminatedPods', ready: 'int32',
  },
  JobCondition: { type: 'string', status: 'string', lastProbeTime: 'time', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  CronJobStatus: { active: '[]ObjectReference', lastScheduleTime: 'time', lastSuccessfulTime: 'time' },
  AggregationRule: { clusterRoleSelectors: '[]LabelSelector' },

  // apps/v1 types.go (kubernetes/api 3bd457f5) with the v1.35 fields of yannh v1.35.0 statefulsetstatus-apps-v1.json
  StatefulSetUpdateStrategy: { type: 'string', rollingUpdate: 'RollingUpdateStatefulSetStrategy' },
  RollingUpdateStatefulSetStrategy: { partition: 'int32', maxUnavailable: 'intstr' },
  StatefulSetPersistentVolumeClaimRetentionPolicy: { whenDeleted: 'string', whenScaled: 'string' },
  StatefulSetOrdinals: { start: 'int32' },
  StatefulSetStatus: {
    observedGeneration: 'int64', replicas: 'int32', readyReplicas: 'int32', currentReplicas: 'int32', updatedReplicas: 'int32',
    currentRevision: 'string', updateRevision: 'string', collisionCount: 'int32', conditions: '[]StatefulSetCondition', availableReplicas: 'int32',
  },
  StatefulSetCondition: { type: 'string', status: 'string', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  DaemonSetUpdateStrategy: { type: 'string', rollingUpdate: 'RollingUpdateDaemonSet' },
  RollingUpdateDaemonSet: { maxUnavailable: 'intstr', maxSurge: 'intstr' },
  DaemonSetStatus: {
    currentNumberScheduled: 'int32', numberMisscheduled: 'int32', desiredNumberScheduled: 'int32', numberReady: 'int32', observedGeneration: 'int64',
    updatedNumberScheduled: 'int32', numberAvailable: 'int32', numberUnavailable: 'int32', collisionCount: 'int32', conditions: '[]DaemonSetCondition',
  },
  DaemonSetCondition: { type: 'string', status: 'string', lastTransitionTime: 'time', reason: 'string', message: 'string' },
  // core/v1 types.go (kubernetes/api 3fed8b5a)
  PersistentVolumeStatus: { phase: 'string', message: 'string', reason: 'string', lastPhaseTransitionTime: 'time' },
  PersistentVolumeClaimStatus: {
    phase: 'string', accessModes: '[]string', capacity: 'quantities', conditions: '[]PersistentVolumeClaimCondition', allocatedResources: 'quantities',
    allocatedResourceStatuses: 'map', currentVolumeAttributesClassName: 'string', modifyVolumeStatus: 'ModifyVolumeStatus',
  },
  PersistentVolumeClaimCondition: {
    type: 'string', status: 'string', lastProbeTime: 'time', lastTransitionTime: 'time', reason: 'string', message: 'string',
  },
  Taint: { key: 'string', value: 'string', effect: 'string', timeAdded: 'time' },
  ReplicationControllerStatus: {
    replicas: 'int32', fullyLabeledReplicas: 'int32', readyReplicas: 'int32', availableReplicas: 'int32', observedGeneration: 'int64', conditions: '[]ReplicationControllerCondition',
  },
  ResourceQuotaStatus: { hard: 'quantities', used: 'quantities' },
  PodSecurityContext: {
    seLinuxOptions: 'SELinuxOptions', windowsOptions: 'WindowsSecurityContextOptions', runAsUser: 'int64', runAsGroup: 'int64', runAsNonRoot: 'bool', supplementalGroups: '[]int64',
    supplementalGroupsPolicy: 'string', fsGroup: 'int64', sysctls: '[]Sysctl', fsGroupChangePolicy: 'string', seccompProfile: 'SeccompProfile', appArmorProfile: 'AppArmorProfile',
    seLinuxChangePolicy: 'string',
  },
  SecurityContext: {
    capabilities: 'Capabilities', privileged: 'bool', seLinuxOptions: 'SELinuxOptions', windowsOptions: 'WindowsSecurityContextOptions', runAsUser: 'int64', runAsGroup: 'int64', runAsNonRoot: 'bool',
    readOnlyRootFilesystem: 'bool', allowPrivilegeEscalation: 'bool', procMount: 'string', seccompProfile: 'SeccompProfile', appArmorProfile: 'AppArmorProfile',
  },
  TopologySpreadConstraint: {
    maxSkew: 'int32', topologyKey: 'string', whenUnsatisfiable: 'string', labelSelector: 'LabelSelector', minDomains: 'int32', nodeAffinityPolicy: 'string',
    nodeTaintsPolicy: 'string', matchLabelKeys: '[]string',
  },
  PodAffinity: { requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm', preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm' },
  PodAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: 'any', preferredDuringSchedulingIgnoredDuringExecution: 'any' },
  PodOS: { name: 'string' },
  PodReadinessGate: { conditionType: 'string' },
  PodSchedulingGate: { name: 'string' },
  VolumeNodeAffinity: { required: 'NodeSelector' },
  ModifyVolumeStatus: { targetVolumeAttributesClassName: 'string', status: 'string' },
  SessionAffinityConfig: { clientIP: 'ClientIPConfig' },
  ClientIPConfig: { timeoutSeconds: 'int32' },
  // batch/v1 types.go (kubernetes/api 8b76f66a) with SuccessPolicy of yannh v1.35.0 successpolicy-batch-v1.json
  PodFailurePolicy: { rules: '[]PodFailurePolicyRule' },
  PodFailurePolicyRule: { action: 'string', onExitCodes: 'PodFailurePolicyOnExitCodesRequirement', onPodConditions: '[]PodFailurePolicyOnPodConditionsPattern' },
  PodFailurePolicyOnExitCodesRequirement: { containerName: 'string', operator: 'string', values: '[]int32' },
  PodFailurePolicyOnPodConditionsPattern: { type: 'string', status: 'string' },
  SuccessPolicy: { rules: '[]SuccessPolicyRule' },
  SuccessPolicyRule: { succeededIndexes: 'string', succeededCount: 'int32' },
};

/** Go type names used in UnmarshalTypeError texts. */
const GO_TYPES: Record<string, string> = { int32: 'int32', int64: 'int64', bool: 'bool', string: 'string', number: 'float64' };

export function structOf(name: string): Struct | undefined {
  return S[name];
}

export function kindHasSchema(kind: string): boolean {
  return kind in S;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'object';
}

interface Ctx {
  unknown: string[];
  typeError?: string;
}

/**
 * Check one value against a type. `path` is the strict-decoding path
 * (with indices); `goPath` the encoding/json path (without), `goStruct` the
 * Go struct the field belongs to.
 */
function check(v: unknown, t: TypeRef, path: string, goPath: string, goStruct: string, field: string, ctx: Ctx): void {
  if (v === null || v === undefined || t === 'any' || ctx.typeError) return;
  const jt = jsonType(v);
  const fail = (goType: string) => {
    ctx.typeError ??= `json: cannot unmarshal ${jt} into Go struct field ${goStruct}.${goPath} of type ${goType}`;
  };
  if (t.startsWith('[]')) {
    if (jt !== 'array') return fail(`[]${goTypeName(t.slice(2))}`);
    (v as unknown[]).forEach((x, i) => check(x, t.slice(2), `${path}[${i}]`, goPath, goStruct, field, ctx));
    return;
  }
  switch (t) {
    case 'string':
    case 'time':
      if (jt !== 'string') fail(t === 'time' ? 'v1.Time' : 'string');
      return;
    case 'int32':
    case 'int64':
      if (jt !== 'number') fail(t);
      else if (!Number.isInteger(v)) ctx.typeError ??= `json: cannot unmarshal number ${v} into Go struct field ${goStruct}.${goPath} of type ${t}`;
      return;
    case 'number':
      if (jt !== 'number') fail('float64');
      return;
    case 'bool':
      if (jt !== 'bool') fail('bool');
      return;
    case 'quantity':
    case 'intstr':
      if (jt !== 'string' && jt !== 'number') fail(t === 'intstr' ? 'intstr.IntOrString' : 'resource.Quantity');
      return;
    case 'map':
      if (jt !== 'object') return fail('map[string]string');
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x !== null && typeof x !== 'string') {
          ctx.typeError ??= `json: cannot unmarshal ${jsonType(x)} into Go struct field ${goStruct}.${goPath} of type string`;
          void k;
          return;
        }
      }
      return;
    case 'object':
      if (jt !== 'object') fail('map[string]interface {}');
      return;
    case 'quantities':
      if (jt !== 'object') return fail('v1.ResourceList');
      for (const x of Object.values(v as Record<string, unknown>)) {
        if (typeof x !== 'string' && typeof x !== 'number') continue;
        if (!isQuantity(String(x))) {
          ctx.typeError ??= QUANTITY_ERROR;
          return;
        }
      }
      return;
  }
  const st = S[t];
  if (!st) return;
  if (jt !== 'object') return fail(goTypeName(t));
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const ft = st[k];
    const p = path ? `${path}.${k}` : k;
    if (ft === undefined) {
      ctx.unknown.push(`unknown field "${p}"`);
      continue;
    }
    check(x, ft, p, goPath ? `${goPath}.${k}` : k, goPath ? goStruct : t, k, ctx);
  }
}

function goTypeName(t: string): string {
  if (GO_TYPES[t]) return GO_TYPES[t];
  if (t === 'map') return 'map[string]string';
  if (t === 'object') return 'map[string]interface {}';
  if (t === 'quantities') return 'v1.ResourceList';
  if (t.startsWith('[]')) return `[]${goTypeName(t.slice(2))}`;
  return `v1.${t}`;
}

/**
 * Strict decoding of an object of a known kind. Returns the decode error
 * (type mismatch) if any, else the unknown-field errors in document order.
 */
export function strictDecode(obj: Record<string, unknown>): { typeError?: string; unknown: string[] } {
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const st = S[kind];
  const ctx: Ctx = { unknown: [] };
  if (!st) return ctx;
  for (const [k, x] of Object.entries(obj)) {
    const ft = st[k];
    if (ft === undefined) {
      ctx.unknown.push(`unknown field "${k}"`);
      continue;
    }
    // encoding/json reports the outer struct of the first level field: e.g. Pod.spec... becomes PodSpec? No: Go
    // reports the struct that owns the innermost field, with the full dotted path from the top.
    checkTop(x, ft, k, ctx, kind);
  }
  return ctx;
}

/**
 * resource.Quantity always serializes in canonical form: after decoding, every
 * quantity field of a known kind holds its canonical string (`0.5` → `500m`,
 * `1024Mi` → `1Gi`, `3` → `"3"`). Call only on objects that passed strictDecode.
 */
export function canonicalizeQuantities(obj: Record<string, unknown>): void {
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const st = S[kind];
  if (!st) return;
  const canon = (x: unknown): unknown => {
    if (typeof x !== 'string' && typeof x !== 'number') return x;
    try {
      return parseQuantity(String(x)).toString();
    } catch {
      return x;
    }
  };
  const visit = (v: unknown, t: TypeRef): unknown => {
    if (v === null || v === undefined || t === 'any') return v;
    if (t.startsWith('[]')) {
      if (Array.isArray(v)) v.forEach((x, i) => (v[i] = visit(x, t.slice(2))));
      return v;
    }
    if (t === 'quantity') return canon(v);
    if (t === 'quantities') {
      if (v && typeof v === 'object') for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = canon((v as Record<string, unknown>)[k]);
      return v;
    }
    const fields = S[t];
    if (!fields || !v || typeof v !== 'object' || Array.isArray(v)) return v;
    for (const k of Object.keys(v)) if (fields[k] !== undefined) (v as Record<string, unknown>)[k] = visit((v as Record<string, unknown>)[k], fields[k]);
    return v;
  };
  for (const k of Object.keys(obj)) if (st[k] !== undefined) obj[k] = visit(obj[k], st[k]);
}

/**
 * The map and slice fields of the structs above whose json tag has no `omitempty`: an empty one is kept (and
 * encoded as `{}`/`[]`, a null one as `null`). Every other map or slice field of these structs is tagged omitempty.
 * Sources: k8s.io/api core/v1/types.go (`Containers []Container json:"containers"`, `NodeSelectorTerms
 * []NodeSelectorTerm json:"nodeSelectorTerms"`, `Limits []LimitRangeItem json:"limits"`), rbac/v1/types.go (Role and
 * ClusterRole `Rules []PolicyRule json:"rules"`, PolicyRule `Verbs []string json:"verbs"`).
 */
const KEEPS_EMPTY: Record<string, readonly string[]> = {
  PodSpec: ['containers'],
  NodeSelector: ['nodeSelectorTerms'],
  LimitRangeSpec: ['limits'],
  Role: ['rules'],
  ClusterRole: ['rules'],
  PolicyRule: ['verbs'],
};

const isMapOrSlice = (t: TypeRef) => t.startsWith('[]') || t === 'map' || t === 'quantities' || t === 'object';

function isEmpty(x: unknown): boolean {
  if (x === null) return true;
  if (Array.isArray(x)) return x.length === 0;
  if (typeof x === 'object') {
    for (const _ in x as object) return false;
    return true;
  }
  return false;
}

/**
 * What the stored object keeps of the decoded one's empty maps and slices: encoding/json omits a map or slice field
 * tagged `omitempty` when it has no elements (nil or empty: encode.go isEmptyValue), and etcd holds the encoding, so
 * a written `annotations: {}`, `labels: null`, `nodeSelector: {}`, `ports: []` or `env: []` is never stored nor served
 * back; the fields of KEEPS_EMPTY keep theirs. A struct-typed field is no map (`resources: {}`, `emptyDir: {}`,
 * `strategy: {}` stay: encoding/json never omits a struct), and fields the table leaves `any` are left as they are.
 * Call only on objects that passed strictDecode.
 */
export function dropEmptyOmitempty(obj: Record<string, unknown>): void {
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  if (S[kind]) dropIn(obj, kind);
}

function dropIn(v: Record<string, unknown>, t: string): void {
  const fields = S[t];
  const keep = KEEPS_EMPTY[t];
  for (const k of Object.keys(v)) {
    const ft = fields[k];
    if (ft === undefined || ft === 'any') continue;
    const x = v[k];
    if (isMapOrSlice(ft)) {
      if (isEmpty(x)) {
        if (!keep?.includes(k)) delete v[k];
      } else if (ft.startsWith('[]') && S[ft.slice(2)] && Array.isArray(x)) {
        for (const e of x) if (e && typeof e === 'object' && !Array.isArray(e)) dropIn(e as Record<string, unknown>, ft.slice(2));
      }
    } else if (S[ft] && x && typeof x === 'object' && !Array.isArray(x)) dropIn(x as Record<string, unknown>, ft);
  }
}

/** encoding/json names the innermost struct and the full path: "Go struct field ContainerPort.spec.containers.ports.containerPort". */
function checkTop(v: unknown, t: TypeRef, k: string, ctx: Ctx, kind?: string): void {
  walk(v, t, k, k, ctx, S[t] ? undefined : kind);
}

function walk(v: unknown, t: TypeRef, path: string, goPath: string, ctx: Ctx, owner: string | undefined): void {
  if (v === null || v === undefined || t === 'any' || ctx.typeError) return;
  if (t.startsWith('[]')) {
    if (!Array.isArray(v)) {
      ctx.typeError ??= `json: cannot unmarshal ${jsonType(v)} into Go struct field ${owner ?? ''}${owner ? '.' : ''}${goPath} of type ${goTypeName(t)}`;
      return;
    }
    v.forEach((x, i) => walk(x, t.slice(2), `${path}[${i}]`, goPath, ctx, owner));
    return;
  }
  const st = S[t];
  if (!st) {
    // scalar check with the owning struct name
    check(v, t, path, goPath, owner ?? t, path, ctx);
    return;
  }
  if (jsonType(v) !== 'object') {
    ctx.typeError ??= `json: cannot unmarshal ${jsonType(v)} into Go struct field ${owner ?? ''}${owner ? '.' : ''}${goPath} of type ${goTypeName(t)}`;
    return;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const ft = st[k];
    const p = `${path}.${k}`;
    if (ft === undefined) {
      ctx.unknown.push(`unknown field "${p}"`);
      continue;
    }
    walk(x, ft, p, `${goPath}.${k}`, ctx, t);
  }
}

/** Fields of a struct for `kubectl explain` (name → type ref): the decoding table, then the explain-only one. */
export function fieldsOf(t: string): Struct | undefined {
  return S[t] ?? EXPLAIN_ONLY[t];
}
