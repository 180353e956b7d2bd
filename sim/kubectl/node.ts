/**
 * Node maintenance and waiting: kubectl cordon / uncordon / drain / taint
 * (kubectl pkg/cmd/drain/*.go, pkg/drain/filters.go, pkg/cmd/taint/taint.go)
 * and kubectl wait (pkg/cmd/wait/*.go), plus the verbs a simulator cannot
 * honour (edit needs an editor, top needs metrics-server).
 */
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { kindGroup } from '../api/resources';
import { isNotFound } from '../registry/errors';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, exitCodeOf } from './errors';
import { nameLine, parseResourceArgs, selectObjects, typeOf, NO_RESOURCES_ERR } from './util';
import { parseSelector } from '../labels/parser';

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

function setUnschedulable(k: KubectlContext, node: StoredObject, value: boolean): string {
  const nt = typeOf('nodes');
  const cur = !!(node.spec as Record<string, unknown> | undefined)?.unschedulable;
  if (cur === value) return nameLine(nt, node.metadata.name, value ? 'already cordoned' : 'already uncordoned');
  const next = clone(node) as KObject;
  const spec = { ...(next.spec as Record<string, unknown>) };
  if (value) spec.unschedulable = true;
  else delete spec.unschedulable;
  next.spec = spec;
  k.sim.api.update(next, { user: k.user });
  return nameLine(nt, node.metadata.name, value ? 'cordoned' : 'uncordoned');
}

const NODE_FLAGS: VerbSpec['flags'] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'dry-run', type: 'string' },
];

export const cordonVerb: VerbSpec = {
  name: 'cordon',
  flags: NODE_FLAGS,
  run(k) {
    for (const n of nodesFrom(k, k.args)) k.out(setUnschedulable(k, n, true));
    return 0;
  },
};

export const uncordonVerb: VerbSpec = {
  name: 'uncordon',
  flags: NODE_FLAGS,
  run(k) {
    for (const n of nodesFrom(k, k.args)) k.out(setUnschedulable(k, n, false));
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
      k.out(setUnschedulable(k, node, true));
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

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function parseTaint(spec: string): { taint: Taint; remove: boolean } {
  const remove = spec.endsWith('-');
  const s = remove ? spec.slice(0, -1) : spec;
  const [kv, effect = ''] = s.split(':');
  const eq = kv.indexOf('=');
  const key = eq >= 0 ? kv.slice(0, eq) : kv;
  const value = eq >= 0 ? kv.slice(eq + 1) : undefined;
  if (!remove && !effect) throw new KubectlError(`unknown taint spec: ${spec}`);
  if (effect && !EFFECTS.includes(effect)) throw new KubectlError(`invalid taint spec: ${spec}, unsupported taint effect`);
  return { taint: { key, ...(value !== undefined && value !== '' ? { value } : {}), effect }, remove };
}

export const taintVerb: VerbSpec = {
  name: 'taint',
  flags: [...NODE_FLAGS!, { name: 'overwrite', type: 'bool' }, { name: 'all', type: 'bool' }],
  run(k) {
    const [first, ...rest] = k.args;
    if (!first) throw new KubectlError(NO_RESOURCES_ERR);
    const t = typeOf(first.includes('/') ? first.split('/')[0] : first);
    if (t.kind !== 'Node') throw new KubectlError(`invalid resource type ${first.split('/')[0]}, only node types are supported`);
    const names = first.includes('/') ? [first.split('/')[1]] : [];
    const specs: string[] = [];
    for (const a of first.includes('/') ? rest : rest) {
      if (a.includes(':') || a.includes('=') || a.endsWith('-')) specs.push(a);
      else names.push(a);
    }
    if (!specs.length) throw new KubectlError('at least one taint update is required');
    const parsed = specs.map(parseTaint);
    const nodes = k.flags.bool('all') ? k.sim.api.list('Node', undefined, { user: k.user }) : nodesFrom(k, names);
    const errs: unknown[] = [];
    for (const node of nodes) {
      try {
        let taints: Taint[] = [...(((node.spec as Record<string, unknown>)?.taints as Taint[]) ?? [])];
        let added = false;
        let removed = false;
        for (const { taint, remove } of parsed) {
          if (remove) {
            const before = taints.length;
            taints = taints.filter((x) => !(x.key === taint.key && (!taint.effect || x.effect === taint.effect)));
            if (taints.length === before) throw new KubectlError(`taint "${taint.key}${taint.effect ? ':' + taint.effect : ''}" not found`);
            removed = true;
            continue;
          }
          const i = taints.findIndex((x) => x.key === taint.key && x.effect === taint.effect);
          if (i >= 0) {
            if (!k.flags.bool('overwrite')) throw new KubectlError(`node ${node.metadata.name} already has ${taint.key} taint(s) with same effect(s) and --overwrite is false`);
            taints[i] = taint;
          } else taints.push(taint);
          added = true;
        }
        const next = clone(node) as KObject;
        const spec = { ...(next.spec as Record<string, unknown>) };
        if (taints.length) spec.taints = taints;
        else delete spec.taints;
        next.spec = spec;
        k.sim.api.update(next, { user: k.user });
        k.out(nameLine(typeOf('nodes'), node.metadata.name, added && removed ? 'modified' : removed ? 'untainted' : 'tainted'));
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length) {
      k.err(renderErrors(errs));
      return exitCodeOf(errs);
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
  ],
  run(k) {
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
    const pending = new Set(objects.map((_, i) => i));
    let code = 0;
    for (;;) {
      for (const i of [...pending]) {
        if (check(objects[i])) {
          pending.delete(i);
          k.out(`${kindGroup(objects[i].type)}/${objects[i].obj.metadata.name} condition met\n`);
        }
      }
      if (!pending.size) break;
      const next = k.sim.clock.nextAt();
      if (next === undefined || next > deadline) {
        k.sim.runtime.advance(Math.max(0, deadline - k.sim.clock.now()));
        for (const i of pending) {
          if (check(objects[i])) {
            k.out(`${kindGroup(objects[i].type)}/${objects[i].obj.metadata.name} condition met\n`);
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

export const editVerb: VerbSpec = {
  name: 'edit',
  flags: [{ name: 'output', short: 'o', type: 'string' }, { name: 'filename', short: 'f', type: 'stringArray' }],
  run() {
    throw new KubectlError(
      'this terminal has no text editor. Change the object with kubectl apply -f (edit the YAML in the example above), kubectl patch, kubectl set, kubectl label or kubectl scale',
    );
  },
};

export const topVerb: VerbSpec = {
  name: 'top',
  flags: [{ name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'containers', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }],
  run() {
    throw new KubectlError('Metrics API not available');
  },
};
