/**
 * kubectl's own verbs: apply/create/delete/label/annotate/patch/scale/taint,
 * argument and flag errors, manifest decoding errors, strict decoding.
 * Expected texts cite their source (reference §2 = shared/reference/kubernetes-behaviour.md).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx
`;

function run(script: string, c = createCluster()): { out: string; code: number } {
  const r = c.run(script);
  return { out: r.output.map((o) => o.text).join(''), code: r.exitCode };
}

function withPod() {
  const c = createCluster();
  c.run(`cat > pod.yaml <<'EOF'\n${POD}EOF\nkubectl apply -f pod.yaml`);
  return c;
}

describe('apply / create', () => {
  it('created, then unchanged (kubectl pkg/cmd/apply/apply.go; reference §2.1)', () => {
    const c = createCluster();
    c.run(`cat > pod.yaml <<'EOF'\n${POD}EOF`);
    expect(run('kubectl apply -f pod.yaml', c)).toEqual({ out: 'pod/web created\n', code: 0 });
    expect(run('kubectl apply -f pod.yaml', c)).toEqual({ out: 'pod/web unchanged\n', code: 0 });
  });

  it('keeps the last applied configuration as Go JSON with sorted keys and a trailing newline', () => {
    const c = withPod();
    const ann = c.get('Pod', 'default', 'web')!.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
    expect(ann).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}\n');
  });

  it('configured when the config changes; removed fields are removed (three-way merge)', () => {
    const c = withPod();
    c.run(`cat > pod.yaml <<'EOF'\n${POD.replace('    app: web\n', '    app: web\n    tier: front\n')}EOF`);
    expect(run('kubectl apply -f pod.yaml', c).out).toBe('pod/web configured\n');
    expect(c.get('Pod', 'default', 'web')!.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    c.run(`cat > pod.yaml <<'EOF'\n${POD}EOF`);
    expect(run('kubectl apply -f pod.yaml', c).out).toBe('pod/web configured\n');
    expect(c.get('Pod', 'default', 'web')!.metadata.labels).toEqual({ app: 'web' });
  });

  it('create of an existing object: AlreadyExists wrapped with the file (AddSourceToErr; reference §2.2)', () => {
    const c = withPod();
    expect(run('kubectl create -f pod.yaml', c)).toEqual({ out: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "web" already exists\n', code: 1 });
  });

  it('a missing file', () => {
    expect(run('kubectl apply -f nope.yaml')).toEqual({ out: 'error: the path "nope.yaml" does not exist\n', code: 1 });
  });

  it('no -f (kubectl apply.go: "must specify one of -f and -k")', () => {
    expect(run('kubectl apply')).toEqual({ out: 'error: must specify one of -f and -k\n', code: 1 });
  });
});

describe('decoding errors', () => {
  it('YAML syntax: go-yaml text with the line, stream named STDIN', () => {
    const r = run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\nEOF');
    expect(r).toEqual({ out: 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n', code: 1 });
  });

  it('unknown kind: resource mapping not found (cli-runtime builder; "ensure CRDs are installed first")', () => {
    const r = run('kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Foo\nmetadata:\n  name: x\nEOF');
    expect(r.out).toBe('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "apps/v1"\nensure CRDs are installed first\n');
  });

  it('strict decoding: unknown fields in document order (reference §2.5)', () => {
    const r = run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-1\n  app: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n    imagee: x\nEOF');
    expect(r.out).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.app", unknown field "spec.containers[0].imagee"\n',
    );
  });

  it('a misspelt Service field', () => {
    const r = run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  externalTrafficPilicy: Local\n  ports:\n  - port: 80\nEOF');
    expect(r.out).toContain('strict decoding error: unknown field "spec.externalTrafficPilicy"');
  });

  it('wrong JSON type: encoding/json UnmarshalTypeError (Go struct path without indices)', () => {
    const r = run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: "80"\nEOF');
    expect(r.out).toContain('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
  });

  it('an alias bomb is refused quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    const t0 = performance.now();
    const r = run(`kubectl apply -f - <<'EOF'\n${lines.join('\n')}\nEOF`);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.out).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing\n');
  });

  it('several documents: the valid ones are applied, the invalid one reported', () => {
    const r = run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n---\napiVersion: v1\nkind: Nope\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\nEOF');
    expect(r.out).toBe('namespace/dev created\nconfigmap/cfg created\nerror: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Nope" in version "v1"\nensure CRDs are installed first\n');
    expect(r.code).toBe(1);
  });
});

describe('delete', () => {
  it('prints "deleted from <ns> namespace" (kubectl ≥ 1.34; reference §2.1)', () => {
    const c = withPod();
    expect(run('kubectl delete pod web', c)).toEqual({ out: 'pod "web" deleted from default namespace\n', code: 0 });
    expect(run('kubectl delete pod web', c)).toEqual({ out: 'Error from server (NotFound): pods "web" not found\n', code: 1 });
  });

  it('no arguments: the builder usage error', () => {
    expect(run('kubectl delete').out).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });

  it('immortal namespaces (NamespaceLifecycle; reference §2.6)', () => {
    expect(run('kubectl delete ns default').out).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n');
  });
});

describe('label / annotate (kubectl pkg/cmd/label/label.go)', () => {
  it('labeled, overwrite refusal, unlabeled', () => {
    const c = withPod();
    expect(run('kubectl label pod web tier=front', c).out).toBe('pod/web labeled\n');
    expect(run('kubectl label pod web tier=back', c)).toEqual({ out: "error: 'tier' already has a value (front), and --overwrite is false\n", code: 1 });
    expect(run('kubectl label pod web tier=back --overwrite', c).out).toBe('pod/web labeled\n');
    expect(run('kubectl label pod web tier-', c).out).toBe('pod/web unlabeled\n');
    expect(run('kubectl annotate pod/web note=hi', c).out).toBe('pod/web annotated\n');
  });
});

describe('scale / patch / taint / cordon', () => {
  it('scale and patch a deployment', () => {
    const c = createCluster();
    expect(run('kubectl scale deploy coredns -n kube-system --replicas=3', c).out).toBe('deployment.apps/coredns scaled\n');
    expect(run(`kubectl -n kube-system patch deploy coredns -p '{"spec":{"replicas":2}}'`, c).out).toBe('deployment.apps/coredns patched\n');
    expect(run(`kubectl -n kube-system patch deploy coredns -p '{"spec":{"replicas":2}}'`, c).out).toBe('deployment.apps/coredns patched (no change)\n');
  });

  it('taints (kubectl pkg/cmd/taint/taint.go)', () => {
    const c = createCluster();
    expect(run('kubectl taint nodes k8s-node1 key=v:NoSchedule', c).out).toBe('node/k8s-node1 tainted\n');
    expect(run('kubectl taint nodes k8s-node1 key=v:NoSchedule', c).out).toBe('error: node k8s-node1 already has key taint(s) with same effect(s) and --overwrite is false\n');
    expect(run('kubectl taint nodes k8s-node1 key-', c).out).toBe('node/k8s-node1 untainted\n');
    expect(run('kubectl cordon k8s-node2', c).out).toBe('node/k8s-node2 cordoned\n');
    expect(run('kubectl cordon k8s-node2', c).out).toBe('node/k8s-node2 already cordoned\n');
  });
});

describe('dispatcher', () => {
  it('unknown verb with suggestions (cobra)', () => {
    // cobra: commands within Levenshtein distance 2 or with the typed prefix, in command order
    expect(run('kubectl sett pods').out).toBe('error: unknown command "sett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n');
  });

  it('unknown flag (pflag)', () => {
    expect(run('kubectl delete pod x --bogus').out).toBe("error: unknown flag: --bogus\nSee 'kubectl delete --help' for usage.\n");
  });

  it('kubectl only exists on the node', () => {
    expect(run('kubectl').code).toBe(0);
  });
});

// The create response carries the status PrepareForCreate resets (K/K pkg/registry/apps/deployment/strategy.go
// `deployment.Status = apps.DeploymentStatus{}`, replicaset/strategy.go likewise): encoding/json always writes
// the struct, so a Deployment says `status: {}`, a ReplicaSet `replicas: 0` (that field has no omitempty in
// k8s.io/api apps/v1 types.go ReplicaSetStatus).
describe('status of a freshly created workload', () => {
  it('Deployment status: {}, ReplicaSet status.replicas 0 in a server dry-run', () => {
    const c = createCluster();
    const dep = c.run('kubectl create deployment x --image=nginx --dry-run=server -o yaml').stdout;
    expect(dep.endsWith('      terminationGracePeriodSeconds: 30\nstatus: {}\n')).toBe(true);
    const rs = JSON.stringify({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    const out = c.run(`kubectl create --dry-run=server -o yaml -f - <<'EOF'\n${rs}\nEOF`).stdout;
    expect(out.endsWith('status:\n  replicas: 0\n')).toBe(true);
  });
});
