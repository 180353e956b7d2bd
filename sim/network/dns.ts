import type { StoredObject } from '../api/types';
import type { Sim } from '../sim';
import { INTERNET } from './internet';

/**
 * Cluster DNS with CoreDNS semantics (kubernetes/dns docs/specification.md,
 * CoreDNS plugin/kubernetes; reference §4.1) as configured by kubeadm:
 * zone cluster.local, `pods insecure`, forwarding to the (simulated) upstream.
 */
export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTER_DNS_IP = '10.96.0.10';

export type RRType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT';

export interface RR {
  name: string; // fully qualified, no trailing dot
  type: RRType;
  ttl: number;
  data: string; // A: ip; CNAME/PTR: target; SRV: "prio weight port target"; TXT: text
}

export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  authoritative: boolean;
  answers: RR[];
}

const TTL = 30;

function nx(authoritative = true): DnsReply {
  return { rcode: 'NXDOMAIN', authoritative, answers: [] };
}
function nodata(authoritative = true): DnsReply {
  return { rcode: 'NOERROR', authoritative, answers: [] };
}

/** Ready endpoint addresses of a Service (CoreDNS reads EndpointSlices; Endpoints carry the same data). */
export function readyEndpoints(sim: Sim, svc: StoredObject): { ip: string; hostname?: string; nodeName?: string; ports: any[] }[] {
  const ep = sim.store.get('Endpoints', svc.metadata.namespace!, svc.metadata.name);
  const out: { ip: string; hostname?: string; nodeName?: string; ports: any[] }[] = [];
  for (const s of ep?.subsets ?? []) {
    for (const a of s.addresses ?? []) out.push({ ip: a.ip, hostname: a.hostname, nodeName: a.nodeName, ports: s.ports ?? [] });
    if (svc.spec?.publishNotReadyAddresses)
      for (const a of s.notReadyAddresses ?? []) out.push({ ip: a.ip, hostname: a.hostname, nodeName: a.nodeName, ports: s.ports ?? [] });
  }
  return out;
}

function dashed(ip: string): string {
  return ip.replace(/\./g, '-');
}

/** Answer one DNS question the way CoreDNS in a kubeadm cluster would. */
export function query(sim: Sim, rawName: string, type: RRType, depth = 0): DnsReply {
  const name = rawName.toLowerCase().replace(/\.$/, '');
  const zone = CLUSTER_DOMAIN;
  if (name === `dns-version.${zone}`) {
    return type === 'TXT' ? { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'TXT', ttl: TTL, data: '"1.1.0"' }] } : nodata();
  }
  if (name.endsWith('.in-addr.arpa')) return ptr(sim, name);
  if (name === zone || name.endsWith('.' + zone)) {
    const labels = name.slice(0, name.length - zone.length - 1).split('.').filter(Boolean);
    if (labels.length === 0) return nodata();
    const kindLabel = labels[labels.length - 1];
    if (kindLabel === 'svc') return serviceQuery(sim, name, labels.slice(0, -1), type, depth);
    if (kindLabel === 'pod') {
      // <a-b-c-d>.<ns>.pod.cluster.local (pods insecure: answered without checking)
      if (labels.length === 3 && /^\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}$/.test(labels[0])) {
        if (!sim.store.get('Namespace', '', labels[1])) return nx();
        const ip = labels[0].replace(/-/g, '.');
        return type === 'A' ? { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'A', ttl: TTL, data: ip }] } : nodata();
      }
      if (labels.length === 2 && sim.store.get('Namespace', '', labels[0])) return nodata();
      return labels.length === 1 ? nodata() : nx();
    }
    return nx();
  }
  return upstream(sim, name, type, depth);
}

