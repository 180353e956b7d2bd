/**
 * kubectl get --ignore-not-found (kubectl pkg/cmd/get/get.go, v1.35):
 * - Run: `if o.IgnoreNotFound { r.IgnoreErrors(apierrors.IsNotFound) }` — only NotFound is dropped; a Forbidden
 *   or any other error still prints and fails;
 * - the table path prints "No resources found …" only
 *   `if trackingWriter.Written == 0 && !o.IgnoreNotFound && len(allErrs) == 0`;
 * - printGeneric (-o json|yaml|custom-columns…): `if len(infos) == 0 && o.IgnoreNotFound { return … }` — no
 *   empty List is printed.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

describe('kubectl get --ignore-not-found', () => {
  const run = (cmd: string) => {
    const r = createCluster().run(cmd);
    return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode };
  };

  it('a missing name: nothing at all, exit 0', () => {
    expect(run('kubectl get pod nope --ignore-not-found')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(run('kubectl get pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  });

  it('an empty list: no "No resources found", no empty List', () => {
    expect(run('kubectl get pods --ignore-not-found')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(run('kubectl get pods -o json --ignore-not-found')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(run('kubectl get pods -o yaml --ignore-not-found')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(run('kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(run('kubectl get pods -o yaml').stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it('other errors are not ignored', () => {
    expect(run('kubectl get pod nope --ignore-not-found --as=jane')).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): pods "nope" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    });
  });

  it('found objects print as usual, the missing ones vanish', () => {
    const c = createCluster();
    c.run('kubectl create configmap a');
    const r = c.run('kubectl get cm a nope --ignore-not-found -o name');
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout: 'configmap/a\n', stderr: '', code: 0 });
  });
});
