/**
 * Node maintenance and waiting: kubectl cordon / uncordon / drain / taint
 * (kubectl pkg/cmd/drain/*.go, pkg/drain/filters.go, pkg/cmd/taint/taint.go)
 * and kubectl wait (pkg/cmd/wait/*.go), plus the verbs a simulator cannot
 * honour (edit needs an editor, top needs metrics-server).
 */
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { isNotFound, StatusError } from '../registry/errors';
import { isQualifiedName, isValidLabelValue } from '../validation/names';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, standardMessage } from './errors';
import { dryRunOf, nameLine, parseResourceArgs, selectObjects, typeOf, NO_RESOURCES_ERR } from './util';
import { parseSelector } from '../labels/parser';
import { PRINT_FLAGS, toPrinter } from './output';

function nodesFrom(k: KubectlContext, args: string[]): StoredObject[] {
  const sel = k.flags.has('selector') ? k.flags.str('selector') : undefined;
  const refs = args.map((a) => (a.includes('/') ? a : `node/${a}`));
  if (!refs.length && !sel) throw new KubectlError(NO_RESOURCES_ERR);
  if (!refs.length) {
    const s = parseSelector(sel!);
    return k.sim.api.list('Node', undefined, { user: k.user }).filter((n) => s.matches(n.metadata.labels ?? {}));
  }
  const { objects, errors } = selectObjects(k, parseResourceArgs(refs), {});
  if (errors.length) throw errors[0];
  return objects.map((o) => o.obj);
}

/**
 * DrainCmdOptions.RunCordonOrUncordon for one node (kubectl pkg/cmd/drain/drain.go): the CordonHelper's
 * PatchOrReplace sends a strategic merge patch of spec.unschedulable (pkg/drain/cordon.go: a PATCH, authorized as
 * verb patch); a failure is printed as `error: unable to cordon node "n": <err>` and the command goes on, exiting
 * 0 (kubernetes/kubernetes#89008), drain evicting the node's pods all the same (kubernetes/kubectl#1568).
 */
function setUnschedulable(k: KubectlContext, node: StoredObject, value: boolean): void {
  const nt = typeOf('nodes');
  const cur = !!(node.spec as Record<string, unknown> | undefined)?.unschedulable;
  if (cur === value) {
    k.out(nameLine(nt, node.metadata.name, value ? 'already cordoned' : 'already uncordoned'));
    return;
  }
  const next = clone(node) as KObject;
  const spec = { ...(next.spec as Record<string, unknown>) };
  if (value) spec.unschedulable = true;
  else delete spec.unschedulable;
  next.spec = spec;
  try {
    k.sim.api.update(next, { user: k.user, verb: 'patch' });
  } catch (e) {
    const msg = e instanceof StatusError ? e.status.message : e instanceof Error ? e.message : String(e);
    k.err(`error: unable to ${value ? 'cordon' : 'uncordon'} node "${node.metadata.name}": ${msg}\n`);
    return;
  }
  k.out(nameLine(nt, node.metadata.name, value ? 'cordoned' : 'uncordoned'));
}

const NODE_FLAGS: VerbSpec['flags'] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'dry-run', type: 'string' },
];

export const cordonVerb: VerbSpec = {
  name: 'cordon',
  flags: NODE_FLAGS,
  run(k) {
    for (const n of nodesFrom(k, k.args)) setUnschedulable(k, n, true);
    return 0;
  },
};

export const uncordonVerb: VerbSpec = {
  name: 'uncordon',
  flags: NODE_FLAGS,
  run(k) {
    for (const n of nodesFrom(k, k.args)) setUnschedulable(k, n, false);
    return 0;
  },
};

