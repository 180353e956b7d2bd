/**
 * kubectl get (kubectl pkg/cmd/get/get.go; cli-runtime printers): tables with
 * the server's columns (./printers/columns.ts), -o wide|yaml|json|name|
 * jsonpath=|custom-columns=|go-template=… (and --template), -l, --field-selector, -A, --show-labels, -L,
 * --no-headers, --sort-by, several kinds (`pods,svc`, `all`), NotFound errors
 * after the found objects, "No resources found …" on stderr; -w/--watch, --watch-only and --output-watch-events
 * (runWatch below: the list, then every event, until interrupted).
 */
import { toGroupVersion } from '../api/convert';
import type { KObject, StoredObject } from '../api/types';
import { RESOURCE_TYPES, groupResource, kindGroup, type ResourceType } from '../api/resources';
import { formatLabels } from '../labels/selector';
import { parseSelector, SelectorParseError } from '../labels/parser';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors } from './errors';
import { isNotFound } from '../registry/errors';
import { parseResourceArgs, selectorError, typeOf, infosFromSources, readSources, NO_RESOURCES_ERR, type ResourceRef } from './util';
import { matchField } from './delete';
import { asList, noPrinterError, outputFormat, templatePrinter, toCompactJson, toPrinter, toYaml } from './output';
import { WatchTabWriter, watchUntilInterrupted } from './watch';
import { goJSONString } from '../api/go-json';
import { newMethodNotSupported } from '../registry/errors';
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
  const p = customColumnsPrinter(spec);
  return tabwrite([...(noHeaders ? [] : [p.header]), ...objects.map((o) => p.row(o))]);
}

