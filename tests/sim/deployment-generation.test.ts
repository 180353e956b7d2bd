/**
 * metadata.generation of a Deployment and the other apps kinds.
 *
 * Sources (kubernetes/kubernetes, read at a v1.33+ commit of the v1.35 line unless said otherwise):
 * - pkg/registry/apps/deployment/strategy.go deploymentStrategy.PrepareForUpdate: generation + 1 when
 *   `!Semantic.DeepEqual(new.Spec, old.Spec) || !Semantic.DeepEqual(new.Annotations, old.Annotations)` ("annotation
 *   updates bump the generation because annotations are copied from deployments to their replica sets");
 *   deploymentStatusStrategy.PrepareForUpdate: `Spec = old.Spec; Labels = old.Labels` (GetResetFields "spec",
 *   "metadata.labels"): annotations may change through /status, the generation does not move.
 * - pkg/controller/deployment/sync.go getNewReplicaSet: SetDeploymentRevision(d, newRevision), then
 *   Deployments(ns).UpdateStatus — the revision annotation the controller writes bumps nothing.
 * - pkg/registry/apps/replicaset/strategy.go, statefulset/strategy.go: generation + 1 on a spec change only;
 *   daemonset/strategy.go (read at an older commit, the same comparison in v1.35): spec only ("TODO: Any changes to a
 *   part of the object that represents desired state (labels, annotations etc) should also increment the generation").
 * - kubectl rollout restart (polymorphichelpers/objectrestarter.go) patches spec.template's annotations; kubectl
 *   annotate and label patch metadata.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const gen = (c: ReturnType<typeof createCluster>, what: string) =>
  c.run(`kubectl get ${what} -o jsonpath='{.metadata.generation} {.status.observedGeneration}'`).stdout;

describe('Deployment metadata.generation', () => {
  const cases: { name: string; cmd: string; want: string }[] = [
    { name: 'created: 1, observed 1 (the revision annotation went through /status)', cmd: 'true', want: '1 1' },
    { name: 'kubectl annotate: an annotation change bumps it', cmd: 'kubectl annotate deploy web team=blue', want: '2 2' },
    { name: 'kubectl annotate --overwrite with the same value: no change', cmd: 'kubectl annotate deploy web deployment.kubernetes.io/revision=1 --overwrite', want: '1 1' },
    { name: 'kubectl label: labels are not compared', cmd: 'kubectl label deploy web tier=front', want: '1 1' },
    { name: 'kubectl scale: a spec change', cmd: 'kubectl scale deploy web --replicas=3', want: '2 2' },
    { name: 'kubectl set image: a spec change, the new revision written through /status', cmd: 'kubectl set image deploy/web nginx=nginx:1.27', want: '2 2' },
    { name: 'kubectl rollout restart: a template annotation (spec)', cmd: 'kubectl rollout restart deploy web', want: '2 2' },
    {
      name: 'kubectl apply of the same spec: the last-applied annotation is added',
      cmd: 'kubectl create deployment web --image=nginx --dry-run=client -o yaml > w.yaml && kubectl apply -f w.yaml',
      want: '2 2',
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = createCluster();
      c.run('kubectl create deployment web --image=nginx');
      c.run(t.cmd);
      expect(gen(c, 'deploy web')).toBe(t.want);
    });
  }

  it('the revision annotation is the controller\'s /status write: revision 2 after an update, generation counts the user\'s writes only', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx');
    c.run('kubectl set image deploy/web nginx=nginx:1.27');
    c.run('kubectl annotate deploy web note=x');
    expect(c.run(`kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.metadata.generation} {.status.observedGeneration}'`).stdout).toBe('2 3 3');
  });

  it('a /status write keeps the stored labels and spec, lets annotations through, and bumps nothing', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx');
    const r = c.run(
      `kubectl patch deploy web --subresource=status --type=merge -p '{"metadata":{"labels":{"app":"other","extra":"1"},"annotations":{"note":"x"}},"spec":{"replicas":5}}'`,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/web patched\n');
    expect(c.run(`kubectl get deploy web -o jsonpath='{.metadata.labels} {.metadata.annotations.note} {.spec.replicas} {.metadata.generation}'`).stdout).toBe(
      '{"app":"web"} x 1 1',
    );
  });
});

describe('the other apps kinds: only a spec change bumps metadata.generation', () => {
  const STS = `cat > s.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: c
        image: nginx
EOF
kubectl create -f s.yaml`;
  const DS = `cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: c
        image: nginx
EOF
kubectl create -f d.yaml`;
  const RS = `cat > r.yaml <<'EOF'
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: rs
spec:
  selector:
    matchLabels: {app: rs}
  template:
    metadata:
      labels: {app: rs}
    spec:
      containers:
      - name: c
        image: nginx
EOF
kubectl create -f r.yaml`;
  // (a standalone ReplicaSet: a Deployment's own would be scaled back by its controller)
  const cases: { kind: string; setup: string; name: string; spec: string }[] = [
    { kind: 'ReplicaSet', setup: RS, name: 'rs rs', spec: 'kubectl scale rs rs --replicas=2' },
    { kind: 'StatefulSet', setup: STS, name: 'sts db', spec: 'kubectl scale sts db --replicas=2' },
    { kind: 'DaemonSet', setup: DS, name: 'ds agent', spec: 'kubectl set image ds/agent c=nginx:1.27' },
  ];
  for (const t of cases) {
    it(`${t.kind}: annotate keeps it, a spec change bumps it`, () => {
      const c = createCluster();
      c.run(t.setup);
      c.run(`kubectl annotate ${t.name} note=x`);
      expect(c.run(`kubectl get ${t.name} -o jsonpath='{.metadata.generation}'`).stdout).toBe('1');
      c.run(t.spec);
      expect(c.run(`kubectl get ${t.name} -o jsonpath='{.metadata.generation}'`).stdout).toBe('2');
    });
  }
});
