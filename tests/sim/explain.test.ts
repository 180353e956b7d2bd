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
