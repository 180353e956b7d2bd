/**
 * Network diagnostics inside containers: ping, ifconfig, ip, netstat — the busybox applets (busybox images) and
 * the Debian/Ubuntu programs (iputils-ping, net-tools once `apt-get install` put them on the container's disk).
 * Formats from the sources (tests/sim/netdiag.test.ts cites them line by line): busybox 1.37 networking/ping.c,
 * networking/interface.c (ifconfig), networking/libiproute/ipaddress.c and iproute.c (ip), networking/netstat.c;
 * iputils ping/ping.c + ping/ping_common.c (20240117 on noble, 20240905 on trixie); net-tools 2.10 lib/interface.c
 * (ifconfig) and netstat.c.
 *
 * The network it reports is the cluster the simulator models: flannel (kube-flannel.yml, vxlan backend) with the
 * cni `bridge` delegate — each pod's eth0 is a veth on the node's cni0 bridge, an address of the node's /24 podCIDR
 * (host-local IPAM), gateway x.x.x.1, routes `default` and 10.244.0.0/16 via the gateway, MTU 1450 (vxlan: host MTU
 * 1500 − 50). A packet between pods of one node crosses the bridge only (TTL 64 on arrival); between nodes it is
 * routed by both kernels (cni0 → flannel.1 on the sender's node, flannel.1 → cni0 on the receiver's), so a reply
 * arrives with TTL 62; a node's own address answers with 64 to its pods and 63 to pods elsewhere (one forward).
 * kube-proxy in iptables mode only DNATs the TCP/UDP ports of a Service: an ICMP echo to a ClusterIP (or a load
 * balancer IP) matches no rule and is never answered.
 *
 * Time: each echo is one interval (1 s unless -i) of simulated time, as `sleep` advances the clock; round-trip
 * times come from a hash of the path, the sequence number and the start time (no draw from sim.rand). A ping with
 * neither -c nor -w runs until interrupted: the simulator cannot press Ctrl-C for the reader, so such a ping is
 * interrupted (SIGINT) once four echoes have been answered or lost — ping then prints its statistics as it does on
 * SIGINT, after the `^C` the terminal echoes when it runs on one (kubectl exec -it). Counters of ifconfig are
 * small per-pod constants (hash of the pod UID); established connections are not modelled (netstat lists
 * listeners).
 */
import type { Sim } from '../sim';
import type { StoredObject } from '../api/types';
import type { CommandContext, Location } from '../shell/types';
import type { FileSystem, KubeletService } from '../kubelet/service';
import { query, searchCandidates, CLUSTER_DNS_IP, CLUSTER_DOMAIN, type ResolvConf } from './dns';
import { resolvConfOf } from './commands';
import { nodeIP } from './proxy';
import { externalHostByIP } from './internet';

type Has = (loc: Location, sim: Sim, name: string) => boolean;

// ------------------------------------------------------------------ helpers

const BUSYBOX_BANNER = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n';

function kubelet(sim: Sim): KubeletService | undefined {
  return sim.services.kubelet as KubeletService | undefined;
}

/** FNV-1a of a string → [0, 1): per-packet variation without touching sim.rand. */
export function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // one more avalanche round so neighbouring keys spread
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h >>> 0) / 0x100000000;
}

function podOf(sim: Sim, loc: Location): StoredObject | undefined {
  return loc.kind === 'container' ? sim.store.get('Pod', loc.namespace, loc.pod) : undefined;
}

/** Whether the location's program is the busybox applet (the image ships busybox and no package replaced it). */
function isBusybox(sim: Sim, loc: Location, prog: string): boolean {
  if (loc.kind === 'node') return false;
  const c = kubelet(sim)?.container(loc.namespace, loc.pod, loc.container);
  if (!c || 'error' in c || !c.binaries.has('busybox')) return false;
  return !['/usr/bin/', '/usr/sbin/'].some((d) => {
    const st = c.fs.stat(d + prog);
    return !('error' in st);
  });
}

function fsOf(sim: Sim, loc: Location): FileSystem | undefined {
  const k = kubelet(sim);
  if (loc.kind === 'node') return k?.nodeFS(loc.node);
  const c = k?.container(loc.namespace, loc.pod, loc.container);
  return c && !('error' in c) ? c.fs : undefined;
}

/** Where a location sits on the network: its address and node (a hostNetwork pod is its node). */
interface Self {
  ip: string;
  node: string;
  pod?: StoredObject;
  hostNetwork: boolean;
}

function selfOf(sim: Sim, loc: Location): Self | undefined {
  if (loc.kind === 'node') return { ip: nodeIP(sim, loc.node) ?? '', node: loc.node, hostNetwork: true };
  const pod = podOf(sim, loc);
  if (!pod) return undefined;
  return { ip: pod.status?.podIP ?? '', node: pod.spec?.nodeName ?? '', pod, hostNetwork: !!pod.spec?.hostNetwork };
}

function ipv4(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((p) => Number(p) <= 255);
}

// ------------------------------------------------------------------ name resolution (glibc: files, then dns)

const NODE_HOSTS = (node: string) => `127.0.0.1 localhost\n127.0.1.1 ${node}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`;

function hostsLines(sim: Sim, loc: Location): { addr: string; names: string[] }[] {
  const r = fsOf(sim, loc)?.read('/etc/hosts');
  const text = r && !('error' in r) ? r.data : loc.kind === 'node' ? NODE_HOSTS(loc.node) : '';
  const out: { addr: string; names: string[] }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [addr, ...names] = line.split(/\s+/);
    if (names.length) out.push({ addr, names });
  }
  return out;
}

