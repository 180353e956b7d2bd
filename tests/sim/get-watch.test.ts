/**
 * kubectl get --watch (-w), --watch-only, --output-watch-events.
 *
 * Sources (kubernetes/kubernetes, kubectl v1.35 line):
 * - staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (commit 012b4f49…): Complete prints "warning: --watch or
 *   --watch-only requested, --sort-by will be ignored" and skips the "must specify the type" check; Validate refuses
 *   --output-watch-events without a watch and --raw with one; watch(): builder with SingleResourceType (no
 *   ContinueOnError, no IgnoreErrors), multipleGVKsRequested → "… - more than 1 resource was found", the printer from
 *   ToPrinter(mapping, outputObjects, o.AllNamespaces, false) wrapped in skipPrinter, the initial objects (a list's
 *   items one by one, each in a WatchEvent ADDED with --output-watch-events) printed and flushed, then r.Watch(rv)
 *   and watchtools.UntilWithoutRetry printing each event into the same tabwriter, flushed after each, inside
 *   interrupt.New(nil, cancel); a printer error ends the watch and watch() still returns nil.
 * - get/skip_printer.go: a skipped Table goes on without rows (its column definitions reach the table printer), a
 *   skipped WatchEvent goes nowhere.
 * - staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go (commit 008b3652…, newer than v1.35; the parts used
 *   here are older): headers only while !printedHeaders, a Table without column definitions takes lastColumns,
 *   decorateTable's NAMESPACE / label columns, the EVENT column added first with formatEventType ("ADDED   ",
 *   "MODIFIED", "DELETED ").
 * - cli-runtime pkg/printers/tabwriter.go GetNewTabWriter: github.com/liggitt/tabwriter (minwidth 6, padding 3)
 *   with RememberWidths (tabwriter.go format: maxwidths), so each flush keeps the widths of the earlier ones.
 * - cli-runtime pkg/printers/json.go / yaml.go / kyaml.go: a *metav1.WatchEvent is json.Marshal'd (compact, one
 *   line) / JSONToYAML'd; KYAML refuses it ("missing apiVersion or kind…"); name.go prints the wrapped object.
 * - cli-runtime pkg/resource/builder.go (resourceMappings, resourceTupleMappings, visitBySelector, visitByName,
 *   visitByPaths) and result.go Watch: "you may only specify a single resource type", "name cannot be provided when a
 *   selector is specified", "a resource cannot be retrieved by name across all namespaces", "at least one resource
 *   must be specified to use a selector", "you may only watch a single resource or type of resource at a time",
 *   "watch is only supported on individual resources and resource collections - N resources were found".
 * - staging/src/k8s.io/apiserver/pkg/endpoints/handlers/get.go ListResource: a watch without timeoutSeconds is
 *   closed after minRequestTimeout (1800 s) × (1 + rand.Float64()); UntilWithoutRetry returns ErrWatchClosed,
 *   which watch() drops (exit 0).
 * - staging/src/k8s.io/apiserver/pkg/endpoints/handlers/watch.go serveWatch (Fixup: Table column definitions on
 *   the first event only), handlers/get.go ListResource (a storage without Watch: NewMethodNotSupported "watch"),
 *   storage/cacher cacheWatcher.convertToWatchEvent (an object that stops matching the selectors is DELETED with
 *   its previous content).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

function withDeployment(replicas = 1): Cluster {
  const c = createCluster();
  run(c, `kubectl create deployment web --image=nginx --replicas=${replicas}`);
  return c;
}

const podNames = (c: Cluster) => run(c, "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'").out.split('\n').filter(Boolean);

describe('kubectl get -w in the foreground: the list, then interrupted (exit 1)', () => {
  it.each([
    ['kubectl get pods -w', (p: string[]) => `NAME                   READY   STATUS    RESTARTS   AGE\n${p[0]}   1/1     Running   0          3s\n^C`],
    ['kubectl get pods -w --no-headers', (p: string[]) => `${p[0]}   1/1   Running   0     3s\n^C`],
    ['kubectl get pods -w --show-kind', (p: string[]) => `NAME                       READY   STATUS    RESTARTS   AGE\npod/${p[0]}   1/1     Running   0          3s\n^C`],
    ['kubectl get pods -w -o name', (p: string[]) => `pod/${p[0]}\n^C`],
    ['kubectl get pods --watch-only', () => '^C'],
    ['kubectl get pods -w --output-watch-events', (p: string[]) => `EVENT      NAME                   READY   STATUS    RESTARTS   AGE\nADDED      ${p[0]}   1/1     Running   0          3s\n^C`],
    ['kubectl get pods -w -A -l app=web --output-watch-events', (p: string[]) => `EVENT      NAMESPACE   NAME                   READY   STATUS    RESTARTS   AGE\nADDED      default     ${p[0]}   1/1     Running   0          3s\n^C`],
    [
      "kubectl get pods -w --output-watch-events -o jsonpath='{.type} {.object.metadata.name}{\"\\n\"}'",
      (p: string[]) => `ADDED ${p[0]}\n^C`,
    ],
    ['kubectl get deploy -w -o custom-columns=N:.metadata.name,T:.type --output-watch-events', () => 'N        T\n<none>   ADDED\n^C'],
    // watch() passes AllNamespaces to the printer as it is: a cluster-scoped resource gets an empty NAMESPACE column
    ['kubectl get nodes k8s-node1 -w', () => 'NAME        STATUS   ROLES    AGE   VERSION\nk8s-node1   Ready    <none>   12d   v1.35.0\n^C'],
    ['kubectl get nodes -A -w -l kubernetes.io/hostname=k8s-node1', () => 'NAMESPACE   NAME        STATUS   ROLES    AGE   VERSION\n            k8s-node1   Ready    <none>   12d   v1.35.0\n^C'],
    // no "No resources found" in a watch
    ['kubectl get pods -w -n kube-public', () => '^C'],
  ])('%s', (cmd, want) => {
    const c = withDeployment();
    const r = run(c, cmd);
    expect(r).toEqual({ out: want(podNames(c)), err: '', code: 1 });
  });

  it.each(['kubectl get events', 'kubectl get events -o wide', 'kubectl get events --show-kind -o wide', 'kubectl get svc -A -L app'])('%s -w: the same table as without -w, then ^C', (cmd) => {
    const c = withDeployment();
    const list = run(c, cmd).out;
    expect(run(c, `${cmd} -w`)).toEqual({ out: list + '^C', err: '', code: 1 });
  });

  it('without a terminal nothing is echoed; the exit status is still 1', () => {
    const c = withDeployment();
    expect(run(c, 'kubectl get pods -w -o name > out.txt; echo $?; cat out.txt').out).toBe(`1\npod/${podNames(c)[0]}\n`);
  });

  it('-o json and -o yaml print each object on its own, not a List', () => {
    const c = withDeployment(2);
    const json = run(c, 'kubectl get pods -w -o json').out;
    expect(json).not.toContain('"kind": "List"');
    expect(json.match(/^\{\n {4}"apiVersion": "v1",\n {4}"kind": "Pod",/gm)?.length).toBe(2);
    const yaml = run(c, 'kubectl get pods -w -o yaml').out;
    expect(yaml.split('\n---\n').length).toBe(2);
    expect(yaml.startsWith('apiVersion: v1\nkind: Pod\n')).toBe(true);
  });

  it('--output-watch-events: a WatchEvent per object, one line of JSON (type first), or a YAML document (keys sorted)', () => {
    const c = withDeployment(2);
    const lines = run(c, 'kubectl get pods -w -o json --output-watch-events').out.replace(/\^C$/, '').split('\n').filter(Boolean);
    expect(lines.length).toBe(2);
    for (const l of lines) {
      expect(l).toMatch(/^\{"type":"ADDED","object":\{"apiVersion":"v1","kind":"Pod","metadata":\{/);
      expect(Object.keys(JSON.parse(l))).toEqual(['type', 'object']);
    }
    const yaml = run(c, 'kubectl get pods -w -o yaml --output-watch-events').out;
    expect(yaml).toMatch(/^object:\n {2}apiVersion: v1\n {2}kind: Pod\n/);
    expect(yaml.split('\n---\n').length).toBe(2);
    expect(yaml).toMatch(/\ntype: ADDED\n---\nobject:\n/);
  });
});

describe('kubectl get -w in a background job: every event as the cluster changes, until killed', () => {
  it('a deployment rolling out: each pod Pending (created, then bound), ContainerCreating, Running; rows keep the header widths', () => {
    const c = createCluster();
    expect(run(c, 'kubectl get pods -w &')).toEqual({ out: '', err: '[1] 4213\n', code: 0 });
    const r = run(c, 'kubectl create deployment web --image=nginx');
    const [pod] = podNames(c);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines[0]).toBe('deployment.apps/web created');
    expect(lines[1]).toBe('NAME                   READY   STATUS    RESTARTS   AGE');
    const rows = lines.slice(2);
    expect(rows.every((l) => l.startsWith(pod + '   '))).toBe(true);
    const statuses = rows.map((l) => l.split(/ +/)[2]);
    expect(statuses[0]).toBe('Pending');
    expect(statuses[1]).toBe('Pending');
    expect(statuses).toContain('ContainerCreating');
    expect(statuses.at(-1)).toBe('Running');
    expect(statuses.indexOf('ContainerCreating')).toBeLessThan(statuses.indexOf('Running'));
    // the first row is laid out under the header; a wider STATUS widens that column from then on
    expect(rows[0]).toBe(`${pod}   0/1     Pending   0          0s`);
    expect(rows.at(-1)).toMatch(new RegExp(`^${pod}   1/1     Running {13}0          \\ds$`));
    const killed = run(c, 'kill %1');
    expect(killed.out + killed.err).toContain('Exit 1');
    // nothing more is printed once it is gone
    expect(run(c, 'kubectl scale deploy web --replicas=2').out).toBe('deployment.apps/web scaled\n');
  });

  it('AGE is computed when each row is printed', () => {
    const c = withDeployment();
    run(c, 'kubectl get deploy web -w &');
    run(c, 'sleep 30');
    const r = run(c, 'kubectl scale deploy web --replicas=2');
    // one named object: its synthetic first event is not printed, later events are rows without the header
    expect(r.out).toMatch(/^web {4}1\/2 {5}1 {12}1 {11}3\ds\n/);
    expect(r.out).toContain('deployment.apps/web scaled\n');
    expect(r.out).toMatch(/web {4}2\/2 {5}2 {12}2 {11}3\ds\n$/);
  });

  it('--watch-only: the header comes with the first event', () => {
    const c = withDeployment();
    expect(run(c, 'kubectl get pods --watch-only &').out).toBe('');
    const r = run(c, 'kubectl run p --image=nginx');
    expect(r.out).toMatch(/^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\np {6}0\/1 {5}Pending {3}0 {10}0s\npod\/p created\n/);
    expect(r.out.match(/^NAME/gm)?.length).toBe(1);
  });

  it('a label selector: an object that stops matching is a DELETED event, one that starts is ADDED', () => {
    const c = withDeployment();
    run(c, 'kubectl run p --image=nginx --labels=tier=x');
    run(c, 'kubectl get pods -l tier=x -w --watch-only --output-watch-events &');
    expect(run(c, 'kubectl label pod p tier=y --overwrite').out).toMatch(/^EVENT {6}NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\nDELETED {4}p {6}1\/1 {5}Running {3}0 {10}\ds\npod\/p labeled\n$/);
    expect(run(c, 'kubectl label pod p tier=x --overwrite').out).toMatch(/^ADDED {6}p {6}1\/1 {5}Running {3}0 {10}\ds\npod\/p labeled\n$/);
    // writes of objects the selector never matched are not sent
    expect(run(c, 'kubectl scale deploy web --replicas=2').out).toBe('deployment.apps/web scaled\n');
  });

  it('a field selector: the pod is ADDED when it starts Running, then MODIFIED, DELETED', () => {
    const c = withDeployment();
    run(c, 'kubectl get pods --field-selector=status.phase=Running -w --watch-only --output-watch-events &');
    expect(run(c, 'kubectl run p --image=nginx').out).toMatch(/^pod\/p created\nEVENT {6}NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\nADDED {6}p {6}1\/1 {5}Running {3}0 {10}\ds\n$/);
    const del = run(c, 'kubectl delete pod p').out.split('\n').filter(Boolean);
    expect(del[0]).toMatch(/^MODIFIED {3}p {6}1\/1 {5}Terminating {3}0 {10}\ds$/);
    expect(del.at(-1)).toMatch(/^DELETED {4}p {6}\d\/1 {5}Terminating {3}0 {10}\ds$/);
  });

  it('-o json --output-watch-events: a DELETED event carries the object as it was, at the resourceVersion of the write', () => {
    const c = withDeployment();
    run(c, 'kubectl run p --image=nginx --labels=tier=x');
    run(c, 'kubectl get pods -l tier=x -w --watch-only --output-watch-events -o json &');
    const r = run(c, 'kubectl label pod p tier=y --overwrite');
    const ev = JSON.parse(r.out.split('\n')[0]);
    expect(ev.type).toBe('DELETED');
    expect(ev.object.metadata.labels).toEqual({ tier: 'x' });
    const now = run(c, "kubectl get pod p -o jsonpath='{.metadata.resourceVersion}'").out;
    expect(ev.object.metadata.resourceVersion).toBe(now);
  });

  it('-o name: the events each print the object name', () => {
    const c = withDeployment();
    run(c, 'kubectl get deploy -w -o name --watch-only &');
    expect(run(c, 'kubectl scale deploy web --replicas=2').out).toMatch(/^(deployment\.apps\/web\n)+deployment\.apps\/web scaled\n(deployment\.apps\/web\n)*$/);
  });

  it('--watch-only --output-watch-events of one object: no column definitions reach the printer, only EVENT is printed', () => {
    const c = withDeployment();
    run(c, 'kubectl run p --image=nginx');
    run(c, 'kubectl get pod p -w --watch-only --output-watch-events &');
    expect(run(c, 'kubectl label pod p a=b').out).toBe('EVENT\nMODIFIED\npod/p labeled\n');
  });

  it('a printer error ends the watch: watch() returns nil, so the job is Done', () => {
    const c = withDeployment();
    run(c, "kubectl get pods -w --watch-only -o jsonpath='{.status.missing}' --allow-missing-template-keys=false &");
    const r = run(c, 'kubectl run p --image=nginx');
    expect(r.out).toBe('pod/p created\n');
    expect(r.err).toMatch(/^\[1\]\+ +Done +kubectl get pods -w/);
  });

  it('the apiserver closes the watch after 30 to 60 minutes (min-request-timeout × (1 + rand)): kubectl exits 0', () => {
    const c = withDeployment();
    run(c, 'kubectl get pods -w &');
    run(c, 'sleep 1799');
    expect(run(c, 'jobs').out).toMatch(/^\[1\]\+ +Running +kubectl get pods -w &\n$/);
    const r = run(c, 'sleep 1801');
    expect(r.out + r.err).toMatch(/^\[1\]\+ +Done +kubectl get pods -w\n$/);
    // the events that come after are not printed
    expect(run(c, 'kubectl scale deploy web --replicas=2').out).toBe('deployment.apps/web scaled\n');
  });

  it.each([
    ['kill -HUP %1', 'Exit 1'],
    ['kill -INT %1', 'Exit 1'],
    ['kill %1', 'Exit 1'],
    ['kill -9 %1', 'Killed'],
  ])('%s', (kill, notice) => {
    const c = withDeployment();
    run(c, 'kubectl get pods -w &');
    const r = run(c, `${kill}; sleep 1`);
    expect(r.out + r.err).toContain(notice);
  });
});

describe('kubectl get -w: what is refused, and errors after the list', () => {
  it.each([
    ['kubectl get pods,svc -w', 'error: you may only specify a single resource type\n'],
    ['kubectl get all -w', 'error: you may only specify a single resource type\n'],
    ['kubectl get pod/a svc/b -w', 'error: you may only specify a single resource type\n'],
    ['kubectl get pod a -w -l app=web', 'error: name cannot be provided when a selector is specified\n'],
    ['kubectl get pod/a -w -l app=web', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    ['kubectl get pod a -w -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['kubectl get -w -l app=web', 'error: at least one resource must be specified to use a selector\n'],
    [
      'kubectl get -w',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
    ['kubectl get pod nope -w', 'Error from server (NotFound): pods "nope" not found\n'],
    // IgnoreErrors is not set in watch()
    ['kubectl get pod nope -w --ignore-not-found', 'Error from server (NotFound): pods "nope" not found\n'],
    ['kubectl get pods --output-watch-events', "error: --output-watch-events option can only be used with --watch or --watch-only\nSee 'kubectl get -h' for help and examples\n"],
    // Validate, for a watch as for a list
    ['kubectl get pods -w --show-labels -o json', 'error: --show-labels option cannot be used with json printer\n'],
    ['kubectl get pods --show-labels -o NAME', 'error: --show-labels option cannot be used with NAME printer\n'],
    ['kubectl get --raw /api -w', 'error: --raw may not be specified with other flags that filter the server request or alter the output\n'],
    ['kubectl get pods -w -o kyaml --output-watch-events', 'error: unable to output the provided object: missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type\n'],
    ['kubectl get pods -w -o foo', 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml\n'],
  ])('%s', (cmd, err) => {
    const c = withDeployment();
    expect(run(c, cmd)).toEqual({ out: '', err, code: 1 });
  });

  it('--sort-by is ignored with a warning', () => {
    const c = withDeployment();
    const r = run(c, 'kubectl get deploy -w --sort-by=.metadata.name');
    expect(r).toEqual({ out: 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    1/1     1            1           3s\n^C', err: 'warning: --watch or --watch-only requested, --sort-by will be ignored\n', code: 1 });
  });

  it('several names: the objects are printed, then Result.Watch refuses more than one source', () => {
    const c = withDeployment();
    run(c, 'kubectl run p --image=nginx');
    run(c, 'kubectl run q --image=nginx');
    const r = run(c, 'kubectl get pod p q -w');
    expect(r.out).toMatch(/^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\np {6}1\/1 {5}Running {3}0 {10}\ds\nq {6}1\/1/);
    expect(r.err).toBe('error: you may only watch a single resource or type of resource at a time\n');
    expect(r.code).toBe(1);
  });

  it('-f: one kind per watch; a file of several objects is listed, then refused', () => {
    const c = withDeployment();
    run(c, 'kubectl run p --image=nginx');
    run(c, 'kubectl run q --image=nginx');
    run(c, 'kubectl create svc clusterip s --tcp=80');
    run(c, "printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: p\\n---\\napiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: q\\n' > two.yaml");
    run(c, "printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: p\\n---\\napiVersion: v1\\nkind: Service\\nmetadata:\\n  name: s\\n' > mix.yaml");
    expect(run(c, 'kubectl get -f mix.yaml -w')).toEqual({ out: '', err: 'error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n', code: 1 });
    const two = run(c, 'kubectl get -f two.yaml -w');
    expect(two.out.split('\n').length).toBe(4);
    expect(two.err).toBe('error: watch is only supported on individual resources and resource collections - 2 resources were found\n');
    run(c, "printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: p\\n' > one.yaml");
    const one = run(c, 'kubectl get -f one.yaml -w');
    expect(one.out).toMatch(/^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\np {6}1\/1 {5}Running {3}0 {10}\ds\n\^C$/);
  });

  it('the watch is authorized on its own: listing is not enough', () => {
    const c = withDeployment();
    run(c, 'kubectl create role r --verb=list --resource=pods');
    run(c, 'kubectl create rolebinding rb --role=r --user=bob');
    const r = run(c, 'kubectl get pods -w --as=bob');
    expect(r.out).toMatch(/^NAME {19}READY/);
    expect(r.err).toBe('Error from server (Forbidden): pods is forbidden: User "bob" cannot watch resource "pods" in API group "" in the namespace "default"\n');
    expect(r.code).toBe(1);
  });

  it('a resource the apiserver cannot watch: componentstatuses', () => {
    const c = createCluster();
    const r = run(c, 'kubectl get cs -w');
    expect(r.out).toMatch(/^NAME {17}STATUS {4}MESSAGE {3}ERROR\n/);
    expect(r.err).toBe('Warning: v1 ComponentStatus is deprecated in v1.19+\nError from server (MethodNotAllowed): watch is not supported on resources of kind "componentstatuses"\n');
    expect(r.code).toBe(1);
  });
});
