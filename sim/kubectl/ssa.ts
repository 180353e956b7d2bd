/**
 * kubectl apply --server-side (kubectl pkg/cmd/apply/apply.go applyOneObject with ServerSideApply; the API
 * server's apply in apimachinery pkg/util/managedfields): the configuration is merged into the live object (or
 * creates it); fields the same manager applied before and left out now are removed; a field another applier
 * owns with a different value than the configuration's is a conflict (managedfields internal/conflict.go texts)
 * unless --force-conflicts, which takes it over. kubectl prints `serverside-applied` whatever changed.
 * The last-applied-configuration annotation is never added; when the object has one, an apply by the field
 * manager "kubectl" rewrites it with the applied configuration (internal/lastappliedupdater.go), and that
 * annotation stands for what client-side apply applied before (kubectl migrates client-side apply's fields to
 * its server-side manager: csaupgrade).
 * Plain writes by kubectl's verbs make their field manager (the verb's --field-manager default: kubectl-create,
 * kubectl-run, kubectl-set …, else "kubectl" from the user agent; `scale` through the scale subresource) the
 * owner of the fields they set or changed, taking them from the others (recordUpdates).
 * Simplifications: the controllers' writes own nothing (see registry/fieldmanager.ts), and list items are keyed
 * by the strategic merge key alone (SSA keys container ports by containerPort and protocol).
 */
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { deepEqual } from '../registry/apiserver';
import { newForbidden, newInvalid, StatusError } from '../registry/errors';
import { required } from '../validation/field';
import { applyRecords, type ApplyRecords, type FieldRecord } from '../registry/fieldmanager';
import { apiVersionOf, groupResource, resourceForKind } from '../api/resources';
import type { KubectlContext } from './types';
import { goMarshal, mergeKeyOf, threeWayMerge } from './merge';
import { formatFloat, goQuote } from './printers/gofmt';
import { fieldValidationOf, type Info } from './util';
import { LAST_APPLIED, withNamespace } from './apply';

type J = unknown;
type Obj = Record<string, J>;
type Seg = string | { key: string; value: J };

/** ObjectMeta fields no manager owns (identity and what the server sets) */
const SYSTEM_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']);

const isObj = (v: J): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** fieldpath.Path.String(): `.spec.replicas`, `.spec.containers[name="web"].image`. */
function pathString(segs: Seg[]): string {
  return segs.map((s) => (typeof s === 'string' ? `.${s}` : `[${s.key}=${valueString(s.value)}]`)).join('');
}

/**
 * structured-merge-diff value.ToString, which PathElement.String() prints a key's value with: a string with %q (Go
 * quoting, not JSON's), an int or bool with %v, a float with %v (strconv 'g', shortest), a list as [a,b].
 */
function valueString(v: J): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat(v, 'g', -1);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(valueString).join(',') + ']';
  return '{' + Object.keys(v).sort().map((k) => `${k}=${valueString((v as Obj)[k])}`).join(';') + '}';
}

/** The leaf fields a configuration sets (identity fields and the last-applied annotation excluded). */
function leaves(config: J): Map<string, Seg[]> {
  const out = new Map<string, Seg[]>();
  const walk = (v: J, segs: Seg[], field: string) => {
    if (isObj(v)) {
      const keys = Object.keys(v);
      if (!keys.length && segs.length) out.set(pathString(segs), segs);
      for (const k of keys) {
        if (segs.length === 0 && (k === 'apiVersion' || k === 'kind')) continue;
        if (segs.length === 0 && k === 'status') continue;
        if (segs.length === 1 && segs[0] === 'metadata' && SYSTEM_META.has(k)) continue;
        if (segs.length === 2 && segs[1] === 'annotations' && k === LAST_APPLIED) continue;
        walk(v[k], [...segs, k], k);
      }
      return;
    }
    if (Array.isArray(v)) {
      const key = mergeKeyOf(field, v);
      if (key && v.length && v.every((x) => isObj(x) && x[key] !== undefined)) {
        for (const item of v as Obj[]) walk(item, [...segs, { key, value: item[key] }], '');
        return;
      }
    }
    out.set(pathString(segs), segs);
  };
  walk(config, [], '');
  return out;
}