interface Resolved {
  /** ai_canonname: the hosts line's first name, or the owner of the A records after CNAMEs */
  canon: string;
  addr: string;
  v6: boolean;
}

/** getaddrinfo(AF_UNSPEC) as glibc answers it: /etc/hosts (an IPv6 loopback sorts first, RFC 6724), then DNS A. */
function lookup(sim: Sim, loc: Location, name: string): Resolved | undefined {
  if (ipv4(name)) return { canon: name, addr: name, v6: false };
  if (name === '::1') return { canon: name, addr: name, v6: true };
  const lower = name.toLowerCase().replace(/\.$/, '');
  const hits = hostsLines(sim, loc).filter((l) => l.names.some((n) => n.toLowerCase() === lower));
  if (hits.length) {
    const v6 = hits.find((h) => h.addr === '::1');
    const v4 = hits.find((h) => ipv4(h.addr));
    const pick = v6 ?? v4;
    if (pick) return { canon: pick.names[0], addr: pick.addr, v6: pick === v6 };
  }
  const rc: ResolvConf = resolvConfOf(sim, loc);
  const clusterDNS = rc.nameservers.includes(CLUSTER_DNS_IP);
  for (const cand of searchCandidates(name, rc)) {
    if (!clusterDNS && (cand.endsWith('.' + CLUSTER_DOMAIN) || cand === CLUSTER_DOMAIN)) continue;
    const r = query(sim, cand, 'A');
    const a = r.answers.filter((x) => x.type === 'A');
    if (r.rcode === 'NOERROR' && a.length) return { canon: a[0].name, addr: a[0].data, v6: false };
  }
  return undefined;
}

/** getnameinfo: /etc/hosts, then a PTR query (cluster names only through the cluster DNS). */
function reverseName(sim: Sim, loc: Location, ip: string): string | undefined {
  const h = hostsLines(sim, loc).find((l) => l.addr === ip);
  if (h) return h.names[0];
  if (!ipv4(ip)) return undefined;
  const rc = resolvConfOf(sim, loc);
  if (!rc.nameservers.includes(CLUSTER_DNS_IP)) return undefined;
  const r = query(sim, ip.split('.').reverse().join('.') + '.in-addr.arpa', 'PTR');
  return r.answers.find((a) => a.type === 'PTR')?.data;
}

// ------------------------------------------------------------------ paths: does an echo come back, with which TTL and RTT

interface EchoPath {
  ttl: number;
  /** round trip in µs: [low, high) */
  rtt: [number, number];
  /** first echo of an in-cluster path also waits for neighbour (ARP) resolution */
  arp: boolean;
}

/**
 * Public hosts the simulated internet answers ping for. TTLs and round trips are representative values for a lab
 * VM on a home connection in Korea (the nodes' 192.168.56.0/24 is a VirtualBox host-only network), seen from a pod
 * (one forward more than from the node); GitHub does not answer ICMP echo.
 */
const PUBLIC_ECHO: Record<string, { ttl: number; rtt: number } | null> = {
  'google.com': { ttl: 115, rtt: 33_000 },
  'www.google.com': { ttl: 115, rtt: 34_000 },
  'github.com': null,
  'github.github.io': { ttl: 57, rtt: 38_000 },
  'kubernetes.io': { ttl: 240, rtt: 36_000 },
  'example.com': { ttl: 49, rtt: 142_000 },
  'archive.ubuntu.com': { ttl: 46, rtt: 262_000 },
  'security.ubuntu.com': { ttl: 46, rtt: 258_000 },
  'debian.map.fastly.net': { ttl: 57, rtt: 37_000 },
  '8.8.8.8': { ttl: 115, rtt: 35_000 },
  '8.8.4.4': { ttl: 115, rtt: 35_000 },
  '1.1.1.1': { ttl: 56, rtt: 31_000 },
  '1.0.0.1': { ttl: 56, rtt: 31_000 },
};

function livePodByIP(sim: Sim, ip: string): StoredObject | undefined {
  for (const p of sim.store.byIndex('Pod', 'podIP', ip)) {
    if (p.spec?.hostNetwork) continue;
    const phase = p.status?.phase;
    if (phase === 'Running' || phase === 'Pending') return p;
  }
  return undefined;
}

/** A node's addresses: its InternalIP, cni0 (x.x.x.1 of its podCIDR, the pods' gateway) and flannel.1 (x.x.x.0). */
function nodeByIP(sim: Sim, ip: string): string | undefined {
  for (const n of sim.store.iterate('Node')) {
    if (nodeIP(sim, n.metadata.name) === ip) return n.metadata.name;
    const cidr: string | undefined = n.spec?.podCIDR;
    if (!cidr) continue;
    const base = cidr.split('/')[0].split('.').slice(0, 3).join('.');
    if (ip === `${base}.1` || ip === `${base}.0`) return n.metadata.name;
  }
  return undefined;
}

