/**
 * kubectl's printers: `-o yaml`, `-o json`, `-o kyaml`, `-o name`, the template printers, and PrintFlags.ToPrinter
 * that picks one (`toPrinter`).
 *
 * Objects decoded as unstructured content (get, apply, create -f …) are JSON maps, so both printers emit keys in
 * sorted order (Go encoding/json and go-yaml v2 sort map keys); a typed k8s.io/api object (create's generators,
 * run, expose, set) keeps its Go field order in JSON and KYAML, while YAML sorts it as well:
 * - JSON: json.MarshalIndent(obj, "", "    ") — 4 spaces; `<`, `>`, `&` escaped
 *   as \u003c, \u003e, \u0026 (cli-runtime pkg/printers/json.go).
 * - YAML: sigs.k8s.io/yaml → go-yaml v2 (cli-runtime pkg/printers/yaml.go):
 *   2-space indent, sequences not indented under their key, strings that would
 *   read back as another type (true, 80, 2026-01-15T09:00:00Z, "") in double
 *   quotes, other unsafe strings in single quotes, multi-line strings as
 *   literal blocks (`|`, `|-`); a printer writes "---" before each document after its first.
 * - KYAML: printers/kyaml.ts.
 * get wraps several objects in a `kind: List` (apiVersion v1, metadata.resourceVersion ""), apply in a typed
 * corev1.List (metadata {}).
 *
 * The template printers (cli-runtime pkg/genericclioptions KubeTemplatePrintFlags: JSONPath, then Go templates):
 * `-o jsonpath=…|jsonpath-file=…|jsonpath-as-json=…`, `-o go-template=…|go-template-file=…|template=…|templatefile=…`,
 * the template also given by `--template` (then `-o` names only the format), `--allow-missing-template-keys`
 * (for both kinds of templates).
 */
import { goJSON, hasGoOrder, stringifySorted } from '../api/go-json';
import type { KObject } from '../api/types';
import { locationFS, resolvePath } from '../shell/interp';
import type { FlagSpec, KubectlContext } from './types';
import { KubectlError } from './types';
import { GoTemplate, goQuote, goSprintPlusV, TemplateParseError } from './printers/gotemplate';
import { sprintf } from './printers/gofmt';
import { executeJSONPath, indentJSON, JSONPathError, JSONPathExecError, parseTemplate } from './printers/jsonpath';
import { kyamlDocument } from './printers/kyaml';

const GO_ESCAPED = /[<>&\u2028\u2029]|\\ud[89a-f]/;
/** a run of backslashes before `udXXX` (d800–dfff): an escape when the run is odd */
const SURROGATE_ESCAPE = /(\\+)u(d[89a-f][0-9a-f]{2})/g;

/**
 * encoding/json's string escapes applied to the engine's JSON text: the HTML-safe \u003c \u003e \u0026 \u2028
 * \u2029 (those characters occur only inside strings), and U+FFFD for a lone surrogate, which Go's UTF-8 cannot hold
 * (JSON.stringify writes one as \udXXX; a valid pair it leaves as it is).
 */
function goEscape(j: string): string {
  if (!GO_ESCAPED.test(j)) return j;
  return j
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(SURROGATE_ESCAPE, (m, slashes: string) => (slashes.length % 2 ? `${slashes}ufffd` : m));
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

// ---- the printers of cli-runtime's PrintFlags ----

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const GO_TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];

/** --dry-run as cmdutil.GetDryRunStrategy reads it. */
export type DryRun = 'client' | 'server' | 'none';

/**
 * JSONYamlPrintFlags.AllowedFormats: json, yaml, and kyaml unless KUBECTL_KYAML is "false" (KEP-5295 beta in
 * v1.35: json_yaml_flags.go `strings.ToLower(os.Getenv("KUBECTL_KYAML")) != "false"`).
 */
export function jsonYamlFormats(k: KubectlContext): string[] {
  return (k.cmd.env.get('KUBECTL_KYAML') ?? '').toLowerCase() === 'false' ? ['json', 'yaml'] : ['json', 'yaml', 'kyaml'];
}