/** One step down a path: a field of an object, or the item of a list with the key's value. */
function step(cur: J, s: Seg): J {
  if (typeof s === 'string') return isObj(cur) ? cur[s] : undefined;
  return Array.isArray(cur) ? cur.find((x) => isObj(x) && deepEqual(x[s.key], s.value)) : undefined;
}

function valueAt(o: J, segs: Seg[]): J {
  let cur = o;
  for (let i = 0; i < segs.length && cur !== undefined; i++) cur = step(cur, segs[i]);
  return cur;
}

/** Remove one leaf from a configuration (a manager that lost the field no longer applies it). */
function deleteAt(o: J, segs: Seg[]): void {
  const cur = valueAt(o, segs.slice(0, -1));
  const last = segs[segs.length - 1];
  if (typeof last === 'string') {
    if (isObj(cur)) delete cur[last];
  } else if (Array.isArray(cur)) {
    const i = cur.findIndex((x) => isObj(x) && deepEqual(x[last.key], last.value));
    if (i >= 0) cur.splice(i, 1);
  }
}

/** kubectl apply.go FieldManagerClientSideApply / FieldManagerServerSideApply */
export const FIELD_MANAGER_CSA = 'kubectl-client-side-apply';
export const FIELD_MANAGER_SSA = 'kubectl';

/**
 * kubectl apply.go GetApplyFieldManagerFlag, which apply (ApplyFlags.ToOptions) and diff (DiffOptions.Complete)
 * both call: --field-manager when it was given (`cmd.Flag("field-manager").Changed`), even empty; else "kubectl"
 * for server-side apply, "kubectl-client-side-apply" otherwise (the flag's default in both commands,
 * AddFieldManagerFlagVar(cmd, …, FieldManagerClientSideApply), is never read).
 */
export function applyFieldManager(k: KubectlContext, serverSide: boolean): string {
  if (k.flags.has('field-manager')) return k.flags.str('field-manager') ?? '';
  return serverSide ? FIELD_MANAGER_SSA : FIELD_MANAGER_CSA;
}

/** kubectl apply.go: what it adds to the server's conflict error. */
export const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** internal/conflict.go printManager: the quoted name, the subresource, and for Update the apiVersion. */
function printManager(r: FieldRecord): string {
  let m = goQuote(r.manager);
  if (r.operation === 'Update') {
    if (r.subresource) m = `${m} with subresource ${goQuote(r.subresource)}`;
    return `${m} using ${r.apiVersion}`;
  }
  return m;
}

