/**
 * Simulated clock with timers (after xstate's SimulatedClock). Time only moves
 * when the runtime advances it; timers fire in (time, insertion) order.
 */

export interface TimerOptions {
  /**
   * True for transitional work that `settle()` should wait for (image pulls,
   * container start, graceful termination). False for periodic or long waits
   * (crash back-off, CronJob schedules) that only `advance()`/`sleep` reaches.
   */
  settle?: boolean;
  label?: string;
}

interface Timer {
  /** also the insertion order among timers due at the same time */
  id: number;
  at: number;
  fn: () => void;
  settle: boolean;
  label: string;
  /** cleared: left in the heap until it comes to the top (no search), then dropped */
  cancelled: boolean;
}

export class Clock {
  private nowMs: number;
  private seq = 0;
  private heap: Timer[] = [];
  /** pending (not cancelled, not fired) timers by id, for clearTimeout */
  private live = new Map<number, Timer>();
  private settleLive = 0;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 in UTC with second precision, as Kubernetes timestamps are serialised. */
  iso(ms = this.nowMs): string {
    // many objects and events are stamped within the same simulated second: remember the last one
    const sec = ms >= 0 ? Math.floor(ms / 1000) : NaN;
    if (sec === this.isoSec) return this.isoText;
    const text = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.isoSec = sec;
    this.isoText = text;
    return text;
  }
  private isoSec = NaN;
  private isoText = '';

  setTimeout(fn: () => void, delayMs: number, opts?: TimerOptions): number {
    const id = ++this.seq;
    const t: Timer = {
      id,
      at: this.nowMs + Math.max(0, delayMs),
      fn,
      settle: opts?.settle ?? true,
      label: opts?.label ?? '',
      cancelled: false,
    };
    push(this.heap, t);
    this.live.set(id, t);
    if (t.settle) this.settleLive++;
    return id;
  }

  clearTimeout(id: number | undefined): void {
    if (id === undefined) return;
    const t = this.live.get(id);
    if (!t) return;
    this.live.delete(id);
    if (t.settle) this.settleLive--;
    t.cancelled = true;
  }

  private peekLive(): Timer | undefined {
    const h = this.heap;
    while (h.length && h[0].cancelled) pop(h);
    return h[0];
  }

  /** Time of the next pending timer, if any. */
  nextAt(): number | undefined {
    return this.peekLive()?.at;
  }

  /** Is any timer that settle() waits for still pending? */
  hasSettleTimers(): boolean {
    return this.settleLive > 0;
  }

  pendingCount(): number {
    return this.live.size;
  }

  /** Labels of pending timers in firing order (for debugging and tests). */
  pending(): { at: number; label: string; settle: boolean }[] {
    return [...this.live.values()]
      .sort((a, b) => a.at - b.at || a.id - b.id)
      .map((t) => ({ at: t.at, label: t.label, settle: t.settle }));
  }

  /**
   * Fire the earliest timer due at or before `limit`, moving the clock to its
   * time. Returns false when none is due.
   */
  fireNext(limit: number): boolean {
    const t = this.peekLive();
    if (!t || t.at > limit) return false;
    pop(this.heap);
    this.live.delete(t.id);
    if (t.settle) this.settleLive--;
    if (t.at > this.nowMs) this.nowMs = t.at;
    t.fn();
    return true;
  }

  /**
   * Jump forward without replaying what happened meanwhile: every pending
   * timer keeps its remaining delay from the new time. Used once, to bring a
   * freshly installed cluster to the reader's start time without running
   * twelve days of periodic probes.
   */
  jumpTo(ms: number): void {
    const shift = ms - this.nowMs;
    if (shift <= 0) return;
    for (const t of this.heap) t.at += shift;
    this.nowMs = ms;
  }

  /** Move the clock forward without firing anything (callers fire first). */
  moveTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
// Sift with a hole instead of swapping pairs: a destructuring swap ([a, b] = [b, a]) built an array per step
// (about 15 steps per timer with tens of thousands pending), and the order of (at, id) is total, so the
// timers come out in the same order whatever the heap's layout.
function push(h: Timer[], t: Timer): void {
  let i = h.length;
  h.push(t);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = h[p];
    if (!less(t, parent)) break;
    h[i] = parent;
    i = p;
  }
  h[i] = t;
}
function pop(h: Timer[]): Timer | undefined {
  const top = h[0];
  const last = h.pop();
  const n = h.length;
  if (n && last) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && less(h[r], h[l]) ? r : l;
      if (!less(h[m], last)) break;
      h[i] = h[m];
      i = m;
    }
    h[i] = last;
  }
  return top;
}
