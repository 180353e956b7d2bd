/**
 * kubectl patch / scale / set image / set env / replace
 * (kubectl pkg/cmd/patch/patch.go, scale/scale.go, set/set_image.go,
 * set/set_env.go, replace/replace.go).
 */
import yaml from 'js-yaml';
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { deepEqual } from '../registry/apiserver';
import { StatusError } from '../registry/errors';
import type { ResourceType } from '../api/resources';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, exitCodeOf, withSource } from './errors';
import { GO_YAML_SCHEMA } from './yaml';
import { dryRunOf, infosFromSources, parseResourceArgs, readSources, selectObjects, NO_RESOURCES_ERR, sendPatch } from './util';
import { PRINT_FLAGS, toPrinter } from './output';
import { jsonMergePatch, jsonPatch, PatchError, strategicMerge } from './merge';
import { locationFS, resolvePath } from '../shell/interp';
import { deletedLine } from './delete';

function finish(k: KubectlContext, errs: unknown[]): number {
  if (errs.length) {
    k.err(renderErrors(errs));
    return exitCodeOf(errs);
  }
  return 0;
}

/** Objects named by args / -f / -l / --all. */
function targets(k: KubectlContext, args: string[]): { objects: { type: ResourceType; obj: StoredObject }[]; errors: unknown[] } {
  const files = k.flags.all('filename');
  if (files.length) {
    const { infos, errors } = infosFromSources(k, readSources(k, files));
    const objects: { type: ResourceType; obj: StoredObject }[] = [];
    for (const i of infos) {
      try {
        objects.push({ type: i.type, obj: k.sim.api.get(i.type.kind, i.namespace, i.name, { user: k.user }) });
      } catch (e) {
        errors.push(e);
      }
    }
    return { objects, errors };
  }
  if (!args.length) throw new KubectlError(NO_RESOURCES_ERR);
  const refs = parseResourceArgs(args);
  const selector = k.flags.has('selector') ? k.flags.str('selector') : undefined;
  const all = k.flags.has('all') && k.flags.bool('all');
  if (!refs.some((r) => r.name) && !selector && !all) throw new KubectlError('resource(s) were provided, but no name was specified');
  return selectObjects(k, refs, { selector, all });
}

function parsePatch(text: string): unknown {
  try {
    return yaml.load(text, { schema: GO_YAML_SCHEMA, json: true });
  } catch (e) {
    const ye = e as { reason?: string; mark?: { line: number } };
    throw new KubectlError(`unable to parse "${text}": yaml: line ${(ye.mark?.line ?? 0) + 1}: did not find expected node content`);
  }
}

export const patchVerb: VerbSpec = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'dry-run', type: 'string' },
    { name: 'subresource', type: 'string' },
    ...PRINT_FLAGS,
    { name: 'local', type: 'bool' },
  ],
  run(k) {
    let text = k.flags.str('patch');
    const pf = k.flags.str('patch-file');
    if (pf) {
      const fs = locationFS(k.sim, k.cmd.location);
      const r = 'error' in fs ? fs : fs.read(resolvePath(k.cmd.env.get('PWD') ?? '/root', pf));
      if ('error' in r) throw new KubectlError(`unable to read patch file: open ${pf}: no such file or directory`);
      text = r.data;
    }
    if (text === undefined) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    const type = k.flags.str('type') ?? 'strategic';
    if (!['strategic', 'merge', 'json'].includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
    const patch = parsePatch(text);
    const dryRun = dryRunOf(k);
    const { objects, errors } = targets(k, k.args);
    const errs = [...errors];
    for (const { obj } of objects) {
      try {
        let next: KObject;
        try {
          if (type === 'json') next = jsonPatch(clone(obj), patch) as KObject;
          else if (type === 'merge') next = jsonMergePatch(clone(obj), patch) as KObject;
          else next = strategicMerge(clone(obj), patch) as KObject;
        } catch (e) {
          if (e instanceof PatchError) throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: 'UnprocessableEntity' as never, code: 422 });
          throw e;
        }
        // RunPatch sends the patch whatever it holds (an empty one too), then asks o.ToPrinter(patchOperation(didPatch))
        // for a printer, didPatch := !reflect.DeepEqual(info.Object, patchedObj): the server's answer against the
        // object read before the patch, so a patch the server makes nothing of is "patched (no change)". With
        // --dry-run=client nothing is sent: the object patched here against the one read.
        const print = (op: string, o: KObject) => toPrinter(k, { operation: op, dryRun }).print(o);
        let result: KObject = next;
        if (dryRun !== 'client') {
          const sub = k.flags.str('subresource');
          // helper.Patch: a PATCH, authorized as verb patch (of pods/status with --subresource=status)
          if (sub === 'status') result = k.sim.api.updateStatus(next, { user: k.user, dryRun: dryRun === 'server', verb: 'patch' });
          else result = k.sim.api.update(next, { user: k.user, dryRun: dryRun === 'server', verb: 'patch' });
        }
        print(deepEqual(result, obj) ? 'patched (no change)' : 'patched', result);
      } catch (e) {
        errs.push(e);
      }
    }
    return finish(k, errs);
  },
};

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

