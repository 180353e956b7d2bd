/**
 * Kubernetes JSONPath templates (client-go util/jsonpath) as `kubectl get -o
 * jsonpath=…` uses them: text with `{…}` actions — fields `.a.b`, `['a.b']`,
 * escaped dots `a\.b`, `[*]`, indices and slices `[0]`, `[-1:]`, `[0:2]`,
 * recursive `..name`, filters `[?(@.type=="Ready")]` (==, !=, <, >, <=, >=,
 * existence), `{range …}…{end}`, string literals `{"\n"}`. Several results of
 * one action are joined by a space; maps and lists print as JSON; missing keys
 * print nothing unless AllowMissingKeys is off (`--allow-missing-template-keys=false`:
 * jsonpath.go evalField's "%s is not found"); EnableJSONOutput (`-o jsonpath-as-json`)
 * prints each action's results as one JSON array, json.MarshalIndent with 4 spaces and a
 * newline (client-go util/jsonpath/jsonpath.go PrintResults).
 */

/** A template the parser refuses (Parse). */
export class JSONPathError extends Error {}
/** An error while the template walks the data (FindResults). */
export class JSONPathExecError extends Error {}

export interface JSONPathOptions {
  /** AllowMissingKeys (kubectl's default: true). */
  allowMissingKeys?: boolean;
  /** EnableJSONOutput. */
  outputJSON?: boolean;
}

type Node =
  | { t: 'text'; v: string }
  | { t: 'path'; steps: Step[] }
  | { t: 'range'; steps: Step[]; body: Node[] }
  | { t: 'lit'; v: string };

type Step =
  | { t: 'field'; name: string }
  | { t: 'all' }
  | { t: 'recursive'; name: string }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'filter'; left: Step[]; op?: string; right?: string | number | boolean | null | Step[] }
  | { t: 'union'; names: string[] };

function parseSteps(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const s = src.trim();
  if (s.startsWith('$')) i = 1;
  if (s.startsWith('@')) i = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') {
        i += 2;
        let name = '';
        while (i < s.length && /[^.[\]]/.test(s[i])) name += s[i++];
        steps.push({ t: 'recursive', name });
        continue;
      }
      i++;
      let name = '';
      while (i < s.length && s[i] !== '.' && s[i] !== '[') {
        if (s[i] === '\\' && s[i + 1] === '.') {
          name += '.';
          i += 2;
          continue;
        }
        name += s[i++];
      }
      if (name === '*') steps.push({ t: 'all' });
      else if (name) steps.push({ t: 'field', name });
      continue;
    }
    if (c === '[') {
      let depth = 1;
      let j = i + 1;
      let inStr: string | undefined;
      for (; j < s.length; j++) {
        const ch = s[j];
        if (inStr) {
          if (ch === inStr) inStr = undefined;
          continue;
        }
        if (ch === '"' || ch === "'") inStr = ch;
        else if (ch === '[') depth++;
        else if (ch === ']' && --depth === 0) break;
      }
      if (j >= s.length) throw new JSONPathError(`unterminated array`);
      const inner = s.slice(i + 1, j).trim();
      i = j + 1;
      if (inner === '*') steps.push({ t: 'all' });
      else if (inner.startsWith('?(') && inner.endsWith(')')) steps.push(parseFilter(inner.slice(2, -1)));
      else if (/^['"]/.test(inner)) steps.push({ t: 'union', names: inner.split(',').map((x) => x.trim().replace(/^['"]|['"]$/g, '')) });
      else if (inner.includes(':')) {
        const [a, b, st] = inner.split(':').map((x) => (x.trim() === '' ? undefined : Number(x)));
        steps.push({ t: 'slice', start: a, end: b, step: st });
      } else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: Number(inner) });
      else throw new JSONPathError(`invalid array index ${inner}`);
      continue;
    }
    // bare field at start: {metadata.name}
    let name = '';
    while (i < s.length && s[i] !== '.' && s[i] !== '[') name += s[i++];
    if (name) steps.push({ t: 'field', name });
  }
  return steps;
}

