import type { StoredObject } from '../api/types';
import type { Sim } from '../sim';
import type { HttpRequest, HttpResponse, KubeletService, Listener } from '../kubelet/service';
import { INTERNET, externalHostByIP } from './internet';

/**
 * Where a packet from a client ends up: kube-proxy's rules (iptables mode)
 * for ClusterIPs, NodePorts and LoadBalancer IPs, then the pod network.
 */
export type Client = { kind: 'pod'; pod: StoredObject } | { kind: 'node'; node: string };

export type Connection =
  | { ok: true; kind: 'pod'; pod: StoredObject; port: number; listener: Listener; clientIP: string }
  | { ok: true; kind: 'external'; host: string }
  | { ok: true; kind: 'apiserver'; clientIP: string }
  | { ok: true; kind: 'forward'; forward: NodeForward }
  | { ok: false; error: 'refused' | 'timeout' };

/**
 * A process on a node listening on a TCP port (kubectl port-forward): the addresses it is bound to (`0.0.0.0` / `::`
 * = every address of the node) and what it answers. `handle` returns undefined when the connection closes without
 * a reply.
 */
export interface NodeForward {
  node: string;
  addresses: string[];
  port: number;
  handle(req: HttpRequest): HttpResponse | undefined;
}

function nodeForwards(sim: Sim): NodeForward[] {
  return ((sim.services.nodeForwards as NodeForward[] | undefined) ??= []);
}

export function addNodeForward(sim: Sim, f: NodeForward): void {
  nodeForwards(sim).push(f);
}

export function removeNodeForward(sim: Sim, f: NodeForward): void {
  const l = nodeForwards(sim);
  const i = l.indexOf(f);
  if (i >= 0) l.splice(i, 1);
}

const isV6 = (a: string) => a.includes(':');

/** Whether a socket bound to `bound` receives what is sent to `ip` (a wildcard takes every address of its family; `::` both). */
function boundTo(bound: string, ip: string): boolean {
  return bound === ip || bound === '::' || (bound === '0.0.0.0' && !isV6(ip));
}

/** The forward listening on node:ip:port, if any. */
function forwardAt(sim: Sim, node: string, ip: string, port: number): NodeForward | undefined {
  return nodeForwards(sim).find((f) => f.node === node && f.port === port && f.addresses.some((a) => boundTo(a, ip)));
}

/**
 * Why a socket cannot be bound to address:port on a node: EADDRINUSE when a socket of the node already holds the
 * port on that address (or a wildcard one covers it, or the new one is a wildcard over a held one), EADDRNOTAVAIL
 * for an address the node does not have. Listeners on the node: kubectl port-forwards, the API server (6443 on the
 * control plane), hostNetwork pods.
 */
export function bindError(sim: Sim, node: string, address: string, port: number): 'address already in use' | 'cannot assign requested address' | undefined {
  const own = ['127.0.0.1', '::1', '0.0.0.0', '::', nodeIP(sim, node) ?? ''];
  if (!own.includes(address)) return 'cannot assign requested address';
  const clash = (held: string) => boundTo(held, address) || boundTo(address, held) || held === address;
  if (nodeForwards(sim).some((f) => f.node === node && f.port === port && f.addresses.some(clash))) return 'address already in use';
  const v4 = !isV6(address) || address === '::';
  if (v4 && port === API_SERVER_PORT && node === sim.options.controlPlaneName) return 'address already in use';
  for (const p of sim.store.byIndex('Pod', 'kubelet.node', node)) {
    if (!p.spec?.hostNetwork || p.status?.phase !== 'Running') continue;
    if (kubelet(sim)?.listener?.(p.metadata.namespace!, p.metadata.name, port, 'TCP')) return 'address already in use';
  }
  return undefined;
}

/** Extra latency of a refused connection or the OS giving up on SYNs (tcp_syn_retries=6 ≈ 127 s). */
export const SYN_TIMEOUT_MS = 127_000;
export const API_SERVER_PORT = 6443;

