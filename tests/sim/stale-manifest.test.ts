/**
 * Re-using a manifest saved with `kubectl get -o yaml`: its metadata.resourceVersion and uid are sent as they are.
 *
 * Sources (kubernetes/kubernetes, staging/src/k8s.io/...; read at master, the v1.35 line):
 * - kubectl pkg/cmd/apply/apply.go applyOneObject: the patch error is
 *   AddSourceToErr(fmt.Sprintf("applying patch:\n%s\nto:\n%v\nfor:", patchBytes, info), info.Source, err);
 *   `string(patchBytes) == "{}"` prints "unchanged"; a failed Get is "retrieving current configuration of:".
 * - kubectl pkg/cmd/apply/patcher.go Patcher.Patch: a Conflict is retried (maxPatchRetry = 5, the object read again
 *   and the patch made again: the same patch when the file is stale), then AddSourceToErr("patching", source, err)
 *   unless --force (Conflict or Invalid: deleteAndCreate, delete then create the new config with resourceVersion
 *   cleared by Helper.Create); apply.go Validate: "--dry-run=server cannot be used with --force"; patchSimple sends CreateThreeWayMergePatch(original, modified, current) as it comes.
 * - kubectl pkg/util/apply.go GetModifiedConfiguration: the file's object, last-applied annotation = its own JSON
 *   (runtime.Encode: encoding/json, HTML characters escaped, newline after). Nothing is removed from it: a saved
 *   metadata.resourceVersion / uid stays in the patch when it differs from the live one.
 * - apimachinery pkg/util/strategicpatch/patch.go CreateThreeWayMergePatch, diffMaps ($retainKeys when the patch is
 *   not empty or the old map has a key the new one lacks), diffLists ($setElementOrder, `$patch: delete`,
 *   $deleteFromPrimitiveList; a list that was empty is sent whole), mergeMap; json.Marshal sorts map keys.
 *   Repeated applies reported "configured" for server-filled fields: kubernetes/kubernetes#66450.
 * - cli-runtime pkg/resource/visitor.go Info.String: `Resource: %q, GroupVersionKind: %q` + "\n" + `Name: %q, Namespace: %q`.
 * - apiserver pkg/registry/generic/registry/store.go Update: a resourceVersion other than the stored one is
 *   NewConflict(..., OptimisticLockErrorMsg) "the object has been modified; please apply your changes to the latest
 *   version and try again"; without one the update is unconditional (AllowUnconditionalUpdate).
 * - cli-runtime pkg/resource/helper.go Helper.Replace (overwrite true, as replace.go calls it): only an object
 *   without resourceVersion gets the server's; replace.go: AddSourceToErr("replacing", info.Source, err).
 * - apiserver pkg/registry/rest/update.go defaultUpdatedObjectInfo.Preconditions (the PUT object's uid),
 *   pkg/storage/etcd3/store.go GuaranteedUpdate (preconditions.Check(preparedKey, ...) first),
 *   pkg/storage/util.go Preconditions.Check "Precondition failed: UID in precondition: %v, UID in object meta: %v"
 *   -> NewInvalidObjError, pkg/storage/errors.go StorageError.Error()
 *   "StorageError: %s, Code: %d, Key: %s, ResourceVersion: %d, AdditionalErrorMsg: %s" (invalid object = 4),
 *   registry/generic/registry/storage_factory / storeerr.InterpretUpdateError: IsInvalidObj -> NewConflict;
 *   etcd keys: pkg/kubeapiserver/default_storage_factory_builder.go SpecialDefaultResourcePrefixes (services ->
 *   services/specs, nodes -> minions). A PATCH has no uid precondition (DefaultUpdatedObjectInfo(nil, ...)): its
 *   changed uid meets ValidateObjectMetaUpdate, "field is immutable".
 * - kubectl pkg/cmd/patch/patch.go RunPatch: the patch is always sent; didPatch := !reflect.DeepEqual(info.Object,
 *   patchedObj) (the server's answer against the object read), "patched (no change)" otherwise.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { goMarshal, threeWayPatch } from '../../sim/kubectl/merge';

const CM = `cat > cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  a: "1"
EOF`;

/** A ConfigMap applied, saved with get -o yaml, its data edited; `then` runs before the saved file is applied. */
function savedConfigMap(then: string[]) {
  const c = createCluster();
  c.run(CM);
  c.run('kubectl apply -f cm.yaml');
  c.run('kubectl get cm c -o yaml > saved.yaml');
  const meta = (f: string) => c.run(`kubectl get cm c -o jsonpath='{.metadata.${f}}'`).stdout;
  const saved = { rv: meta('resourceVersion'), uid: meta('uid'), created: meta('creationTimestamp') };
  c.run(`sed -i 's/a: "1"/a: "2"/' saved.yaml`);
  for (const cmd of then) c.run(cmd);
  return { c, saved };
}

