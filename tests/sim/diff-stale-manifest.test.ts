/**
 * kubectl diff (and apply --server-side) of a manifest saved with `kubectl get -o yaml`, whose
 * metadata.resourceVersion / uid may no longer be the live ones.
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io/..., read at master, the v1.35 line; kubernetes/kubectl
 * pkg/cmd/diff/diff.go at an older commit has the same Merged):
 * - kubectl pkg/cmd/diff/diff.go InfoObject.Merged (client-side): `resourceVersion = accessor.GetResourceVersion()`
 *   of info.Object — the live object info.Get() just read — unless Force (the last of maxRetries attempts), handed
 *   to apply.Patcher{ResourceVersion: resourceVersion}; patcher.go patchSimple: `addResourceVersion(patch, rv)` sets
 *   it in the patch, replacing the file's. So a stale resourceVersion in the file never conflicts in a client-side
 *   diff (unlike `kubectl apply`, whose Patcher has no ResourceVersion: tests/sim/stale-manifest.test.ts), and the
 *   dry-run answer carries the live resourceVersion. The patch (CreateThreeWayMergePatch) does carry a uid that
 *   differs from the live one; the server refuses it (ValidateObjectMetaUpdate: field is immutable), kubectl prints
 *   it as checkErr prints an Invalid status and CheckDiffErr exits with 1 + 1.
 * - diff.go Merged with --server-side: helper.Patch(..., types.ApplyPatchType, ...) with DryRun; the apply merges
 *   metadata.resourceVersion like any field (apimachinery pkg/util/managedfields/internal/structuredmerge.go Apply),
 *   and registry/generic/registry/store.go Update answers a resourceVersion other than the stored one with
 *   NewConflict(..., OptimisticLockErrorMsg). Run retries a Conflict (isConflict) up to maxRetries, then returns it.
 *   Not simulated: before its last attempt real kubectl also logs a klog warning on stderr,
 *   `W<mmdd> <time> <pid> diff.go:<line>] Object (/v1, Kind=ConfigMap: c) keeps changing, diffing without lock`
 *   (kubernetes/kubernetes#107980 shows one), whose pid and v1.35 source line this simulator does not know.
 * - kubectl pkg/cmd/apply/apply.go applyOneObject (server-side): `if errors.IsConflict(err)` the error becomes
 *   fmt.Errorf("%v\n%s", err, fieldManagerConflictErr) — a plain error, printed `error: …`, exit 1.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { CONFLICT_HELP } from '../../sim/kubectl/ssa';

const OPTIMISTIC = 'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again';

/** A ConfigMap c (a=1) saved with get -o yaml into saved.yaml, a=2 in the file; `then` runs after the save. */
function saved(then: string[]) {
  const c = createCluster();
  c.run('kubectl create configmap c --from-literal=a=1');
  c.run('kubectl get cm c -o yaml > saved.yaml');
  const uid = c.run(`kubectl get cm c -o jsonpath='{.metadata.uid}'`).stdout;
  c.run(`sed -i 's/a: "1"/a: "2"/' saved.yaml`);
  for (const cmd of then) c.run(cmd);
  return { c, uid };
}

describe('kubectl diff / apply --server-side of a saved manifest', () => {
  const cases: {
    name: string;
    then: string[];
    cmd: string;
    out: RegExp | '';
    err: string | ((uid: string) => string);
    code: number;
  }[] = [
    {
      name: 'client-side diff, stale resourceVersion: the live one goes with the patch, the diff shows the change',
      then: ['kubectl label cm c x=y'],
      cmd: 'kubectl diff -f saved.yaml',
      out: /^diff -u -N [^]*^-  a: "1"\n\+  a: "2"\n/m,
      err: '',
      code: 1,
    },
    {
      name: 'client-side diff, the object recreated (another uid): the patch carries the saved uid, Invalid, exit 2',
      then: ['kubectl delete cm c', 'kubectl create configmap c --from-literal=a=1'],
      cmd: 'kubectl diff -f saved.yaml',
      out: '',
      err: (uid) => `The ConfigMap "c" is invalid: metadata.uid: Invalid value: "${uid}": field is immutable\n`,
      code: 2,
    },
    {
      name: 'server-side diff, stale resourceVersion: the apply keeps it, Conflict, exit 2',
      then: ['kubectl label cm c x=y'],
      cmd: 'kubectl diff --server-side --force-conflicts -f saved.yaml',
      out: '',
      err: `Error from server (Conflict): ${OPTIMISTIC}\n`,
      code: 2,
    },
    {
      name: 'server-side diff without the resourceVersion: the change',
      then: ['kubectl label cm c x=y', `sed -i '/resourceVersion:/d' saved.yaml`],
      cmd: 'kubectl diff --server-side --force-conflicts -f saved.yaml',
      out: /^-  a: "1"\n\+  a: "2"\n/m,
      err: '',
      code: 1,
    },
    {
      name: 'apply --server-side, stale resourceVersion: Conflict with apply\'s conflict help, exit 1',
      then: ['kubectl label cm c x=y'],
      cmd: 'kubectl apply --server-side --force-conflicts -f saved.yaml',
      out: '',
      err: `error: ${OPTIMISTIC}\n${CONFLICT_HELP}\n`,
      code: 1,
    },
    {
      name: 'apply --server-side, resourceVersion still the live one: applied',
      then: [],
      cmd: 'kubectl apply --server-side --force-conflicts -f saved.yaml',
      out: /^configmap\/c serverside-applied\n$/,
      err: '',
      code: 0,
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const { c, uid } = saved(t.then);
      const before = c.run(`kubectl get cm c -o jsonpath='{.metadata.resourceVersion}'`).stdout;
      const r = c.run(t.cmd);
      if (t.out === '') expect(r.stdout).toBe('');
      else expect(r.stdout).toMatch(t.out);
      expect(r.stderr).toBe(typeof t.err === 'function' ? t.err(uid) : t.err);
      expect(r.exitCode).toBe(t.code);
      // a diff never writes; a refused apply writes nothing
      if (t.code !== 0) expect(c.run(`kubectl get cm c -o jsonpath='{.metadata.resourceVersion}'`).stdout).toBe(before);
    });
  }

  it('client-side diff of a stale file: LIVE and MERGED carry the same (live) resourceVersion', () => {
    const { c } = saved(['kubectl label cm c x=y']);
    const r = c.run('kubectl diff -f saved.yaml');
    expect(r.stdout).not.toMatch(/^[-+] +resourceVersion:/m);
    expect(r.stdout).not.toMatch(/^[-+] +uid:/m);
  });
});
