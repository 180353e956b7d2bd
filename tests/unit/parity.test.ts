/**
 * Both languages, always: every page exists in content/ko and content/en with
 * the same slug, the same number of sections (## and ### headings), and the
 * same runnable cells (checked cell by cell in tests/docs/examples.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractCells } from '../../components/example/extract';

const CONTENT = join(__dirname, '../../content');
const slugs = (l: string) => readdirSync(join(CONTENT, l)).filter((f) => /\.mdx?$/.test(f)).sort();

function headings(src: string): string[] {
  const out: string[] = [];
  let fence = false;
  for (const line of src.split('\n')) {
    if (/^```/.test(line)) fence = !fence;
    else if (!fence && /^#{2,3} /.test(line)) out.push(line.replace(/ .*/, ''));
  }
  return out;
}

describe('ko/en parity', () => {
  it('the same pages exist in both languages', () => {
    expect(slugs('en')).toEqual(slugs('ko'));
  });

  for (const file of slugs('ko')) {
    it(`${file}: same heading structure and number of runnable cells`, () => {
      const ko = readFileSync(join(CONTENT, 'ko', file), 'utf8');
      const en = readFileSync(join(CONTENT, 'en', file), 'utf8');
      expect(headings(en)).toEqual(headings(ko));
      expect(extractCells(en).length).toBe(extractCells(ko).length);
    });
  }
});
