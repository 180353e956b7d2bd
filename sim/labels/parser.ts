import { Selector, type Requirement } from './selector';

/**
 * labels.Parse — the `-l` syntax. Placeholder-free minimal version supporting
 * `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; the full
 * apimachinery lexer/parser (errors included) replaces it.
 */
export function parseSelector(s: string): Selector {
  const reqs: Requirement[] = [];
  for (const part of splitTop(s)) {
    const p = part.trim();
    if (!p) continue;
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^(\S+)\s+(in|notin)\s+\((.*)\)$/))) {
      reqs.push({ key: m[1], operator: m[2] as 'in' | 'notin', values: m[3].split(',').map((x) => x.trim()) });
    } else if ((m = p.match(/^([^=!<>\s]+)\s*(==|!=|=)\s*(.*)$/))) {
      reqs.push({ key: m[1], operator: m[2] as '=' | '==' | '!=', values: [m[3].trim()] });
    } else if ((m = p.match(/^!\s*(\S+)$/))) {
      reqs.push({ key: m[1], operator: '!', values: [] });
    } else {
      reqs.push({ key: p, operator: 'exists', values: [] });
    }
  }
  return new Selector(reqs);
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
