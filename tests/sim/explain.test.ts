import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

/**
 * `kubectl explain` laid out as kubectl v1.35's OpenAPI v3 template does
 * (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl): GROUP line for a named
 * group, VERSION without the group, `ENUM:` under FIELD (extractEnum, long view), `enum:` in the
 * field list (short view, at most 4 values), descriptions wrapped by go-wordwrap at 76 columns
 * (funcs.go "wrap", kubectl pkg/util/term) and indented by 4, and a final line break after the
 * whole output. Texts: ContainerPort.protocol doc comment and Protocol constants, k8s.io/api core/v1 types.go.
 */
describe('kubectl explain template layout', () => {
  it('prints an enum field with ENUM: and the Possible enum values of its description', () => {
    const c = createCluster();
    const r = c.run('kubectl explain pod.spec.containers.ports.protocol');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: protocol <string>',
        'ENUM:',
        '    SCTP',
        '    TCP',
        '    UDP',
        '',
        'DESCRIPTION:',
        '    Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".',
        '    ',
        '    Possible enum values:',
        '     - `"SCTP"` is the SCTP protocol.',
        '     - `"TCP"` is the TCP protocol.',
        '     - `"UDP"` is the UDP protocol.',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('names the group on its own line for a kind outside the core group', () => {
    const c = createCluster();
    const r = c.run('kubectl explain deploy');
    expect(r.stdout.split('\n').slice(0, 8)).toEqual([
      'GROUP:      apps',
      'KIND:       Deployment',
      'VERSION:    v1',
      '',
      'DESCRIPTION:',
      '    Deployment enables declarative updates for Pods and ReplicaSets.',
      '    ',
      'FIELDS:',
    ]);
    // fieldDetail ends each field with a blank line; the template ends with one more line break. The status
    // field is a DeploymentStatus (yannh/kubernetes-json-schema v1.35.0/deployment.json).
    expect(r.stdout.endsWith('  status\t<DeploymentStatus>\n    Most recently observed status of the Deployment.\n\n\n')).toBe(true);
  });

  it('keeps the field list enum line and the leading spaces of enum value lines', () => {
    const c = createCluster();
    const r = c.run('kubectl explain pod.spec.containers.ports');
    expect(r.stdout).toContain(
      [
        '  protocol\t<string>',
        '  enum: SCTP, TCP, UDP',
        '    Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".',
        '    ',
        '    Possible enum values:',
        '     - `"SCTP"` is the SCTP protocol.',
        '     - `"TCP"` is the TCP protocol.',
        '     - `"UDP"` is the UDP protocol.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  // Texts: PodSpec.restartPolicy and DeploymentSpec.replicas of the v1.35 OpenAPI spec (k8s-openapi
  // src/v1_35/api/core/v1/pod_spec.rs; apps/v1 DeploymentSpec); the enum values of RestartPolicy
  // (k8s.io/api core/v1 types.go, "+enum", constants without doc comments).
  it('prints pod.spec.restartPolicy whole, as kubectl v1.35 does', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.restartPolicy').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: restartPolicy <string>',
        'ENUM:',
        '    Always',
        '    Never',
        '    OnFailure',
        '',
        'DESCRIPTION:',
        '    Restart policy for all containers within the pod. One of Always, OnFailure,',
        '    Never. In some contexts, only a subset of those values may be permitted.',
        '    Default to Always. More info:',
        '    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy',
        '    ',
        '    Possible enum values:',
        '     - `"Always"`',
        '     - `"Never"`',
        '     - `"OnFailure"`',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints deploy.spec.replicas whole, with the GROUP line', () => {
    const c = createCluster();
    expect(c.run('kubectl explain deploy.spec.replicas').stdout).toBe(
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: replicas <integer>',
        '',
        '',
        'DESCRIPTION:',
        '    Number of desired pods. This is a pointer to distinguish between explicit',
        '    zero and not specified. Defaults to 1.',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('lists pod.spec fields with their descriptions, enum line and real type names', () => {
    const c = createCluster();
    const out = c.run('kubectl explain pod.spec').stdout;
    expect(out).toContain(
      [
        'DESCRIPTION:',
        '    Specification of the desired behavior of the pod. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        '    PodSpec is a description of a pod.',
        '    ',
        'FIELDS:',
        '  activeDeadlineSeconds\t<integer>',
        '    Optional duration in seconds the pod may be active on the node relative to',
        '    StartTime before the system will actively try to mark it failed and kill',
        '    associated containers. Value must be a positive integer.',
        '',
        '  affinity\t<Affinity>',
        "    If specified, the pod's scheduling constraints",
        '',
      ].join('\n'),
    );
    expect(out).toContain(
      [
        '  preemptionPolicy\t<string>',
        '  enum: Never, PreemptLowerPriority',
        '    PreemptionPolicy is the Policy for preempting pods with lower priority. One',
        '    of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.',
        '    ',
        '    Possible enum values:',
        '     - `"Never"` means that pod never preempts other pods with lower priority.',
        '     - `"PreemptLowerPriority"` means that pod can preempt other pods with lower',
        '    priority.',
        '',
      ].join('\n'),
    );
    expect(out).toContain('  securityContext\t<PodSecurityContext>\n');
  });
});

/**
 * Container, ServiceSpec and ObjectMeta field texts of the v1.35 OpenAPI spec as k8s-openapi generates them
 * (src/v1_35/api/core/v1/container.rs, service_spec.rs, apimachinery/pkg/apis/meta/v1/object_meta.rs; the
 * ngergs/k8s-openapi fork holds these v1.35 files), with the Possible enum values kube-openapi appends from the
 * PullPolicy and ServiceType constants of k8s.io/api core/v1 types.go.
 */
describe('kubectl explain Container, ServiceSpec and ObjectMeta fields', () => {
  it('prints pod.spec.containers.imagePullPolicy whole', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.containers.imagePullPolicy').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: imagePullPolicy <string>',
        'ENUM:',
        '    Always',
        '    IfNotPresent',
        '    Never',
        '',
        'DESCRIPTION:',
        '    Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if',
        '    :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More',
        '    info: https://kubernetes.io/docs/concepts/containers/images#updating-images',
        '    ',
        '    Possible enum values:',
        '     - `"Always"` means that kubelet always attempts to pull the latest image.',
        '    Container will fail If the pull fails.',
        "     - `\"IfNotPresent\"` means that kubelet pulls if the image isn't present on",
        "    disk. Container will fail if the image isn't present and the pull fails.",
        '     - `"Never"` means that kubelet never pulls an image, but only uses a local',
        "    image. Container will fail if the image isn't present",
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints svc.spec.type whole, its enum values sorted', () => {
    const c = createCluster();
    expect(c.run('kubectl explain svc.spec.type').stdout).toBe(
      [
        'KIND:       Service',
        'VERSION:    v1',
        '',
        'FIELD: type <string>',
        'ENUM:',
        '    ClusterIP',
        '    ExternalName',
        '    LoadBalancer',
        '    NodePort',
        '',
        'DESCRIPTION:',
        '    type determines how the Service is exposed. Defaults to ClusterIP. Valid',
        '    options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP"',
        '    allocates a cluster-internal IP address for load-balancing to endpoints.',
        '    Endpoints are determined by the selector or if that is not specified, by',
        '    manual construction of an Endpoints object or EndpointSlice objects. If',
        '    clusterIP is "None", no virtual IP is allocated and the endpoints are',
        '    published as a set of endpoints rather than a virtual IP. "NodePort" builds',
        '    on ClusterIP and allocates a port on every node which routes to the same',
        '    endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an',
        '    external load-balancer (if supported in the current cloud) which routes to',
        '    the same endpoints as the clusterIP. "ExternalName" aliases this service to',
        '    the specified externalName. Several other fields do not apply to',
        '    ExternalName services. More info:',
        '    https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
        '    ',
        '    Possible enum values:',
        '     - `"ClusterIP"` means a service will only be accessible inside the cluster,',
        '    via the cluster IP.',
        '     - `"ExternalName"` means a service consists of only a reference to an',
        '    external name that kubedns or equivalent will return as a CNAME record, with',
        '    no exposing or proxying of any pods involved.',
        '     - `"LoadBalancer"` means a service will be exposed via an external load',
        "    balancer (if the cloud provider supports it), in addition to 'NodePort'",
        '    type.',
        '     - `"NodePort"` means a service will be exposed on one port of every node,',
        "    in addition to 'ClusterIP' type.",
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints pod.metadata.labels whole', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.metadata.labels').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: labels <map[string]string>',
        '',
        '',
        'DESCRIPTION:',
        '    Map of string keys and values that can be used to organize and categorize',
        '    (scope and select) objects. May match selectors of replication controllers',
        '    and services. More info:',
        '    https://kubernetes.io/docs/concepts/overview/working-with-objects/labels',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('lists the ResourceRequirements fields under pod.spec.containers.resources with their real types', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.containers.resources').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: resources <ResourceRequirements>',
        '',
        '',
        'DESCRIPTION:',
        '    Compute Resources required by this container. Cannot be updated. More info:',
        '    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        '    ResourceRequirements describes the compute resource requirements.',
        '    ',
        'FIELDS:',
        '  claims\t<[]ResourceClaim>',
        '    Claims lists the names of resources, defined in spec.resourceClaims, that',
        '    are used by this container.',
        '    ',
        '    This field depends on the DynamicResourceAllocation feature gate.',
        '    ',
        '    This field is immutable. It can only be set for containers.',
        '',
        '  limits\t<map[string]Quantity>',
        '    Limits describes the maximum amount of compute resources allowed. More info:',
        '    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        '',
        '  requests\t<map[string]Quantity>',
        '    Requests describes the minimum amount of compute resources required. If',
        '    Requests is omitted for a container, it defaults to Limits if that is',
        '    explicitly specified, otherwise to an implementation-defined value. Requests',
        '    cannot exceed Limits. More info:',
        '    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        '',
        '',
        '',
      ].join('\n'),
    );
  });
});

/**
 * Fields of EnvVar, ServicePort, DeploymentStrategy and Toleration as the v1.35 OpenAPI spec describes them:
 * yannh/kubernetes-json-schema v1.35.0/envvar.json, v1.35.1/serviceport.json, v1.35.0/deploymentstrategy.json;
 * k8s-openapi src/v1_35/api/core/v1/toleration.rs. Enum values: the constants of the +enum types Protocol,
 * DeploymentStrategyType (apps/v1 types.go), TaintEffect and TolerationOperator (core/v1 types.go, k8s.io/api at
 * 3fed8b5a; Lt and Gt are the v1.35 operators toleration.rs names), sorted, each with its doc comment less the
 * constant's name (kube-openapi enum.go). A list field of an enum type (ipFamilies) gets no enum line.
 */
describe('kubectl explain env, service ports, deployment strategy and tolerations', () => {
  it('prints pod.spec.containers.env whole', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.containers.env').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: env <[]EnvVar>',
        '',
        '',
        'DESCRIPTION:',
        '    List of environment variables to set in the container. Cannot be updated.',
        '    EnvVar represents an environment variable present in a Container.',
        '    ',
        'FIELDS:',
        '  name\t<string> -required-',
        '    Name of the environment variable. May consist of any printable ASCII',
        "    characters except '='.",
        '',
        '  value\t<string>',
        '    Variable references $(VAR_NAME) are expanded using the previously defined',
        '    environment variables in the container and any service environment',
        '    variables. If a variable cannot be resolved, the reference in the input',
        '    string will be unchanged. Double $$ are reduced to a single $, which allows',
        '    for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the',
        '    string literal "$(VAR_NAME)". Escaped references will never be expanded,',
        '    regardless of whether the variable exists or not. Defaults to "".',
        '',
        '  valueFrom\t<EnvVarSource>',
        "    Source for the environment variable's value. Cannot be used if value is not",
        '    empty.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints svc.spec.ports whole, appProtocol with its own line breaks', () => {
    const c = createCluster();
    expect(c.run('kubectl explain svc.spec.ports').stdout).toBe(
      [
        'KIND:       Service',
        'VERSION:    v1',
        '',
        'FIELD: ports <[]ServicePort>',
        '',
        '',
        'DESCRIPTION:',
        '    The list of ports that are exposed by this service. More info:',
        '    https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
        "    ServicePort contains information on service's port.",
        '    ',
        'FIELDS:',
        '  appProtocol\t<string>',
        '    The application protocol for this port. This is used as a hint for',
        '    implementations to offer richer behavior for protocols that they understand.',
        '    This field follows standard Kubernetes label syntax. Valid values are',
        '    either:',
        '    ',
        '    * Un-prefixed protocol names - reserved for IANA standard service names (as',
        '    per RFC-6335 and https://www.iana.org/assignments/service-names).',
        '    ',
        '    * Kubernetes-defined prefixed names:',
        "      * 'kubernetes.io/h2c' - HTTP/2 prior knowledge over cleartext as described",
        '    in',
        '    https://www.rfc-editor.org/rfc/rfc9113.html#name-starting-http-2-with-prior-',
        "      * 'kubernetes.io/ws'  - WebSocket over cleartext as described in",
        '    https://www.rfc-editor.org/rfc/rfc6455',
        "      * 'kubernetes.io/wss' - WebSocket over TLS as described in",
        '    https://www.rfc-editor.org/rfc/rfc6455',
        '    ',
        '    * Other protocols should use implementation-defined prefixed names such as',
        '    mycompany.com/my-custom-protocol.',
        '',
        '  name\t<string>',
        '    The name of this port within the service. This must be a DNS_LABEL. All',
        '    ports within a ServiceSpec must have unique names. When considering the',
        "    endpoints for a Service, this must match the 'name' field in the",
        '    EndpointPort. Optional if only one ServicePort is defined on this service.',
        '',
        '  nodePort\t<integer>',
        '    The port on each node on which this service is exposed when type is NodePort',
        '    or LoadBalancer.  Usually assigned by the system. If a value is specified,',
        '    in-range, and not in use it will be used, otherwise the operation will fail.',
        '    If not specified, a port will be allocated if this Service requires one.  If',
        '    this field is specified when creating a Service which does not need it,',
        '    creation will fail. This field will be wiped when updating a Service to no',
        '    longer need it (e.g. changing type from NodePort to ClusterIP). More info:',
        '    https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
        '',
        '  port\t<integer> -required-',
        '    The port that will be exposed by this service.',
        '',
        '  protocol\t<string>',
        '  enum: SCTP, TCP, UDP',
        '    The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is',
        '    TCP.',
        '    ',
        '    Possible enum values:',
        '     - `"SCTP"` is the SCTP protocol.',
        '     - `"TCP"` is the TCP protocol.',
        '     - `"UDP"` is the UDP protocol.',
        '',
        '  targetPort\t<IntOrString>',
        '    Number or name of the port to access on the pods targeted by the service.',
        '    Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If',
        "    this is a string, it will be looked up as a named port in the target Pod's",
        "    container ports. If this is not specified, the value of the 'port' field is",
        '    used (an identity map). This field is ignored for services with',
        "    clusterIP=None, and should be omitted or set equal to the 'port' field. More",
        '    info:',
        '    https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints deploy.spec.strategy whole with the DeploymentStrategyType values', () => {
    const c = createCluster();
    expect(c.run('kubectl explain deploy.spec.strategy').stdout).toBe(
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: strategy <DeploymentStrategy>',
        '',
        '',
        'DESCRIPTION:',
        '    The deployment strategy to use to replace existing pods with new ones.',
        '    DeploymentStrategy describes how to replace existing pods with new ones.',
        '    ',
        'FIELDS:',
        '  rollingUpdate\t<RollingUpdateDeployment>',
        '    Rolling update config params. Present only if DeploymentStrategyType =',
        '    RollingUpdate.',
        '',
        '  type\t<string>',
        '  enum: Recreate, RollingUpdate',
        '    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is',
        '    RollingUpdate.',
        '    ',
        '    Possible enum values:',
        '     - `"Recreate"` Kill all existing pods before creating new ones.',
        '     - `"RollingUpdate"` Replace the old ReplicaSets by new one using rolling',
        '    update i.e gradually scale down the old ReplicaSets and scale up the new',
        '    one.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints pod.spec.tolerations whole with the TaintEffect and TolerationOperator values', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.tolerations').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: tolerations <[]Toleration>',
        '',
        '',
        'DESCRIPTION:',
        "    If specified, the pod's tolerations.",
        '    The pod this Toleration is attached to tolerates any taint that matches the',
        '    triple <key,value,effect> using the matching operator <operator>.',
        '    ',
        'FIELDS:',
        '  effect\t<string>',
        '  enum: NoExecute, NoSchedule, PreferNoSchedule',
        '    Effect indicates the taint effect to match. Empty means match all taint',
        '    effects. When specified, allowed values are NoSchedule, PreferNoSchedule and',
        '    NoExecute.',
        '    ',
        '    Possible enum values:',
        '     - `"NoExecute"` Evict any already-running pods that do not tolerate the',
        '    taint. Currently enforced by NodeController.',
        '     - `"NoSchedule"` Do not allow new pods to schedule onto the node unless',
        '    they tolerate the taint, but allow all pods submitted to Kubelet without',
        '    going through the scheduler to start, and allow all already-running pods to',
        '    continue running. Enforced by the scheduler.',
        '     - `"PreferNoSchedule"` Like TaintEffectNoSchedule, but the scheduler tries',
        '    not to schedule new pods onto the node, rather than prohibiting new pods',
        '    from scheduling onto the node entirely. Enforced by the scheduler.',
        '',
        '  key\t<string>',
        '    Key is the taint key that the toleration applies to. Empty means match all',
        '    taint keys. If the key is empty, operator must be Exists; this combination',
        '    means to match all values and all keys.',
        '',
        '  operator\t<string>',
        '  enum: Equal, Exists, Gt, Lt',
        "    Operator represents a key's relationship to the value. Valid operators are",
        '    Exists, Equal, Lt, and Gt. Defaults to Equal. Exists is equivalent to',
        '    wildcard for value, so that a pod can tolerate all taints of a particular',
        '    category. Lt and Gt perform numeric comparisons (requires feature gate',
        '    TaintTolerationComparisonOperators).',
        '    ',
        '    Possible enum values:',
        '     - `"Equal"`',
        '     - `"Exists"`',
        '     - `"Gt"`',
        '     - `"Lt"`',
        '',
        '  tolerationSeconds\t<integer>',
        '    TolerationSeconds represents the period of time the toleration (which must',
        '    be of effect NoExecute, otherwise this field is ignored) tolerates the',
        '    taint. By default, it is not set, which means tolerate the taint forever (do',
        '    not evict). Zero and negative values will be treated as 0 (evict',
        '    immediately) by the system.',
        '',
        '  value\t<string>',
        '    Value is the taint value the toleration matches to. If the operator is',
        '    Exists, the value should be empty, otherwise just a regular string.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });
});

/**
 * HostPathVolumeSource.type (k8s-openapi v1_35 host_path_volume_source.rs) is a HostPathType, whose empty value the
 * template prints as "" (plaintext.tmpl extractEnum: its own example is `ENUM: "", BlockDevice, CharDevice,
 * Directory`); the HostPathType constants: k8s.io/api core/v1 types.go. ConfigMapKeySelector: the v1.32 OpenAPI
 * spec (kubernetes/kubernetes api/openapi-spec/v3/api__v1_openapi.json at 001a778f) with the v1.35 text of the
 * inlined LocalObjectReference.name (k8s-openapi v1_35 secret_key_selector.rs); explain names the real schema,
 * not a sim-internal type.
 */
describe('kubectl explain volume and env source types', () => {
  it('prints pod.spec.volumes.hostPath.type whole, the empty enum value as ""', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.volumes.hostPath.type').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: type <string>',
        'ENUM:',
        '    ""',
        '    BlockDevice',
        '    CharDevice',
        '    Directory',
        '    DirectoryOrCreate',
        '    File',
        '    FileOrCreate',
        '    Socket',
        '',
        'DESCRIPTION:',
        '    type for HostPath Volume Defaults to "" More info:',
        '    https://kubernetes.io/docs/concepts/storage/volumes#hostpath',
        '    ',
        '    Possible enum values:',
        '     - `""` For backwards compatible, leave it empty if unset',
        '     - `"BlockDevice"` A block device must exist at the given path',
        '     - `"CharDevice"` A character device must exist at the given path',
        '     - `"Directory"` A directory must exist at the given path',
        '     - `"DirectoryOrCreate"` If nothing exists at the given path, an empty',
        '    directory will be created there as needed with file mode 0755, having the',
        '    same group and ownership with Kubelet.',
        '     - `"File"` A file must exist at the given path',
        '     - `"FileOrCreate"` If nothing exists at the given path, an empty file will',
        '    be created there as needed with file mode 0644, having the same group and',
        '    ownership with Kubelet.',
        '     - `"Socket"` A UNIX socket must exist at the given path',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints pod.spec.containers.env.valueFrom.configMapKeyRef whole under its OpenAPI name', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.containers.env.valueFrom.configMapKeyRef').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: configMapKeyRef <ConfigMapKeySelector>',
        '',
        '',
        'DESCRIPTION:',
        '    Selects a key of a ConfigMap.',
        '    Selects a key from a ConfigMap.',
        '    ',
        'FIELDS:',
        '  key\t<string> -required-',
        '    The key to select.',
        '',
        '  name\t<string>',
        '    Name of the referent. This field is effectively required, but due to',
        '    backwards compatibility is allowed to be empty. Instances of this type with',
        '    an empty value here are almost certainly wrong. More info:',
        '    https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
        '',
        '  optional\t<boolean>',
        '    Specify whether the ConfigMap or its key must be defined',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('names every type by its OpenAPI schema', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.containers.envFrom').stdout).toContain('  configMapRef\t<ConfigMapEnvSource>\n');
    expect(c.run('kubectl explain pod.spec.containers.envFrom').stdout).toContain('  secretRef\t<SecretEnvSource>\n');
    expect(c.run('kubectl explain pod.spec.containers.env.valueFrom').stdout).toContain('  secretKeyRef\t<SecretKeySelector>\n');
    expect(c.run('kubectl explain pod.spec.volumes').stdout).toContain('  persistentVolumeClaim\t<PersistentVolumeClaimVolumeSource>\n');
    expect(c.run('kubectl explain pod').stdout).toContain('  status\t<PodStatus>\n');
    expect(c.run('kubectl explain pod.spec.workloadRef').stdout.split('\n')[3]).toBe('FIELD: workloadRef <WorkloadReference>');
  });
});

/**
 * A single field of type IntOrString, Quantity or Time: the template's "description" prints the field's own
 * description and then, following the field's `allOf` $ref (or a ResourceList's additionalProperties $ref), the
 * referenced schema's (kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl,
 * define "description"). typeGuess names IntOrString and Quantity by their $ref (their schemas have oneOf and no
 * type) but prints a Time field as `string` (its schema has type string). Texts:
 * api/openapi-spec/v3/api__v1_openapi.json (001a778f): io.k8s.apimachinery.pkg.util.intstr.IntOrString,
 * io.k8s.apimachinery.pkg.api.resource.Quantity, io.k8s.apimachinery.pkg.apis.meta.v1.Time.
 */
describe('kubectl explain of IntOrString, Quantity and Time fields', () => {
  it('prints svc.spec.ports.targetPort with the IntOrString description after its own', () => {
    const c = createCluster();
    expect(c.run('kubectl explain svc.spec.ports.targetPort').stdout).toBe(
      [
        'KIND:       Service',
        'VERSION:    v1',
        '',
        'FIELD: targetPort <IntOrString>',
        '',
        '',
        'DESCRIPTION:',
        '    Number or name of the port to access on the pods targeted by the service.',
        '    Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If',
        "    this is a string, it will be looked up as a named port in the target Pod's",
        "    container ports. If this is not specified, the value of the 'port' field is",
        '    used (an identity map). This field is ignored for services with',
        "    clusterIP=None, and should be omitted or set equal to the 'port' field. More",
        '    info:',
        '    https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
        '    IntOrString is a type that can hold an int32 or a string.  When used in JSON',
        '    or YAML marshalling and unmarshalling, it produces or consumes the inner',
        '    type.  This allows you to have, for example, a JSON field that can accept a',
        '    name or number.',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints pod.metadata.creationTimestamp as a string with the Time description after its own', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.metadata.creationTimestamp').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: creationTimestamp <string>',
        '',
        '',
        'DESCRIPTION:',
        '    CreationTimestamp is a timestamp representing the server time when this',
        '    object was created. It is not guaranteed to be set in happens-before order',
        '    across separate operations. Clients may not set this value. It is',
        '    represented in RFC3339 form and is in UTC.',
        '    ',
        '    Populated by the system. Read-only. Null for lists. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
        '    Time is a wrapper around time.Time which supports correct marshaling to YAML',
        '    and JSON.  Wrappers are provided for many of the factory methods that the',
        '    time package offers.',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints a ResourceList field with the Quantity description of its values, tabs and all', () => {
    const c = createCluster();
    const out = c.run('kubectl explain pod.spec.containers.resources.limits').stdout;
    expect(out.split('\n').slice(0, 13)).toEqual([
      'KIND:       Pod',
      'VERSION:    v1',
      '',
      'FIELD: limits <map[string]Quantity>',
      '',
      '',
      'DESCRIPTION:',
      '    Limits describes the maximum amount of compute resources allowed. More info:',
      '    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      '    Quantity is a fixed-point representation of a number. It provides convenient',
      '    marshaling/unmarshaling in JSON and YAML, in addition to String() and',
      '    AsInt64() accessors.',
      '    ',
    ]);
    expect(out).toContain('\n    \t(Note that 1024 = 1Ki but 1000 = 1k; I didn\'t choose the capitalization.)\n');
    expect(out).toContain('\n    <decimalExponent> | <decimalSI> <binarySI>        ::= Ki | Mi | Gi | Ti | Pi\n    | Ei\n');
    expect(out.endsWith('    implementors to also use a fixed point implementation.\n    \n\n')).toBe(true);
    // a Quantity field of its own (not a map) is named Quantity and described the same way
    const sizeLimit = c.run('kubectl explain pod.spec.volumes.emptyDir.sizeLimit').stdout;
    expect(sizeLimit.split('\n')[3]).toBe('FIELD: sizeLimit <Quantity>');
    expect(sizeLimit).toContain('\n    Quantity is a fixed-point representation of a number. It provides convenient\n');
    // the field list gives each field only its own description
    expect(c.run('kubectl explain pod.spec.containers.resources').stdout).not.toContain('fixed-point');
  });
});

/**
 * Status types: explain walks them from an explain-only table (api/schema.ts EXPLAIN_ONLY; strict decoding still
 * leaves status unchecked). Texts: yannh/kubernetes-json-schema v1.35.0 podstatus.json, podcondition.json,
 * deploymentcondition-apps-v1.json, node.json, servicestatus.json, loadbalancerstatus-v1.json; k8s-openapi v1_35
 * load_balancer_ingress.rs; PortStatus (which has no doc comment of its own) from api/openapi-spec/v3/
 * api__v1_openapi.json (001a778f). Enum values: PodPhase, PodQOSClass and Protocol constants, k8s.io/api core/v1
 * types.go (kubernetes/api 3fed8b5a) — PodConditionType and ConditionStatus are not +enum, so conditions list none.
 */
describe('kubectl explain of status types', () => {
  it('prints pod.status.phase whole with the PodPhase values', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.status.phase').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: phase <string>',
        'ENUM:',
        '    Failed',
        '    Pending',
        '    Running',
        '    Succeeded',
        '    Unknown',
        '',
        'DESCRIPTION:',
        '    The phase of a Pod is a simple, high-level summary of where the Pod is in',
        '    its lifecycle. The conditions array, the reason and message fields, and the',
        "    individual container status arrays contain more detail about the pod's",
        '    status. There are five possible phase values:',
        '    ',
        '    Pending: The pod has been accepted by the Kubernetes system, but one or more',
        '    of the container images has not been created. This includes time before',
        '    being scheduled as well as time spent downloading images over the network,',
        '    which could take a while. Running: The pod has been bound to a node, and all',
        '    of the containers have been created. At least one container is still',
        '    running, or is in the process of starting or restarting. Succeeded: All',
        '    containers in the pod have terminated in success, and will not be restarted.',
        '    Failed: All containers in the pod have terminated, and at least one',
        '    container has terminated in failure. The container either exited with',
        '    non-zero status or was terminated by the system. Unknown: For some reason',
        '    the state of the pod could not be obtained, typically due to an error in',
        '    communicating with the host of the pod.',
        '    ',
        '    More info:',
        '    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-phase',
        '    ',
        '    Possible enum values:',
        '     - `"Failed"` means that all containers in the pod have terminated, and at',
        '    least one container has terminated in a failure (exited with a non-zero exit',
        '    code or was stopped by the system).',
        '     - `"Pending"` means the pod has been accepted by the system, but one or',
        '    more of the containers has not been started. This includes time before being',
        '    bound to a node, as well as time spent pulling images onto the host.',
        '     - `"Running"` means the pod has been bound to a node and all of the',
        '    containers have been started. At least one container is still running or is',
        '    in the process of being restarted.',
        '     - `"Succeeded"` means that all containers in the pod have voluntarily',
        '    terminated with a container exit code of 0, and the system is not going to',
        '    restart any of these containers.',
        '     - `"Unknown"` means that for some reason the state of the pod could not be',
        '    obtained, typically due to an error in communicating with the host of the',
        "    pod. Deprecated: It isn't being set since 2015",
        '    (74da3b14b0c0f658b3bb8d2def5094686d0e9095)',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('lists the PodStatus fields under pod.status, the enum line cut after four values', () => {
    const c = createCluster();
    const out = c.run('kubectl explain pod.status').stdout;
    expect(out.split('\n').slice(0, 16)).toEqual([
      'KIND:       Pod',
      'VERSION:    v1',
      '',
      'FIELD: status <PodStatus>',
      '',
      '',
      'DESCRIPTION:',
      '    Most recently observed status of the pod. This data may not be up to date.',
      '    Populated by the system. Read-only. More info:',
      '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      '    PodStatus represents information about the status of a pod. Status may trail',
      '    the actual state of a system, especially if the node that hosts the pod',
      '    cannot contact the control plane.',
      '    ',
      'FIELDS:',
      '  allocatedResources\t<map[string]Quantity>',
    ]);
    expect(out).toContain('\n  phase\t<string>\n  enum: Failed, Pending, Running, Succeeded, ....\n    The phase of a Pod is');
    expect(out).toContain('\n  qosClass\t<string>\n  enum: BestEffort, Burstable, Guaranteed\n');
    expect(out).toContain('\n  resourceClaimStatuses\t<[]PodResourceClaimStatus>\n    Status of resource claims.\n');
    expect(out).toContain('\n  startTime\t<string>\n    RFC 3339 date and time at which the object was acknowledged by the Kubelet.\n');
    expect(out.endsWith('    This is before the Kubelet pulled the container image(s) for the pod.\n\n\n')).toBe(true);
  });

  it('walks into conditions and container states', () => {
    const c = createCluster();
    expect(c.run('kubectl explain deploy.status.conditions').stdout).toBe(
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: conditions <[]DeploymentCondition>',
        '',
        '',
        'DESCRIPTION:',
        "    Represents the latest available observations of a deployment's current",
        '    state.',
        '    DeploymentCondition describes the state of a deployment at a certain point.',
        '    ',
        'FIELDS:',
        '  lastTransitionTime\t<string>',
        '    Last time the condition transitioned from one status to another.',
        '',
        '  lastUpdateTime\t<string>',
        '    The last time this condition was updated.',
        '',
        '  message\t<string>',
        '    A human readable message indicating details about the transition.',
        '',
        '  reason\t<string>',
        "    The reason for the condition's last transition.",
        '',
        '  status\t<string> -required-',
        '    Status of the condition, one of True, False, Unknown.',
        '',
        '  type\t<string> -required-',
        '    Type of deployment condition.',
        '',
        '',
        '',
      ].join('\n'),
    );
    const terminated = c.run('kubectl explain pod.status.containerStatuses.state.terminated').stdout;
    expect(terminated).toContain('FIELD: terminated <ContainerStateTerminated>\n\n\nDESCRIPTION:\n    Details about a terminated container\n    ContainerStateTerminated is a terminated state of a container.\n');
    expect(terminated).toContain('\n  exitCode\t<integer> -required-\n    Exit status from the last termination of the container\n');
    expect(c.run('kubectl explain rs.status').stdout).toContain('\n  replicas\t<integer> -required-\n');
    expect(c.run('kubectl explain pod.status.podIPs').stdout).toContain('\n  ip\t<string> -required-\n    IP is the IP address assigned to the pod\n');
    const bogus = c.run('kubectl explain pod.status.bogus');
    expect([bogus.stdout, bogus.stderr, bogus.exitCode]).toEqual(['', 'error: field "bogus" does not exist\n', 1]);
  });

  it('prints a schema without a description of its own with the field description only', () => {
    const c = createCluster();
    expect(c.run('kubectl explain svc.status.loadBalancer.ingress.ports').stdout).toBe(
      [
        'KIND:       Service',
        'VERSION:    v1',
        '',
        'FIELD: ports <[]PortStatus>',
        '',
        '',
        'DESCRIPTION:',
        '    Ports is a list of records of service ports If used, every port defined in',
        '    the service should have an entry in it',
        '    ',
        'FIELDS:',
        '  error\t<string>',
        '    Error is to record the problem with the service port The format of the error',
        '    shall comply with the following rules: - built-in error values shall be',
        '    specified in this file and those shall use',
        '      CamelCase names',
        '    - cloud provider specific error values must have names that comply with the',
        '      format foo.example.com/CamelCase.',
        '',
        '  port\t<integer> -required-',
        '    Port is the port number of the service port of which status is recorded here',
        '',
        '  protocol\t<string> -required-',
        '  enum: SCTP, TCP, UDP',
        '    Protocol is the protocol of the service port of which status is recorded',
        '    here The supported values are: "TCP", "UDP", "SCTP"',
        '    ',
        '    Possible enum values:',
        '     - `"SCTP"` is the SCTP protocol.',
        '     - `"TCP"` is the TCP protocol.',
        '     - `"UDP"` is the UDP protocol.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('explains nodes, which strict decoding does not model', () => {
    const c = createCluster();
    expect(c.run('kubectl explain node').stdout).toBe(
      [
        'KIND:       Node',
        'VERSION:    v1',
        '',
        'DESCRIPTION:',
        '    Node is a worker node in Kubernetes. Each node will have a unique identifier',
        '    in the cache (i.e. in etcd).',
        '    ',
        'FIELDS:',
        '  apiVersion\t<string>',
        '    APIVersion defines the versioned schema of this representation of an object.',
        '    Servers should convert recognized schemas to the latest internal value, and',
        '    may reject unrecognized values. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
        '',
        '  kind\t<string>',
        '    Kind is a string value representing the REST resource this object',
        '    represents. Servers may infer this from the endpoint the client submits',
        '    requests to. Cannot be updated. In CamelCase. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
        '',
        '  metadata\t<ObjectMeta>',
        "    Standard object's metadata. More info:",
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
        '',
        '  spec\t<NodeSpec>',
        '    Spec defines the behavior of a node.',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        '',
        '  status\t<NodeStatus>',
        '    Most recently observed status of the node. Populated by the system.',
        '    Read-only. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        '',
        '',
        '',
      ].join('\n'),
    );
    const status = c.run('kubectl explain node.status').stdout;
    expect(status).toContain('\n  capacity\t<map[string]Quantity>\n    Capacity represents the total resources of a node. More info:\n');
    expect(status).toContain('\n  phase\t<string>\n  enum: Pending, Running, Terminated\n');
    expect(status).toContain('\n  daemonEndpoints\t<NodeDaemonEndpoints>\n    Endpoints of daemons running on the Node.\n');
    expect(c.run('kubectl explain node.status.nodeInfo.kubeletVersion').stdout).toContain('FIELD: kubeletVersion <string>\n\n\nDESCRIPTION:\n    Kubelet Version reported by the node.\n');
  });
});

/**
 * Kinds' own texts and the RBAC and selector types: yannh/kubernetes-json-schema v1.35.0 serviceaccount.json,
 * statefulset.json, role.json, rolebinding.json; k8s-openapi v1_35 subject.rs; ObjectFieldSelector from k8s.io/api
 * core/v1 types.go (kubernetes/api 3fed8b5a). A struct's own apiVersion/kind fields are not a kind's TypeMeta.
 */
describe('kubectl explain of the other kinds', () => {
  it('describes a ServiceAccount and names its secrets as ObjectReferences', () => {
    const c = createCluster();
    const out = c.run('kubectl explain sa').stdout;
    expect(out.split('\n').slice(0, 8)).toEqual([
      'KIND:       ServiceAccount',
      'VERSION:    v1',
      '',
      'DESCRIPTION:',
      '    ServiceAccount binds together: * a name, understood by users, and perhaps by',
      '    peripheral systems, for an identity * a principal that can be authenticated',
      '    and authorized * a set of secrets',
      '    ',
    ]);
    expect(out).toContain('\n  secrets\t<[]ObjectReference>\n    Secrets is a list of the secrets in the same namespace that pods running\n');
    expect(c.run('kubectl explain sts').stdout).toContain(
      '\n    StatefulSet represents a set of pods with consistent identities. Identities\n    are defined as:\n      - Network: A single stable DNS and hostname.\n',
    );
  });

  it('prints the RBAC kinds with their own metadata text and walks into subjects', () => {
    const c = createCluster();
    expect(c.run('kubectl explain role').stdout).toContain("\n  metadata\t<ObjectMeta>\n    Standard object's metadata.\n\n");
    expect(c.run('kubectl explain rolebinding.subjects').stdout).toBe(
      [
        'GROUP:      rbac.authorization.k8s.io',
        'KIND:       RoleBinding',
        'VERSION:    v1',
        '',
        'FIELD: subjects <[]Subject>',
        '',
        '',
        'DESCRIPTION:',
        '    Subjects holds references to the objects the role applies to.',
        '    Subject contains a reference to the object or user identities a role binding',
        '    applies to.  This can either hold a direct API object reference, or a value',
        '    for non-objects such as user and group names.',
        '    ',
        'FIELDS:',
        '  apiGroup\t<string>',
        '    APIGroup holds the API group of the referenced subject. Defaults to "" for',
        '    ServiceAccount subjects. Defaults to "rbac.authorization.k8s.io" for User',
        '    and Group subjects.',
        '',
        '  kind\t<string> -required-',
        '    Kind of object being referenced. Values defined by this API group are',
        '    "User", "Group", and "ServiceAccount". If the Authorizer does not recognized',
        '    the kind value, the Authorizer should report an error.',
        '',
        '  name\t<string> -required-',
        '    Name of the object being referenced.',
        '',
        '  namespace\t<string>',
        '    Namespace of the referenced object.  If the object kind is non-namespace,',
        '    such as "User" or "Group", and this value is not empty the Authorizer should',
        '    report an error.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints an env fieldRef as an ObjectFieldSelector whole', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec.containers.env.valueFrom.fieldRef').stdout).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: fieldRef <ObjectFieldSelector>',
        '',
        '',
        'DESCRIPTION:',
        '    Selects a field of the pod: supports metadata.name, metadata.namespace,',
        "    `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName,",
        '    spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.',
        '    ObjectFieldSelector selects an APIVersioned field of an object.',
        '    ',
        'FIELDS:',
        '  apiVersion\t<string>',
        '    Version of the schema the FieldPath is written in terms of, defaults to',
        '    "v1".',
        '',
        '  fieldPath\t<string> -required-',
        '    Path of the field to select in the specified API version.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });
});

/**
 * Workload, storage, endpoint and taint types, one command per row, each printed whole. Texts: the v1.35 OpenAPI
 * descriptions as yannh/kubernetes-json-schema v1.35.0 publishes them (statefulsetspec.json,
 * daemonsetspec-apps-v1.json, daemonsetupdatestrategy.json, rollingupdatedaemonset.json, statefulsetupdatestrategy-apps-v1.json,
 * ...; the file of each group is named in sim/kubectl/explain-docs.ts); enum values and their texts: the +enum
 * types' constants of k8s.io/api apps/v1 types.go (kubernetes/api 3bd457f5; the v1.35 sources publish descriptions
 * without the "Possible enum values" kube-openapi appends, so the constants come from an earlier types.go) and batch/v1
 * types.go (only older copies are stored: CompletionMode and ConcurrencyPolicy are those of a v1.28-era types.go) and
 * core/v1 types.go (kubernetes/api 3fed8b5a, after v1.35) for PersistentVolumeClaimPhase and TaintEffect;
 * UnsatisfiableConstraintAction's texts as clients generated from the published spec print them; PersistentVolumeClaim-
 * ModifyVolumeStatus's, whose comments keep their leading word, as the published API reference (kubernetes/website) shows.
 */
describe('kubectl explain of workload, storage, endpoint and taint types', () => {
  const rows: [string, string[]][] = [
    [
      'kubectl explain statefulset.spec.serviceName',
      [
        'GROUP:      apps',
        'KIND:       StatefulSet',
        'VERSION:    v1',
        '',
        'FIELD: serviceName <string>',
        '',
        '',
        'DESCRIPTION:',
        '    serviceName is the name of the service that governs this StatefulSet. This',
        '    service must exist before the StatefulSet, and is responsible for the',
        '    network identity of the set. Pods get DNS/hostnames that follow the pattern:',
        '    pod-specific-string.serviceName.default.svc.cluster.local where',
        '    "pod-specific-string" is managed by the StatefulSet controller.',
        '    ',
        '',
        '',
      ],
    ],
    [
      'kubectl explain daemonset.spec.updateStrategy',
      [
        'GROUP:      apps',
        'KIND:       DaemonSet',
        'VERSION:    v1',
        '',
        'FIELD: updateStrategy <DaemonSetUpdateStrategy>',
        '',
        '',
        'DESCRIPTION:',
        '    An update strategy to replace existing DaemonSet pods with new pods.',
        '    DaemonSetUpdateStrategy is a struct used to control the update strategy for',
        '    a DaemonSet.',
        '    ',
        'FIELDS:',
        '  rollingUpdate\t<RollingUpdateDaemonSet>',
        '    Rolling update config params. Present only if type = "RollingUpdate".',
        '',
        '  type\t<string>',
        '  enum: OnDelete, RollingUpdate',
        '    Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is',
        '    RollingUpdate.',
        '    ',
        '    Possible enum values:',
        '     - `"OnDelete"` Replace the old daemons only when it\'s killed',
        '     - `"RollingUpdate"` Replace the old daemons by new ones using rolling',
        '    update i.e replace them on each node one after the other.',
        '',
        '',
        '',
      ],
    ],
    [
      'kubectl explain sts.spec.updateStrategy.type',
      [
        'GROUP:      apps',
        'KIND:       StatefulSet',
        'VERSION:    v1',
        '',
        'FIELD: type <string>',
        'ENUM:',
        '    OnDelete',
        '    RollingUpdate',
        '',
        'DESCRIPTION:',
        '    Type indicates the type of the StatefulSetUpdateStrategy. Default is',
        '    RollingUpdate.',
        '    ',
        '    Possible enum values:',
        '     - `"OnDelete"` triggers the legacy behavior. Version tracking and ordered',
        '    rolling restarts are disabled. Pods are recreated from the StatefulSetSpec',
        '    when they are manually deleted. When a scale operation is performed with',
        "    this strategy,specification version indicated by the StatefulSet's",
        '    currentRevision.',
        '     - `"RollingUpdate"` indicates that update will be applied to all Pods in',
        '    the StatefulSet with respect to the StatefulSet ordering constraints. When a',
        '    scale operation is performed with this strategy, new Pods will be created',
        "    from the specification version indicated by the StatefulSet's",
        '    updateRevision.',
        '    ',
        '',
        '',
      ],
    ],
    [
      'kubectl explain cronjob.spec.concurrencyPolicy',
      [
        'GROUP:      batch',
        'KIND:       CronJob',
        'VERSION:    v1',
        '',
        'FIELD: concurrencyPolicy <string>',
        'ENUM:',
        '    Allow',
        '    Forbid',
        '    Replace',
        '',
        'DESCRIPTION:',
        '    Specifies how to treat concurrent executions of a Job. Valid values are:',
        '    ',
        '    - "Allow" (default): allows CronJobs to run concurrently; - "Forbid":',
        "    forbids concurrent runs, skipping next run if previous run hasn't finished",
        '    yet; - "Replace": cancels currently running job and replaces it with a new',
        '    one',
        '    ',
        '    Possible enum values:',
        '     - `"Allow"` allows CronJobs to run concurrently.',
        '     - `"Forbid"` forbids concurrent runs, skipping next run if previous hasn\'t',
        '    finished yet.',
        '     - `"Replace"` cancels currently running job and replaces it with a new one.',
        '    ',
        '',
        '',
      ],
    ],
    [
      'kubectl explain cj.spec.jobTemplate',
      [
        'GROUP:      batch',
        'KIND:       CronJob',
        'VERSION:    v1',
        '',
        'FIELD: jobTemplate <JobTemplateSpec>',
        '',
        '',
        'DESCRIPTION:',
        '    Specifies the job that will be created when executing a CronJob.',
        '    JobTemplateSpec describes the data a Job should have when created from a',
        '    template',
        '    ',
        'FIELDS:',
        '  metadata\t<ObjectMeta>',
        "    Standard object's metadata of the jobs created from this template. More",
        '    info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
        '',
        '  spec\t<JobSpec>',
        '    Specification of the desired behavior of the job. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        '',
        '',
        '',
      ],
    ],
    [
      'kubectl explain pvc.spec.resources',
      [
        'KIND:       PersistentVolumeClaim',
        'VERSION:    v1',
        '',
        'FIELD: resources <VolumeResourceRequirements>',
        '',
        '',
        'DESCRIPTION:',
        '    resources represents the minimum resources the volume should have. Users are',
        '    allowed to specify resource requirements that are lower than previous value',
        '    but must still be higher than capacity recorded in the status field of the',
        '    claim. More info:',
        '    https://kubernetes.io/docs/concepts/storage/persistent-volumes#resources',
        '    VolumeResourceRequirements describes the storage resource requirements for a',
        '    volume.',
        '    ',
        'FIELDS:',
        '  limits\t<map[string]Quantity>',
        '    Limits describes the maximum amount of compute resources allowed. More info:',
        '    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        '',
        '  requests\t<map[string]Quantity>',
        '    Requests describes the minimum amount of compute resources required. If',
        '    Requests is omitted for a container, it defaults to Limits if that is',
        '    explicitly specified, otherwise to an implementation-defined value. Requests',
        '    cannot exceed Limits. More info:',
        '    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        '',
        '',
        '',
      ],
    ],
    [
      'kubectl explain pvc.status.phase',
      [
        'KIND:       PersistentVolumeClaim',
        'VERSION:    v1',
        '',
        'FIELD: phase <string>',
        'ENUM:',
        '    Bound',
        '    Lost',
        '    Pending',
        '',
        'DESCRIPTION:',
        '    phase represents the current phase of PersistentVolumeClaim.',
        '    ',
        '    Possible enum values:',
        '     - `"Bound"` used for PersistentVolumeClaims that are bound',
        '     - `"Lost"` used for PersistentVolumeClaims that lost their underlying',
        '    PersistentVolume. The claim was bound to a PersistentVolume and this volume',
        '    does not exist any longer and all data on it was lost.',
        '     - `"Pending"` used for PersistentVolumeClaims that are not yet bound',
        '    ',
        '',
        '',
      ],
    ],
    [
      'kubectl explain node.spec.taints.effect',
      [
        'KIND:       Node',
        'VERSION:    v1',
        '',
        'FIELD: effect <string>',
        'ENUM:',
        '    NoExecute',
        '    NoSchedule',
        '    PreferNoSchedule',
        '',
        'DESCRIPTION:',
        '    Required. The effect of the taint on pods that do not tolerate the taint.',
        '    Valid effects are NoSchedule, PreferNoSchedule and NoExecute.',
        '    ',
        '    Possible enum values:',
        '     - `"NoExecute"` Evict any already-running pods that do not tolerate the',
        '    taint. Currently enforced by NodeController.',
        '     - `"NoSchedule"` Do not allow new pods to schedule onto the node unless',
        '    they tolerate the taint, but allow all pods submitted to Kubelet without',
        '    going through the scheduler to start, and allow all already-running pods to',
        '    continue running. Enforced by the scheduler.',
        '     - `"PreferNoSchedule"` Like TaintEffectNoSchedule, but the scheduler tries',
        '    not to schedule new pods onto the node, rather than prohibiting new pods',
        '    from scheduling onto the node entirely. Enforced by the scheduler.',
        '    ',
        '',
        '',
      ],
    ],
    [
      'kubectl explain deploy.spec.selector',
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: selector <LabelSelector>',
        '',
        '',
        'DESCRIPTION:',
        '    Label selector for pods. Existing ReplicaSets whose pods are selected by',
        '    this will be the ones affected by this deployment. It must match the pod',
        "    template's labels.",
        '    A label selector is a label query over a set of resources. The result of',
        '    matchLabels and matchExpressions are ANDed. An empty label selector matches',
        '    all objects. A null label selector matches no objects.',
        '    ',
        'FIELDS:',
        '  matchExpressions\t<[]LabelSelectorRequirement>',
        '    matchExpressions is a list of label selector requirements. The requirements',
        '    are ANDed.',
        '',
        '  matchLabels\t<map[string]string>',
        '    matchLabels is a map of {key,value} pairs. A single {key,value} in the',
        '    matchLabels map is equivalent to an element of matchExpressions, whose key',
        '    field is "key", the operator is "In", and the values array contains only',
        '    "value". The requirements are ANDed.',
        '',
        '',
        '',
      ],
    ],
    [
      'kubectl explain pod.spec.topologySpreadConstraints.whenUnsatisfiable',
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: whenUnsatisfiable <string>',
        'ENUM:',
        '    DoNotSchedule',
        '    ScheduleAnyway',
        '',
        'DESCRIPTION:',
        "    WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the",
        '    spread constraint. - DoNotSchedule (default) tells the scheduler not to',
        '    schedule it. - ScheduleAnyway tells the scheduler to schedule the pod in any',
        '    location,',
        '      but giving higher precedence to topologies that would help reduce the',
        '      skew.',
        '    A constraint is considered "Unsatisfiable" for an incoming pod if and only',
        '    if every possible node assignment for that pod would violate "MaxSkew" on',
        '    some topology. For example, in a 3-zone cluster, MaxSkew is set to 1, and',
        '    pods with the same labelSelector spread as 3/1/1: | zone1 | zone2 | zone3 |',
        '    | P P P |   P   |   P   | If WhenUnsatisfiable is set to DoNotSchedule,',
        '    incoming pod can only be scheduled to zone2(zone3) to become 3/2/1(3/1/2) as',
        '    ActualSkew(2-1) on zone2(zone3) satisfies MaxSkew(1). In other words, the',
        "    cluster can still be imbalanced, but scheduler won't make it *more*",
        "    imbalanced. It's a required field.",
        '    ',
        '    Possible enum values:',
        '     - `"DoNotSchedule"` instructs the scheduler not to schedule the pod when',
        '    constraints are not satisfied.',
        '     - `"ScheduleAnyway"` instructs the scheduler to schedule the pod even if',
        '    constraints are not satisfied.',
        '    ',
        '',
        '',
      ],
    ],
    [
      'kubectl explain quota.status',
      [
        'KIND:       ResourceQuota',
        'VERSION:    v1',
        '',
        'FIELD: status <ResourceQuotaStatus>',
        '',
        '',
        'DESCRIPTION:',
        '    Status defines the actual enforced quota and its current usage.',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        '    ResourceQuotaStatus defines the enforced hard limits and observed use.',
        '    ',
        'FIELDS:',
        '  hard\t<map[string]Quantity>',
        '    Hard is the set of enforced hard limits for each named resource. More info:',
        '    https://kubernetes.io/docs/concepts/policy/resource-quotas/',
        '',
        '  used\t<map[string]Quantity>',
        '    Used is the current observed total usage of the resource in the namespace.',
        '',
        '',
        '',
      ],
    ],
    [
      'kubectl explain pvc.status.modifyVolumeStatus.status',
      [
        'KIND:       PersistentVolumeClaim',
        'VERSION:    v1',
        '',
        'FIELD: status <string>',
        'ENUM:',
        '    InProgress',
        '    Infeasible',
        '    Pending',
        '',
        'DESCRIPTION:',
        '    status is the status of the ControllerModifyVolume operation. It can be in',
        '    any of following states:',
        '     - Pending',
        '       Pending indicates that the PersistentVolumeClaim cannot be modified due',
        '    to unmet requirements, such as',
        '       the specified VolumeAttributesClass not existing.',
        '     - InProgress',
        '       InProgress indicates that the volume is being modified.',
        '     - Infeasible',
        '      Infeasible indicates that the request has been rejected as invalid by the',
        '    CSI driver. To',
        '    \t  resolve the error, a valid VolumeAttributesClass needs to be specified.',
        '    Note: New statuses can be added in the future. Consumers should check for',
        '    unknown statuses and fail appropriately.',
        '    ',
        '    Possible enum values:',
        '     - `"InProgress"` InProgress indicates that the volume is being modified',
        '     - `"Infeasible"` Infeasible indicates that the request has been rejected as',
        '    invalid by the CSI driver. To resolve the error, a valid',
        '    VolumeAttributesClass needs to be specified',
        '     - `"Pending"` Pending indicates that the PersistentVolumeClaim cannot be',
        '    modified due to unmet requirements, such as the specified',
        '    VolumeAttributesClass not existing',
        '    ',
        '',
        '',
      ],
    ],
    [
      'kubectl explain rs.metadata.ownerReferences',
      [
        'GROUP:      apps',
        'KIND:       ReplicaSet',
        'VERSION:    v1',
        '',
        'FIELD: ownerReferences <[]OwnerReference>',
        '',
        '',
        'DESCRIPTION:',
        '    List of objects depended by this object. If ALL objects in the list have',
        '    been deleted, this object will be garbage collected. If this object is',
        '    managed by a controller, then an entry in this list will point to this',
        '    controller, with the controller field set to true. There cannot be more than',
        '    one managing controller.',
        '    OwnerReference contains enough information to let you identify an owning',
        '    object. An owning object must be in the same namespace as the dependent, or',
        '    be cluster-scoped, so there is no namespace field.',
        '    ',
        'FIELDS:',
        '  apiVersion\t<string> -required-',
        '    API version of the referent.',
        '',
        '  blockOwnerDeletion\t<boolean>',
        '    If true, AND if the owner has the "foregroundDeletion" finalizer, then the',
        '    owner cannot be deleted from the key-value store until this reference is',
        '    removed. See',
        '    https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion',
        '    for how the garbage collector interacts with this field and enforces the',
        '    foreground deletion. Defaults to false. To set this field, a user needs',
        '    "delete" permission of the owner, otherwise 422 (Unprocessable Entity) will',
        '    be returned.',
        '',
        '  controller\t<boolean>',
        '    If true, this reference points to the managing controller.',
        '',
        '  kind\t<string> -required-',
        '    Kind of the referent. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
        '',
        '  name\t<string> -required-',
        '    Name of the referent. More info:',
        '    https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
        '',
        '  uid\t<string> -required-',
        '    UID of the referent. More info:',
        '    https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids',
        '',
        '',
        '',
      ],
    ],
    [
      'kubectl explain sts.spec.persistentVolumeClaimRetentionPolicy',
      [
        'GROUP:      apps',
        'KIND:       StatefulSet',
        'VERSION:    v1',
        '',
        'FIELD: persistentVolumeClaimRetentionPolicy <StatefulSetPersistentVolumeClaimRetentionPolicy>',
        '',
        '',
        'DESCRIPTION:',
        '    persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent',
        '    volume claims created from volumeClaimTemplates. By default, all persistent',
        '    volume claims are created as needed and retained until manually deleted.',
        '    This policy allows the lifecycle to be altered, for example by deleting',
        '    persistent volume claims when their stateful set is deleted, or when their',
        '    pod is scaled down.',
        '    StatefulSetPersistentVolumeClaimRetentionPolicy describes the policy used',
        '    for PVCs created from the StatefulSet VolumeClaimTemplates.',
        '    ',
        'FIELDS:',
        '  whenDeleted\t<string>',
        '    WhenDeleted specifies what happens to PVCs created from StatefulSet',
        '    VolumeClaimTemplates when the StatefulSet is deleted. The default policy of',
        '    `Retain` causes PVCs to not be affected by StatefulSet deletion. The',
        '    `Delete` policy causes those PVCs to be deleted.',
        '',
        '  whenScaled\t<string>',
        '    WhenScaled specifies what happens to PVCs created from StatefulSet',
        '    VolumeClaimTemplates when the StatefulSet is scaled down. The default policy',
        '    of `Retain` causes PVCs to not be affected by a scaledown. The `Delete`',
        '    policy causes the associated PVCs for any excess pods above the replica',
        '    count to be deleted.',
        '',
        '',
        '',
      ],
    ],
  ];
  it.each(rows)('%s', (cmd, lines) => {
    const c = createCluster();
    const r = c.run(cmd);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(lines.join('\n'));
  });
});

describe('kubectl explain rc.status.conditions', () => {
  // yannh/kubernetes-json-schema v1.35.0 replicationcontrollercondition.json (required: type, status); the field's
  // own text from replicationcontrollerstatus.json; layout as kubectl v1.35 explain/v2/templates/plaintext.tmpl
  it('walks into ReplicationControllerCondition', () => {
    const c = createCluster();
    expect(c.run('kubectl explain rc.status.conditions').stdout).toBe(
      [
        'KIND:       ReplicationController',
        'VERSION:    v1',
        '',
        'FIELD: conditions <[]ReplicationControllerCondition>',
        '',
        '',
        'DESCRIPTION:',
        "    Represents the latest available observations of a replication controller's",
        '    current state.',
        '    ReplicationControllerCondition describes the state of a replication',
        '    controller at a certain point.',
        '    ',
        'FIELDS:',
        '  lastTransitionTime\t<string>',
        '    The last time the condition transitioned from one status to another.',
        '',
        '  message\t<string>',
        '    A human readable message indicating details about the transition.',
        '',
        '  reason\t<string>',
        "    The reason for the condition's last transition.",
        '',
        '  status\t<string> -required-',
        '    Status of the condition, one of True, False, Unknown.',
        '',
        '  type\t<string> -required-',
        '    Type of replication controller condition.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });
});

describe('PersistentVolumeClaimSpec.resources is a VolumeResourceRequirements', () => {
  // core/v1 types.go (kubernetes/api 3fed8b5a): `Resources VolumeResourceRequirements` has only limits and requests, so
  // strict decoding rejects the claims a container's ResourceRequirements has (yannh v1.35.0 volumeresourcerequirements.json).
  it('rejects resources.claims in a claim as an unknown field', () => {
    const c = createCluster();
    const r = c.run(
      'kubectl apply -f - <<EOF\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n    claims:\n    - name: x\nEOF',
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "spec.resources.claims"\n',
    );
  });
});
