/**
 * kubectl events (kubectl pkg/cmd/events/events.go, event_printer.go): the
 * namespace's events oldest first, `--for KIND/NAME`, `--types`, `-A`,
 * `--no-headers`. Rows: LAST SEEN (with `(xN over AGE)` for repeats), TYPE,
 * REASON, OBJECT (`kind/name`, kind lower-cased), MESSAGE.
 */
import type { StoredObject } from '../api/types';
import { resolveResource } from '../api/resources';
import type { VerbSpec } from './types';
import { KubectlError } from './types';
import { humanDuration, tabwrite } from './printers/table';

type C = Record<string, any>;

function ts(e: StoredObject): number {
  const x = (e as C).lastTimestamp ?? (e as C).eventTime ?? (e as C).firstTimestamp ?? e.metadata.creationTimestamp;
  return Date.parse(x ?? '') || 0;
}

export const eventsVerb: VerbSpec = {
  name: 'events',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'stringArray' },
    { name: 'no-headers', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'chunk-size', type: 'int' },
  ],
  run(k) {
    const all = k.flags.bool('all-namespaces');
    const types = k.flags.all('types').flatMap((t) => t.split(',')).filter(Boolean);
    for (const t of types) if (t !== 'Normal' && t !== 'Warning') throw new KubectlError(`valid --types are Normal or Warning`);
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
    let list = k.sim.api.list('Event', all ? undefined : k.namespace, { user: k.user });
    if (forKind) list = list.filter((e) => (e as C).involvedObject?.kind === forKind && (e as C).involvedObject?.name === forName);
    if (types.length) list = list.filter((e) => types.includes((e as C).type));
    if (!list.length) {
      k.err(all ? 'No events found.\n' : `No events found in ${k.namespace} namespace.\n`);
      return 0;
    }
    list = [...list].sort((a, b) => ts(a) - ts(b));
    const now = k.now();
    const age = (x: string | undefined) => (x ? humanDuration(now - Date.parse(x)) : '<unknown>');
    const rows: string[][] = [];
    if (!k.flags.bool('no-headers')) rows.push([...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    for (const e of list as C[]) {
      const last = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
      const interval = (e.count ?? 1) > 1 ? `${age(last)} (x${e.count} over ${age(e.firstTimestamp)})` : age(last);
      rows.push([...(all ? [e.metadata.namespace ?? ''] : []), interval, e.type ?? '', e.reason ?? '', `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`, String(e.message ?? '').trim()]);
    }
    k.out(tabwrite(rows));
    return 0;
  },
};
