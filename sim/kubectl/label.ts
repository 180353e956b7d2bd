/**
 * kubectl label / annotate (kubectl pkg/cmd/label/label.go, annotate/annotate.go):
 * `key=value` adds, `key-` removes, --overwrite, -l, --all, TYPE/NAME forms.
 */
import type { KObject } from '../api/types';
import { clone } from '../api/clone';
import { validateLabelKey, validateLabelValue } from './label-validate';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, exitCodeOf } from './errors';
import { dryRunOf, parseResourceArgs, selectObjects, NO_RESOURCES_ERR } from './util';
import { PRINT_FLAGS, toPrinter, type ResourcePrinter } from './output';

function splitArgs(args: string[]): { resources: string[]; set: [string, string][]; remove: string[] } {
  const resources: string[] = [];
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const a of args) {
    if (a.includes('=')) {
      const i = a.indexOf('=');
      set.push([a.slice(0, i), a.slice(i + 1)]);
    } else if (a.endsWith('-') && resources.length) remove.push(a.slice(0, -1));
    else resources.push(a);
  }
  return { resources, set, remove };
}

function run(k: KubectlContext, field: 'labels' | 'annotations'): number {
  const dryRun = dryRunOf(k);
  // annotate.go Complete builds its printer before anything else; label.go asks o.ToPrinter(dataChangeMsg) for
  // one per object, after the object was written (label --dry-run keeps its suffix: kubernetes#111571)
  const annotatePrinter: ResourcePrinter | undefined = field === 'annotations' ? toPrinter(k, { operation: 'annotated', dryRun }) : undefined;
  const { resources, set, remove } = splitArgs(k.args);
  const what = field === 'labels' ? 'label' : 'annotation';
  if (!set.length && !remove.length && !k.flags.bool('list')) throw new KubectlError(`at least one ${what} update is required`);
  if (!resources.length) throw new KubectlError(NO_RESOURCES_ERR);
  for (const r of remove) for (const [key] of set) if (key === r) throw new KubectlError(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  if (field === 'labels') {
    for (const [key, value] of set) {
      const ke = validateLabelKey(key);
      if (ke) throw new KubectlError(`invalid label spec: ${key}=${value}: ${ke}`);
      const ve = validateLabelValue(value);
      if (ve) throw new KubectlError(`invalid label value: "${key}=${value}": ${ve}`);
    }
  }
  // Complete: "--list and --output may not be specified together"
  if (k.flags.bool('list') && k.flags.str('output')) throw new KubectlError('--list and --output may not be specified together');
  const refs = parseResourceArgs(resources);
  const selector = k.flags.str('selector');
  const all = k.flags.bool('all');
  if (!refs.some((r) => r.name) && !selector && !all) throw new KubectlError('resource(s) were provided, but no name was specified');
  const { objects, errors } = selectObjects(k, refs, { selector, all, allNamespaces: k.flags.bool('all-namespaces') });
  const errs: unknown[] = [...errors];
  const overwrite = k.flags.bool('overwrite');
  for (const { obj } of objects) {
    try {
      const cur = { ...((obj.metadata[field] as Record<string, string> | undefined) ?? {}) };
      if (k.flags.bool('list')) {
        for (const [kk, v] of Object.entries(cur)) k.out(`${kk}=${v}\n`);
        continue;
      }
      if (!overwrite) {
        const clash = set.filter(([key, v]) => key in cur && cur[key] !== v);
        if (clash.length) {
          if (field === 'labels') throw new KubectlError(`'${clash[0][0]}' already has a value (${cur[clash[0][0]]}), and --overwrite is false`);
          throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clash.map(([key]) => `'${key}' already has a value (${cur[key]})`).join('; ')}`);
        }
      }
      const before = JSON.stringify(cur);
      for (const r of remove) {
        if (!(r in cur)) k.out(`${what} "${r}" not found.\n`);
        delete cur[r];
      }
      for (const [key, v] of set) cur[key] = v;
      const after = JSON.stringify(cur);
      let op = field === 'labels' ? 'not labeled' : 'annotated';
      if (before !== after && field === 'labels') op = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
      // the object as changed here (labelFunc sets the map even when it ends up empty)
      const next = clone(obj) as KObject;
      next.metadata = { ...next.metadata, [field]: cur };
      // RunLabel / RunAnnotate send the merge patch from the object read to the changed one through
      // helper.Patch (a PATCH, authorized as verb patch), an unchanged object too (its patch is "{}"): the server
      // answers with the object as it is
      let written: KObject = obj;
      if (dryRun !== 'client') {
        let sent: KObject = obj;
        if (before !== after) {
          sent = clone(next) as KObject;
          if (!Object.keys(cur).length) delete (sent.metadata as Record<string, unknown>)[field];
        }
        written = k.sim.api.update(sent, { user: k.user, dryRun: dryRun === 'server', verb: 'patch' });
      }
      // label prints its own object (info.Object), annotate the server's answer
      if (annotatePrinter) annotatePrinter.print(dryRun === 'client' ? next : written);
      else toPrinter(k, { operation: op, dryRun }).print(next);
    } catch (e) {
      errs.push(e);
    }
  }
  if (errs.length) {
    k.err(renderErrors(errs));
    return exitCodeOf(errs);
  }
  return 0;
}

const FLAGS: VerbSpec['flags'] = [
  { name: 'overwrite', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'list', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'resource-version', type: 'string' },
  { name: 'local', type: 'bool' },
  ...PRINT_FLAGS,
  { name: 'filename', short: 'f', type: 'stringArray' },
];

export const labelVerb: VerbSpec = { name: 'label', flags: FLAGS, run: (k) => run(k, 'labels') };
export const annotateVerb: VerbSpec = { name: 'annotate', flags: FLAGS, run: (k) => run(k, 'annotations') };
