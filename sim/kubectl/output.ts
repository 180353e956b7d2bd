/**
 * `-o yaml`, `-o json` and `-o name` as kubectl prints them.
 *
 * kubectl turns objects into JSON maps, so both printers emit keys in sorted
 * order (Go encoding/json and go-yaml v2 sort map keys):
 * - JSON: json.MarshalIndent(obj, "", "    ") — 4 spaces; `<`, `>`, `&` escaped
 *   as \u003c, \u003e, \u0026 (cli-runtime pkg/printers/json.go).
 * - YAML: sigs.k8s.io/yaml → go-yaml v2 (cli-runtime pkg/printers/yaml.go):
 *   2-space indent, sequences not indented under their key, strings that would
 *   read back as another type (true, 80, 2026-01-15T09:00:00Z, "") in double
 *   quotes, other unsafe strings in single quotes, multi-line strings as
 *   literal blocks (`|`, `|-`).
 * Several objects are wrapped in a `kind: List` (apiVersion v1, metadata.resourceVersion "").
 *
 * The template printers (cli-runtime pkg/genericclioptions KubeTemplatePrintFlags: JSONPath, then Go templates):
 * `-o jsonpath=…|jsonpath-file=…|jsonpath-as-json=…`, `-o go-template=…|go-template-file=…|template=…|templatefile=…`,
 * the template also given by `--template` (then `-o` names only the format), `--allow-missing-template-keys`.
 */
import { stringifySorted } from '../api/go-json';
import type { KObject } from '../api/types';
import { resourceForKind, kindGroup } from '../api/resources';
import { locationFS, resolvePath } from '../shell/interp';
import type { KubectlContext } from './types';
import { KubectlError } from './types';
import { GoTemplate, goQuote, goSprintPlusV, TemplateParseError } from './printers/gotemplate';
import { executeJSONPath, JSONPathError } from './printers/jsonpath';

const GO_ESCAPED = /[<>&\u2028\u2029]/;

