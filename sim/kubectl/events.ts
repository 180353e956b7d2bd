/**
 * kubectl events (kubectl pkg/cmd/events/events.go, event_printer.go): the
 * namespace's events oldest first, `--for KIND/NAME`, `--types`, `-A`,
 * `--no-headers`, `--watch` (runWatch below). Rows: LAST SEEN (with `(xN over AGE)` for repeats), TYPE,
 * REASON, OBJECT (`kind/name`, kind lower-cased), MESSAGE.
 *
 * PrintFlags (NewPrintFlags("events") with the type setter, AddFlags: -o, --template, --allow-missing-template-keys,
 * --show-managed-fields): ToOptions asks for its printer only when -o is not empty — `--template` alone keeps the
 * table —, after --for. Run prints the typed corev1.EventList (kind EventList, apiVersion v1, an empty ListMeta,
 * each Event typed v1 Event) through a tabwriter (printers.GetNewTabWriter: minwidth 6, padding 3) and ignores the
 * printer's error: `-o name` prints nothing (the name printer refuses typed lists), a template that fails prints
 * its debugging text and the command still succeeds.
 */
import type { KObject, StoredObject } from '../api/types';
import { resolveResource } from '../api/resources';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { humanDuration, tabwrite } from './printers/table';
import { keyOrder, WatchTabWriter, watchUntilInterrupted } from './watch';
import { tabwriterFormat } from './printers/tabwriter';
import { PRINT_FLAGS, toPrinter, type ResourcePrinter } from './output';
import { escapeTerminal } from './get';

type C = Record<string, any>;

function ts(e: StoredObject): number {
  const x = (e as C).lastTimestamp ?? (e as C).eventTime ?? (e as C).firstTimestamp ?? e.metadata.creationTimestamp;
  return Date.parse(x ?? '') || 0;
}

/** The -o printer, writing into `buf` (the tabwriter events.go prints through); undefined without -o. */
function eventsPrinter(k: KubectlContext, buf: string[]): ResourcePrinter | undefined {
  if (!k.flags.str('output')) return undefined;
  return toPrinter({ ...k, out: (t) => buf.push(t) }, { operation: 'events' });
}

export const eventsVerb: VerbSpec = {
  name: 'events',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'stringArray' },
    { name: 'no-headers', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    ...PRINT_FLAGS,
    { name: 'chunk-size', type: 'int' },
  ],
  run(k) {
    const all = k.flags.bool('all-namespaces');
    const types = k.flags.all('types').flatMap((t) => t.split(',')).filter(Boolean);
    let forKind = '';
    let forName = '';
    const f = k.flags.str('for');
    if (f) {
      const i = f.indexOf('/');
      if (i <= 0) throw new KubectlError(`--for must be in resource/name form`);
      const t = resolveResource(f.slice(0, i));
      if (!t) throw new KubectlError(`the server doesn't have a resource type "${f.slice(0, i)}"`);
      forKind = t.kind;
      forName = f.slice(i + 1);
    }
    const buf: string[] = [];
    const printer = eventsPrinter(k, buf);
    // Validate and filteredEventType compare with strings.EqualFold
    const wanted = types.map((t) => t.toLowerCase());
    for (const t of wanted) if (t !== 'normal' && t !== 'warning') throw new KubectlError(`valid --types are Normal or Warning`);
    if (k.flags.bool('watch')) return runWatch(k, { all, forKind, forName, wanted, printer, buf });
    let list = k.sim.api.list('Event', all ? undefined : k.namespace, { user: k.user });
    if (forKind) list = list.filter((e) => (e as C).involvedObject?.kind === forKind && (e as C).involvedObject?.name === forName);
    if (wanted.length) list = list.filter((e) => wanted.includes(String((e as C).type ?? '').toLowerCase()));
    if (!list.length) {
      k.err(all ? 'No events found.\n' : `No events found in ${k.namespace} namespace.\n`);
      return 0;
    }
    list = [...list].sort((a, b) => ts(a) - ts(b));
    if (printer) {
      const eventList = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: list.map((e) => ({ ...e, kind: 'Event', apiVersion: 'v1' })) } as unknown as KObject;
      try {
        printer.print(eventList, true);
      } catch (e) {
        // Run: `o.PrintObj(el, w)`, its error unchecked
        if (!(e instanceof KubectlError)) throw e;
      }
      const text = buf.join('');
      k.out(text.includes('\t') ? tabwriterFormat(text, 6, 3) : text);
      return 0;
    }
    const rows: string[][] = [];
    if (!k.flags.bool('no-headers')) rows.push(headerRow(all));
    for (const e of list) rows.push(eventRow(k, e, all));
    k.out(tabwrite(rows));
    return 0;
  },
};

