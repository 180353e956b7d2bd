import { clone } from '../api/clone';
import type { KObject, OwnerReference, StoredObject } from '../api/types';
import type { Sim } from '../sim';
import { StatusError } from '../registry/errors';
import { isDNS1123Subdomain } from '../validation/names';
import { newControllerRef } from '../registry/controllerrevision';
export { newControllerRef, computeHash, fnv32a, safeEncodeString, stableJSON } from '../registry/controllerrevision';

/**
 * Helpers shared by the DaemonSet, Job, CronJob and StatefulSet controllers
 * (after K/K pkg/controller/controller_utils.go and pkg/api/v1/pod/util.go).
 */

/** Index name on Pods (and Jobs): uid of the controlling ownerReference. */
export const CONTROLLER_UID_INDEX = 'workloads.controllerUid';

/** metav1.GetControllerOf (a plain loop: the scheduler calls it for every pod write). */
export function controllerOf(o: KObject): OwnerReference | undefined {
  const refs = o.metadata.ownerReferences;
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i].controller) return refs[i];
  return undefined;
}

/** An index function's answer for an object without values (shared: the store only reads it). */
export const NO_INDEX_VALUES: string[] = [];

/** Register the pods-by-controller-uid index once per store (idempotent per kind). */
export function ensureControllerIndex(sim: Sim, kind: string): void {
  const flag = `__ctrlIndex_${kind}`;
  const s = sim.store as any;
  if (s[flag]) return;
  s[flag] = true;
  sim.store.addIndex(kind, CONTROLLER_UID_INDEX, (o) => {
    const r = controllerOf(o);
    return r ? [r.uid] : NO_INDEX_VALUES;
  }, 'ownerReferences');
}

export function ownedBy(sim: Sim, kind: string, uid: string): StoredObject[] {
  return sim.store.byIndex(kind, CONTROLLER_UID_INDEX, uid);
}

/** controller_utils.go getPodsPrefix: `<name>-`, or `<name>` when that is not a valid name prefix. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return isDNS1123Subdomain(prefix + 'x').length ? controllerName : prefix;
}

/** controller_utils.go GetPodFromTemplate: labels, annotations, finalizers and spec of the template. */
export function podFromTemplate(template: any, owner: KObject, generateName: string): KObject {
  const meta = template?.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: owner.metadata.namespace,
      labels: clone(meta.labels ?? {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: clone(template?.spec ?? {}),
  };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = clone(meta.annotations);
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  if (!Object.keys(pod.metadata.labels!).length) delete pod.metadata.labels;
  return pod;
}

/** Message of an API error as the controller's FailedCreate events show it. */
export function errorMessage(e: unknown): string {
  if (e instanceof StatusError) return e.status.message;
  return e instanceof Error ? e.message : String(e);
}

export function podPhase(p: KObject): string {
  return p.status?.phase ?? 'Pending';
}

/** IsPodActive: not Succeeded/Failed and not being deleted. */
export function isPodActive(p: KObject): boolean {
  const ph = podPhase(p);
  return ph !== 'Succeeded' && ph !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function isPodTerminal(p: KObject): boolean {
  const ph = podPhase(p);
  return ph === 'Succeeded' || ph === 'Failed';
}

export function podReadyCondition(p: KObject): any {
  // a plain loop: controllers ask this of every pod at every write, and a closure per call is garbage
  const conds: any[] | undefined = p.status?.conditions;
  if (conds) for (let i = 0; i < conds.length; i++) if (conds[i].type === 'Ready') return conds[i];
  return undefined;
}

export function isPodReady(p: KObject): boolean {
  return podReadyCondition(p)?.status === 'True';
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(p: KObject, minReadySeconds: number, now: number): boolean {
  const c = podReadyCondition(p);
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return !isNaN(t) && t + minReadySeconds * 1000 <= now;
}

/** ms until a ready pod becomes available (0 when already available or not ready). */
export function msUntilAvailable(p: KObject, minReadySeconds: number, now: number): number {
  const c = podReadyCondition(p);
  if (c?.status !== 'True' || !minReadySeconds) return 0;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return isNaN(t) ? 0 : Math.max(0, t + minReadySeconds * 1000 - now);
}

function restarts(p: KObject): number {
  let m = 0;
  for (const s of p.status?.containerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0);
  return m;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePods Less (first = deleted first): unassigned < assigned,
 * Pending < Unknown < Running, not ready < ready, ready for less time first,
 * more restarts first, newer first.
 */
export function activePodsLess(a: KObject, b: KObject): number {
  const an = a.spec?.nodeName ? 1 : 0;
  const bn = b.spec?.nodeName ? 1 : 0;
  if (an !== bn) return an - bn;
  const ap = PHASE_RANK[podPhase(a)] ?? 0;
  const bp = PHASE_RANK[podPhase(b)] ?? 0;
  if (ap !== bp) return ap - bp;
  const ar = isPodReady(a) ? 1 : 0;
  const br = isPodReady(b) ? 1 : 0;
  if (ar !== br) return ar - br;
  if (ar && br) {
    const at = Date.parse(podReadyCondition(a)?.lastTransitionTime ?? '') || 0;
    const bt = Date.parse(podReadyCondition(b)?.lastTransitionTime ?? '') || 0;
    if (at !== bt) return bt - at; // more recently ready first
  }
  const rr = restarts(b) - restarts(a);
  if (rr) return rr;
  const ac = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const bc = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ac !== bc) return bc - ac;
  return a.metadata.name! < b.metadata.name! ? 1 : -1;
}

export function condition(type: string, status: string, reason: string, message: string, now: string, probe = false): any {
  const c: any = { type, status };
  if (probe) c.lastProbeTime = now;
  c.lastTransitionTime = now;
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

// ------------------------------------------------------------ node matching
// (component-helpers scheduling/corev1/nodeaffinity, K/K pkg/apis/core/v1/helper ToleratesTaint)

function matchRequirement(r: any, value: string | undefined, has: boolean): boolean {
  const vals: string[] = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && vals.includes(value!);
    case 'NotIn':
      return !has || !vals.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value!) || vals.length !== 1) return false;
      const a = Number(value);
      const b = Number(vals[0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** One NodeSelectorTerm: every matchExpressions (labels) and matchFields (metadata.name) requirement holds. */
export function nodeMatchesTerm(node: KObject, term: any): boolean {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!matchRequirement(r, labels[r.key], Object.prototype.hasOwnProperty.call(labels, r.key))) return false;
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false;
    if (!matchRequirement(r, node.metadata.name, true)) return false;
  }
  return true;
}

/** GetRequiredNodeAffinity(pod).Match(node): nodeSelector and required node affinity terms (ORed). */
export function podFitsNodeAffinity(spec: any, node: KObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms) return terms.some((t: any) => nodeMatchesTerm(node, t));
  return true;
}

/** Toleration.ToleratesTaint */
export function toleratesTaint(t: any, taint: any): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '') && !!t.key;
}

/** FindMatchingUntoleratedTaint over taints passing `filter`. */
export function untoleratedTaint(taints: any[], tolerations: any[], filter: (t: any) => boolean): any {
  for (const taint of taints ?? []) {
    if (!filter(taint)) continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}
