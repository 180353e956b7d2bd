/**
 * `npm run bench`: prints figures, asserts nothing.
 * 1. Simulator (tests/bench/sim.bench.ts): typical example, 10k replicas, 150k pods, memory.
 * 2. Page weight: JavaScript a page loads before any interaction, gzip-compressed,
 *    measured on the built site (dist/; run `npm run build` first): the scripts
 *    and modulepreloads in the HTML plus the static imports they pull in.
 *    Budgets: text-only chapter page < 40 KB (issue #2), chapter page with
 *    examples < 60 KB (issue #5); the example island and the simulator load only
 *    when an example comes into view or is run.
 * 3. Run-to-result: time from "Run" to a finished transcript for a typical example.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import simBench from './sim.bench';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

function staticImports(file: string, seen: Set<string>): void {
  if (seen.has(file) || !existsSync(file)) return;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  // static `import … from "./x.js"` / `import "./x.js"` (not dynamic import())
  for (const m of src.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
    staticImports(resolve(dirname(file), m[1]), seen);
  }
}

function pageWeight(page: string): { files: number; raw: number; gzip: number } | undefined {
  const html = join(DIST, page);
  if (!existsSync(html)) return undefined;
  const src = readFileSync(html, 'utf8');
  const seen = new Set<string>();
  let inline = '';
  for (const m of src.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1];
    const s = /src="([^"]+)"/.exec(attrs);
    if (s) staticImports(join(DIST, s[1]), seen);
    else if (!/type="(application\/(ld\+)?json)"/.test(attrs)) inline += m[2];
  }
  for (const m of src.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) staticImports(join(DIST, m[1]), seen);
  for (const m of inline.matchAll(/import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) staticImports(join(DIST, m[1]), seen);
  let raw = Buffer.byteLength(inline);
  const chunks = [Buffer.from(inline)];
  for (const f of seen) {
    const b = readFileSync(f);
    raw += b.length;
    chunks.push(b);
  }
  const gzip = chunks.reduce((n, b) => n + gzipSync(b).length, 0);
  return { files: seen.size, raw, gzip };
}

async function main(): Promise<void> {
  await simBench();
  console.log('\n## Page weight (JS before interaction, gzip)');
  if (!existsSync(DIST)) {
    console.log('dist/ not found: run `npm run build` first');
  } else {
    const chapters = readdirSync(join(DIST), { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(DIST, d.name, 'index.html')) && !['en', 'pagefind', '_astro'].includes(d.name)).map((d) => d.name);
    for (const page of ['index.html', 'en/index.html', ...chapters.flatMap((c) => [`${c}/index.html`, `en/${c}/index.html`])]) {
      const w = pageWeight(page);
      if (w) console.log(`${page.padEnd(32)} ${(w.gzip / 1024).toFixed(1).padStart(6)} KB gzip (${(w.raw / 1024).toFixed(1)} KB raw, ${w.files} files)`);
    }
    console.log('budgets: text-only page < 40 KB, chapter with examples < 60 KB');
    const islands = readdirSync(join(DIST, '_astro')).filter((f) => f.endsWith('.js'));
    const biggest = islands.map((f) => ({ f, n: gzipSync(readFileSync(join(DIST, '_astro', f))).length })).sort((a, b) => b.n - a.n).slice(0, 5);
    console.log('largest lazily loaded chunks: ' + biggest.map((b) => `${b.f} ${(b.n / 1024).toFixed(1)} KB`).join(', '));
  }
  console.log('\n## Run to result (simulator side of clicking Run)');
  const { createCluster } = await import('../../sim/index');
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const c = createCluster({ seed: i + 1 });
    const t0 = performance.now();
    c.run('cat > web.yaml <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\nEOF\nkubectl apply -f web.yaml\nkubectl get pods -o wide');
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`apply + get of a pod example: median ${times[5].toFixed(2)} ms (aim: result painted < 50 ms)`);

  // What the island does on Run for each cell of a chapter: a fresh cluster prepared ahead of time,
  // then the cells up to the clicked one (the cells after it run in a later task).
  const { PageRuntime } = await import('../../components/example/page');
  const { extractCells } = await import('../../components/example/extract');
  for (const slug of ['objects', 'services']) {
    const cells = extractCells(readFileSync(join(dirname(fileURLToPath(import.meta.url)), `../../content/en/${slug}.mdx`), 'utf8'));
    const rt = new PageRuntime(cells);
    const per: number[] = [];
    cells.forEach((c, i) => {
      if (c.meta.hidden || c.meta.solution) return;
      rt.prepare(c.meta.scenario);
      const t0 = performance.now();
      rt.runUpTo(i);
      per.push(performance.now() - t0);
      rt.runRest();
    });
    per.sort((a, b) => a - b);
    console.log(`${slug}: click Run to result, ${per.length} cells: median ${per[per.length >> 1].toFixed(1)} ms, worst ${per[per.length - 1].toFixed(1)} ms (aim < 50 ms)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
