/**
 * What an example shows under its output after a run: the objects the cell
 * created or changed (as `kubectl get` tables), the namespace's events and
 * DNS records, and the data of the cluster diagram — taken right after the
 * cell ran, before the cells after it change the cluster again.
 */
import type { Cluster } from '../../sim/index';
import type { Cell, CellRun } from './scenario';
import type { DiagramData } from '../cluster-view/diagram';

export interface Panels {
  tables: { title: string; text: string }[];
  events: string;
  dns: { name: string; type: string; data: string }[];
  diagram: DiagramData;
}

export function panelsFor(c: Cluster, cell: Cell, run: CellRun): Panels {
  const byKind = new Map<string, { ns: string; names: string[] }>();
  for (const ch of run.changes) {
    if (ch.type === 'DELETED' || ['EndpointSlice', 'Lease', 'ControllerRevision'].includes(ch.kind)) continue;
    const key = `${ch.kind}/${ch.namespace}`;
    const e = byKind.get(key) ?? { ns: ch.namespace, names: [] };
    if (!e.names.includes(ch.name)) e.names.push(ch.name);
    byKind.set(key, e);
  }
  const tables: Panels['tables'] = [];
  for (const [key, { ns, names }] of byKind) {
    const kind = key.split('/')[0];
    const live = names.filter((n) => c.get(kind, ns, n));
    if (!live.length) continue;
    const cmd = `kubectl get ${kind.toLowerCase()} ${live.slice(0, 20).join(' ')}${ns ? ` -n ${ns}` : ''}`;
    const r = c.run(cmd);
    tables.push({ title: cmd, text: r.stdout || r.stderr });
  }
  const namespaces = [...new Set(run.changes.map((ch) => ch.namespace).filter(Boolean))];
  const ns = namespaces[0] ?? cell.meta.namespace ?? 'default';
  const ev = c.run(`kubectl get events -n ${ns}`);
  const dns = c.dnsRecords(ns).map((r) => ({ name: r.name, type: r.type, data: r.data }));
  const diagram: DiagramData = {
    nodes: c.list('Node').map((n) => n.metadata.name),
    pods: c.list('Pod', ns).map((p) => ({ name: p.metadata.name, node: p.spec?.nodeName, phase: p.status?.phase ?? 'Pending', ip: p.status?.podIP, ready: (p.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True'), labels: p.metadata.labels ?? {} })),
    services: c.list('Service', ns).map((s) => ({
      name: s.metadata.name,
      type: s.spec?.type ?? 'ClusterIP',
      ip: s.spec?.clusterIP,
      endpoints: (c.get('Endpoints', ns, s.metadata.name)?.subsets ?? []).flatMap((x: any) => (x.addresses ?? []).map((a: any) => a.targetRef?.name ?? a.ip)),
    })),
  };
  return { tables, events: ev.exitCode === 0 ? ev.stdout : '', dns, diagram };
}