export function echoPath(sim: Sim, self: Self, ip: string): EchoPath | undefined {
  const local: EchoPath = { ttl: 64, rtt: [22, 58], arp: false };
  if (ip === '::1' || ip.startsWith('127.') || ip === self.ip) return local;
  if (sim.store.byIndex('Service', 'clusterIP', ip).length || sim.store.byIndex('Service', 'loadBalancerIP', ip).length) return undefined;
  const pod = livePodByIP(sim, ip);
  if (pod) {
    const same = pod.spec?.nodeName === self.node;
    if (self.hostNetwork) return same ? { ttl: 64, rtt: [45, 95], arp: true } : { ttl: 63, rtt: [380, 820], arp: true };
    return same ? { ttl: 64, rtt: [52, 118], arp: true } : { ttl: 62, rtt: [460, 940], arp: true };
  }
  const node = nodeByIP(sim, ip);
  if (node) {
    if (self.hostNetwork) return node === self.node ? local : { ttl: 64, rtt: [260, 610], arp: true };
    return node === self.node ? { ttl: 64, rtt: [40, 88], arp: false } : { ttl: 63, rtt: [330, 720], arp: true };
  }
  const host = externalHostByIP(ip);
  const pub = PUBLIC_ECHO[ip] ?? (host ? PUBLIC_ECHO[host] : undefined);
  if (pub) {
    const ttl = self.hostNetwork ? pub.ttl + 1 : pub.ttl;
    return { ttl, rtt: [Math.round(pub.rtt * 0.94), Math.round(pub.rtt * 1.09)], arp: false };
  }
  return undefined;
}

// ------------------------------------------------------------------ ping

interface PingOpts {
  count?: number;
  deadline?: number;
  /** ms */
  interval: number;
  /** ms (iputils -W accepts fractions; busybox whole seconds) */
  linger?: number;
  size: number;
  quiet: boolean;
  numeric: boolean;
  host: string;
}

const BUSYBOX_PING_USAGE =
  BUSYBOX_BANNER +
  'Usage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n' +
  '\t-4,-6\t\tForce IP or IPv6 name resolution\n' +
  '\t-c CNT\t\tSend only CNT pings\n' +
  '\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n' +
  '\t-i SECS\t\tInterval\n' +
  '\t-A\t\tPing as soon as reply is received\n' +
  '\t-t TTL\t\tSet TTL\n' +
  '\t-I IFACE/IP\tSource interface or IP address\n' +
  '\t-W SEC\t\tSeconds to wait for the first response (default 10)\n' +
  '\t\t\t(after all -c CNT packets are sent)\n' +
  '\t-w SEC\t\tSeconds until ping exits (default:infinite)\n' +
  '\t\t\t(can exit earlier with -c CNT)\n' +
  '\t-q\t\tQuiet, only display output at start/finish\n' +
  '\t-p HEXBYTE\tPayload pattern\n';

/** Parse argv as busybox getopt32 ("qvAc:+s:t:+w:+W:+I:np:i:46") or iputils getopt; a string is an error text. */
function parsePing(argv: string[], busybox: boolean): PingOpts | { error: string; code: number } {
  const o: PingOpts = { interval: 1000, size: 56, quiet: false, numeric: false, host: '' };
  const hosts: string[] = [];
  const withValue = 'csiwWtIpQlmMSFTN';
  const bad = (msg: string) => ({ error: msg, code: busybox ? 1 : 2 });
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      hosts.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withValue.includes(f)) {
        const v = a.slice(j + 1) || argv[++i];
        if (v === undefined) return busybox ? { error: BUSYBOX_PING_USAGE, code: 1 } : bad(`ping: option requires an argument -- '${f}'\n`);
        const num = Number(v);
        if (f === 'c') {
          if (!/^\d+$/.test(v) || num < 1) return busybox ? { error: `ping: invalid number '${v}'\n`, code: 1 } : bad(`ping: invalid argument: '${v}': out of range: 1 <= value <= 9223372036854775807\n`);
          o.count = num;
        } else if (f === 's') o.size = num;
        else if (f === 'i') {
          if (!Number.isFinite(num) || num < 0) return busybox ? { error: `ping: invalid number '${v}'\n`, code: 1 } : bad(`ping: bad timing interval: ${v}\n`);
          o.interval = Math.round(num * 1000);
        } else if (f === 'w') o.deadline = num;
        else if (f === 'W') o.linger = busybox ? Math.floor(num) * 1000 : Math.round(num * 1000);
        break;
      }
      if (f === 'q') o.quiet = true;
      else if (f === 'n') o.numeric = true;
      else if (!'4vADdfaBLOrRUHb'.includes(f)) {
        return busybox ? { error: BUSYBOX_PING_USAGE, code: 1 } : bad(`ping: invalid option -- '${f}'\n`);
      }
    }
  }
  if (hosts.length !== 1) {
    if (busybox) return { error: BUSYBOX_PING_USAGE, code: 1 };
    if (!hosts.length) return { error: 'ping: usage error: Destination address required\n', code: 1 };
  }
  o.host = hosts[hosts.length - 1];
  return o;
}

