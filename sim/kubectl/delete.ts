/**
 * kubectl delete (kubectl pkg/cmd/delete/delete.go): by file, by name, by
 * `-l`, `--all`; cascade background/foreground/orphan; --grace-period, --force,
 * --now; prints `pod "nginx" deleted from default namespace` (kubectl ≥ 1.34)
 * and waits for the objects to be gone (the shell settles after the command).
 */
import type { StoredObject } from '../api/types';
import { kindGroup, type ResourceType } from '../api/resources';
import { isNotFound } from '../registry/errors';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, exitCodeOf, withSource } from './errors';
import { infosFromSources, parseResourceArgs, readSources, selectObjects, NO_RESOURCES_ERR, dryRunOf } from './util';

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

export function deletedLine(t: ResourceType, obj: { metadata: { name?: string; namespace?: string } }, op: string, output?: string): string {
  if (output === 'name') return `${kindGroup(t)}/${obj.metadata.name}\n`;
  const where = t.namespaced ? ` from ${obj.metadata.namespace} namespace` : '';
  return `${kindGroup(t)} "${obj.metadata.name}" ${op}${where}\n`;
}

function cascadeOf(k: KubectlContext): 'Background' | 'Foreground' | 'Orphan' {
  const v = k.flags.str('cascade') ?? 'background';
  switch (v) {
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      return 'Orphan';
  }
  throw new KubectlError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
}

export const deleteVerb: VerbSpec = {
  name: 'delete',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'field-selector', type: 'string' },
  ],
  run(k) {
    const files = k.flags.all('filename');
    const selector = k.flags.str('selector');
    const all = k.flags.bool('all');
    const allNs = k.flags.bool('all-namespaces');
    const force = k.flags.bool('force');
    let grace = k.flags.int('grace-period') ?? -1;
    if (k.flags.bool('now')) {
      if (grace >= 0) throw new KubectlError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (force && grace < 0) grace = 0;
    if (force && grace > 0 && grace !== 1) {
      // kubectl: --force with a grace period uses that period
    }
    if (force && grace === 0) k.err(FORCE_WARNING);
    if (!force && grace === 0) {
      // kubectl: --grace-period=0 without --force means 1 (immediate but graceful)
      grace = 1;
    }
    const propagationPolicy = cascadeOf(k);
    const dryRun = dryRunOf(k);
    const output = k.flags.str('output');
    const errs: unknown[] = [];
    const targets: { type: ResourceType; obj: { metadata: { name?: string; namespace?: string } }; source?: string }[] = [];

    if (files.length) {
      if (k.args.length) throw new KubectlError("Unexpected args: [" + k.args.join(' ') + "]\nSee 'kubectl delete -h' for help and examples");
      const { infos, errors } = infosFromSources(k, readSources(k, files, k.flags.bool('recursive')));
      errs.push(...errors);
      for (const i of infos) targets.push({ type: i.type, obj: { metadata: { name: i.name, namespace: i.namespace } }, source: i.source });
    } else {
      if (!k.args.length) throw new KubectlError(NO_RESOURCES_ERR);
      const refs = parseResourceArgs(k.args);
      const named = refs.some((r) => r.name);
      if (!named && !selector && !all && !k.flags.has('field-selector')) {
        throw new KubectlError('resource(s) were provided, but no name was specified');
      }
      if (named && (selector || all)) throw new KubectlError('name cannot be provided when a selector is specified');
      const { objects, errors } = selectObjects(k, refs, { selector, all, allNamespaces: allNs });
      for (const e of errors) if (!(k.flags.bool('ignore-not-found') && isNotFound(e))) errs.push(e);
      const field = k.flags.str('field-selector');
      for (const o of objects) {
        if (field && !matchField(o.obj, field)) continue;
        targets.push(o);
      }
      if (!named && !objects.length && !errs.length) {
        k.out('No resources found\n');
        return 0;
      }
    }
    for (const t of targets) {
      const name = t.obj.metadata.name ?? '';
      const ns = t.type.namespaced ? (t.obj.metadata.namespace ?? k.namespace) : '';
      try {
        if (dryRun !== 'client') {
          k.sim.api.delete(t.type.kind, ns, name, {
            user: k.user,
            propagationPolicy,
            gracePeriodSeconds: grace >= 0 ? grace : undefined,
            dryRun: dryRun === 'server',
          });
        }
        const op = force && grace === 0 ? 'force deleted' : 'deleted';
        k.out(deletedLine(t.type, { metadata: { name, namespace: ns } }, op + (dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''), output));
      } catch (e) {
        if (k.flags.bool('ignore-not-found') && isNotFound(e)) continue;
        errs.push(t.source ? withSource(e, 'deleting', t.source) : e);
      }
    }
    if (errs.length) {
      k.err(renderErrors(errs));
      return exitCodeOf(errs);
    }
    return 0;
  },
};

/** Field selectors kubectl users write: metadata.name, metadata.namespace, status.phase, spec.nodeName (`=`, `==`, `!=`). */
export function matchField(obj: StoredObject, sel: string): boolean {
  for (const part of sel.split(',')) {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) continue;
    const path = m[1].trim().split('.');
    let v: unknown = obj;
    for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    const s = v === undefined || v === null ? '' : String(v);
    if ((m[2] === '!=') === (s === m[3])) return false;
  }
  return true;
}
