/**
 * kubectl get (kubectl pkg/cmd/get/get.go; cli-runtime printers): tables with
 * the server's columns (./printers/columns.ts), -o wide|yaml|json|name|
 * jsonpath=|custom-columns=|go-template=… (and --template), -l, --field-selector, -A, --show-labels, -L,
 * --no-headers, --sort-by, several kinds (`pods,svc`, `all`), NotFound errors
 * after the found objects, "No resources found …" on stderr.
 */
import { toGroupVersion } from '../api/convert';
import type { KObject, StoredObject } from '../api/types';
import { RESOURCE_TYPES, kindGroup, type ResourceType } from '../api/resources';
import { formatLabels } from '../labels/selector';
import { parseSelector, SelectorParseError } from '../labels/parser';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors } from './errors';
import { isNotFound } from '../registry/errors';
import { parseResourceArgs, selectorError, typeOf, infosFromSources, readSources, type ResourceRef } from './util';
import { matchField } from './delete';
import { asList, noPrinterError, outputFormat, templatePrinter, toPrinter } from './output';
import { columnsFor, EVENT_WIDE } from './printers/columns';
import { tabwrite, type PrintContext } from './printers/table';
import { executeJSONPath, findResults, goSprint, JSONPathError, JSONPathExecError, parseTemplate } from './printers/jsonpath';

/** `kubectl get all`: the "all" category in discovery order. */
export function allTypes(): ResourceType[] {
  return RESOURCE_TYPES.filter((t) => t.categories.includes('all') && t.kind !== 'HorizontalPodAutoscaler');
}

function sortObjects(objs: StoredObject[]): StoredObject[] {
  return [...objs].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

function getPath(obj: unknown, path: string): unknown {
  const tpl = path.startsWith('{') ? path : `{${path.startsWith('.') ? path : '.' + path}}`;
  return executeJSONPath(tpl, obj);
}

/**
 * RelaxedJSONPathExpression (kubectl pkg/cmd/get/customcolumn.go): `a.b`,
 * `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`.
 */
export function relaxedJSONPathExpression(expr: string): string {
  if (!expr) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}

/** printers.EscapeTerminal (cli-runtime pkg/printers/terminal.go). */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/**
 * The custom-columns printer (kubectl pkg/cmd/get/customcolumn.go:
 * NewCustomColumnsPrinterFromSpec, printOneObject): every value a column's
 * JSONPath finds is printed with Go's fmt.Sprint (%v), so a list or map shows
 * as `[map[effect:NoSchedule key:k]]`; several values are joined by `,`;
 * nothing found prints `<none>`. The header line is printed even for no objects.
 */
export function customColumns(spec: string, objects: unknown[], noHeaders: boolean): string {
  if (!spec) throw new KubectlError('custom-columns format specified but no custom columns given');
  const columns = spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJSONPathExpression(part.slice(i + 1)) };
  });
  for (const c of columns) {
    try {
      parseTemplate(c.fieldSpec);
    } catch (e) {
      if (e instanceof JSONPathError) throw new KubectlError(e.message);
      throw e;
    }
  }
  const rows: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const o of objects) {
    rows.push(
      columns.map((c) => {
        let values: unknown[][];
        try {
          values = findResults(c.fieldSpec, o);
        } catch (e) {
          // printOneObject returns FindResults' error as it is
          if (e instanceof JSONPathExecError) throw new KubectlError(e.message);
          throw e;
        }
        const strs: string[] = [];
        if (!values.length || !values[0].length) strs.push('<none>');
        for (const vs of values) for (const v of vs) strs.push(escapeTerminal(goSprint(v)));
        return strs.join(',');
      }),
    );
  }
  return tabwrite(rows);
}

export interface Group {
  type: ResourceType;
  objects: StoredObject[];
}

/** get's own formats beyond PrintFlags' (get_flags.go AllowedFormats: custom columns, the human-readable printer). */
const GET_FORMATS = ['custom-columns', 'custom-columns-file', 'wide'];

/** Whether get prints through printGeneric (every format but the table's '' and wide). */
function genericFormat(output: string): boolean {
  return output !== '' && output !== 'wide';
}