export const scaleVerb: VerbSpec = {
  name: 'scale',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'timeout', type: 'string' },
    ...PRINT_FLAGS,
  ],
  run(k) {
    const replicas = k.flags.int('replicas') ?? -1;
    if (!k.flags.has('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
    // ScaleOptions.Complete: the dry-run strategy and the printer, before Validate and any request
    const dryRun = dryRunOf(k);
    const printer = toPrinter(k, { operation: 'scaled', dryRun });
    if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const { objects, errors } = targets(k, k.args);
    const errs = [...errors];
    if (!objects.length && !errs.length) throw new KubectlError('no objects passed to scale');
    const current = k.flags.int('current-replicas') ?? -1;
    const resourceVersion = k.flags.str('resource-version') ?? '';
    // RunScale: only a precondition the user asked for (--current-replicas, --resource-version) makes the scaler
    // read the Scale first and PUT it back (an update of the scale subresource); without one it sends a blind
    // merge patch {"spec":{"replicas":N}} (a PATCH of the scale subresource: kubectl pkg/scale/scale.go ScaleSimple)
    const precondition = current !== -1 || resourceVersion !== '';
    for (const { type, obj } of objects) {
      try {
        if (!SCALABLE.has(type.kind)) {
          throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
        }
        if (dryRun !== 'client') {
          if (precondition) {
            // Scales(ns).Get, then ScalePrecondition.validate against the Scale read
            k.sim.api.authorize(k.user, 'get', type, obj.metadata.namespace ?? '', obj.metadata.name, 'scale');
            const have = (obj.spec as { replicas?: number } | undefined)?.replicas ?? 1;
            if (current !== -1 && have !== current) throw new KubectlError(`Expected replicas to be ${current}, was ${have}`);
            const rv = obj.metadata.resourceVersion ?? '';
            if (resourceVersion && rv !== resourceVersion) throw new KubectlError(`Expected resource version to be ${resourceVersion}, was ${rv}`);
          }
          const next = clone(obj) as KObject;
          next.spec = { ...(next.spec as object), replicas };
          k.sim.api.update(next, { user: k.user, subresource: 'scale', dryRun: dryRun === 'server', verb: precondition ? 'update' : 'patch' });
        }
        // RunScale prints info.Object: the object as it was read, before the scale
        printer.print(obj);
      } catch (e) {
        errs.push(e);
      }
    }
    return finish(k, errs);
  },
};

/** The pod template spec of a workload (or the pod's own spec). */
export function podSpecOf(o: KObject): Record<string, unknown> | undefined {
  const s = o.spec as Record<string, any> | undefined;
  if (!s) return undefined;
  if (o.kind === 'Pod') return s;
  if (o.kind === 'CronJob') return s.jobTemplate?.spec?.template?.spec;
  return s.template?.spec;
}

const SET_FLAGS: VerbSpec['flags'] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'dry-run', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'record', type: 'bool' },
  ...PRINT_FLAGS,
  { name: 'containers', short: 'c', type: 'string', default: '*' },
  { name: 'env', short: 'e', type: 'stringArray' },
  { name: 'from', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'overwrite', type: 'bool', default: true },
  { name: 'limits', type: 'string' },
  { name: 'requests', type: 'string' },
  { name: 'serviceaccount', type: 'string' },
];

/*
 * set image|env|resources|serviceaccount Run: the strategic merge patch goes through helper.Patch (util sendPatch); a
 * failed one joins the command's errors as fmt.Errorf(prefix + "%v", err) (set_image.go "failed to patch image
 * update to pod template: %v", set_env.go "failed to patch env update to pod template: %v", set_resources.go
 * "failed to patch resources update to pod template %v", set_serviceaccount.go "failed to patch ServiceAccountName %v").
 */

/**
 * set image|env|resources|serviceaccount Complete: the dry-run strategy and the printer before anything is read;
 * each changed object prints as patched here (--dry-run=client) or as the server answered, a typed object
 * (the builder's WithScheme: -o json in Go's field order).
 */
function setPrinter(k: KubectlContext, operation: string): (local: KObject, send: () => KObject) => void {
  const dryRun = dryRunOf(k);
  const printer = toPrinter(k, { operation, dryRun });
  return (local, send) => printer.print(dryRun === 'client' ? local : send(), true);
}

