import type { KObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import type { Strategy } from '../registry/strategy';
import { Path, invalid, required, notSupported, type FieldError } from '../validation/field';
import { parseQuantity, type Quantity } from '../api/quantity';
import { newForbidden } from '../registry/errors';
import { aggregate } from '../validation/field';

/**
 * LimitRange objects and the LimitRanger admission plugin
 * (K/K plugin/pkg/admission/limitranger/admission.go; reference §10.2):
 * defaults injected into containers (mutating), then min/max/ratio checks
 * (validating) with the plugin's exact messages.
 */
const TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

function q(s: unknown): Quantity | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  try {
    return parseQuantity(String(s));
  } catch {
    return undefined;
  }
}

const limitRangeStrategy: Strategy = {
  kind: 'LimitRange',
  hasGeneration: false,
  defaults(lr) {
    // SetDefaults_LimitRangeItem (Container): default ← max, defaultRequest ← default, else ← min
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      for (const [k, v] of Object.entries(item.max ?? {})) {
        item.default ??= {};
        if (item.default[k] === undefined) item.default[k] = v;
      }
      for (const [k, v] of Object.entries(item.default ?? {})) {
        item.defaultRequest ??= {};
        if (item.defaultRequest[k] === undefined) item.defaultRequest[k] = v;
      }
      for (const [k, v] of Object.entries(item.min ?? {})) {
        item.defaultRequest ??= {};
        if (item.defaultRequest[k] === undefined) item.defaultRequest[k] = v;
      }
    }
  },
  validate(lr) {
    const errs: FieldError[] = [];
    (lr.spec?.limits ?? []).forEach((item: any, i: number) => {
      const p = Path.root('spec', 'limits').index(i);
      if (!TYPES.includes(item.type)) errs.push(notSupported(p.child('type'), item.type ?? '', TYPES));
      const keys = new Set([...Object.keys(item.min ?? {}), ...Object.keys(item.max ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {})]);
      for (const k of keys) {
        const [mn, mx, df, dr] = [q(item.min?.[k]), q(item.max?.[k]), q(item.default?.[k]), q(item.defaultRequest?.[k])];
        if (mn && mx && mn.cmp(mx) > 0) errs.push(invalid(p.child('min').key(k), item.min[k], `min value ${mn} is greater than max value ${mx}`));
        if (dr && mn && mn.cmp(dr) > 0) errs.push(invalid(p.child('defaultRequest').key(k), item.defaultRequest[k], `min value ${mn} is greater than default request value ${dr}`));
        if (dr && mx && dr.cmp(mx) > 0) errs.push(invalid(p.child('defaultRequest').key(k), item.defaultRequest[k], `default request value ${dr} is greater than max value ${mx}`));
        if (dr && df && dr.cmp(df) > 0) errs.push(invalid(p.child('defaultRequest').key(k), item.defaultRequest[k], `default request value ${dr} is greater than default limit value ${df}`));
        if (df && mn && mn.cmp(df) > 0) errs.push(invalid(p.child('default').key(k), item.default[k], `min value ${mn} is greater than default value ${df}`));
        if (df && mx && df.cmp(mx) > 0) errs.push(invalid(p.child('default').key(k), item.default[k], `default value ${df} is greater than max value ${mx}`));
      }
      for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) {
        const r = q(v);
        if (r && r.cmp(parseQuantity('1')) < 0) errs.push(invalid(p.child('maxLimitRequestRatio').key(k), v, `ratio ${r} is less than 1`));
      }
      if (item.type === 'PersistentVolumeClaim' && !item.min?.storage && !item.max?.storage)
        errs.push(required(p.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    });
    return errs;
  },
};

/** The containers of a pod with their kind, for messages (`container nginx` / `init container x`). */
function containers(pod: KObject): { c: any; init: boolean }[] {
  return [...(pod.spec?.initContainers ?? []).map((c: any) => ({ c, init: true })), ...(pod.spec?.containers ?? []).map((c: any) => ({ c, init: false }))];
}

