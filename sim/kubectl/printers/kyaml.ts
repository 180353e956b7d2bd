/**
 * `-o kyaml` (KEP-5295, beta and on by default in v1.35; `KUBECTL_KYAML=false` turns it off): cli-runtime
 * pkg/printers/kyaml.go KYAMLPrinter.PrintObj = sigs.k8s.io/yaml kyaml/kyaml.go Encoder.FromObject: json.Marshal
 * of the object, read back as YAML nodes (JSON is YAML, so the keys keep the JSON order), then rendered as
 * KYAML: a `---` line per document, `{` … `}` mappings with one `key: value,` line each (keys unquoted when
 * they are plain words), lists of mappings or lists "cuddled" as `[{`, … `}, {` … `}]`, other lists one item a
 * line, every string value double-quoted, numbers/booleans/null as JSON wrote them, 2-space indent, strings with
 * line breaks folded over several lines (`"\` … `\n\` … `"`).
 */
import { isPrint } from './gofmt';

type Node =
  | { t: 'map'; entries: [string, Node][] }
  | { t: 'seq'; items: Node[] }
  | { t: 'str'; v: string }
  | { t: 'raw'; v: string };

/** Read JSON text into nodes, keeping the key order of the text. */
function parse(text: string): Node {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): string => {
    let end = i + 1;
    while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    const s = JSON.parse(text.slice(i, end + 1)) as string;
    i = end + 1;
    return s;
  };
  const value = (): Node => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, Node][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'map', entries };
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        i++; // ':'
        entries.push([k, value()]);
        ws();
        if (text[i++] === '}') return { t: 'map', entries };
      }
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'seq', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i++] === ']') return { t: 'seq', items };
      }
    }
    if (c === '"') return { t: 'str', v: str() };
    const m = /^[^,\]}\s]+/.exec(text.slice(i, i + 64)) ?? [''];
    i += m[0].length;
    return { t: 'raw', v: m[0] };
  };
  return value();
}

const indentOf = (level: number) => '  '.repeat(level);

// ---- needsQuotes: strings that would read back as something else, or hold other characters ----

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const SEXAGESIMAL = /^[+-]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;

/** strconv.ParseInt(s, 0, 64) without error. */
function parsesAsInt(s: string): boolean {
  const m = /^[+-]?(0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const neg = s.startsWith('-');
  let body = s.replace(/^[+-]/, '');
  let base = 10n;
  if (/^0[bB]/.test(body)) (base = 2n), (body = body.slice(2));
  else if (/^0[oO]/.test(body)) (base = 8n), (body = body.slice(2));
  else if (/^0[xX]/.test(body)) (base = 16n), (body = body.slice(2));
  else if (body.length > 1 && body.startsWith('0')) (base = 8n), (body = body.slice(1));
  let n = 0n;
  for (const ch of body) n = n * base + BigInt(parseInt(ch, 16));
  return neg ? n <= 2n ** 63n : n < 2n ** 63n;
}

/** strconv.ParseFloat(s, 64) without error (a finite value in range, inf/infinity/nan, hex floats). */
function parsesAsFloat(s: string): boolean {
  const body = s.replace(/^[+-]/, '');
  if (/^(inf|infinity|nan)$/i.test(body)) return body.toLowerCase() !== 'nan' || s === body;
  if (/^0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+$/.test(body)) return true;
  if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(body)) return false;
  return Number.isFinite(Number(body));
}

function validDate(y: string, mo: string, d: string): boolean {
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, Number(y) % 4 === 0 && (Number(y) % 100 !== 0 || Number(y) % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

/** parseTimestamp: the time.Parse layouts of allowedTimestampFormats (copied there from goyaml.v2). */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?))?$/.exec(s);
  if (!m || !validDate(m[1], m[2], m[3])) return false;
  const [h, mi, se] = m[4] !== undefined ? [m[4], m[5], m[6]] : m[9] !== undefined ? [m[9], m[10], m[11]] : ['0', '0', '0'];
  return Number(h) < 24 && Number(mi) < 60 && Number(se) < 60;
}