const OPTIMISTIC = 'the object has been modified; please apply your changes to the latest version and try again';

describe('kubectl apply -f of a manifest saved with get -o yaml', () => {
  it('stale resourceVersion: the patch keeps it and the server answers Conflict, printed with the patch and the object', () => {
    const { c, saved } = savedConfigMap(['kubectl label cm c x=y']);
    const r = c.run('kubectl apply -f saved.yaml');
    const lastApplied = `{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"creationTimestamp":"${saved.created}","name":"c","namespace":"default","resourceVersion":"${saved.rv}","uid":"${saved.uid}"}}\n`;
    const patch = `{"data":{"a":"2"},"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":${JSON.stringify(lastApplied)}},"resourceVersion":"${saved.rv}"}}`;
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `Error from server (Conflict): error when applying patch:\n${patch}\nto:\n` +
        `Resource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\nName: "c", Namespace: "default"\n` +
        `for: "saved.yaml": error when patching "saved.yaml": Operation cannot be fulfilled on configmaps "c": ${OPTIMISTIC}\n`,
    );
    expect(r.exitCode).toBe(1);
    expect(c.run(`kubectl get cm c -o jsonpath='{.data.a}'`).stdout).toBe('1');
  });

  it('a Deployment scaled since it was saved: Conflict on deployments.apps, nothing changed', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml > web.yaml');
    c.run('kubectl apply -f web.yaml');
    c.run('kubectl get deploy web -o yaml > saved.yaml');
    const rv = c.run(`kubectl get deploy web -o jsonpath='{.metadata.resourceVersion}'`).stdout;
    c.run('kubectl scale deploy web --replicas=3');
    const r = c.run('kubectl apply -f saved.yaml');
    expect(r.exitCode).toBe(1);
    const m = /^Error from server \(Conflict\): error when applying patch:\n(\{.*\})\nto:\n(.*)$/s.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const sent = JSON.parse(m![1]);
    expect(sent.metadata.resourceVersion).toBe(rv);
    expect(sent.spec).toEqual({ replicas: 1 });
    expect(m![2]).toBe(
      'Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\nName: "web", Namespace: "default"\n' +
        `for: "saved.yaml": error when patching "saved.yaml": Operation cannot be fulfilled on deployments.apps "web": ${OPTIMISTIC}\n`,
    );
    expect(c.run(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`).stdout).toBe('3');
  });

  const cases: { name: string; then: string[]; edit?: string; out: string; err: string; code: number; a: string }[] = [
    { name: 'resourceVersion still the live one: applied', then: [], out: 'configmap/c configured\n', err: '', code: 0, a: '2' },
    {
      name: 'no resourceVersion in the file: an unconditional update, applied',
      then: ['kubectl label cm c x=y'],
      edit: `sed -i '/resourceVersion:/d' saved.yaml`,
      out: 'configmap/c configured\n',
      err: '',
      code: 0,
      a: '2',
    },
    {
      name: 'another uid (the live resourceVersion): the patched object fails ValidateObjectMetaUpdate',
      then: [],
      edit: `sed -i 's/uid: .*/uid: 11111111-2222-3333-4444-555555555555/' saved.yaml`,
      out: '',
      err: 'The ConfigMap "c" is invalid: metadata.uid: Invalid value: "11111111-2222-3333-4444-555555555555": field is immutable\n',
      code: 1,
      a: '1',
    },
  ];
  it.each(cases)('$name', ({ then, edit, out, err, code, a }) => {
    const { c } = savedConfigMap(then);
    if (edit) c.run(edit);
    const r = c.run('kubectl apply -f saved.yaml');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([out, err, code]);
    expect(c.run(`kubectl get cm c -o jsonpath='{.data.a}'`).stdout).toBe(a);
  });

  it('--force: after the Conflict, deleteAndCreate recreates the object from the file ("configured", a new uid)', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml > web.yaml');
    c.run('kubectl apply -f web.yaml');
    c.run('kubectl get deploy web -o yaml > saved.yaml');
    const uid = c.run(`kubectl get deploy web -o jsonpath='{.metadata.uid}'`).stdout;
    c.run('kubectl scale deploy web --replicas=3');
    const r = c.run('kubectl apply -f saved.yaml --force');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['deployment.apps/web configured\n', '', 0]);
    const after = c.run(`kubectl get deploy web -o jsonpath='{.metadata.uid} {.spec.replicas}'`).stdout.split(' ');
    expect(after[0]).not.toBe(uid);
    expect(after[1]).toBe('1');
  });

  it('--force also replaces an object whose change is Invalid (an immutable selector); not with --dry-run=server', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml > web.yaml');
    c.run('kubectl apply -f web.yaml');
    c.run(`sed -i 's/app: web/app: web2/' web.yaml`);
    expect(c.run('kubectl apply -f web.yaml').stderr).toMatch(/^The Deployment "web" is invalid: spec\.selector: .*field is immutable\n$/);
    const r = c.run('kubectl apply -f web.yaml --force');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['deployment.apps/web configured\n', '', 0]);
    expect(c.run(`kubectl get deploy web -o jsonpath='{.spec.selector.matchLabels.app}'`).stdout).toBe('web2');
    const d = c.run('kubectl apply -f web.yaml --force --dry-run=server');
    expect([d.stdout, d.stderr, d.exitCode]).toEqual(['', 'error: --dry-run=server cannot be used with --force\n', 1]);
  });

  it('the last-applied annotation is encoding/json text: <, > and & escaped', () => {
    const c = createCluster();
    c.run(`kubectl run p --image=busybox --dry-run=client -o yaml -- sh -c 'a && b <c>' > p.yaml`);
    c.run('kubectl apply -f p.yaml');
    const la = c.run(`kubectl get pod p -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`).stdout;
    expect(la).toContain('"args":["sh","-c","a \\u0026\\u0026 b \\u003cc\\u003e"]');
    expect(c.run('kubectl apply -f p.yaml').stdout).toBe('pod/p unchanged\n');
  });
});

describe('kubectl replace -f of a saved manifest', () => {
  const cases: { name: string; then: string[]; edit?: string; out: string; err: string; a: string }[] = [
    {
      name: 'stale resourceVersion: Conflict',
      then: ['kubectl label cm c x=y'],
      out: '',
      err: `Error from server (Conflict): error when replacing "saved.yaml": Operation cannot be fulfilled on configmaps "c": ${OPTIMISTIC}\n`,
      a: '1',
    },
    { name: 'the live resourceVersion: replaced', then: [], out: 'configmap/c replaced\n', err: '', a: '2' },
    {
      name: 'no resourceVersion: Helper.Replace takes the live one, replaced',
      then: ['kubectl label cm c x=y'],
      edit: `sed -i '/resourceVersion:/d' saved.yaml`,
      out: 'configmap/c replaced\n',
      err: '',
      a: '2',
    },
  ];
  it.each(cases)('$name', ({ then, edit, out, err, a }) => {
    const { c } = savedConfigMap(then);
    if (edit) c.run(edit);
    const r = c.run('kubectl replace -f saved.yaml');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([out, err, err ? 1 : 0]);
    expect(c.run(`kubectl get cm c -o jsonpath='{.data.a}'`).stdout).toBe(a);
  });

  const uidCases = [
    { get: 'kubectl get cm c -o yaml', key: '/registry/configmaps/default/c', gr: 'configmaps "c"' },
    { get: 'kubectl get svc kubernetes -o yaml', key: '/registry/services/specs/default/kubernetes', gr: 'services "kubernetes"' },
    { get: 'kubectl get node k8s-node1 -o yaml', key: '/registry/minions/k8s-node1', gr: 'nodes "k8s-node1"' },
  ];
  it.each(uidCases)('another uid: the storage precondition fails first, as a Conflict ($key)', ({ get, key, gr }) => {
    const c = createCluster();
    c.run(CM);
    c.run('kubectl apply -f cm.yaml');
    c.run(`${get} > o.yaml`);
    const live = /\n {2}uid: (\S+)\n/.exec(c.run('cat o.yaml').stdout)![1];
    // a stale resourceVersion too: the uid precondition is checked before the update function runs
    c.run(`sed -i 's/uid: .*/uid: 11111111-2222-3333-4444-555555555555/; s/resourceVersion: .*/resourceVersion: "1"/' o.yaml`);
    const r = c.run('kubectl replace -f o.yaml');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([
      '',
      `Error from server (Conflict): error when replacing "o.yaml": Operation cannot be fulfilled on ${gr}: StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: 11111111-2222-3333-4444-555555555555, UID in object meta: ${live}\n`,
      1,
    ]);
  });
});

describe('kubectl patch: "(no change)" is decided on the server\'s answer', () => {
  const cases = [
    { patch: `-p '{}'`, out: 'deployment.apps/web patched (no change)\n' },
    { patch: `-p '{"spec":{"replicas":1}}'`, out: 'deployment.apps/web patched (no change)\n' },
    { patch: `--type merge -p '{"spec":{"replicas":1}}'`, out: 'deployment.apps/web patched (no change)\n' },
    { patch: `--type json -p '[]'`, out: 'deployment.apps/web patched (no change)\n' },
    // the main resource ignores status (the strategy's PrepareForUpdate keeps the stored one)
    { patch: `-p '{"status":{"replicas":7}}'`, out: 'deployment.apps/web patched (no change)\n' },
    { patch: `-p '{"spec":{"replicas":2}}'`, out: 'deployment.apps/web patched\n' },
    { patch: `-p '{"spec":{"replicas":1}}' --dry-run=client`, out: 'deployment.apps/web patched (no change) (dry run)\n' },
    { patch: `-p '{"spec":{"replicas":2}}' --dry-run=server`, out: 'deployment.apps/web patched (server dry run)\n' },
  ];
  it.each(cases)('kubectl patch deploy web $patch', ({ patch, out }) => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx:1.27');
    const r = c.run(`kubectl patch deploy web ${patch}`);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([out, '', 0]);
  });

  it('a stale resourceVersion in the patch: Conflict', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx:1.27');
    const r = c.run(`kubectl patch deploy web -p '{"metadata":{"resourceVersion":"1"}}'`);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', `Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": ${OPTIMISTIC}\n`, 1]);
  });
});

