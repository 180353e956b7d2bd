/**
 * kube-scheduler (K/K pkg/scheduler): a queue of unscheduled pods; for each,
 * PreFilter (volume claims), Filter plugins in the default order, Score
 * (LeastAllocated + BalancedAllocation + TaintToleration + NodeAffinity +
 * spreading of a controller's pods), then bind (spec.nodeName, PodScheduled),
 * or FitError → FailedScheduling event + PodScheduled=False/Unschedulable.
 *
 * Texts: reference §6 (v1.35: TaintToleration says `node(s) had untolerated
 * taint(s)`; DRA's PostFilter adds `no new claims to deallocate`).
 * Scale: per-node requested totals are kept incrementally from pod events;
 * like the real scheduler only a sample of nodes is filtered in big clusters
 * (percentageOfNodesToScore, at least 100 feasible nodes).
 */
import type { StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { parseQuantity } from '../api/quantity';
import { objKey } from '../store/store';
import { SELECTED_NODE_ANNOTATION, findMatchingVolume, nodeMatchesVolume } from '../controllers/persistentvolume';
import { controllerOf } from '../controllers/workload-util';

type C = Record<string, any>;

interface Usage {
  cpu: number; // milli
  mem: number; // bytes
  pods: number;
  ports: Map<string, number>;
  /** non-zero requests (for scoring) */
  nzCpu: number;
  nzMem: number;
}

/**
 * What the scheduler knows of a node (its NodeInfo): the object, the usage account() keeps, and what filter and
 * score read of the node for every pod, parsed once per node version.
 */
interface NodeInfo {
  name: string;
  node: StoredObject;
  usage: Usage;
  alloc: { cpu: number; mem: number; pods: number };
  unschedulable: boolean;
  taints: C[] | undefined;
}

interface Contribution {
  node: string;
  /** The pod's controller (uid), for spreading siblings across nodes. */
  owner?: string;
  cpu: number;
  mem: number;
  nzCpu: number;
  nzMem: number;
  ports: string[];
  /** the spec it was computed from (stored objects are immutable) */
  spec: C;
}

const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

function milli(q: unknown): number {
  if (q === undefined || q === null || q === '') return 0;
  try {
    return Number(parseQuantity(q as string).nanos / 1_000_000n);
  } catch {
    return 0;
  }
}

function bytes(q: unknown): number {
  if (q === undefined || q === null || q === '') return 0;
  try {
    return Number(parseQuantity(q as string).nanos / 1_000_000_000n);
  } catch {
    return 0;
  }
}

/** Pod requests: sum of containers, max with each init container (+ overhead). */
export function podRequests(spec: C): { cpu: number; mem: number; nzCpu: number; nzMem: number } {
  // indexed loops and no `?? {}` stand-ins: this runs for every pod scheduled and every pod bound
  let cpu = 0;
  let mem = 0;
  let nzCpu = 0;
  let nzMem = 0;
  const containers: C[] | undefined = spec.containers;
  if (containers) {
    for (let i = 0; i < containers.length; i++) {
      const r = containers[i].resources?.requests;
      const rc = r?.cpu;
      const rm = r?.memory;
      const cc = milli(rc);
      const mm = bytes(rm);
      cpu += cc;
      mem += mm;
      nzCpu += rc !== undefined ? cc : DEFAULT_MILLI_CPU;
      nzMem += rm !== undefined ? mm : DEFAULT_MEMORY;
    }
  }
  const inits: C[] | undefined = spec.initContainers;
  if (inits) {
    for (let i = 0; i < inits.length; i++) {
      const r = inits[i].resources?.requests;
      cpu = Math.max(cpu, milli(r?.cpu));
      mem = Math.max(mem, bytes(r?.memory));
    }
  }
  const o = spec.overhead;
  cpu += milli(o?.cpu);
  mem += bytes(o?.memory);
  return { cpu, mem, nzCpu, nzMem };
}

/** hostPorts' answer for a pod without host ports (shared: callers only read it) */
const NO_PORTS: string[] = [];

function hostPorts(spec: C): string[] {
  let out: string[] | undefined;
  const containers: C[] | undefined = spec.containers;
  if (containers) {
    for (let i = 0; i < containers.length; i++) {
      const ports: C[] | undefined = containers[i].ports;
      if (ports) for (const p of ports) if (p.hostPort) (out ??= []).push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${p.hostPort}`);
    }
  }
  return out ?? NO_PORTS;
}

function tolerates(tols: C[], taint: C): boolean {
  // a plain loop: this runs for every node and every pod, and a closure per call is garbage
  for (const t of tols) {
    if (t.effect && t.effect !== taint.effect) continue;
    if (!t.key) {
      if (t.operator === 'Exists') return true;
      continue;
    }
    if (t.key !== taint.key) continue;
    if (t.operator === 'Exists') return true;
    if ((t.value ?? '') === (taint.value ?? '')) return true;
  }
  return false;
}

function matchExpr(labels: Record<string, string>, e: C, fields: Record<string, string>, isField: boolean): boolean {
  const src = isField ? fields : labels;
  const has = Object.prototype.hasOwnProperty.call(src, e.key);
  const v = src[e.key];
  switch (e.operator) {
    case 'In':
      return has && (e.values ?? []).includes(v);
    case 'NotIn':
      return !has || !(e.values ?? []).includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(v) > Number(e.values?.[0]);
    case 'Lt':
      return has && Number(v) < Number(e.values?.[0]);
  }
  return false;
}

export function termMatches(term: C, node: StoredObject): boolean {
  const labels = node.metadata.labels ?? {};
  const fields = { 'metadata.name': node.metadata.name };
  const me = term.matchExpressions ?? [];
  const mf = term.matchFields ?? [];
  if (!me.length && !mf.length) return false;
  return me.every((e: C) => matchExpr(labels, e, fields, false)) && mf.every((e: C) => matchExpr(labels, e, fields, true));
}

/** nodeSelector + required node affinity (NodeAffinity filter). */
export function nodeAffinityMatches(spec: C, node: StoredObject): boolean {
  const sel = spec.nodeSelector as Record<string, string> | undefined;
  if (sel) {
    const labels = node.metadata.labels;
    for (const k in sel) if (labels?.[k] !== sel[k]) return false;
  }
  const req = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const terms: C[] = req.nodeSelectorTerms ?? [];
    if (!terms.some((t) => termMatches(t, node))) return false;
  }
  return true;
}

const R = {
  unschedulable: 'node(s) were unschedulable',
  nodeName: "node(s) didn't match the requested node name",
  taint: 'node(s) had untolerated taint(s)',
  affinity: "node(s) didn't match Pod's node affinity/selector",
  ports: "node(s) didn't have free ports for the requested pod ports",
  cpu: 'Insufficient cpu',
  memory: 'Insufficient memory',
  pods: 'Too many pods',
  volumeAffinity: 'node(s) had volume node affinity conflict',
  noPV: "node(s) didn't find available persistent volumes to bind",
  absent: "node(s) didn't satisfy plugin(s) [NodeAffinity]",
};

/**
 * nodeaffinity.go PreFilter: the node names a pod's required node affinity allows when every term has a
 * `metadata.name In` field requirement (a term's requirements intersected, the terms united), else undefined
 * (every node is a candidate). Names in the order the terms list them (a set in Go; one name in practice).
 */
function preFilterNodeNames(spec: C): string[] | undefined {
  const terms: C[] | undefined = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms?.length) return undefined;
  const out = new Set<string>();
  for (const t of terms) {
    let names: Set<string> | undefined;
    for (const r of (t.matchFields ?? []) as C[]) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set<string>(r.values ?? []);
      names = names ? new Set([...names].filter((x) => s.has(x))) : s;
    }
    if (!names) return undefined;
    for (const x of names) out.add(x);
  }
  // every term names nodes but none in common: no candidate at all (Go returns errReasonConflict; rare)
  return [...out];
}


/** filter's answer for a node that fits (shared: callers only read it) */
const FITS: string[] = [];
/** sync()'s claims for a pod without PersistentVolumeClaims (shared, never added to) */
const NO_CLAIMS: StoredObject[] = [];
const NO_TOLERATIONS: C[] = [];
/** what the NodeUnschedulable filter checks a pod's tolerations against */
const UNSCHEDULABLE_TAINT: C = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** Reasons that preemption cannot help with (UnschedulableAndUnresolvable). */
const UNRESOLVABLE = new Set([R.unschedulable, R.nodeName, R.taint, R.affinity, R.volumeAffinity, R.noPV, R.absent]);

export class Scheduler {
  /** nodes by name, in the order they were first seen (a node's update keeps its place) */
  private infos = new Map<string, NodeInfo>();
  private infoList: NodeInfo[] = [];
  private infoListStale = false;
  private usage = new Map<string, Usage>();
  private contrib = new Map<string, Contribution>();
  /** controller uid → node → number of its bound pods there (for spreading). */
  private siblings = new Map<string, Map<string, number>>();
  private unschedulable = new Set<string>();
  private nextStart = 0;
  private worker;

  constructor(private sim: Sim) {
    this.worker = sim.runtime.register('scheduler', (key) => this.sync(key));
    sim.store.watch('Node', (ev) => {
      const name = ev.object.metadata.name;
      if (ev.type === 'DELETED') {
        this.infos.delete(name);
        this.infoListStale = true;
        return;
      }
      const ni = this.infos.get(name);
      if (ni) this.setNode(ni, ev.object);
      else {
        this.infos.set(name, this.newInfo(ev.object));
        this.infoListStale = true;
      }
      this.retryUnschedulable();
    });
    sim.store.watch('Pod', (ev) => {
      const key = objKey(ev.object);
      this.account(key, ev.type === 'DELETED' ? undefined : ev.object);
      if (ev.type !== 'DELETED' && this.wantsScheduling(ev.object)) this.worker.enqueue(key);
      if (ev.type === 'DELETED') {
        this.unschedulable.delete(key);
        this.retryUnschedulable();
      }
    });
    for (const kind of ['PersistentVolume', 'PersistentVolumeClaim', 'StorageClass']) {
      sim.store.watch(kind, (ev) => {
        if (ev.type !== 'DELETED') this.retryUnschedulable();
      });
    }
  }

  private wantsScheduling(p: StoredObject): boolean {
    const s = p.spec as C | undefined;
    // the SchedulingGates PreEnqueue plugin keeps a gated pod out of the active queue until its gates are removed
    return !!s && !s.nodeName && (s.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !p.metadata.deletionTimestamp && !s.schedulingGates?.length;
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable) this.worker.enqueueAfter(key, 1000);
  }

  /** Keep per-node totals of bound, non-terminated pods. */
  private account(key: string, pod: StoredObject | undefined): void {
    const old = this.contrib.get(key);
    if (old && pod && old.spec === pod.spec && !old.ports.length) {
      // a write that kept the spec (status, metadata): same node, requests and ports; only the phase
      // and the controller can change what the pod counts for
      const phase = (pod.status as C | undefined)?.phase;
      const owner = controllerOf(pod)?.uid;
      const u = this.usage.get(old.node);
      if (phase !== 'Succeeded' && phase !== 'Failed' && owner === old.owner && u) {
        // the same arithmetic as taking the contribution out and putting it back
        u.cpu -= old.cpu;
        u.mem -= old.mem;
        u.nzCpu -= old.nzCpu;
        u.nzMem -= old.nzMem;
        u.pods--;
        u.cpu += old.cpu;
        u.mem += old.mem;
        u.nzCpu += old.nzCpu;
        u.nzMem += old.nzMem;
        u.pods++;
        return;
      }
    }
    if (old) {
      const u = this.usage.get(old.node);
      if (u) {
        u.cpu -= old.cpu;
        u.mem -= old.mem;
        u.nzCpu -= old.nzCpu;
        u.nzMem -= old.nzMem;
        u.pods--;
        for (const p of old.ports) {
          const n = (u.ports.get(p) ?? 1) - 1;
          if (n <= 0) u.ports.delete(p);
          else u.ports.set(p, n);
        }
      }
      if (old.owner) {
        const m = this.siblings.get(old.owner);
        const n = (m?.get(old.node) ?? 1) - 1;
        if (m && n <= 0) m.delete(old.node);
        else m?.set(old.node, n);
      }
      this.contrib.delete(key);
    }
    if (!pod) return;
    const spec = pod.spec as C;
    const phase = (pod.status as C | undefined)?.phase;
    if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return;
    const r = podRequests(spec);
    const owner = controllerOf(pod)?.uid;
    const c: Contribution = { node: spec.nodeName, owner, cpu: r.cpu, mem: r.mem, nzCpu: r.nzCpu, nzMem: r.nzMem, ports: hostPorts(spec), spec };
    if (owner) {
      let m = this.siblings.get(owner);
      if (!m) this.siblings.set(owner, (m = new Map()));
      m.set(c.node, (m.get(c.node) ?? 0) + 1);
    }
    const u = this.usageOf(c.node);
    u.cpu += c.cpu;
    u.mem += c.mem;
    u.nzCpu += c.nzCpu;
    u.nzMem += c.nzMem;
    u.pods++;
    for (const p of c.ports) u.ports.set(p, (u.ports.get(p) ?? 0) + 1);
    this.contrib.set(key, c);
  }

  private newInfo(node: StoredObject): NodeInfo {
    const ni = { name: node.metadata.name, usage: this.usageOf(node.metadata.name) } as NodeInfo;
    this.setNode(ni, node);
    return ni;
  }

  /** A node's new version: allocatable cpu (milli), memory (bytes) and pods parsed, spec fields read. */
  private setNode(ni: NodeInfo, node: StoredObject): void {
    ni.node = node;
    const alloc = ((node.status as C | undefined)?.allocatable ?? {}) as C;
    ni.alloc = { cpu: milli(alloc.cpu), mem: bytes(alloc.memory), pods: Number(alloc.pods ?? 110) };
    const nspec = (node.spec ?? {}) as C;
    ni.unschedulable = !!nspec.unschedulable;
    ni.taints = nspec.taints;
  }

  /** The nodes in order (rebuilt only when a node comes or goes). */
  private nodeList(): NodeInfo[] {
    if (this.infoListStale) {
      this.infoList = [...this.infos.values()];
      this.infoListStale = false;
    }
    return this.infoList;
  }

  /** score()'s per-node figures */
  private scratch = new Float64Array(0);
  /**
   * sync()'s feasible nodes: the first `nFeasible` entries (never truncated: `length = 0` gave the array's
   * storage back, and pushing 100 nodes grew it anew for every pod)
   */
  private feasibleScratch: NodeInfo[] = [];
  private reasonsScratch = new Map<string, number>();
  /** score()'s nodes with the best score so far */
  private bestScratch: NodeInfo[] = [];

  private usageOf(node: string): Usage {
    let u = this.usage.get(node);
    if (!u) this.usage.set(node, (u = { cpu: 0, mem: 0, pods: 0, ports: new Map(), nzCpu: 0, nzMem: 0 }));
    return u;
  }

  restore(): void {
    this.infos.clear();
    this.usage.clear();
    this.contrib.clear();
    this.siblings.clear();
    for (const n of this.sim.store.list('Node')) this.infos.set(n.metadata.name, this.newInfo(n));
    this.infoListStale = true;
    for (const p of this.sim.store.list('Pod')) {
      this.account(objKey(p), p);
      if (this.wantsScheduling(p)) this.worker.enqueue(objKey(p));
    }
  }

  private sync(key: string): void {
    const slash = key.indexOf('/');
    const ns = slash < 0 ? '' : key.slice(0, slash);
    const name = key.slice(slash + 1);
    const pod = this.sim.store.get('Pod', ns, name);
    if (!pod || !this.wantsScheduling(pod)) {
      this.unschedulable.delete(key);
      return;
    }
    const spec = pod.spec as C;
    const all = this.nodeList();
    const total = all.length;

    // PreFilter: volume claims (a list only for a pod that has some)
    let claims = NO_CLAIMS;
    const volumes: C[] | undefined = spec.volumes;
    if (volumes) {
      for (let i = 0; i < volumes.length; i++) {
        const cn = volumes[i].persistentVolumeClaim?.claimName;
        if (!cn) continue;
        const pvc = this.sim.store.get('PersistentVolumeClaim', ns, cn);
        if (!pvc) return this.fail(pod, key, `0/${total} nodes are available: persistentvolumeclaim "${cn}" not found.`, total, true);
        if (claims === NO_CLAIMS) claims = [];
        claims.push(pvc);
      }
    }
    const unboundImmediate = claims.length > 0 && claims.some((c) => {
      if ((c.status as C | undefined)?.phase === 'Bound' || (c.spec as C)?.volumeName) return false;
      const cls = (c.spec as C)?.storageClassName;
      const sc = cls ? this.sim.store.get('StorageClass', '', cls) : undefined;
      return (sc?.volumeBindingMode ?? 'Immediate') !== 'WaitForFirstConsumer';
    });
    if (unboundImmediate) return this.fail(pod, key, `0/${total} nodes are available: pod has unbound immediate PersistentVolumeClaims.`, total, true);

    const req = podRequests(spec);
    const ports = hostPorts(spec);
    const tols: C[] = spec.tolerations ?? NO_TOLERATIONS;
    // reason → number of nodes (one map for every pod: cleared here, read only below)
    const reasons = this.reasonsScratch;
    reasons.clear();
    let unresolvable = 0;
    // one scratch list for every pod (score() only reads it; nothing keeps it)
    const feasible = this.feasibleScratch;
    let nFeasible = 0;
    // NodeAffinity PreFilter: required terms that all name nodes (matchFields metadata.name In, as the
    // DaemonSet controller writes) narrow the candidates; the other nodes are "didn't satisfy plugin(s)
    // [NodeAffinity]" without being filtered (schedule_one.go findNodesThatFitPod, SetAbsentNodesStatus)
    const named = preFilterNodeNames(spec);
    let candidates = all;
    if (named) {
      candidates = [];
      for (const n of named) {
        const ni = this.infos.get(n);
        if (ni) candidates.push(ni);
      }
      if (total > candidates.length) {
        reasons.set(R.absent, total - candidates.length);
        unresolvable += total - candidates.length;
      }
    }
    // read once per pod, not once per node: a property the pod spec lacks, read at a call site that sees many
    // shapes, costs a new IC handler per read
    const podNode = spec.nodeName as string | undefined;
    const affinity = !!spec.nodeSelector || !!spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const n = candidates.length;
    const want = n < 100 ? n : Math.max(100, Math.floor((n * Math.max(5, 50 - Math.floor(n / 125))) / 100));
    let checked = 0;
    for (let i = 0; i < n && nFeasible < want; i++) {
      const ni = candidates[(this.nextStart + i) % n];
      checked++;
      const why = this.filter(podNode, ni, req, ports, tols, claims, affinity, spec);
      if (!why.length) feasible[nFeasible++] = ni;
      else {
        let unres = false;
        for (let j = 0; j < why.length; j++) {
          const r = why[j];
          reasons.set(r, (reasons.get(r) ?? 0) + 1);
          if (UNRESOLVABLE.has(r)) unres = true;
        }
        if (unres) unresolvable++;
      }
    }
    this.nextStart = (this.nextStart + checked) % Math.max(1, total);
    if (!nFeasible) {
      const hist = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
      const resolvable = total - unresolvable;
      const pre: string[] = [];
      if (unresolvable) pre.push(`${unresolvable} Preemption is not helpful for scheduling`);
      if (resolvable) pre.push(`${resolvable} No preemption victims found for incoming pod`);
      // default_preemption.go PodEligibleToPreemptOthers: preemptionPolicy Never skips the victim search
      const preemption = spec.preemptionPolicy === 'Never' ? 'not eligible due to preemptionPolicy=Never.' : `0/${total} nodes are available: ${pre.sort().join(', ')}.`;
      const msg = `0/${total} nodes are available: ${hist.join(', ')}. no new claims to deallocate, preemption: ${preemption}`;
      return this.fail(pod, key, msg, total, false);
    }
    const best = this.score(pod, spec, feasible, nFeasible, req);
    this.bind(pod, key, best.node, claims);
  }

  private filter(podNode: string | undefined, ni: NodeInfo, req: { cpu: number; mem: number }, ports: string[], tols: C[], claims: StoredObject[], affinity: boolean, spec: C): string[] {
    const node = ni.node;
    if (ni.unschedulable && !tolerates(tols, UNSCHEDULABLE_TAINT)) return [R.unschedulable];
    if (podNode && podNode !== ni.name) return [R.nodeName];
    const taints = ni.taints;
    if (taints) {
      for (let i = 0; i < taints.length; i++) {
        const t = taints[i];
        if (t.effect === 'PreferNoSchedule') continue;
        if (!tolerates(tols, t)) return [R.taint];
      }
    }
    if (affinity && !nodeAffinityMatches(spec, node)) return [R.affinity];
    const u = ni.usage;
    // indexed loops: this runs for every node and pod, and an array iterator per loop is garbage until optimized
    for (let i = 0; i < ports.length; i++) if (u.ports.has(ports[i])) return [R.ports];
    const a = ni.alloc;
    let out: string[] | undefined;
    if (u.pods + 1 > a.pods) (out ??= []).push(R.pods);
    if (req.cpu > 0 && u.cpu + req.cpu > a.cpu) (out ??= []).push(R.cpu);
    if (req.mem > 0 && u.mem + req.mem > a.mem) (out ??= []).push(R.memory);
    if (out) return out;
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i];
      const volName = (c.spec as C)?.volumeName;
      if (volName) {
        const pv = this.sim.store.get('PersistentVolume', '', volName);
        if (pv && !nodeMatchesVolume(pv, node)) return [R.volumeAffinity];
      } else {
        // WaitForFirstConsumer: a matching PV usable from this node, or a provisioner
        const cls = (c.spec as C)?.storageClassName;
        const sc = cls ? this.sim.store.get('StorageClass', '', cls) : undefined;
        const pv = findMatchingVolume(this.sim, c, node);
        if (!pv && (!sc || sc.provisioner === 'kubernetes.io/no-provisioner')) return [R.noPV];
      }
    }
    return FITS;
  }

  /** The best of the first `n` nodes. */
  private score(pod: StoredObject, spec: C, nodes: NodeInfo[], n: number, req: { nzCpu: number; nzMem: number }): NodeInfo {
    const owner = controllerOf(pod)?.uid;
    // bound pods of the same controller per node (kept incrementally in account())
    const siblings = owner ? this.siblings.get(owner) : undefined;
    const prefs: C[] | undefined = spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    const tols: C[] = spec.tolerations ?? NO_TOLERATIONS;
    // per node: affinity weight, untolerated PreferNoSchedule taints, siblings (scratch arrays, no objects per node)
    if (this.scratch.length < n * 3) this.scratch = new Float64Array(Math.max(n * 3, this.scratch.length * 2));
    const sc = this.scratch;
    let maxAff = 0;
    let maxPrefer = 0;
    let maxSib = 0;
    for (let i = 0; i < n; i++) {
      const ni = nodes[i];
      let aff = 0;
      if (prefs) for (const p of prefs) if (p.preference && termMatches(p.preference, ni.node)) aff += p.weight ?? 0;
      let preferNo = 0;
      const taints = ni.taints;
      if (taints) {
        for (let j = 0; j < taints.length; j++) {
          const t = taints[j];
          if (t.effect === 'PreferNoSchedule' && !tolerates(tols, t)) preferNo++;
        }
      }
      sc[i * 3] = aff;
      sc[i * 3 + 1] = preferNo;
      const sib = (siblings && siblings.get(ni.name)) || 0;
      sc[i * 3 + 2] = sib;
      if (sib > maxSib) maxSib = sib;
      if (aff > maxAff) maxAff = aff;
      if (preferNo > maxPrefer) maxPrefer = preferNo;
    }
    // the nodes with the best score so far, in a scratch list (nothing keeps it)
    const best = this.bestScratch;
    let nBest = 0;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) {
      const ni = nodes[i];
      const u = ni.usage;
      const a = ni.alloc;
      const cpuA = a.cpu || 1;
      const memA = a.mem || 1;
      const cpuF = Math.min(1, (u.nzCpu + req.nzCpu) / cpuA);
      const memF = Math.min(1, (u.nzMem + req.nzMem) / memA);
      const least = ((1 - cpuF) * 100 + (1 - memF) * 100) / 2;
      const balanced = (1 - Math.abs(cpuF - memF) / 2) * 100;
      const aff = sc[i * 3];
      const preferNo = sc[i * 3 + 1];
      const sib = sc[i * 3 + 2];
      const s =
        Math.floor(least) +
        Math.floor(balanced) +
        3 * (maxPrefer ? Math.floor(100 - (preferNo * 100) / maxPrefer) : 100) +
        2 * (maxAff ? Math.floor((aff * 100) / maxAff) : 0) +
        2 * (maxSib ? Math.floor(100 - (sib * 100) / (maxSib + 1)) : 100);
      if (s > bestScore) {
        bestScore = s;
        best[0] = ni;
        nBest = 1;
      } else if (s === bestScore) best[nBest++] = ni;
    }
    return nBest === 1 ? best[0] : best[this.sim.rand.int(nBest)];
  }

  private bind(pod: StoredObject, key: string, node: StoredObject, claims: StoredObject[]): void {
    const sim = this.sim;
    this.unschedulable.delete(key);
    for (const c of claims) {
      if ((c.spec as C)?.volumeName || c.metadata.annotations?.[SELECTED_NODE_ANNOTATION]) continue;
      sim.api.mutate('PersistentVolumeClaim', c.metadata.namespace!, c.metadata.name, (o) => {
        o.metadata!.annotations = { ...(o.metadata!.annotations ?? {}), [SELECTED_NODE_ANNOTATION]: node.metadata.name };
      });
      (sim.services.storageProvision as ((k: string) => void) | undefined)?.(objKey(c));
    }
    let bound: StoredObject | undefined;
    try {
      bound = sim.api.bind(pod.metadata.namespace!, pod.metadata.name, node.metadata.name);
    } catch {
      return; // deleted or bound meanwhile
    }
    if (bound) {
      sim.events.event(bound, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.metadata.name}`, { component: 'default-scheduler' });
    }
  }

  private fail(pod: StoredObject, key: string, msg: string, total: number, _pre: boolean): void {
    void total;
    const sim = this.sim;
    this.unschedulable.add(key);
    const now = sim.clock.iso();
    sim.api.mutate('Pod', pod.metadata.namespace!, pod.metadata.name, (o) => {
      const st = (o.status ??= {}) as C;
      const prev = (st.conditions ?? []).find((c: C) => c.type === 'PodScheduled');
      const conds: C[] = (st.conditions ?? []).filter((c: C) => c.type !== 'PodScheduled');
      // observedGeneration: the pod's generation (schedule_one.go handleSchedulingFailure,
      // podutil.CalculatePodConditionObservedGeneration with PodObservedGenerationTracking on since v1.34)
      const gen = o.metadata.generation;
      const at = prev?.status === 'False' ? prev.lastTransitionTime : now;
      conds.push(
        gen !== undefined
          ? { lastProbeTime: null, lastTransitionTime: at, message: msg, observedGeneration: gen, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }
          : { lastProbeTime: null, lastTransitionTime: at, message: msg, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' },
      );
      st.conditions = conds;
    });
    const cur = sim.store.get('Pod', pod.metadata.namespace!, pod.metadata.name);
    if (cur) sim.events.event(cur, 'Warning', 'FailedScheduling', msg, { component: 'default-scheduler' });
    // podMaxInUnschedulablePodsDuration: retried every 5 minutes even without cluster events
    this.worker.enqueueAfter(key, 5 * 60 * 1000, { settle: false });
  }
}

export const schedulerModule: SimModule = {
  name: 'scheduler',
  install(sim) {
    sim.services.scheduler = new Scheduler(sim);
  },
  restore(sim) {
    (sim.services.scheduler as Scheduler).restore();
  },
};
