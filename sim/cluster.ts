import { clone } from './api/clone';
import type { KObject, StoredObject } from './api/types';
import { Clock } from './runtime/clock';
import { Random } from './runtime/random';
import { Runtime } from './runtime/loop';
import { Store, type WatchEvent } from './store/store';
import { ApiServer } from './registry/apiserver';
import { EventRecorder } from './registry/events';
import { CommandTable } from './shell/commands';
import type { ClusterOptions, ResolvedOptions, Sim, SimModule } from './sim';
import { MODULES } from './modules';
import type { RunResult, TranscriptEntry } from './shell/types';
import { namespaceRecords, type RR } from './network/dns';
import { VERBS } from './kubectl/verbs';

const DEFAULTS: ResolvedOptions = {
  workers: 2,
  seed: 1,
  startTime: Date.UTC(2026, 0, 15, 9, 0, 0),
  clusterAgeMs: 12 * 24 * 3600 * 1000,
  workerPrefix: 'k8s-node',
  controlPlaneName: 'k8s-master',
  loadBalancerPool: '192.168.56.200-192.168.56.250',
};

export interface Snapshot {
  now: number;
  random: number;
  store: { rv: number; objects: StoredObject[] };
  /** opaque per-module state */
  modules: Record<string, unknown>;
  pendingTimers: number;
}

/** A change to the cluster, as the UI's change feed delivers it. */
export type ChangeListener = (ev: WatchEvent) => void;

/** Shell front end: set by the shell module. */
export interface ShellService {
  run(script: string, opts?: { stdin?: string }): RunResult;
  transcript(script: string): TranscriptEntry[];
  /** The prompt of the current session (`undefined` = the node's `$`). */
  prompt?(): string | undefined;
  /**
   * Open an interactive shell in a container for the following top-level commands (`kubectl exec -it … -- bash`);
   * false when not at the reader's prompt. `onExit` says what the opening command prints when the shell exits.
   */
  enterContainer?(location: ContainerLocation, env: Map<string, string>, shellName: string, hostname: string, onExit?: (code: number) => { out?: string; err?: string }): boolean;
}

export type ContainerLocation = { kind: 'container'; namespace: string; pod: string; container: string };

/** kubectl apply front end: set by the kubectl module. */
export interface ApplyService {
  apply(yaml: string, opts?: { namespace?: string; filename?: string }): RunResult;
}

/**
 * One simulated cluster. Everything is synchronous and deterministic: the same
 * options and the same commands always give the same output.
 */
export class Cluster {
  readonly sim: Sim;
  private modules: SimModule[];

  constructor(options: ClusterOptions = {}, modules: SimModule[] = MODULES) {
    const opts: ResolvedOptions = { ...DEFAULTS, ...stripUndefined(options) };
    const clock = new Clock(opts.startTime - opts.clusterAgeMs);
    const sim = {} as Sim;
    Object.assign(sim, {
      options: opts,
      clock,
      rand: new Random(opts.seed),
      store: new Store(),
      runtime: new Runtime(clock),
      commands: new CommandTable(),
      services: {},
    });
    sim.api = new ApiServer(sim);
    sim.events = new EventRecorder(sim);
    this.sim = sim;
    this.modules = modules;
    for (const m of modules) m.install(sim);
    // Install the cluster as kubeadm would, then let it run until the reader arrives.
    for (const m of modules) m.bootstrap?.(sim);
    sim.runtime.settle();
    // Let the first minutes of the cluster's life run for real, then jump to the reader's start time
    // (periodic timers keep their phase); objects keep the ages a real cluster would show.
    const warmup = Math.min(10 * 60_000, Math.max(0, opts.startTime - clock.now()));
    sim.runtime.advance(warmup);
    clock.jumpTo(opts.startTime);
    (sim.services.afterJump as (() => void)[] | undefined)?.forEach((f) => f());
    sim.runtime.settle();
  }

  /** Run a shell command line or script (kubectl …, curl …, echo …); the cluster settles after each command. */
  run(commandLine: string, opts: { stdin?: string } = {}): RunResult {
    return this.shell().run(commandLine, opts);
  }

  /** The prompt of the reader's session: `$` on the node, e.g. `root@web:/#` inside `kubectl exec -it … -- bash`. */
  prompt(): string {
    return this.shell().prompt?.() ?? '$';
  }

  /** The kubectl commands this simulator knows (their names, sorted), e.g. for tab completion. */
  kubectlVerbs(): string[] {
    return VERBS.map((v) => v.name).sort();
  }

  /** Run a session script and return one entry per command (what `npm run sim` prints). */
  transcript(script: string): TranscriptEntry[] {
    return this.shell().transcript(script);
  }

  /** `kubectl apply -f -` with this YAML, then settle. */
  apply(yaml: string, opts: { namespace?: string; filename?: string } = {}): RunResult {
    const svc = this.sim.services.apply as ApplyService | undefined;
    if (!svc) throw new Error('kubectl module not installed');
    const r = svc.apply(yaml, opts);
    this.settle();
    return r;
  }

  /** Let controllers run and transitional work (pulls, starts, terminations) finish. */
  settle(): void {
    this.sim.runtime.settle();
  }

  /** Let `seconds` of simulated time pass. */
  advance(seconds: number): void {
    this.sim.runtime.advance(seconds * 1000);
  }

  now(): number {
    return this.sim.clock.now();
  }

  get(kind: string, namespace: string, name: string): StoredObject | undefined {
    return this.sim.api.find(kind, namespace, name);
  }

  list(kind: string, namespace?: string): StoredObject[] {
    return this.sim.store.list(kind, namespace);
  }

  create(obj: KObject): StoredObject {
    const o = this.sim.api.create(obj);
    this.settle();
    return o;
  }

  /** DNS records (A, SRV, CNAME) CoreDNS serves for a namespace. */
  dnsRecords(namespace: string): RR[] {
    return namespaceRecords(this.sim, namespace);
  }

  /** Subscribe to every change (ADDED/MODIFIED/DELETED). Returns an unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    return this.sim.store.watch('*', listener);
  }

  /**
   * Copy of the whole state. Timers are not serialisable, so a snapshot is
   * taken of a settled cluster: restore() re-derives pending work from objects.
   */
  snapshot(): Snapshot {
    const modules: Record<string, unknown> = {};
    const snap = this.sim.services.snapshot as Record<string, { save(): unknown }> | undefined;
    for (const [name, s] of Object.entries(snap ?? {})) modules[name] = s.save();
    return {
      now: this.sim.clock.now(),
      random: this.sim.rand.getState(),
      store: this.sim.store.dump(),
      modules: clone(modules),
      pendingTimers: this.sim.clock.pendingCount(),
    };
  }

  /** A new cluster in exactly the state of a snapshot (same options). */
  static restore(snapshot: Snapshot, options: ClusterOptions = {}): Cluster {
    return new Cluster({ ...options, startTime: snapshot.now, clusterAgeMs: 0 }, MODULES).load(snapshot);
  }

  private load(s: Snapshot): this {
    this.sim.store.load(s.store);
    this.sim.clock.moveTo(s.now);
    this.sim.rand.setState(s.random);
    const snap = this.sim.services.snapshot as Record<string, { load(v: unknown): void }> | undefined;
    for (const [name, v] of Object.entries(s.modules)) snap?.[name]?.load(clone(v));
    for (const m of this.modules) m.restore?.(this.sim);
    this.settle();
    return this;
  }

  private shell(): ShellService {
    const svc = this.sim.services.shell as ShellService | undefined;
    if (!svc) throw new Error('shell module not installed');
    return svc;
  }
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
