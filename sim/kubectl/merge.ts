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