/** Print tables (or other formats) for groups of objects. */
export function printGroups(k: KubectlContext, groups: Group[], opts: { multiKind: boolean; allNamespaces: boolean; single: boolean }): void {
  const output = outputFormat(k);
  const lower = output.toLowerCase();
  // the tables print the stored fields; every other format shows the objects as their group serves them
  const all = groups.flatMap((g) => (genericFormat(output) ? g.objects.map((o) => toGroupVersion(o, g.type)) : g.objects));
  // printGeneric (get.go): one object asked for by name prints as itself, anything else as a List
  const generic = () => (opts.single && all.length === 1 ? all[0] : asList(all as KObject[]));
  if (lower === 'json' || lower === 'yaml' || lower === 'kyaml' || lower === 'name' || templatePrinter(k, output)) {
    toPrinter(k).print(generic() as KObject);
    return;
  }
  if (output.startsWith('custom-columns=')) {
    k.out(customColumns(output.slice('custom-columns='.length), all, k.flags.bool('no-headers')));
    return;
  }
  if (genericFormat(output)) throw noPrinterError(k, output, GET_FORMATS);
  const ctx: PrintContext = { sim: k.sim, now: k.now(), wide: output === 'wide' };
  const labelCols = k.flags.all('label-columns').flatMap((x) => x.split(','));
  let first = true;
  for (const g of groups) {
    if (!g.objects.length) continue;
    let cols = g.type.kind === 'Event' && ctx.wide ? EVENT_WIDE : columnsFor(g.type.kind).filter((c) => !c.wide || ctx.wide);
    const rows: string[][] = [];
    const header = [...(opts.allNamespaces && g.type.namespaced ? ['NAMESPACE'] : []), ...cols.map((c) => c.name.toUpperCase()), ...labelCols.map((l) => l.slice(l.lastIndexOf('/') + 1).toUpperCase()), ...(k.flags.bool('show-labels') ? ['LABELS'] : [])];
    if (!k.flags.bool('no-headers')) rows.push(header);
    for (const o of g.objects) {
      const cells = cols.map((c, i) => {
        const v = c.cell(o, ctx);
        return i === 0 && c.name === 'Name' && opts.multiKind ? `${kindGroup(g.type)}/${v}` : v;
      });
      rows.push([
        ...(opts.allNamespaces && g.type.namespaced ? [o.metadata.namespace ?? ''] : []),
        ...cells,
        ...labelCols.map((l) => o.metadata.labels?.[l] ?? ''),
        ...(k.flags.bool('show-labels') ? [formatLabels(o.metadata.labels)] : []),
      ]);
    }
    if (!first) k.out('\n');
    first = false;
    k.out(tabwrite(rows));
    cols = [];
  }
}