/** C's printf("%g") of a float (iputils prints the loss as (float)) */
export function fmtG(x: number): string {
  const f = Math.fround(x);
  if (f === 0) return '0';
  let s = f.toPrecision(6);
  if (s.includes('e')) return s;
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

const p3 = (n: number) => String(n).padStart(3, '0');

/** iputils gather_statistics: the time with 3, 2, 1 or no decimals as it grows */
export function iputilsTime(us: number): string {
  if (us >= 100000 - 50) return `${Math.floor((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.floor(us / 1000)}.${p3(us % 1000)}`;
}

function isqrt(a: number): number {
  if (a <= 0) return a < 0 ? a : 0;
  let prev = Infinity;
  let x = a;
  while (x < prev) {
    prev = x;
    x = Math.floor((x + Math.floor(a / x)) / 2);
  }
  return x;
}

/** Echoes sent before the simulated Ctrl-C of a ping that has no -c and no -w. */
export const PING_INTERRUPT_AFTER = 4;

function ping(ctx: CommandContext): number {
  const sim = ctx.sim;
  const loc = ctx.location;
  const busybox = isBusybox(sim, loc, 'ping');
  const parsed = parsePing(ctx.argv, busybox);
  if ('error' in parsed) {
    ctx.stderr(parsed.error);
    return parsed.code;
  }
  const o = parsed;
  const self = selfOf(sim, loc);
  const res = lookup(sim, loc, o.host);
  if (!res || !self) {
    ctx.stderr(busybox ? `ping: bad address '${o.host}'\n` : `ping: ${o.host}: Name or service not known\n`);
    return busybox ? 1 : 2;
  }
  const numericTarget = ipv4(o.host) || o.host === '::1';
  const shownName = busybox ? o.host : numericTarget ? o.host : res.canon;
  // header: busybox ping(): "PING %s (%s): %d data bytes"; iputils ping4_run "PING %s (%s) %zu(%zu) bytes of data.",
  // ping6_run "PING %s (%s) %zu data bytes"
  if (busybox) ctx.stdout(`PING ${o.host} (${res.addr}): ${o.size} data bytes\n`);
  else if (res.v6) ctx.stdout(`PING ${shownName} (${res.addr}) ${o.size} data bytes\n`);
  else ctx.stdout(`PING ${shownName} (${res.addr}) ${o.size}(${o.size + 28}) bytes of data.\n`);

  const path = echoPath(sim, self, res.addr);
  const start = sim.clock.now();
  const key = `${self.ip}>${res.addr}@${start}`;
  const rttOf = (seq: number): number => {
    if (!path) return 0;
    const [lo, hi] = path.rtt;
    let us = lo + Math.floor(unitHash(`${key}#${seq}`) * (hi - lo));
    if (seq === 0 && path.arp) us = Math.round(us * (1.5 + unitHash(`${key}#arp`) * 0.8));
    return Math.max(1, us);
  };
  // the reply's source: iputils resolves it (getnameinfo) unless the target was numeric or -n; busybox never
  let from = res.addr;
  if (!busybox && !numericTarget && !o.numeric) {
    const name = reverseName(sim, loc, res.addr);
    if (name && name !== res.addr) from = `${name} (${res.addr})`;
  }
  const interrupted = o.count === undefined && o.deadline === undefined;
  const deadlineMs = o.deadline !== undefined ? o.deadline * 1000 : Infinity;
  let sent = 0;
  let received = 0;
  const rtts: number[] = [];
  let elapsed = 0; // ms since start, as the clock moved
  let lastSend = 0;
  for (;;) {
    if (o.count !== undefined && sent >= o.count) break;
    if (interrupted && sent >= PING_INTERRUPT_AFTER) break;
    const at = sent * o.interval;
    // -w: busybox checks the deadline before each send (sendping_tail); iputils' alarm fires at the deadline
    if (at >= deadlineMs && sent > 0) break;
    if (at > elapsed) {
      sim.runtime.advance(at - elapsed);
      elapsed = at;
    }
    lastSend = at;
    const seq = sent;
    sent++;
    if (path) {
      const us = rttOf(seq);
      rtts.push(us);
      received++;
      if (!o.quiet) {
        const bytes = o.size + 8;
        if (busybox) ctx.stdout(`${bytes} bytes from ${res.addr}: seq=${seq} ttl=${path.ttl} time=${Math.floor(us / 1000)}.${p3(us % 1000)} ms\n`);
        else ctx.stdout(`${bytes} bytes from ${from}: icmp_seq=${seq + 1} ttl=${path.ttl} time=${iputilsTime(us)} ms\n`);
      }
    }
  }
  // how long ping waits after its last echo
  const tmax = rtts.length ? Math.max(...rtts) : 0;
  let wait = 0;
  if (interrupted) wait = Math.min(o.interval, 1000) / 2 + Math.floor(unitHash(`${key}#int`) * 300);
  else if (o.count !== undefined && sent >= o.count && received < sent) {
    if (busybox) wait = received ? Math.max(1, Math.floor(tmax / (512 * 1024))) * 1000 : (o.linger ?? 10_000);
    else wait = received ? Math.max(2 * tmax / 1000, o.interval) : (o.linger ?? 10_000);
  } else if (o.count !== undefined && received >= o.count) wait = Math.ceil(rtts[rtts.length - 1] / 1000);
  else if (Number.isFinite(deadlineMs)) wait = 0;
  let end = lastSend + wait;
  if (end > deadlineMs) end = deadlineMs;
  if (end > elapsed) {
    sim.runtime.advance(Math.round(end - elapsed));
    elapsed = end;
  }
  if (interrupted && ctx.isatty(0) && ctx.isatty(1)) ctx.stdout('^C');

  const loss = sent ? sent - received : 0;
  if (busybox) {
    // print_stats_and_exit
    let s = `\n--- ${o.host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${sent ? Math.floor((loss * 100) / sent) : 0}% packet loss\n`;
    if (rtts.length) {
      const min = Math.min(...rtts);
      const avg = Math.floor(rtts.reduce((a, b) => a + b, 0) / rtts.length);
      const f = (us: number) => `${Math.floor(us / 1000)}.${p3(us % 1000)}`;
      s += `round-trip min/avg/max = ${f(min)}/${f(avg)}/${f(tmax)} ms\n`;
    }
    ctx.stdout(s);
    return received === 0 || (o.deadline !== undefined && o.count !== undefined && received < o.count) ? 1 : 0;
  }
  // iputils finish(): time = last send − start, the sends drifting ~1 ms per interval behind the timer
  let drift = 0;
  for (let i = 1; i < sent; i++) drift += 900 + Math.floor(unitHash(`${key}#d${i}`) * 700);
  const timeMs = Math.floor(((sent - 1) * o.interval * 1000 + drift + 500) / 1000);
  let s = `\n--- ${shownName} ping statistics ---\n${sent} packets transmitted, ${received} received`;
  if (sent) s += `, ${fmtG((loss * 100) / sent)}% packet loss, time ${Math.max(0, timeMs)}ms`;
  s += '\n';
  if (rtts.length) {
    const total = rtts.length;
    const tsum = rtts.reduce((a, b) => a + b, 0);
    const tsum2 = rtts.reduce((a, b) => a + b * b, 0);
    const tmavg = Math.floor(tsum / total);
    const tmvar = Math.floor((tsum2 - Math.floor((tsum * tsum) / total)) / total);
    const mdev = isqrt(tmvar);
    const f = (us: number) => `${Math.floor(us / 1000)}.${p3(us % 1000)}`;
    s += `rtt min/avg/max/mdev = ${f(Math.min(...rtts))}/${f(tmavg)}/${f(tmax)}/${f(mdev)} ms`;
  }
  s += '\n';
  ctx.stdout(s);
  return received === 0 || (o.deadline !== undefined && o.count !== undefined && received < o.count) ? 1 : 0;
}

// ------------------------------------------------------------------ interfaces

interface Iface {
  index: number;
  name: string;
  /** @ifN: the veth peer's index in the node's namespace */
  peer?: number;
  flags: number;
  mtu: number;
  qdisc: string;
  mac: string;
  inet?: { addr: string; prefix: number; brd?: string; scope: 'host' | 'global' };
  inet6: { addr: string; prefix: number; scope: 'host' | 'link' };
  txqlen: number;
  loopback: boolean;
  stats: { rxPackets: number; rxBytes: number; txPackets: number; txBytes: number };
}

const IFF_UP = 0x1;
const IFF_BROADCAST = 0x2;
const IFF_LOOPBACK = 0x8;
const IFF_RUNNING = 0x40;
const IFF_MULTICAST = 0x1000;

function hashBytes(seed: string, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(unitHash(`${seed}/${i}`) * 256));
}