function kubelet(sim: Sim): KubeletService | undefined {
  return sim.services.kubelet as KubeletService | undefined;
}

export function nodeIP(sim: Sim, node: string): string | undefined {
  const n = sim.store.get('Node', '', node);
  return n?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address;
}

function controlPlaneIP(sim: Sim): string | undefined {
  return nodeIP(sim, sim.options.controlPlaneName);
}

export function clientIP(sim: Sim, c: Client): string {
  return c.kind === 'pod' ? c.pod.status?.podIP ?? '' : nodeIP(sim, c.node) ?? '';
}

function masqueradeIP(sim: Sim, via: string, target: string | undefined): string | undefined {
  const cidr: string | undefined = sim.store.get('Node', '', via)?.spec?.podCIDR;
  if (!cidr) return nodeIP(sim, via);
  const base = cidr.split('/')[0].split('.').slice(0, 3).join('.');
  return target === via ? `${base}.1` : `${base}.0`;
}

function clientNode(c: Client): string | undefined {
  return c.kind === 'pod' ? c.pod.spec?.nodeName : c.node;
}

function podByIP(sim: Sim, ip: string): StoredObject | undefined {
  for (const p of sim.store.byIndex('Pod', 'podIP', ip)) if (!p.spec?.hostNetwork) return p;
  return undefined;
}

function serviceByClusterIP(sim: Sim, ip: string): StoredObject | undefined {
  return sim.store.byIndex('Service', 'clusterIP', ip)[0];
}

interface Endpoint {
  ip: string;
  port: number;
  nodeName?: string;
}

