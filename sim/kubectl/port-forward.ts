/**
 * kubectl port-forward (kubectl pkg/cmd/portforward/portforward.go, client-go tools/portforward/portforward.go).
 *
 * - Complete: `TYPE/NAME` (a bare NAME is a pod) → the object (NotFound from the server) → AttachablePodForObject
 *   (a pod chosen by the selector, as `kubectl exec`); a Service's ports go through translateServicePortToTargetPort
 *   (a named service port → its number; the service port → the targetPort, a named targetPort looked up in the
 *   pod's container ports; "Service web does not have a service port 81"), a pod's named ports through
 *   convertPodNamedPortToNumber.
 * - Validate: "at least 1 PORT is required for port-forward".
 * - RunPortForward: the pod again; "unable to forward port because pod is not running. Current status=Pending".
 * - client-go NewOnAddresses: parseAddresses (`--address`, default localhost = 127.0.0.1 and ::1, "x is not a valid
 *   IP"), parsePorts (`[LOCAL]:REMOTE`, `:REMOTE` = local port 0, chosen by the kernel: here drawn from the ephemeral
 *   range with sim.rand); forward → listenOnPort per port and address: `Forwarding from 127.0.0.1:8080 -> 80`, or
 *   "Unable to listen on port 8080: Listeners failed to create with the following errors: [...]" and, when no port
 *   could listen, "unable to listen on any of the requested ports: [{8080 80}]".
 * - handleConnection: `Handling connection for 8080` on stdout for every connection; the connection reaches the
 *   pod's port from inside its network namespace (the pod sees 127.0.0.1). Nothing listening there: containerd's
 *   error comes back on the error stream, HandleErrorWithLogger logs it (klog `E… portforward.go:549] "An error
 *   occurred forwarding" err="…" localPort=… remotePort=…`), the stream connection closes and kubectl ends with
 *   `error: lost connection to pod` (ErrLostConnectionToPod), exit 1; the client's connection closes without a reply.
 *
 * Running: kubectl port-forward runs until interrupted. In a background job of the reader's shell (`… &`) it keeps
 * listening until `kill` (SIGTERM: v1.35 traps only os.Interrupt, so it dies `Terminated`) or a lost connection.
 * In the foreground nothing can connect while it runs (the reader's terminal is busy) and the simulator cannot
 * press Ctrl-C for the reader: as `ping` without -c (network/diag.ts), it is interrupted once it is ready — the
 * terminal echoes `^C`, the SIGINT handler closes the stop channel and kubectl exits 0 without more output; nothing
 * forwards afterwards.
 */
import type { StoredObject } from '../api/types';
import type { KubeletService, HttpRequest, HttpResponse } from '../kubelet/service';
import { addNodeForward, bindError, removeNodeForward, type NodeForward } from '../network/proxy';
import { hashString } from '../runtime/random';
import { resolvePod } from './exec';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';

interface Port {
  local: number;
  remote: number;
}

