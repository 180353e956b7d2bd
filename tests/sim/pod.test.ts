/**
 * The Pod object itself: what the API server fills in, QoS classes, validation messages,
 * which updates are allowed, and generated names.
 *
 * Sources (reference = /work/shared/reference/kubernetes-behaviour.md):
 * - §3.3 defaulting (K/K pkg/apis/core/v1/defaults.go; admission plugins ServiceAccount,
 *   DefaultTolerationSeconds, Priority — plugin/pkg/admission/*); §3.1 kube-api-access volume
 *   (K/K plugin/pkg/admission/serviceaccount/admission.go) and generateName (apiserver
 *   pkg/storage/names/generate.go, apimachinery pkg/util/rand/rand.go alphanums).
 * - §2.2 / §2.4 / §2.7 error rendering and field errors (kubectl pkg/cmd/util/helpers.go,
 *   apimachinery pkg/util/validation/field/errors.go, RegexError in apimachinery
 *   pkg/api/validate/content/errors.go: "'ex1',  or 'ex2'" — two spaces).
 * - K/K pkg/apis/core/validation/validation.go: validateContainers (Required / Duplicate),
 *   validateRestartPolicy (NotSupported with Always, OnFailure, Never), ValidatePodUpdate (Forbidden
 *   list + spec diff: apimachinery pkg/util/diff Diff, go-difflib; see the pod updates block),
 *   ValidateContainerUpdates, validateOnlyAddedTolerations; kubectl set/set_env.go RunEnv.
 * - QoS: K/K pkg/apis/core/helper/qos/qos.go ComputePodQOS (Guaranteed = cpu and memory limits on
 *   every container with requests equal to limits; BestEffort = no requests or limits at all).
 * - kubectl pkg/cmd/apply/apply.go applyOneObject: "from %s: cannot use generate name with apply".
 */
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;

function run(c: Cluster, script: string): { out: string; err: string; code: number } {
  const r = c.run(script);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

function apply(c: Cluster, doc: string, verb = 'apply'): { out: string; err: string; code: number } {
  return run(c, `kubectl ${verb} -f - <<'EOF'\n${doc}\nEOF`);
}

function podDoc(name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { ...(name ? { name } : {}), ...meta }, spec });
}

const ONE = { containers: [{ name: 'web', image: 'nginx' }] };

describe('defaults shown by kubectl get pod -o yaml (reference §3.3)', () => {
  const c = createCluster();
  apply(c, podDoc('web', ONE));
  const text = run(c, 'kubectl get pod web -o yaml').out;
  const pod = yaml.load(text) as any;

  it.each([
    ['restartPolicy', 'Always'],
    ['dnsPolicy', 'ClusterFirst'],
    ['terminationGracePeriodSeconds', 30],
    ['schedulerName', 'default-scheduler'],
    ['serviceAccountName', 'default'],
    ['serviceAccount', 'default'],
    ['enableServiceLinks', true],
    ['priority', 0],
    ['preemptionPolicy', 'PreemptLowerPriority'],
    ['securityContext', {}],
  ])('spec.%s: %j', (field, value) => {
    expect(pod.spec[field]).toEqual(value);
  });

  it('container defaults: imagePullPolicy, terminationMessagePath/Policy, resources {}', () => {
    expect(pod.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
    });
  });

  it('DefaultTolerationSeconds: not-ready and unreachable NoExecute tolerated for 300 s', () => {
    expect(pod.spec.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
    expect(text).toContain(
      '  tolerations:\n  - effect: NoExecute\n    key: node.kubernetes.io/not-ready\n    operator: Exists\n    tolerationSeconds: 300\n  - effect: NoExecute\n    key: node.kubernetes.io/unreachable\n    operator: Exists\n    tolerationSeconds: 300\n',
    );
  });

  it('ServiceAccount admission: projected kube-api-access-xxxxx volume, mounted read-only (§3.1, §8.4)', () => {
    const vol = pod.spec.volumes.find((v: any) => v.name.startsWith('kube-api-access-'));
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    });
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true }]);
  });

  it('status.qosClass BestEffort; the scheduler filled spec.nodeName', () => {
    expect(pod.status.qosClass).toBe('BestEffort');
    expect(pod.spec.nodeName).toMatch(/^k8s-node[12]$/);
  });

  it('automountServiceAccountToken: false → no kube-api-access volume', () => {
    const c2 = createCluster();
    apply(c2, podDoc('nomount', { automountServiceAccountToken: false, ...ONE }));
    const p = c2.get('Pod', 'default', 'nomount')!;
    expect(p.spec.volumes ?? []).toEqual([]);
    expect(p.spec.containers[0].volumeMounts ?? []).toEqual([]);
  });

  it('explicit values are kept (imagePullPolicy: Never, restartPolicy: OnFailure, dnsPolicy: Default)', () => {
    const c2 = createCluster();
    apply(c2, podDoc('explicit', { restartPolicy: 'OnFailure', dnsPolicy: 'Default', containers: [{ name: 'c', image: 'nginx', imagePullPolicy: 'Never' }] }));
    const p = c2.get('Pod', 'default', 'explicit')!;
    expect([p.spec.restartPolicy, p.spec.dnsPolicy, p.spec.containers[0].imagePullPolicy]).toEqual(['OnFailure', 'Default', 'Never']);
  });
});