/** NewCustomColumnsPrinterFromSpec: the spec's errors when it is parsed, then the header and a row per object. */
function customColumnsPrinter(spec: string): { header: string[]; row(o: unknown): string[] } {
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
  return {
    header: columns.map((c) => c.header),
    row: (o) =>
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
  };
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
      const cells = cols.map((c) => {
        const v = c.cell(o, ctx);
        // decorateTable: the column of format "name" (an event's is its last, wide one)
        return c.name === 'Name' && opts.multiKind ? `${kindGroup(g.type)}/${v}` : v;
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
    { name: 'output-watch-events', type: 'bool' },
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
    const watch = k.flags.bool('watch') || k.flags.bool('watch-only');
    if (raw) {
      // Complete, then Validate
      if (k.args.length) throw new KubectlError('arguments may not be passed when --raw is specified');
      if (watch || k.flags.str('selector')) throw new KubectlError('--raw may not be specified with other flags that filter the server request or alter the output');
      const http = k.sim.services.apiHttp as { get?(path: string, user: unknown): { status: number; body: string } } | undefined;
      const r = http?.get?.(raw, k.user);
      if (!r) throw new KubectlError(`the server could not find the requested resource`);
      // kubectl pkg/rawhttp/raw.go: io.Copy of the body as it came (no newline added after indented JSON)
      k.out(r.body);
      return 0;
    }
    // Complete: --sort-by is ignored in a watch; without one, no resource is an error (below) before Validate
    if (watch && k.flags.str('sort-by')) k.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n');
    if (watch || k.args.length || k.flags.all('filename').length) {
      // Validate: --show-labels only with the table printer (the -o value as given), --output-watch-events only in a watch
      const given = k.flags.str('output') ?? '';
      if (k.flags.bool('show-labels') && given !== '' && given !== 'wide') throw new KubectlError(`--show-labels option cannot be used with ${given} printer`);
      if (k.flags.bool('output-watch-events') && !watch) throw new KubectlError("--output-watch-events option can only be used with --watch or --watch-only\nSee 'kubectl get -h' for help and examples");
    }
    if (watch) return runWatch(k);
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

/** printers.formatEventType (cli-runtime tableprinter.go): the EVENT column's cells, padded to one width. */
const EVENT_TYPE_CELLS: Record<string, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

/** What watch() (get.go) lists first and then watches. */
interface WatchTarget {
  type: ResourceType;
  /** The objects of the first request, in the order they are printed. */
  objects: StoredObject[];
  /** r.Object() is a list (a collection, several names, `-f -`): the watch starts at its resourceVersion. */
  isList: boolean;
  /** The namespace the watch is in (undefined: every namespace), and the one object's name it is limited to. */
  namespace: string | undefined;
  name?: string;
  /** The label and field selectors, as the apiserver's watch filter applies them. */
  matches(o: StoredObject): boolean;
  /** Result.Watch's error, met once the objects are printed. */
  watchError?: string;
}

/**
 * The builder of get.go watch(): ResourceTypeOrNameArgs with SingleResourceType and without ContinueOnError (the
 * first NotFound ends the command), no IgnoreErrors (--ignore-not-found changes nothing), selectors on collections
 * only (cli-runtime pkg/resource/builder.go visitBySelector, visitByName, visitByResource, visitByPaths).
 */
function watchTarget(k: KubectlContext): WatchTarget {
  const allNs = k.flags.bool('all-namespaces');
  const selector = k.flags.str('selector');
  const field = k.flags.str('field-selector');
  const files = k.flags.all('filename');
  let sel: ReturnType<typeof parseSelector> | undefined;
  const selectorOf = (t: ResourceType) => {
    try {
      sel = selector ? parseSelector(selector) : undefined;
    } catch (e) {
      if (e instanceof SelectorParseError) throw selectorError(t, selector!, field ?? '', e.message);
      throw e;
    }
  };
  const matches = (o: StoredObject) => (!sel || sel.matches(o.metadata.labels ?? {})) && (!field || matchField(o, field));
  if (files.length) {
    if (k.args.length) {
      throw new KubectlError(
        k.args.some((a) => a.includes('/'))
          ? 'resource/name arguments cannot be provided when a path is specified'
          : 'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
      );
    }
    const sources = readSources(k, files, k.flags.bool('recursive'));
    const { infos, errors } = infosFromSources(k, sources);
    if (errors.length) throw errors[0];
    if (selector) selectorOf(infos[0].type);
    // Latest(): each object as the server has it now
    const objects = infos.map((i) => k.sim.api.get(i.type.kind, i.type.namespaced ? i.namespace || k.namespace : '', i.name, { user: k.user })).filter((o) => !sel || sel.matches(o.metadata.labels ?? {}));
    // multipleGVKsRequested(infos)
    if (infos.some((i) => i.type !== infos[0].type)) throw new KubectlError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
    const one = objects[0];
    return {
      type: infos[0].type,
      objects,
      // visitByPaths: singleItemImplied for one file (not a directory, not stdin)
      isList: !(sources.length === 1 && files.length === 1 && files[0] !== '-' && objects.length === 1 && sources[0].name === files[0]),
      namespace: one?.metadata.namespace ?? (infos[0].type.namespaced ? k.namespace : undefined),
      name: one?.metadata.name,
      matches: () => true,
      // Result.Watch: one source (a file), which is no Watchable: Infos() must give one object
      watchError:
        sources.length !== 1
          ? 'you may only watch a single resource or type of resource at a time'
          : objects.length !== 1
            ? `watch is only supported on individual resources and resource collections - ${objects.length} resources were found`
            : undefined,
    };
  }
  if (!k.args.length) throw new KubectlError(selector || field ? 'at least one resource must be specified to use a selector' : NO_RESOURCES_ERR);
  const expanded = k.args.map((a) => a.split(',').flatMap((x) => (x === 'all' ? allTypes().map((t) => t.resource) : [x])).join(','));
  const tuples = expanded.some((a) => a.includes('/'));
  // SplitResourceArgument: the types of `a,b,c`, each once
  const typeArgs = tuples ? [] : [...new Set(expanded[0].split(','))].filter(Boolean);
  // resourceMappings: more than one type is refused before any is looked up
  if (!tuples && expanded.length === 1 && typeArgs.length > 1) throw new KubectlError('you may only specify a single resource type');
  let refs: ResourceRef[];
  if (!tuples && expanded.length > 1 && typeArgs.length > 1) {
    // normalizeMultipleResourcesArgs: `a,b NAME…` are the tuples a/NAME…, b/NAME…
    const types = typeArgs.map(typeOf);
    refs = types.flatMap((type) => expanded.slice(1).map((name) => ({ type, name })));
  } else refs = parseResourceArgs(expanded);
  // resourceTupleMappings: the tuples' resources, each once, must be one resource
  if (new Set(refs.map((r) => r.type)).size > 1) throw new KubectlError('you may only specify a single resource type');
  const type = refs[0].type;
  const named = refs.some((r) => r.name);
  if (named && (selector || field)) throw new KubectlError(tuples ? 'selectors and the all flag cannot be used when passing resource/name arguments' : 'name cannot be provided when a selector is specified');
  if (named && allNs && type.namespaced) throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
  const ns = type.namespaced ? k.namespace : '';
  if (named) {
    const objects = refs.map((r) => k.sim.api.get(type.kind, ns, r.name!, { user: k.user }));
    return {
      type,
      objects,
      isList: refs.length > 1,
      namespace: type.namespaced ? ns : undefined,
      name: refs[0].name,
      matches: () => true,
      // one source per name
      watchError: refs.length > 1 ? 'you may only watch a single resource or type of resource at a time' : undefined,
    };
  }
  selectorOf(type);
  const list = k.sim.api.list(type.kind, type.namespaced && !allNs ? ns : undefined, { user: k.user }).filter(matches);
  return {
    type,
    objects: type.kind === 'ComponentStatus' ? list : sortObjects(list),
    isList: true,
    namespace: type.namespaced && !allNs ? ns : undefined,
    matches,
  };
}

/** A watch's printer: PrintObj of an object or of a WatchEvent wrapping it (--output-watch-events). */
interface WatchPrinter {
  /** `event`: the WatchEvent's type; `columns`: a table the server sent with its column definitions. */
  print(obj: StoredObject, event: string | undefined, columns: boolean): void;
  /** skipPrinter with output off: a Table goes on without rows, so its column definitions reach the table printer. */
  skip(event: string | undefined): void;
}

/**
 * The table printer of a watch (cli-runtime printers.HumanReadablePrinter over the server's Tables, get.go's
 * TablePrinter and skipPrinter): the headings come once, with the first row printed; a Table without column
 * definitions (the apiserver sends them with a watch's first event only) takes the last ones it saw; the
 * NAMESPACE column comes with -A for any resource (watch() passes AllNamespaces as it is, cluster-scoped or not);
 * --output-watch-events adds the EVENT column first. With no column definitions at all (a WatchEvent is never
 * passed on by skipPrinter: --watch-only --output-watch-events of one object) only the columns the printer adds
 * itself are there, and a row prints as many cells as they are.
 */
function watchTablePrinter(k: KubectlContext, type: ResourceType, w: WatchTabWriter): WatchPrinter {
  const output = outputFormat(k);
  const wide = output === 'wide';
  const allNs = k.flags.bool('all-namespaces');
  const labelCols = k.flags.all('label-columns').flatMap((x) => x.split(','));
  const showLabels = k.flags.bool('show-labels');
  const showKind = k.flags.bool('show-kind');
  const serverCols = type.kind === 'Event' && wide ? EVENT_WIDE : columnsFor(type.kind);
  // decorateTable with WithKind: the column of format "name" gets the kind.group/ prefix
  const nameColumn = serverCols.findIndex((c) => c.name === 'Name');
  let columnsKnown = false;
  let printedHeaders = false;
  const printTable = (rows: StoredObject[], event: string | undefined, columns: boolean) => {
    let noHeaders = k.flags.bool('no-headers');
    if (printedHeaders && (!columns || columnsKnown)) noHeaders = true;
    if (columns && !columnsKnown) {
      columnsKnown = true;
      printedHeaders = false;
    }
    if (rows.length) printedHeaders = true;
    // decorateTable, then the EVENT column (addColumns at the beginning)
    const cols = [
      ...(event ? [{ name: 'Event', wide: false }] : []),
      ...(allNs ? [{ name: 'Namespace', wide: false }] : []),
      ...(columnsKnown ? serverCols.map((c) => ({ name: c.name, wide: !!c.wide })) : []),
      ...labelCols.map((l) => ({ name: l.slice(l.lastIndexOf('/') + 1), wide: false })),
      ...(showLabels ? [{ name: 'Labels', wide: false }] : []),
    ];
    const visible = (i: number) => wide || !cols[i].wide;
    if (!noHeaders) {
      if (!rows.length) return;
      w.row(cols.filter((_, i) => visible(i)).map((c) => c.name.toUpperCase()));
    }
    const ctx: PrintContext = { sim: k.sim, now: k.now(), wide };
    for (const o of rows) {
      const cells = [
        ...(event ? [EVENT_TYPE_CELLS[event] ?? event] : []),
        ...(allNs ? [o.metadata.namespace ?? ''] : []),
        ...serverCols.map((c, i) => (i === nameColumn && showKind && columnsKnown ? `${kindGroup(type)}/${c.cell(o, ctx)}` : c.cell(o, ctx))),
        ...labelCols.map((l) => o.metadata.labels?.[l] ?? ''),
        ...(showLabels ? [formatLabels(o.metadata.labels)] : []),
      ];
      w.row(cells.slice(0, cols.length).filter((_, i) => visible(i)));
    }
  };
  return {
    print: (obj, event, columns) => printTable([obj], event, columns),
    skip: (event) => {
      if (!event) printTable([], undefined, true);
    },
  };
}

/**
 * The other printers in a watch: each object on its own (a collection's items one by one), -o yaml's documents
 * separated by `---`; a WatchEvent (--output-watch-events) is `{"type":…,"object":…}` — json.Marshal'd on one
 * line by the JSON printer, JSONToYAML'd by the YAML printer, managedFields kept (OmitManagedFieldsPrinter only
 * trims what has ObjectMeta), the object alone for -o name, `type`/`object` fields for templates and custom
 * columns; KYAML refuses it (a WatchEvent has no apiVersion or kind).
 */
function watchGenericPrinter(k: KubectlContext, type: ResourceType, w: WatchTabWriter): WatchPrinter {
  const output = outputFormat(k);
  const lower = output.toLowerCase();
  const kw: KubectlContext = { ...k, out: (t) => w.write(t) };
  if (output.startsWith('custom-columns=')) {
    const p = customColumnsPrinter(output.slice('custom-columns='.length));
    // CustomColumnsPrinter prints its header when the object's Go type changes
    let lastType = '';
    return {
      print(obj, event) {
        const o = toGroupVersion(obj, type);
        const t = event ? 'WatchEvent' : 'Unstructured';
        if (!k.flags.bool('no-headers') && t !== lastType) w.row(p.header);
        lastType = t;
        w.row(p.row(event ? { type: event, object: o } : o));
      },
      skip() {},
    };
  }
  if (!(lower === 'json' || lower === 'yaml' || lower === 'kyaml' || lower === 'name' || templatePrinter(k, output))) throw noPrinterError(k, output, GET_FORMATS);
  const printer = toPrinter(kw);
  let yamlCount = 0;
  return {
    print(obj, event) {
      const o = toGroupVersion(obj, type) as KObject;
      if (!event || lower === 'name') return printer.print(o);
      if (lower === 'json') w.write(`{"type":${goJSONString(event)},"object":${toCompactJson(o)}}\n`);
      else if (lower === 'yaml') w.write((yamlCount++ ? '---\n' : '') + toYaml({ object: o, type: event }));
      else if (lower === 'kyaml') throw new KubectlError('missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type');
      else printer.print({ type: event, object: o } as unknown as KObject);
    },
    skip() {},
  };
}

/**
 * get.go watch(): the objects first (unless --watch-only), printed and flushed; then a watch from the list's
 * resourceVersion (one object: from "0", whose first, synthetic ADDED event is not printed), every event printed
 * with the same printer into the same tabwriter, flushed after each (./watch.ts). The apiserver's watch filter
 * (storage/cacher cacheWatcher.convertToWatchEvent) sends a write whose object matches the selectors now and
 * did before as MODIFIED, one that starts to match as ADDED, one that stops matching (or is deleted) as DELETED
 * with the object as it was.
 */
function runWatch(k: KubectlContext): number {
  const target = watchTarget(k);
  const { type } = target;
  const w = new WatchTabWriter((t) => k.out(t));
  const output = outputFormat(k);
  const events = k.flags.bool('output-watch-events');
  const printer = genericFormat(output) ? watchGenericPrinter(k, type, w) : watchTablePrinter(k, type, w);
  if (k.flags.bool('watch-only')) printer.skip(events ? 'ADDED' : undefined);
  else {
    for (const o of target.objects) {
      try {
        printer.print(o, events ? 'ADDED' : undefined, true);
      } catch (e) {
        if (e instanceof KubectlError) throw new KubectlError(`unable to output the provided object: ${e.message}`);
        throw e;
      }
    }
  }
  w.flush();
  if (target.watchError) throw new KubectlError(target.watchError);
  const ns = target.namespace;
  k.sim.api.authorize(k.user, 'watch', type, ns ?? '', target.name ?? '');
  if (!type.verbs.includes('watch')) throw newMethodNotSupported(groupResource(type), 'watch');
  // a watch of one object starts with a synthetic ADDED event, which skipPrinter keeps from the output
  if (!target.isList) printer.skip(events ? 'ADDED' : undefined);
  let first = target.isList;
  const inScope = (o: StoredObject) => (ns === undefined || (o.metadata.namespace ?? '') === ns) && (!target.name || o.metadata.name === target.name) && target.matches(o);
  return watchUntilInterrupted(k, type.kind, (ev) => {
    const now = ev.type !== 'DELETED' && inScope(ev.object);
    const before = !!ev.old && inScope(ev.old);
    if (!now && !before) return;
    const kind = now ? (before ? 'MODIFIED' : 'ADDED') : 'DELETED';
    // a DELETED event carries the object as it was, with the resourceVersion of the write that removed it
    const obj = now ? ev.object : { ...ev.old!, metadata: { ...ev.old!.metadata, resourceVersion: String(k.sim.store.resourceVersion()) } };
    try {
      printer.print(obj, events ? kind : undefined, first);
    } catch (e) {
      // UntilWithoutRetry returns the printer's error; watch() ignores intr.Run's result and returns nil
      if (e instanceof KubectlError) return false;
      throw e;
    }
    first = false;
    w.flush();
  });
}
