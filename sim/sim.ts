import type { Clock } from './runtime/clock';
import type { Random } from './runtime/random';
import type { Runtime } from './runtime/loop';
import type { Store } from './store/store';
import type { ApiServer } from './registry/apiserver';
import type { EventRecorder } from './registry/events';
import type { CommandTable } from './shell/commands';

export interface ClusterOptions {
  /** Number of worker nodes (k8s-node1 … k8s-nodeN). Default 2. */
  workers?: number;
  /** Seed of the random source (names, UIDs, IPs). Default 1. */
  seed?: number | string;
  /** Wall-clock time (ms since epoch) at which the reader's session starts. */
  startTime?: number;
  /** How long before startTime the cluster was installed (ms). Default 12 days. */
  clusterAgeMs?: number;
  /** Node name prefix for workers. Default 'k8s-node'. */
  workerPrefix?: string;
  /** Control-plane node name. Default 'k8s-master'. */
  controlPlaneName?: string;
  /** LoadBalancer pool for Services of type LoadBalancer (false disables it: EXTERNAL-IP stays <pending>). */
  loadBalancerPool?: string | false;
}

export type ResolvedOptions = Required<ClusterOptions>;

/** Kubernetes version the simulated cluster reports (kubectl version, nodes' VERSION). */
export const KUBERNETES_VERSION = 'v1.35.0';

/**
 * Services that subsystems publish for each other (set during install).
 * Each module adds its own entry here; consumers must cope with absence.
 */
export interface SimServices {
  [name: string]: unknown;
}

/** Everything a subsystem needs: the shared context of one simulated cluster. */
export interface Sim {
  options: ResolvedOptions;
  clock: Clock;
  rand: Random;
  store: Store;
  runtime: Runtime;
  api: ApiServer;
  events: EventRecorder;
  /** Shell commands registered by subsystems (kubectl, curl, nslookup, ...). */
  commands: CommandTable;
  services: SimServices;
}

/**
 * A subsystem: install() registers strategies, admission plugins, control
 * loops (runtime.register + store.watch handlers that only enqueue) and
 * publishes services. bootstrap() creates the objects a fresh kubeadm cluster
 * has (runs once, in module order, before the session starts).
 */
export interface SimModule {
  name: string;
  install(sim: Sim): void;
  bootstrap?(sim: Sim): void;
  /** Rebuild caches after a snapshot restore (the store was replaced without events). */
  restore?(sim: Sim): void;
}
