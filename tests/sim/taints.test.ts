/**
 * Taints end to end:
 * - NoExecute eviction (K/K pkg/controller/tainteviction/taint_eviction.go, timed_workers.go);
 * - kubectl taint (kubectl pkg/cmd/taint/taint.go, utils.go: parseTaints/parseTaint/reorganizeTaints;
 *   cmdutil.UsageErrorf for parse errors; checkErr/MultipleErrors for the errors of the nodes);
 * - kubectl get -o custom-columns (kubectl pkg/cmd/get/customcolumn.go: values printed with fmt %v).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { Cluster } from '../../sim/cluster';
import { getMatchingTolerations, getMinTolerationTime } from '../../sim/controllers/taint-eviction';
import { goSprintfNoArgs, parseTaints, reorganizeTaints } from '../../sim/kubectl/node';
import { goSprint } from '../../sim/kubectl/printers/jsonpath';
import { relaxedJSONPathExpression } from '../../sim/kubectl/get';

function run(c: Cluster, script: string): { out: string; code: number } {
  const r = c.run(script);
  return { out: r.output.map((o) => o.text).join(''), code: r.exitCode };
}

function pod(name: string, tolerations?: unknown[], node = 'k8s-node1'): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }], ...(tolerations ? { tolerations } : {}) },
  });
}

function withPods(pods: string[]): Cluster {
  const c = createCluster();
  for (const p of pods) c.apply(p);
  return c;
}

function podNames(c: Cluster): string[] {
  return c
    .list('Pod', 'default')
    .map((p) => p.metadata.name)
    .sort();
}

function evictionEvents(c: Cluster): { object: string; message: string; component: string; uid: unknown; count: number }[] {
  return c
    .list('Event', 'default')
    .filter((e) => e.reason === 'TaintManagerEviction')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => ({ object: e.involvedObject.name, message: e.message, component: e.source.component, uid: e.involvedObject.uid, count: e.count }));
}

const HW = { key: 'hw', operator: 'Equal', value: 'gpu', effect: 'NoExecute' };

describe('taint eviction helpers (taint_eviction.go getMinTolerationTime, v1helper.GetMatchingTolerations)', () => {
  const taint = { key: 'hw', value: 'gpu', effect: 'NoExecute' };
  it.each([
    ['no taints: all tolerated, none used', [], [HW], [true, []]],
    ['no tolerations', [taint], [], [false, []]],
    ['Equal with the same value', [taint], [HW], [true, [HW]]],
    ['Equal with another value', [taint], [{ ...HW, value: 'cpu' }], [false, []]],
    ['Exists without key tolerates everything', [taint], [{ operator: 'Exists' }], [true, [{ operator: 'Exists' }]]],
    ['wrong effect', [taint], [{ ...HW, effect: 'NoSchedule' }], [false, []]],
    ['first matching toleration per taint', [taint], [{ operator: 'Exists', tolerationSeconds: 5 }, HW], [true, [{ operator: 'Exists', tolerationSeconds: 5 }]]],
  ])('%s', (_name, taints, tolerations, want) => {
    expect(getMatchingTolerations(taints as any[], tolerations as any[])).toEqual(want);
  });

  it.each([
    ['nothing used: evict now', [], 0],
    ['no tolerationSeconds: forever', [{ operator: 'Exists' }], -1],
    ['the smallest tolerationSeconds', [{ tolerationSeconds: 300 }, { tolerationSeconds: 60 }, { operator: 'Exists' }], 60_000],
    ['tolerationSeconds 0: now', [{ tolerationSeconds: 60 }, { tolerationSeconds: 0 }], 0],
    ['negative tolerationSeconds: now', [{ tolerationSeconds: -5 }], 0],
  ])('%s', (_name, tolerations, ms) => {
    expect(getMinTolerationTime(tolerations as any[])).toBe(ms);
  });
});

describe('NoExecute taint eviction (K/K pkg/controller/tainteviction/taint_eviction.go)', () => {
  it.each([
    // name, tolerations, still there right after the taint, at +59 s, at +61 s
    ['no toleration: deleted at once', undefined, false, false, false],
    ['toleration for another value: deleted at once', [{ ...HW, value: 'cpu' }], false, false, false],
    ['toleration for NoSchedule only: deleted at once', [{ ...HW, effect: 'NoSchedule' }], false, false, false],
    ['tolerationSeconds 0: deleted at once', [{ ...HW, tolerationSeconds: 0 }], false, false, false],
    ['tolerationSeconds 60: deleted after 60 s', [{ ...HW, tolerationSeconds: 60 }], true, true, false],
    ['two tolerations, the first matching one counts', [{ key: 'hw', operator: 'Exists', tolerationSeconds: 60 }, { operator: 'Exists' }], true, true, false],
    ['toleration without tolerationSeconds: stays', [HW], true, true, true],
    ['Exists for every taint: stays', [{ operator: 'Exists' }], true, true, true],
  ])('%s', (_name, tolerations, now, at59, at61) => {
    const c = withPods([pod('p', tolerations as unknown[] | undefined)]);
    const t0 = c.now(); // the taint is added (and evictions scheduled) when the command starts
    expect(run(c, 'kubectl taint nodes k8s-node1 hw=gpu:NoExecute')).toEqual({ out: 'node/k8s-node1 tainted\n', code: 0 });
    expect(podNames(c).includes('p')).toBe(now);
    c.advance(59 - (c.now() - t0) / 1000);
    expect(podNames(c).includes('p')).toBe(at59);
    c.advance(2);
    expect(podNames(c).includes('p')).toBe(at61);
  });

  it('records TaintManagerEviction events from taint-eviction-controller; the reference names the pod without its uid', () => {
    const c = withPods([pod('a'), pod('b', [{ ...HW, tolerationSeconds: 30 }]), pod('other', undefined, 'k8s-node2')]);
    run(c, 'kubectl taint nodes k8s-node1 hw=gpu:NoExecute');
    expect(evictionEvents(c)).toEqual([{ object: 'a', message: 'Marking for deletion Pod default/a', component: 'taint-eviction-controller', uid: undefined, count: 1 }]);
    run(c, 'sleep 31');
    expect(evictionEvents(c).map((e) => e.message)).toEqual(['Marking for deletion Pod default/a', 'Marking for deletion Pod default/b']);
    expect(podNames(c)).toEqual(['other']);
    expect(run(c, 'kubectl get events --field-selector reason=TaintManagerEviction -o custom-columns=OBJECT:.involvedObject.name,FROM:.source.component,MESSAGE:.message').out).toBe(
      'OBJECT   FROM                        MESSAGE\na        taint-eviction-controller   Marking for deletion Pod default/a\nb        taint-eviction-controller   Marking for deletion Pod default/b\n',
    );
  });

  it('removing the taint before tolerationSeconds cancels the eviction (Cancelling deletion of Pod)', () => {
    const c = withPods([pod('b', [{ ...HW, tolerationSeconds: 60 }])]);
    run(c, 'kubectl taint nodes k8s-node1 hw=gpu:NoExecute');
    run(c, 'sleep 30');
    expect(run(c, 'kubectl taint nodes k8s-node1 hw:NoExecute-').out).toBe('node/k8s-node1 untainted\n');
    run(c, 'sleep 60');
    expect(podNames(c)).toEqual(['b']);
    expect(evictionEvents(c).map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/b']);
  });

  it('the eviction time counts from when it was first scheduled: another NoExecute taint does not restart it', () => {
    const c = withPods([pod('b', [{ key: 'hw', operator: 'Exists', tolerationSeconds: 60 }, { key: 'zone', operator: 'Exists', tolerationSeconds: 60 }])]);
    const t0 = c.now();
    run(c, 'kubectl taint nodes k8s-node1 hw=gpu:NoExecute');
    run(c, 'sleep 40');
    run(c, 'kubectl taint nodes k8s-node1 zone=a:NoExecute');
    c.advance(59 - (c.now() - t0) / 1000);
    expect(podNames(c)).toEqual(['b']);
    c.advance(2);
    expect(podNames(c)).toEqual([]);
    expect(evictionEvents(c).map((e) => e.message)).toEqual(['Marking for deletion Pod default/b']);
  });

  it('a pod bound to an already tainted node is deleted; NoSchedule and PreferNoSchedule taints evict nothing', () => {
    const c = createCluster();
    run(c, 'kubectl taint nodes k8s-node1 a=b:NoSchedule c=d:PreferNoSchedule');
    c.apply(pod('stays'));
    expect(podNames(c)).toEqual(['stays']);
    run(c, 'kubectl taint nodes k8s-node2 hw=gpu:NoExecute');
    c.apply(pod('late', undefined, 'k8s-node2'));
    expect(podNames(c)).toEqual(['stays']);
    expect(evictionEvents(c).map((e) => e.message)).toEqual(['Marking for deletion Pod default/late']);
  });

  it('sets the DisruptionTarget condition, then deletes gracefully (addConditionAndDeletePod)', () => {
    const c = withPods([pod('a')]);
    c.sim.api.mutate('Node', '', 'k8s-node1', (n) => {
      n.spec.taints = [{ key: 'hw', value: 'gpu', effect: 'NoExecute' }];
    });
    c.sim.runtime.runUntilIdle();
    const p = c.get('Pod', 'default', 'a')!;
    expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(p.metadata.deletionGracePeriodSeconds).toBe(30);
    const cond = p.status.conditions.find((x: any) => x.type === 'DisruptionTarget');
    expect(cond).toMatchObject({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    c.settle();
    expect(podNames(c)).toEqual([]);
  });

  it('system pods: kube-proxy tolerates every taint, the static pods every NoExecute taint', () => {
    const c = createCluster();
    run(c, 'kubectl taint nodes k8s-master hw=gpu:NoExecute');
    const names = c
      .list('Pod', 'kube-system')
      .filter((p) => p.spec.nodeName === 'k8s-master')
      .map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '-xxxxx'));
    expect(names).toEqual(expect.arrayContaining(['etcd-k8s-master', 'kube-apiserver-k8s-master', 'kube-controller-manager-k8s-master', 'kube-scheduler-k8s-master', 'kube-proxy-xxxxx']));
  });

  it('a pending eviction survives a snapshot and restore with its original deadline', () => {
    const c = withPods([pod('b', [{ ...HW, tolerationSeconds: 60 }])]);
    const t0 = c.now();
    run(c, 'kubectl taint nodes k8s-node1 hw=gpu:NoExecute');
    run(c, 'sleep 20');
    const r = Cluster.restore(c.snapshot());
    r.advance(59 - (r.now() - t0) / 1000);
    expect(podNames(r)).toEqual(['b']);
    r.advance(2);
    expect(podNames(r)).toEqual([]);
  });
});

const USAGE = "\nSee 'kubectl taint -h' for help and examples\n";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('kubectl taint errors (kubectl pkg/cmd/taint/taint.go, utils.go)', () => {
  it.each([
    // parseTaint through cmdutil.UsageErrorf
    ['no effect: the whole spec is the key (IsQualifiedName)', 'kubectl taint nodes k8s-node1 hw=gpu', `error: invalid taint spec: hw=gpu, ${NAME_PART}${USAGE}`],
    ['unknown effect (validateTaintEffect)', 'kubectl taint nodes k8s-node1 hw=gpu:NoSchedul', `error: invalid taint effect: NoSchedul, unsupported taint effect${USAGE}`],
    ['unknown effect on removal', 'kubectl taint nodes k8s-node1 hw:NoSchedul-', `error: invalid taint effect: NoSchedul, unsupported taint effect${USAGE}`],
    ['two = signs', 'kubectl taint nodes k8s-node1 hw=gpu=x:NoSchedule', `error: invalid taint spec: hw=gpu=x:NoSchedule${USAGE}`],
    ['two : signs', 'kubectl taint nodes k8s-node1 hw=gpu:x:NoSchedule', `error: invalid taint spec: hw=gpu:x:NoSchedule${USAGE}`],
    ['bad value (IsValidLabelValue)', 'kubectl taint nodes k8s-node1 hw=-gpu:NoSchedule', `error: invalid taint spec: hw=-gpu:NoSchedule, ${LABEL_VALUE}${USAGE}`],
    ['bad key', 'kubectl taint nodes k8s-node1 hw_:NoSchedule', `error: invalid taint spec: hw_:NoSchedule, ${NAME_PART}${USAGE}`],
    ['a key alone cannot be added (parseTaints)', 'kubectl taint nodes k8s-node1 hw=gpu:NoSchedule hw', 'error: all resources must be specified before taint changes: hw\n'],
    ['duplicate key and effect (%v of corev1.Taint)', 'kubectl taint nodes k8s-node1 hw=a:NoSchedule hw:NoSchedule', `error: duplicated taints with the same key and effect: {hw  NoSchedule <nil>}${USAGE}`],
    ['UsageErrorf uses the message as a format', 'kubectl taint nodes k8s-node1 50%:NoSchedule', `error: invalid taint spec: 50%!:(MISSING)NoSchedule, ${NAME_PART}${USAGE}`],
    // Complete / Validate
    ['no arguments', 'kubectl taint', 'error: one or more resources must be specified as <resource> <name>\n'],
    ['no taint', 'kubectl taint nodes k8s-node1', 'error: at least one taint update is required\n'],
    ['no node name', 'kubectl taint nodes hw=gpu:NoSchedule', "error: at least one resource name must be specified since 'all' parameter is not set\n"],
    ['not a node', 'kubectl taint pods web hw=gpu:NoSchedule', 'error: invalid resource type pods, only node types are supported\n'],
    ['unknown type', 'kubectl taint nods k8s-node1 hw=gpu:NoSchedule', 'error: the server doesn\'t have a resource type "nods"\n'],
    ['modify and remove', 'kubectl taint nodes k8s-node1 hw=gpu:NoSchedule hw-', 'error: can not both modify and remove the following taint(s) in the same command: {"hw":""}\n'],
    ['--all with -l', 'kubectl taint nodes --all -l a=b hw=gpu:NoSchedule', "error: setting 'all' parameter with a non empty selector is prohibited\n"],
    // RunTaint
    ['unknown node', 'kubectl taint nodes nope hw=gpu:NoSchedule', 'Error from server (NotFound): nodes "nope" not found\n'],
    ['existing taint without --overwrite', 'kubectl taint nodes k8s-master node-role.kubernetes.io/control-plane:NoSchedule', 'error: node k8s-master already has node-role.kubernetes.io/control-plane taint(s) with same effect(s) and --overwrite is false\n'],
    ['removing a missing taint', 'kubectl taint nodes k8s-node1 hw-', 'error: taint "hw" not found\n'],
    ['removing a missing taint with effect', 'kubectl taint nodes k8s-node1 hw:NoExecute-', 'error: taint "hw:NoExecute" not found\n'],
    ['two missing taints: MultipleErrors prints them bare', 'kubectl taint nodes k8s-node1 a- b-', 'taint "a" not found\ntaint "b" not found\n'],
    ['one error per node', 'kubectl taint nodes k8s-node1 k8s-node2 a-', 'taint "a" not found\ntaint "a" not found\n'],
  ])('%s', (_name, cmd, want) => {
    const c = createCluster();
    const before = c.get('Node', '', 'k8s-node1')!.metadata.resourceVersion;
    expect(run(c, cmd)).toEqual({ out: want, code: 1 });
    expect(c.get('Node', '', 'k8s-node1')!.metadata.resourceVersion).toBe(before);
  });
});

describe('kubectl taint updates (reorganizeTaints)', () => {
  it.each([
    ['a new taint goes first', ['kubectl taint nodes k8s-master hw=gpu:NoSchedule'], 'node/k8s-master tainted\n', [{ key: 'hw', value: 'gpu', effect: 'NoSchedule' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]],
    ['--overwrite is always "modified"', ['kubectl taint nodes k8s-master node-role.kubernetes.io/control-plane=x:NoSchedule --overwrite'], 'node/k8s-master modified\n', [{ key: 'node-role.kubernetes.io/control-plane', value: 'x', effect: 'NoSchedule' }]],
    ['add and remove: modified', ['kubectl taint nodes k8s-master hw:NoExecute node-role.kubernetes.io/control-plane-'], 'node/k8s-master modified\n', [{ key: 'hw', effect: 'NoExecute' }]],
    ['remove by key: every effect', ['kubectl taint nodes k8s-node1 a:NoSchedule a:PreferNoSchedule b:NoSchedule', 'kubectl taint nodes k8s-node1 a-'], 'node/k8s-node1 untainted\n', [{ key: 'b', effect: 'NoSchedule' }]],
    ['remove by key and effect', ['kubectl taint nodes k8s-node1 a:NoSchedule a:PreferNoSchedule', 'kubectl taint nodes k8s-node1 a:NoSchedule-'], 'node/k8s-node1 untainted\n', [{ key: 'a', effect: 'PreferNoSchedule' }]],
    ['empty value is no value', ['kubectl taint nodes k8s-node1 a=:NoSchedule'], 'node/k8s-node1 tainted\n', [{ key: 'a', effect: 'NoSchedule' }]],
    ['--dry-run=client changes nothing', ['kubectl taint nodes k8s-node1 a:NoSchedule --dry-run=client'], 'node/k8s-node1 tainted (dry run)\n', undefined],
  ])('%s', (_name, cmds, lastOut, taints) => {
    const c = createCluster();
    let out = '';
    for (const cmd of cmds) out = run(c, cmd).out;
    expect(out).toBe(lastOut);
    const node = cmds[0].split(' ')[3];
    expect(c.get('Node', '', node)!.spec.taints).toEqual(taints);
  });

  it('-l and --all select nodes', () => {
    const c = createCluster();
    expect(run(c, 'kubectl taint nodes -l node-role.kubernetes.io/control-plane a:NoSchedule').out).toBe('node/k8s-master tainted\n');
    // the nodes without the taint fail; each error is printed bare (MultipleErrors)
    expect(run(c, 'kubectl taint nodes --all a:NoSchedule-')).toEqual({ out: 'node/k8s-master untainted\ntaint "a:NoSchedule" not found\ntaint "a:NoSchedule" not found\n', code: 1 });
    expect(run(c, 'kubectl taint nodes --all b:PreferNoSchedule').out).toBe('node/k8s-master tainted\nnode/k8s-node1 tainted\nnode/k8s-node2 tainted\n');
  });

  it('parseTaints / reorganizeTaints as functions', () => {
    expect(parseTaints(['foo=abc:NoSchedule', 'baz:NoSchedule', 'foobar=:NoSchedule', 'foo:NoSchedule-', 'dedicated-'])).toEqual({
      add: [{ key: 'foo', value: 'abc', effect: 'NoSchedule' }, { key: 'baz', effect: 'NoSchedule' }, { key: 'foobar', effect: 'NoSchedule' }],
      remove: [{ key: 'foo', effect: 'NoSchedule' }, { key: 'dedicated' }],
    });
    const old = [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }];
    // the cases of utils_test.go TestReorganizeTaints
    expect(reorganizeTaints(old, true, [], [])).toEqual({ operation: 'modified', taints: old, errors: [] });
    expect(reorganizeTaints(old, false, [], [])).toEqual({ operation: 'untainted', taints: old, errors: [] });
    expect(reorganizeTaints(old, false, [{ key: 'foo_1', effect: 'NoExecute' }], [])).toEqual({ operation: 'tainted', taints: [{ key: 'foo_1', effect: 'NoExecute' }, ...old], errors: [] });
    expect(reorganizeTaints(old, false, [], [{ key: 'foo' }])).toEqual({ operation: 'untainted', taints: [], errors: [] });
    expect(reorganizeTaints(old, false, [], [{ key: 'foo_1', effect: 'NoSchedule' }])).toEqual({ operation: 'untainted', taints: old, errors: ['taint "foo_1:NoSchedule" not found'] });
    expect(reorganizeTaints(old, false, [{ key: 'foo_1', effect: 'NoSchedule' }], [{ key: 'foo', effect: 'NoSchedule' }])).toEqual({ operation: 'modified', taints: [{ key: 'foo_1', effect: 'NoSchedule' }], errors: [] });
  });

  it.each([
    ['plain', 'plain'],
    ['100%', '100%!(NOVERB)'],
    ['a %% b', 'a % b'],
    ['%d and %-5.2f', '%!d(MISSING) and %!f(MISSING)'],
    ['%*d', '%!(BADWIDTH)%!d(MISSING)'],
  ])('fmt.Sprintf(%j) without operands', (format, want) => {
    expect(goSprintfNoArgs(format)).toBe(want);
  });
});

describe('kubectl get -o custom-columns (kubectl pkg/cmd/get/customcolumn.go)', () => {
  it.each([
    ['a list of maps prints with %v', 'kubectl get node k8s-master -o custom-columns=TAINTS:.spec.taints', 'TAINTS\n[map[effect:NoExecute key:hw] map[effect:NoSchedule key:node-role.kubernetes.io/control-plane]]\n'],
    ['several results are joined by commas', 'kubectl get node k8s-master -o custom-columns=NAME:.metadata.name,KEYS:.spec.taints[*].key', 'NAME         KEYS\nk8s-master   hw,node-role.kubernetes.io/control-plane\n'],
    ['a map prints with sorted keys', 'kubectl get node k8s-node1 -o custom-columns=LABELS:.metadata.labels', 'LABELS\nmap[beta.kubernetes.io/arch:amd64 beta.kubernetes.io/os:linux kubernetes.io/arch:amd64 kubernetes.io/hostname:k8s-node1 kubernetes.io/os:linux]\n'],
    ['a missing field is <none>', 'kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINT:.spec.taints[*].effect', 'NAME         TAINT\nk8s-master   NoExecute,NoSchedule\nk8s-node1    <none>\nk8s-node2    <none>\n'],
    ['numbers and booleans', 'kubectl get pod web -o custom-columns=PORT:.spec.containers[0].ports[0].containerPort,LINKS:.spec.enableServiceLinks', 'PORT   LINKS\n80     true\n'],
    ['a list of scalars', 'kubectl get pod web -o custom-columns=CMD:.spec.containers[0].command', 'CMD\n[sh -c echo hi]\n'],
    ['relaxed paths: a.b, {a.b}, {.a.b}', 'kubectl get node k8s-node2 -o custom-columns=A:metadata.name,B:{metadata.name},C:{.metadata.name}', 'A           B           C\nk8s-node2   k8s-node2   k8s-node2\n'],
    ['--no-headers', 'kubectl get node k8s-node2 -o custom-columns=A:.metadata.name --no-headers', 'k8s-node2\n'],
    ['no objects: the header only', 'kubectl get pods -n kube-public -o custom-columns=NAME:.metadata.name', 'NAME\n'],
    ['no colon', 'kubectl get nodes -o custom-columns=NAME', 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n'],
    ['no columns', 'kubectl get nodes -o custom-columns=', 'error: custom-columns format specified but no custom columns given\n'],
    ['braces inside', 'kubectl get nodes -o custom-columns=N:{.a}{.b}', "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"],
  ])('%s', (_name, cmd, want) => {
    const c = createCluster();
    run(c, 'kubectl taint nodes k8s-master hw:NoExecute');
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi'], ports: [{ containerPort: 80 }] }] },
      }),
    );
    expect(run(c, cmd).out).toBe(want);
  });

  it.each([
    ['string', 'a b', 'a b'],
    ['integer', 3912804, '3912804'],
    ['float', 0.5, '0.5'],
    ['large float uses %e', 1234567.5, '1.2345675e+06'],
    ['small float uses %e', 0.00001, '1e-05'],
    ['bool', false, 'false'],
    ['null', null, '<nil>'],
    ['empty list and map', [[], {}], '[[] map[]]'],
    ['nested', { b: [1, { d: 'x', c: null }], a: 'y' }, 'map[a:y b:[1 map[c:<nil> d:x]]]'],
  ])('fmt %%v of %s', (_name, v, want) => {
    expect(goSprint(v)).toBe(want);
  });

  it.each([
    ['', ''],
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
  ])('RelaxedJSONPathExpression(%j)', (expr, want) => {
    expect(relaxedJSONPathExpression(expr)).toBe(want);
  });
});
