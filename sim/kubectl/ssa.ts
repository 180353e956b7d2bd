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
 * Simplifications: fields are owned by appliers only (see registry/fieldmanager.ts), and list items are keyed
 * by the strategic merge key alone (SSA keys container ports by containerPort and protocol).
 */
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { deepEqual } from '../registry/apiserver';
import { isNotFound } from '../registry/errors';
import { applyRecords } from '../registry/fieldmanager';
import type { KubectlContext } from './types';
import { KubectlError } from './types';
import { mergeKeyOf, threeWayMerge } from './merge';
import { fieldValidationOf, goJSON, type Info } from './util';
import { LAST_APPLIED } from './apply';

type J = unknown;
type Obj = Record<string, J>;
type Seg = string | { key: string; value: J };

const isObj = (v: J): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** fieldpath.Path.String(): `.spec.replicas`, `.spec.containers[name="web"].image`. */
function pathString(segs: Seg[]): string {
  return segs.map((s) => (typeof s === 'string' ? `.${s}` : `[${s.key}=${JSON.stringify(s.value)}]`)).join('');
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
        if (segs.length === 1 && segs[0] === 'metadata' && (k === 'name' || k === 'namespace')) continue;
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

function valueAt(o: J, segs: Seg[]): J {
  let cur = o;
  for (const s of segs) {
    if (typeof s === 'string') cur = isObj(cur) ? cur[s] : undefined;
    else cur = Array.isArray(cur) ? cur.find((x) => isObj(x) && deepEqual(x[s.key], s.value)) : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Remove one leaf from a configuration (a manager that lost the field no longer applies it). */
function deleteAt(o: J, segs: Seg[]): void {
  const parents: J[] = [];
  let cur = o;
  for (const s of segs.slice(0, -1)) {
    parents.push(cur);
    if (typeof s === 'string') cur = isObj(cur) ? cur[s] : undefined;
    else cur = Array.isArray(cur) ? cur.find((x) => isObj(x) && deepEqual(x[s.key], s.value)) : undefined;
    if (cur === undefined) return;
  }
  const last = segs[segs.length - 1];
  if (typeof last === 'string') {
    if (isObj(cur)) delete cur[last];
  } else if (Array.isArray(cur)) {
    const i = cur.findIndex((x) => isObj(x) && deepEqual(x[last.key], last.value));
    if (i >= 0) cur.splice(i, 1);
  }
}

const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
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

/** internal/conflict.go getConflictMessage (appliers print as their quoted name, printManager). */
function conflictMessage(conflicts: { manager: string; path: string }[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${JSON.stringify(conflicts[0].manager)}: ${conflicts[0].path}`;
  const by = new Map<string, string[]>();
  for (const c of conflicts) by.set(c.manager, [...(by.get(c.manager) ?? []), c.path]);
  const lines: string[] = [];
  for (const m of [...by.keys()].sort()) {
    lines.push(`conflicts with ${JSON.stringify(m)}:`);
    for (const p of by.get(m)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** lastappliedupdater.go buildLastApplied: the applied object without the annotation itself, encoded as JSON. */
function lastApplied(config: KObject): string {
  const o = clone(config) as KObject;
  const ann = o.metadata?.annotations;
  if (ann) delete ann[LAST_APPLIED];
  return goJSON(o) + '\n';
}

export function serverSideApply(k: KubectlContext, info: Info, dryRun: 'server' | 'none', manager: string, force: boolean): StoredObject | KObject {
  const api = k.sim.api;
  const config = clone(info.obj) as KObject;
  config.metadata = { ...(config.metadata ?? {}) };
  if (info.type.namespaced) config.metadata.namespace = info.namespace;
  else delete config.metadata.namespace;
  let live: StoredObject | undefined;
  try {
    live = api.get(info.type.kind, info.namespace, info.name, { user: k.user });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const records = applyRecords(k.sim);
  if (!live) {
    const created = api.create(clone(config) as KObject, { user: k.user, dryRun: dryRun === 'server', namespace: info.namespace, fieldValidation: fieldValidationOf(k) });
    if (dryRun !== 'server' && created.metadata.uid) records.set(created.metadata.uid, manager, config);
    return created;
  }
  const uid = live.metadata.uid ?? '';
  const others = new Map([...(records.get(uid) ?? [])].filter(([m]) => m !== manager).map(([m, c]) => [m, clone(c)]));
  const mine = leaves(config);
  // conflicts: a field another applier owns, set here to a value other than the live one
  const conflicts: { manager: string; path: string; segs: Seg[] }[] = [];
  for (const [m, c] of others) {
    const theirs = leaves(c);
    for (const [p, segs] of mine) if (theirs.has(p) && !deepEqual(valueAt(config, segs), valueAt(live, segs))) conflicts.push({ manager: m, path: p, segs });
  }
  if (conflicts.length && !force) throw new KubectlError(`${conflictMessage(conflicts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))}\n${CONFLICT_HELP}`);
  for (const c of conflicts) deleteAt(others.get(c.manager), c.segs);
  // what this manager applied before: its record, or (client-side apply migrated to it) the annotation
  let previous: J = records.get(uid)?.get(manager);
  if (previous === undefined && manager === 'kubectl') {
    const ann = live.metadata.annotations?.[LAST_APPLIED];
    try {
      previous = ann ? JSON.parse(ann) : {};
    } catch {
      previous = {};
    }
  }
  // fields left out now are removed, unless another applier still applies them
  const original = clone(previous ?? {});
  for (const c of others.values()) for (const segs of leaves(c).values()) deleteAt(original, segs);
  const merged = threeWayMerge(original, config, clone(live)) as KObject;
  merged.metadata = { ...merged.metadata, resourceVersion: live.metadata.resourceVersion, uid: live.metadata.uid };
  if (manager === 'kubectl' && live.metadata.annotations?.[LAST_APPLIED]) {
    merged.metadata.annotations = { ...(merged.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied(config) };
  }
  const result = deepEqual(merged, live) ? live : api.update(merged, { user: k.user, dryRun: dryRun === 'server', fieldValidation: fieldValidationOf(k) });
  if (dryRun !== 'server') {
    records.set(uid, manager, config);
    for (const [m, c] of others) records.set(uid, m, c);
  }
  return result;
}
