import { Selector, type Operator, type Requirement } from './selector';
import { isQualifiedName, isValidLabelValue } from '../validation/names';
import { renderValue, goQuote } from '../validation/field';

/**
 * labels.Parse — the `-l` syntax, ported from apimachinery pkg/labels/selector.go:
 * the same lexer (special symbols `= ! ( ) , > <`, keywords `in`/`notin`,
 * which count as identifiers in value position), the same recursive descent
 * and the same error texts, e.g.
 *   unable to parse requirement: found 'web' expected: '('
 *   found ',', expected: ',' or 'end of string'
 *   unable to parse requirement: values[0][app]: Invalid value: "a b": a valid label must be …
 * Requirements are sorted by key (deterministic, like `sort.Sort(ByKey(items))`).
 */
export class SelectorParseError extends Error {}

type Tok = 'err' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';
const STRING2TOKEN: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const isWS = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c) && c !== '';

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWS(s[pos])) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    if (isSpecial(s[pos])) {
      let buf = '';
      let last: { tok: Tok; lit: string } | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos];
        const t = STRING2TOKEN[buf];
        if (t) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) break;
        else pos++;
      }
      out.push(last ?? { tok: 'err', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !isSpecial(s[pos]) && !isWS(s[pos])) buf += s[pos++];
    out.push({ tok: STRING2TOKEN[buf] ?? 'id', lit: buf });
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

function fieldInvalid(path: string, value: unknown, detail: string): string {
  return `${path}: Invalid value: ${typeof value === 'string' ? goQuote(value) : renderValue(value)}: ${detail}`;
}

export function parseSelector(s: string): Selector {
  const items = lex(s);
  let p = 0;
  const look = (values: boolean) => {
    const it = items[Math.min(p, items.length - 1)];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id' as Tok, lit: it.lit } : it;
  };
  const consume = (values: boolean) => {
    const it = look(values);
    p++;
    return it;
  };
  const fail = (m: string): never => {
    throw new SelectorParseError(m);
  };
  const parseRequirement = (): Requirement => {
    // parseKeyAndInferOperator
    let op: Operator | undefined;
    let t = consume(true);
    if (t.tok === '!') {
      op = '!';
      t = consume(true);
    }
    if (t.tok !== 'id') fail(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const ke = isQualifiedName(key);
    if (ke.length) fail(fieldInvalid('', key, ke.join('; ')).replace(/^/, ''));
    const nx = look(true).tok;
    if (nx === 'eos' || nx === ',') {
      if (op !== '!') op = 'exists';
    }
    if (op === 'exists' || op === '!') return { key, operator: op, values: [] };
    // parseOperator
    const o = consume(false);
    const opMap: Partial<Record<Tok, Operator>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' };
    const operator = opMap[o.tok];
    if (!operator) fail(`found '${o.lit}', expected: ${BINARY_OPERATORS}`);
    let values: string[];
    if (operator === 'in' || operator === 'notin') {
      const open = consume(true);
      if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
      const first = look(true);
      const set = new Set<string>();
      if (first.tok === 'id' || first.tok === ',') {
        for (;;) {
          const it = consume(true);
          if (it.tok === 'id') {
            set.add(it.lit);
            const n2 = look(true);
            if (n2.tok === ',') continue;
            if (n2.tok === ')') break;
            fail(`found '${n2.lit}', expected: ',' or ')'`);
          } else if (it.tok === ',') {
            if (!set.size) set.add('');
            const n2 = look(true);
            if (n2.tok === ')') {
              set.add('');
              break;
            }
            if (n2.tok === ',') {
              consume(true);
              set.add('');
            }
          } else fail(`found '${it.lit}', expected: ',', or identifier`);
        }
        const close = consume(true);
        if (close.tok !== ')') fail(`found '${first.lit}', expected: ')'`);
      } else if (first.tok === ')') {
        consume(true);
        set.add('');
      } else fail(`found '${first.lit}', expected: ',', ')' or identifier`);
      values = [...set].sort();
    } else {
      const v = look(true);
      if (v.tok === 'eos' || v.tok === ',') values = [''];
      else {
        const it = consume(true);
        if (it.tok !== 'id') fail(`found '${it.lit}', expected: identifier`);
        values = [it.lit];
      }
    }
    // NewRequirement validation
    const errs: string[] = [];
    if ((operator === 'gt' || operator === 'lt') && values.some((x) => !/^[-+]?\d+$/.test(x))) {
      values.forEach((x, i) => {
        if (!/^[-+]?\d+$/.test(x)) errs.push(fieldInvalid(`values[${i}]`, x, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
    }
    values.forEach((x, i) => {
      const ve = isValidLabelValue(x);
      if (ve.length) errs.push(fieldInvalid(`values[${i}][${key}]`, x, ve.join('; ')));
    });
    if (errs.length) fail(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    return { key, operator: operator as Operator, values };
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const t = look(true);
    if (t.tok === 'id' || t.tok === '!') {
      try {
        reqs.push(parseRequirement());
      } catch (e) {
        if (e instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const n = consume(true);
      if (n.tok === 'eos') break;
      if (n.tok === ',') {
        const n2 = look(true);
        if (n2.tok !== 'id' && n2.tok !== '!') fail(`found '${n2.lit}', expected: identifier after ','`);
        continue;
      }
      fail(`found '${n.lit}', expected: ',' or 'end of string'`);
    }
    if (t.tok === 'eos') break;
    fail(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Selector(reqs);
}