function parseFilter(expr: string): Step {
  const m = /^\s*(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>|=~)?\s*(.*?)\s*$/.exec(expr);
  if (!m) throw new JSONPathError(`unrecognized filter ${expr}`);
  const left = parseSteps(m[1]);
  if (!m[2]) return { t: 'filter', left };
  const raw = m[3];
  let right: string | number | boolean | null | Step[];
  if (/^['"].*['"]$/.test(raw)) right = raw.slice(1, -1);
  else if (/^-?\d+(\.\d+)?$/.test(raw)) right = Number(raw);
  else if (raw === 'true' || raw === 'false') right = raw === 'true';
  else if (raw === 'null') right = null;
  else if (raw.startsWith('@') || raw.startsWith('$')) right = parseSteps(raw);
  else right = raw;
  return { t: 'filter', left, op: m[2], right };
}

/** Split a template into text, literals, paths, ranges. */
export function parseTemplate(tpl: string): Node[] {
  const out: Node[] = [];
  const stack: Node[][] = [out];
  const ranges: { steps: Step[]; body: Node[] }[] = [];
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) stack[stack.length - 1].push({ t: 'text', v: text });
    text = '';
  };
  while (i < tpl.length) {
    const c = tpl[i];
    if (c === '{') {
      let j = i + 1;
      let inStr: string | undefined;
      for (; j < tpl.length; j++) {
        if (inStr) {
          if (tpl[j] === '\\') j++;
          else if (tpl[j] === inStr) inStr = undefined;
          continue;
        }
        if (tpl[j] === '"' || tpl[j] === "'") inStr = tpl[j];
        else if (tpl[j] === '}') break;
      }
      if (j >= tpl.length) throw new JSONPathError(`unclosed action`);
      flush();
      const action = tpl.slice(i + 1, j).trim();
      i = j + 1;
      if (action.startsWith('range ')) {
        const r = { steps: parseSteps(action.slice(6)), body: [] as Node[] };
        ranges.push(r);
        stack.push(r.body);
      } else if (action === 'end') {
        const r = ranges.pop();
        if (!r) throw new JSONPathError(`not in range, nothing to end`);
        stack.pop();
        stack[stack.length - 1].push({ t: 'range', steps: r.steps, body: r.body });
      } else if (/^".*"$/s.test(action) || /^'.*'$/s.test(action)) {
        const body = action.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        stack[stack.length - 1].push({ t: 'lit', v: body });
      } else stack[stack.length - 1].push({ t: 'path', steps: parseSteps(action) });
      continue;
    }
    text += c;
    i++;
  }
  flush();
  if (ranges.length) throw new JSONPathError(`unclosed range`);
  return out;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function evalSteps(steps: Step[], roots: unknown[], strict = false): unknown[] {
  let cur = roots;
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (st.t) {
        case 'field':
          // a key holding undefined is absent from the JSON the API serves
          if (isObj(v) && st.name in v && v[st.name] !== undefined) next.push(v[st.name]);
          break;
        case 'union':
          for (const n of st.names) if (isObj(v) && n in v) next.push(v[n]);
          break;
        case 'all':
          if (Array.isArray(v)) for (const x of v) next.push(x);
          else if (isObj(v)) next.push(...Object.keys(v).sort().map((k) => v[k]));
          break;
        case 'index':
          if (Array.isArray(v)) {
            const i = st.i < 0 ? v.length + st.i : st.i;
            if (i >= 0 && i < v.length) next.push(v[i]);
            else throw new JSONPathExecError(`array index out of bounds: index ${st.i}, length ${v.length}`);
          }
          break;
        case 'slice':
          if (Array.isArray(v)) {
            const len = v.length;
            let a = st.start ?? 0;
            let b = st.end ?? len;
            if (a < 0) a += len;
            if (b < 0) b += len;
            a = Math.max(0, Math.min(len, a));
            b = Math.max(0, Math.min(len, b));
            for (let i = a; i < b; i += st.step ?? 1) next.push(v[i]);
          }
          break;
        case 'recursive': {
          const walk = (x: unknown) => {
            if (isObj(x)) {
              if (st.name in x) next.push(x[st.name]);
              for (const k of Object.keys(x)) walk(x[k]);
            } else if (Array.isArray(x)) x.forEach(walk);
          };
          walk(v);
          break;
        }
        case 'filter': {
          const items = Array.isArray(v) ? v : [v];
          for (const it of items) {
            let l: unknown[];
            try {
              l = evalSteps(st.left, [it], strict);
            } catch (e) {
              // the exists operator ignores the error of its left side
              if (!st.op && e instanceof JSONPathExecError) l = [];
              else throw e;
            }
            if (!st.op) {
              if (l.length) next.push(it);
              continue;
            }
            if (!l.length) continue;
            const r = Array.isArray(st.right) ? evalSteps(st.right as Step[], [it], strict)[0] : st.right;
            const a = l[0] as never;
            const b = r as never;
            let ok = false;
            switch (st.op) {
              case '==':
                ok = a === b || String(a) === String(b);
                break;
              case '!=':
                ok = !(a === b || String(a) === String(b));
                break;
              case '<':
                ok = a < b;
                break;
              case '>':
                ok = a > b;
                break;
              case '<=':
                ok = a <= b;
                break;
              case '>=':
                ok = a >= b;
                break;
              case '=~':
                ok = new RegExp(String(b)).test(String(a));
                break;
            }
            if (ok) next.push(it);
          }
          break;
        }
      }
    }
    // evalField: nothing found from some input is an error without AllowMissingKeys
    if (strict && cur.length && st.t === 'field' && !next.length) throw new JSONPathExecError(`${st.name} is not found`);
    if (strict && cur.length && st.t === 'union') {
      for (const n of st.names) if (!cur.some((v) => isObj(v) && n in v)) throw new JSONPathExecError(`${n} is not found`);
    }
    cur = next;
  }
  return cur;
}

