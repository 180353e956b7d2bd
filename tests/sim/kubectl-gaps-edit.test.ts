/**
 * kubectl edit --output-patch.
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io):
 * - kubectl pkg/cmd/util/editor/editoptions.go (commit e981d111…) visitToPatch: an object whose JSON did not change
 *   is "skipped" (no patch); otherwise the patch is strategicpatch.CreateTwoWayMergePatch(originalJS, editedJS,
 *   versionedObject, preconditions) for a built-in kind, and `if o.OutputPatch { fmt.Fprintf(o.Out, "Patch: %s\n",
 *   string(patch)) }` before it is sent, then the "edited" line; pkg/cmd/edit/edit.go registers --output-patch
 *   ("Output the patch if the resource is edited.").
 * - apimachinery pkg/util/strategicpatch/patch.go: CreateTwoWayMergePatch = diffMaps(original, modified,
 *   diffOptions{}) — changed and added fields, removed ones as null, lists merged by key with
 *   $setElementOrder — marshalled by encoding/json (map keys sorted).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { twoWayPatch, goMarshal } from '../../sim/kubectl/merge';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

describe('CreateTwoWayMergePatch', () => {
  it.each([
    ['a changed scalar', { a: 1, b: 2 }, { a: 1, b: 3 }, '{"b":3}'],
    ['an added and a removed field', { a: 1, b: 2 }, { a: 1, c: 'x' }, '{"b":null,"c":"x"}'],
    ['nested maps keep only what changed', { m: { x: 1, y: { z: 1 } } }, { m: { x: 1, y: { z: 2 } } }, '{"m":{"y":{"z":2}}}'],
    [
      'a container changed: merged by name, with the order directive',
      { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y' }] },
      { containers: [{ name: 'a', image: 'x:2' }, { name: 'b', image: 'y' }] },
      '{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"image":"x:2","name":"a"}]}',
    ],
    [
      'a container removed: $patch delete',
      { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
      { containers: [{ name: 'a', image: 'x' }] },
      '{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"$patch":"delete","name":"b"}]}',
    ],
    ['a plain list replaced whole', { args: ['a', 'b'] }, { args: ['a'] }, '{"args":["a"]}'],
    ['nothing changed', { a: { b: [1] } }, { a: { b: [1] } }, '{}'],
  ])('%s', (_what, original, modified, patch) => expect(goMarshal(twoWayPatch(original, modified))).toBe(patch));
});

describe('kubectl edit --output-patch', () => {
  const setup = () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.27');
    return c;
  };

  it.each([
    [`sed -i 's/replicas: 1/replicas: 3/'`, 'Patch: {"spec":{"replicas":3},"status":{"replicas":3}}\ndeployment.apps/web edited\n'],
    [
      `sed -i -e 's/nginx:1.27/nginx:1.28/' -e '/progressDeadlineSeconds/d'`,
      'Patch: {"spec":{"progressDeadlineSeconds":null,"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.28","name":"nginx"}]}}}}\ndeployment.apps/web edited\n',
    ],
    [`sed -i 's/^  labels:/  labels:\\n    tier: web/'`, 'Patch: {"metadata":{"labels":{"tier":"web"}}}\ndeployment.apps/web edited\n'],
  ])('KUBE_EDITOR="%s"', (editor, out) => {
    const c = setup();
    expect(run(c, `KUBE_EDITOR="${editor}" kubectl edit deploy web --output-patch`)).toEqual({ out, err: '', code: 0 });
  });

  it('the patch is what the edit sends: the object afterwards; nothing printed without the flag or without a change', () => {
    const c = setup();
    run(c, `KUBE_EDITOR="sed -i -e 's/nginx:1.27/nginx:1.28/' -e '/progressDeadlineSeconds/d'" kubectl edit deploy web --output-patch`);
    expect(run(c, "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image} {.spec.progressDeadlineSeconds}'").out).toBe('nginx:1.28 600');
    expect(run(c, `KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 2/'" kubectl edit deploy web`).out).toBe('deployment.apps/web edited\n');
    expect(run(c, 'KUBE_EDITOR=true kubectl edit deploy web --output-patch')).toEqual({ out: '', err: 'Edit cancelled, no changes made.\n', code: 0 });
  });

  it('with several objects, one patch line before each edited one; skipped ones have none', () => {
    const c = setup();
    run(c, 'kubectl create configmap a --from-literal=k=one');
    run(c, 'kubectl create configmap b --from-literal=k=two');
    const r = run(c, `KUBE_EDITOR="sed -i 's/k: one/k: uno/'" kubectl edit cm a b --output-patch`);
    expect(r).toEqual({ out: 'Patch: {"data":{"k":"uno"}}\nconfigmap/a edited\nconfigmap/b skipped\n', err: '', code: 0 });
  });
});
