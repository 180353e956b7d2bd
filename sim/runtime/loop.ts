import { Clock, type TimerOptions } from './clock';
import { WorkQueue } from './queue';

/**
 * One control loop: a queue of keys and the sync function that reconciles one
 * key. Event handlers only call `enqueue`; all work happens in `sync`.
 */
export interface Worker {
  readonly name: string;
  enqueue(key: string): void;
  enqueueAfter(key: string, delayMs: number, opts?: TimerOptions): void;
  /**
   * Requeue after a failed sync with client-go's default per-item back-off
   * (workqueue.DefaultTypedControllerRateLimiter: 5 ms × 2^failures, at most
   * 1000 s); one pending retry per key. Does not hold up settle().
   */
  addRateLimited(key: string): void;
  /** The key synced fine: reset its back-off. */
  forget(key: string): void;
}

interface Registered extends Worker {
  queue: WorkQueue;
  sync: (key: string) => void;
}

export class SimulationError extends Error {}

/**
 * Drives every control loop: runUntilIdle() drains the queues round-robin in
 * registration order (deterministic), settle() also lets simulated time pass
 * until transitional timers are done, advance() moves time by a fixed amount.
 */
export class Runtime {
  private workers: Registered[] = [];
  private syncing = false;
  /** Upper bound on syncs in one drain; a real loop never needs this many. */
  maxSyncsPerDrain = 50_000_000;
  /** How far settle() may move simulated time (ms). */
  settleHorizonMs = 15 * 60 * 1000;
  /**
   * Timers due within this window of the first one fire together before the
   * control loops run, the way informers deliver a burst of changes to a
   * controller that syncs once for all of them. Keeps big scale-ups linear.
   */
  batchWindowMs = 50;

  constructor(readonly clock: Clock) {}

  register(name: string, sync: (key: string) => void): Worker {
    const queue = new WorkQueue();
    const clock = this.clock;
    const failures = new Map<string, number>();
    const pendingRetry = new Set<string>();
    const w: Registered = {
      name,
      queue,
      sync,
      enqueue: (key) => queue.add(key),
      enqueueAfter: (key, delayMs, opts) => {
        if (delayMs <= 0) queue.add(key);
        else clock.setTimeout(() => queue.add(key), delayMs, { label: `${name}:${key}`, ...opts });
      },
      addRateLimited: (key) => {
        if (pendingRetry.has(key)) return;
        const n = failures.get(key) ?? 0;
        failures.set(key, n + 1);
        const delay = Math.min(5 * 2 ** n, 1_000_000);
        pendingRetry.add(key);
        clock.setTimeout(
          () => {
            pendingRetry.delete(key);
            queue.add(key);
          },
          delay,
          { label: `${name}:${key}`, settle: false },
        );
      },
      forget: (key) => {
        failures.delete(key);
      },
    };
    this.workers.push(w);
    return w;
  }

  /** Process queued keys until every queue is empty. Returns the number of syncs. */
  runUntilIdle(): number {
    if (this.syncing) return 0; // re-entrant call from inside a sync: the outer loop continues
    this.syncing = true;
    let n = 0;
    try {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const w of this.workers) {
          // Drain a bounded batch per worker per round so loops interleave fairly.
          let budget = w.queue.length;
          while (budget-- > 0) {
            const key = w.queue.pop();
            if (key === undefined) break;
            w.sync(key);
            n++;
            progressed = true;
          }
        }
        if (n > this.maxSyncsPerDrain) throw new SimulationError('control loops did not settle');
      }
    } finally {
      this.syncing = false;
    }
    return n;
  }

  idle(): boolean {
    return this.workers.every((w) => w.queue.length === 0);
  }

  /**
   * Run until nothing is queued and no transitional timer is pending (or the
   * settle horizon is reached), moving simulated time as needed.
   */
  settle(): void {
    this.runUntilIdle();
    const limit = this.clock.now() + this.settleHorizonMs;
    while (this.clock.hasSettleTimers()) {
      if (!this.fireBatch(limit)) break;
      this.runUntilIdle();
    }
  }

  /** Fire the next timer and every other one due within batchWindowMs of it (never past `limit`). */
  private fireBatch(limit: number): boolean {
    if (!this.clock.fireNext(limit)) return false;
    const until = Math.min(limit, this.clock.now() + this.batchWindowMs);
    while (this.clock.fireNext(until)) {
      /* keep firing */
    }
    return true;
  }

  /** Let `ms` of simulated time pass, firing every timer due meanwhile. */
  advance(ms: number): void {
    this.runUntilIdle();
    const target = this.clock.now() + Math.max(0, ms);
    while (this.fireBatch(target)) this.runUntilIdle();
    this.clock.moveTo(target);
    this.runUntilIdle();
  }
}