/** json.Marshal of a decoded JSON value: sorted map keys, Go's HTML-safe escapes. */
function goJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    return typeof v === 'string' ? goString(v) : (JSON.stringify(v) ?? 'null');
  }
  if (Array.isArray(v)) return '[' + v.map(goJSON).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).sort().map((k) => goString(k) + ':' + goJSON(o[k])).join(',') + '}';
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * encoding/json Indent (indent.go) of compact JSON text: a line break and `prefix` + `indent` × depth after
 * `{`, `[` and `,`, `": "` after keys, empty `{}` and `[]` kept as they are. MarshalIndent is Marshal + Indent.
 */
export function indentJSON(compact: string, indent = '    ', prefix = ''): string {
  let out = '';
  let depth = 0;
  let needIndent = false;
  let inString = false;
  const newline = () => {
    out += '\n' + prefix + indent.repeat(depth);
  };
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i];
    if (inString) {
      out += c;
      if (c === '\\') out += compact[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      newline();
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      needIndent = true;
      out += c;
    } else if (c === ',') {
      out += c;
      newline();
    } else if (c === ':') out += ': ';
    else if (c === '}' || c === ']') {
      if (needIndent) needIndent = false;
      else {
        depth--;
        newline();
      }
      out += c;
    } else out += c;
  }
  return out;
}

/** evalToText: fmt.Fprint of a scalar; maps and lists as json.Marshal. */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return goJSON(v);
  return String(v);
}

/**
 * JSONPath.PrintResults of each action's results: the values joined by a space, or with EnableJSONOutput
 * the whole list as one json.MarshalIndent array and a newline.
 */
function printResults(results: unknown[][], outputJSON: boolean): string {
  let out = '';
  for (const r of results) out += outputJSON ? indentJSON(goJSON(r)) + '\n' : r.map(text).join(' ');
  return out;
}

/**
 * Execute a template against an object (kubectl wraps several objects into a List first): FindResults, then
 * PrintResults. Parse errors are JSONPathError, errors of the walk JSONPathExecError.
 */
export function executeJSONPath(tpl: string, data: unknown, opts: JSONPathOptions = {}): string {
  const nodes = parseTemplate(tpl);
  return printResults(findIn(nodes, data, opts.allowMissingKeys === false), !!opts.outputJSON);
}

/**
 * JSONPath.FindResults (client-go util/jsonpath/jsonpath.go): the values each
 * action of the template finds, one list per action (text and literals give
 * themselves). The custom-columns printer formats them itself.
 */
export function findResults(tpl: string, data: unknown): unknown[][] {
  return findIn(parseTemplate(tpl), data, false);
}

function findIn(nodes: Node[], data: unknown, strict: boolean): unknown[][] {
  const out: unknown[][] = [];
  for (const n of nodes) {
    if (n.t === 'text' || n.t === 'lit') out.push([n.v]);
    else if (n.t === 'path') out.push(evalSteps(n.steps, [data], strict));
    else for (const v of evalSteps(n.steps, [data], strict)) out.push(...findIn(n.body, v, strict));
  }
  return out;
}

/**
 * fmt's %v of a float64: strconv.FormatFloat(f, 'g', -1, 64), the shortest
 * digits, in %e form when the exponent is < -4 or >= 6 (ftoa.go: "if precision
 * was the shortest possible, use precision 6 for this decision"): 1e+06, 0.5.
 */
function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expStr] = v.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}

/**
 * fmt.Sprint of a value decoded into unstructured JSON (map[string]interface{},
 * []interface{}, string, int64, float64, bool, nil): maps as
 * `map[k1:v1 k2:v2]` with sorted keys, slices as `[a b]`, nil as `<nil>`.
 */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFloat(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
  }
  return String(v);
}