export const drainVerb: VerbSpec = {
  name: 'drain',
  flags: [
    ...NODE_FLAGS!,
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'pod-selector', type: 'string' },
  ],
  run(k) {
    const nodes = nodesFrom(k, k.args);
    let code = 0;
    for (const node of nodes) {
      setUnschedulable(k, node, true);
      const pods = k.sim.store.list('Pod').filter((p) => (p.spec as Record<string, unknown>)?.nodeName === node.metadata.name && !p.metadata.deletionTimestamp);
      const daemon: string[] = [];
      const unmanaged: string[] = [];
      const local: string[] = [];
      const evict: StoredObject[] = [];
      for (const p of pods) {
        const owner = (p.metadata.ownerReferences ?? []).find((o) => o.controller);
        const id = `${p.metadata.namespace}/${p.metadata.name}`;
        const phase = (p.status as Record<string, unknown> | undefined)?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') {
          evict.push(p);
          continue;
        }
        if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue; // static pods: ignored silently
        if (owner?.kind === 'DaemonSet') {
          daemon.push(id);
          continue;
        }
        if (!owner && !k.flags.bool('force')) unmanaged.push(id);
        const vols = ((p.spec as Record<string, any>)?.volumes ?? []) as Record<string, unknown>[];
        if (vols.some((v) => v.emptyDir) && !k.flags.bool('delete-emptydir-data') && !k.flags.bool('delete-local-data')) local.push(id);
        evict.push(p);
      }
      const problems: string[] = [];
      if (daemon.length && !k.flags.bool('ignore-daemonsets')) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}`);
      if (unmanaged.length) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
      if (local.length) problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`);
      if (problems.length) {
        k.err(`error: unable to drain node "${node.metadata.name}" due to error: ${problems.join(', ')}, continuing command...\n`);
        k.err(`There are pending nodes to be drained:\n ${node.metadata.name}\n${problems.join('\n')}\n`);
        code = 1;
        continue;
      }
      const warnings: string[] = [];
      if (daemon.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(', ')}`);
      if (unmanaged.length === 0 && k.flags.bool('force')) {
        const bare = evict.filter((p) => !(p.metadata.ownerReferences ?? []).some((o) => o.controller)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
        if (bare.length) warnings.push(`deleting Pods that declare no controller: ${bare.join(', ')}`);
      }
      if (warnings.length) k.err(`Warning: ${warnings.join('; ')}\n`);
      for (const p of evict) k.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
      for (const p of evict) {
        try {
          k.sim.api.delete('Pod', p.metadata.namespace!, p.metadata.name, { user: k.user });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      k.sim.runtime.settle();
      for (const p of evict) k.out(`pod/${p.metadata.name} evicted\n`);
      k.out(nameLine(typeOf('nodes'), node.metadata.name, 'drained'));
    }
    return code;
  },
};

/*
 * kubectl taint (kubectl pkg/cmd/taint/taint.go and utils.go; staging/src/k8s.io/kubectl/pkg/cmd/taint/).
 * Complete: resources before taint changes, parseTaints (a usage error); Validate: only nodes, no
 * taint both modified and removed, `--all` xor `-l` or names; RunTaint: per node, updateTaints
 * (checkIfTaintsAlreadyExists, reorganizeTaints) and a patch; errors of the nodes are printed at the end.
 */

export interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

class TaintSpecError extends Error {}

/** utilerrors.Aggregate of client-side errors (its Error() is `[a, b]`). */
class TaintAggregate extends Error {
  constructor(readonly errors: string[]) {
    const seen = [...new Set(errors)];
    super(seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`);
  }
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTaintEffect */
function validateTaintEffect(effect: string): void {
  if (!EFFECTS.includes(effect)) throw new TaintSpecError(`invalid taint effect: ${effect}, unsupported taint effect`);
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. */
export function parseTaint(st: string): Taint {
  let key: string;
  let value = '';
  let effect = '';
  const parts = st.split(':');
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    validateTaintEffect(effect);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new TaintSpecError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new TaintSpecError(`invalid taint spec: ${st}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

/** parseTaints: taints to add (an effect is required; unique by key and effect) and taints to remove (key, effect). */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const unique = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new TaintSpecError(`invalid taint spec: ${spec}`);
    const u = `${t.effect}\u0000${t.key}`;
    // %v of a corev1.Taint value: {Key Value Effect TimeAdded}
    if (unique.has(u)) throw new TaintSpecError(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    unique.add(u);
    add.push(t);
  }
  return { add, remove };
}

/** Taint.ToString (k8s.io/api core/v1 taint.go). */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/**
 * fmt.Sprintf(format) with no operands, as cmdutil.UsageErrorf(cmd, err.Error()) formats the message:
 * `%%` is `%`, any other verb prints `%!<verb>(MISSING)`, a trailing `%` prints `%!(NOVERB)`.
 */
export function goSprintfNoArgs(format: string): string {
  let out = '';
  const cps = [...format];
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] !== '%') {
      out += cps[i];
      continue;
    }
    i++;
    while (i < cps.length && '+-# 0'.includes(cps[i])) i++;
    if (cps[i] === '*') {
      out += '%!(BADWIDTH)';
      i++;
    } else while (i < cps.length && /[0-9]/.test(cps[i])) i++;
    if (cps[i] === '.') {
      i++;
      if (cps[i] === '*') {
        out += '%!(BADPREC)';
        i++;
      } else while (i < cps.length && /[0-9]/.test(cps[i])) i++;
    }
    if (i >= cps.length) {
      out += '%!(NOVERB)';
      break;
    }
    out += cps[i] === '%' ? '%' : `%!${cps[i]}(MISSING)`;
  }
  return out;
}

function usageError(msg: string): KubectlError {
  return new KubectlError(`${goSprintfNoArgs(msg)}\nSee 'kubectl taint -h' for help and examples`);
}

/** reorganizeTaints: new taints first, then the old ones they do not replace; then the removals. */
export function reorganizeTaints(oldTaints: Taint[], overwrite: boolean, toAdd: Taint[], toRemove: Taint[]): { operation: string; taints: Taint[]; errors: string[] } {
  let taints: Taint[] = [...toAdd];
  for (const o of oldTaints) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = oldTaints.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of toRemove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = taints.length !== before; // deleteTaints reports the last removal only
    if (!deleted) errors.push(`taint ${JSON.stringify(taintString(r))} not found`); // %q of a validated key: ASCII
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

/** checkErr / MultipleErrors (kubectl pkg/cmd/util/helpers.go) for the errors of the visited nodes. */
function renderTaintErrors(errs: unknown[]): string {
  if (errs.length === 1 && errs[0] instanceof TaintAggregate && errs[0].errors.length > 1) return errs[0].errors.join('\n') + '\n';
  if (errs.length === 1) return renderErrors(errs);
  // MultipleErrors: API errors get StandardErrorMessage, others print bare
  return errs.map((e) => (e instanceof StatusError ? standardMessage(e) : e instanceof Error ? e.message : String(e))).join('\n') + '\n';
}

export const taintVerb: VerbSpec = {
  name: 'taint',
  flags: [...NODE_FLAGS!, { name: 'overwrite', type: 'bool' }, { name: 'all', type: 'bool' }, ...PRINT_FLAGS],
  run(k) {
    const dryRun = dryRunOf(k);
    // Complete: resources, then taint changes
    const resources: string[] = [];
    const taintArgs: string[] = [];
    let met = false;
    for (const a of k.args) {
      const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
      if (isTaint) {
        met = true;
        taintArgs.push(a);
      } else if (!met) resources.push(a);
      else throw new KubectlError(`all resources must be specified before taint changes: ${a}`);
    }
    if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name>');
    if (taintArgs.length < 1) throw new KubectlError('at least one taint update is required');
    let add: Taint[];
    let remove: Taint[];
    try {
      ({ add, remove } = parseTaints(taintArgs));
    } catch (e) {
      if (e instanceof TaintSpecError) throw usageError(e.message);
      throw e;
    }
    // Validate
    const resourceType = resources[0].toLowerCase();
    const t = typeOf(resourceType);
    if (t.kind !== 'Node') throw new KubectlError(`invalid resource type ${resourceType}, only node types are supported`);
    const conflicts: string[] = [];
    for (const a of add) for (const r of remove) if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`{"${r.key}":"${r.effect ?? ''}"}`);
    if (conflicts.length) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const all = k.flags.bool('all');
    const selector = k.flags.str('selector') ?? '';
    if (all && selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !selector && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
    // RunTaint
    const errs: unknown[] = [];
    let nodes: StoredObject[] = [];
    if (all || selector) {
      const s = selector ? parseSelector(selector) : undefined;
      nodes = k.sim.api.list('Node', undefined, { user: k.user }).filter((n) => !s || s.matches(n.metadata.labels ?? {}));
    } else {
      for (const name of resources.slice(1)) {
        try {
          nodes.push(k.sim.api.get('Node', '', name, { user: k.user }));
        } catch (e) {
          errs.push(e);
        }
      }
    }
    const overwrite = k.flags.bool('overwrite');
    for (const node of nodes) {
      try {
        const oldTaints = (((node.spec as Record<string, unknown>)?.taints as Taint[]) ?? []);
        if (!overwrite) {
          // checkIfTaintsAlreadyExists
          const exists: string[] = [];
          for (const a of add) for (const o of oldTaints) if (a.key === o.key && a.effect === o.effect) exists.push(a.key);
          if (exists.length) throw new KubectlError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
        }
        const { operation, taints, errors } = reorganizeTaints(oldTaints, overwrite, add, remove);
        if (errors.length) throw new TaintAggregate(errors);
        const next = clone(node) as KObject;
        const spec = { ...(next.spec as Record<string, unknown>) };
        if (taints.length) spec.taints = taints;
        else delete spec.taints;
        next.spec = spec;
        // RunTaint: helper.Patch of the two-way strategic merge patch (a PATCH, verb patch); its error as it came
        const result = dryRun === 'client' ? next : k.sim.api.update(next, { user: k.user, dryRun: dryRun === 'server', verb: 'patch' });
        // RunTaint: o.ToPrinter(operation) once the node is patched, printing the (typed) node
        toPrinter(k, { operation, dryRun }).print(result, true);
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length) {
      k.err(renderTaintErrors(errs));
      return 1;
    }
    return 0;
  },
};

function parseDuration(s: string | undefined, dflt: number): number {
  if (!s) return dflt;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = re.exec(s))) {
    any = true;
    total += Number(m[1]) * ({ ms: 0.001, s: 1, m: 60, h: 3600 } as Record<string, number>)[m[2]];
  }
  if (!any && /^\d+$/.test(s)) return Number(s);
  return any ? total : dflt;
}

export const waitVerb: VerbSpec = {
  name: 'wait',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string', default: '30s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    ...PRINT_FLAGS,
  ],
  run(k) {
    // WaitFlags.ToOptions builds the printer ("condition met") first
    const printer = toPrinter(k, { operation: 'condition met' });
    const cond = k.flags.str('for');
    if (!cond) throw new KubectlError('--for must be specified');
    const refs = parseResourceArgs(k.args);
    if (!refs.length) throw new KubectlError(NO_RESOURCES_ERR);
    const selector = k.flags.str('selector');
    const { objects, errors } = selectObjects(k, refs, { selector, all: k.flags.bool('all'), allNamespaces: k.flags.bool('all-namespaces') });
    if (errors.length) throw errors[0];
    if (!objects.length) throw new KubectlError('no matching resources found');
    const timeout = parseDuration(k.flags.str('timeout'), 30) * 1000;
    const deadline = k.sim.clock.now() + timeout;
    const check = (o: { type: { kind: string }; obj: StoredObject }): boolean => {
      const live = k.sim.store.get(o.type.kind, o.obj.metadata.namespace ?? '', o.obj.metadata.name);
      if (cond === 'delete') return !live || live.metadata.uid !== o.obj.metadata.uid;
      if (!live) return false;
      const m = /^condition=([^=]+)(?:=(.*))?$/i.exec(cond);
      if (m) {
        const want = (m[2] ?? 'True').toLowerCase();
        return ((live.status as Record<string, any> | undefined)?.conditions ?? []).some((c: any) => c.type.toLowerCase() === m[1].toLowerCase() && String(c.status).toLowerCase() === want);
      }
      const jp = /^jsonpath=\{?\.?([^}=]+)\}?=(.*)$/.exec(cond);
      if (jp) {
        let v: unknown = live;
        for (const p of jp[1].replace(/^\./, '').split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
        return String(v) === jp[2].replace(/^['"]|['"]$/g, '');
      }
      throw new KubectlError(`unrecognized condition: "${cond}"`);
    };
    // the object as last seen (a deleted one as it was)
    const printed = (o: { type: { kind: string }; obj: StoredObject }) => printer.print(k.sim.store.get(o.type.kind, o.obj.metadata.namespace ?? '', o.obj.metadata.name) ?? o.obj);
    const pending = new Set(objects.map((_, i) => i));
    let code = 0;
    for (;;) {
      for (const i of [...pending]) {
        if (check(objects[i])) {
          pending.delete(i);
          printed(objects[i]);
        }
      }
      if (!pending.size) break;
      const next = k.sim.clock.nextAt();
      if (next === undefined || next > deadline) {
        k.sim.runtime.advance(Math.max(0, deadline - k.sim.clock.now()));
        for (const i of pending) {
          if (check(objects[i])) {
            printed(objects[i]);
            continue;
          }
          k.err(`error: timed out waiting for the condition on ${objects[i].type.resource}/${objects[i].obj.metadata.name}\n`);
          code = 1;
        }
        break;
      }
      k.sim.runtime.advance(Math.max(1, next - k.sim.clock.now()));
    }
    return code;
  },
};

export const topVerb: VerbSpec = {
  name: 'top',
  flags: [{ name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'containers', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }],
  run() {
    throw new KubectlError('Metrics API not available');
  },
};
