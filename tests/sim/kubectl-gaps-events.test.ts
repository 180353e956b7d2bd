/**
 * kubectl events --watch (-w).
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io/kubectl):
 * - pkg/cmd/events/events.go (commit 78fc8e44…) Run → runWatch: Events(namespace).Watch with the --for field
 *   selector (no list first, so no "No events found"); watchtools.UntilWithoutRetry: a Deleted event is not
 *   printed, --types filters, each event PrintObj'd (the GVK set to v1 Event) and the tabwriter flushed after it;
 *   interrupt.New(nil, cancel) around it.
 * - pkg/cmd/events/event_printer.go (commit fa7ba8e2…): EventPrinter prints its headings once (headersPrinted),
 *   before the first event, unless --no-headers; NAMESPACE first with -A.
 * - pkg/util/interrupt/interrupt.go: HUP, INT, TERM and QUIT are caught; with no final handler the process exits 1.
 * - A watch without a resourceVersion starts with an ADDED event per stored object (the apiserver's watch cache,
 *   kept in key order: namespace/name).
 * - printers.GetNewTabWriter (cli-runtime pkg/printers/tabwriter.go: minwidth 6, padding 3, github.com/liggitt/tabwriter
 *   with RememberWidths): each flush aligns the lines it holds, never narrower than the columns of earlier flushes.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

function setup(): Cluster {
  const c = createCluster();
  run(c, 'kubectl create deployment web --image=nginx');
  return c;
}

describe('kubectl events --watch in the foreground: the stored events, then interrupted', () => {
  it('without a terminal nothing is echoed', () => {
    const c = setup();
    expect(run(c, 'kubectl events -w --for deploy/web -o name > out.txt; echo $?; cat out.txt').out).toMatch(/^1\nevent\/web\.[0-9a-f]+\n$/);
  });

  it('headings with the first event, each later event flushed on its own with the remembered widths, in key order; exit 1', () => {
    const c = setup();
    const r = run(c, 'kubectl events -w --for deploy/web');
    expect(r).toEqual({
      out: 'LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n3s          Normal   ScalingReplicaSet   Deployment/web   Scaled up replica set ' + r.out.match(/web-[a-z0-9]+/)![0] + ' from 0 to 1\n^C',
      err: '',
      code: 1,
    });
    // the terminal echoes the interrupt
    const all = run(c, 'kubectl events -w').out.replace(/\^C$/, '').split('\n').filter(Boolean);
    const names = run(c, "kubectl get events -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'").out.split('\n').filter(Boolean);
    expect(all.length).toBe(names.length + 1);
    // the second line onwards: single-line tabwriter flushes, each column at least as wide as before (LAST SEEN: 12)
    expect(all[2]).toMatch(/^\d+s {9,10}Normal {3}\S+ +\S+ +\S/);
    const reasons = run(c, "kubectl get events -o jsonpath='{range .items[*]}{.metadata.name} {.reason}{\"\\n\"}{end}'").out.split('\n').filter(Boolean);
    const byKey = [...reasons].sort().map((l) => l.split(' ')[1]);
    expect(all.slice(1).map((l) => l.split(/ +/)[2])).toEqual(byKey);
  });

  it.each([
    ['kubectl events -w --types=Warning', '^C'],
    ['kubectl events -w -n kube-public', '^C'],
    ['kubectl events -w --for deploy/web --no-headers', /^3s {4}Normal {3}ScalingReplicaSet {3}Deployment\/web {3}Scaled up/],
    ['kubectl events -w -A --for deploy/web', /^NAMESPACE {3}LAST SEEN {3}TYPE {5}REASON {14}OBJECT {11}MESSAGE\ndefault {5}3s/],
    ['kubectl events -w --for deploy/web -o name', /^event\/web\.[0-9a-f]+\n\^C$/],
  ])('%s', (cmd, out) => {
    const c = setup();
    const r = run(c, cmd);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    if (typeof out === 'string') expect(r.out).toBe(out);
    else expect(r.out).toMatch(out);
  });

  it('-o yaml: one document per event, separated as the YAML printer does', () => {
    const c = setup();
    run(c, 'kubectl scale deploy web --replicas=2');
    const r = run(c, 'kubectl events -w --for deploy/web -o yaml');
    expect(r.out.split('---\n').length).toBe(2);
    expect(r.out).toMatch(/^apiVersion: v1\n/);
    expect(r.out).toContain('\nkind: Event\n');
  });

  it('errors before watching stay as they were', () => {
    const c = setup();
    expect(run(c, 'kubectl events -w --types=Info')).toEqual({ out: '', err: 'error: valid --types are Normal or Warning\n', code: 1 });
    expect(run(c, 'kubectl events -w --as=someone')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): events is forbidden: User "someone" cannot watch resource "events" in API group "" in the namespace "default"\n',
      code: 1,
    });
  });
});

describe('kubectl events --watch in a background job', () => {
  it('keeps printing the events that arrive, in the order they are written, until killed (exit 1)', () => {
    const c = setup();
    const start = run(c, 'kubectl events -w --for deploy/web &');
    expect(start.out).toMatch(/^LAST SEEN {3}TYPE {5}REASON {14}OBJECT {11}MESSAGE\n3s {10}Normal/);
    const scaled = run(c, 'kubectl scale deploy web --replicas=3');
    // aligned under the headings: the tabwriter remembers the widths of its earlier flushes
    expect(scaled.out).toMatch(/^deployment\.apps\/web scaled\n0s {10}Normal {3}ScalingReplicaSet {3}Deployment\/web {3}Scaled up replica set web-[a-z0-9]+ from 1 to 3\n$/);
    // events of other objects are not selected
    expect(run(c, 'kubectl run p --image=nginx').out).toBe('pod/p created\n');
    const killed = run(c, 'kill %1; sleep 1');
    expect(killed.out + killed.err).toContain('Exit 1');
    expect(run(c, 'kubectl scale deploy web --replicas=1').out).toBe('deployment.apps/web scaled\n');
  });

  it('SIGKILL is not caught', () => {
    const c = setup();
    run(c, 'kubectl events -w &');
    const killed = run(c, 'kill -9 %1; sleep 1');
    expect(killed.out + killed.err).toContain('Killed');
  });
});