describe('imagePullPolicy default (reference §3.3; K/K pkg/util/parsers/parsers.go)', () => {
  it.each([
    ['busybox', 'Always'],
    ['busybox:latest', 'Always'],
    ['docker.io/library/busybox', 'Always'],
    ['busybox:1.36', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v1', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    const c = createCluster();
    apply(c, podDoc('p', { containers: [{ name: 'c', image }] }));
    expect(run(c, "kubectl get pod p -o jsonpath='{.spec.containers[0].imagePullPolicy}'").out).toBe(policy);
  });
});

describe('QoS class (K/K pkg/apis/core/helper/qos/qos.go)', () => {
  const res = (requests?: Record<string, string>, limits?: Record<string, string>) => ({
    resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
  });
  it.each<[string, Record<string, unknown>[], string]>([
    ['no requests or limits', [{}], 'BestEffort'],
    ['requests only', [res({ cpu: '100m', memory: '64Mi' })], 'Burstable'],
    ['limits above requests', [res({ cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '128Mi' })], 'Burstable'],
    ['cpu and memory limits only (requests default to limits)', [res(undefined, { cpu: '500m', memory: '128Mi' })], 'Guaranteed'],
    ['requests equal limits', [res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], 'Guaranteed'],
    ['equal, but only cpu', [res({ cpu: '1' }, { cpu: '1' })], 'Burstable'],
    ['one Guaranteed container, one without resources', [res(undefined, { cpu: '500m', memory: '128Mi' }), {}], 'Burstable'],
    ['every container Guaranteed', [res(undefined, { cpu: '500m', memory: '128Mi' }), res(undefined, { cpu: '100m', memory: '64Mi' })], 'Guaranteed'],
  ])('%s → %s', (_name, containers, qos) => {
    const c = createCluster();
    const r = apply(c, podDoc('q', { containers: containers.map((x, i) => ({ name: `c${i}`, image: 'busybox:1.36', command: ['sleep', '3600'], ...x })) }));
    expect(r.out).toBe('pod/q created\n');
    expect(run(c, "kubectl get pod q -o jsonpath='{.status.qosClass}'").out).toBe(qos);
    expect(run(c, 'kubectl describe pod q').out).toMatch(new RegExp(`\\nQoS Class: +${qos}\\n`));
  });

  it('limits only: API defaulting copies limits into requests (§3.3)', () => {
    const c = createCluster();
    apply(c, podDoc('q', { containers: [{ name: 'c', image: 'nginx:1.27', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] }));
    expect(c.get('Pod', 'default', 'q')!.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
  });
});

describe('validation messages (reference §2.2, §2.4, §2.7)', () => {
  const DNS1123_SUBDOMAIN =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const DNS1123_LABEL =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  it.each<[string, string, string]>([
    ['containers: [] → Required', podDoc('p', { containers: [] }), 'The Pod "p" is invalid: spec.containers: Required value\n'],
    ['no containers at all', podDoc('p', {}), 'The Pod "p" is invalid: spec.containers: Required value\n'],
    ['no image', podDoc('p', { containers: [{ name: 'c' }] }), 'The Pod "p" is invalid: spec.containers[0].image: Required value\n'],
    ['invalid pod name', podDoc('My_Pod', ONE), `The Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": ${DNS1123_SUBDOMAIN}\n`],
    ['invalid container name (DNS-1123 label)', podDoc('p', { containers: [{ name: 'Web_1', image: 'nginx' }] }), `The Pod "p" is invalid: spec.containers[0].name: Invalid value: "Web_1": ${DNS1123_LABEL}\n`],
    [
      'duplicate container names',
      podDoc('p', { containers: [{ name: 'c', image: 'nginx' }, { name: 'c', image: 'busybox' }] }),
      'The Pod "p" is invalid: spec.containers[1].name: Duplicate value: "c"\n',
    ],
    [
      'unsupported restartPolicy lists the supported values',
      podDoc('p', { restartPolicy: 'Sometimes', ...ONE }),
      'The Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n',
    ],
    [
      'several causes: one "* field: message" line each, metadata first, then spec in validation order',
      podDoc('Multi_X', { restartPolicy: 'Sometimes', containers: [{ name: 'c' }] }),
      `The Pod "Multi_X" is invalid: \n* metadata.name: Invalid value: "Multi_X": ${DNS1123_SUBDOMAIN}\n* spec.containers[0].image: Required value\n* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n`,
    ],
  ])('%s', (_name, doc, message) => {
    const c = createCluster();
    expect(apply(c, doc)).toEqual({ out: '', err: message, code: 1 });
    expect(c.list('Pod', 'default')).toEqual([]);
  });

  it('no name and no generateName (apimachinery objectmeta.go)', () => {
    const c = createCluster();
    expect(apply(c, podDoc('', ONE), 'create')).toEqual({
      out: '',
      err: 'The Pod "" is invalid: metadata.name: Required value: name or generateName is required\n',
      code: 1,
    });
  });
});

describe('pod updates (K/K validation.go ValidatePodUpdate; reference §2.4)', () => {
  const FORBIDDEN =
    'The Pod "u" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

  function withPod(): Cluster {
    const c = createCluster();
    run(c, 'kubectl run u --image=nginx:1.27');
    return c;
  }

  it.each([
    ['the image', `kubectl patch pod u -p '{"spec":{"containers":[{"name":"u","image":"nginx:1.28"}]}}'`],
    ['activeDeadlineSeconds (set for the first time)', `kubectl patch pod u -p '{"spec":{"activeDeadlineSeconds":600}}'`],
    [
      'an added toleration (JSON patch append keeps the existing ones)',
      `kubectl patch pod u --type=json -p '[{"op":"add","path":"/spec/tolerations/-","value":{"key":"a","operator":"Exists","effect":"NoSchedule"}}]'`,
    ],
    ['labels (metadata)', 'kubectl label pod u tier=front'],
  ])('allowed: %s', (_name, cmd) => {
    const c = withPod();
    const r = run(c, cmd);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^pod\/u (patched|labeled)\n$/);
  });

  it.each([
    ['restartPolicy', `kubectl patch pod u -p '{"spec":{"restartPolicy":"Never"}}'`, FORBIDDEN],
    ['container ports', `kubectl patch pod u -p '{"spec":{"containers":[{"name":"u","ports":[{"containerPort":80}]}]}}'`, FORBIDDEN],
    // set_env.go RunEnv wraps the API error: fmt.Errorf("failed to patch env update to pod template: %v", err),
    // which checkErr prints as `error: …` (observed: `error: failed to patch env update to pod template: Pod
    // "kube-proxy-sk7sq" is invalid: spec: Forbidden: pod updates may not change fields other than …`).
    ['env (kubectl set env)', 'kubectl set env pod/u A=b', `error: failed to patch env update to pod template: ${FORBIDDEN.slice('The '.length)}`],
    ['resources through a normal update', `kubectl patch pod u -p '{"spec":{"containers":[{"name":"u","resources":{"requests":{"cpu":"100m"}}}]}}'`, FORBIDDEN],
  ])('forbidden: %s', (_name, cmd, first) => {
    const c = withPod();
    const r = run(c, cmd);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(first);
    expect(c.get('Pod', 'default', 'u')!.spec.restartPolicy).toBe('Always');
  });

  // The Forbidden detail goes on with the spec diff: ValidatePodUpdate builds
  // fmt.Sprintf("pod updates may not change fields other than %s\n%v", strings.Join(updatablePodSpecFields, ","), specDiff)
  // with specDiff = diff.Diff(oldPod.Spec, mungedPodSpec) — apimachinery pkg/util/diff/diff.go (the default,
  // !usegocmp build since kubernetes/kubernetes#132221): json.MarshalIndent(v, "", " ") of both specs, then
  // github.com/pmezard/go-difflib GetUnifiedDiffString{Context: 3} without FromFile/ToFile, so no ---/+++ header.
  // The specs are the internal core.PodSpec (pkg/apis/core/types.go, no json tags: Go field names in struct
  // order, zero values printed), the new one "munged" (images, activeDeadlineSeconds, tolerations and scheduling
  // gates copied from the old one) so the allowed changes never show. Observed on a v1.35 cluster: a hunk
  // `@@ -142,9 +142,7 @@` opening on ` "TerminationGracePeriodSeconds": 30,` with `- "NodeSelector": {`.
  // kubectl (pkg/cmd/util/helpers.go checkErr → MultilineError "%s%v\n") adds "\n" after the detail, which
  // already ends in "\n": the message ends with an empty line.
  const withDiff = (first: string, hunk: string[]) => `${first}\n${hunk.join('\n')}\n\n`;

  it.each([
    [
      'restartPolicy',
      `kubectl patch pod u -p '{"spec":{"restartPolicy":"Never"}}'`,
      [
        '@@ -133,7 +133,7 @@',
        '   }',
        '  ],',
        '  "EphemeralContainers": null,',
        '- "RestartPolicy": "Always",',
        '+ "RestartPolicy": "Never",',
        '  "TerminationGracePeriodSeconds": 30,',
        '  "ActiveDeadlineSeconds": null,',
        '  "DNSPolicy": "ClusterFirst",',
      ],
    ],
    [
      // the image change is munged away; the port comes back defaulted (protocol TCP) with every ContainerPort field
      'a container port (and the image)',
      `kubectl patch pod u -p '{"spec":{"containers":[{"name":"u","image":"nginx:1.28","ports":[{"containerPort":80}]}]}}'`,
      [
        '@@ -96,7 +96,15 @@',
        '    "Command": null,',
        '    "Args": null,',
        '    "WorkingDir": "",',
        '-   "Ports": null,',
        '+   "Ports": [',
        '+    {',
        '+     "Name": "",',
        '+     "HostPort": 0,',
        '+     "ContainerPort": 80,',
        '+     "Protocol": "TCP",',
        '+     "HostIP": ""',
        '+    }',
        '+   ],',
        '    "EnvFrom": null,',
        '    "Env": null,',
        '    "Resources": {',
      ],
    ],
    [
      'env',
      `kubectl patch pod u -p '{"spec":{"containers":[{"name":"u","env":[{"name":"A","value":"b"}]}]}}'`,
      [
        '@@ -98,7 +98,13 @@',
        '    "WorkingDir": "",',
        '    "Ports": null,',
        '    "EnvFrom": null,',
        '-   "Env": null,',
        '+   "Env": [',
        '+    {',
        '+     "Name": "A",',
        '+     "Value": "b",',
        '+     "ValueFrom": null',
        '+    }',
        '+   ],',
        '    "Resources": {',
        '     "Limits": null,',
        '     "Requests": null,',
      ],
    ],
    [
      // resource.Quantity marshals as its canonical string (0.1 → 100m), ResourceList keys sorted
      'resources',
      `kubectl patch pod u -p '{"spec":{"containers":[{"name":"u","resources":{"requests":{"memory":"64Mi","cpu":"0.1"}}}]}}'`,
      [
        '@@ -101,7 +101,10 @@',
        '    "Env": null,',
        '    "Resources": {',
        '     "Limits": null,',
        '-    "Requests": null,',
        '+    "Requests": {',
        '+     "cpu": "100m",',
        '+     "memory": "64Mi"',
        '+    },',
        '     "Claims": null',
        '    },',
        '    "ResizePolicy": null,',
      ],
    ],
  ])('the Forbidden message is followed by the spec diff: %s', (_name, cmd, hunk) => {
    const c = withPod();
    expect(run(c, cmd)).toEqual({ out: '', err: withDiff(FORBIDDEN, hunk), code: 1 });
  });

  // The observed hunk shape: a nodeSelector of one label removed is 3 lines out, 1 line in, 3 lines of context
  // on each side — -N,9 +N,7. (This pod is unscheduled, so it has no nodeName and its lines start earlier.)
  it('removing a nodeSelector: the -N,9 +N,7 hunk of the observed output', () => {
    const c = createCluster();
    apply(c, podDoc('s', { nodeSelector: { disktype: 'ssd' }, containers: [{ name: 's', image: 'nginx:1.27' }] }));
    const r = run(c, `kubectl patch pod s --type=json -p '[{"op":"remove","path":"/spec/nodeSelector"}]'`);
    expect(r.err).toBe(
      withDiff(FORBIDDEN.replace('"u"', '"s"'), [
        '@@ -137,9 +137,7 @@',
        '  "TerminationGracePeriodSeconds": 30,',
        '  "ActiveDeadlineSeconds": null,',
        '  "DNSPolicy": "ClusterFirst",',
        '- "NodeSelector": {',
        '-  "disktype": "ssd"',
        '- },',
        '+ "NodeSelector": null,',
        '  "ServiceAccountName": "default",',
        '  "AutomountServiceAccountToken": null,',
        '  "NodeName": "",',
      ]),
    );
  });

  // A wrapped (non-Invalid) error is printed by checkErr's default branch: fatal() adds "\n" only when the
  // message lacks one, so there is no empty line after the diff.
  it('kubectl set env: `error: failed to patch env update to pod template: …` and the diff, no empty line', () => {
    const c = withPod();
    const r = run(c, 'kubectl set env pod/u A=b');
    expect(r.code).toBe(1);
    expect(r.err.startsWith(`error: failed to patch env update to pod template: Pod "u" is invalid: spec: Forbidden: pod updates may not change fields other than`)).toBe(true);
    expect(r.err.endsWith('\n     "Requests": null,\n')).toBe(true);
    expect(r.err).toContain('\n@@ -98,7 +98,13 @@\n');
  });

  // ValidateContainerUpdates: a different number of (init) containers stops the update checks, without a diff.
  it('adding a container: spec.containers: Forbidden: pod updates may not add or remove containers', () => {
    const c = withPod();
    expect(run(c, `kubectl patch pod u --type=json -p '[{"op":"add","path":"/spec/containers/-","value":{"name":"b","image":"busybox"}}]'`)).toEqual({
      out: '',
      err: 'The Pod "u" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n',
      code: 1,
    });
  });

  // validateOnlyDeletedSchedulingGates: gates may only be removed (they are munged out of the spec comparison).
  // Observed: `The Pod "gated" is invalid: spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but
  // found new scheduling gate 'training.example.com/another'`.
  it('scheduling gates: removing them is allowed, adding one is forbidden', () => {
    const c = createCluster();
    apply(c, podDoc('gated', { schedulingGates: [{ name: 'example.com/quota' }], containers: [{ name: 'c', image: 'nginx:1.27' }] }));
    expect(run(c, `kubectl patch pod gated --type=json -p '[{"op":"add","path":"/spec/schedulingGates/-","value":{"name":"example.com/another"}}]'`)).toEqual({
      out: '',
      err: "The Pod \"gated\" is invalid: spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/another'\n",
      code: 1,
    });
    expect(run(c, `kubectl patch pod gated --type=json -p '[{"op":"remove","path":"/spec/schedulingGates"}]'`)).toEqual({ out: 'pod/gated patched\n', err: '', code: 0 });
  });

  // ValidatePodUpdate validates the new spec (validatePodMetadataAndSpec) before the update rules: both errors.
  it('an invalid value and a forbidden change: both errors, the diff under the second', () => {
    const c = withPod();
    const r = run(c, `kubectl patch pod u -p '{"spec":{"restartPolicy":"Sometimes"}}'`);
    expect(r.err.split('\n').slice(0, 4)).toEqual([
      'The Pod "u" is invalid: ',
      '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      `* ${FORBIDDEN.slice('The Pod "u" is invalid: '.length)}`,
      '@@ -133,7 +133,7 @@',
    ]);
    expect(r.err).toContain('\n+ "RestartPolicy": "Sometimes",\n');
  });

  // Only tolerationSeconds may change and only additions are allowed (validateOnlyAddedTolerations →
  // `spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds`).
  it('removing an existing toleration is forbidden', () => {
    const c = withPod();
    expect(run(c, `kubectl patch pod u --type=json -p '[{"op":"remove","path":"/spec/tolerations/0"}]'`)).toEqual({
      out: '',
      err: 'The Pod "u" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds\n',
      code: 1,
    });
  });

  // terminationGracePeriodSeconds is only mutable from a negative value to 1; 30 → 10 falls under the
  // generic Forbidden.
  it('terminationGracePeriodSeconds 30 → 10 is forbidden', () => {
    const c = withPod();
    const r = run(c, `kubectl patch pod u -p '{"spec":{"terminationGracePeriodSeconds":10}}'`);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(FORBIDDEN);
  });
});

describe('generateName (reference §3.1)', () => {
  const GEN = podDoc('', ONE, { generateName: 'web-' });

  it('kubectl create: <prefix> + 5 characters of bcdfghjklmnpqrstvwxz2456789, different each time', () => {
    const c = createCluster();
    const names = [1, 2, 3, 4].map(() => {
      const r = apply(c, GEN, 'create');
      expect(r.code).toBe(0);
      return /^pod\/(\S+) created\n$/.exec(r.out)![1];
    });
    for (const n of names) expect(n).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(new Set(names).size).toBe(4);
    expect(c.list('Pod', 'default').map((p) => p.metadata.generateName)).toEqual(['web-', 'web-', 'web-', 'web-']);
  });

  it('a long prefix is cut to 58 characters so the name stays within 63', () => {
    const c = createCluster();
    const r = apply(c, podDoc('', ONE, { generateName: `${'a'.repeat(70)}-` }), 'create');
    const name = /^pod\/(\S+) created\n$/.exec(r.out)![1];
    expect(name).toMatch(new RegExp(`^${'a'.repeat(58)}[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  });

  it('Pods of a ReplicaSet are <rs>-<5 chars>', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    const rs = c.list('ReplicaSet', 'default')[0].metadata.name;
    for (const p of c.list('Pod', 'default')) expect(p.metadata.name).toMatch(new RegExp(`^${rs}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  });

  // kubectl apply refuses generateName before talking to the server:
  // `error: from web-: cannot use generate name with apply`.
  it('kubectl apply with only generateName is refused by kubectl', () => {
    const c = createCluster();
    expect(apply(c, GEN)).toEqual({ out: '', err: 'error: from web-: cannot use generate name with apply\n', code: 1 });
  });
});