/** internal/conflict.go getConflictMessage: one conflict inline, else grouped by manager (sorted by identity). */
function conflictMessage(conflicts: { id: string; record: FieldRecord; path: string }[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].record)}: ${conflicts[0].path}`;
  const by = new Map<string, { record: FieldRecord; paths: string[] }>();
  for (const c of conflicts) {
    const e = by.get(c.id) ?? { record: c.record, paths: [] };
    e.paths.push(c.path);
    by.set(c.id, e);
  }
  const lines: string[] = [];
  for (const id of [...by.keys()].sort()) {
    const e = by.get(id)!;
    lines.push(`conflicts with ${printManager(e.record)}:`);
    for (const p of e.paths) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** ManagedFieldsEntry's identity fields as JSON (the key a manager's record is kept under). */
export function managerId(manager: string, operation: 'Apply' | 'Update', apiVersion?: string, subresource?: string): string {
  return JSON.stringify({ manager, operation, ...(operation === 'Update' ? { apiVersion } : {}), ...(subresource ? { subresource } : {}) });
}

/** The fields a record owns. */
function owned(r: FieldRecord): Map<string, Seg[]> {
  return r.operation === 'Apply' ? leaves(r.config) : new Map(Object.entries(r.paths) as [string, Seg[]][]);
}

/** Take fields away from a record (another manager set or forced them); a record left owning nothing goes. */
function disown(records: ApplyRecords, uid: string, id: string, r: FieldRecord, paths: Iterable<[string, Seg[]]>): void {
  if (r.operation === 'Apply') {
    const config = clone(r.config);
    for (const [, segs] of paths) deleteAt(config, segs);
    records.set(uid, id, { ...r, config });
    return;
  }
  const left = { ...r.paths };
  for (const [p] of paths) delete left[p];
  records.set(uid, id, Object.keys(left).length ? { ...r, paths: left } : undefined);
}

/**
 * After a kubectl verb wrote objects (create, update, patch): its manager owns the fields the write set or
 * changed, and the other managers lose them (the managedfields Update path). A field the write removed is
 * owned by no one any more.
 */
export function recordUpdates(k: KubectlContext, writes: { obj: StoredObject; old: StoredObject | undefined }[], manager: string, subresource?: string): void {
  const records = applyRecords(k.sim);
  for (const w of writes) {
    const uid = w.obj.metadata.uid;
    if (!uid) continue;
    const t = resourceForKind(w.obj.kind);
    const apiVersion = t ? apiVersionOf(t) : String(w.obj.apiVersion ?? '');
    const now = leaves(w.obj);
    const old = w.old ? leaves(w.old) : new Map<string, Seg[]>();
    const changed = new Map<string, Seg[]>();
    for (const [p, segs] of now) if (!old.has(p) || !deepEqual(valueAt(w.obj, segs), valueAt(w.old, segs))) changed.set(p, segs);
    const removed = [...old].filter(([p]) => !now.has(p));
    if (!changed.size && !removed.length) continue;
    const id = managerId(manager, 'Update', apiVersion, subresource);
    for (const [otherId, r] of [...(records.get(uid) ?? [])]) {
      if (otherId === id) continue;
      const mine = owned(r);
      const lost = [...changed, ...removed].filter(([p]) => mine.has(p));
      if (lost.length) disown(records, uid, otherId, r, lost);
    }
    const prev = records.get(uid)?.get(id);
    const paths: Record<string, unknown[]> = prev?.operation === 'Update' ? { ...prev.paths } : {};
    for (const [p] of removed) delete paths[p];
    for (const [p, segs] of changed) paths[p] = segs;
    records.set(uid, id, { manager, operation: 'Update', apiVersion, ...(subresource ? { subresource } : {}), paths });
  }
}

/**
 * lastappliedupdater.go buildLastApplied: the applied object without the annotation itself, encoded as JSON by
 * runtime.Encode (unstructured JSON: encoding/json, map keys sorted, <, > and & escaped as \u003c \u003e \u0026,
 * a newline after).
 */
function lastApplied(config: KObject): string {
  const o = clone(config) as KObject;
  const ann = o.metadata?.annotations;
  if (ann) delete ann[LAST_APPLIED];
  return goMarshal(o) + '\n';
}

export function serverSideApply(k: KubectlContext, info: Info, dryRun: 'server' | 'none', manager: string, force: boolean): StoredObject | KObject {
  const api = k.sim.api;
  // applyOneObject sends the apply PATCH at once (no GET first): the apiserver's authorization filter checks the
  // verb patch before the handler runs
  api.authorize(k.user, 'patch', info.type, info.type.namespaced ? info.namespace : '', info.name);
  // the apiserver's patch handler, before anything else: validation.ValidatePatchOptions ("This field is
  // defaulted to "kubectl" by kubectl, but HAS TO be explicitly set"; resource.Helper sends no empty fieldManager)
  if (manager === '') throw newInvalid('PatchOptions.meta.k8s.io', '', [required('fieldManager', 'is required for apply patch')]);
  const config = withNamespace(info);
  // the handler reads the live object itself (no authorization of its own)
  const live: StoredObject | undefined = api.find(info.type.kind, info.namespace, info.name);
  const records = applyRecords(k.sim);
  const myId = managerId(manager, 'Apply');
  if (!live) {
    // the apply PATCH of a missing object creates it, authorized again as `create` inside the handler (apiserver
    // handlers/patch.go createValidation: withAuthorization(..., createAuthorizerAttributes)), whose refusal is
    // NewForbidden(gr, name, fmt.Errorf("%v", reason)) with the authorizer's reason alone — RBAC's is empty unless a
    // binding's role is missing. (There it runs after the object's validation; here before.)
    const t = info.type;
    const decision = k.user && api.authorizer?.authorize({ user: k.user, verb: 'create', apiGroup: t.group, resource: t.resource, subresource: '', namespace: t.namespaced ? info.namespace : '', name: info.name });
    if (decision && !decision.allowed) throw newForbidden(groupResource(t), info.name, decision.reason);
    const created = api.create(clone(config) as KObject, { user: k.user, dryRun: dryRun === 'server', namespace: info.namespace, fieldValidation: fieldValidationOf(k) });
    if (dryRun !== 'server' && created.metadata.uid) records.set(created.metadata.uid, myId, { manager, operation: 'Apply', config });
    return created;
  }
  const uid = live.metadata.uid ?? '';
  // csaupgrade: client-side apply's fields become this applier's (its last-applied annotation is what it applied)
  const csa = managerId(FIELD_MANAGER_CSA, 'Update', apiVersionOf(info.type));
  const ann = live.metadata.annotations?.[LAST_APPLIED];
  let previous: J = (records.get(uid)?.get(myId) as { config?: J } | undefined)?.config;
  if (previous === undefined && ann) {
    try {
      previous = JSON.parse(ann);
    } catch {
      previous = {};
    }
  }
  const others = new Map([...(records.get(uid) ?? [])].filter(([id]) => id !== myId && id !== csa));
  const othersOwn = new Map([...others].map(([id, r]) => [id, owned(r)]));
  const mine = leaves(config);
  // conflicts: a field another manager owns, set here to a value other than the live one
  const conflicts: { id: string; record: FieldRecord; path: string; segs: Seg[] }[] = [];
  for (const [id, r] of others) {
    const theirs = othersOwn.get(id)!;
    for (const [p, segs] of mine) if (theirs.has(p) && !deepEqual(valueAt(config, segs), valueAt(live, segs))) conflicts.push({ id, record: r, path: p, segs });
  }
  if (conflicts.length && !force) {
    // errors.NewApplyConflict: 409 Conflict, a cause per field
    conflicts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    throw new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: conflictMessage(conflicts),
      reason: 'Conflict',
      details: { causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.record)}`, field: c.path })) },
      code: 409,
    });
  }
  // fields left out now are removed, unless another manager still owns them
  const original = clone(previous ?? {});
  for (const theirs of othersOwn.values()) for (const segs of theirs.values()) deleteAt(original, segs);
  const merged = threeWayMerge(original, config, clone(live)) as KObject;
  // metadata.resourceVersion and uid, owned by no manager, are the live ones unless the configuration sets them: the
  // apply merges them like any field (managedfields structuredmerge.go Apply), so a resourceVersion saved with
  // `get -o yaml` is the update's optimistic lock (registry store.go Update: another one than the stored one is a
  // Conflict) and another uid meets ValidateObjectMetaUpdate (field is immutable)
  const cm = (config.metadata ?? {}) as { resourceVersion?: unknown; uid?: unknown };
  merged.metadata = {
    ...merged.metadata,
    resourceVersion: typeof cm.resourceVersion === 'string' && cm.resourceVersion ? cm.resourceVersion : live.metadata.resourceVersion,
    uid: typeof cm.uid === 'string' && cm.uid ? cm.uid : live.metadata.uid,
  };
  if (manager === FIELD_MANAGER_SSA && ann) {
    merged.metadata.annotations = { ...(merged.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied(config) };
  }
  const result = deepEqual(merged, live) ? live : api.update(merged, { user: k.user, dryRun: dryRun === 'server', fieldValidation: fieldValidationOf(k), verb: 'patch' });
  if (dryRun !== 'server') {
    records.set(uid, csa, undefined);
    const byId = new Map<string, [string, Seg[]][]>();
    for (const c of conflicts) byId.set(c.id, [...(byId.get(c.id) ?? []), [c.path, c.segs]]);
    for (const [id, lost] of byId) disown(records, uid, id, others.get(id)!, lost);
    records.set(uid, myId, { manager, operation: 'Apply', config });
  }
  return result;
}