function serviceEndpoints(sim: Sim, svc: StoredObject, svcPort: any): Endpoint[] {
  const ep = sim.store.get('Endpoints', svc.metadata.namespace!, svc.metadata.name);
  const out: Endpoint[] = [];
  for (const s of ep?.subsets ?? []) {
    const p = (s.ports ?? []).find((x: any) => (x.name ?? '') === (svcPort.name ?? '') && (x.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP'));
    const port = p?.port ?? (s.ports?.length === 1 && !svcPort.name ? s.ports[0].port : undefined);
    if (port === undefined) continue;
    for (const a of s.addresses ?? []) out.push({ ip: a.ip, port, nodeName: a.nodeName });
  }
  return out;
}

/** Session affinity (ClientIP) memory: service uid + client IP → endpoint IP. */
function affinity(sim: Sim): Map<string, string> {
  return ((sim.services.proxyAffinity as Map<string, string>) ??= new Map());
}

function pick(sim: Sim, svc: StoredObject, eps: Endpoint[], client: string): Endpoint {
  if (svc.spec?.sessionAffinity === 'ClientIP') {
    const key = `${svc.metadata.uid}/${client}`;
    const prev = affinity(sim).get(key);
    const hit = eps.find((e) => e.ip === prev);
    if (hit) return hit;
    const e = eps[sim.rand.int(eps.length)];
    affinity(sim).set(key, e.ip);
    return e;
  }
  return eps[sim.rand.int(eps.length)];
}

function toPod(sim: Sim, ip: string, port: number, client: string, protocol: 'TCP' | 'UDP'): Connection {
  const pod = podByIP(sim, ip);
  if (!pod) {
    // a hand-written Endpoints address outside the pod network (e.g. an external server): DNAT goes out to it
    const ext = externalHostByIP(ip);
    if (ext && INTERNET[ext]?.http && port === 80) return { ok: true, kind: 'external', host: ext };
  }
  if (!pod || pod.status?.phase !== 'Running') return { ok: false, error: 'timeout' };
  const l = kubelet(sim)?.listener?.(pod.metadata.namespace!, pod.metadata.name, port, protocol);
  if (!l) return { ok: false, error: 'refused' };
  return { ok: true, kind: 'pod', pod, port, listener: l, clientIP: client };
}

function viaService(sim: Sim, svc: StoredObject, svcPort: any, client: Client, opts: { external: boolean; node?: string }): Connection {
  let eps = serviceEndpoints(sim, svc, svcPort);
  const src = clientIP(sim, client);
  if (svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes') {
    return eps.length ? { ok: true, kind: 'apiserver', clientIP: src } : { ok: false, error: 'refused' };
  }
  if (!eps.length) return { ok: false, error: 'refused' }; // KUBE-SVC ... REJECT (no endpoints)
  let seenIP = src;
  if (opts.external) {
    // kube-proxy iptables KUBE-EXT chain: traffic from pods and from the node itself always goes
    // to cluster-wide endpoints; only traffic from outside the node is held to Local endpoints
    const fromInside = client.kind === 'pod' || clientNode(client) === opts.node;
    if (svc.spec?.externalTrafficPolicy === 'Local' && !fromInside) {
      eps = eps.filter((e) => e.nodeName === opts.node);
      if (!eps.length) return { ok: false, error: 'timeout' }; // KUBE-EXT … DROP: no local endpoints
      const e = pick(sim, svc, eps, src);
      return toPod(sim, e.ip, e.port, seenIP, (svcPort.protocol ?? 'TCP') as 'TCP' | 'UDP');
    }
    // masqueraded (SNAT) by the forwarding node to the address of the interface it leaves by:
    // cni0 (x.x.x.1) for a pod on the same node, flannel.1 (x.x.x.0) for a pod elsewhere
    const e = pick(sim, svc, eps, src);
    seenIP = masqueradeIP(sim, opts.node!, e.nodeName) ?? src;
    return toPod(sim, e.ip, e.port, seenIP, (svcPort.protocol ?? 'TCP') as 'TCP' | 'UDP');
  } else if (svc.spec?.internalTrafficPolicy === 'Local') {
    eps = eps.filter((e) => e.nodeName === clientNode(client));
    if (!eps.length) return { ok: false, error: 'timeout' };
  }
  const e = pick(sim, svc, eps, src);
  return toPod(sim, e.ip, e.port, seenIP, (svcPort.protocol ?? 'TCP') as 'TCP' | 'UDP');
}

/** Open a connection from a client to ip:port. */
export function connect(sim: Sim, client: Client, ip: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): Connection {
  const src = clientIP(sim, client);
  // loopback: the client's own network namespace
  if (ip === '127.0.0.1' || ip === '::1') {
    if (client.kind === 'pod') return toPod(sim, client.pod.status?.podIP, port, '127.0.0.1', protocol);
    const fw = protocol === 'TCP' ? forwardAt(sim, client.node, ip, port) : undefined;
    if (fw) return { ok: true, kind: 'forward', forward: fw };
    if (client.node === sim.options.controlPlaneName && port === API_SERVER_PORT) return { ok: true, kind: 'apiserver', clientIP: '127.0.0.1' };
    return { ok: false, error: 'refused' };
  }
  const svc = serviceByClusterIP(sim, ip);
  if (svc) {
    const sp = (svc.spec.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    if (!sp) return { ok: false, error: 'timeout' }; // no rule: the virtual IP answers nothing
    return viaService(sim, svc, sp, client, { external: false });
  }
  // a node address: NodePorts, then the node's own listeners
  for (const n of sim.store.iterate('Node')) {
    if (nodeIP(sim, n.metadata.name) !== ip) continue;
    for (const s of sim.store.byIndex('Service', 'nodePort', String(port))) {
      const sp = s.spec.ports.find((p: any) => p.nodePort === port && (p.protocol ?? 'TCP') === protocol);
      if (sp) return viaService(sim, s, sp, client, { external: true, node: n.metadata.name });
    }
    if (port === API_SERVER_PORT && n.metadata.name === sim.options.controlPlaneName) return { ok: true, kind: 'apiserver', clientIP: src };
    const fw = protocol === 'TCP' ? forwardAt(sim, n.metadata.name, ip, port) : undefined;
    if (fw) return { ok: true, kind: 'forward', forward: fw };
    for (const p of sim.store.byIndex('Pod', 'kubelet.node', n.metadata.name)) {
      if (p.status?.phase !== 'Running') continue;
      // hostPort: the CNI portmap plugin DNATs node:hostPort to the pod's containerPort
      const hp = (p.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []).find((x: any) => x.hostPort === port && (x.protocol ?? 'TCP') === protocol);
      if (hp && !p.spec?.hostNetwork) return toPod(sim, p.status?.podIP, hp.containerPort, src, protocol);
      if (!p.spec?.hostNetwork) continue;
      const l = kubelet(sim)?.listener?.(p.metadata.namespace!, p.metadata.name, port, protocol);
      if (l) return { ok: true, kind: 'pod', pod: p, port, listener: l, clientIP: src };
    }
    return { ok: false, error: 'refused' };
  }
  // LoadBalancer ingress IPs
  for (const s of sim.store.byIndex('Service', 'loadBalancerIP', ip)) {
    const sp = (s.spec.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    if (!sp) return { ok: false, error: 'timeout' };
    // the load balancer only sends to nodes that pass its health check (Local: nodes with a ready local endpoint)
    const nodes = [...sim.store.iterate('Node')].map((n) => n.metadata.name).filter((n) => n !== sim.options.controlPlaneName);
    let candidates = nodes;
    if (s.spec.externalTrafficPolicy === 'Local') {
      const local = new Set(serviceEndpoints(sim, s, sp).map((e) => e.nodeName));
      candidates = nodes.filter((n) => local.has(n));
      if (!candidates.length) return { ok: false, error: 'timeout' };
    }
    const node = candidates[sim.rand.int(candidates.length)];
    return viaService(sim, s, sp, client, { external: true, node });
  }
  if (podByIP(sim, ip) || sim.store.byIndex('Pod', 'podIP', ip).length) {
    // from a node, the source address is the one of the interface the route leaves by (cni0 or flannel.1)
    const target = podByIP(sim, ip)?.spec?.nodeName;
    const from = client.kind === 'node' ? masqueradeIP(sim, client.node, target) ?? src : src;
    return toPod(sim, ip, port, from, protocol);
  }
  const ext = externalHostByIP(ip);
  if (ext && INTERNET[ext]?.http && port === 80) return { ok: true, kind: 'external', host: ext };
  return { ok: false, error: 'timeout' };
}

/** Send an HTTP request over a connection. */
export function httpExchange(sim: Sim, conn: Connection & { ok: true }, req: HttpRequest): HttpResponse | undefined {
  if (conn.kind === 'pod') return conn.listener.http?.({ ...req, clientIP: conn.clientIP });
  if (conn.kind === 'external') return INTERNET[conn.host].http;
  if (conn.kind === 'forward') return conn.forward.handle(req);
  const api = sim.services.apiHttp as ((req: HttpRequest) => HttpResponse) | undefined;
  return api?.({ ...req, clientIP: conn.clientIP });
}

/** Indexes the proxy needs (installed by the network module). */
export function installProxyIndexes(sim: Sim): void {
  const none: string[] = []; // shared by pods without an IP yet (the store only reads it)
  sim.store.addIndex('Pod', 'podIP', (p) => (p.status?.podIP ? [p.status.podIP] : none), 'status');
  sim.store.addIndex('Service', 'clusterIP', (s) => (s.spec?.clusterIP && s.spec.clusterIP !== 'None' ? [s.spec.clusterIP] : []));
  sim.store.addIndex('Service', 'nodePort', (s) => (s.spec?.ports ?? []).filter((p: any) => p.nodePort).map((p: any) => String(p.nodePort)));
  sim.store.addIndex('Service', 'loadBalancerIP', (s) => (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip).filter(Boolean));
}
