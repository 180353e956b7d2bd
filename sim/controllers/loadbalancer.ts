import type { Sim, SimModule } from '../sim';
import { objKey, splitKey } from '../store/store';
import { ipToInt, intToIp } from '../network/allocators';
import { clone } from '../api/clone';

/**
 * A bare-metal load-balancer controller in the style of MetalLB (what kubeadm
 * clusters use for `type: LoadBalancer`): gives each LoadBalancer Service the
 * next free address of the pool and writes status.loadBalancer.ingress. With
 * the pool disabled (option loadBalancerPool: false) nothing answers and
 * EXTERNAL-IP stays <pending>, as on a cluster without a load balancer.
 */
export const loadBalancerModule: SimModule = {
  name: 'loadbalancer-controller',
  install(sim) {
    const w = sim.runtime.register('loadbalancer', (key) => sync(sim, key));
    sim.store.watch('Service', (ev) => {
      if (ev.type !== 'DELETED') w.enqueue(objKey(ev.object));
    });
  },
};

function pool(sim: Sim): string[] {
  const spec = sim.options.loadBalancerPool;
  if (!spec) return [];
  const [a, b] = spec.split('-');
  const from = ipToInt(a)!;
  const to = ipToInt(b ?? a)!;
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(intToIp(i));
  return out;
}

function sync(sim: Sim, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = sim.store.get('Service', ns, name);
  if (!svc) return;
  const ingress: any[] = svc.status?.loadBalancer?.ingress ?? [];
  if (svc.spec?.type !== 'LoadBalancer') {
    if (ingress.length) {
      const next = clone(svc);
      next.status = { loadBalancer: {} };
      sim.api.updateStatus(next);
    }
    return;
  }
  if (ingress.length) return;
  const used = new Set<string>();
  for (const s of sim.store.iterate('Service')) for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) used.add(i.ip);
  const wanted: string | undefined = svc.spec.loadBalancerIP;
  const ip = wanted && !used.has(wanted) && pool(sim).includes(wanted) ? wanted : pool(sim).find((p) => !used.has(p));
  if (!ip) return; // <pending>
  const next = clone(svc);
  next.status = { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
  sim.api.updateStatus(next);
  sim.events.event(svc, 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`, { component: 'metallb-controller' });
}
