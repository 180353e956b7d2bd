/*
 * status.terminatingReplicas (KEP-3973; DeploymentReplicaSetTerminatingReplicas: alpha v1.33, beta and on by
 * default in v1.35, kubernetes/kubernetes#133087 "Promoted ReplicaSet and Deployment .status.terminatingReplicas
 * tracking to beta"; the v1.35 OpenAPI description: "This is a beta field and requires enabling
 * DeploymentReplicaSetTerminatingReplicas feature (enabled by default)").
 * pkg/controller/replicaset/replica_set.go: syncReplicaSet counts the claimed pods that are terminating
 * (controller.FilterTerminatingPods: a deletionTimestamp and not yet Succeeded/Failed; FilterClaimedPods) and
 * calculateStatus writes the count, 0 included (a pointer); ReplicationControllers have no such field (the
 * RC controller runs without the feature, and core/v1 ReplicationControllerStatus lacks it).
 * Also kubectl pkg/cmd/create/create_deployment.go: `create deployment NAME --image=… -- COMMAND [args…]`
 * (Complete: Command = args[1:]) and buildPodSpec's sanitizeAndUniquify container names.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

describe('ReplicaSet status.terminatingReplicas', () => {
  it('counts the pods a scale-down is terminating, then 0 once they are gone', () => {
    const c = createCluster();
    // busybox's sleep as PID 1 ignores SIGTERM: each pod takes its 30 s grace period
    expect(c.run('kubectl create deployment web --image=busybox --replicas=3 -- sleep 3600').exitCode).toBe(0);
    const seen: number[] = [];
    const off = c.subscribe((ev) => {
      if (ev.object.kind === 'ReplicaSet') {
        const t = (ev.object.status as { terminatingReplicas?: number } | undefined)?.terminatingReplicas;
        if (t !== undefined && seen[seen.length - 1] !== t) seen.push(t);
      }
    });
    c.run('kubectl scale deployment web --replicas=1');
    off();
    expect(seen).toEqual([0, 2, 0]);
    expect(c.run(`kubectl get rs -o jsonpath='{.items[0].status}'`).stdout).toBe(
      '{"availableReplicas":1,"fullyLabeledReplicas":1,"observedGeneration":2,"readyReplicas":1,"replicas":1,"terminatingReplicas":0}',
    );
  });

  it('is not written for a ReplicationController', () => {
    const c = createCluster();
    c.apply(`apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  replicas: 1
  selector:
    app: rc
  template:
    metadata:
      labels:
        app: rc
    spec:
      containers:
      - name: c
        image: nginx
`);
    expect(c.run(`kubectl get rc rc -o jsonpath='{.status}'`).stdout).toBe(
      '{"availableReplicas":1,"fullyLabeledReplicas":1,"observedGeneration":1,"readyReplicas":1,"replicas":1}',
    );
  });
});

describe('Deployment status.terminatingReplicas', () => {
  // pkg/controller/deployment/sync.go calculateStatus: deploymentutil.GetTerminatingReplicaCountForReplicaSets —
  // the sum over old and new ReplicaSets, nil (not written) while one of them has not reported the field
  it('is absent until every ReplicaSet reports it, then follows their sum', () => {
    const c = createCluster();
    const seen: (number | undefined)[] = [];
    const off = c.subscribe((ev) => {
      if (ev.object.kind !== 'Deployment' || !ev.object.status?.observedGeneration) return;
      const t = (ev.object.status as { terminatingReplicas?: number }).terminatingReplicas;
      if (seen.length === 0 || seen[seen.length - 1] !== t) seen.push(t);
    });
    c.run('kubectl create deployment web --image=busybox --replicas=3 -- sleep 3600');
    c.run('kubectl scale deployment web --replicas=1');
    off();
    expect(seen).toEqual([undefined, 0, 2, 0]);
    expect(c.run(`kubectl get deploy web -o jsonpath='{.status.terminatingReplicas}'`).stdout).toBe('0');
  });
});

describe('kubectl create deployment: command and container names (create_deployment.go)', () => {
  it.each([
    { args: '--image=busybox -- sleep 3600', want: '[{"command":["sleep","3600"],"image":"busybox","name":"busybox"}]' },
    { args: '--image=nginx', want: '[{"image":"nginx","name":"nginx"}]' },
    { args: '--image=nginx --image=busybox -- date', want: '[{"command":["date"],"image":"nginx","name":"nginx"},{"command":["date"],"image":"busybox","name":"busybox"}]' },
    { args: '--image=registry.k8s.io/pause:3.10@sha256:abc', want: '[{"image":"registry.k8s.io/pause:3.10@sha256:abc","name":"pause"}]' },
  ])('$args', ({ args, want }) => {
    const c = createCluster();
    const r = c.run(`kubectl create deployment d --dry-run=client -o jsonpath='{.spec.template.spec.containers}' ${args}`);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).map((x: Record<string, unknown>) => ({ ...x, resources: undefined }))).toEqual(JSON.parse(want));
  });

  it('sanitizes a name with _ or . and makes it unique with a random suffix', () => {
    const c = createCluster();
    const r = c.run(`kubectl create deployment d --image=my_app.v2 --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].name}'`);
    expect(r.stdout).toMatch(/^my-app-v2-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('counts only the arguments before the dash as NAME', () => {
    const c = createCluster();
    const r = c.run('kubectl create deployment d extra --image=nginx');
    expect(r.stderr).toContain('exactly one NAME is required, got 2');
    expect(r.exitCode).toBe(1);
  });
});
