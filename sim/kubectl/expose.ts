/**
 * kubectl expose (kubectl pkg/cmd/expose/expose.go, polymorphichelpers
 * MapBasedSelectorForObject / PortsForObject / ProtocolsForObject,
 * generate/versioned/service.go ServiceGeneratorV2): a Service named after
 * the object (or --name), selecting what the object selects, with the port
 * from --port or the object's first container port; prints `service/x exposed`.
 */
import type { KObject, StoredObject } from '../api/types';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { dryRunOf, parseResourceArgs } from './util';
import { PRINT_FLAGS, toPrinter } from './output';
import { formatLabels } from '../labels/selector';

type C = Record<string, any>;

function selectorFor(obj: StoredObject): Record<string, string> {
  const s = (obj.spec ?? {}) as C;
  switch (obj.kind) {
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`);
      return { ...obj.metadata.labels };
    case 'Service':
      if (!s.selector) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set`);
      return { ...s.selector };
    case 'ReplicationController':
      return { ...(s.selector ?? {}) };
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      if (s.selector?.matchExpressions?.length) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${obj.kind.toLowerCase()}s.apps "${obj.metadata.name}" has a selector with match expressions, which is not supported`);
      return { ...(s.selector?.matchLabels ?? {}) };
    }
  }
  throw new KubectlError(`cannot expose a ${obj.kind}`);
}

function podSpecOf(obj: StoredObject): C | undefined {
  const s = (obj.spec ?? {}) as C;
  if (obj.kind === 'Pod') return s;
  return s.template?.spec;
}

function portsFor(obj: StoredObject): { port: number; name?: string; protocol: string }[] {
  if (obj.kind === 'Service') return ((obj.spec as C)?.ports ?? []).map((p: C) => ({ port: p.port, name: p.name, protocol: p.protocol ?? 'TCP' }));
  const out: { port: number; name?: string; protocol: string }[] = [];
  for (const c of (podSpecOf(obj)?.containers ?? []) as C[]) for (const p of (c.ports ?? []) as C[]) out.push({ port: p.containerPort, name: p.name, protocol: p.protocol ?? 'TCP' });
  return out;
}

export const exposeVerb: VerbSpec = {
  name: 'expose',
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'dry-run', type: 'string' },
    ...PRINT_FLAGS,
  ],
  run(k) {
    // ExposeServiceOptions.Complete: the dry-run strategy and the printer, before the object is read
    const dry = dryRunOf(k);
    const printer = toPrinter(k, { operation: 'exposed', dryRun: dry });
    const refs = parseResourceArgs(k.args);
    if (!refs.length) throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    const ref = refs[0];
    if (!ref.name) throw new KubectlError('resource(s) were provided, but no name was specified');
    if (!['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'].includes(ref.type.kind)) throw new KubectlError(`cannot expose a ${ref.type.kind} ${ref.type.group ? `${ref.type.group}` : ''}`.trim());
    const obj = k.sim.api.get(ref.type.kind, k.namespace, ref.name, { user: k.user });
    const selFlag = k.flags.str('selector');
    let selector: Record<string, string>;
    if (selFlag) {
      selector = {};
      for (const kv of selFlag.split(',')) {
        const [a, b] = kv.split('=');
        selector[a] = b ?? '';
      }
    } else selector = selectorFor(obj);
    const portFlag = k.flags.str('port');
    let ports: { port: number; name?: string; protocol: string }[];
    if (portFlag) ports = [{ port: Number(portFlag), protocol: k.flags.str('protocol') ?? 'TCP' }];
    else {
      ports = portsFor(obj);
      if (!ports.length) throw new KubectlError(`couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples`);
    }
    const type = k.flags.str('type');
    const tp = k.flags.str('target-port');
    const svcPorts = ports.map((p, i) => {
      const o: C = {};
      if (ports.length > 1) o.name = p.name || `port-${i + 1}`;
      o.port = p.port;
      o.protocol = k.flags.str('protocol') ?? p.protocol;
      o.targetPort = tp !== undefined ? (/^\d+$/.test(tp) ? Number(tp) : tp) : obj.kind === 'Service' ? ((obj.spec as C).ports[i]?.targetPort ?? p.port) : p.port;
      return o;
    });
    const name = k.flags.str('name') || obj.metadata.name;
    const labelsFlag = k.flags.str('labels');
    let labels: Record<string, string> | undefined = obj.metadata.labels ? { ...obj.metadata.labels } : undefined;
    if (labelsFlag) {
      labels = {};
      for (const kv of labelsFlag.split(',')) {
        const [a, b] = kv.split('=');
        labels[a] = b ?? '';
      }
    }
    const spec: C = { ports: svcPorts, selector };
    if (type) spec.type = type;
    if (k.flags.str('cluster-ip')) spec.clusterIP = k.flags.str('cluster-ip');
    if (k.flags.str('external-ip')) spec.externalIPs = [k.flags.str('external-ip')];
    if (k.flags.str('load-balancer-ip')) spec.loadBalancerIP = k.flags.str('load-balancer-ip');
    if (k.flags.str('session-affinity')) spec.sessionAffinity = k.flags.str('session-affinity');
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...(labels ? { labels } : {}), name },
      spec,
      status: { loadBalancer: {} },
    } as unknown as KObject;
    let result: KObject = svc;
    if (dry !== 'client') result = k.sim.api.create(svc, { user: k.user, namespace: k.namespace, dryRun: dry === 'server' });
    // a typed Service (ClientForMapping's typed client): -o json in Go's field order
    printer.print(result, true);
    void formatLabels;
    return 0;
  },
};
