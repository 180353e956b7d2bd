/**
 * kubectl apply, apply --server-side and diff send PATCH requests for an existing object: RBAC checks the verb
 * `patch`, not `update`.
 *
 * Sources (kubernetes/kubernetes, staging/src/k8s.io/..., read at master, the v1.35 line):
 * - kubectl pkg/cmd/apply/patcher.go patchSimple: `p.Helper.Patch(namespace, name, patchType, patch, nil)`;
 *   Patcher.Patch: any error but a Conflict/Invalid with --force is AddSourceToErr("patching", source, err);
 *   apply.go applyOneObject: AddSourceToErr(fmt.Sprintf("applying patch:\n%s\nto:\n%v\nfor:", patchBytes, info),
 *   info.Source, err) — a status error keeps its reason, so kubectl prints `Error from server (Forbidden): error
 *   when applying patch:...`. The warning about the missing last-applied annotation is printed before the patch.
 * - apply.go applyOneObject with --server-side: helper.Patch(..., types.ApplyPatchType, ...) at once, no GET; its
 *   error is returned as it came.
 * - kubectl pkg/cmd/diff/diff.go InfoObject.Merged: apply's Patcher with DryRun(true) for a live object, a dry-run
 *   create otherwise; cmdutil.CheckDiffErr exits with checkErr's code + 1.
 * - apiserver pkg/endpoints/filters/authorization.go + responsewriters.Forbidden (plugin/pkg/auth/authorizer/rbac):
 *   `deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in
 *   the namespace "dev"`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const FORBIDDEN = (user: string) => `deployments.apps "web" is forbidden: User "${user}" cannot patch resource "deployments" in API group "apps" in the namespace "dev"`;
const MISSING =
  'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n';

/** A Deployment web in dev (created without apply) and a manifest w.yaml that changes its image; `jane` may do `verbs`. */
function setup(verbs: string) {
  const c = createCluster();
  c.run('kubectl create namespace dev');
  c.run('kubectl create deployment web --image=nginx -n dev');
  c.run(`kubectl create role r --verb=${verbs} -n dev --resource=deployments`);
  c.run('kubectl create rolebinding r --role=r --user=jane -n dev');
  c.run('kubectl create deployment web --image=nginx:1.27 -n dev --dry-run=client -o yaml > w.yaml');
  return c;
}

describe('apply / diff of an existing object: the verb is patch', () => {
  const cases: { name: string; verbs: string; cmd: string; out: string | RegExp; err: string | RegExp; code: number; image: string }[] = [
    {
      name: 'apply without patch (update only): Forbidden for patch, with the patch and the object',
      verbs: 'get,list,update',
      cmd: 'kubectl apply -f w.yaml --as=jane',
      out: '',
      err: new RegExp(
        `^${escape(MISSING)}Error from server \\(Forbidden\\): error when applying patch:\\n\\{.*\\}\\nto:\\n` +
          escape('Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\nName: "web", Namespace: "dev"\n') +
          escape(`for: "w.yaml": error when patching "w.yaml": ${FORBIDDEN('jane')}\n`) +
          '$',
        's',
      ),
      code: 1,
      image: 'nginx',
    },
    { name: 'apply with patch and no update: configured', verbs: 'get,list,patch', cmd: 'kubectl apply -f w.yaml --as=jane', out: 'deployment.apps/web configured\n', err: MISSING, code: 0, image: 'nginx:1.27' },
    {
      name: 'apply --server-side without patch: the PATCH is refused as it came',
      verbs: 'get,list,update,create',
      cmd: 'kubectl apply --server-side -f w.yaml --as=jane',
      out: '',
      err: `Error from server (Forbidden): ${FORBIDDEN('jane')}\n`,
      code: 1,
      image: 'nginx',
    },
    {
      name: 'apply --server-side with patch only (no get: the apply PATCH is the only request)',
      verbs: 'patch',
      cmd: 'kubectl apply --server-side --force-conflicts -f w.yaml --as=jane',
      out: 'deployment.apps/web serverside-applied\n',
      err: '',
      code: 0,
      image: 'nginx:1.27',
    },
    {
      name: 'diff without patch: the dry-run PATCH is refused, exit 2 (CheckDiffErr)',
      verbs: 'get,list,update',
      cmd: 'kubectl diff -f w.yaml --as=jane',
      out: '',
      err: `Error from server (Forbidden): error when patching "w.yaml": ${FORBIDDEN('jane')}\n`,
      code: 2,
      image: 'nginx',
    },
    { name: 'diff with get and patch: the diff, exit 1', verbs: 'get,patch', cmd: 'kubectl diff -f w.yaml --as=jane', out: /^diff -u -N [^]*^\+ {6}- image: nginx:1\.27$/m, err: '', code: 1, image: 'nginx' },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = setup(t.verbs);
      const r = c.run(t.cmd);
      if (typeof t.out === 'string') expect(r.stdout).toBe(t.out);
      else expect(r.stdout).toMatch(t.out);
      if (typeof t.err === 'string') expect(r.stderr).toBe(t.err);
      else expect(r.stderr).toMatch(t.err);
      expect(r.exitCode).toBe(t.code);
      expect(c.run(`kubectl get deploy web -n dev -o jsonpath='{.spec.template.spec.containers[0].image}'`).stdout).toBe(t.image);
    });
  }
});

describe('apply --server-side of a missing object: the PATCH creates it, authorized again as create', () => {
  // apiserver pkg/endpoints/handlers/patch.go: createValidation = withAuthorization(..., createAuthorizerAttributes)
  // (verb create); a refusal is NewForbidden(gr, name, fmt.Errorf("%v", reason)), RBAC's reason being empty here
  const cases: { verbs: string; out: string; err: string; code: number }[] = [
    { verbs: 'patch', out: '', err: 'Error from server (Forbidden): deployments.apps "web" is forbidden: \n', code: 1 },
    { verbs: 'create', out: '', err: `Error from server (Forbidden): ${FORBIDDEN('jane')}\n`, code: 1 },
    { verbs: 'patch,create', out: 'deployment.apps/web serverside-applied\n', err: '', code: 0 },
  ];
  for (const t of cases) {
    it(`verbs ${t.verbs}`, () => {
      const c = createCluster();
      c.run('kubectl create namespace dev');
      c.run(`kubectl create role r --verb=${t.verbs} -n dev --resource=deployments`);
      c.run('kubectl create rolebinding r --role=r --user=jane -n dev');
      c.run('kubectl create deployment web --image=nginx:1.27 -n dev --dry-run=client -o yaml > w.yaml');
      const r = c.run('kubectl apply --server-side -f w.yaml --as=jane');
      expect([r.stdout, r.stderr, r.exitCode]).toEqual([t.out, t.err, t.code]);
    });
  }
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
