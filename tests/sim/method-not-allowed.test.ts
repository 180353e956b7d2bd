/**
 * A verb a resource's storage does not implement has no route: apiserver pkg/endpoints/installer.go registers
 * GET/LIST/POST/PUT/DELETE handlers only for the rest.Getter/Lister/Creater/Updater/GracefulDeleter the storage
 * implements (componentstatus/rest.go: Getter and Lister only; Binding and SelfSubjectAccessReview: Creater
 * only), so go-restful answers 405 and the service error handler (apiserver InstallServiceErrorHandler) writes
 * apimachinery errors.NewGenericServerResponse(405, …): reason MethodNotAllowed, "the server does not allow this
 * method on the requested resource". Authorization (the WithAuthorization filter) runs before routing, so a user
 * without the permission still gets 403; the deprecation warning comes from the handler, so a 405 has none.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const MNA = 'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n';

describe('MethodNotAllowed for verbs a resource does not serve', () => {
  const run = (script: string) => {
    const r = createCluster().run(script);
    return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode };
  };

  it('listing a create-only resource', () => {
    expect(run('kubectl get bindings')).toEqual({ stdout: '', stderr: MNA, code: 1 });
    expect(run('kubectl get selfsubjectaccessreviews')).toEqual({ stdout: '', stderr: MNA, code: 1 });
  });

  it('deleting or creating a ComponentStatus (get/list only)', () => {
    // kubectl delete reads the object first (builder Latest), which warns; the DELETE then has no route
    expect(run('kubectl delete cs etcd-0')).toEqual({ stdout: '', stderr: `Warning: v1 ComponentStatus is deprecated in v1.19+\n${MNA}`, code: 1 });
    expect(run('kubectl create -f - <<EOF\napiVersion: v1\nkind: ComponentStatus\nmetadata:\n  name: x\nEOF')).toEqual({
      stdout: '',
      stderr: 'Error from server (MethodNotAllowed): error when creating "STDIN": the server does not allow this method on the requested resource\n',
      code: 1,
    });
    expect(run('kubectl get cs -o name')).toEqual({ stdout: 'componentstatus/scheduler\ncomponentstatus/controller-manager\ncomponentstatus/etcd-0\n', stderr: 'Warning: v1 ComponentStatus is deprecated in v1.19+\n', code: 0 });
  });

  it('authorization comes first', () => {
    expect(run('kubectl get bindings --as=jane')).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): bindings is forbidden: User "jane" cannot list resource "bindings" in API group "" in the namespace "default"\n',
      code: 1,
    });
  });
});
