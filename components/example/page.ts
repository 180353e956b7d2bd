/**
 * The browser side of a page's runnable examples, without any DOM: the
 * reader's edits, re-running a scenario (a cell and every cell after it in
 * the same scenario), which editor lines an error belongs to, persistence
 * keys and share links. The island (island.tsx) renders what this computes.
 */
import { ScenarioRunner, cellProblem, checkPasses, type Cell, type CellRun, type ScenarioOptions } from './scenario';
import type { Cluster } from '../../sim/index';

export interface CellState {
  run?: CellRun;
  /** The reader's exercise check result, when checked. */
  solved?: boolean;
  /** Lines of the cell's code the last error points at (1-based). */
  errorLines: number[];
  /** Why the outcome differs from what the page expects (unexpected error), if it does. */
  problem?: string;
  /** What the page's `view` hook took of the cluster right after this cell ran (the island's panels). */
  view?: unknown;
}

export interface PageRuntimeHooks {
  /** Which cells want a view of the cluster after they run (islands that are on screen). */
  wantsView?: (i: number) => boolean;
  view?: (cluster: Cluster, cell: Cell, run: CellRun) => unknown;
}

export class PageRuntime {
  private edits = new Map<number, string>();
  readonly states: CellState[];
  /** The live cluster of each scenario after its last run (the terminal binds to `main`). */
  readonly runners = new Map<string, ScenarioRunner>();

  constructor(
    readonly cells: Cell[],
    private readonly opts: ScenarioOptions = {},
    private readonly hooks: PageRuntimeHooks = {},
  ) {
    this.states = cells.map(() => ({ errorLines: [] }));
  }

  code(i: number): string {
    return this.edits.get(i) ?? this.cells[i].code;
  }

  edited(i: number): boolean {
    return this.edits.has(i) && this.edits.get(i) !== this.cells[i].code;
  }

  setCode(i: number, code: string): void {
    if (code === this.cells[i].code) this.edits.delete(i);
    else this.edits.set(i, code);
  }

  reset(i: number): void {
    this.edits.delete(i);
  }

  /** Fresh clusters made ahead of time (creating one is the slowest part of a run). */
  private spares = new Map<string, ScenarioRunner>();
  /** A run whose cells after the clicked one are still to come. */
  private pending?: { scenario: string; runner: ScenarioRunner; next: number };

  /** Make a fresh cluster for the scenario now, so the next Run does not wait for one. */
  prepare(scenario = 'main'): void {
    if (!this.spares.has(scenario)) this.spares.set(scenario, new ScenarioRunner(this.opts));
  }

  private fresh(scenario: string): ScenarioRunner {
    const r = this.spares.get(scenario);
    this.spares.delete(scenario);
    return r ?? new ScenarioRunner(this.opts);
  }

  private runCell(runner: ScenarioRunner, k: number): void {
    const cell = this.cells[k];
    const c: Cell = { ...cell, code: this.code(k) };
    const run = runner.run(c);
    const problem = cellProblem(c, run);
    this.states[k] = { run, errorLines: problem ? errorLines(c.code, run) : [], problem };
    if (this.hooks.view && this.hooks.wantsView?.(k)) {
      try {
        this.states[k].view = this.hooks.view(runner.cluster, c, run);
      } catch {
        /* the panels are optional; the output stays */
      }
    }
    if (cell.meta.check) this.states[k].solved = checkPasses(runner, cell.meta.check);
  }

  /**
   * Run the scenario of cell `i` on a fresh cluster up to and including
   * cell `i` (with the reader's edits). The cells after it are left for
   * `runRest()`, so the clicked example shows its result first. Returns the
   * indexes whose state changed.
   */
  runUpTo(i: number): number[] {
    const scenario = this.cells[i].meta.scenario;
    const runner = this.fresh(scenario);
    const touched: number[] = [];
    for (let k = 0; k <= i; k++) {
      const cell = this.cells[k];
      if (cell.meta.scenario !== scenario || cell.meta.solution) continue;
      this.runCell(runner, k);
      touched.push(k);
    }
    this.runners.set(scenario, runner);
    this.pending = { scenario, runner, next: i + 1 };
    return touched;
  }