/** yamlGuessesWrong: a string a YAML reader would take for null, a boolean, a number or a time. */
function yamlGuessesWrong(s: string): boolean {
  const lower = s.toLowerCase();
  if (s.length <= 5 && (lower === 'null' || lower === '~' || lower === '')) return true;
  if (/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(s)) return true;
  if (s.length <= 5 && ['true', 'y', 'yes', 'on', 'false', 'n', 'no', 'off'].includes(lower)) return true;
  const noUnderscores = s.replace(/_/g, '');
  if (parsesAsInt(noUnderscores) || parsesAsFloat(noUnderscores)) return true;
  if (SEXAGESIMAL.test(s)) return true;
  if (s.length <= 5 && ['.inf', '-.inf', '+.inf', '.nan'].includes(lower)) return true;
  return isTimestamp(s);
}

function needsQuotes(s: string): boolean {
  if (s === '' || yamlGuessesWrong(s)) return true;
  const runes = [...s];
  return runes.some((r, i) => !(LETTER_OR_NUMBER.test(r) || r === '_' || (i > 0 && i < runes.length - 1 && (r === '-' || r === '.' || r === '/'))));
}

// ---- strings ----

const FOLD = '\\\n';
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const ESCAPES: Record<number, string> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x00: '\\0', 0x1b: '\\e', 0x85: '\\N', 0xa0: '\\_', 0x2028: '\\L', 0x2029: '\\P',
};

function appendEscapedRune(buf: string, r: string, indent: number, newline: string): string {
  if (buf.endsWith('\n')) buf += indentOf(indent) + (SPACE.test(r) && r !== '\n' ? '\\' : ' ');
  if (r === '"' || r === '\\') return buf + '\\' + r;
  const c = r.codePointAt(0)!;
  if (isPrint(c)) return buf + r;
  if (c === 0x0a) return buf + newline;
  if (ESCAPES[c] !== undefined) return buf + ESCAPES[c];
  if (c < 0x20 || c === 0x7f) return buf + '\\x' + c.toString(16).padStart(2, '0');
  const rr = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
  return buf + (rr < 0x10000 ? '\\u' + rr.toString(16).padStart(4, '0') : '\\U' + rr.toString(16).padStart(8, '0'));
}

/** renderString: keys are "lazy" (bare when safe) and "compact" (no folding); values always quoted. */
function renderString(val: string, indent: number, lazyQuote: boolean, compact: boolean): string {
  const multi = val.includes('\n');
  if (!multi && lazyQuote && !needsQuotes(val)) return val;
  const newline = '\\n' + (compact ? '' : FOLD);
  let buf = '"';
  if (multi && !compact) buf += FOLD;
  for (const r of val) buf = appendEscapedRune(buf, r, indent, newline);
  if (multi && !compact) {
    if (!buf.endsWith('\n')) buf += FOLD;
    buf += indentOf(indent);
  }
  return buf + '"';
}

function renderNode(n: Node, indent: number): string {
  switch (n.t) {
    case 'raw':
      return n.v;
    case 'str':
      return renderString(n.v, indent + 1, false, false);
    case 'map': {
      if (!n.entries.length) return '{}';
      let out = '{\n';
      for (const [k, v] of n.entries) out += indentOf(indent + 1) + renderString(k, indent + 1, true, true) + ': ' + renderNode(v, indent + 1) + ',\n';
      return out + indentOf(indent) + '}';
    }
    case 'seq': {
      if (!n.items.length) return '[]';
      // lists of mappings or lists are cuddled: [{ … }, { … }]
      if (n.items.every((c) => c.t === 'map' || c.t === 'seq')) return '[' + n.items.map((c) => renderNode(c, indent)).join(', ') + ']';
      let out = '[\n' + indentOf(indent);
      for (const c of n.items) out += indentOf(1) + renderNode(c, indent + 1) + ',\n' + indentOf(indent);
      return out + ']';
    }
  }
}

/** Encoder.FromObject of an object given as its json.Marshal text: the `---` line, the document and a newline. */
export function kyamlDocument(json: string): string {
  return '---\n' + renderNode(parse(json), 0) + '\n';
}