/**
 * NoCompatiblePrinterError's text (print_flags.go): the formats of JSONYaml, Name and KubeTemplate print flags
 * (plus `extra`, e.g. get's custom-columns and wide), sorted.
 */
export function noPrinterError(k: KubectlContext, output: string, extra: string[] = []): KubectlError {
  return noCompatiblePrinter(output, [...jsonYamlFormats(k), 'name', ...JSONPATH_FORMATS, ...GO_TEMPLATE_FORMATS, ...extra]);
}

/** NoCompatiblePrinterError.Error() (print_flags.go): the allowed formats sorted and joined by commas. */
export function noCompatiblePrinter(output: string, allowed: string[]): KubectlError {
  return new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${[...allowed].sort().join(',')}`);
}

/** The -o value as given, else the command's default (PrintFlags.WithDefaultOutput). */
function outputFlag(k: KubectlContext, defaultOutput = ''): string {
  return k.flags.has('output') ? (k.flags.str('output') ?? '') : defaultOutput;
}

/**
 * The format a command prints with: PrintFlags.ToPrinter takes a --template given without -o as
 * `-o go-template` (cli-runtime print_flags.go; get_flags.go the same for get).
 */
export function outputFormat(k: KubectlContext, defaultOutput = ''): string {
  return !k.flags.has('output') && k.flags.str('template') ? 'go-template' : outputFlag(k, defaultOutput);
}

/** os.ReadFile of a --template file, with the "error reading --template" text of the template flags. */
function readTemplateFile(k: KubectlContext, path: string): string {
  const fs = locationFS(k.sim, k.cmd.location);
  const r = 'error' in fs ? { error: 'ENOENT' } : fs.read(resolvePath(k.cmd.env.get('PWD') ?? '/root', path));
  if (!('error' in r)) return r.data;
  const why = r.error === 'EISDIR' ? `read ${path}: is a directory` : r.error === 'EACCES' ? `open ${path}: permission denied` : `open ${path}: no such file or directory`;
  throw new KubectlError(`error reading --template ${path}, ${why}\n`);
}

/** --allow-missing-template-keys, true by default (NewKubeTemplatePrintFlags). */
function allowMissingKeys(k: KubectlContext): boolean {
  return !k.flags.has('allow-missing-template-keys') || k.flags.bool('allow-missing-template-keys');
}

export type TemplatePrinter = { kind: 'jsonpath'; format: string; template: string } | { kind: 'go-template'; template: GoTemplate };

/**
 * KubeTemplatePrintFlags.ToPrinter (cli-runtime jsonpath_flags.go, then template_flags.go): the printer for a
 * template format, undefined when `output` is none of them (another printer's, or unknown). With --template the
 * format must be a bare format name; without it the template follows `format=`. Errors: "template format specified
 * but no template given", "error reading --template …", "error parsing jsonpath …", "error parsing template …".
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
    if (formats === JSONPATH_FORMATS) {
      // NewJSONPathPrinter parses the template before anything is sent
      try {
        parseTemplate(value);
      } catch (e) {
        if (e instanceof JSONPathError) throw new KubectlError(`error parsing jsonpath ${value}, ${e.message}`);
        throw e;
      }
      return { kind: 'jsonpath', format, template: value };
    }
    let t: GoTemplate;
    try {
      t = new GoTemplate(value);
    } catch (e) {
      if (e instanceof TemplateParseError) throw new KubectlError(`error parsing template ${value}, ${e.message}\n`);
      throw e;
    }
    t.allowMissingKeys(allowMissingKeys(k));
    return { kind: 'go-template', template: t };
  }
  return undefined;
}

/**
 * json.Marshal of what a command prints: an object decoded as unstructured content (get, apply, create -f,
 * label, patch …) has its map keys sorted; a typed object (a k8s.io/api struct: the objects create's generators,
 * run and expose build and the typed clients return, set's objects) has its fields in Go declaration order
 * (api/go-json.ts, TypeMeta first: kind, apiVersion). A typed List is apply's corev1.List of unstructured items;
 * a typed object the table does not know (clientcmd v1 Config) is built by its command in its Go order.
 */
function marshal(obj: unknown, typed: boolean): string {
  if (!typed || !obj || typeof obj !== 'object') return toCompactJson(obj);
  const o = obj as KObject;
  const items = (o as unknown as { items?: unknown }).items;
  if (Array.isArray(items) && o.kind?.endsWith('List') && !hasGoOrder(o.kind)) {
    // a typed list: TypeMeta, an empty ListMeta, the items — a corev1.List's unstructured ones, or typed ones
    // (an EventList's Events) in their own Go order
    const item = o.kind === 'List' ? toCompactJson : (i: unknown) => marshal(i, true);
    return `{"kind":${goString(o.kind)},"apiVersion":${goString(o.apiVersion ?? '')},"metadata":{},"items":[${items.map(item).join(',')}]}`;
  }
  return goJSON(o, hasGoOrder(o.kind) ? o.kind : 'any', false).slice(0, -1);
}

/**
 * GoTemplatePrinter.PrintObj (cli-runtime pkg/printers/template.go): the template runs on json.Unmarshal of
 * json.Marshal(obj); when it fails, what it wrote so far and the debugging text go to stdout and the error is
 * `error executing template "<template>": <error>`.
 */
export function printGoTemplate(k: KubectlContext, t: GoTemplate, obj: unknown, typed = false): void {
  const raw = marshal(obj, typed);
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

/**
 * JSONPathPrinter.PrintObj (cli-runtime pkg/printers/jsonpath.go): FindResults then PrintResults on the object's
 * JSON content (-o jsonpath-as-json: EnableJSONOutput). A failure of the walk prints nothing and returns
 * `error executing jsonpath "<template>": Error executing template: <error>. Printing more information …` with
 * the object as %#v.
 */
export function printJSONPath(k: KubectlContext, tp: { format: string; template: string }, obj: unknown, typed = false): void {
  const data = typed ? (JSON.parse(marshal(obj, true)) as unknown) : obj;
  try {
    k.out(executeJSONPath(tp.template, data, { allowMissingKeys: allowMissingKeys(k), outputJSON: tp.format === 'jsonpath-as-json' }));
  } catch (e) {
    if (!(e instanceof JSONPathExecError)) throw e;
    const debug =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${tp.template}\n\tobject given to jsonpath engine was:\n\t\t${sprintf('%#v', [JSON.parse(toCompactJson(data))])}\n\n`;
    throw new KubectlError(`error executing jsonpath ${goQuote(tp.template)}: ${debug}\n`);
  }
}

