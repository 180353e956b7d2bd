/**
 * How kubectl reads a resource argument (cli-runtime pkg/resource/builder.go mappingFor): schema.ParseResourceArg
 * takes RESOURCE.VERSION.GROUP when the argument has two dots or more (`deployments.v1.apps`, `pods.v1.` for
 * the core group), else RESOURCE.GROUP; short names and singular names work in either form. When nothing
 * matches, the error names groupResource.Resource, the argument up to its first dot.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

function run(c: ReturnType<typeof createCluster>, line: string): { out: string; code: number } {
  const r = c.run(line);
  return { out: r.output.map((o) => o.text).join(''), code: r.exitCode };
}

describe('resource arguments (mappingFor)', () => {
  const c = createCluster();
  c.run('kubectl create deployment web --image=nginx --replicas=1');

  it('RESOURCE.VERSION.GROUP and its short and singular forms', () => {
    for (const arg of ['deployments.v1.apps', 'deploy.v1.apps', 'deployment.v1.apps', 'Deployment.v1.apps', 'deployments.apps', 'deploy']) {
      const r = run(c, `kubectl get ${arg} -o name`);
      expect(r, arg).toEqual({ out: 'deployment.apps/web\n', code: 0 });
    }
  });

  it('the core group as an empty group after the version', () => {
    expect(run(c, 'kubectl get services.v1. -o name')).toEqual({ out: 'service/kubernetes\n', code: 0 });
    expect(run(c, 'kubectl get events.v1.events.k8s.io -o name').out).toMatch(/^event\.events\.k8s\.io\/web-/);
  });

  it('no match: the error names the part before the first dot', () => {
    expect(run(c, 'kubectl get pods.v2')).toEqual({ out: 'error: the server doesn\'t have a resource type "pods"\n', code: 1 });
    expect(run(c, 'kubectl get deployments.v2.apps')).toEqual({ out: 'error: the server doesn\'t have a resource type "deployments"\n', code: 1 });
    expect(run(c, 'kubectl get Foo')).toEqual({ out: 'error: the server doesn\'t have a resource type "Foo"\n', code: 1 });
  });
});
