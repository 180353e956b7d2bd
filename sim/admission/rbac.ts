import type { KObject, StoredObject, UserInfo } from '../api/types';
import type { Sim, SimModule } from '../sim';
import type { AuthorizationAttributes, Authorizer, Decision } from './types';
import type { Strategy } from '../registry/strategy';
import { Path, invalid, required, notSupported, type FieldError } from '../validation/field';
import { selectorFromLabelSelector } from '../labels';
import { deepEqual } from '../registry/apiserver';
import { clone } from '../api/clone';
import { bootstrapPolicy } from './rbac-policy';

/**
 * RBAC authorizer (K/K plugin/pkg/auth/authorizer/rbac/rbac.go,
 * pkg/apis/rbac/v1/evaluation_helpers.go; reference §9) and the RBAC kinds'
 * strategies and bootstrap policy.
 */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

/** The identity `--as=<name> [--as-group=g]` stands for (apiserver impersonation filter). */
export function impersonatedUser(name: string, groups: string[] = []): UserInfo {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  if (m && !groups.length) return serviceAccountUser(m[1], m[2]);
  return { username: name, groups: [...groups, ...(groups.includes('system:authenticated') ? [] : ['system:authenticated'])] };
}

function verbMatches(r: PolicyRule, verb: string): boolean {
  return r.verbs.includes('*') || r.verbs.includes(verb);
}
function groupMatches(r: PolicyRule, g: string): boolean {
  return (r.apiGroups ?? []).some((x) => x === '*' || x === g);
}
function resourceMatches(r: PolicyRule, combined: string, sub: string): boolean {
  for (const x of r.resources ?? []) {
    if (x === '*' || x === combined) return true;
    if (sub && x.length === sub.length + 2 && x.startsWith('*/') && x.endsWith(sub)) return true;
  }
  return false;
}
function nameMatches(r: PolicyRule, name: string): boolean {
  return !r.resourceNames?.length || r.resourceNames.includes(name);
}
function urlMatches(r: PolicyRule, path: string): boolean {
  return (r.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

/** RuleAllows */
export function ruleAllows(a: AuthorizationAttributes, r: PolicyRule): boolean {
  if (a.path !== undefined) return verbMatches(r, a.verb) && urlMatches(r, a.path);
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return verbMatches(r, a.verb) && groupMatches(r, a.apiGroup) && resourceMatches(r, combined, a.subresource) && nameMatches(r, a.name);
}

function appliesTo(user: UserInfo, subject: any, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return user.username === `system:serviceaccount:${subject.namespace || bindingNamespace}:${subject.name}`;
  }
  return false;
}

/**
 * Visit the rules that apply to a user in a namespace, ClusterRoleBindings
 * first, then the namespace's RoleBindings (VisitRulesFor). The visitor
 * returns false to stop. Missing roles are reported as errors.
 */
export function visitRules(sim: Sim, user: UserInfo, namespace: string, visit: (r: PolicyRule) => boolean): string[] {
  const errors: string[] = [];
  const roleRules = (ref: any, ns: string): PolicyRule[] | undefined => {
    if (ref.kind === 'ClusterRole') {
      const r = sim.store.get('ClusterRole', '', ref.name);
      if (!r) errors.push(`clusterrole.rbac.authorization.k8s.io "${ref.name}" not found`);
      return r?.rules ?? undefined;
    }
    const r = sim.store.get('Role', ns, ref.name);
    if (!r) errors.push(`role.rbac.authorization.k8s.io "${ref.name}" not found`);
    return r?.rules ?? undefined;
  };
  for (const b of sim.store.iterate('ClusterRoleBinding')) {
    if (!(b.subjects ?? []).some((s: any) => appliesTo(user, s, ''))) continue;
    for (const r of roleRules(b.roleRef, '') ?? []) if (!visit(r)) return errors;
  }
  if (namespace) {
    for (const b of sim.store.iterate('RoleBinding', namespace)) {
      if (!(b.subjects ?? []).some((s: any) => appliesTo(user, s, namespace))) continue;
      for (const r of roleRules(b.roleRef, namespace) ?? []) if (!visit(r)) return errors;
    }
  }
  return errors;
}

export class RBACAuthorizer implements Authorizer {
  constructor(private readonly sim: Sim) {}

  authorize(a: AuthorizationAttributes): Decision {
    let allowed = false;
    const errors = visitRules(this.sim, a.user, a.namespace, (r) => {
      if (ruleAllows(a, r)) {
        allowed = true;
        return false;
      }
      return true;
    });
    if (allowed) return { allowed: true, reason: '' };
    return { allowed: false, reason: errors.length ? `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}` : '' };
  }
}

// ------------------------------------------------------------------ strategies

function validateRules(rules: any, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (Array.isArray(rules) ? rules : []).forEach((rule: PolicyRule, i: number) => {
    const p = Path.root('rules').index(i);
    if (!rule.verbs?.length) errs.push(required(p.child('verbs'), 'verbs must contain at least one value'));
    if (rule.nonResourceURLs?.length) {
      if (namespaced) errs.push(invalid(p.child('nonResourceURLs'), rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
      if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length)
        errs.push(invalid(p.child('nonResourceURLs'), rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
      return;
    }
    if (!rule.apiGroups?.length) errs.push(required(p.child('apiGroups'), 'resource rules must supply at least one api group'));
    if (!rule.resources?.length) errs.push(required(p.child('resources'), 'resource rules must supply at least one resource'));
  });
  return errs;
}

function validateBinding(b: KObject, cluster: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = b.roleRef ?? {};
  const rp = Path.root('roleRef');
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported(rp.child('apiGroup'), ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = cluster ? ['ClusterRole'] : ['ClusterRole', 'Role'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported(rp.child('kind'), ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required(rp.child('name')));
  (b.subjects ?? []).forEach((s: any, i: number) => {
    const sp = Path.root('subjects').index(i);
    if (!s.name) errs.push(required(sp.child('name')));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup) errs.push(notSupported(sp.child('apiGroup'), s.apiGroup, ['']));
        if (cluster && !s.namespace) errs.push(required(sp.child('namespace')));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(sp.child('apiGroup'), s.apiGroup ?? '', [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(sp.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

function bindingUpdate(cluster: boolean) {
  return (b: KObject, old: StoredObject): FieldError[] => {
    const errs = validateBinding(b, cluster);
    if (!deepEqual(b.roleRef, old.roleRef)) errs.push(invalid(Path.root('roleRef'), b.roleRef, 'cannot change roleRef'));
    return errs;
  };
}

const roleStrategy: Strategy = { kind: 'Role', hasGeneration: false, validate: (o) => validateRules(o.rules, true) };
const clusterRoleStrategy: Strategy = { kind: 'ClusterRole', hasGeneration: false, validate: (o) => validateRules(o.rules, false) };
const defaultSubjectApiGroup = (o: KObject) => {
  for (const s of o.subjects ?? []) if ((s.kind === 'User' || s.kind === 'Group') && s.apiGroup === undefined) s.apiGroup = RBAC_GROUP;
};
const roleBindingStrategy: Strategy = {
  kind: 'RoleBinding',
  hasGeneration: false,
  defaults: defaultSubjectApiGroup,
  validate: (o) => validateBinding(o, false),
  validateUpdate: bindingUpdate(false),
};
const clusterRoleBindingStrategy: Strategy = {
  kind: 'ClusterRoleBinding',
  hasGeneration: false,
  defaults: defaultSubjectApiGroup,
  validate: (o) => validateBinding(o, true),
  validateUpdate: bindingUpdate(true),
};

/** clusterrole-aggregation controller (K/K pkg/controller/clusterroleaggregation). */
function syncAggregation(sim: Sim, name: string): void {
  const role = sim.store.get('ClusterRole', '', name);
  if (!role?.aggregationRule) return;
  const selectors = (role.aggregationRule.clusterRoleSelectors ?? []).map((s: any) => selectorFromLabelSelector(s));
  const rules: PolicyRule[] = [];
  for (const other of sim.store.list('ClusterRole', '')) {
    if (other.metadata.name === name) continue;
    if (!selectors.some((s: any) => s.matches(other.metadata.labels))) continue;
    for (const r of other.rules ?? []) if (!rules.some((x) => deepEqual(x, r))) rules.push(clone(r));
  }
  if (deepEqual(role.rules ?? [], rules)) return;
  sim.api.update({ ...clone(role), rules }, { trusted: true });
}

export const rbacModule: SimModule = {
  name: 'rbac',
  install(sim) {
    for (const s of [roleStrategy, clusterRoleStrategy, roleBindingStrategy, clusterRoleBindingStrategy]) sim.api.registerStrategy(s);
    sim.api.authorizer = new RBACAuthorizer(sim);
    const w = sim.runtime.register('clusterrole-aggregation', (name) => syncAggregation(sim, name));
    sim.store.watch('ClusterRole', () => {
      for (const r of sim.store.iterate('ClusterRole', '')) if (r.aggregationRule) w.enqueue(r.metadata.name);
    });
  },
  bootstrap(sim) {
    for (const o of bootstrapPolicy()) sim.api.create(o, { trusted: true });
  },
};
