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
    // fieldDetail ends each field with a blank line; the template ends with one more line break.
    expect(r.stdout.endsWith('  status\t<Object>\n\n\n')).toBe(true);
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
