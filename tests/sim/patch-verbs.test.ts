/**
 * The kubectl commands that change an object through a PATCH request: RBAC checks the verb `patch`, so a user who
 * may `update` but not `patch` gets the apiserver's Forbidden, wrapped as each command wraps its errors.
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io/kubectl, read at master, the v1.35 line):
 * - pkg/cmd/label/label.go RunLabel, pkg/cmd/annotate/annotate.go RunAnnotate: helper.Patch(MergePatchType) of
 *   jsonpatch.CreateMergePatch(old, new), sent even when nothing changed (the patch is then "{}"); the error is
 *   returned as it came: `Error from server (Forbidden): …`.
 * - pkg/cmd/patch/patch.go: helper.Patch (WithSubresource for --subresource); the error as it came.
 * - pkg/cmd/set/set_image.go, set_env.go, set_resources.go, set_serviceaccount.go Run: helper.Patch(StrategicMerge);
 *   fmt.Errorf("failed to patch image update to pod template: %v"), ("failed to patch env update to pod template:
 *   %v"), ("failed to patch resources update to pod template %v"), ("failed to patch ServiceAccountName %v") in an
 *   aggregate that checkErr prints as `error: …`. set serviceaccount sends its patch even when it is "{}".
 * - pkg/cmd/rollout/rollout_pause.go, rollout_resume.go, rollout_restart.go: helper.Patch(StrategicMerge),
 *   fmt.Errorf("failed to patch: %v", err).
 * - pkg/polymorphichelpers/rollback.go DeploymentRollbacker.Rollback: Deployments().Patch(JSONPatchType),
 *   fmt.Errorf("failed restoring revision %d: %v", toRevision, err) (toRevision 0 without --to-revision).
 * - pkg/scale/scale.go ScaleSimple: without a precondition a Scales().Patch(MergePatchType) of the scale
 *   subresource (verb patch on deployments/scale); with --current-replicas or --resource-version a Scales().Get,
 *   then Scales().Update (verb update). pkg/cmd/scale/scale.go RunScale returns the error as it came.
 * - pkg/cmd/edit/editoptions.go visitToPatch: helper.Patch; addError's default case
 *   `error: deployments.apps "web" could not be patched: %v`, then "You can run `kubectl replace -f FILE` to try
 *   this update again." (exit 1).
 * - pkg/cmd/taint/taint.go RunTaint: helper.Patch(StrategicMerge); the error as it came.
 * - pkg/drain/cordon.go PatchOrReplace: Nodes().Patch(StrategicMerge); pkg/cmd/drain/drain.go RunCordonOrUncordon
 *   prints `error: unable to cordon node "N": %v` and returns nil (exit 0: kubernetes/kubernetes#89008, whose
 *   transcript shows this text); drain goes on to evict the node's pods (kubernetes/kubectl#1568).
 * - apiserver handlers/responsewriters Forbidden + RBAC: `User "jane" cannot patch resource "deployments/scale" in
 *   API group "apps" in the namespace "default"`, `... resource "nodes" in API group "" at the cluster scope`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const NS_FORBIDDEN = (res: string, name: string, resource: string, group: string) =>
  `${res} "${name}" is forbidden: User "jane" cannot patch resource "${resource}" in API group "${group}" in the namespace "default"`;
const POD = NS_FORBIDDEN('pods', 'p', 'pods', '');
const DEPLOY = NS_FORBIDDEN('deployments.apps', 'web', 'deployments', 'apps');
const NODE = (n: string) => `nodes "${n}" is forbidden: User "jane" cannot patch resource "nodes" in API group "" at the cluster scope`;

/**
 * A pod p, a Deployment web with two revisions, a paused Deployment held, node k8s-node2 cordoned; jane may do
 * `verbs` on pods, pods/status, deployments, deployments/scale and (cluster-wide) nodes, and list pods anywhere.
 */
