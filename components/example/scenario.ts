/**
 * Runnable examples: parsing the fenced-block markers and running a page's
 * cells on the simulator like notebook cells. Shared by the build-time
 * Markdown plugin (src/), the doc-tests (tests/) and the browser island, so
 * the three always agree. Imports the simulator only through sim/index.ts.
 */
import { createCluster, type Cluster, type OutputChunk, type ClusterOptions } from '../../sim/index';
import { screenChunks } from './screen';

export type CellLang = 'yaml' | 'sh';

/** Options written after the language of a fenced block: ```yaml run file=pod.yaml scenario=svc``` */
export interface CellMeta {
  /** Scenario (cluster) the cell runs in; cells of one scenario run in page order. Default "main". */
  scenario: string;
  /** Setup step: runs, but its code and output are not shown. */
  hidden: boolean;
  /** The cell is expected to fail (some command exits non-zero); the build fails if it does not. */
  expectError: boolean;
  /** File name a YAML cell is saved as before `kubectl apply -f <file>` (default example.yaml). */
  file?: string;
  /** `create` instead of `apply` for YAML cells. */
  verb: 'apply' | 'create';
  /** Namespace for YAML cells (`-n`). */
  namespace?: string;
  /** Caption shown above the cell. */
  title?: string;
  /**
   * An exercise: the reader edits this cell until `check` (a shell script run
   * after the cell, exit status 0 = solved) passes. The next cell must be its
   * `solution`.
   */
  check?: string;
  /** The answer to the preceding exercise: not run in page order; the build checks that it solves the exercise. */
  solution: boolean;
}

export interface Cell {
  lang: CellLang;
  code: string;
  meta: CellMeta;
  /** 1-based line in the source page, for error messages. */
  line?: number;
}

export interface CommandRun {
  command: string;
  /** The prompt when not the node's `$` (inside an interactive `kubectl exec -it … -- bash`). */
  prompt?: string;
  output: OutputChunk[];
  exitCode: number;
}

export interface CellRun {
  commands: CommandRun[];
  /** Some command exited non-zero. */
  failed: boolean;
  /** Objects added, changed or deleted by the cell (kind/namespace/name), Events excluded. */
  changes: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; kind: string; namespace: string; name: string }[];
}

export interface ScenarioOptions {
  seed?: number;
  workers?: number;
}

/** Split an info-string meta into flags and key=value pairs (values may be "quoted"). */
export function parseMetaString(meta: string | null | undefined): Map<string, string | true> {
  const out = new Map<string, string | true>();
  const re = /([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(meta ?? ''))) out.set(m[1], m[2] ?? m[3] ?? m[4] ?? true);
  return out;
}

/** A fenced block is runnable when its language is yaml/yml or sh/bash/shell and its meta has `run`. */
export function toCell(lang: string | null | undefined, meta: string | null | undefined, code: string, line?: number): Cell | undefined {
  const l = (lang ?? '').toLowerCase();
  const kind: CellLang | undefined = l === 'yaml' || l === 'yml' ? 'yaml' : l === 'sh' || l === 'bash' || l === 'shell' ? 'sh' : undefined;
  if (!kind) return undefined;
  const m = parseMetaString(meta);
  if (!m.has('run')) return undefined;
  const str = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : undefined);
  return {
    lang: kind,
    code,
    line,
    meta: {
      scenario: str('scenario') ?? 'main',
      hidden: m.has('hidden'),
      expectError: m.has('expect-error'),
      file: str('file'),
      verb: m.has('create') ? 'create' : 'apply',
      namespace: str('namespace') ?? str('n'),
      title: str('title'),
      check: str('check'),
      solution: m.has('solution'),
    },
  };
}

/** What a cell runs, as shell command lines with optional stdin (YAML cells become a file plus kubectl). */
export function cellCommands(cell: Cell): { command: string; stdin?: string; shown: boolean }[] {
  if (cell.lang === 'sh') return [{ command: cell.code, shown: true }];
  const file = cell.meta.file ?? 'example.yaml';
  const ns = cell.meta.namespace ? ` -n ${cell.meta.namespace}` : '';
  return [
    { command: `cat > ${file}`, stdin: cell.code, shown: false },
    { command: `kubectl ${cell.meta.verb} -f ${file}${ns}`, shown: true },
  ];
}

/** One scenario's cluster plus the cells run so far. */
export class ScenarioRunner {
  readonly cluster: Cluster;
  readonly runs: CellRun[] = [];

  constructor(opts: ScenarioOptions = {}) {
    const o: ClusterOptions = { seed: opts.seed ?? 1, workers: opts.workers ?? 2 };
    this.cluster = createCluster(o);
  }