/** encoding/json's HTML-safe escapes of < > & U+2028 U+2029 applied to JSON text (they occur only inside strings). */
function goEscape(j: string): string {
  if (!GO_ESCAPED.test(j)) return j;
  return j.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function goString(s: string): string {
  return goEscape(JSON.stringify(s));
}

/** json.MarshalIndent with 4 spaces and sorted keys. */
export function toJson(v: unknown, indent = ''): string {
  if (indent === '') {
    // the engine's layout with 4 spaces is MarshalIndent's; Go's escapes are applied afterwards
    const j = stringifySorted(v, 4);
    if (j !== undefined) return goEscape(j);
  }
  const out: string[] = [];
  writeJson(v, indent, out);
  return out.join('');
}

/** json.Marshal with sorted keys: compact, Go's HTML-safe escapes. */
export function toCompactJson(v: unknown): string {
  const j = stringifySorted(v);
  if (j !== undefined) return goEscape(j);
  const out: string[] = [];
  writeJson(v, undefined, out);
  return out.join('');
}

// one array of pieces joined at the end: a list of 10k pods is ~80 MB of JSON, and building each subtree's
// string and copying it into its parent's would copy it once per level; indent undefined = compact
function writeJson(v: unknown, indent: string | undefined, out: string[]): void {
  if (v === null || v === undefined) out.push('null');
  else if (typeof v === 'string') out.push(goString(v));
  else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
  else if (Array.isArray(v)) {
    if (!v.length) {
      out.push('[]');
      return;
    }
    const inner = indent === undefined ? undefined : indent + '    ';
    for (let i = 0; i < v.length; i++) {
      out.push(inner === undefined ? (i ? ',' : '[') : i ? ',\n' + inner : '[\n' + inner);
      writeJson(v[i], inner, out);
    }
    out.push(indent === undefined ? ']' : '\n' + indent + ']');
  } else {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    if (!keys.length) {
      out.push('{}');
      return;
    }
    const inner = indent === undefined ? undefined : indent + '    ';
    for (let i = 0; i < keys.length; i++) {
      out.push(inner === undefined ? (i ? ',' : '{') + goString(keys[i]) + ':' : (i ? ',\n' : '{\n') + inner + goString(keys[i]) + ': ');
      writeJson(o[keys[i]], inner, out);
    }
    out.push(indent === undefined ? '}' : '\n' + indent + '}');
  }
}

// ---- YAML (go-yaml v2 emitter rules) ----

const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const YAML11_NULL = /^(~|null|Null|NULL)$/;
const YAML11_INT = /^[-+]?(0b[01_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$/;
const YAML11_FLOAT = /^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const TIMESTAMP = /^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?(([ \t]*)Z|[-+]\d\d?(:\d\d)?)?)?$/;

function resolvesToOther(s: string): boolean {
  return s === '' || YAML11_BOOL.test(s) || YAML11_NULL.test(s) || YAML11_INT.test(s) || YAML11_FLOAT.test(s) || TIMESTAMP.test(s);
}

function plainAllowed(s: string): boolean {
  if (/^[\s]|[\s]$/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s,[\]{}]/.test(s)) return false;
  if (/^[-?:]$/.test(s)) return false;
  if (/: |:$| #|[\t]/.test(s)) return false;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/.test(s)) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (/[,[\]{}]/.test(s) && false) return false;
  return true;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

// what scalar() gives for short strings (keys and the values objects share: names, labels, images, timestamps …)
const SCALARS = new Map<string, string>();

function scalar(s: string): string {
  if (s.length > 64) return scalarOf(s);
  let r = SCALARS.get(s);
  if (r === undefined) {
    if (SCALARS.size >= 50_000) SCALARS.clear();
    SCALARS.set(s, (r = scalarOf(s)));
  }
  return r;
}

function scalarOf(s: string): string {
  if (resolvesToOther(s)) return doubleQuoted(s);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return doubleQuoted(s);
  if (plainAllowed(s)) return s;
  return "'" + s.replace(/'/g, "''") + "'";
}

function yamlKey(k: string): string {
  return scalar(k);
}

function block(s: string, indent: string): string {
  const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const ind = /^[ \t]/.test(s) ? '2' : '';
  return `|${ind}${chomp}\n` + body.split('\n').map((l) => (l ? indent + l : '')).join('\n');
}

function emit(v: unknown, indent: string, out: string[], inSeq: boolean): void {
  // called for values of mapping entries / sequence items that are collections
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !(Array.isArray(item) && !item.length) && !(!Array.isArray(item) && !Object.keys(item).length)) {
        const first = out.length;
        emit(item, indent + '  ', out, true);
        out[first] = indent + '- ' + out[first].slice(indent.length + 2);
      } else out.push(indent + '- ' + inline(item, indent + '  '));
    }
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o).sort()) {
    const x = o[k];
    if (x === undefined) continue;
    if (Array.isArray(x) && x.length) {
      out.push(`${indent}${yamlKey(k)}:`);
      emit(x, indent, out, false);
    } else if (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length) {
      out.push(`${indent}${yamlKey(k)}:`);
      emit(x, indent + '  ', out, false);
    } else out.push(`${indent}${yamlKey(k)}: ${inline(x, indent + '  ')}`);
  }
  void inSeq;
}

function inline(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return v.includes('\n') ? block(v, indent) : scalar(v);
  if (Array.isArray(v)) return '[]';
  return '{}';
}

/** sigs.k8s.io/yaml.Marshal of a JSON value. */
export function toYaml(v: unknown): string {
  if (v === null || typeof v !== 'object') return inline(v, '') + '\n';
  if (Array.isArray(v) ? !v.length : !Object.keys(v).length) return (Array.isArray(v) ? '[]' : '{}') + '\n';
  const out: string[] = [];
  emit(v, '', out, false);
  return out.join('\n') + '\n';
}

export function asList(objs: KObject[]): KObject {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } } as unknown as KObject;
}

// ---- template printers ----

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const GO_TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];

export type TemplatePrinter = { kind: 'jsonpath'; format: string; template: string } | { kind: 'go-template'; template: GoTemplate };

/**
 * The -o value a command prints with: kubectl get and cli-runtime's PrintFlags.ToPrinter take a --template given
 * without -o as `-o go-template` (pkg/cmd/get/get_flags.go, cli-runtime print_flags.go).
 */
export function outputFormat(k: KubectlContext): string {
  const output = k.flags.str('output') ?? '';
  return !output && k.flags.str('template') ? 'go-template' : output;
}