/** EventPrinter.printHeadings */
function headerRow(all: boolean): string[] {
  return [...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
}

/** event_printer.go escapeCell: a cell ends at its first \f, \n or \r (with "..."), then printers.EscapeTerminal. */
function escapeCell(s: string): string {
  const i = s.search(/[\f\n\r]/);
  return escapeTerminal(i >= 0 ? `${s.slice(0, i)}...` : s);
}

/**
 * EventPrinter.printOneEvent (kubectl pkg/cmd/events/event_printer.go), its times read now. OBJECT is the
 * involved object's kind as it is (`Pod/p`; `kubectl get events` lower-cases it, this printer does not).
 */
function eventRow(k: KubectlContext, ev: StoredObject, all: boolean): string[] {
  const e = ev as C;
  const now = k.now();
  const age = (x: string | undefined) => (x ? humanDuration(now - Date.parse(x)) : '<unknown>');
  const last = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  const interval = (e.count ?? 1) > 1 ? `${age(last)} (x${e.count} over ${age(e.firstTimestamp)})` : age(last);
  const object = `${escapeCell(String(e.involvedObject?.kind ?? ''))}/${escapeCell(String(e.involvedObject?.name ?? ''))}`;
  return [...(all ? [e.metadata.namespace ?? ''] : []), interval, escapeCell(e.type ?? ''), escapeCell(e.reason ?? ''), object, escapeCell(String(e.message ?? '').trim())];
}

interface WatchOptions {
  all: boolean;
  forKind: string;
  forName: string;
  wanted: string[];
  printer: ResourcePrinter | undefined;
  buf: string[];
}

/**
 * events.go runWatch: a watch of the namespace's (or all) events — with --for, its field selector on the involved
 * object — that starts with an ADDED event for every event already stored (the watch cache's, in key order:
 * namespace, then name), then the events as they are written; a deletion is not printed, --types filters. Each
 * event goes through PrintObj (the EventPrinter prints its headings once, before the first event; -o printers
 * print the single typed Event) into printers.GetNewTabWriter, flushed after each (./watch.ts: a later flush keeps
 * the widths of the earlier ones). No "No events found" here. It runs until interrupted (./watch.ts
 * watchUntilInterrupted: in the foreground once the current events are printed, exit 1; a background job goes on
 * until killed).
 */
function runWatch(k: KubectlContext, o: WatchOptions): number {
  const ns = o.all ? '' : k.namespace;
  k.sim.api.authorize(k.user, 'watch', resolveResource('events')!, ns, '');
  const selected = (e: StoredObject) =>
    (!o.all && e.metadata.namespace !== ns) ||
    (o.forKind && ((e as C).involvedObject?.kind !== o.forKind || (e as C).involvedObject?.name !== o.forName)) ||
    (o.wanted.length && !o.wanted.includes(String((e as C).type ?? '').toLowerCase()))
      ? false
      : true;
  const w = new WatchTabWriter((t) => k.out(t));
  let headed = k.flags.bool('no-headers');
  const print = (e: StoredObject) => {
    if (o.printer) {
      o.buf.length = 0;
      try {
        o.printer.print({ ...e, kind: 'Event', apiVersion: 'v1' } as unknown as KObject, true);
      } catch (err) {
        // runWatch: o.PrintObj's error unchecked, as in Run
        if (!(err instanceof KubectlError)) throw err;
      }
      w.write(o.buf.join(''));
    } else {
      if (!headed) w.row(headerRow(o.all));
      headed = true;
      w.row(eventRow(k, e, o.all));
    }
    w.flush();
  };
  const initial = k.sim.store
    .list('Event', o.all ? undefined : ns)
    .filter(selected)
    .sort(keyOrder);
  for (const e of initial) print(e);
  return watchUntilInterrupted(k, 'Event', (ev) => {
    if (ev.type !== 'DELETED' && selected(ev.object)) print(ev.object);
  });
}