function setup(verbs: string) {
  const c = createCluster();
  for (const cmd of [
    'kubectl run p --image=nginx',
    'kubectl create deployment web --image=nginx',
    'kubectl set image deployment/web nginx=nginx:1.27',
    'kubectl create deployment held --image=nginx',
    'kubectl rollout pause deployment/held',
    'kubectl cordon k8s-node2',
    `kubectl create role r --verb=${verbs} --resource=pods,pods/status,deployments,deployments/scale`,
    'kubectl create rolebinding r --role=r --user=jane',
    `kubectl create clusterrole n --verb=${verbs} --resource=nodes`,
    'kubectl create clusterrolebinding n --clusterrole=n --user=jane',
    'kubectl create clusterrole pods-reader --verb=get,list --resource=pods',
    'kubectl create clusterrolebinding pods-reader --clusterrole=pods-reader --user=jane',
  ]) {
    const r = c.run(cmd);
    if (r.exitCode !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  }
  return c;
}

interface Case {
  cmd: string;
  err: string | RegExp;
  code: number;
  out?: string;
  /** what jane gets with get, list and patch */
  ok: string | RegExp;
}

const EDIT = `KUBE_EDITOR='sed -i s/nginx:1.27$/nginx:1.26/' kubectl edit deployment web`;

const cases: Case[] = [
  { cmd: 'kubectl label pod p a=b', err: `Error from server (Forbidden): ${POD}\n`, code: 1, ok: 'pod/p labeled\n' },
  // the unchanged object is patched with "{}" all the same
  { cmd: 'kubectl label pod p run=p --overwrite', err: `Error from server (Forbidden): ${POD}\n`, code: 1, ok: 'pod/p not labeled\n' },
  { cmd: 'kubectl annotate pod p a=b', err: `Error from server (Forbidden): ${POD}\n`, code: 1, ok: 'pod/p annotated\n' },
  { cmd: `kubectl patch pod p -p '{"metadata":{"labels":{"a":"b"}}}'`, err: `Error from server (Forbidden): ${POD}\n`, code: 1, ok: 'pod/p patched\n' },
  {
    cmd: `kubectl patch pod p --subresource=status -p '{"status":{"message":"x"}}'`,
    err: `Error from server (Forbidden): ${NS_FORBIDDEN('pods', 'p', 'pods/status', '')}\n`,
    code: 1,
    ok: 'pod/p patched\n',
  },
  { cmd: 'kubectl set image deployment/web nginx=nginx:1.28', err: `error: failed to patch image update to pod template: ${DEPLOY}\n`, code: 1, ok: 'deployment.apps/web image updated\n' },
  { cmd: 'kubectl set env deployment/web A=1', err: `error: failed to patch env update to pod template: ${DEPLOY}\n`, code: 1, ok: 'deployment.apps/web env updated\n' },
  {
    cmd: 'kubectl set resources deployment/web --limits=cpu=200m',
    err: `error: failed to patch resources update to pod template ${DEPLOY}\n`,
    code: 1,
    ok: 'deployment.apps/web resource requirements updated\n',
  },
  { cmd: 'kubectl set serviceaccount deployment/web sa1', err: `error: failed to patch ServiceAccountName ${DEPLOY}\n`, code: 1, ok: 'deployment.apps/web serviceaccount updated\n' },
  // an unchanged service account: its "{}" patch is sent too
  { cmd: 'kubectl set serviceaccount deployment/web default', err: `error: failed to patch ServiceAccountName ${DEPLOY}\n`, code: 1, ok: 'deployment.apps/web serviceaccount updated\n' },
  { cmd: 'kubectl rollout pause deployment/web', err: `error: failed to patch: ${DEPLOY}\n`, code: 1, ok: 'deployment.apps/web paused\n' },
  {
    cmd: 'kubectl rollout resume deployment/held',
    err: `error: failed to patch: ${NS_FORBIDDEN('deployments.apps', 'held', 'deployments', 'apps')}\n`,
    code: 1,
    ok: 'deployment.apps/held resumed\n',
  },
  { cmd: 'kubectl rollout restart deployment/web', err: `error: failed to patch: ${DEPLOY}\n`, code: 1, ok: 'deployment.apps/web restarted\n' },
  { cmd: 'kubectl rollout undo deployment/web', err: `error: failed restoring revision 0: ${DEPLOY}\n`, code: 1, ok: 'deployment.apps/web rolled back\n' },
  {
    cmd: 'kubectl scale deployment web --replicas=2',
    err: `Error from server (Forbidden): ${NS_FORBIDDEN('deployments.apps', 'web', 'deployments/scale', 'apps')}\n`,
    code: 1,
    ok: 'deployment.apps/web scaled\n',
  },
  {
    cmd: EDIT,
    err: new RegExp(`^error: deployments\\.apps "web" could not be patched: ${escape(DEPLOY)}\nYou can run \`kubectl replace -f /tmp/kubectl-edit-\\d+\\.yaml\` to try this update again\\.\n$`),
    code: 1,
    ok: 'deployment.apps/web edited\n',
  },
  { cmd: 'kubectl taint node k8s-node1 a=b:NoSchedule', err: `Error from server (Forbidden): ${NODE('k8s-node1')}\n`, code: 1, ok: 'node/k8s-node1 tainted\n' },
  // RunCordonOrUncordon prints the error and exits 0
  { cmd: 'kubectl cordon k8s-node1', err: `error: unable to cordon node "k8s-node1": ${NODE('k8s-node1')}\n`, code: 0, out: '', ok: 'node/k8s-node1 cordoned\n' },
  { cmd: 'kubectl uncordon k8s-node2', err: `error: unable to uncordon node "k8s-node2": ${NODE('k8s-node2')}\n`, code: 0, out: '', ok: 'node/k8s-node2 uncordoned\n' },
  // drain goes on after a failed cordon: the control-plane node has only DaemonSet and static pods to leave
  {
    cmd: 'kubectl drain k8s-master --ignore-daemonsets',
    err: new RegExp(`^error: unable to cordon node "k8s-master": ${escape(NODE('k8s-master'))}\nWarning: ignoring DaemonSet-managed Pods: .*\n$`),
    code: 0,
    out: 'node/k8s-master drained\n',
    ok: /^node\/k8s-master cordoned\nnode\/k8s-master drained\n$/,
  },
];

describe('commands that send a PATCH: a user with update but not patch is forbidden', () => {
  for (const t of cases) {
    it(t.cmd, () => {
      const c = setup('get,list,update');
      const r = c.run(`${t.cmd} --as=jane`);
      if (typeof t.err === 'string') expect(r.stderr).toBe(t.err);
      else expect(r.stderr).toMatch(t.err);
      expect(r.exitCode).toBe(t.code);
      if (t.out !== undefined) expect(r.stdout).toBe(t.out);
    });
  }
});

describe('the same commands with get, list and patch (no update) succeed', () => {
  for (const t of cases) {
    it(t.cmd, () => {
      const c = setup('get,list,patch');
      const r = c.run(`${t.cmd} --as=jane`);
      if (typeof t.ok === 'string') expect(r.stdout).toBe(t.ok);
      else expect(r.stdout).toMatch(t.ok);
      expect(r.exitCode).toBe(0);
    });
  }
});

describe('kubectl scale with a precondition reads the Scale and updates it (PUT)', () => {
  const cases: { verbs: string; cmd: string; out: string; err: string | RegExp; code: number }[] = [
    { verbs: 'get,list,update', cmd: 'kubectl scale deployment web --replicas=2 --current-replicas=1', out: 'deployment.apps/web scaled\n', err: '', code: 0 },
    {
      verbs: 'get,list,patch',
      cmd: 'kubectl scale deployment web --replicas=2 --current-replicas=1',
      out: '',
      err: `Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot update resource "deployments/scale" in API group "apps" in the namespace "default"\n`,
      code: 1,
    },
    // the precondition is checked against the Scale read: scale.go PreconditionError
    { verbs: 'get,list,update', cmd: 'kubectl scale deployment web --replicas=2 --current-replicas=3', out: '', err: 'error: Expected replicas to be 3, was 1\n', code: 1 },
    { verbs: 'get,list,update', cmd: 'kubectl scale deployment web --replicas=2 --resource-version=1', out: '', err: /^error: Expected resource version to be 1, was \d+\n$/, code: 1 },
  ];
  for (const t of cases) {
    it(`${t.verbs}: ${t.cmd}`, () => {
      const c = setup(t.verbs);
      const r = c.run(`${t.cmd} --as=jane`);
      expect(r.stdout).toBe(t.out);
      if (typeof t.err === 'string') expect(r.stderr).toBe(t.err);
      else expect(r.stderr).toMatch(t.err);
      expect(r.exitCode).toBe(t.code);
    });
  }

  it('the Scale GET is authorized on deployments/scale', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx');
    c.run('kubectl create role r --verb=get,list,update --resource=deployments');
    c.run('kubectl create role s --verb=update --resource=deployments/scale');
    c.run('kubectl create rolebinding r --role=r --user=jane');
    c.run('kubectl create rolebinding s --role=s --user=jane');
    const r = c.run('kubectl scale deployment web --replicas=2 --current-replicas=1 --as=jane');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([
      '',
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments/scale" in API group "apps" in the namespace "default"\n',
      1,
    ]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