/** A corev1.List of the objects (apply's printObjects): TypeMeta, an empty ListMeta, the items. */
export function typedList(objs: KObject[]): KObject {
  return { kind: 'List', apiVersion: 'v1', metadata: {}, items: objs } as unknown as KObject;
}

/** One printer of PrintFlags.ToPrinter: `print` is its PrintObj. */
export interface ResourcePrinter {
  readonly format: 'name' | 'json' | 'yaml' | 'kyaml' | 'jsonpath' | 'go-template';
  /** PrintObj of an object (or a List); `typed`: a k8s.io/api struct (see marshal). */
  print(obj: KObject, typed?: boolean): void;
}

export interface PrintFlagsOptions {
  /** NamePrintFlags.Operation: "created", "labeled" …; '' prints the bare `kind.group/name`. */
  operation?: string;
  /** cmdutil.PrintFlagsWithDryRunStrategy: the operation gains " (dry run)" / " (server dry run)". */
  dryRun?: DryRun;
  /** PrintFlags.WithDefaultOutput (config view: yaml). */
  defaultOutput?: string;
}

/** GetObjectGroupKind: the group of the object's own apiVersion, its kind lower-cased. */
function groupKindOf(obj: KObject): string {
  const av = obj.apiVersion ?? '';
  const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  return (obj.kind ?? '').toLowerCase() + (group ? '.' + group : '');
}

/**
 * OmitManagedFieldsPrinter (cli-runtime pkg/printers/managedfields.go), which JSONYamlPrintFlags.ToPrinter puts
 * around the JSON, YAML and KYAML printers unless --show-managed-fields: metadata.managedFields dropped from the
 * object, or from each item of a list; the template printers see them.
 */