function setImage(k: KubectlContext, args: string[]): number {
  const printed = setPrinter(k, 'image updated');
  const resources = args.filter((a) => !a.includes('='));
  const pairs = args.filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as [string, string]);
  if (!pairs.length) throw new KubectlError('at least one image update is required');
  const dryRun = dryRunOf(k);
  const { objects, errors } = targets(k, resources);
  const errs = [...errors];
  for (const { type, obj } of objects) {
    try {
      const next = clone(obj) as KObject;
      const spec = podSpecOf(next);
      if (!spec) throw new KubectlError(`error: ${type.resource}/${obj.metadata.name} does not have a pod template`);
      const all = [...((spec.initContainers as any[]) ?? []), ...((spec.containers as any[]) ?? [])];
      for (const [name, image] of pairs) {
        const hits = name === '*' ? all : all.filter((c) => c.name === name);
        if (!hits.length) throw new KubectlError(`unable to find container named "${name}"`);
        for (const c of hits) c.image = image;
      }
      if (deepEqual(next, obj)) continue;
      if (k.flags.bool('record')) {
        // cmdutil.ChangeCauseAnnotation records the command line, flags as --name=value
        const line = k.cmd.argv.slice(1).map((a) => (a === '--record' ? '--record=true' : a)).join(' ');
        next.metadata = { ...next.metadata, annotations: { ...(next.metadata?.annotations ?? {}), 'kubernetes.io/change-cause': `kubectl ${line}`.trim() } };
      }
      printed(next, () => sendPatch(k, next, 'failed to patch image update to pod template: '));
    } catch (e) {
      errs.push(e);
    }
  }
  return finish(k, errs);
}

function setEnv(k: KubectlContext, args: string[]): number {
  const printed = setPrinter(k, 'env updated');
  const resources = args.filter((a) => !a.includes('=') && !/^[A-Za-z_][A-Za-z0-9_.-]*-$/.test(a));
  const sets = [...args, ...k.flags.all('env')].filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as [string, string]);
  const removes = args.filter((a) => /^[A-Za-z_][A-Za-z0-9_.-]*-$/.test(a) && !resources.includes(a)).map((a) => a.slice(0, -1));
  const from = k.flags.str('from');
  if (!sets.length && !removes.length && !from && !k.flags.bool('list')) throw new KubectlError('at least one environment variable must be provided');
  const dryRun = dryRunOf(k);
  const { objects, errors } = targets(k, resources);
  const errs = [...errors];
  const which = k.flags.str('containers') ?? '*';
  for (const { type, obj } of objects) {
    try {
      const next = clone(obj) as KObject;
      const spec = podSpecOf(next);
      if (!spec) continue;
      const cs = ((spec.containers as any[]) ?? []).filter((c) => which === '*' || c.name === which);
      if (k.flags.bool('list')) {
        for (const c of cs) {
          k.out(`# ${type.kind} ${obj.metadata.name}, container ${c.name}\n`);
          for (const e of c.env ?? []) k.out(e.value !== undefined ? `${e.name}=${e.value}\n` : `# ${e.name} from ${Object.keys(e.valueFrom ?? {})[0] ?? 'source'}\n`);
        }
        continue;
      }
      for (const c of cs) {
        let env: any[] = [...(c.env ?? [])];
        if (from) {
          const [kind, name] = from.split('/');
          const ref = /^(cm|configmap|configmaps)$/.test(kind) ? 'configMapRef' : 'secretRef';
          c.envFrom = [...(c.envFrom ?? []), { [ref]: { name } }];
        }
        for (const [n, v] of sets) {
          const i = env.findIndex((e) => e.name === n);
          if (i >= 0) env[i] = { name: n, value: v };
          else env.push({ name: n, value: v });
        }
        env = env.filter((e) => !removes.includes(e.name));
        if (env.length) c.env = env;
        else delete c.env;
      }
      if (deepEqual(next, obj)) continue;
      printed(next, () => sendPatch(k, next, 'failed to patch env update to pod template: '));
    } catch (e) {
      errs.push(e);
    }
  }
  return finish(k, errs);
}

function setResources(k: KubectlContext, args: string[]): number {
  const printed = setPrinter(k, 'resource requirements updated');
  const parse = (s?: string) => Object.fromEntries((s ?? '').split(',').filter(Boolean).map((p) => p.split('=') as [string, string]));
  const limits = parse(k.flags.str('limits'));
  const requests = parse(k.flags.str('requests'));
  if (!Object.keys(limits).length && !Object.keys(requests).length) throw new KubectlError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const dryRun = dryRunOf(k);
  const { objects, errors } = targets(k, args);
  const errs = [...errors];
  const which = k.flags.str('containers') ?? '*';
  for (const { obj } of objects) {
    try {
      const next = clone(obj) as KObject;
      const spec = podSpecOf(next);
      for (const c of ((spec?.containers as any[]) ?? []).filter((c) => which === '*' || c.name === which)) {
        c.resources = { ...(c.resources ?? {}) };
        if (Object.keys(limits).length) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
        if (Object.keys(requests).length) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
      }
      if (deepEqual(next, obj)) continue;
      printed(next, () => sendPatch(k, next, 'failed to patch resources update to pod template '));
    } catch (e) {
      errs.push(e);
    }
  }
  return finish(k, errs);
}