  run(cell: Cell): CellRun {
    const changes: CellRun['changes'] = [];
    const seen = new Set<string>();
    const unsubscribe = this.cluster.subscribe((ev) => {
      const o = ev.object;
      if (o.kind === 'Event') return;
      const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      if (seen.has(key) && ev.type !== 'DELETED') return;
      seen.add(key);
      changes.push({ type: ev.type, kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name });
    });
    const commands: CommandRun[] = [];
    try {
      for (const step of cellCommands(cell)) {
        if (!step.shown) {
          const r = this.cluster.run(step.command, { stdin: step.stdin });
          if (r.exitCode !== 0) commands.push({ command: step.command, output: r.output, exitCode: r.exitCode });
          continue;
        }
        if (cell.lang === 'yaml') {
          const r = this.cluster.run(step.command);
          commands.push({ command: step.command, output: r.output, exitCode: r.exitCode });
        } else {
          for (const e of this.cluster.transcript(step.command)) commands.push({ command: e.command, ...(e.prompt ? { prompt: e.prompt } : {}), output: e.result.output, exitCode: e.result.exitCode });
        }
      }
    } finally {
      unsubscribe();
    }
    const run: CellRun = { commands, failed: commands.some((c) => c.exitCode !== 0), changes };
    this.runs.push(run);
    return run;
  }
}

/** Plain-text transcript of a cell run: `$ command` lines followed by what each printed, as a terminal shows it. */
export function transcriptText(run: CellRun): string {
  let out = '';
  for (const c of run.commands) {
    out += `${c.prompt ?? '$'} ${c.command}\n`;
    out += screenChunks(c.output).map((o) => o.text).join('');
    if (out.length && !out.endsWith('\n')) out += '\n';
  }
  return out;
}

/** Why a cell's outcome is wrong (unexpected error, or expected error that did not happen), or undefined. */
export function cellProblem(cell: Cell, run: CellRun): string | undefined {
  if (cell.meta.expectError && !run.failed) return 'expected an error (expect-error), but every command succeeded';
  if (!cell.meta.expectError && run.failed) {
    const bad = run.commands.find((c) => c.exitCode !== 0)!;
    const err = bad.output.map((o) => o.text).join('').trim();
    return `\`${bad.command.split('\n')[0]}\` exited with ${bad.exitCode}${err ? `: ${err}` : ''}`;
  }
  return undefined;
}

/** Run an exercise's check script in a scenario; true when it exits 0. */
export function checkPasses(runner: ScenarioRunner, check: string): boolean {
  return runner.cluster.run(check).exitCode === 0;
}

/**
 * Run every scenario of a page in order. Returns the runs in cell order
 * (solution cells are not run in page order: their run is empty).
 */
export function runPage(cells: Cell[], opts: ScenarioOptions = {}): CellRun[] {
  const runners = new Map<string, ScenarioRunner>();
  return cells.map((cell) => {
    if (cell.meta.solution) return { commands: [], failed: false, changes: [] };
    let r = runners.get(cell.meta.scenario);
    if (!r) runners.set(cell.meta.scenario, (r = new ScenarioRunner(opts)));
    return r.run(cell);
  });
}

/**
 * Build-time check of every exercise of a page: with the starting code the
 * check must fail (so the exercise is not already solved), with the solution
 * it must pass. Returns problems as `line: message`.
 */
export function verifyExercises(cells: Cell[], opts: ScenarioOptions = {}): { line?: number; problem: string }[] {
  const problems: { line?: number; problem: string }[] = [];
  cells.forEach((cell, i) => {
    if (!cell.meta.check) return;
    const solution = cells[i + 1]?.meta.solution ? cells[i + 1] : undefined;
    if (!solution) {
      problems.push({ line: cell.line, problem: 'an exercise (check=...) must be followed by its solution cell' });
      return;
    }
    const before = cells.slice(0, i).filter((c) => c.meta.scenario === cell.meta.scenario && !c.meta.solution);
    const replay = (last: Cell) => {
      const r = new ScenarioRunner(opts);
      for (const c of before) r.run(c);
      r.run(last);
      return checkPasses(r, cell.meta.check!);
    };
    if (replay(cell)) problems.push({ line: cell.line, problem: 'the exercise is already solved by its starting code' });
    if (!replay({ ...solution, meta: { ...cell.meta, check: undefined, solution: false } }))
      problems.push({ line: solution.line, problem: `the solution does not pass the check \`${cell.meta.check}\`` });
  });
  return problems;
}