function minConstraint(res: string, type: string, enforced: Quantity, req?: Quantity, lim?: Quantity): string | undefined {
  if (!req) return `minimum ${res} usage per ${type} is ${enforced}.  No request is specified`;
  if (req.cmp(enforced) < 0) return `minimum ${res} usage per ${type} is ${enforced}, but request is ${req}`;
  if (lim && lim.cmp(enforced) < 0) return `minimum ${res} usage per ${type} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(res: string, type: string, enforced: Quantity, req?: Quantity, lim?: Quantity): string | undefined {
  if (!lim) return `maximum ${res} usage per ${type} is ${enforced}.  No limit is specified`;
  if (lim.cmp(enforced) > 0) return `maximum ${res} usage per ${type} is ${enforced}, but limit is ${lim}`;
  if (req && req.cmp(enforced) > 0) return `maximum ${res} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

function ratioConstraint(res: string, type: string, enforced: Quantity, req?: Quantity, lim?: Quantity): string | undefined {
  if (!req || req.isZero()) return `${res} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!lim || lim.isZero()) return `${res} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const ratio = Number(lim.nanos) / Number(req.nanos);
  if (ratio * 1000 > enforced.milli()) return `${res} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function sum(values: (Quantity | undefined)[]): Quantity | undefined {
  let acc: Quantity | undefined;
  for (const v of values) if (v) acc = acc ? acc.add(v) : v;
  return acc;
}

export function validatePodLimits(pod: KObject, ranges: KObject[]): string[] {
  const errs: string[] = [];
  for (const lr of ranges)
    for (const item of lr.spec?.limits ?? []) {
      const check = (type: string, req: (r: string) => Quantity | undefined, lim: (r: string) => Quantity | undefined) => {
        for (const [r, v] of Object.entries(item.min ?? {})) { const e = minConstraint(r, type, parseQuantity(String(v)), req(r), lim(r)); if (e) errs.push(e); }
        for (const [r, v] of Object.entries(item.max ?? {})) { const e = maxConstraint(r, type, parseQuantity(String(v)), req(r), lim(r)); if (e) errs.push(e); }
        for (const [r, v] of Object.entries(item.maxLimitRequestRatio ?? {})) { const e = ratioConstraint(r, type, parseQuantity(String(v)), req(r), lim(r)); if (e) errs.push(e); }
      };
      if (item.type === 'Container')
        for (const { c } of containers(pod)) check('Container', (r) => q(c.resources?.requests?.[r]), (r) => q(c.resources?.limits?.[r]));
      if (item.type === 'Pod') {
        const cs = (pod.spec?.containers ?? []) as any[];
        check(
          'Pod',
          (r) => (cs.every((c) => c.resources?.requests?.[r] !== undefined) ? sum(cs.map((c) => q(c.resources.requests[r]))) : undefined),
          (r) => (cs.every((c) => c.resources?.limits?.[r] !== undefined) ? sum(cs.map((c) => q(c.resources.limits[r]))) : undefined),
        );
      }
    }
  return errs;
}

export const limitRangerModule: SimModule = {
  name: 'admission-limitranger',
  install(sim: Sim) {
    sim.api.registerStrategy(limitRangeStrategy);
    sim.api.registerAdmission({
      name: 'LimitRanger',
      order: 200,
      admit(a) {
        if (a.operation !== 'CREATE' || a.resource.kind !== 'Pod' || a.subresource) return;
        const ranges = sim.store.list('LimitRange', a.namespace);
        if (!ranges.length) return;
        const parts: string[] = [];
        for (const { c, init } of containers(a.object)) {
          const setReq: string[] = [];
          const setLim: string[] = [];
          for (const lr of ranges)
            for (const item of lr.spec?.limits ?? []) {
              if (item.type !== 'Container') continue;
              for (const [r, v] of Object.entries(item.default ?? {})) {
                c.resources ??= {};
                c.resources.limits ??= {};
                if (c.resources.limits[r] === undefined) {
                  c.resources.limits[r] = v;
                  setLim.push(r);
                }
              }
              for (const [r, v] of Object.entries(item.defaultRequest ?? {})) {
                c.resources ??= {};
                c.resources.requests ??= {};
                if (c.resources.requests[r] === undefined) {
                  c.resources.requests[r] = v;
                  setReq.push(r);
                }
              }
            }
          const who = `${init ? 'init container' : 'container'} ${c.name}`;
          if (setReq.length) parts.push(`${setReq.sort().join(', ')} request for ${who}`);
          if (setLim.length) parts.push(`${setLim.sort().join(', ')} limit for ${who}`);
        }
        if (parts.length)
          a.object.metadata.annotations = { ...(a.object.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${parts.join('; ')}` };
      },
      validate(a) {
        if (a.operation !== 'CREATE' && !(a.operation === 'UPDATE' && a.resource.kind === 'PersistentVolumeClaim')) return;
        if (a.subresource) return;
        const ranges = sim.store.list('LimitRange', a.namespace);
        if (!ranges.length) return;
        let errs: string[] = [];
        if (a.resource.kind === 'Pod') errs = validatePodLimits(a.object, ranges);
        else if (a.resource.kind === 'PersistentVolumeClaim') {
          const reqStorage = q(a.object.spec?.resources?.requests?.storage);
          for (const lr of ranges)
            for (const item of lr.spec?.limits ?? []) {
              if (item.type !== 'PersistentVolumeClaim') continue;
              if (item.min?.storage) { const e = minConstraint('storage', 'PersistentVolumeClaim', parseQuantity(item.min.storage), reqStorage, undefined); if (e) errs.push(e); }
              if (item.max?.storage && reqStorage && reqStorage.cmp(parseQuantity(item.max.storage)) > 0)
                errs.push(`maximum storage usage per PersistentVolumeClaim is ${parseQuantity(item.max.storage)}, but request is ${reqStorage}`);
            }
        } else return;
        if (errs.length) throw newForbidden(a.resource.group ? `${a.resource.resource}.${a.resource.group}` : a.resource.resource, a.name, aggregate(errs));
      },
    });
  },
};