  /** The cells after the last `runUpTo`, so a change flows into them too. */
  runRest(): number[] {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return [];
    const touched: number[] = [];
    for (let k = p.next; k < this.cells.length; k++) {
      const cell = this.cells[k];
      if (cell.meta.scenario !== p.scenario || cell.meta.solution) continue;
      this.runCell(p.runner, k);
      touched.push(k);
    }
    return touched;
  }

  /** The whole scenario of cell `i`, from a fresh cluster through its last cell. */
  runScenario(i: number): number[] {
    const first = this.cells.findIndex((c) => c.meta.scenario === this.cells[i].meta.scenario && !c.meta.solution);
    return [...this.runUpTo(first >= 0 ? first : i), ...this.runRest()];
  }

  /** The cluster the terminal panel works on (the page's main scenario, run so far). */
  cluster(scenario = 'main'): ScenarioRunner {
    let r = this.runners.get(scenario);
    if (!r) {
      const first = this.cells.findIndex((c) => c.meta.scenario === scenario && !c.meta.solution);
      if (first >= 0) this.runScenario(first);
      r = this.runners.get(scenario);
      if (!r) this.runners.set(scenario, (r = new ScenarioRunner(this.opts)));
    }
    return r;
  }
}

/**
 * Which lines of a YAML cell an error points at: `line N` in a parse error,
 * or the line of the field named in a strict-decoding or validation error
 * (`unknown field "spec.containers[0].imagee"`, `spec.containers[0].image: Required value`).
 */
export function errorLines(code: string, run: CellRun): number[] {
  const text = run.commands.flatMap((c) => (c.exitCode !== 0 ? c.output.map((o) => o.text) : [])).join('\n');
  const lines = new Set<number>();
  for (const m of text.matchAll(/\bline (\d+)\b/g)) lines.add(Number(m[1]));
  const paths = [
    ...[...text.matchAll(/(?:unknown|duplicate) field "([^"]+)"/g)].map((m) => m[1]),
    ...[...text.matchAll(/(?:^|\n|\* |: )((?:metadata|spec|data|stringData|rules|subjects|roleRef)(?:[.[][^\s:]*)?): /g)].map((m) => m[1]),
  ];
  for (const p of paths) {
    const l = lineOfField(code, p);
    if (l) lines.add(l);
  }
  return [...lines].filter((l) => l >= 1 && l <= code.split('\n').length).sort((a, b) => a - b);
}

/** The 1-based line where a field path (`spec.containers[0].image`) is written in a YAML document, if found. */
export function lineOfField(yaml: string, path: string): number | undefined {
  const parts = path.split(/\.|(?=\[)/).filter(Boolean);
  const lines = yaml.split('\n');
  let from = 0;
  let minIndent = -1;
  let found: number | undefined;
  for (const part of parts) {
    const idx = /^\[(\d+)\]$/.exec(part);
    if (idx) {
      // the n-th list item below the current key
      let count = -1;
      let itemIndent = -1;
      for (let k = from; k < lines.length; k++) {
        const m = /^(\s*)- /.exec(lines[k]);
        const ind = lines[k].search(/\S/);
        if (ind >= 0 && ind <= minIndent && !m) break;
        if (m && (itemIndent < 0 || m[1].length === itemIndent)) {
          itemIndent = m[1].length;
          if (++count === Number(idx[1])) {
            from = k;
            found = k + 1;
            minIndent = itemIndent;
            break;
          }
        }
      }
      if (count !== Number(idx[1])) return found;
      // the item's first key shares the dash line: search from this line
      continue;
    }
    const key = part.replace(/^\[|\]$/g, '');
    let hit = -1;
    for (let k = from; k < lines.length; k++) {
      const ind = lines[k].search(/\S/);
      if (k > from && ind >= 0 && ind <= minIndent && !/^\s*-\s/.test(lines[k])) break;
      const re = new RegExp(`^(\\s*(?:-\\s+)?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
      const m = re.exec(lines[k]);
      if (m && m[1].replace(/-/, ' ').length > minIndent) {
        hit = k;
        minIndent = m[1].replace(/-/, ' ').length;
        break;
      }
    }
    if (hit < 0) return found;
    from = hit + 1;
    found = hit + 1;
  }
  return found;
}

export { storageKey, shareFragment, parseShareFragment, MAX_SHARED_CODE } from './share';
