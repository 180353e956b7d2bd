/**
 * `npm run page -- content/en/pod.mdx`: run one chapter's runnable examples
 * the way the build and the doc-tests do and print each cell's transcript,
 * then any problem (unexpected error, expect-error that succeeded, exercise
 * whose start already passes or whose solution fails). Exit 1 on problems.
 */
import { readFileSync } from 'node:fs';
import { extractCells } from '../../components/example/extract';
import { runPage, cellProblem, transcriptText, verifyExercises } from '../../components/example/scenario';

const files = process.argv.slice(2);
if (!files.length) {
  process.stderr.write('usage: npm run page -- content/<locale>/<slug>.mdx [...]\n');
  process.exit(2);
}
let bad = 0;
for (const file of files) {
  const cells = extractCells(readFileSync(file, 'utf8'));
  const runs = runPage(cells);
  cells.forEach((c, i) => {
    if (c.meta.solution) return;
    process.stdout.write(`# ${file}:${c.line} cell ${i + 1} [${c.lang}${c.meta.scenario !== 'main' ? ` scenario=${c.meta.scenario}` : ''}${c.meta.hidden ? ' hidden' : ''}${c.meta.expectError ? ' expect-error' : ''}]\n`);
    process.stdout.write(transcriptText(runs[i]) + '\n');
  });
  const problems = cells
    .map((c, i) => ({ line: c.line, problem: cellProblem(c, runs[i]) }))
    .filter((p) => p.problem)
    .concat(verifyExercises(cells).map((p) => ({ line: p.line, problem: p.problem })));
  for (const p of problems) {
    bad++;
    process.stderr.write(`PROBLEM ${file}:${p.line}: ${p.problem}\n`);
  }
}
process.exit(bad ? 1 : 0);
