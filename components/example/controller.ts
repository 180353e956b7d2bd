/**
 * One per page, loaded on the first Run/Edit: owns the PageRuntime (which
 * pulls in the simulator), the reader's stored edits and the update
 * notifications that keep every example island of the scenario in sync.
 */
import { PageRuntime } from './page';
import { panelsFor } from './panels';
import { storageKey, parseShareFragment } from './share';
import type { Cell } from './scenario';

export type Listener = () => void;

/** Longest code a cell accepts from the reader (characters). */
export const MAX_CODE = 200_000;

export class PageController {
  readonly runtime: PageRuntime;
  private listeners = new Map<number, Set<Listener>>();

  constructor(
    readonly cells: Cell[],
    private readonly pathname: string,
    hash: string,
  ) {
    this.runtime = new PageRuntime(cells, {}, { wantsView: (i) => (this.listeners.get(i)?.size ?? 0) > 0, view: panelsFor });
    cells.forEach((_, i) => {
      const stored = safeGet(storageKey(pathname, i));
      if (stored !== null) this.runtime.setCode(i, stored.slice(0, MAX_CODE));
    });
    for (const [i, code] of parseShareFragment(hash)) if (i < cells.length) this.setCode(i, code);
    // the first fresh cluster is made while the simulator loads
    this.runtime.prepare('main');
  }

  onUpdate(i: number, l: Listener): () => void {
    let s = this.listeners.get(i);
    if (!s) this.listeners.set(i, (s = new Set()));
    s.add(l);
    return () => s!.delete(l);
  }

  private notify(indexes: number[]): void {
    for (const i of indexes) for (const l of this.listeners.get(i) ?? []) l();
  }

  setCode(i: number, code: string): void {
    const c = code.slice(0, MAX_CODE);
    this.runtime.setCode(i, c);
    if (this.runtime.edited(i)) safeSet(storageKey(this.pathname, i), c);
    else safeRemove(storageKey(this.pathname, i));
  }

  reset(i: number): void {
    this.runtime.reset(i);
    safeRemove(storageKey(this.pathname, i));
  }

  private generation = 0;

  /**
   * Run the scenario of cell i: the cells up to i at once (their islands are
   * told, `ms` is the time to this result), then — in a later task, so the
   * result paints first — every cell after it. Afterwards a fresh cluster is
   * prepared for the next run.
   */
  run(i: number): { touched: number[]; later: Promise<number[]>; ms: number } {
    const gen = ++this.generation;
    const t0 = performance.now();
    const touched = this.runtime.runUpTo(i);
    const ms = performance.now() - t0;
    this.notify(touched);
    const scenario = this.cells[i].meta.scenario;
    const later = new Promise<number[]>((resolve) =>
      setTimeout(() => {
        if (gen !== this.generation) return resolve([]);
        const rest = this.runtime.runRest();
        this.notify(rest);
        resolve(rest);
        setTimeout(() => this.runtime.prepare(scenario), 0);
      }, 0),
    );
    return { touched, later, ms };
  }
}

function safeGet(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}
function safeSet(k: string, v: string): void {
  try {
    localStorage.setItem(k, v);
  } catch {
    /* storage full or disabled: the edit still lives in memory */
  }
}
function safeRemove(k: string): void {
  try {
    localStorage.removeItem(k);
  } catch {
    /* ignore */
  }
}
