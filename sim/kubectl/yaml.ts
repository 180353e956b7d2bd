/**
 * Reading manifests the way kubectl does: split a stream into YAML documents
 * (k8s.io/apimachinery yaml.NewYAMLOrJSONDecoder), convert each to JSON
 * (sigs.k8s.io/yaml → go-yaml), and stop at the first document that does not
 * parse — the documents before it are still applied.
 *
 * Parse errors are reported in go-yaml's words with the line inside the
 * document, as kubectl prints them:
 *   error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context
 * js-yaml's messages are mapped to go-yaml's for the common mistakes (best
 * effort: go-yaml scanner.go / parser.go texts).
 *
 * Limits (hostile input): alias bombs are refused like go-yaml ("yaml: document
 * contains excessive aliasing", yaml.v2 decode.go), and a stream over 8 MiB is
 * refused before parsing (the API server would refuse any object over 3 MiB).
 */
import yaml from 'js-yaml';
import type { KObject } from '../api/types';

/**
 * Plain scalars resolved as go-yaml v2 resolves them (sigs.k8s.io/yaml/goyaml.v2 resolve.go, what kubectl's
 * YAMLToJSON uses), which is YAML 1.1 rather than js-yaml's 1.2 core schema:
 * - booleans: y Y yes Yes YES true True TRUE on On ON, and n N no No NO false False FALSE off Off OFF;
 * - integers: underscores removed, then strconv.ParseInt(plain, 0, 64): `0x1F`, `0o17`, `0b101`, and a
 *   leading 0 means octal (`defaultMode: 0400` is 256); `-0b101` too (resolve's explicit 0b branch).
 * Null and floats are the same in both.
 */
const GO_BOOLS = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as [string, boolean]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as [string, boolean]),
]);
const goBool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && GO_BOOLS.has(data),
  construct: (data: string) => GO_BOOLS.get(data),
  predicate: (o: unknown) => typeof o === 'boolean',
  represent: { lowercase: (o: unknown) => (o ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});
const GO_INT = /^([-+]?)(0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
function goInt(data: string): number | undefined {
  const m = GO_INT.exec(data.replace(/_/g, ''));
  if (!m) return undefined;
  const body = m[2];
  const p = body.slice(0, 2).toLowerCase();
  const v =
    p === '0b' ? parseInt(body.slice(2), 2) : p === '0o' ? parseInt(body.slice(2), 8) : p === '0x' ? parseInt(body.slice(2), 16) : body.length > 1 && body[0] === '0' ? parseInt(body.slice(1), 8) : Number(body);
  // ParseInt's range (int64); beyond it go-yaml tries uint64 and floats, which a manifest never needs exactly
  if (!Number.isSafeInteger(v)) return undefined;
  return m[1] === '-' ? -v : v;
}
const goIntType = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && /^[-+0-9]/.test(data) && goInt(data) !== undefined,
  construct: (data: string) => goInt(data),
  predicate: (o: unknown) => typeof o === 'number' && Number.isInteger(o),
  represent: { decimal: (o: unknown) => String(o) },
  defaultStyle: 'decimal',
});
// js-yaml 4 exports its built-in types (its typings do not declare them)
const builtin = (yaml as unknown as { types: { null: yaml.Type; float: yaml.Type } }).types;
export const GO_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({ implicit: [builtin.null, goBool, goIntType, builtin.float] });

export const MAX_STREAM_BYTES = 8 * 1024 * 1024;
/** apiserver's request body limit (k8s.io/apiserver pkg/server/config.go MaxRequestBodyBytes = 3 MiB). */
export const MAX_OBJECT_BYTES = 3 * 1024 * 1024;
const NODE_BUDGET = 200_000;

export interface Doc {
  obj: KObject;
  /** 1-based line where the document starts in the stream. */
  line: number;
  /** Index of the document in the stream (0-based, empty documents skipped). */
  index: number;
}

export interface DecodeResult {
  docs: Doc[];
  /** The error that stopped decoding (kubectl text without the leading "error: "). */
  error?: string;
  /** Line (1-based, in the stream) the error refers to, for the editor. */
  errorLine?: number;
}

