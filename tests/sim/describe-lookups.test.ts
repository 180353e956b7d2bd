/**
 * kubectl describe reads each object's events (searchEvents: a field selector on involvedObject) and a node's
 * pods (describe.go NodeDescriber: spec.nodeName, status.phase!=Succeeded/Failed) per object described; the
 * simulator fetches those lists once per command and groups them (sim/kubectl/describe.ts Lookups). Describing
 * several objects at once must print exactly what describing each one alone prints, and a list the user may not
 * read stays "not authorized" (describe.go describeNode: `Pods:\tnot authorized`).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const DEPLOY = `kubectl create deployment web --image=nginx --replicas=5
kubectl run solo --image=busybox --restart=Never -- true`;

describe('describe with shared lookups', () => {
  it('describe nodes = each node described alone, joined by a blank line', () => {
    const c = createCluster();
    c.run(DEPLOY);
    c.advance(30);
    const all = c.run('kubectl describe nodes');
    const each = ['k8s-master', 'k8s-node1', 'k8s-node2'].map((n) => c.run(`kubectl describe node ${n}`).stdout);
    expect(all.stdout).toBe(each.join('\n\n'));
    // the pods table per node leaves out the Succeeded pod
    const solo = c.get('Pod', 'default', 'solo')!;
    expect(solo.status?.phase).toBe('Succeeded');
    expect(all.stdout).not.toContain('solo');
    expect(all.stdout.match(/ default +web-/g)?.length).toBe(5);
  });

  it('describe pods -l = each pod described alone, events included', () => {
    const c = createCluster();
    c.run(DEPLOY);
    c.advance(30);
    const names = c.list('Pod', 'default').filter((p) => p.metadata.name.startsWith('web-')).map((p) => p.metadata.name);
    const all = c.run('kubectl describe pods -l app=web');
    expect(all.stdout).toBe(names.map((n) => c.run(`kubectl describe pod ${n}`).stdout).join('\n\n'));
    expect(all.stdout.match(/Successfully assigned default\/web-/g)?.length).toBe(5);
  });

  it('a user who may read nodes but not pods sees "Pods: not authorized"', () => {
    const c = createCluster();
    c.run(`${DEPLOY}
kubectl create clusterrole node-reader --verb=get,list --resource=nodes
kubectl create clusterrolebinding nr --clusterrole=node-reader --user=alice`);
    c.advance(30);
    const r = c.run('kubectl describe node k8s-node1 --as=alice');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\nPods: +not authorized\n/);
    expect(r.stdout).not.toContain('Non-terminated Pods');
    expect(c.run('kubectl describe node k8s-node1').stdout).toContain('Non-terminated Pods:');
  });
});
