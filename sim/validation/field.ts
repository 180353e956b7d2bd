/**
 * Field paths and field errors, after apimachinery pkg/util/validation/field.
 * `new Path('spec').child('containers').index(0).child('image').toString()`
 * gives `spec.containers[0].image`.
 */

export class Path {
  // a linked list from the leaf up: a child is one small object, not a copy of its parent's segments
  // (validation builds a path for every field it looks at, most of which never appear in an error)
  private constructor(
    private readonly parent: Path | undefined,
    private readonly seg: string,
  ) {}

  static root(name: string, ...more: string[]): Path {
    let p = new Path(undefined, name);
    for (const m of more) p = new Path(p, '.' + m);
    return p;
  }

  child(name: string, ...more: string[]): Path {
    let p = new Path(this, '.' + name);
    for (const m of more) p = new Path(p, '.' + m);
    return p;
  }

  index(i: number): Path {
    return new Path(this, `[${i}]`);
  }

  key(k: string): Path {
    return new Path(this, `[${k}]`);
  }

  toString(): string {
    const segs: string[] = [];
    for (let p: Path | undefined = this; p; p = p.parent) segs.push(p.seg);
    const s = segs.reverse().join('');
    return s.startsWith('.') ? s.slice(1) : s;
  }
}

export type ErrorType =
  | 'FieldValueRequired'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: ErrorType;
  field: string;
  /** The offending value (rendered by errorBody), when the type shows one. */
  value?: unknown;
  detail?: string;
}

/**
 * Render a value the way apimachinery ≥ v0.34 ErrorBody does: numbers and
 * booleans plain, strings quoted (Go %q), everything else as JSON.
 */
export function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Go's strconv.Quote for the printable-ASCII and common-escape cases. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** field.Error.ErrorBody() */
export function errorBody(e: FieldError): string {
  const d = e.detail;
  switch (e.type) {
    case 'FieldValueRequired':
      return d ? `Required value: ${d}` : 'Required value';
    case 'FieldValueForbidden':
      return d ? `Forbidden: ${d}` : 'Forbidden';
    case 'FieldValueTooLong':
      return `Too long: ${d ?? ''}`;
    case 'FieldValueTooMany':
      return `Too many: ${renderValue(e.value)}: ${d ?? ''}`;
    case 'InternalError':
      return `Internal error: ${d ?? ''}`;
    case 'FieldValueNotFound':
      return `Not found: ${renderValue(e.value)}`;
    case 'FieldValueDuplicate':
      return `Duplicate value: ${renderValue(e.value)}`;
    case 'FieldValueNotSupported':
      return `Unsupported value: ${renderValue(e.value)}${d ? `: ${d}` : ''}`;
    case 'FieldValueTypeInvalid':
    case 'FieldValueInvalid':
    default:
      return `Invalid value: ${renderValue(e.value)}${d ? `: ${d}` : ''}`;
  }
}

/** field.Error.Error(): `<path>: <body>` */
export function errorString(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

const p = (f: Path | string) => String(f);
export const required = (f: Path | string, detail?: string): FieldError => ({ type: 'FieldValueRequired', field: p(f), detail });
export const forbidden = (f: Path | string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field: p(f), detail });
export const invalid = (f: Path | string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field: p(f), value, detail });
export const notFound = (f: Path | string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field: p(f), value });
export const duplicate = (f: Path | string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field: p(f), value });
export const internal = (f: Path | string, detail: string): FieldError => ({ type: 'InternalError', field: p(f), detail });
export const tooLong = (f: Path | string, max: number, unit = 'bytes'): FieldError => ({
  type: 'FieldValueTooLong',
  field: p(f),
  detail: `may not be more than ${max} ${max === 1 ? unit.replace(/s$/, '') : unit}`,
});
export const tooMany = (f: Path | string, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field: p(f),
  value: actual,
  detail: `must have at most ${max} items`,
});
export const notSupported = (f: Path | string, value: unknown, valid: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field: p(f),
  value,
  detail: valid.length ? `supported values: ${valid.map((v) => goQuote(v)).join(', ')}` : undefined,
});

/** utilerrors aggregate Error(): one message plain, several as `[a, b]` (duplicates removed). */
export function aggregate(messages: string[]): string {
  const uniq = [...new Set(messages)];
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}