function splitPort(p: string): [string, string] {
  const parts = p.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

/** util.LookupContainerPortNumberByName */
function containerPortByName(pod: StoredObject, name: string): number {
  for (const c of (pod.spec as any)?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** translateServicePortToTargetPort (util.LookupServicePortNumberByName, util.LookupContainerPortNumberByServicePort) */
function translateServicePorts(ports: string[], svc: StoredObject, pod: StoredObject): string[] {
  const spec = svc.spec as any;
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let num = /^\d+$/.test(remote) ? Number(remote) : NaN;
    if (Number.isNaN(num)) {
      const sp = (spec.ports ?? []).find((p: any) => p.name === remote);
      if (!sp) throw new KubectlError(`Service '${svc.metadata.name}' does not have a named port '${remote}'`);
      num = sp.port;
      if (local === remote) local = String(num);
    }
    const sp = (spec.ports ?? []).find((p: any) => p.port === num);
    if (!sp) throw new KubectlError(`Service ${svc.metadata.name} does not have a service port ${num}`);
    let target: number;
    if (spec.clusterIP === 'None') target = num;
    else if (sp.targetPort === undefined || typeof sp.targetPort === 'number') target = sp.targetPort || sp.port;
    else target = containerPortByName(pod, sp.targetPort);
    remote = String(target);
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** convertPodNamedPortToNumber */
function convertPodPorts(ports: string[], pod: StoredObject): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    if (remote === '') throw new KubectlError('remote port cannot be empty');
    const num = /^\d+$/.test(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${num}` : num;
  });
}

/** Go strconv.ParseUint(s, 10, 16) */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing "${s}": invalid syntax`;
  if (Number(s) > 65535) return `strconv.ParseUint: parsing "${s}": value out of range`;
  return Number(s);
}

/** client-go parsePorts */
function parsePorts(ports: string[]): Port[] {
  return ports.map((p) => {
    const parts = p.split(':');
    if (parts.length > 2) throw new KubectlError(`invalid port format '${p}'`);
    const local = parts.length === 1 ? parts[0] : parts[0] || '0';
    const remote = parts.length === 1 ? parts[0] : parts[1];
    const l = parseUint16(local);
    if (typeof l === 'string') throw new KubectlError(`error parsing local port '${local}': ${l}`);
    const r = parseUint16(remote);
    if (typeof r === 'string') throw new KubectlError(`error parsing remote port '${remote}': ${r}`);
    if (r === 0) throw new KubectlError('remote port must be > 0');
    return { local: l, remote: r };
  });
}

/** Go net.ParseIP for the forms the simulator's nodes have (dotted IPv4, IPv6 with ::). */
function parseIP(s: string): 'v4' | 'v6' | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m) return m.slice(1).every((x) => Number(x) <= 255) ? 'v4' : undefined;
  if (/^[0-9a-fA-F:]+$/.test(s) && s.includes(':') && (s.match(/::/g) ?? []).length <= 1) return 'v6';
  return undefined;
}

/** client-go parseAddresses: localhost = 127.0.0.1 and ::1; duplicates once. */
function parseAddresses(list: string[]): string[] {
  const out: string[] = [];
  for (const a of list) {
    const add = (x: string) => !out.includes(x) && out.push(x);
    if (a === 'localhost') {
      add('127.0.0.1');
      add('::1');
    } else if (parseIP(a)) add(a.toLowerCase());
    else throw new KubectlError(`${a} is not a valid IP`);
  }
  return out;
}

/** net.JoinHostPort */
const joinHostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** A pod's sandbox ID (64 hex digits, as containerd names it), stable for the pod. */
function sandboxID(pod: StoredObject): string {
  let s = '';
  let h = hashString(`${pod.metadata.uid}/sandbox`);
  while (s.length < 64) {
    h = hashString(`${h}:${pod.metadata.uid}:${s.length}`);
    s += h.toString(16).padStart(8, '0');
  }
  return s.slice(0, 64);
}

/** The CNI network namespace of a pod (`cni-` + a UUID, as containerd's netns package names them). */
function netnsName(pod: StoredObject): string {
  const h = sandboxID({ ...pod, metadata: { ...pod.metadata, uid: `${pod.metadata.uid}/netns` } });
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** klog's header: `Lmmdd hh:mm:ss.uuuuuu threadid file:line] ` (UTC: the node's time zone). */
function klogHeader(ms: number, pid: number, where: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `E${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)} ${String(pid).padStart(7)} ${where}] `;
}

function run(k: KubectlContext): number {
  const args = k.args;
  if (args.length < 2) throw new KubectlError(`TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples`);
  const { pod: chosen } = resolvePod(k, args[0], 'logs');
  const [tn, name] = args[0].includes('/') ? [args[0].slice(0, args[0].indexOf('/')), args[0].slice(args[0].indexOf('/') + 1)] : ['pod', args[0]];
  let ports = args.slice(1);
  if (!/^(pods?|po)$/i.test(tn)) {
    const svc = /^(services?|svc)$/i.test(tn) ? k.sim.api.get('Service', k.namespace, name, { user: k.user }) : undefined;
    ports = svc ? translateServicePorts(ports, svc, chosen) : convertPodPorts(ports, chosen);
  } else ports = convertPodPorts(ports, chosen);
  if (!ports.length) throw new KubectlError('at least 1 PORT is required for port-forward');
  // RunPortForward: the pod as it is now
  const pod = k.sim.api.get('Pod', chosen.metadata.namespace!, chosen.metadata.name, { user: k.user });
  const phase = (pod.status as any)?.phase ?? '';
  if (phase !== 'Running') throw new KubectlError(`unable to forward port because pod is not running. Current status=${phase}`);
  const addresses = parseAddresses(k.flags.all('address').flatMap((a) => a.split(',')).filter((a) => a !== '').concat(k.flags.has('address') ? [] : ['localhost']));
  const parsed = parsePorts(ports);

  const loc = k.cmd.location;
  if (loc.kind !== 'node') throw new KubectlError('port-forward runs on a node');
  const node = loc.node;
  const job = k.cmd.background;
  // klog's thread id column: kubectl's pid (a foreground port-forward never gets to log one)
  const pid = job?.pid ?? 0;
  // listenOnPort for each port: every address must bind when the default localhost is used (failureMode "all":
  // one of 127.0.0.1/::1 is enough), each given address must (failureMode "any")
  const forwards: NodeForward[] = [];
  let ok = false;
  let ended = false;
  const stopAll = () => {
    for (const f of forwards) removeNodeForward(k.sim, f);
  };
  const lost = (port: Port, detail: string) => {
    if (ended) return;
    ended = true;
    stopAll();
    k.err(`${klogHeader(k.sim.clock.now(), pid, 'portforward.go:549')}"An error occurred forwarding" err=${JSON.stringify(detail)} localPort=${port.local} remotePort=${port.remote}\n`);
    k.err('error: lost connection to pod\n');
    job?.exit(1);
  };
  for (const port of parsed) {
    if (port.local === 0) {
      // the kernel's choice from net.ipv4.ip_local_port_range (32768–60999)
      do port.local = 32768 + k.sim.rand.int(60999 - 32768 + 1);
      while (addresses.some((a) => bindError(k.sim, node, a, port.local)));
    }
    const errors: string[] = [];
    const bound: string[] = [];
    const defaults = !k.flags.has('address');
    for (const a of addresses) {
      const e = bindError(k.sim, node, a, port.local);
      if (e) errors.push(`unable to create listener: Error listen ${parseIP(a) === 'v6' ? 'tcp6' : 'tcp4'} ${joinHostPort(a, port.local)}: bind: ${e}`);
      else {
        bound.push(a);
        k.out(`Forwarding from ${joinHostPort(a, port.local)} -> ${port.remote}\n`);
      }
    }
    if ((defaults && !bound.length) || (!defaults && errors.length)) {
      k.err(`Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`);
      continue;
    }
    ok = true;
    const p = { ...port };
    const f: NodeForward = {
      node,
      addresses: bound,
      port: port.local,
      handle: (req: HttpRequest): HttpResponse | undefined => {
        k.out(`Handling connection for ${p.local}\n`);
        const now = k.sim.store.get('Pod', pod.metadata.namespace!, pod.metadata.name);
        const sb = sandboxID(pod);
        if (!now || now.metadata.uid !== pod.metadata.uid || (now.status as any)?.phase !== 'Running') {
          lost(p, `error forwarding port ${p.remote} to pod ${sb}, uid : network namespace for sandbox "${sb}" is closed`);
          return undefined;
        }
        const l = (k.sim.services.kubelet as KubeletService | undefined)?.listener?.(pod.metadata.namespace!, pod.metadata.name, p.remote, 'TCP');
        if (!l) {
          lost(
            p,
            `error forwarding port ${p.remote} to pod ${sb}, uid : failed to execute portforward in network namespace "/var/run/netns/${netnsName(pod)}": failed to connect to localhost:${p.remote} inside namespace "${sb}", IPv4: dial tcp4 127.0.0.1:${p.remote}: connect: connection refused IPv6 dial tcp6 [::1]:${p.remote}: connect: connection refused `,
          );
          return undefined;
        }
        // the runtime dials localhost inside the pod's network namespace
        return l.http?.({ ...req, clientIP: '127.0.0.1' });
      },
    };
    forwards.push(f);
  }
  if (!ok) {
    stopAll();
    throw new KubectlError(`unable to listen on any of the requested ports: [${parsed.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`);
  }
  if (job) {
    for (const f of forwards) addNodeForward(k.sim, f);
    job.keep(() => {
      ended = true;
      stopAll();
    });
    return 0;
  }
  // the foreground: interrupted (see above) before anything could connect
  if (k.cmd.isatty(0) && k.cmd.isatty(1)) k.out('^C');
  return 0;
}

export const portForwardVerb: VerbSpec = {
  name: 'port-forward',
  flags: [
    { name: 'address', type: 'stringArray' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  run,
};