export function omitManagedFields<T>(obj: T): T {
  const o = obj as unknown as { items?: unknown; metadata?: { managedFields?: unknown } };
  if (!o || typeof o !== 'object') return obj;
  if (Array.isArray(o.items)) {
    if (!o.items.some((i) => (i as { metadata?: object } | null)?.metadata && 'managedFields' in (i as { metadata: object }).metadata)) return obj;
    return { ...o, items: o.items.map((i) => omitManagedFields(i)) } as unknown as T;
  }
  if (!o.metadata || typeof o.metadata !== 'object' || !('managedFields' in o.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = o.metadata;
  void _dropped;
  return { ...o, metadata } as unknown as T;
}

/**
 * JSONYamlPrintFlags.ToPrinter (cli-runtime json_yaml_flags.go): the JSON, YAML or KYAML printer for a format
 * (lower-cased), undefined for another format. `showManagedFields`: --show-managed-fields, else
 * OmitManagedFieldsPrinter wraps the printer.
 */
export function jsonYamlPrinter(k: KubectlContext, format: string, showManagedFields: boolean): ResourcePrinter | undefined {
  const lower = format.toLowerCase();
  if (!jsonYamlFormats(k).includes(lower)) return undefined;
  let count = 0;
  return {
    format: lower as 'json' | 'yaml' | 'kyaml',
    print(given, typed = false) {
      const obj = showManagedFields ? given : omitManagedFields(given);
      if (lower === 'json') k.out(typed ? indentJSON(marshal(obj, true)) + '\n' : toJson(obj) + '\n');
      else if (lower === 'kyaml') k.out(kyamlDocument(marshal(obj, typed)));
      else k.out((count++ ? '---\n' : '') + toYaml(obj)); // YAMLPrinter separates the documents it prints
    },
  };
}

/**
 * PrintFlags.ToPrinter (cli-runtime print_flags.go): JSON/YAML/KYAML, then the name printer (`-o name`, or no -o:
 * `kind.group/name <operation>`), then the template printers; anything else is NoCompatiblePrinterError. Commands
 * call it where kubectl does — most in Complete, before any request, so a bad -o changes nothing.
 */
export function toPrinter(k: KubectlContext, opts: PrintFlagsOptions = {}): ResourcePrinter {
  const given = outputFlag(k, opts.defaultOutput);
  const format = outputFormat(k, opts.defaultOutput);
  const lower = format.toLowerCase();
  const jsonYaml = jsonYamlPrinter(k, format, k.flags.bool('show-managed-fields'));
  if (jsonYaml) return jsonYaml;
  if (lower === 'name' || lower === '') {
    const suffix = opts.dryRun === 'client' ? ' (dry run)' : opts.dryRun === 'server' ? ' (server dry run)' : '';
    const op = lower === 'name' ? '' : (opts.operation ?? '') + suffix;
    const line = (o: KObject) => `${groupKindOf(o)}/${o.metadata?.name || '<unknown>'}${op ? ' ' + op : ''}\n`;
    return {
      format: 'name',
      print(obj) {
        const items = (obj as unknown as { items?: KObject[] }).items;
        if (obj.kind === 'List') for (const o of items ?? []) k.out(line(o));
        // NamePrinter.PrintObj (printers/name.go) flattens only unstructured lists: a typed one (events' EventList) is refused
        else if (Array.isArray(items) && obj.kind?.endsWith('List')) throw new KubectlError(`list types are not supported by name printing: *v1.${obj.kind}`);
        else k.out(line(obj));
      },
    };
  }
  const tp = templatePrinter(k, format);
  if (tp?.kind === 'go-template') return { format: 'go-template', print: (obj, typed) => printGoTemplate(k, tp.template, obj, typed) };
  if (tp) return { format: 'jsonpath', print: (obj, typed) => printJSONPath(k, tp, obj, typed) };
  throw noPrinterError(k, given);
}

/**
 * The flags PrintFlags.AddFlags registers: -o, --template and --allow-missing-template-keys (KubeTemplatePrintFlags),
 * --show-managed-fields (JSONYamlPrintFlags.AddFlags).
 */
export const PRINT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool' },
];
