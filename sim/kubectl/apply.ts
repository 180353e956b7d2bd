/**
 * kubectl apply (client-side apply, kubectl pkg/cmd/apply/apply.go): create
 * objects that do not exist (with the last-applied-configuration annotation),
 * three-way merge the others, print created / configured / unchanged, then
 * the errors. kubectl create -f shares the reading path. --server-side: ssa.ts.
 */
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { goQuote } from './printers/gofmt';
import { isNotFound } from '../registry/errors';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, exitCodeOf, withSource } from './errors';
import { dryRunOf, fieldValidationOf, gvrString, infosFromSources, readSources, NO_RESOURCES_ERR, type Info } from './util';
import { goMarshal, threeWayMerge, threeWayPatch } from './merge';
import { MAX_OBJECT_BYTES, objectBytes } from './yaml';
import { newRequestEntityTooLarge } from './status';
import { PRINT_FLAGS, toPrinter, typedList } from './output';
import { applyFieldManager, CONFLICT_HELP, serverSideApply } from './ssa';
import { StatusError } from '../registry/errors';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The annotation value: the applied config (namespace filled in, annotation itself emptied), Go JSON + newline. */
export function lastAppliedValue(info: Info): string {
  const o = clone(info.obj) as KObject;
  o.metadata = { ...(o.metadata ?? {}) };
  const ann = { ...(o.metadata.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  o.metadata.annotations = ann;
  if (info.type.namespaced) o.metadata.namespace = info.namespace;
  // util.GetModifiedConfiguration: runtime.Encode (a json.Encoder: HTML characters escaped, newline after)
  return goMarshal(o) + '\n';
}

/** The object of a file as kubectl sends it: the namespace it goes to set (namespaced kinds) or removed. */
export function withNamespace(info: Info): KObject {
  const o = clone(info.obj) as KObject;
  o.metadata = { ...(o.metadata ?? {}) };
  if (info.type.namespaced) o.metadata.namespace = info.namespace;
  else delete o.metadata.namespace;
  return o;
}

const MISSING_ANNOTATION = (name: string) =>
  `Warning: resource ${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;

export function applyInfo(k: KubectlContext, info: Info, dryRun: 'client' | 'server' | 'none'): { op: string; obj: KObject } {
  const api = k.sim.api;
  if (objectBytes(info.obj) > MAX_OBJECT_BYTES) throw withSource(newRequestEntityTooLarge(), 'creating', info.source);
  // kubectl pkg/cmd/apply/apply.go applyOneObject: generateName cannot be used with apply
  const gen = (info.obj.metadata as { generateName?: string } | undefined)?.generateName;
  if (!info.name && gen) throw new KubectlError(`from ${gen}: cannot use generate name with apply`);
  if (!info.name) {
    throw new KubectlError(`error when retrieving current configuration of:\nResource: "${info.type.group}/${info.type.version}, Resource=${info.type.resource}", GroupVersionKind: "${info.type.group}/${info.type.version}, Kind=${info.type.kind}"\nName: "", Namespace: "${info.namespace}"\nfrom server for: "${info.source}": resource name may not be empty`);
  }
  let current: StoredObject | undefined;
  try {
    current = api.get(info.type.kind, info.namespace, info.name, { user: k.user });
  } catch (e) {
    if (!isNotFound(e)) throw withSource(e, `retrieving current configuration of:\n${infoString(info)}\nfrom server for:`, info.source);
  }
  const annotation = lastAppliedValue(info);
  if (!current) {
    const o = withNamespace(info);
    o.metadata!.annotations = { ...(o.metadata!.annotations ?? {}), [LAST_APPLIED]: annotation };
    if (dryRun === 'client') return { op: 'created', obj: o };
    try {
      const created = api.create(o, { user: k.user, dryRun: dryRun === 'server', namespace: info.namespace, fieldValidation: fieldValidationOf(k) });
      return { op: 'created', obj: created };
    } catch (e) {
      throw withSource(e, 'creating', info.source);
    }
  }
  // applyOneObject: with --dry-run=client nothing is patched (no warning, no "unchanged"): info.Get() made the live
  // object the one printed, as "configured"
  if (dryRun === 'client') return { op: 'configured', obj: current };
  const prev = current.metadata.annotations?.[LAST_APPLIED];
  if (prev === undefined) k.err(MISSING_ANNOTATION(`${info.type.resource}/${info.name}`));
  let original: unknown = {};
  if (prev) {
    try {
      original = JSON.parse(prev);
    } catch {
      original = {};
    }
  }
  const modified = withNamespace(info);
  // GetModifiedConfiguration: the file's object with the annotation it will carry; Patcher.patchSimple:
  // CreateThreeWayMergePatch(original, modified, current). Nothing of the file is left out: a resourceVersion or
  // uid saved with `kubectl get -o yaml` that is no longer the live one is part of the patch.
  const withAnnotation = clone(modified) as KObject;
  withAnnotation.metadata = { ...withAnnotation.metadata, annotations: { ...(withAnnotation.metadata?.annotations ?? {}), [LAST_APPLIED]: annotation } };
  const patch = threeWayPatch(prev ? original : {}, JSON.parse(JSON.stringify(withAnnotation)), JSON.parse(JSON.stringify(current)));
  // applyOneObject: `string(patchBytes) == "{}"` is "unchanged", and no request is made
  if (!Object.keys(patch).length) return { op: 'unchanged', obj: current };
  const merged = threeWayMerge(original, modified, clone(current)) as KObject;
  merged.metadata = { ...merged.metadata, annotations: { ...(merged.metadata?.annotations ?? {}), [LAST_APPLIED]: annotation } };
  // the server applies the patch to the live object: its identity fields stay unless the patch sets them
  const patchMeta = (patch.metadata ?? {}) as { resourceVersion?: unknown; uid?: unknown };
  merged.metadata.resourceVersion = typeof patchMeta.resourceVersion === 'string' ? patchMeta.resourceVersion : current.metadata.resourceVersion;
  merged.metadata.uid = typeof patchMeta.uid === 'string' ? patchMeta.uid : current.metadata.uid;
  try {
    // Patcher.patchSimple sends a PATCH (Helper.Patch): authorized as verb patch
    const updated = api.update(merged, { user: k.user, dryRun: dryRun === 'server', fieldValidation: fieldValidationOf(k), verb: 'patch' });
    // The API server drops no-op updates; kubectl still reports "configured" when its patch was non-empty.
    return { op: 'configured', obj: updated };
  } catch (e) {
    // Patcher.Patch: with --force, a Conflict or Invalid answer is followed by deleteAndCreate, whose "patch" is
    // the whole new config (runtime.Encode's text: a newline after it)
    if (k.flags.bool('force') && e instanceof StatusError && (e.status.reason === 'Conflict' || e.status.reason === 'Invalid')) {
      try {
        return { op: 'configured', obj: deleteAndCreate(k, info, withAnnotation, current) };
      } catch (e2) {
        const verb = `applying patch:\n${goMarshal(withAnnotation)}\n\nto:\n${infoString(info)}\nfor:`;
        // AddSourceToErr keeps a status error's reason; any other error becomes fmt.Errorf("error when %s %q: %v")
        if (e2 instanceof KubectlError) throw new KubectlError(`error when ${verb} "${!info.source || info.source === '-' ? 'STDIN' : info.source}": ${e2.message}`);
        throw withSource(e2, verb, info.source);
      }
    }
    // Patcher.Patch retries a Conflict up to 5 times (maxPatchRetry), each time with the object read again and
    // the patch made again — the same patch here, where nothing else writes in between — then
    // AddSourceToErr("patching", ...); applyOneObject adds the patch and the object:
    // AddSourceToErr(fmt.Sprintf("applying patch:\n%s\nto:\n%v\nfor:", patchBytes, info), info.Source, err)
    throw withSource(withSource(e, 'patching', info.source), `applying patch:\n${goMarshal(patch)}\nto:\n${infoString(info)}\nfor:`, info.source);
  }
}

/**
 * Patcher.deleteAndCreate (kubectl pkg/cmd/apply/patcher.go): delete the live object (background cascade, its own
 * grace period), poll until it is gone, create the new config (Helper.Create with modify: resourceVersion
 * cleared); when that fails, create the object as it was read again and return the first error (or both).
 */
function deleteAndCreate(k: KubectlContext, info: Info, modified: KObject, original: StoredObject): KObject {
  const api = k.sim.api;
  api.delete(info.type.kind, info.namespace, info.name, { user: k.user, propagationPolicy: 'Background' });
  k.sim.runtime.settle();
  const create = (o: KObject) => {
    const c = clone(o) as KObject;
    c.metadata = { ...c.metadata };
    delete c.metadata.resourceVersion;
    return api.create(c, { user: k.user, namespace: info.namespace, fieldValidation: fieldValidationOf(k) });
  };
  try {
    return create(modified);
  } catch (e) {
    try {
      create(original);
    } catch (e2) {
      const text = (x: unknown) => (x instanceof StatusError ? x.status.message : x instanceof Error ? x.message : String(x));
      throw new KubectlError(
        `An error occurred force-replacing the existing object with the newly provided one:\n\n${text(e)}.\n\nAdditionally, an error occurred attempting to restore the original object:\n\n${text(e2)}`,
      );
    }
    throw e;
  }
}

/** resource.Info.String() (cli-runtime pkg/resource/visitor.go): the mapping, then name and namespace. */
function infoString(info: Info): string {
  const t = info.type;
  return `Resource: "${gvrString(t)}", GroupVersionKind: "${t.group}/${t.version}, Kind=${t.kind}"\nName: ${goQuote(info.name)}, Namespace: ${goQuote(info.namespace)}`;
}

export function runApplyLike(k: KubectlContext, mode: 'apply' | 'create'): number {
  const files = k.flags.all('filename');
  if (!files.length) {
    if (mode === 'apply') throw new KubectlError('must specify one of -f and -k');
    throw new KubectlError(NO_RESOURCES_ERR);
  }
  const dryRun = dryRunOf(k);
  // create.go Complete builds its printer before anything is read or sent; apply.go asks ApplyOptions.ToPrinter
  // for one when it prints, after each write
  const createPrinter = mode === 'create' ? toPrinter(k, { operation: 'created', dryRun }) : undefined;
  // ApplyOptions.shouldPrintObject: with an -o other than name the objects print together once all are applied
  const output = k.flags.str('output') ?? '';
  const printAtEnd = mode === 'apply' && output !== '' && output !== 'name';
  const printOne = (obj: KObject, op: string) => {
    if (createPrinter) createPrinter.print(obj);
    else if (!printAtEnd) toPrinter(k, { operation: op, dryRun }).print(obj);
  };
  // ApplyOptions.Validate
  const serverSide = mode === 'apply' && k.flags.bool('server-side');
  const force = mode === 'apply' && k.flags.bool('force-conflicts');
  if (mode === 'apply') {
    if (force && !serverSide) throw new KubectlError('--force-conflicts only works with --server-side');
    if (dryRun === 'client' && serverSide) throw new KubectlError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
    if (serverSide && k.flags.bool('force')) throw new KubectlError('--force cannot be used with --server-side');
    if (dryRun === 'server' && k.flags.bool('force')) throw new KubectlError('--dry-run=server cannot be used with --force');
  }
  // ApplyFlags.ToOptions: fieldManager := GetApplyFieldManagerFlag(cmd, serverSideApply)
  const manager = applyFieldManager(k, serverSide);
  const { infos, errors } = infosFromSources(k, readSources(k, files, k.flags.bool('recursive')));
  const errs: unknown[] = [];
  const applied: KObject[] = [];
  for (const info of infos) {
    try {
      if (serverSide) {
        if (objectBytes(info.obj) > MAX_OBJECT_BYTES) throw newRequestEntityTooLarge();
        const obj = serverSideApply(k, info, dryRun === 'server' ? 'server' : 'none', manager, force);
        applied.push(obj);
        printOne(obj, 'serverside-applied');
        continue;
      }
      if (mode === 'apply') {
        const r = applyInfo(k, info, dryRun);
        applied.push(r.obj);
        printOne(r.obj, r.op);
      } else {
        if (objectBytes(info.obj) > MAX_OBJECT_BYTES) throw newRequestEntityTooLarge();
        const o = withNamespace(info);
        if (k.flags.bool('save-config')) o.metadata!.annotations = { ...(o.metadata!.annotations ?? {}), [LAST_APPLIED]: lastAppliedValue(info) };
        const created = dryRun === 'client' ? o : k.sim.api.create(o, { user: k.user, dryRun: dryRun === 'server', namespace: info.namespace, fieldValidation: fieldValidationOf(k) });
        // RunCreate prints each object as it is created: separate documents, not a List
        printOne(created, 'created');
      }
    } catch (e) {
      // applyOneObject returns the server-side apply's error as it came (no "error when creating"), a conflict
      // as a plain error with kubectl's help after the server's message
      if (serverSide && e instanceof StatusError && e.status.code === 409 && e.status.reason === 'Conflict') errs.push(new KubectlError(`${e.status.message}\n${CONFLICT_HELP}`));
      // (applyInfo adds the source to its errors itself: creating, retrieving or patching)
      else errs.push(serverSide || mode === 'apply' ? e : withSource(e, 'creating', info.source));
    }
  }
  const all = [...errs, ...errors];
  // Run returns the errors before PrintAndPrunePostProcessor: printObjects prints nothing then; otherwise one
  // object prints as itself, several as a corev1.List (ToPrinter("") — a bad -o fails only here)
  if (printAtEnd && !all.length && applied.length) toPrinter(k, { operation: '', dryRun }).print(applied.length === 1 ? applied[0] : typedList(applied), applied.length > 1);
  if (all.length) {
    k.err(renderErrors(all));
    return exitCodeOf(all);
  }
  return 0;
}

const FILE_FLAGS = [
  { name: 'filename', short: 'f', type: 'stringArray' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'dry-run', type: 'string' as const },
  ...PRINT_FLAGS,
  { name: 'validate', type: 'string' as const },
  { name: 'record', type: 'bool' as const },
];

export const applyVerb: VerbSpec = {
  name: 'apply',
  flags: [...FILE_FLAGS, { name: 'server-side', type: 'bool' }, { name: 'force-conflicts', type: 'bool' }, { name: 'field-manager', type: 'string' }, { name: 'force', type: 'bool' }, { name: 'prune', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }, { name: 'kustomize', short: 'k', type: 'string' }],
  run(k) {
    if (k.args.length) {
      throw new KubectlError(`Unexpected args: [${k.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
    }
    if (k.flags.has('kustomize')) throw new KubectlError('kustomize is not available in this simulator: apply the manifests with -f');
    return runApplyLike(k, 'apply');
  },
};

export { FILE_FLAGS };