/** os.ReadFile of a --template file, with the "error reading --template" text of the template flags. */
function readTemplateFile(k: KubectlContext, path: string): string {
  const fs = locationFS(k.sim, k.cmd.location);
  const r = 'error' in fs ? { error: 'ENOENT' } : fs.read(resolvePath(k.cmd.env.get('PWD') ?? '/root', path));
  if (!('error' in r)) return r.data;
  const why = r.error === 'EISDIR' ? `read ${path}: is a directory` : r.error === 'EACCES' ? `open ${path}: permission denied` : `open ${path}: no such file or directory`;
  throw new KubectlError(`error reading --template ${path}, ${why}\n`);
}

/**
 * KubeTemplatePrintFlags.ToPrinter (cli-runtime jsonpath_flags.go, then template_flags.go): the printer for a
 * template format, undefined when `output` is none of them (another printer's, or unknown). With --template the
 * format must be a bare format name; without it the template follows `format=`. Errors: "template format specified
 * but no template given", "error reading --template …", "error parsing template …" (JSONPath templates are parsed
 * by the caller).
 */
export function templatePrinter(k: KubectlContext, output: string): TemplatePrinter | undefined {
  const arg = k.flags.str('template') ?? '';
  if (!arg && !output) return undefined;
  for (const formats of [JSONPATH_FORMATS, GO_TEMPLATE_FORMATS]) {
    let format = output;
    let value = arg;
    if (!arg) {
      const f = formats.find((x) => output.startsWith(x + '='));
      if (f) [format, value] = [f, output.slice(f.length + 1)];
    }
    if (!formats.includes(format)) continue;
    if (!value) throw new KubectlError('template format specified but no template given');
    if (format.endsWith('-file') || format === 'templatefile') value = readTemplateFile(k, value);
    if (formats === JSONPATH_FORMATS) return { kind: 'jsonpath', format, template: value };
    let t: GoTemplate;
    try {
      t = new GoTemplate(value);
    } catch (e) {
      if (e instanceof TemplateParseError) throw new KubectlError(`error parsing template ${value}, ${e.message}\n`);
      throw e;
    }
    // --allow-missing-template-keys defaults to true (NewGoTemplatePrintFlags)
    t.allowMissingKeys(!k.flags.has('allow-missing-template-keys') || k.flags.bool('allow-missing-template-keys'));
    return { kind: 'go-template', template: t };
  }
  return undefined;
}

/**
 * GoTemplatePrinter.PrintObj (cli-runtime pkg/printers/template.go): the template runs on json.Unmarshal of
 * json.Marshal(obj); when it fails, what it wrote so far and the debugging text go to stdout and the error is
 * `error executing template "<template>": <error>`.
 */
export function printGoTemplate(k: KubectlContext, t: GoTemplate, obj: unknown): void {
  const raw = toCompactJson(obj);
  const data = JSON.parse(raw) as unknown;
  const r = t.execute(data);
  if (r.error === undefined) {
    k.out(r.out);
    return;
  }
  k.out(
    `${r.out}Error executing template: ${r.error}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${t.text}\n\traw data was:\n\t\t${raw}\n\tobject given to template engine was:\n\t\t${goSprintPlusV(data)}\n\n`,
  );
  throw new KubectlError(`error executing template ${goQuote(t.text)}: ${r.error}`);
}

/** The JSONPath printer as get's: several results of one action joined by a space, parse errors named. */
export function printJSONPath(template: string, obj: unknown): string {
  try {
    return executeJSONPath(template, obj);
  } catch (e) {
    if (e instanceof JSONPathError) throw new KubectlError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
}

/**
 * Print objects with -o name|json|yaml or a template (create, apply, run, expose: cli-runtime PrintFlags.ToPrinter,
 * JSON/YAML, name, then the template printers); other formats are get's.
 */
export function printObjectsAs(k: KubectlContext, objs: KObject[], output: string): void {
  if (output === 'name') {
    for (const o of objs) {
      const t = resourceForKind(o.kind);
      k.out(`${t ? kindGroup(t) : o.kind.toLowerCase()}/${o.metadata?.name ?? ''}\n`);
    }
    return;
  }
  const v = objs.length === 1 ? objs[0] : asList(objs);
  if (output === 'json') k.out(toJson(v) + '\n');
  else if (output === 'yaml') k.out(toYaml(v));
  else {
    const tp = templatePrinter(k, output);
    if (tp?.kind === 'go-template') printGoTemplate(k, tp.template, v);
    else if (tp) k.out(printJSONPath(tp.template, v));
    else {
      throw new KubectlError(
        `unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
      );
    }
  }
}
