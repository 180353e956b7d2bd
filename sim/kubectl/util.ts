/**
 * Shared pieces of kubectl verbs: the name printer, reading `-f` sources,
 * resolving `TYPE NAME` / `TYPE/NAME` arguments (kubectl's resource.Builder),
 * selecting objects by `-l`, and the namespace rules for objects from files.
 */
import type { KObject, StoredObject } from '../api/types';
import { kindGroup, resolveResource, resourceForKind, apiVersionOf, RESOURCE_TYPES, type ResourceType } from '../api/resources';
import { parseSelector, SelectorParseError } from '../labels/parser';
import { StatusError } from '../registry/errors';
import { locationFS, resolvePath } from '../shell/interp';
import { newNotFound } from '../registry/errors';
import { groupResource } from '../api/resources';
import { KubectlError, type KubectlContext } from './types';
import { decodeManifests, type Doc } from './yaml';

/** cli-runtime NamePrinter: `deployment.apps/web created`. */
export function nameLine(t: ResourceType, name: string, op: string, dryRun?: 'client' | 'server' | 'none'): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `${kindGroup(t)}/${name} ${op}${suffix}\n`;
}

export function dryRunOf(k: KubectlContext): 'client' | 'server' | 'none' {
  if (!k.flags.has('dry-run')) return 'none';
  const v = k.flags.str('dry-run') ?? 'none';
  if (v === 'true' || v === '') return 'client';
  if (v === 'client' || v === 'server' || v === 'none') return v;
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function typeOf(name: string): ResourceType {
  const t = resolveResource(name);
  // mappingFor's error names groupResource.Resource: the argument up to its first dot
  if (!t) throw new KubectlError(`the server doesn't have a resource type "${name.split('.')[0]}"`);
  return t;
}

/** A manifest source read from the reader's node (or stdin for `-`). */
export interface Source {
  name: string;
  text: string;
}

export const URL_RE = /^https?:\/\//;

/** Read every `-f` argument: files, directories (their .yaml/.yml/.json files), `-` = stdin. */
export function readSources(k: KubectlContext, files: string[], recursive = false): Source[] {
  const out: Source[] = [];
  const fs = locationFS(k.sim, k.cmd.location);
  const cwd = k.cmd.env.get('PWD') ?? '/root';
  for (const f of files) {
    if (f === '-') {
      out.push({ name: '-', text: k.cmd.stdin });
      continue;
    }
    if (URL_RE.test(f)) {
      const host = f.replace(URL_RE, '').split('/')[0];
      throw new KubectlError(`unable to read URL "${f}", server reported Get "${f}": dial tcp: lookup ${host} on 127.0.0.53:53: server misbehaving`);
    }
    if ('error' in fs) throw new KubectlError(`the path "${f}" does not exist`);
    const p = resolvePath(cwd, f);
    const st = fs.stat(p);
    if ('error' in st) throw new KubectlError(`the path "${f}" does not exist`);
    if (!st.dir) {
      const r = fs.read(p);
      if ('error' in r) throw new KubectlError(`the path "${f}" does not exist`);
      out.push({ name: f, text: r.data });
      continue;
    }
    const walk = (dir: string, shown: string) => {
      const l = fs.list(dir);
      if ('error' in l) return;
      for (const e of l.entries) {
        const child = dir + '/' + e.name;
        const childShown = shown.replace(/\/$/, '') + '/' + e.name;
        if (e.dir) {
          if (recursive) walk(child, childShown);
          continue;
        }
        if (!/\.(ya?ml|json)$/.test(e.name)) continue;
        const r = fs.read(child);
        if (!('error' in r)) out.push({ name: childShown, text: r.data });
      }
    };
    walk(p, f);
  }
  return out;
}

/** One object from a file, resolved to its resource type, with its target namespace. */
export interface Info {
  type: ResourceType;
  obj: KObject;
  namespace: string;
  name: string;
  source: string;
  doc: Doc;
}

/**
 * Decode `-f` sources into infos (kubectl's Builder with ContinueOnError):
 * unknown kinds and namespace mismatches become errors while the other
 * documents go on; a YAML syntax error stops its stream.
 */
export function infosFromSources(k: KubectlContext, sources: Source[]): { infos: Info[]; errors: unknown[] } {
  const infos: Info[] = [];
  const errors: unknown[] = [];
  for (const src of sources) {
    const r = decodeManifests(src.text, src.name === '-' ? 'STDIN' : src.name);
    for (const d of r.docs) {
      try {
        infos.push(infoOf(k, d, src.name));
      } catch (e) {
        errors.push(e);
      }
    }
    if (r.error) errors.push(new KubectlError(r.error));
  }
  if (!infos.length && !errors.length) throw new KubectlError('no objects passed to apply');
  return { infos, errors };
}

export function infoOf(k: KubectlContext, d: Doc, source: string): Info {
  const obj = d.obj;
  const src = source === '-' ? 'STDIN' : source;
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  if (!kind) {
    throw new KubectlError(`unable to decode "${src}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
  }
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '';
  const objNs = typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : '';
  const t = RESOURCE_TYPES.find((rt) => rt.kind === kind && apiVersionOf(rt) === apiVersion);
  if (!t) {
    const known = resourceForKind(kind);
    const hint = known || !apiVersion ? '' : '\nensure CRDs are installed first';
    throw new KubectlError(
      `resource mapping not found for name: "${name}" namespace: "${objNs}" from "${src}": no matches for kind "${kind}" in version "${apiVersion}"${hint || '\nensure CRDs are installed first'}`,
    );
  }
  let namespace = '';
  if (t.namespaced) {
    if (objNs && k.namespaceExplicit && objNs !== k.namespace) {
      throw new KubectlError(
        `the namespace from the provided object "${objNs}" does not match the namespace "${k.namespace}". You must pass '--namespace=${objNs}' to perform this operation.`,
      );
    }
    namespace = objNs || k.namespace;
  }
  return { type: t, obj, namespace, name, source: src, doc: d };
}

/** A resource reference from arguments: `pods nginx`, `pod/nginx`, `pods,svc`. */
export interface ResourceRef {
  type: ResourceType;
  name?: string;
}

const RESOURCE_SLASH_ERR =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/** Parse positional resource arguments the way resource.Builder.ResourceTypeOrNameArgs does. */
export function parseResourceArgs(args: string[]): ResourceRef[] {
  if (!args.length) return [];
  const slash = args.filter((a) => a.includes('/'));
  if (slash.length) {
    if (slash.length !== args.length) throw new KubectlError(RESOURCE_SLASH_ERR);
    return args.map((a) => {
      const i = a.indexOf('/');
      const tn = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      return { type: typeOf(tn), name };
    });
  }
  const types = args[0].split(',').filter(Boolean).map(typeOf);
  const names = args.slice(1);
  if (!names.length) return types.map((type) => ({ type }));
  if (types.length > 1) throw new KubectlError(`arguments in resource/name form may not have more than one slash`);
  return names.map((name) => ({ type: types[0], name }));
}

export const NO_RESOURCES_ERR =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** Objects named by refs, selector, or `--all` (namespaced per -n / -A). Missing names give NotFound errors. */
export function selectObjects(
  k: KubectlContext,
  refs: ResourceRef[],
  opts: { selector?: string; all?: boolean; allNamespaces?: boolean },
): { objects: { type: ResourceType; obj: StoredObject }[]; errors: unknown[] } {
  const objects: { type: ResourceType; obj: StoredObject }[] = [];
  const errors: unknown[] = [];
  let sel;
  try {
    sel = opts.selector ? parseSelector(opts.selector) : undefined;
  } catch (e) {
    if (!(e instanceof SelectorParseError) || !refs.length) throw e;
    throw selectorError(refs[0].type, opts.selector ?? '', '', e.message);
  }
  for (const r of refs) {
    const ns = r.type.namespaced ? k.namespace : '';
    if (r.name) {
      try {
        objects.push({ type: r.type, obj: k.sim.api.get(r.type.kind, ns, r.name, { user: k.user }) });
      } catch (e) {
        errors.push(e);
      }
      continue;
    }
    const list = k.sim.api.list(r.type.kind, r.type.namespaced && !opts.allNamespaces ? ns : undefined, { user: k.user });
    for (const o of list) {
      if (sel && !sel.matches(o.metadata.labels ?? {})) continue;
      objects.push({ type: r.type, obj: o });
    }
  }
  return { objects, errors };
}

export function notFound(t: ResourceType, name: string) {
  return newNotFound(groupResource(t), name);
}

/**
 * A command's PATCH through helper.Patch (verb patch), a failed one wrapped as the command wraps it:
 * fmt.Errorf(prefix + "%v", err), printed by checkErr as `error: …` (set_image.go "failed to patch image update to pod
 * template: ", rollout's "failed to patch: ", the rollbackers' "failed restoring revision N: " …).
 */
export function sendPatch(k: KubectlContext, next: KObject, prefix: string, dryRun = dryRunOf(k) === 'server'): KObject {
  try {
    return k.sim.api.update(next, { user: k.user, dryRun, verb: 'patch' });
  } catch (e) {
    if (e instanceof StatusError) throw new KubectlError(`${prefix}${e.status.message}`);
    throw e;
  }
}

/** GroupVersionResource.String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments`. */
export function gvrString(t: ResourceType): string {
  return `${t.group}/${t.version}, Resource=${t.resource}`;
}

/**
 * A list the server refused (bad label selector): cli-runtime resource/selector.go
 * rewrites the message "Unable to find %q that match label selector %q, field selector %q: %v".
 */
export function selectorError(t: ResourceType, label: string, field: string, message: string): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Unable to find "${gvrString(t)}" that match label selector "${label}", field selector "${field}": ${message}`,
    reason: 'BadRequest',
    code: 400,
  });
}

/** --validate (kubectl cmdutil.GetValidationDirective): strict (default, or true), warn, ignore (or false). */
export function fieldValidationOf(k: KubectlContext): 'Strict' | 'Warn' | 'Ignore' {
  if (!k.flags.has('validate')) return 'Strict';
  const v = (k.flags.str('validate') ?? 'strict').toLowerCase();
  if (v === '' || v === 'true' || v === 'strict') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'false' || v === 'ignore') return 'Ignore';
  throw new KubectlError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}
