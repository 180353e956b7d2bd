/**
 * Build-time step for runnable examples (a satteri mdast plugin — Astro 7's
 * Markdown pipeline; same AST shapes as a remark plugin). Every fenced
 * ```yaml run``` / ```sh run``` block of an MDX page is run on the simulator
 * in page order (one cluster per scenario) and replaced by
 *
 *   <div class="k8s-example" data-cell="{json}" data-index="n">
 *     ```yaml …code…```            (highlighted as usual)
 *     <div class="k8s-output"> ```text …transcript…``` </div>
 *   </div>
 *
 * so the page shows every result without JavaScript; the browser island
 * replays the same cells when the reader runs or edits one. An unexpected
 * error, or an expected one that does not happen, fails the build with the
 * page and line named.
 */
import { fileURLToPath } from 'node:url';
import { toCell, runPage, transcriptText, cellProblem, verifyExercises, type Cell } from '../../components/example/scenario';

interface CodeNode {
  type: 'code';
  lang?: string | null;
  meta?: string | null;
  value: string;
  position?: { start: { line: number } };
}

function walk(node: any, visit: (n: any) => void): void {
  visit(node);
  for (const c of node.children ?? []) walk(c, visit);
}

const attr = (name: string, value: string) => ({ type: 'mdxJsxAttribute', name, value });

export class ExampleError extends Error {}

/** The runnable cells of a page, with their results, keyed by source line. */
export function runDocument(root: any, file: string): Map<number, { cell: Cell; index: number; transcript: string }> {
  const found: { cell: Cell; line: number }[] = [];
  walk(root, (n: CodeNode) => {
    if (n.type !== 'code') return;
    const line = n.position?.start.line ?? 0;
    const cell = toCell(n.lang, n.meta, n.value, line);
    if (cell) found.push({ cell, line });
  });
  const cells = found.map((f) => f.cell);
  const runs = runPage(cells);
  for (const p of verifyExercises(cells)) throw new ExampleError(`${file}:${p.line ?? 0}: exercise: ${p.problem}`);
  const out = new Map<number, { cell: Cell; index: number; transcript: string }>();
  found.forEach(({ cell, line }, i) => {
    const problem = cellProblem(cell, runs[i]);
    if (problem) throw new ExampleError(`${file}:${line}: runnable example: ${problem}`);
    out.set(line, { cell, index: i, transcript: transcriptText(runs[i]) });
  });
  return out;
}

export function runnableExamples() {
  return ({ fileURL, sourceFormat }: { fileURL?: URL; sourceFormat: string }) => {
    if (sourceFormat !== 'mdx' || !fileURL) return undefined;
    const file = fileURLToPath(fileURL);
    const lang = /[\\/]en[\\/]/.test(file) ? 'en' : 'ko';
    let results = new Map<number, { cell: Cell; index: number; transcript: string }>();
    return {
      name: 'k8s-runnable-examples',
      options: { position: true },
      before(root: any) {
        results = runDocument(root, file);
      },
      code(node: CodeNode, ctx: any) {
        const r = results.get(node.position?.start.line ?? -1);
        if (!r) return;
        const { cell, index, transcript } = r;
        const attributes = [
          attr('class', 'k8s-example not-content'),
          attr('data-index', String(index)),
          attr('data-lang', lang),
          attr('data-cell', JSON.stringify({ lang: cell.lang, code: cell.code, meta: cell.meta, line: cell.line })),
        ];
        if (cell.meta.hidden) {
          ctx.replaceNode(node, { type: 'mdxJsxFlowElement', name: 'div', attributes: [...attributes, { type: 'mdxJsxAttribute', name: 'hidden', value: null }], children: [] });
          return;
        }
        if (cell.meta.solution) {
          const summary = { type: 'mdxJsxFlowElement', name: 'summary', attributes: [], children: [{ type: 'paragraph', children: [{ type: 'text', value: lang === 'ko' ? '정답 보기' : 'Show the answer' }] }] };
          ctx.replaceNode(node, {
            type: 'mdxJsxFlowElement',
            name: 'details',
            attributes: [...attributes.map((a) => (a.name === 'class' ? attr('class', 'k8s-example k8s-solution not-content') : a))],
            children: [summary, { type: 'code', lang: cell.lang, meta: null, value: cell.code }],
          });
          return;
        }
        const title = cell.meta.title ?? (cell.lang === 'yaml' ? cell.meta.file ?? 'example.yaml' : undefined);
        const codeNode = { type: 'code', lang: cell.lang, meta: title ? `title="${title.replace(/"/g, '')}"` : null, value: cell.code };
        const output = {
          type: 'mdxJsxFlowElement',
          name: 'div',
          attributes: [attr('class', 'k8s-output'), attr('data-output', '')],
          children: [{ type: 'code', lang: 'text', meta: `frame="terminal" title="${lang === 'ko' ? '실행 결과' : 'Output'}"`, value: transcript.replace(/\n$/, '') }],
        };
        ctx.replaceNode(node, { type: 'mdxJsxFlowElement', name: 'div', attributes, children: [codeNode, output] });
      },
    };
  };
}
