/**
 * Patches, as kubectl and the API server apply them:
 * - three-way strategic merge for `kubectl apply` (last-applied ⟶ new config,
 *   applied onto the live object; apimachinery pkg/util/strategicpatch
 *   CreateThreeWayMergePatch + StrategicMergePatch),
 * - strategic merge patch (`kubectl patch`, default for built-in kinds),
 * - JSON merge patch (RFC 7386, `--type merge`),
 * - JSON patch (RFC 6902, `--type json`).
 *
 * Lists of built-in kinds merge by the `patchMergeKey` of their Go struct
 * field (k8s.io/api core/v1 types.go): containers/initContainers/volumes/env/
 * imagePullSecrets by name, container ports by containerPort, service ports by
 * port, volumeMounts by mountPath, ownerReferences by uid, conditions by type;
 * other lists are replaced whole.
 */

import { toCompactJson } from './output';

type J = unknown;
type Obj = Record<string, J>;

const isObj = (v: J): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The merge key of a list field, decided from its name and elements. */
export function mergeKeyOf(field: string, items: J[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports': {
      const first = items.find(isObj);
      if (first && 'containerPort' in first) return 'containerPort';
      return 'port';
    }
  }
  return undefined;
}

/** Lists of scalars merged as sets (patchStrategy:"merge" on a []string). */
const SET_LISTS = new Set(['finalizers']);

/** Three-way merge: what `kubectl apply` makes of the live object. */
export function threeWayMerge(original: J, modified: J, current: J, field = ''): J {
  if (isObj(modified) && isObj(current)) {
    const out: Obj = { ...current };
    const orig = isObj(original) ? original : {};
    for (const [k, v] of Object.entries(modified)) {
      if (v === null) {
        delete out[k];
        continue;
      }
      out[k] = k in current ? threeWayMerge(orig[k], v, current[k], k) : v;
    }
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKeyOf(field, modified.length ? modified : current);
    if (key && modified.every(isObj) && current.every(isObj)) {
      const orig = Array.isArray(original) ? original.filter(isObj) : [];
      const curBy = new Map(current.map((c) => [JSON.stringify((c as Obj)[key]), c as Obj]));
      const origBy = new Map(orig.map((c) => [JSON.stringify(c[key]), c]));
      const modKeys = new Set(modified.map((m) => JSON.stringify((m as Obj)[key])));
      const out: J[] = [];
      for (const m of modified as Obj[]) {
        const id = JSON.stringify(m[key]);
        const c = curBy.get(id);
        out.push(c ? threeWayMerge(origBy.get(id), m, c) : m);
      }
      // items the server or another writer added (not in the last applied config) stay
      for (const c of current as Obj[]) {
        const id = JSON.stringify(c[key]);
        if (!modKeys.has(id) && !origBy.has(id)) out.push(c);
      }
      return out;
    }
    if (SET_LISTS.has(field)) {
      const orig = new Set((Array.isArray(original) ? original : []).map((x) => JSON.stringify(x)));
      const mod = new Set(modified.map((x) => JSON.stringify(x)));
      const out = [...modified];
      for (const c of current) if (!mod.has(JSON.stringify(c)) && !orig.has(JSON.stringify(c))) out.push(c);
      return out;
    }
    return modified;
  }
  return modified;
}

/** Strategic merge patch onto an object (`$patch: delete` / `replace` directives, null deletes). */
export function strategicMerge(target: J, patch: J, field = ''): J {
  if (isObj(patch)) {
    if (patch.$patch === 'replace') {
      const { $patch: _, ...rest } = patch;
      return rest;
    }
    if (patch.$patch === 'delete') return undefined;
    const out: Obj = isObj(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (k.startsWith('$')) continue;
      if (v === null) delete out[k];
      else {
        const r = strategicMerge(out[k], v, k);
        if (r === undefined) delete out[k];
        else out[k] = r;
      }
    }
    return out;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyOf(field, patch.length ? patch : Array.isArray(target) ? target : []);
    if (key && Array.isArray(target) && patch.every(isObj) && target.every(isObj)) {
      const out = [...(target as Obj[])];
      for (const p of patch as Obj[]) {
        const i = out.findIndex((t) => JSON.stringify(t[key]) === JSON.stringify(p[key]));
        if (p.$patch === 'delete') {
          if (i >= 0) out.splice(i, 1);
          continue;
        }
        if (i >= 0) out[i] = strategicMerge(out[i], p) as Obj;
        else out.push(p);
      }
      return out;
    }
    if (SET_LISTS.has(field) && Array.isArray(target)) {
      const out = [...target];
      for (const p of patch) if (!out.some((t) => JSON.stringify(t) === JSON.stringify(p))) out.push(p);
      return out;
    }
    return patch;
  }
  return patch;
}

