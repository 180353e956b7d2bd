/**
 * kubectl apply --server-side (kubectl pkg/cmd/apply/apply.go: Validate texts, GetApplyFieldManagerFlag's
 * "kubectl", the `serverside-applied` operation, the conflict help text; apimachinery pkg/util/managedfields:
 * internal/conflict.go getConflictMessage/printManager, internal/lastappliedupdater.go). Field managers of
 * kubectl's own writes: cmdutil.AddFieldManagerFlagVar defaults (kubectl-create, kubectl-set, kubectl-label …),
 * "kubectl" (the user agent) for the others, `scale` through the scale subresource. Controllers' writes own
 * nothing in the simulator (sim/registry/fieldmanager.ts).
 * The field manager of apply and diff: apply.go GetApplyFieldManagerFlag (`cmd.Flag("field-manager").Changed` →
 * the flag's value, even empty; else "kubectl" with --server-side, "kubectl-client-side-apply" without), called
 * by ApplyFlags.ToOptions and diff.go DiffOptions.Complete; an empty one is not sent (resource.Helper), so the
 * apiserver's patch handler fails apimachinery validation.ValidatePatchOptions ("is required for apply patch";
 * errors.NewInvalid(PatchOptions.meta.k8s.io, "")) and an Update takes the user agent's prefix, "kubectl"
 * (handlers/create.go managerOrUserAgent). kubectl's checkErr prints the Invalid status as `The %s %q is invalid`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { Cluster } from '../../sim/cluster';

const CM = (data: string, extra = '') => `cat > cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: c${extra}
data:
${data}
EOF
`;

const HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

function run(c: Cluster, script: string) {
  const r = c.run(script);
  return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode };
}

describe('kubectl apply --server-side', () => {
  it('serverside-applied whether it creates, changes or leaves the object; no last-applied annotation', () => {
    const c = createCluster();
    expect(run(c, CM('  a: "1"\n  b: "2"') + 'kubectl apply --server-side -f cm.yaml').stdout).toBe('configmap/c serverside-applied\n');
    expect(run(c, 'kubectl apply --server-side -f cm.yaml').stdout).toBe('configmap/c serverside-applied\n');
    expect(run(c, 'kubectl get cm c -o yaml').stdout).not.toContain('last-applied-configuration');
    expect(run(c, 'kubectl apply --server-side --dry-run=server -f cm.yaml').stdout).toBe('configmap/c serverside-applied (server dry run)\n');
  });

  it('a field the manager applied before and leaves out now is removed', () => {
    const c = createCluster();
    run(c, CM('  a: "1"\n  b: "2"', '\n  labels:\n    app: demo') + 'kubectl apply --server-side -f cm.yaml');
    run(c, CM('  a: "1"') + 'kubectl apply --server-side -f cm.yaml');
    expect(run(c, `kubectl get cm c -o jsonpath='{.data} {.metadata.labels}'`).stdout).toBe('{"a":"1"} ');
  });

  it('another applier owning a field with another value: the conflict, then --force-conflicts takes it over', () => {
    const c = createCluster();
    run(c, CM('  a: "1"\n  b: "2"') + 'kubectl apply --server-side -f cm.yaml');
    const r = run(c, CM('  a: "9"') + 'kubectl apply --server-side --field-manager=other -f cm.yaml');
    expect(r).toEqual({ stdout: '', stderr: `error: Apply failed with 1 conflict: conflict with "kubectl": .data.a\n${HELP}`, code: 1 });
    // the same value is no conflict (the field is co-owned)
    expect(run(c, CM('  a: "1"') + 'kubectl apply --server-side --field-manager=other -f cm.yaml').code).toBe(0);
    const two = run(c, CM('  a: "8"\n  b: "8"') + 'kubectl apply --server-side --field-manager=third -f cm.yaml');
    expect(two.stderr).toBe(`error: Apply failed with 3 conflicts: conflicts with "kubectl":\n- .data.a\n- .data.b\nconflicts with "other":\n- .data.a\n${HELP}`);
    expect(run(c, CM('  a: "9"') + 'kubectl apply --server-side --field-manager=other --force-conflicts -f cm.yaml').stdout).toBe('configmap/c serverside-applied\n');
    expect(run(c, `kubectl get cm c -o jsonpath='{.data}'`).stdout).toBe('{"a":"9","b":"2"}');
    // "kubectl" lost .data.a: applying its old value now conflicts with the new owner
    expect(run(c, CM('  a: "1"\n  b: "2"') + 'kubectl apply --server-side -f cm.yaml').stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "other": \.data\.a\n/);
  });

  it('list items are fields by their key: a container image owned by another applier', () => {
    const c = createCluster();
    const dep = (image: string, manager: string) => `cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
EOF
kubectl apply --server-side --field-manager=${manager} -f d.yaml`;
    expect(run(c, dep('nginx:1.27', 'team-a')).code).toBe(0);
    expect(run(c, dep('nginx:1.28', 'team-b')).stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "team-a": \.spec\.template\.spec\.containers\[name="nginx"\]\.image\n/);
  });

  it('after client-side apply: no conflict, dropped fields removed, the annotation rewritten (manager "kubectl")', () => {
    const c = createCluster();
    run(c, CM('  a: "1"\n  b: "2"') + 'kubectl apply -f cm.yaml');
    expect(run(c, CM('  a: "5"') + 'kubectl apply --server-side -f cm.yaml')).toEqual({ stdout: 'configmap/c serverside-applied\n', stderr: '', code: 0 });
    expect(run(c, `kubectl get cm c -o jsonpath='{.data}'`).stdout).toBe('{"a":"5"}');
    expect(run(c, `kubectl get cm c -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`).stdout).toBe(
      '{"apiVersion":"v1","data":{"a":"5"},"kind":"ConfigMap","metadata":{"name":"c","namespace":"default"}}\n',
    );
  });

  it('Validate: flags that do not go together', () => {
    const c = createCluster();
    run(c, CM('  a: "1"'));
    expect(run(c, 'kubectl apply --force-conflicts -f cm.yaml').stderr).toBe('error: --force-conflicts only works with --server-side\n');
    expect(run(c, 'kubectl apply --server-side --dry-run=client -f cm.yaml').stderr).toBe("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
    expect(run(c, 'kubectl apply --server-side --force -f cm.yaml').stderr).toBe('error: --force cannot be used with --server-side\n');
  });

  it('GetApplyFieldManagerFlag: an empty --field-manager is sent empty, which an apply patch may not be', () => {
    const c = createCluster();
    const invalid = 'The PatchOptions "" is invalid: fieldManager: Required value: is required for apply patch\n';
    expect(run(c, CM('  a: "1"') + 'kubectl apply --server-side --field-manager= -f cm.yaml')).toEqual({ stdout: '', stderr: invalid, code: 1 });
    expect(run(c, 'kubectl get cm c').code).toBe(1);
    run(c, 'kubectl apply --server-side -f cm.yaml');
    expect(run(c, CM('  a: "2"') + 'kubectl apply --server-side --field-manager="" -f cm.yaml')).toEqual({ stdout: '', stderr: invalid, code: 1 });
    expect(run(c, 'kubectl apply --server-side --field-manager= --dry-run=server -f cm.yaml')).toEqual({ stdout: '', stderr: invalid, code: 1 });
    expect(run(c, `kubectl get cm c -o jsonpath='{.data.a}'`).stdout).toBe('1');
  });

  it('GetApplyFieldManagerFlag: a given --field-manager names the applier; client-side apply with an empty one is "kubectl"', () => {
    const c = createCluster();
    run(c, CM('  a: "1"') + 'kubectl apply --server-side --field-manager=mine -f cm.yaml');
    expect(run(c, CM('  a: "2"') + 'kubectl apply --server-side -f cm.yaml').stderr).toBe(`error: Apply failed with 1 conflict: conflict with "mine": .data.a\n${HELP}`);
    run(c, CM('  a: "1"', '2') + 'kubectl apply --field-manager= -f cm.yaml');
    expect(run(c, CM('  a: "2"', '2') + 'kubectl apply --server-side --field-manager=other -f cm.yaml').stderr).toBe(
      `error: Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.a\n${HELP}`,
    );
    run(c, CM('  a: "1"', '3') + 'kubectl apply --field-manager=csa -f cm.yaml');
    expect(run(c, CM('  a: "2"', '3') + 'kubectl apply --server-side -f cm.yaml').stderr).toBe(`error: Apply failed with 1 conflict: conflict with "csa" using v1: .data.a\n${HELP}`);
  });

  it('the appliers survive a snapshot and restore', () => {
    const c = createCluster();
    run(c, CM('  a: "1"') + 'kubectl apply --server-side -f cm.yaml');
    const r = Cluster.restore(c.snapshot());
    expect(run(r, CM('  a: "2"') + 'kubectl apply --server-side --field-manager=other -f cm.yaml').stderr).toMatch(/conflict with "kubectl": \.data\.a/);
  });

  it('fields that imperative kubectl commands changed belong to their managers: conflicts name them', () => {
    const c = createCluster();
    const dep = (name: string, replicas: number, image: string) => `cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: ${image}
EOF
kubectl apply --server-side -f d.yaml`;
    expect(run(c, dep('web', 2, 'nginx:1.27')).code).toBe(0);
    run(c, 'kubectl set image deploy/web nginx=nginx:1.28');
    expect(run(c, dep('web', 2, 'nginx:1.27')).stderr).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: .spec.template.spec.containers[name="nginx"].image\n${HELP}`);
    // the same value as the live one is no conflict
    expect(run(c, dep('web', 2, 'nginx:1.28')).code).toBe(0);
    run(c, 'kubectl scale deploy web --replicas=5');
    expect(run(c, dep('web', 2, 'nginx:1.28')).stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas\n/);
    expect(run(c, dep('web', 2, 'nginx:1.28').replace('--server-side', '--server-side --force-conflicts')).code).toBe(0);
    expect(run(c, `kubectl get deploy web -o jsonpath='{.spec.replicas}'`).stdout).toBe('2');
    // a label another manager added stays when the applier leaves it out
    run(c, 'kubectl label deploy web tier=front');
    expect(run(c, dep('web', 2, 'nginx:1.28')).code).toBe(0);
    expect(run(c, `kubectl get deploy web -o jsonpath='{.metadata.labels.tier}'`).stdout).toBe('front');
    // kubectl create deployment owns everything it set (defaults included)
    run(c, 'kubectl create deployment api --image=nginx');
    expect(run(c, dep('api', 2, 'nginx:1.27')).stderr).toBe(
      `error: Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image\n${HELP}`,
    );
  });

  it('kubectl diff --server-side: the dry-run apply as the merged side; a conflict is the error the server gives', () => {
    const c = createCluster();
    run(c, CM('  a: "1"\n  b: "2"') + 'kubectl apply --server-side -f cm.yaml');
    const d = run(c, CM('  a: "5"') + 'kubectl diff --server-side -f cm.yaml');
    expect(d.code).toBe(1);
    expect(d.stdout).toContain('-  a: "1"\n-  b: "2"\n+  a: "5"\n');
    expect(run(c, `kubectl get cm c -o jsonpath='{.data}'`).stdout).toBe('{"a":"1","b":"2"}');
    expect(run(c, 'kubectl diff --server-side --field-manager=other -f cm.yaml')).toEqual({
      stdout: '',
      stderr: 'Error from server (Conflict): Apply failed with 1 conflict: conflict with "kubectl": .data.a\n',
      code: 2,
    });
    // diff.go Complete: o.FieldManager = apply.GetApplyFieldManagerFlag(cmd, o.ServerSideApply), the same as apply's
    expect(run(c, 'kubectl diff --server-side --field-manager= -f cm.yaml')).toEqual({
      stdout: '',
      stderr: 'The PatchOptions "" is invalid: fieldManager: Required value: is required for apply patch\n',
      code: 2,
    });
    run(c, CM('  a: "1"\n  b: "2"') + 'kubectl apply --server-side --field-manager=mine -f cm.yaml');
    expect(run(c, CM('  a: "5"') + 'kubectl diff --server-side --field-manager=mine -f cm.yaml').stderr).toBe(
      'Error from server (Conflict): Apply failed with 1 conflict: conflict with "kubectl": .data.a\n',
    );
  });
});
