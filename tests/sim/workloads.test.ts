/**
 * ReplicaSet and Deployment controllers as a user sees them.
 *
 * Sources (reference = /work/shared/reference/kubernetes-behaviour.md):
 * - §5.1 ReplicaSet (K/K pkg/controller/replicaset/replica_set.go, pkg/controller/controller_ref_manager.go
 *   ClaimObject adopt/release, pkg/controller/controller_utils.go ActivePodsWithRanks / RealPodControl events).
 * - §5.2 Deployment (K/K pkg/controller/deployment/{sync,rolling,recreate}.go, util/deployment_util.go
 *   ResolveFenceposts / NewRSNewReplicas, ScalingReplicaSet "Scaled %s replica set %s from %d to %d",
 *   revision / revision-history / max-replicas annotations); §5.3 kubectl rollout.
 * - §3.1 names: `<deployment>-<pod-template-hash>` (sync.go), hash alphabet {4..9,b,c,d,f}
 *   (controller_utils.go ComputeHash + apimachinery rand.SafeEncodeString), pods `<rs>-<5 chars>`.
 * - §1.2 / §1.3 `kubectl get rs` columns (K/K pkg/printers/internalversion/printers.go).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;

function run(c: Cluster, script: string): { out: string; err: string; code: number } {
  const r = c.run(script);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

const ALNUM5 = '[bcdfghjklmnpqrstvwxz2456789]{5}';
const HASH = '[456789bcdf]{1,10}';

function rsDoc(replicas: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      ...extra,
    },
  });
}

function bare(name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'web' }): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec } });
}

function pods(c: Cluster): { name: string; owner?: string; created: string }[] {
  return c
    .list('Pod', 'default')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => ({ name: p.metadata.name, owner: p.metadata.ownerReferences?.find((o: any) => o.controller)?.name, created: p.metadata.creationTimestamp }));
}

function rsEvents(c: Cluster, reason?: string): string[] {
  return c
    .list('Event', 'default')
    .filter((e) => e.involvedObject?.kind === 'ReplicaSet' && (!reason || e.reason === reason))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => e.message);
}

function deployEvents(c: Cluster): string[] {
  return c
    .list('Event', 'default')
    .filter((e) => e.involvedObject?.kind === 'Deployment' && e.reason === 'ScalingReplicaSet')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => e.message);
}

describe('ReplicaSet ownership (reference §5.1, controller_ref_manager.go ClaimObject)', () => {
  it('adopts a running orphan whose labels match, and creates only the missing pods', () => {
    const c = createCluster();
    c.apply(bare('orphan'));
    c.apply(rsDoc(3));
    const rs = c.get('ReplicaSet', 'default', 'web')!;
    const orphan = c.get('Pod', 'default', 'orphan')!;
    expect(orphan.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(pods(c)).toHaveLength(3);
    expect(rsEvents(c, 'SuccessfulCreate')).toHaveLength(2);
    for (const m of rsEvents(c, 'SuccessfulCreate')) expect(m).toMatch(new RegExp(`^Created pod: web-${ALNUM5}$`));
  });

  it('a matching bare pod added to a full ReplicaSet is adopted, then the surplus is deleted', () => {
    const c = createCluster();
    c.apply(rsDoc(2));
    c.apply(bare('late'));
    // the newcomer is the least established pod (unscheduled / not ready / newest) and goes first
    expect(pods(c).map((p) => p.name)).not.toContain('late');
    expect(pods(c)).toHaveLength(2);
    expect(rsEvents(c, 'SuccessfulDelete')).toEqual(['Deleted pod: late']);
  });

  it('a pod whose labels stop matching is released (ownerReference removed), keeps running, and is replaced', () => {
    const c = createCluster();
    c.apply(rsDoc(3));
    const victim = pods(c)[0].name;
    expect(run(c, `kubectl label pod ${victim} app=other --overwrite`).out).toBe(`pod/${victim} labeled\n`);
    const released = c.get('Pod', 'default', victim)!;
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    expect(released.status.phase).toBe('Running');
    const owned = pods(c).filter((p) => p.owner === 'web');
    expect(owned).toHaveLength(3);
    expect(owned.map((p) => p.name)).not.toContain(victim);
    expect(rsEvents(c, 'SuccessfulCreate')).toHaveLength(4);
  });

  it('a deleted pod is replaced by a new one with a new name', () => {
    const c = createCluster();
    c.apply(rsDoc(3));
    const before = pods(c).map((p) => p.name);
    run(c, `kubectl delete pod ${before[0]}`);
    const after = pods(c).map((p) => p.name);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(before[0]);
    const added = after.filter((n) => !before.includes(n));
    expect(added).toHaveLength(1);
    expect(rsEvents(c, 'SuccessfulCreate').pop()).toBe(`Created pod: ${added[0]}`);
  });
});

describe('which pods a ReplicaSet removes first (reference §5.1 getPodsToDelete / ActivePodsWithRanks)', () => {
  it.each<[string, Record<string, unknown>]>([
    ['an unscheduled pod (nodeName empty) before scheduled ones', { nodeSelector: { disk: 'ssd' } }],
    ['a Pending pod (image cannot be pulled) before Running ones', { containers: [{ name: 'c', image: 'busybox888' }] }],
    ['a Running but not-ready pod (crash-looping) before ready ones', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }],
  ])('%s', (_name, spec) => {
    const c = createCluster();
    c.apply(rsDoc(3));
    c.advance(300); // the RS pods are long established
    c.apply(bare('odd', spec, { other: 'x' }));
    c.advance(30);
    run(c, 'kubectl label pod odd app=web'); // now adopted: 4 pods for 3 replicas
    expect(pods(c).map((p) => p.name)).not.toContain('odd');
    expect(rsEvents(c, 'SuccessfulDelete')).toEqual(['Deleted pod: odd']);
  });

  it('among equally ranked ready pods the newest go first', () => {
    const c = createCluster();
    run(c, 'kubectl taint nodes k8s-node2 x=y:NoSchedule'); // one node: same co-location rank for all
    c.apply(rsDoc(2));
    c.advance(100);
    run(c, 'kubectl scale rs web --replicas=4');
    c.advance(100);
    run(c, 'kubectl scale rs web --replicas=5');
    c.advance(5);
    const byAge = pods(c).sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
    expect(run(c, 'kubectl scale rs web --replicas=2').out).toBe('replicaset.apps/web scaled\n');
    expect(pods(c).map((p) => p.name).sort()).toEqual(byAge.slice(0, 2).map((p) => p.name).sort());
    const deleted = rsEvents(c, 'SuccessfulDelete').map((m) => m.replace('Deleted pod: ', ''));
    expect(deleted.sort()).toEqual(byAge.slice(2).map((p) => p.name).sort());
  });
  it('a pod doubled up with more siblings on its node goes before a newer pod alone on its node (rank before age)', () => {
    const c = createCluster();
    run(c, 'kubectl taint nodes k8s-node2 x=y:NoSchedule');
    c.apply(rsDoc(3)); // all three on k8s-node1
    run(c, 'kubectl taint nodes k8s-node2 x-');
    c.advance(100);
    run(c, 'kubectl scale rs web --replicas=4'); // the newcomer lands alone on k8s-node2
    c.advance(100);
    const onNode2 = c.list('Pod', 'default').filter((p) => p.spec.nodeName === 'k8s-node2').map((p) => p.metadata.name);
    expect(onNode2).toHaveLength(1);
    run(c, 'kubectl scale rs web --replicas=3');
    const deleted = rsEvents(c, 'SuccessfulDelete').map((m) => m.replace('Deleted pod: ', ''));
    expect(deleted).toHaveLength(1);
    expect(deleted).not.toContain(onNode2[0]);
    expect(pods(c).map((p) => p.name)).toContain(onNode2[0]);
  });
});

describe('Deployment → ReplicaSet naming (reference §3.1, §5.2)', () => {
  it('RS <deployment>-<pod-template-hash>; the hash labels the RS, its selector, its template and the pods', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    const [rs] = c.list('ReplicaSet', 'default');
    const m = new RegExp(`^web-(${HASH})$`).exec(rs.metadata.name)!;
    expect(m).not.toBeNull();
    const hash = m[1];
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.ownerReferences).toMatchObject([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true }]);
    for (const p of c.list('Pod', 'default')) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-${ALNUM5}$`));
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    }
  });

  it('the hash depends only on the pod template: same template → same RS name, new image → new RS', () => {
    const a = createCluster();
    const b = createCluster({ seed: 42 });
    run(a, 'kubectl create deployment web --image=nginx:1.27');
    run(b, 'kubectl create deployment web --image=nginx:1.27');
    const nameA = a.list('ReplicaSet', 'default')[0].metadata.name;
    expect(b.list('ReplicaSet', 'default')[0].metadata.name).toBe(nameA);
    run(a, 'kubectl scale deployment web --replicas=3'); // replicas are not part of the template
    expect(a.list('ReplicaSet', 'default').map((r) => r.metadata.name)).toEqual([nameA]);
    run(a, 'kubectl set image deployment/web nginx=nginx:1.28');
    const names = a.list('ReplicaSet', 'default').map((r) => r.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).toContain(nameA);
  });
});

describe('kubectl get rs (reference §1.2, §1.3)', () => {
  it('NAME DESIRED CURRENT READY AGE; -o wide adds CONTAINERS IMAGES SELECTOR', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    const rs = c.list('ReplicaSet', 'default')[0].metadata.name;
    const hash = rs.slice(4);
    const plain = run(c, 'kubectl get rs').out.split('\n');
    expect(plain[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/);
    expect(plain[1]).toMatch(new RegExp(`^${rs}\\s+3\\s+3\\s+3\\s+\\d+s$`));
    const wide = run(c, 'kubectl get rs -o wide').out.split('\n');
    expect(wide[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide[1]).toMatch(new RegExp(`^${rs}\\s+3\\s+3\\s+3\\s+\\d+s\\s+nginx\\s+nginx:1\\.27\\s+app=web,pod-template-hash=${hash}$`));
    // tabwriter: every column as wide as its longest cell + 3 spaces (reference §1.0)
    expect(plain[0].indexOf('DESIRED')).toBe(Math.max(4, rs.length) + 3);
  });

  it('DESIRED/CURRENT/READY while pods start: 3 3 0 right after creation', () => {
    const c = createCluster();
    const out = run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3; sleep 1; kubectl get rs --no-headers').out;
    expect(out.split('\n')[1]).toMatch(/^web-\S+\s+3\s+3\s+0\s+1s$/);
  });
});

function deployment(replicas: number, strategy: Record<string, unknown>, image = 'nginx:1.27', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      strategy,
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image, ...extra }] } },
    },
  });
}

function rsNames(c: Cluster): { old: string; new: string } {
  const list = c.list('ReplicaSet', 'default');
  const byRev = (r: any) => Number(r.metadata.annotations['deployment.kubernetes.io/revision']);
  const sorted = [...list].sort((a, b) => byRev(a) - byRev(b));
  return { old: sorted[0].metadata.name, new: sorted[sorted.length - 1].metadata.name };
}

describe('rolling update (reference §5.2, rolling.go)', () => {
  it.each<[string, Record<string, unknown>, (o: string, n: string) => string[]]>([
    [
      'maxSurge 1 / maxUnavailable 0: one extra pod at a time',
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      (o, n) => [
        `Scaled up replica set ${o} from 0 to 3`,
        `Scaled up replica set ${n} from 0 to 1`,
        `Scaled down replica set ${o} from 3 to 2`,
        `Scaled up replica set ${n} from 1 to 2`,
        `Scaled down replica set ${o} from 2 to 1`,
        `Scaled up replica set ${n} from 2 to 3`,
        `Scaled down replica set ${o} from 1 to 0`,
      ],
    ],
    [
      'maxSurge 0 / maxUnavailable 1: remove one old pod, then add one new',
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      (o, n) => [
        `Scaled up replica set ${o} from 0 to 3`,
        `Scaled down replica set ${o} from 3 to 2`,
        `Scaled up replica set ${n} from 0 to 1`,
        `Scaled down replica set ${o} from 2 to 1`,
        `Scaled up replica set ${n} from 1 to 2`,
        `Scaled down replica set ${o} from 1 to 0`,
        `Scaled up replica set ${n} from 2 to 3`,
      ],
    ],
  ])('%s', (_name, strategy, want) => {
    const c = createCluster();
    run(c, `kubectl apply -f - <<'EOF'\n${deployment(3, strategy)}\nEOF`);
    expect(run(c, 'kubectl set image deployment/web nginx=nginx:1.28').out).toBe('deployment.apps/web image updated\n');
    const { old, new: fresh } = rsNames(c);
    expect(deployEvents(c)).toEqual(want(old, fresh));
    expect(c.list('Event', 'default').find((e) => e.reason === 'ScalingReplicaSet')!.source.component).toBe('deployment-controller');
  });

  it.each<[string, Record<string, unknown>, number, number]>([
    ['maxSurge 1 / maxUnavailable 0, 3 replicas: at most 4 pods desired, at least 3 ready', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, 4, 3],
    ['maxSurge 0 / maxUnavailable 1, 3 replicas: at most 3 pods desired, at least 2 ready', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }, 3, 2],
    ['default strategy, 4 replicas (surge 1, unavailable 1): at most 5 desired, at least 3 ready', {}, 5, 3],
  ])('%s', (_name, strategy, maxTotal, minReady) => {
    const c = createCluster();
    const replicas = maxTotal === 5 ? 4 : 3;
    run(c, `kubectl apply -f - <<'EOF'\n${deployment(replicas, strategy)}\nEOF`);
    const loop = Array.from({ length: 14 }, () => 'kubectl get rs --no-headers; echo ---; sleep 1').join('; ');
    const out = run(c, `kubectl set image deployment/web nginx=nginx:1.28; ${loop}`).out;
    const samples = out.split('---\n').slice(0, -1);
    expect(samples.length).toBe(14);
    for (const s of samples) {
      const rows = s.trim().split('\n').filter((l) => l.startsWith('web-')).map((l) => l.split(/\s+/).map(Number));
      const desired = rows.reduce((n, r) => n + r[1], 0);
      const ready = rows.reduce((n, r) => n + r[3], 0);
      expect(desired).toBeLessThanOrEqual(maxTotal);
      expect(ready).toBeGreaterThanOrEqual(minReady);
    }
    expect(samples[samples.length - 1]).toMatch(new RegExp(`\\s${replicas}\\s+${replicas}\\s+${replicas}\\s+\\S+\\n(.*\\s0\\s+0\\s+0\\s+\\S+\\n)?$`));
  });

  it.each([
    [1, '2'],
    [3, '4'],
    [4, '5'],
    [10, '13'],
  ])('default maxSurge (25 percent) rounds up: %i replicas → max-replicas annotation %s', (replicas, max) => {
    const c = createCluster();
    run(c, `kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
    const ann = c.list('ReplicaSet', 'default')[0].metadata.annotations;
    expect(ann).toEqual({ 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': max, 'deployment.kubernetes.io/revision': '1' });
  });
});

describe('revisions and rollback (reference §5.2, §5.3)', () => {
  function rolled(): Cluster {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    run(c, 'kubectl set image deployment/web nginx=nginx:1.28');
    return c;
  }

  const rev = (o: any) => o.metadata.annotations['deployment.kubernetes.io/revision'];

  it('each template change is a new revision on the Deployment and its new RS; scaling is not', () => {
    const c = rolled();
    const { old, new: fresh } = rsNames(c);
    expect(rev(c.get('ReplicaSet', 'default', old))).toBe('1');
    expect(rev(c.get('ReplicaSet', 'default', fresh))).toBe('2');
    expect(rev(c.get('Deployment', 'default', 'web'))).toBe('2');
    run(c, 'kubectl scale deployment web --replicas=5');
    expect(rev(c.get('Deployment', 'default', 'web'))).toBe('2');
    expect(c.list('ReplicaSet', 'default')).toHaveLength(2);
    expect(run(c, 'kubectl get rs --no-headers').out).toMatch(new RegExp(`^${fresh}\\s+5\\s+5\\s+5\\s+\\S+\\n${old}\\s+0\\s+0\\s+0\\s+\\S+\\n$`));
  });

  it('rollout undo reuses the old RS: it becomes revision 3 with revision-history "1"; no third RS', () => {
    const c = rolled();
    const { old, new: fresh } = rsNames(c);
    expect(run(c, 'kubectl rollout undo deployment/web').out).toBe('deployment.apps/web rolled back\n');
    expect(c.list('ReplicaSet', 'default').map((r) => r.metadata.name).sort()).toEqual([old, fresh].sort());
    const reused = c.get('ReplicaSet', 'default', old)!;
    expect(reused.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(reused.spec.replicas).toBe(3);
    expect(c.get('ReplicaSet', 'default', fresh)!.spec.replicas).toBe(0);
    expect(rev(c.get('Deployment', 'default', 'web'))).toBe('3');
    expect(c.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(run(c, 'kubectl rollout history deployment/web').out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    // the first step of the roll back scales the reused RS up (defaults for 3 replicas: surge 1, unavailable 0)
    expect(deployEvents(c)).toContain(`Scaled up replica set ${old} from 0 to 1`);
  });

  it('rollout undo --to-revision of a missing revision', () => {
    const c = rolled();
    expect(run(c, 'kubectl rollout undo deployment/web --to-revision=9')).toEqual({ out: '', err: 'error: unable to find specified revision 9 in history\n', code: 1 });
  });
});

describe('Recreate strategy (reference §5.2, recreate.go)', () => {
  it('scales the old RS to 0 and creates the new pods only after the old ones are gone', () => {
    const c = createCluster();
    // busybox sleep ignores SIGTERM, so old pods take the full 30 s grace period to go
    const strategy = { type: 'Recreate' };
    run(c, `kubectl apply -f - <<'EOF'\n${deployment(3, strategy, 'busybox:1.36', { command: ['sleep', '3600'] })}\nEOF`);
    const loop = Array.from({ length: 8 }, () => 'kubectl get pods --no-headers; echo ---; sleep 5').join('; ');
    const out = run(c, `kubectl set image deployment/web nginx=busybox:1.37; sleep 1; ${loop}`).out;
    expect(out.startsWith('deployment.apps/web image updated\n')).toBe(true);
    const samples = out.slice(out.indexOf('\n') + 1).split('---\n').slice(0, -1);
    const { old, new: fresh } = rsNames(c);
    for (const s of samples) {
      const lines = s.trim().split('\n').filter(Boolean);
      const olds = lines.filter((l) => l.startsWith(`${old}-`));
      const news = lines.filter((l) => l.startsWith(`${fresh}-`));
      // never both generations at once
      expect(olds.length === 0 || news.length === 0).toBe(true);
      for (const l of olds) expect(l).toMatch(/\sTerminating\s/);
    }
    expect(samples[0]).toMatch(new RegExp(`^${old}-\\S+\\s+1/1\\s+Terminating`));
    expect(samples[samples.length - 1]).not.toContain(old);
    expect(deployEvents(c)).toEqual([
      `Scaled up replica set ${old} from 0 to 3`,
      `Scaled down replica set ${old} from 3 to 0`,
      `Scaled up replica set ${fresh} from 0 to 3`,
    ]);
    const at = (msg: string) => Date.parse(c.list('Event', 'default').find((e) => e.message === msg)!.firstTimestamp);
    const gap = (at(`Scaled up replica set ${fresh} from 0 to 3`) - at(`Scaled down replica set ${old} from 3 to 0`)) / 1000;
    expect(gap).toBeGreaterThanOrEqual(30);
    expect(gap).toBeLessThan(35);
  });

  // recreate.go rolloutRecreate: "Don't create a new RS if not already existed, so that we avoid scaling up
  // before scaling down" — getAllReplicaSetsAndSyncRevision(…, false) until no old pod is left.
  it('while the old pods terminate, the new ReplicaSet does not exist yet', () => {
    const c = createCluster();
    run(c, `kubectl apply -f - <<'EOF'\n${deployment(3, { type: 'Recreate' }, 'busybox:1.36', { command: ['sleep', '3600'] })}\nEOF`);
    const oldRS = c.list('ReplicaSet', 'default')[0].metadata.name;
    const out = run(c, 'kubectl set image deployment/web nginx=busybox:1.37; sleep 5; kubectl get rs --no-headers').out;
    const rows = out.split('\n').slice(1).filter(Boolean);
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual([oldRS]);
  });
});

// The ReplicaSet controller keeps its pods' figures up to date from the pod watch instead of walking the
// pods on every sync (replica_set.go calculateStatus walks them; the figures must be the same). After each
// step the status must equal a count made from the pods themselves.
describe('ReplicaSet status follows its pods through every kind of change', () => {
  function recount(c: Cluster): Record<string, number> {
    const rs = c.get('ReplicaSet', 'default', 'web')!;
    const tpl = rs.spec.template.metadata.labels as Record<string, string>;
    const owned = c.list('Pod', 'default').filter((p) => p.metadata.ownerReferences?.some((o: { uid: string; controller?: boolean }) => o.controller && o.uid === rs.metadata.uid));
    const active = owned.filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
    const ready = active.filter((p) => p.status?.conditions?.some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True'));
    const out: Record<string, number> = { replicas: active.length };
    const fully = active.filter((p) => Object.entries(tpl).every(([k, v]) => p.metadata.labels?.[k] === v)).length;
    if (fully) out.fullyLabeledReplicas = fully;
    if (ready.length) out.readyReplicas = ready.length;
    if (ready.length) out.availableReplicas = ready.length;
    // claimed pods being deleted that are not finished (replica_set.go: FilterTerminatingPods, FilterClaimedPods)
    const sel = rs.spec.selector.matchLabels as Record<string, string>;
    out.terminatingReplicas = owned.filter(
      (p) => p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase) && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v),
    ).length;
    return out;
  }
  function status(c: Cluster): Record<string, number> {
    const { observedGeneration: _g, ...st } = c.get('ReplicaSet', 'default', 'web')!.status as Record<string, number>;
    return st;
  }

  it.each([
    ['scale up', 'kubectl scale rs web --replicas=5'],
    ['scale down', 'kubectl scale rs web --replicas=2'],
    ['a pod relabelled out (released, replaced)', 'kubectl label pod $(kubectl get pods -o name | head -1 | cut -d/ -f2) app=other --overwrite'],
    ['an orphan with matching labels (adopted, surplus deleted)', 'kubectl run stray --image=nginx --labels=app=web'],
    ['a pod deleted (replaced)', 'kubectl delete $(kubectl get pods -l app=web -o name | head -1)'],
    ['template labels changed (fully labeled drops)', `kubectl patch rs web --type=merge -p '{"spec":{"template":{"metadata":{"labels":{"app":"web","tier":"x"}}}}}'`],
    ['a container that never becomes ready', `kubectl patch rs web --type=merge -p '{"spec":{"replicas":4,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","readinessProbe":{"tcpSocket":{"port":81}}}]}}}}'`],
  ])('%s', (_name, cmd) => {
    const c = createCluster();
    run(c, `kubectl apply -f - <<'EOF'\n${rsDoc(3)}\nEOF`);
    expect(status(c)).toEqual(recount(c));
    const r = run(c, cmd);
    expect(r.code, r.err).toBe(0);
    c.advance(30);
    expect(status(c)).toEqual(recount(c));
    // and once more after the next change
    run(c, 'kubectl scale rs web --replicas=6');
    expect(status(c)).toEqual(recount(c));
  });
});