/** fe80::/64 from the MAC (EUI-64, the kernel's default addr_gen_mode), in compressed form */
function linkLocal(mac: number[]): string {
  const b = [mac[0] ^ 0x02, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]];
  const groups = [0, 2, 4, 6].map((i) => ((b[i] << 8) | b[i + 1]).toString(16));
  return `fe80::${groups.join(':')}`;
}

/** The interfaces a pod's network namespace has (flannel + cni bridge), in ifindex order. */
function interfacesOf(sim: Sim, loc: Location): Iface[] | undefined {
  const self = selfOf(sim, loc);
  if (!self || !self.pod) return undefined;
  const lo: Iface = {
    index: 1,
    name: 'lo',
    flags: IFF_UP | IFF_LOOPBACK | IFF_RUNNING,
    mtu: 65536,
    qdisc: 'noqueue',
    mac: '00:00:00:00:00:00',
    inet: { addr: '127.0.0.1', prefix: 8, scope: 'host' },
    inet6: { addr: '::1', prefix: 128, scope: 'host' },
    txqlen: 1000,
    loopback: true,
    stats: { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 },
  };
  if (!self.ip) return [lo];
  const uid = self.pod.metadata.uid;
  const m = hashBytes(`${uid}/mac`, 6);
  m[0] = (m[0] & 0xfc) | 0x02; // locally administered, unicast (eth_random_addr)
  const mac = m.map((x) => x.toString(16).padStart(2, '0')).join(':');
  const hostNet = self.hostNetwork;
  const prefix = 24;
  const octets = self.ip.split('.');
  const brd = `${octets.slice(0, 3).join('.')}.255`;
  const rxPackets = 9 + Math.floor(unitHash(`${uid}/rxp`) * 30);
  const txPackets = 1 + Math.floor(unitHash(`${uid}/txp`) * 8);
  // a hostNetwork pod sees the node's interfaces; only the VM's host-only NIC (enp0s8, after the NAT enp0s3, with
  // the node's InternalIP) is modelled, not enp0s3, cni0, flannel.1 or the veths
  const eth: Iface = {
    index: hostNet ? 3 : 2,
    name: hostNet ? 'enp0s8' : 'eth0',
    peer: hostNet ? undefined : 5 + Math.floor(unitHash(`${uid}/peer`) * 40),
    flags: IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST,
    mtu: hostNet ? 1500 : 1450,
    qdisc: hostNet ? 'fq_codel' : 'noqueue',
    mac,
    inet: { addr: self.ip, prefix, brd, scope: 'global' },
    inet6: { addr: linkLocal(m), prefix: 64, scope: 'link' },
    // the cni plugins create the veth with a zero-valued netlink.LinkAttrs (pkg/ip/link_linux.go makeVethPair),
    // whose TxQLen 0 is sent as IFLA_TXQLEN
    txqlen: hostNet ? 1000 : 0,
    loopback: false,
    stats: { rxPackets, rxBytes: rxPackets * 86 + Math.floor(unitHash(`${uid}/rxb`) * 400), txPackets, txBytes: txPackets * 70 + Math.floor(unitHash(`${uid}/txb`) * 60) },
  };
  return [lo, eth];
}