function serviceQuery(sim: Sim, name: string, labels: string[], type: RRType, depth: number): DnsReply {
  // labels before "svc": [...prefix, service, namespace]
  if (labels.length === 0) return nodata();
  const ns = labels[labels.length - 1];
  if (!sim.store.get('Namespace', '', ns)) return nx();
  if (labels.length === 1) return nodata();
  const svcName = labels[labels.length - 2];
  const svc = sim.store.get('Service', ns, svcName);
  if (!svc) return nx();
  const prefix = labels.slice(0, -2);
  const headless = svc.spec?.clusterIP === 'None';
  const base = `${svcName}.${ns}.svc.${CLUSTER_DOMAIN}`;

  if (prefix.length === 0) {
    if (svc.spec?.type === 'ExternalName') {
      const target = String(svc.spec.externalName).replace(/\.$/, '').toLowerCase();
      const cname: RR = { name, type: 'CNAME', ttl: TTL, data: target };
      if (type === 'CNAME' || depth > 8) return { rcode: 'NOERROR', authoritative: true, answers: [cname] };
      const next = query(sim, target, type, depth + 1);
      return { rcode: next.rcode, authoritative: true, answers: [cname, ...next.answers] };
    }
    if (type === 'SRV') {
      const answers: RR[] = [];
      for (const p of svc.spec?.ports ?? []) {
        if (!p.name) continue;
        if (headless) {
          for (const e of readyEndpoints(sim, svc)) answers.push({ name, type: 'SRV', ttl: TTL, data: `0 ${srvWeight(readyEndpoints(sim, svc).length)} ${p.port} ${e.hostname ?? dashed(e.ip)}.${base}` });
        } else answers.push({ name, type: 'SRV', ttl: TTL, data: `0 100 ${p.port} ${base}` });
      }
      return answers.length ? { rcode: 'NOERROR', authoritative: true, answers } : nodata();
    }
    if (type !== 'A') return nodata();
    if (headless) {
      const eps = readyEndpoints(sim, svc);
      if (!eps.length) return nx();
      return { rcode: 'NOERROR', authoritative: true, answers: eps.map((e) => ({ name, type: 'A' as const, ttl: TTL, data: e.ip })) };
    }
    const ip = svc.spec?.clusterIP;
    return ip ? { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'A', ttl: TTL, data: ip }] } : nx();
  }

  // _port._proto.<svc>... SRV
  if (prefix.length === 2 && prefix[0].startsWith('_') && prefix[1].startsWith('_')) {
    const portName = prefix[0].slice(1);
    const proto = prefix[1].slice(1).toUpperCase();
    const port = (svc.spec?.ports ?? []).find((p: any) => p.name === portName && (p.protocol ?? 'TCP') === proto);
    if (!port) return nx();
    if (type !== 'SRV') return nodata();
    if (headless) {
      const eps = readyEndpoints(sim, svc);
      return {
        rcode: 'NOERROR',
        authoritative: true,
        answers: eps.map((e) => ({ name, type: 'SRV' as const, ttl: TTL, data: `0 ${srvWeight(eps.length)} ${port.port} ${e.hostname ?? dashed(e.ip)}.${base}` })),
      };
    }
    return { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'SRV', ttl: TTL, data: `0 100 ${port.port} ${base}` }] };
  }

  // <hostname>.<svc>... for headless endpoints
  if (prefix.length === 1 && headless) {
    const eps = readyEndpoints(sim, svc).filter((e) => (e.hostname ?? dashed(e.ip)) === prefix[0]);
    if (!eps.length) return nx();
    if (type !== 'A') return nodata();
    return { rcode: 'NOERROR', authoritative: true, answers: eps.map((e) => ({ name, type: 'A' as const, ttl: TTL, data: e.ip })) };
  }
  return nx();
}

function srvWeight(n: number): number {
  // CoreDNS: weight = 100 / number of records (integer division)
  return n > 0 ? Math.floor(100 / n) : 100;
}

