/**
 * What the deployment controller copies to the new ReplicaSet: the deployment's annotations, and minReadySeconds.
 *
 * Sources (kubernetes/kubernetes, read at master, the v1.35 line):
 * - pkg/controller/deployment/util/deployment_util.go SetNewReplicaSetAnnotations: copyDeploymentAnnotationsToReplicaSet
 *   (every annotation of the deployment but annotationsToSkip — kubectl.kubernetes.io/last-applied-configuration,
 *   deployment.kubernetes.io/revision, revision-history, desired-replicas, max-replicas, deprecated.deployment.rollback.to
 *   — added or changed on the RS, never removed), then the revision, and for a new RS the replicas annotations.
 * - pkg/controller/deployment/sync.go getNewReplicaSet: for the existing new RS, `annotationsUpdated ||
 *   minReadySecondsNeedsUpdate` → rsCopy.Spec.MinReadySeconds = d.Spec.MinReadySeconds and one Update; old RSs are
 *   left as they are. A new RS is created with the deployment's MinReadySeconds.
 * - staging/src/k8s.io/api/apps/v1/types.go ReplicaSetSpec: `MinReadySeconds int32 json:"minReadySeconds,omitempty"`
 *   (a 0 is not serialized).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const DEPLOY = `cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    team: blue
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx
EOF`;

/** The annotations of each ReplicaSet of web, newest revision first, as `name=value` lists. */
function rsAnnotations(c: ReturnType<typeof createCluster>): string[] {
  const out = c.run(`kubectl get rs -l app=web -o go-template='{{range .items}}{{range $k, $v := .metadata.annotations}}{{$k}}={{$v}};{{end}}{{"\\n"}}{{end}}'`).stdout;
  const lines = out.split('\n').filter(Boolean);
  const rev = (l: string) => Number(/deployment\.kubernetes\.io\/revision=(\d+)/.exec(l)?.[1] ?? 0);
  return lines.sort((a, b) => rev(b) - rev(a));
}

describe('the deployment controller copies annotations to the new ReplicaSet', () => {
  const cases: { name: string; cmds: string[]; want: string[] }[] = [
    {
      name: 'applied: its annotations copied, last-applied-configuration not',
      cmds: ['kubectl apply -f d.yaml'],
      want: ['deployment.kubernetes.io/desired-replicas=1;deployment.kubernetes.io/max-replicas=2;deployment.kubernetes.io/revision=1;team=blue;'],
    },
    {
      name: 'annotated later: the current RS gets it, an older one keeps what it had',
      cmds: ['kubectl apply -f d.yaml', 'kubectl set image deploy/web c=nginx:1.27', 'kubectl annotate deploy web owner=ops'],
      want: [
        'deployment.kubernetes.io/desired-replicas=1;deployment.kubernetes.io/max-replicas=2;deployment.kubernetes.io/revision=2;owner=ops;team=blue;',
        'deployment.kubernetes.io/desired-replicas=1;deployment.kubernetes.io/max-replicas=2;deployment.kubernetes.io/revision=1;team=blue;',
      ],
    },
    {
      name: 'changed and removed on the deployment: changed on the RS, never removed',
      cmds: ['kubectl apply -f d.yaml', 'kubectl annotate deploy web team=red --overwrite', 'kubectl annotate deploy web x=1', 'kubectl annotate deploy web x-'],
      want: ['deployment.kubernetes.io/desired-replicas=1;deployment.kubernetes.io/max-replicas=2;deployment.kubernetes.io/revision=1;team=red;x=1;'],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = createCluster();
      c.run(DEPLOY);
      for (const cmd of t.cmds) expect(c.run(cmd).exitCode, cmd).toBe(0);
      expect(rsAnnotations(c)).toEqual(t.want);
    });
  }
});

describe('minReadySeconds of the new ReplicaSet', () => {
  it('0 is not written; a change reaches the current RS only', () => {
    const c = createCluster();
    c.run(DEPLOY);
    c.run('kubectl apply -f d.yaml');
    expect(c.run('kubectl get rs -l app=web -o yaml').stdout).not.toMatch(/minReadySeconds/);
    c.run('kubectl set image deploy/web c=nginx:1.27');
    c.run(`kubectl patch deploy web -p '{"spec":{"minReadySeconds":5}}'`);
    const r = c.run(`kubectl get rs -l app=web -o jsonpath='{range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}={.spec.minReadySeconds};{end}'`).stdout;
    expect(r.split(';').filter(Boolean).sort()).toEqual(['1=', '2=5']);
  });
});
