/**
 * rollout history / undo of DaemonSets and StatefulSets, through their ControllerRevisions.
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io/kubectl):
 * - pkg/polymorphichelpers/rollback.go (commit aed80471…): DaemonSetRollbacker/StatefulSetRollbacker.Rollback —
 *   toRevision < 0 → revisionNotFoundErr "unable to find specified revision %v in history"; toRevision == 0 with
 *   ≤ 1 revisions → "no last revision to roll back to"; findHistory (2nd newest, or the exact revision); DryRunClient
 *   → printPodTemplate "will roll back to " + printTemplate; daemonSetMatch/statefulsetMatch (the current
 *   template patch equals the revision's data) → "skipped rollback (current template already matches revision
 *   %d)"; else Patch(StrategicMergePatchType, history.Data.Raw) → "rolled back".
 * - pkg/polymorphichelpers/history.go (commit 81810de6…): DaemonSetHistoryViewer/StatefulSetHistoryViewer —
 *   controlledHistory (selector + controller ref), printHistory: "No rollout history found.", --revision →
 *   printTemplate of applyDaemonSetHistory, else the REVISION/CHANGE-CAUSE table (change-cause from the
 *   ControllerRevision's annotations); GetHistory: the object with each revision applied.
 * - pkg/cmd/rollout/rollout_history.go (commit aae9fc4f…): ToPrinter(withRevision + "\n" + historyInfo) on the
 *   object, so every ViewHistory text (also "No rollout history found.") follows the name.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

const DS = `cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector:
    matchLabels: {app: ds}
  template:
    metadata:
      labels: {app: ds}
    spec:
      containers:
      - name: c
        image: nginx:1.24
EOF`;

const STS = `cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  serviceName: web
  replicas: 1
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx:1.24
EOF`;

const template = (image: string, app: string) =>
  `Pod Template:\n  Labels:\t${app}\n  Containers:\n   c:\n    Image:\t${image}\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n` +
  '  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n';

describe.each([
  ['daemonset', 'ds', 'daemonset.apps/ds', DS, 'app=ds'],
  ['statefulset', 'web', 'statefulset.apps/web', STS, 'app=web'],
])('rollout undo/history of a %s', (kind, name, ref, manifest, labels) => {
  const image = (c: Cluster) => run(c, `kubectl get ${kind} ${name} -o jsonpath='{.spec.template.spec.containers[0].image}'`).out;

  it('one revision: history lists it, undo has nothing to go back to', () => {
    const c = createCluster();
    run(c, manifest);
    expect(run(c, `kubectl rollout history ${kind}/${name}`)).toEqual({ out: `${ref} \nREVISION  CHANGE-CAUSE\n1         <none>\n\n`, err: '', code: 0 });
    expect(run(c, `kubectl rollout undo ${kind}/${name}`)).toEqual({ out: '', err: 'error: no last revision to roll back to\n', code: 1 });
  });

  it('undo to the previous revision, to a given one, skipped, dry runs and unknown revisions', () => {
    const c = createCluster();
    run(c, manifest);
    run(c, `kubectl set image ${kind}/${name} c=nginx:1.25`);
    run(c, `kubectl annotate ${kind} ${name} kubernetes.io/change-cause="to 1.26"`);
    run(c, `kubectl set image ${kind}/${name} c=nginx:1.26`);
    expect(run(c, `kubectl rollout history ${kind}/${name}`).out).toBe(`${ref} \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         to 1.26\n\n`);
    expect(run(c, `kubectl rollout history ${kind}/${name} --revision=2`)).toEqual({ out: `${ref} with revision #2\n${template('nginx:1.25', labels)}\n`, err: '', code: 0 });
    expect(run(c, `kubectl rollout history ${kind}/${name} --revision=7`)).toEqual({ out: '', err: 'error: unable to find the specified revision\n', code: 1 });
    // -o: GetHistory's objects, the workload at each revision
    expect(run(c, `kubectl rollout history ${kind}/${name} -o jsonpath='{.spec.template.spec.containers[0].image} '`).out).toBe('nginx:1.24 nginx:1.25 nginx:1.26 ');
    expect(run(c, `kubectl rollout history ${kind}/${name} --revision=1 -o name`).out).toBe(`${ref}\n`);

    expect(run(c, `kubectl rollout undo ${kind}/${name} --dry-run=client`)).toEqual({ out: `${ref} will roll back to ${template('nginx:1.25', labels)} (dry run)\n`, err: '', code: 0 });
    expect(image(c)).toBe('nginx:1.26');
    expect(run(c, `kubectl rollout undo ${kind}/${name} --to-revision=3`)).toEqual({ out: `${ref} skipped rollback (current template already matches revision 3)\n`, err: '', code: 0 });
    expect(run(c, `kubectl rollout undo ${kind}/${name} --to-revision=9`)).toEqual({ out: '', err: 'error: unable to find specified revision 9 in history\n', code: 1 });
    expect(run(c, `kubectl rollout undo ${kind}/${name} --to-revision=-1`)).toEqual({ out: '', err: 'error: unable to find specified revision -1 in history\n', code: 1 });
    expect(run(c, `kubectl rollout undo ${kind}/${name} --dry-run=server`)).toEqual({ out: `${ref} rolled back (server dry run)\n`, err: '', code: 0 });
    expect(image(c)).toBe('nginx:1.26');

    expect(run(c, `kubectl rollout undo ${kind}/${name}`)).toEqual({ out: `${ref} rolled back\n`, err: '', code: 0 });
    expect(image(c)).toBe('nginx:1.25');
    // the controller renumbers the revision it went back to
    expect(run(c, `kubectl rollout history ${kind}/${name}`).out).toBe(`${ref} \nREVISION  CHANGE-CAUSE\n1         <none>\n3         to 1.26\n4         <none>\n\n`);
    expect(run(c, `kubectl rollout undo ${kind}/${name} --to-revision=1 -o name`)).toEqual({ out: `${ref}\n`, err: '', code: 0 });
    expect(image(c)).toBe('nginx:1.24');
  });
});

// pkg/apps/kind_visitor.go GroupKindElement.Accept: visited kinds without a helper get HistoryViewerFor's /
// RollbackerFor's "no … has been implemented for %q" (GroupKind.String()), others the visitor's error
// "no visitor method exists for %v" of the GroupKindElement struct, wrapped "error retrieving … for %q, %v".
describe('rollout history/undo: kinds without a history viewer or rollbacker', () => {
  it.each([
    ['kubectl rollout history pod/p', 'error: no history viewer has been implemented for "Pod"\n'],
    ['kubectl rollout undo pod/p', 'error: no rollbacker has been implemented for "Pod"\n'],
    ['kubectl rollout history rs/r', 'error: no history viewer has been implemented for "ReplicaSet.apps"\n'],
    ['kubectl rollout undo job/j', 'error: no rollbacker has been implemented for "Job.batch"\n'],
    ['kubectl rollout history svc/s', 'error: error retrieving history for "Service", no visitor method exists for { Service}\n'],
    ['kubectl rollout undo cm/m', 'error: error retrieving rollbacker for "ConfigMap", no visitor method exists for { ConfigMap}\n'],
  ])('%s', (cmd, err) => {
    const c = createCluster();
    run(c, 'kubectl run p --image=nginx');
    run(c, 'kubectl create service clusterip s --tcp=80');
    run(c, 'kubectl create configmap m');
    run(c, 'kubectl create job j --image=busybox -- true');
    run(c, `cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: r
spec:
  selector:
    matchLabels: {app: r}
  template:
    metadata:
      labels: {app: r}
    spec:
      containers:
      - name: c
        image: nginx
EOF`);
    expect(run(c, cmd)).toEqual({ out: '', err, code: 1 });
  });
});

// rollout_status.go: --timeout is a DurationVar (golang/go time.ParseDuration through pflag, the error before any
// other check, with cobra's usage hint); watchtools.ContextWithOptionalTimeout treats 0 as no limit.
describe('rollout status --timeout as a Go duration', () => {
  it.each([
    ['--timeout=10', 'error: invalid argument "10" for "--timeout" flag: time: missing unit in duration "10"\nSee \'kubectl rollout status --help\' for usage.\n', 1],
    ['--timeout=1d', 'error: invalid argument "1d" for "--timeout" flag: time: unknown unit "d" in duration "1d"\nSee \'kubectl rollout status --help\' for usage.\n', 1],
    ['--timeout=1m30s', '', 0],
    ['--timeout=1.5s', '', 0],
    ['--timeout=0', '', 0],
  ])('%s', (flag, err, code) => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx');
    const r = run(c, `kubectl rollout status deploy/web ${flag}`);
    expect([r.err, r.code]).toEqual([err, code]);
  });

  it('the flag error comes before the missing resource', () => {
    const c = createCluster();
    expect(run(c, 'kubectl rollout status --timeout=5').err).toBe('error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee \'kubectl rollout status --help\' for usage.\n');
  });
});