/** RFC 7386 JSON merge patch. */
export function jsonMergePatch(target: J, patch: J): J {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}

export class PatchError extends Error {}

/** RFC 6902 JSON patch (evanphx/json-patch error texts). */
export function jsonPatch(target: J, ops: J): J {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = JSON.parse(JSON.stringify(target)) as J;
  for (const op of ops as Obj[]) {
    const path = String(op.path ?? '');
    const parts = path === '' ? [] : path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const parentOf = (d: J, ps: string[]): J => {
      let cur = d;
      for (const p of ps.slice(0, -1)) {
        if (Array.isArray(cur)) cur = cur[Number(p)];
        else if (isObj(cur)) cur = cur[p];
        else cur = undefined;
        if (cur === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
      }
      return cur;
    };
    const get = (d: J, ps: string[]): J => {
      let cur = d;
      for (const p of ps) {
        cur = Array.isArray(cur) ? cur[Number(p)] : isObj(cur) ? cur[p] : undefined;
        if (cur === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
      }
      return cur;
    };
    const last = parts[parts.length - 1];
    switch (op.op) {
      case 'add':
      case 'replace': {
        if (!parts.length) {
          doc = op.value;
          break;
        }
        const parent = parentOf(doc, parts);
        if (Array.isArray(parent)) {
          const i = last === '-' ? parent.length : Number(last);
          if (op.op === 'add') parent.splice(i, 0, op.value);
          else {
            if (i >= parent.length) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
            parent[i] = op.value;
          }
        } else if (isObj(parent)) {
          if (op.op === 'replace' && !(last in parent)) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
          parent[last] = op.value;
        }
        break;
      }
      case 'remove': {
        const parent = parentOf(doc, parts);
        if (Array.isArray(parent)) {
          const i = Number(last);
          if (i >= parent.length) throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
          parent.splice(i, 1);
        } else if (isObj(parent)) {
          if (!(last in parent)) throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
          delete parent[last];
        }
        break;
      }
      case 'test': {
        if (JSON.stringify(get(doc, parts)) !== JSON.stringify(op.value)) throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      }
      case 'move':
      case 'copy': {
        const from = String(op.from ?? '').slice(1).split('/');
        const v = get(doc, from);
        if (op.op === 'move') doc = jsonPatch(doc, [{ op: 'remove', path: op.from }]);
        doc = jsonPatch(doc, [{ op: 'add', path, value: JSON.parse(JSON.stringify(v)) }]);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}

/*
 * The patch `kubectl apply` sends (apimachinery pkg/util/strategicpatch/patch.go CreateThreeWayMergePatch): the
 * difference from the live object to the new config without deletions (delta: diffMaps with IgnoreDeletions and
 * SetElementOrder), plus the deletions from the last applied config to the new config (diffMaps with
 * IgnoreChangesAndAdditions), merged with mergeMap (MergeParallelList off). Nothing is dropped: a
 * metadata.resourceVersion or uid of the file that differs from the live one is part of the patch.
 * Covered: maps, scalars, lists merged by key ($setElementOrder/, $patch: delete), primitive merge lists
 * (finalizers: $setElementOrder/, $deleteFromPrimitiveList/), retainKeys (Deployment spec.strategy, volumes),
 * other lists replaced whole.
 */
interface DiffOptions {
  ignoreDeletions?: boolean;
  ignoreChangesAndAdditions?: boolean;
  retainKeys?: boolean;
}

/** Fields whose struct tag has patchStrategy retainKeys (k8s.io/api apps/v1 DeploymentSpec.Strategy; core/v1 PodSpec.Volumes elements). */
const RETAIN_KEYS_MAPS = new Set(['strategy']);
const RETAIN_KEYS_LISTS = new Set(['volumes']);

/** reflect.TypeOf of a decoded JSON value, as far as the diff tells them apart. */
const jsonType = (v: J): string => (v === null ? 'nil' : Array.isArray(v) ? 'slice' : typeof v);

const goString = (v: J): string => (typeof v === 'string' ? v : v === undefined || v === null ? '<nil>' : String(v));

function diffMaps(original: Obj, modified: Obj, opts: DiffOptions): Obj {
  const patch: Obj = {};
  const retain: string[] = [];
  for (const [key, mod] of Object.entries(modified)) {
    if (opts.retainKeys && mod !== null) retain.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    const orig = original[key];
    if (jsonType(orig) !== jsonType(mod)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    if (isObj(orig) && isObj(mod)) {
      // handleMapDiff: retainKeys is decided by the field's own strategy
      const p = diffMaps(orig, mod, { ...opts, retainKeys: RETAIN_KEYS_MAPS.has(key) });
      if (Object.keys(p).length) patch[key] = p;
    } else if (Array.isArray(orig) && Array.isArray(mod)) {
      diffSlice(key, orig, mod, patch, opts);
    } else if (orig !== mod && !opts.ignoreChangesAndAdditions) {
      patch[key] = mod;
    }
  }
  // updatePatchIfMissing
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const hasAdditionalNewField = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retain.length && (Object.keys(patch).length || hasAdditionalNewField)) patch.$retainKeys = [...retain].sort();
  return patch;
}

/** handleSliceDiff + diffLists. */
function diffSlice(key: string, orig: J[], mod: J[], patch: Obj, opts: DiffOptions): void {
  const sample = mod.length ? mod : orig;
  const mergeKey = mergeKeyOf(key, sample);
  const ofMaps = sample.length > 0 && sample.every(isObj);
  const merged = (mergeKey && ofMaps) || (SET_LISTS.has(key) && !sample.some((v) => isObj(v) || Array.isArray(v)));
  if (merged && !orig.length) {
    // diffLists: from an empty list, the whole new one (no order directive)
    if (mod.length && !opts.ignoreChangesAndAdditions) patch[key] = mod;
    return;
  }
  if (mergeKey && ofMaps) {
    const { list, deletions } = diffListsOfMaps(orig as Obj[], mod as Obj[], mergeKey, { ...opts, retainKeys: RETAIN_KEYS_LISTS.has(key) });
    // normalizeSliceOrder: the patch items in the new config's order, the deletions after them
    const order = mod.map((m) => goString((m as Obj)[mergeKey]));
    list.sort((a, b) => order.indexOf(goString(a[mergeKey])) - order.indexOf(goString(b[mergeKey])));
    const all: Obj[] = [...list, ...deletions];
    const orderSame = orig.length === mod.length && orig.every((o, i) => goString((o as Obj)[mergeKey]) === order[i]);
    if (all.length) patch[key] = all;
    if (mod.length && ((!opts.ignoreChangesAndAdditions && (all.length > 0 || !orderSame)) || (!opts.ignoreDeletions && all.length > 0))) {
      patch[`$setElementOrder/${key}`] = mod.map((m) => ({ [mergeKey]: (m as Obj)[mergeKey] }));
    }
    return;
  }
  if (merged) {
    // diffListsOfScalars
    const origSet = new Set(orig.map((v) => JSON.stringify(v)));
    const modSet = new Set(mod.map((v) => JSON.stringify(v)));
    const adds = opts.ignoreChangesAndAdditions ? [] : mod.filter((v) => !origSet.has(JSON.stringify(v)));
    const dels = opts.ignoreDeletions ? [] : orig.filter((v) => !modSet.has(JSON.stringify(v)));
    if (adds.length) patch[key] = adds;
    // (deduplicated, sorted by their %v text)
    const delTexts = [...new Set(dels.map(goString))].sort();
    if (dels.length) patch[`$deleteFromPrimitiveList/${key}`] = delTexts.map((t) => dels.find((d) => goString(d) === t));
    const changed = (!opts.ignoreDeletions && dels.length > 0) || (!opts.ignoreChangesAndAdditions && JSON.stringify(orig) !== JSON.stringify(mod));
    if (changed && mod.length) patch[`$setElementOrder/${key}`] = mod;
    return;
  }
  if (JSON.stringify(orig) !== JSON.stringify(mod) && !opts.ignoreChangesAndAdditions) patch[key] = mod;
}

/** diffListsOfMaps: both lists walked sorted by the merge key's %v text. */
function diffListsOfMaps(orig: Obj[], mod: Obj[], mergeKey: string, opts: DiffOptions): { list: Obj[]; deletions: Obj[] } {
  const byKey = (a: Obj, b: Obj) => {
    const x = goString(a[mergeKey]);
    const y = goString(b[mergeKey]);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const os = [...orig].sort(byKey);
  const ms = [...mod].sort(byKey);
  const list: Obj[] = [];
  const deletions: Obj[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const ok = i < os.length ? goString(os[i][mergeKey]) : undefined;
    const mk = j < ms.length ? goString(ms[j][mergeKey]) : undefined;
    if (ok !== undefined && mk !== undefined && ok === mk) {
      const p = diffMaps(os[i], ms[j], opts);
      if (Object.keys(p).length) list.push({ ...p, [mergeKey]: ms[j][mergeKey] });
      i++;
      j++;
    } else if (ok === undefined || (mk !== undefined && ok > mk)) {
      if (!opts.ignoreChangesAndAdditions) list.push(ms[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: os[i][mergeKey], $patch: 'delete' });
      i++;
    }
  }
  return { list, deletions };
}

/** mergeMap of the deltas into the deletions (MergeParallelList off: directives are carried over as they are). */
function mergePatches(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (!(k in out) || k.startsWith('$')) {
      if (!(k in out)) out[k] = v;
      continue;
    }
    const b = out[k];
    if (isObj(b) && isObj(v)) out[k] = mergePatches(b, v);
    else if (Array.isArray(b) && Array.isArray(v)) {
      const key = mergeKeyOf(k, v.length ? v : b);
      if (key && [...b, ...v].every(isObj)) {
        // mergeSlice + normalizeElementOrder: the delta's items (merged with a deletion of the same key) first,
        // then the items only the deletions have
        const merged = (v as Obj[]).map((p) => {
          const d = (b as Obj[]).find((x) => goString(x[key]) === goString(p[key]));
          return d ? mergePatches(d, p) : p;
        });
        const rest = (b as Obj[]).filter((x) => !(v as Obj[]).some((p) => goString(p[key]) === goString(x[key])));
        out[k] = [...merged, ...rest];
      } else {
        const seen = new Set<string>();
        out[k] = [...b, ...v].filter((x) => {
          const s = JSON.stringify(x);
          if (seen.has(s)) return false;
          seen.add(s);
          return true;
        });
      }
    } else out[k] = v;
  }
  return out;
}

/** CreateThreeWayMergePatch(original, modified, current): the patch as a map (its JSON: goMarshal). */
export function threeWayPatch(original: J, modified: J, current: J): Obj {
  const o = isObj(original) ? original : {};
  const m = isObj(modified) ? modified : {};
  const c = isObj(current) ? current : {};
  const delta = diffMaps(c, m, { ignoreDeletions: true });
  const deletions = diffMaps(o, m, { ignoreChangesAndAdditions: true });
  return mergePatches(deletions, delta);
}

/** json.Marshal of a decoded JSON value (a patch, an applied configuration): output.ts's compact encoding/json. */
export function goMarshal(v: J): string {
  return toCompactJson(v);
}

/**
 * CreateTwoWayMergePatch(original, modified) (strategicpatch/patch.go): diffMaps with no options — changes,
 * additions and deletions (as null) — the patch `kubectl edit` sends (its JSON: goMarshal).
 */
export function twoWayPatch(original: J, modified: J): Obj {
  return diffMaps(isObj(original) ? original : {}, isObj(modified) ? modified : {}, {});
}