function ptr(sim: Sim, name: string): DnsReply {
  const octets = name.replace(/\.in-addr\.arpa$/, '').split('.').reverse();
  if (octets.length !== 4) return nx();
  const ip = octets.join('.');
  for (const svc of sim.store.iterate('Service')) {
    if (svc.spec?.clusterIP === ip)
      return { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'PTR', ttl: TTL, data: `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_DOMAIN}` }] };
  }
  for (const svc of sim.store.iterate('Service')) {
    if (svc.spec?.clusterIP !== 'None') continue;
    for (const e of readyEndpoints(sim, svc))
      if (e.ip === ip)
        return {
          rcode: 'NOERROR',
          authoritative: true,
          answers: [{ name, type: 'PTR', ttl: TTL, data: `${e.hostname ?? dashed(ip)}.${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_DOMAIN}` }],
        };
  }
  // In-cluster addresses without a record: authoritative NXDOMAIN (kubeadm Corefile: in-addr.arpa zone, fallthrough)
  for (const host of Object.entries(INTERNET)) if (host[1].a?.includes(ip)) return nx(false);
  return nx();
}

function upstream(sim: Sim, name: string, type: RRType, depth: number): DnsReply {
  const h = INTERNET[name];
  if (!h) return nx(false);
  if (h.cname) {
    const c: RR = { name, type: 'CNAME', ttl: 300, data: h.cname };
    if (type === 'CNAME' || depth > 8) return { rcode: 'NOERROR', authoritative: false, answers: [c] };
    const next = upstream(sim, h.cname, type, depth + 1);
    return { rcode: next.rcode, authoritative: false, answers: [c, ...next.answers] };
  }
  if (type === 'A' && h.a) return { rcode: 'NOERROR', authoritative: false, answers: h.a.map((ip) => ({ name, type: 'A' as const, ttl: 60, data: ip })) };
  return nodata(false);
}

/** A pod's resolver configuration (what kubelet writes to /etc/resolv.conf; reference §4.2). */
export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
}

export function clusterFirstResolvConf(namespace: string): ResolvConf {
  return { nameservers: [CLUSTER_DNS_IP], search: [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN], ndots: 5 };
}

/** The node's own resolver (systemd-resolved stub on Ubuntu): no cluster names. */
export const NODE_RESOLV_CONF: ResolvConf = { nameservers: ['127.0.0.53'], search: [], ndots: 1 };

/** The candidate names a stub resolver tries, in order (glibc res_search with ndots). */
export function searchCandidates(name: string, rc: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = (name.match(/\./g) ?? []).length;
  const withSearch = rc.search.map((d) => `${name}.${d}`);
  return dots >= rc.ndots ? [name, ...withSearch] : [...withSearch, name];
}

/**
 * getaddrinfo-like lookup: the first candidate that has A records wins.
 * Returns the canonical name and addresses, or undefined (could not resolve).
 */
export function resolveHost(sim: Sim, name: string, rc: ResolvConf): { name: string; addresses: string[] } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return { name, addresses: [name] };
  const usesClusterDNS = rc.nameservers.includes(CLUSTER_DNS_IP);
  for (const cand of searchCandidates(name, rc)) {
    if (!usesClusterDNS && (cand.endsWith('.' + CLUSTER_DOMAIN) || cand === CLUSTER_DOMAIN)) continue;
    const r = query(sim, cand, 'A');
    const addrs = r.answers.filter((a) => a.type === 'A').map((a) => a.data);
    if (r.rcode === 'NOERROR' && addrs.length) return { name: cand, addresses: addrs };
  }
  return undefined;
}

/** The records CoreDNS serves for a namespace's Services and pods (for the examples' DNS panel). */
export function namespaceRecords(sim: Sim, namespace: string): RR[] {
  const out: RR[] = [];
  for (const svc of sim.store.list('Service', namespace)) {
    const name = `${svc.metadata.name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
    const a = query(sim, name, svc.spec?.type === 'ExternalName' ? 'CNAME' : 'A');
    out.push(...a.answers);
    for (const p of svc.spec?.ports ?? []) {
      if (!p.name) continue;
      out.push(...query(sim, `_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${name}`, 'SRV').answers);
    }
    if (svc.spec?.clusterIP === 'None')
      for (const e of readyEndpoints(sim, svc)) {
        const host = `${e.hostname ?? dashed(e.ip)}.${name}`;
        out.push({ name: host, type: 'A', ttl: TTL, data: e.ip });
      }
  }
  return out;
}
