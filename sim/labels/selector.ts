import type { LabelSelector } from '../api/types';

/**
 * Label selectors (apimachinery pkg/labels). A Selector is a list of
 * requirements, all of which must hold.
 */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export class Selector {
  constructor(readonly requirements: Requirement[]) {}

  static everything(): Selector {
    return new Selector([]);
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Record<string, string> | undefined): boolean {
    const l = labels ?? {};
    for (const r of this.requirements) if (!matchesRequirement(r, l)) return false;
    return true;
  }

  /** Selector.String(): requirements sorted by key, e.g. `app=web,tier in (a,b)`. */
  toString(): string {
    return [...this.requirements]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(requirementString)
      .join(',');
  }
}

function matchesRequirement(r: Requirement, l: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(l, r.key);
  const v = l[r.key];
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(v);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const n = Number(v);
      if (!/^-?\d+$/.test(v)) return false;
      const t = Number(r.values[0]);
      return r.operator === 'gt' ? n > t : n < t;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return '!' + r.key;
    case 'in':
      return `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'notin':
      return `${r.key} notin (${[...r.values].sort().join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

/** labels.SelectorFromSet / SelectorFromValidatedSet: equality on every key. */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  return new Selector(
    Object.keys(set ?? {})
      .sort()
      .map((k) => ({ key: k, operator: '=', values: [set![k]] })),
  );
}

/**
 * metav1.LabelSelectorAsSelector. An empty LabelSelector selects everything;
 * `undefined` selects nothing (callers decide, as controllers do).
 */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return new Selector([{ key: '', operator: 'in', values: [] }]); // matches nothing
  const reqs: Requirement[] = [];
  for (const k of Object.keys(ls.matchLabels ?? {}).sort()) reqs.push({ key: k, operator: '=', values: [ls.matchLabels![k]] });
  for (const e of ls.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator];
    if (!op) throw new Error(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    reqs.push({ key: e.key, operator: op, values: [...(e.values ?? [])] });
  }
  return new Selector(reqs);
}

/** labels.FormatLabels: sorted `k=v` joined by `,`, or `<none>`. */
export function formatLabels(set: Record<string, string> | undefined): string {
  const keys = Object.keys(set ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${set![k]}`).join(',');
}

/** metav1.FormatLabelSelector: `<none>` for an empty selector. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  if (!ls) return '<none>';
  let s: string;
  try {
    s = selectorFromLabelSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s.length === 0 ? '<none>' : s;
}