export const getVerb: VerbSpec = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'stringArray' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'show-kind', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ],
  run(k) {
    const raw = k.flags.str('raw');
    if (raw) {
      const http = k.sim.services.apiHttp as { get?(path: string, user: unknown): { status: number; body: string } } | undefined;
      const r = http?.get?.(raw, k.user);
      if (!r) throw new KubectlError(`the server could not find the requested resource`);
      // kubectl pkg/rawhttp/raw.go: io.Copy of the body as it came (no newline added after indented JSON)
      k.out(r.body);
      return 0;
    }
    const allNs = k.flags.bool('all-namespaces');
    const files = k.flags.all('filename');
    let refs: ResourceRef[];
    if (files.length) {
      const { infos, errors } = infosFromSources(k, readSources(k, files, k.flags.bool('recursive')));
      if (errors.length) throw errors[0];
      refs = infos.map((i) => ({ type: i.type, name: i.name }));
      if (infos.some((i) => i.namespace && i.namespace !== k.namespace)) {
        // objects from files carry their own namespaces
        const groups = new Map<string, Group>();
        const errs: unknown[] = [];
        for (const i of infos) {
          try {
            const o = k.sim.api.get(i.type.kind, i.namespace, i.name, { user: k.user });
            const g = groups.get(i.type.kind) ?? { type: i.type, objects: [] };
            g.objects.push(o);
            groups.set(i.type.kind, g);
          } catch (e) {
            errs.push(e);
          }
        }
        printGroups(k, [...groups.values()], { multiKind: groups.size > 1, allNamespaces: false, single: infos.length === 1 });
        if (errs.length) {
          k.err(renderErrors(errs));
          return 1;
        }
        return 0;
      }
    } else {
      if (!k.args.length) {
        throw new KubectlError(
          "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples",
        );
      }
      const expanded = k.args.map((a) => a.split(',').flatMap((x) => (x === 'all' ? allTypes().map((t) => t.resource) : [x])).join(','));
      refs = parseResourceArgs(expanded);
    }
    const selector = k.flags.str('selector');
    let sel;
    try {
      sel = selector ? parseSelector(selector) : undefined;
    } catch (e) {
      if (e instanceof SelectorParseError) throw selectorError(refs[0].type, selector!, k.flags.str('field-selector') ?? '', e.message);
      throw e;
    }
    const field = k.flags.str('field-selector');
    const groups: Group[] = [];
    const errs: unknown[] = [];
    const named = refs.some((r) => r.name);
    for (const r of refs) {
      let g = groups.find((x) => x.type === r.type);
      if (!g) groups.push((g = { type: r.type, objects: [] }));
      const ns = r.type.namespaced ? k.namespace : '';
      if (r.name) {
        try {
          g.objects.push(k.sim.api.get(r.type.kind, ns, r.name, { user: k.user }));
        } catch (e) {
          // get.go: r.IgnoreErrors(apierrors.IsNotFound) — only NotFound is ignored (a Forbidden still fails)
          if (!(k.flags.bool('ignore-not-found') && isNotFound(e))) errs.push(e);
        }
        continue;
      }
      let list = k.sim.api.list(r.type.kind, r.type.namespaced && !allNs ? ns : undefined, { user: k.user });
      if (sel) list = list.filter((o) => sel.matches(o.metadata.labels ?? {}));
      if (field) list = list.filter((o) => matchField(o, field));
      // kubectl keeps the server's order: a stored kind's list is in etcd key order (namespace/name); ComponentStatus
      // is no stored kind, the server answers in its own order (registry/componentstatus.ts)
      for (const o of r.type.kind === 'ComponentStatus' ? list : sortObjects(list)) g.objects.push(o);
    }
    const sortBy = k.flags.str('sort-by');
    if (sortBy) {
      for (const g of groups) {
        g.objects.sort((a, b) => {
          const x = getPath(a, sortBy);
          const y = getPath(b, sortBy);
          const nx = Number(x);
          const ny = Number(y);
          if (x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
          return String(x).localeCompare(String(y));
        });
      }
    }
    const total = groups.reduce((n, g) => n + g.objects.length, 0);
    const output = outputFormat(k);
    if (total) {
      const requestedTypes = new Set(refs.map((r) => r.type.kind));
      const showKind = k.flags.bool('show-kind') || k.args.some((a) => a.split(',').includes('all')) || requestedTypes.size > 1 || groups.filter((g) => g.objects.length).length > 1;
      printGroups(k, groups, { multiKind: showKind, allNamespaces: allNs, single: named && refs.length === 1 });
    } else if (genericFormat(output)) {
      // printGeneric (kubectl pkg/cmd/get/get.go): zero items are still printed as an empty List (the name
      // printer writes nothing for it, custom-columns its header line, a template runs on it: `{.items[0]}` fails)
      // unless IgnoreNotFound, or a single named object was not found (IntoSingleItemImplied: its error alone)
      if (!k.flags.bool('ignore-not-found') && !(named && refs.length === 1 && errs.length)) printGroups(k, groups, { multiKind: false, allNamespaces: allNs, single: false });
    } else if (!errs.length && !k.flags.bool('ignore-not-found')) {
      // the table path writes "No resources found" only `if trackingWriter.Written == 0 && !o.IgnoreNotFound && len(allErrs) == 0`
      k.err(allNs ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
    }
    if (errs.length) {
      k.err(renderErrors(errs));
      return 1;
    }
    return 0;
  },
};

export { typeOf };