const GO_YAML: [RegExp, string][] = [
  [/^bad indentation of a mapping entry/, 'mapping values are not allowed in this context'],
  [/^bad indentation of a sequence entry/, 'did not find expected key'],
  [/^tab characters must not be used/, 'found character that cannot start any token'],
  [/^unexpected end of the stream/, 'found unexpected end of stream'],
  [/^can not read a block mapping entry/, "could not find expected ':'"],
  [/^end of the stream or a document separator is expected/, 'did not find expected <document start>'],
  [/^unknown tag/, 'found unknown tag'],
  [/^expected valid JSON character/, 'found character that cannot start any token'],
];

function goYamlMessage(reason: string): string {
  for (const [re, msg] of GO_YAML) if (re.test(reason)) return msg;
  return 'did not find expected key';
}

/** Split a stream on `---` document separators, remembering where each document starts. */
function splitDocuments(text: string): { src: string; line: number }[] {
  const lines = text.split('\n');
  const out: { src: string; line: number }[] = [];
  let cur: string[] = [];
  let start = 1;
  lines.forEach((l, i) => {
    if (/^---(\s.*)?$/.test(l.replace(/\r$/, ''))) {
      out.push({ src: cur.join('\n'), line: start });
      cur = [];
      start = i + 2;
      const rest = l.slice(3).trim();
      if (rest && !rest.startsWith('#')) cur.push(rest);
      return;
    }
    cur.push(l);
  });
  out.push({ src: cur.join('\n'), line: start });
  return out;
}

class AliasBomb extends Error {}

/** Deep copy into plain JSON, refusing documents whose aliases expand past the budget. */
function toJSON(v: unknown, budget: { n: number }): unknown {
  if (--budget.n < 0) throw new AliasBomb();
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => toJSON(x, budget));
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = toJSON(x, budget);
  return o;
}

export function decodeManifests(text: string, source: string): DecodeResult {
  const docs: Doc[] = [];
  if (text.length > MAX_STREAM_BYTES) {
    return { docs, error: `error reading ${source}: the file is larger than 8 MiB, which this simulator does not read (the API server accepts at most 3 MiB per object)` };
  }
  let index = 0;
  for (const d of splitDocuments(text)) {
    if (!d.src.trim() || d.src.split('\n').every((l) => !l.trim() || l.trim().startsWith('#') || l.trim() === '...')) continue;
    let value: unknown;
    try {
      value = yaml.load(d.src, { schema: GO_YAML_SCHEMA, json: true });
    } catch (e) {
      const ye = e as { reason?: string; mark?: { line: number } };
      const line = (ye.mark?.line ?? 0) + 1;
      return {
        docs,
        error: `error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(ye.reason ?? '')}`,
        errorLine: d.line + line - 1,
      };
    }
    if (value === null || value === undefined) continue;
    let json: unknown;
    try {
      json = toJSON(value, { n: NODE_BUDGET });
    } catch (e) {
      if (!(e instanceof AliasBomb)) throw e;
      return { docs, error: `error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing`, errorLine: d.line };
    }
    if (typeof json !== 'object' || Array.isArray(json)) {
      const t = Array.isArray(json) ? 'array' : typeof json === 'number' ? 'number' : typeof json === 'boolean' ? 'bool' : 'string';
      return {
        docs,
        error: `unable to decode "${source}": json: cannot unmarshal ${t} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
        errorLine: d.line,
      };
    }
    const obj = json as KObject;
    if (obj.kind === 'List' && Array.isArray((obj as unknown as { items?: unknown[] }).items)) {
      for (const it of (obj as unknown as { items: KObject[] }).items) docs.push({ obj: it, line: d.line, index: index++ });
      continue;
    }
    docs.push({ obj, line: d.line, index: index++ });
  }
  return { docs };
}

/** Serialized size of an object as the API server would receive it. */
export function objectBytes(obj: unknown): number {
  return JSON.stringify(obj).length;
}
