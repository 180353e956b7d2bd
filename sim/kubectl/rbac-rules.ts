/**
 * How kubectl prints a set of RBAC rules (`kubectl describe role`, `kubectl
 * auth can-i --list`): component-helpers rbac BreakdownRule (one rule per
 * group × resource × resourceName, one per non-resource URL), CompactRules
 * (verbs of rules naming the same single resource merged), SortableRuleSlice
 * (ordered by the rule's proto text, so by the verb list first), and
 * describe.CombineResourceGroup for the first column.
 */
import type { PolicyRule } from '../admission/rbac';

interface Row {
  verbs: string[];
  groups: string[];
  resources: string[];
  names: string[];
  urls: string[];
}

/** describe.CombineResourceGroup: `deployments.apps`, `pods/log` with the group before the subresource. */
export function combineResourceGroup(resources: string[], groups: string[]): string {
  if (!resources.length) return '';
  const parts = resources[0].split('/');
  let s = parts[0];
  if (groups.length && groups[0] !== '') s += '.' + groups[0];
  if (parts.length > 1) s += '/' + parts.slice(1).join('/');
  return s;
}

/** Table cells per printed rule: resource, `[urls]`, `[resource names]`, `[verbs]` (Go's %v of a slice). */
export function policyRuleRows(rules: PolicyRule[]): string[][] {
  const broken: Row[] = [];
  for (const r of rules) {
    for (const g of r.apiGroups ?? []) for (const res of r.resources ?? []) {
      if (r.resourceNames?.length) for (const n of r.resourceNames) broken.push({ verbs: [...r.verbs], groups: [g], resources: [res], names: [n], urls: [] });
      else broken.push({ verbs: [...r.verbs], groups: [g], resources: [res], names: [], urls: [] });
    }
    for (const u of r.nonResourceURLs ?? []) broken.push({ verbs: [...r.verbs], groups: [], resources: [], names: [], urls: [u] });
  }
  const compact: Row[] = [];
  const index = new Map<string, Row>();
  for (const r of broken) {
    if (!r.resources.length) {
      compact.push(r);
      continue;
    }
    const key = `${r.groups[0]}\u0000${r.resources[0]}\u0000${r.names.length}\u0000${r.names[0] ?? ''}`;
    const have = index.get(key);
    if (have) {
      for (const v of r.verbs) if (!have.verbs.includes(v)) have.verbs.push(v);
    } else {
      const row = { ...r, verbs: [...r.verbs] };
      index.set(key, row);
      compact.push(row);
    }
  }
  const text = (r: Row) => `&PolicyRule{Verbs:[${r.verbs.join(' ')}],APIGroups:[${r.groups.join(' ')}],Resources:[${r.resources.join(' ')}],ResourceNames:[${r.names.join(' ')}],NonResourceURLs:[${r.urls.join(' ')}],}`;
  compact.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
  return compact.map((r) => [combineResourceGroup(r.resources, r.groups), `[${r.urls.join(' ')}]`, `[${r.names.join(' ')}]`, `[${r.verbs.join(' ')}]`]);
}