describe('the three-way strategic merge patch (strategicpatch CreateThreeWayMergePatch)', () => {
  const container = (name: string, image: string) => ({ name, image });
  const cases: { name: string; original: unknown; modified: unknown; current: unknown; patch: string }[] = [
    { name: 'nothing changed', original: { a: 1 }, modified: { a: 1 }, current: { a: 1, b: 2 }, patch: '{}' },
    { name: 'a field dropped from the config is deleted', original: { a: 1, b: 2 }, modified: { a: 1 }, current: { a: 1, b: 2 }, patch: '{"b":null}' },
    { name: 'a field the server added is kept', original: { a: 1 }, modified: { a: 1 }, current: { a: 1, s: 'x' }, patch: '{}' },
    {
      name: 'merge list: the changed element with its key, the order directive',
      original: { containers: [container('a', 'x:1'), container('b', 'y:1')] },
      modified: { containers: [container('a', 'x:2'), container('b', 'y:1')] },
      current: { containers: [container('a', 'x:1'), container('b', 'y:1')] },
      patch: '{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"image":"x:2","name":"a"}]}',
    },
    {
      name: 'merge list: an element removed from the config gets $patch: delete',
      original: { containers: [container('a', 'x:1'), container('b', 'y:1')] },
      modified: { containers: [container('a', 'x:1')] },
      current: { containers: [container('a', 'x:1'), container('b', 'y:1')] },
      patch: '{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"$patch":"delete","name":"b"}]}',
    },
    {
      name: 'merge list that was empty: sent whole, no order directive',
      original: {},
      modified: { env: [{ name: 'A', value: '1' }] },
      current: { env: [] },
      patch: '{"env":[{"name":"A","value":"1"}]}',
    },
    {
      name: 'primitive merge list: additions, deletions, order',
      original: { finalizers: ['a', 'b'] },
      modified: { finalizers: ['c', 'b'] },
      current: { finalizers: ['a', 'b'] },
      patch: '{"$deleteFromPrimitiveList/finalizers":["a"],"$setElementOrder/finalizers":["c","b"],"finalizers":["c"]}',
    },
    {
      name: 'retainKeys: sent when the live map has a key the config lacks (kubernetes#66450: "configured" every time)',
      original: { strategy: { type: 'RollingUpdate' } },
      modified: { strategy: { type: 'RollingUpdate' } },
      current: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } },
      patch: '{"strategy":{"$retainKeys":["type"]}}',
    },
    {
      name: 'other lists are replaced whole; HTML characters escaped',
      original: { args: ['a'] },
      modified: { args: ['a && b'] },
      current: { args: ['a'] },
      patch: '{"args":["a \\u0026\\u0026 b"]}',
    },
  ];
  it.each(cases)('$name', ({ original, modified, current, patch }) => {
    expect(goMarshal(threeWayPatch(original, modified, current))).toBe(patch);
  });
});