export const setVerb: VerbSpec = {
  name: 'set',
  flags: SET_FLAGS,
  run(k) {
    const [sub, ...rest] = k.args;
    switch (sub) {
      case 'image':
        return setImage(k, rest);
      case 'env':
        return setEnv(k, rest);
      case 'resources':
        return setResources(k, rest);
      case 'serviceaccount':
      case 'sa': {
        const printed = setPrinter(k, 'serviceaccount updated');
        const sa = rest[rest.length - 1];
        const { objects, errors } = targets(k, rest.slice(0, -1));
        const errs = [...errors];
        for (const { obj } of objects) {
          try {
            const next = clone(obj) as KObject;
            const spec = podSpecOf(next);
            if (spec) spec.serviceAccountName = sa;
            // set_serviceaccount.go Run sends its patch even when it is "{}" (no check for an empty one)
            printed(next, () => sendPatch(k, next, 'failed to patch ServiceAccountName '));
          } catch (e) {
            errs.push(e);
          }
        }
        return finish(k, errs);
      }
      case undefined:
        throw new KubectlError('you must specify a subcommand: image, env, resources, serviceaccount');
      default:
        throw new KubectlError(`unknown command "${sub}" for "kubectl set"`);
    }
  },
};

/** The object of a file as the builder gives it: its namespace set for a namespaced kind. */
function withNamespaceOf(i: { obj: KObject; namespace: string; type: ResourceType }): KObject {
  const o = clone(i.obj) as KObject;
  o.metadata = { ...(o.metadata ?? {}) };
  if (i.type.namespaced) o.metadata.namespace = i.namespace;
  return o;
}

export const replaceVerb: VerbSpec = {
  name: 'replace',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'force', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'save-config', type: 'bool' },
    ...PRINT_FLAGS,
    { name: 'grace-period', type: 'int', default: -1 },
  ],
  run(k) {
    // ReplaceOptions.Complete: the dry-run strategy, the printer, then RequireFilenameOrKustomize; Validate after it
    const dryRun = dryRunOf(k);
    const printer = toPrinter(k, { operation: 'replaced', dryRun });
    const files = k.flags.all('filename');
    if (!files.length) throw new KubectlError('must specify one of -f and -k');
    const force = k.flags.bool('force');
    if ((k.flags.int('grace-period') ?? -1) >= 0 && !force) throw new KubectlError('--grace-period must have --force specified');
    if (force && dryRun !== 'none') throw new KubectlError('--dry-run can not be used when --force is set');
    const { infos, errors } = infosFromSources(k, readSources(k, files));
    const errs = [...errors];
    for (const i of infos) {
      try {
        const o = clone(i.obj) as KObject;
        o.metadata = { ...(o.metadata ?? {}) };
        if (i.type.namespaced) o.metadata.namespace = i.namespace;
        if (force) {
          try {
            k.sim.api.delete(i.type.kind, i.namespace, i.name, { user: k.user, gracePeriodSeconds: 0 });
            k.out(deletedLine(i.type, { metadata: { name: i.name, namespace: i.namespace } }, 'deleted'));
          } catch {
            /* not there: just create */
          }
          k.sim.runtime.settle();
          printer.print(k.sim.api.create(o, { user: k.user }));
        } else {
          const cur = k.sim.api.get(i.type.kind, i.namespace, i.name, { user: k.user });
          // resource.Helper.Replace (cli-runtime pkg/resource/helper.go, overwrite true): an object without a
          // resourceVersion gets the server's, so the update is unconditional; one the file carries is sent as it
          // is, and the server refuses it when the object changed since (Conflict). The uid is the file's too.
          if (!o.metadata.resourceVersion) o.metadata.resourceVersion = cur.metadata.resourceVersion;
          if (i.type.kind !== 'Pod' && cur.status && !o.status) o.status = cur.status;
          // Run: --dry-run=client prints the object read from the file; otherwise info.Refresh(the server's
          // answer), then PrintObj(info.Object)
          if (dryRun === 'client') printer.print(withNamespaceOf(i));
          else {
            // a PUT: the server makes the object's uid a precondition
            printer.print(k.sim.api.update(o, { user: k.user, dryRun: dryRun === 'server', uidPrecondition: o.metadata.uid }));
          }
        }
      } catch (e) {
        errs.push(withSource(e, 'replacing', i.source));
      }
    }
    return finish(k, errs);
  },
};
