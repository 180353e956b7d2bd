/**
 * Doc-tests: every runnable example of every chapter runs on the simulator
 * (like Go's testable examples / twoslash). A cell that errors unexpectedly,
 * an expect-error cell that succeeds, an exercise whose solution does not
 * pass (or whose starting code already does), or a transcript that differs
 * from the committed golden file fails here with the page and line named.
 * Update goldens with `npm run test:unit -- -u` after checking the new output
 * against real Kubernetes.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractCells } from '../../components/example/extract';
import { runPage, cellProblem, transcriptText, verifyExercises } from '../../components/example/scenario';

const CONTENT = join(__dirname, '../../content');
const locales = ['ko', 'en'].filter((l) => existsSync(join(CONTENT, l)));

function pages(locale: string): string[] {
  return readdirSync(join(CONTENT, locale))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.replace(/\.mdx$/, ''))
    .sort();
}

for (const locale of locales) {
  describe(`examples of content/${locale}`, () => {
    for (const slug of pages(locale)) {
      const file = `content/${locale}/${slug}.mdx`;
      const cells = extractCells(readFileSync(join(CONTENT, locale, `${slug}.mdx`), 'utf8'));
      if (!cells.length) continue;
      it(`${file} runs as written`, async () => {
        const runs = runPage(cells);
        const problems = cells
          .map((c, i) => ({ line: c.line, problem: cellProblem(c, runs[i]) }))
          .filter((p) => p.problem)
          .concat(verifyExercises(cells).map((p) => ({ line: p.line, problem: p.problem })));
        expect(problems.map((p) => `${file}:${p.line}: ${p.problem}`)).toEqual([]);
        const golden = cells
          .map((c, i) => (c.meta.solution ? '' : `# cell ${i + 1} [${c.lang}${c.meta.scenario !== 'main' ? ` scenario=${c.meta.scenario}` : ''}${c.meta.hidden ? ' hidden' : ''}]\n${transcriptText(runs[i])}`))
          .filter(Boolean)
          .join('\n');
        // one golden per slug, shared by both languages: they must print the same
        await expect(golden).toMatchFileSnapshot(`__golden__/${slug}.txt`);
      });
    }
  });
}

describe('ko/en examples are the same', () => {
  const shared = locales.length === 2 ? pages('ko').filter((s) => pages('en').includes(s)) : [];
  for (const slug of shared) {
    it(`${slug}: same runnable cells in both languages`, () => {
      const strip = (l: string) =>
        extractCells(readFileSync(join(CONTENT, l, `${slug}.mdx`), 'utf8')).map((c) => ({ lang: c.lang, code: c.code, meta: { ...c.meta, title: undefined } }));
      expect(strip('en')).toEqual(strip('ko'));
    });
  }
});