function maskOf(prefix: number): string {
  const n = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** busybox print_bytes_scaled: "%llu (%llu.%u %sB)", 1024-based */
function bbScaled(n: number): string {
  let int = n;
  let frac = 0;
  const exts = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let e = 0;
  for (let i = 0; i < 4; i++) {
    if (int >= 1024) {
      frac = Math.floor(((int & 1023) * 10) / 1024);
      int = Math.floor(int / 1024);
      e++;
    }
  }
  return `${n} (${int}.${frac} ${exts[e]}B)`;
}

/** net-tools ife_print_long: "(%lu.%lu %s)" of rx*10 / unit, unit only above 1024 */
function ntScaled(n: number): string {
  let short = n * 10;
  let ext = 'B';
  if (n > 1048576) {
    short = Math.floor(short / 1048576);
    ext = 'MiB';
  } else if (n > 1024) {
    short = Math.floor(short / 1024);
    ext = 'KiB';
  }
  return `(${Math.floor(short / 10)}.${short % 10} ${ext})`;
}

function ifconfigBusybox(i: Iface): string {
  let s = `${i.name.padEnd(9)} Link encap:${i.loopback ? 'Local Loopback' : 'Ethernet'}  `;
  if (!i.loopback) s += `HWaddr ${i.mac.toUpperCase()}  `;
  s += '\n';
  if (i.inet) {
    s += `          inet addr:${i.inet.addr} `;
    if (i.flags & IFF_BROADCAST) s += ` Bcast:${i.inet.brd} `;
    s += ` Mask:${maskOf(i.inet.prefix)}\n`;
  }
  s += `          inet6 addr: ${i.inet6.addr}/${i.inet6.prefix} Scope:${i.inet6.scope === 'host' ? 'Host' : 'Link'}\n`;
  const names: [number, string][] = [[IFF_UP, 'UP'], [IFF_BROADCAST, 'BROADCAST'], [IFF_LOOPBACK, 'LOOPBACK'], [IFF_RUNNING, 'RUNNING'], [IFF_MULTICAST, 'MULTICAST']];
  s += '          ' + names.filter(([b]) => i.flags & b).map(([, n]) => n + ' ').join('') + ` MTU:${i.mtu}  Metric:1\n`;
  s += `          RX packets:${i.stats.rxPackets} errors:0 dropped:0 overruns:0 frame:0\n`;
  s += `          TX packets:${i.stats.txPackets} errors:0 dropped:0 overruns:0 carrier:0\n`;
  s += `          collisions:0 txqueuelen:${i.txqlen} \n`;
  s += `          RX bytes:${bbScaled(i.stats.rxBytes)}  TX bytes:${bbScaled(i.stats.txBytes)}\n\n`;
  return s;
}

function ifconfigNetTools(i: Iface): string {
  const names: [number, string][] = [[IFF_UP, 'UP'], [IFF_BROADCAST, 'BROADCAST'], [IFF_LOOPBACK, 'LOOPBACK'], [IFF_RUNNING, 'RUNNING'], [IFF_MULTICAST, 'MULTICAST']];
  let s = `${i.name}: flags=${i.flags}<${names.filter(([b]) => i.flags & b).map(([, n]) => n).join(',')}>  mtu ${i.mtu}\n`;
  if (i.inet) {
    s += `        inet ${i.inet.addr}  netmask ${maskOf(i.inet.prefix)}`;
    if (i.flags & IFF_BROADCAST) s += `  broadcast ${i.inet.brd}`;
    s += '\n';
  }
  s += `        inet6 ${i.inet6.addr}  prefixlen ${i.inet6.prefix}  scopeid ${i.inet6.scope === 'host' ? '0x10<host>' : '0x20<link>'}\n`;
  s += i.loopback ? `        loop  txqueuelen ${i.txqlen}  (Local Loopback)\n` : `        ether ${i.mac}  txqueuelen ${i.txqlen}  (Ethernet)\n`;
  s += `        RX packets ${i.stats.rxPackets}  bytes ${i.stats.rxBytes} ${ntScaled(i.stats.rxBytes)}\n`;
  s += '        RX errors 0  dropped 0  overruns 0  frame 0\n';
  s += `        TX packets ${i.stats.txPackets}  bytes ${i.stats.txBytes} ${ntScaled(i.stats.txBytes)}\n`;
  s += '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n';
  return s;
}

function ifconfig(ctx: CommandContext): number {
  const busybox = isBusybox(ctx.sim, ctx.location, 'ifconfig');
  const list = interfacesOf(ctx.sim, ctx.location) ?? [];
  const args = ctx.argv.slice(1).filter((a) => a !== '-a' && a !== '-s');
  // if_readlist keeps the list sorted by name (eth0 before lo)
  const sorted = [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let shown = sorted;
  if (args.length) {
    const want = sorted.find((i) => i.name === args[0]);
    if (!want) {
      ctx.stderr(busybox ? `ifconfig: ${args[0]}: error fetching interface information: Device not found\n` : `${args[0]}: error fetching interface information: Device not found\n`);
      return 1;
    }
    if (args.length > 1) {
      // changing an interface needs CAP_NET_ADMIN, which a container does not get by default
      ctx.stderr(busybox ? 'ifconfig: SIOCSIFADDR: Operation not permitted\n' : 'SIOCSIFADDR: Operation not permitted\n');
      return 1;
    }
    shown = [want];
  }
  ctx.stdout(shown.map(busybox ? ifconfigBusybox : ifconfigNetTools).join(''));
  return 0;
}

// ------------------------------------------------------------------ ip (busybox libiproute)

function ipLink(i: Iface): string {
  const flags = ['LOOPBACK', 'BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'].filter((n) =>
    n === 'LOOPBACK' ? i.flags & IFF_LOOPBACK : n === 'BROADCAST' ? i.flags & IFF_BROADCAST : n === 'MULTICAST' ? i.flags & IFF_MULTICAST : true,
  );
  // an IFLA_LINK in the node's namespace has no flags here: print_linkinfo adds M-DOWN
  if (i.peer !== undefined) flags.push('M-DOWN');
  let s = `${i.index}: ${i.name}${i.peer !== undefined ? `@if${i.peer}` : ''}: <${flags.join(',')}> mtu ${i.mtu} qdisc ${i.qdisc} `;
  if (i.txqlen) s += `qlen ${i.txqlen}`;
  s += `\n    link/${i.loopback ? 'loopback' : 'ether'} ${i.mac} brd ${i.loopback ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff'}\n`;
  return s;
}

function ipAddrLines(i: Iface, family?: 'inet' | 'inet6'): string {
  let s = '';
  if (i.inet && family !== 'inet6') {
    s += `    inet ${i.inet.addr}/${i.inet.prefix} ${i.inet.brd ? `brd ${i.inet.brd} ` : ''}scope ${i.inet.scope} ${i.name}\n`;
    s += '       valid_lft forever preferred_lft forever\n';
  }
  if (family !== 'inet') {
    s += `    inet6 ${i.inet6.addr}/${i.inet6.prefix} scope ${i.inet6.scope} \n`;
    s += '       valid_lft forever preferred_lft forever\n';
  }
  return s;
}

const IP_USAGE = `${BUSYBOX_BANNER}Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n`;

function ip(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let family: 'inet' | 'inet6' | undefined;
  while (args[0]?.startsWith('-')) {
    const a = args.shift()!;
    if (a === '-4') family = 'inet';
    else if (a === '-6') family = 'inet6';
    else if (a === '-f' || a === '-family') {
      const f = args.shift();
      family = f === 'inet6' ? 'inet6' : f === 'inet' ? 'inet' : undefined;
    }
  }
  const obj = args.shift();
  const list = interfacesOf(ctx.sim, ctx.location) ?? [];
  const is = (w: string | undefined, full: string) => !!w && full.startsWith(w);
  if (is(obj, 'address') || is(obj, 'addr')) {
    const cmd = args[0];
    if (cmd && !is(cmd, 'show') && !is(cmd, 'list')) {
      ctx.stderr('ip: RTNETLINK answers: Operation not permitted\n');
      return 2;
    }
    const rest = cmd ? args.slice(1) : args;
    const dev = rest[0] === 'dev' ? rest[1] : rest[0];
    const shown = dev ? list.filter((i) => i.name === dev) : list;
    if (dev && !shown.length) {
      ctx.stderr(`ip: can't find device '${dev}'\n`);
      return 1;
    }
    ctx.stdout(shown.map((i) => ipLink(i) + ipAddrLines(i, family)).join(''));
    return 0;
  }
  if (is(obj, 'link')) {
    const rest = args[0] && (is(args[0], 'show') || is(args[0], 'list')) ? args.slice(1) : args;
    const dev = rest[0] === 'dev' ? rest[1] : rest[0];
    const shown = dev ? list.filter((i) => i.name === dev) : list;
    if (dev && !shown.length) {
      ctx.stderr(`ip: can't find device '${dev}'\n`);
      return 1;
    }
    ctx.stdout(shown.map(ipLink).join(''));
    return 0;
  }
  if (is(obj, 'route')) {
    if (args[0] && !is(args[0], 'show') && !is(args[0], 'list')) {
      ctx.stderr('ip: RTNETLINK answers: Operation not permitted\n');
      return 2;
    }
    const eth = list.find((i) => !i.loopback);
    if (!eth?.inet || family === 'inet6') return 0;
    const net = eth.inet.addr.split('.').slice(0, 3).join('.');
    // print_route: "default ", "via %s ", "dev %s ", "scope %s ", " src %s " — the main table, by destination
    let s = '';
    if (eth.name === 'eth0') s += `default via ${net}.1 dev eth0 \n10.244.0.0/16 via ${net}.1 dev eth0 \n`;
    s += `${net}.0/24 dev ${eth.name} scope link  src ${eth.inet.addr} \n`;
    ctx.stdout(s);
    return 0;
  }
  ctx.stderr(IP_USAGE);
  return 1;
}

// ------------------------------------------------------------------ netstat

interface Socket {
  proto: 'tcp' | 'udp';
  v6: boolean;
  addr: string;
  port: number;
  /** "1/nginx: master pro" for a process of this container, "-" for another PID namespace */
  prog: string;
}

/** What the main process of an image binds and how /proc/1/cmdline reads (nginx rewrites its title). */
function processOf(image: string): { binds: ('v4' | 'v6')[]; cmdline: string } {
  const repo = image.replace(/[:@].*$/, '');
  if (/(^|\/)nginx$/.test(repo)) return { binds: ['v4', 'v6'], cmdline: 'nginx: master process nginx -g daemon off;' };
  if (/(^|\/)httpd$/.test(repo)) return { binds: ['v6'], cmdline: 'httpd' };
  if (/(^|\/)kubetm\//.test(repo)) return { binds: ['v6'], cmdline: 'node' };
  if (/coredns/.test(repo)) return { binds: ['v6'], cmdline: '/coredns' };
  if (/(^|\/)redis$/.test(repo)) return { binds: ['v4', 'v6'], cmdline: 'redis-server *:6379' };
  if (/(^|\/)mysql$/.test(repo)) return { binds: ['v6'], cmdline: 'mysqld' };
  if (/(^|\/)postgres$/.test(repo)) return { binds: ['v4', 'v6'], cmdline: 'postgres' };
  return { binds: ['v4'], cmdline: repo.slice(repo.lastIndexOf('/') + 1) };
}

/** Every socket listening in the pod's network namespace (all its containers share it). */
function listeners(sim: Sim, loc: Location, busybox: boolean): Socket[] {
  const pod = podOf(sim, loc);
  const k = kubelet(sim);
  if (!pod || !k?.listener || loc.kind !== 'container') return [];
  const out: Socket[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    for (let port = 1; port < 65536; port++) {
      const l = k.listener(loc.namespace, loc.pod, port, proto === 'tcp' ? 'TCP' : 'UDP');
      if (!l) continue;
      const image = (pod.spec?.containers ?? []).find((c: { name: string }) => c.name === l.container)?.image ?? '';
      const p = processOf(image);
      // /proc/PID/cmdline's first string: net-tools keeps what follows the last '/' of an absolute path, busybox
      // takes bb_basename; both cut "PID/name" to PROGNAME_WIDTH - 1 = 19 characters
      const base = busybox || p.cmdline.startsWith('/') ? p.cmdline.slice(p.cmdline.lastIndexOf('/') + 1) : p.cmdline;
      const prog = l.container === loc.container ? `1/${base}`.slice(0, 19) : '-';
      for (const b of p.binds) out.push({ proto, v6: b === 'v6', addr: b === 'v6' ? '::' : '0.0.0.0', port, prog });
    }
  }
  return out;
}

function netstat(ctx: CommandContext): number {
  const busybox = isBusybox(ctx.sim, ctx.location, 'netstat');
  let listen = false;
  let all = false;
  let prog = false;
  const protos = new Set<string>();
  for (const a of ctx.argv.slice(1)) {
    if (!a.startsWith('-')) continue;
    const long: Record<string, string> = { '--tcp': 't', '--udp': 'u', '--listening': 'l', '--all': 'a', '--numeric': 'n', '--programs': 'p', '--unix': 'x', '--raw': 'w' };
    const letters = a.startsWith('--') ? long[a] ?? '' : a.slice(1);
    for (const f of letters) {
      if (f === 'l') listen = true;
      else if (f === 'a') all = true;
      else if (f === 'p') prog = true;
      else if ('tuwx'.includes(f)) protos.add(f);
    }
  }
  const inet = !protos.size || protos.has('t') || protos.has('u') || protos.has('w');
  const unix = !protos.size || protos.has('x');
  const mode = all ? '(servers and established)' : listen ? '(only servers)' : '(w/o servers)';
  const socks = all || listen ? listeners(ctx.sim, ctx.location, busybox) : [];
  const pick = (p: 'tcp' | 'udp', v6: boolean) => socks.filter((s) => s.proto === p && s.v6 === v6);
  let s = '';
  if (inet) {
    s += `Active Internet connections ${mode}\n`;
    if (busybox) s += `Proto Recv-Q Send-Q ${'Local Address'.padEnd(23)} ${'Foreign Address'.padEnd(23)} State       ${prog ? 'PID/Program name    ' : ''}\n`;
    else s += `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${prog ? ' PID/Program name    ' : ''}\n`;
    const order: ['tcp' | 'udp', boolean][] = [];
    if (!protos.size || protos.has('t')) order.push(['tcp', false], ['tcp', true]);
    if (!protos.size || protos.has('u')) order.push(['udp', false], ['udp', true]);
    for (const [p, v6] of order) {
      for (const x of pick(p, v6)) {
        const local = `${x.addr}:${x.port}`;
        const remote = `${x.addr}:*`;
        const state = p === 'tcp' ? 'LISTEN' : '';
        if (busybox) s += `${p}   ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(12)}${prog ? x.prog.slice(0, 20) : ''}\n`;
        else {
          const name = p + (v6 ? '6' : '');
          const head = p === 'tcp' ? `${name.padEnd(4)}  ` : `${name.padEnd(5)} `;
          s += `${head}${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(11)}${prog ? ' ' + x.prog.padEnd(20) : ''}\n`;
        }
      }
    }
  }
  if (unix) {
    s += `Active UNIX domain sockets ${mode}\n`;
    if (busybox) s += `Proto RefCnt Flags       Type       State         I-Node ${prog ? 'PID/Program name    ' : ''}Path\n`;
    else s += `Proto RefCnt Flags       Type       State         I-Node  ${prog ? ' PID/Program name    ' : ''} Path\n`;
  }
  ctx.stdout(s);
  return 0;
}

// ------------------------------------------------------------------ registration

export function registerDiagCommands(sim: Sim, has: Has): void {
  sim.commands.register({ name: 'ping', run: ping, available: (loc, s) => has(loc, s, 'ping') });
  // the reader's node: interfaces and sockets of the host are not modelled, so these exist only in containers
  const inContainer = (name: string) => (loc: Location, s: Sim) => loc.kind === 'container' && has(loc, s, name);
  sim.commands.register({ name: 'ifconfig', run: ifconfig, available: inContainer('ifconfig') });
  sim.commands.register({ name: 'ip', run: ip, available: inContainer('ip') });
  sim.commands.register({ name: 'netstat', run: netstat, available: inContainer('netstat') });
}
