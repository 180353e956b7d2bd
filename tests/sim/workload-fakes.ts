/**
 * Test fakes for the workload controllers (DaemonSet, Job, CronJob,
 * StatefulSet): a cluster with only the modules under test, and helpers that
 * write pod statuses the way the kubelet does (Running/Ready, Succeeded with a
 * terminated container, Failed) and bind pods the way the scheduler does.
 */
import { Cluster } from '../../sim/cluster';
import type { SimModule } from '../../sim/sim';
import type { KObject, StoredObject } from '../../sim/api/types';
import { namespaceModule } from '../../sim/registry/namespace';
import { nodesModule } from '../../sim/kubelet/nodes-module';

export function cluster(modules: SimModule[], opts: { workers?: number } = {}): Cluster {
  return new Cluster({ workers: opts.workers }, [namespaceModule, nodesModule, ...modules]);
}

function fresh(c: Cluster, pod: KObject): StoredObject {
  const p = c.sim.store.get('Pod', pod.metadata.namespace ?? 'default', pod.metadata.name!);
  if (!p) throw new Error(`pod ${pod.metadata.name} not found`);
  return p;
}

function setStatus(c: Cluster, pod: KObject, status: any, nodeName?: string): void {
  const p = fresh(c, pod);
  if (nodeName && !p.spec.nodeName) c.sim.api.mutate('Pod', p.metadata.namespace!, p.metadata.name, (o) => (o.spec.nodeName = nodeName));
  const cur = fresh(c, pod);
  c.sim.api.updateStatus({ ...cur, status });
}

function containerNames(p: KObject): string[] {
  return (p.spec?.containers ?? []).map((x: any) => x.name);
}

/** Running with every container ready (what the kubelet reports once probes pass). */
export function runPod(c: Cluster, pod: KObject, opts: { ready?: boolean; node?: string; restartCount?: number } = {}): void {
  const p = fresh(c, pod);
  const ready = opts.ready ?? true;
  const now = c.sim.clock.iso();
  const st = ready ? 'True' : 'False';
  setStatus(
    c,
    p,
    {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'Ready', status: st, lastTransitionTime: now },
        { type: 'ContainersReady', status: st, lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ],
      containerStatuses: containerNames(p).map((name) => ({
        name,
        ready,
        restartCount: opts.restartCount ?? 0,
        started: true,
        state: { running: { startedAt: now } },
      })),
      startTime: now,
    },
    opts.node ?? p.spec.nodeName ?? 'k8s-node1',
  );
  c.settle();
}

/** The container exited: Succeeded (exit 0, reason Completed) or Failed (reason Error). */
export function finishPod(c: Cluster, pod: KObject, exitCode = 0): void {
  const p = fresh(c, pod);
  const now = c.sim.clock.iso();
  setStatus(
    c,
    p,
    {
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: now, reason: 'PodCompleted' },
        { type: 'Ready', status: 'False', lastTransitionTime: now, reason: 'PodCompleted' },
        { type: 'ContainersReady', status: 'False', lastTransitionTime: now, reason: 'PodCompleted' },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ],
      containerStatuses: containerNames(p).map((name) => ({
        name,
        ready: false,
        restartCount: 0,
        started: false,
        state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: now, finishedAt: now } },
      })),
    },
    p.spec.nodeName ?? 'k8s-node1',
  );
  c.settle();
}

/** Pods whose controller is the given owner, by name. */
export function podsOf(c: Cluster, owner: KObject): StoredObject[] {
  return c.sim.store
    .list('Pod', owner.metadata.namespace ?? 'default')
    .filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid));
}

/** `type reason message (source)` lines of the events about an object, oldest first. */
export function eventsOf(c: Cluster, obj: KObject): string[] {
  return c.sim.events.eventsFor(obj as StoredObject).map((e) => `${e.type} ${e.reason} ${e.message} (${e.source.component})`);
}

/** Bind unscheduled pods to the node their DaemonSet affinity names, or the first worker (the scheduler's job). */
export function schedulePending(c: Cluster): void {
  for (const p of c.sim.store.list('Pod')) {
    if (p.spec.nodeName || p.metadata.deletionTimestamp) continue;
    const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    const byField = terms.flatMap((t: any) => t.matchFields ?? []).find((f: any) => f.key === 'metadata.name');
    const node = byField ? byField.values[0] : 'k8s-node1';
    c.sim.api.mutate('Pod', p.metadata.namespace!, p.metadata.name, (o) => (o.spec.nodeName = node));
  }
  c.settle();
}

export function get(c: Cluster, kind: string, name: string, ns = 'default'): StoredObject {
  const o = c.sim.store.get(kind, ns, name);
  if (!o) throw new Error(`${kind} ${name} not found`);
  return o;
}
