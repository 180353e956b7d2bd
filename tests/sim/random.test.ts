/**
 * The seeded random source: integer draws give exactly what floor(next() × n) gives (the transcripts of
 * every seed depend on it), and strings made from reused scratch arrays are independent of each other.
 */
import { describe, expect, it } from 'vitest';
import { ALPHANUMS, Random } from '../../sim/runtime/random';

describe('Random', () => {
  it('int(n), hex and uuid draw what floor(next() × n) draws', () => {
    const a = new Random(42);
    const b = new Random(42);
    for (let i = 0; i < 2000; i++) {
      const n = [2, 16, 27, 100, 1000, 32768][i % 6];
      expect(a.int(n)).toBe(Math.floor(b.next() * n));
    }
    const h = new Random(7).hex(64);
    const r = new Random(7);
    expect(h).toBe(Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(r.next() * 16)]).join(''));
    const u = new Random(9).uuid();
    const q = new Random(9);
    const digits = Array.from({ length: 32 }, () => Math.floor(q.next() * 16));
    digits[12] = 4;
    digits[16] = (digits[16] & 3) | 8;
    const x = digits.map((d) => '0123456789abcdef'[d]).join('');
    expect(u).toBe(`${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`);
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('string(n) uses the apimachinery alphabet; successive strings do not share characters by accident', () => {
    const r = new Random(3);
    const s1 = r.string(5);
    const s2 = r.string(5);
    const r2 = new Random(3);
    const want = () => Array.from({ length: 5 }, () => ALPHANUMS[Math.floor(r2.next() * ALPHANUMS.length)]).join('');
    expect([s1, s2]).toEqual([want(), want()]);
    expect(s1).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // a length above the scratch arrays' still works
    expect(new Random(1).hex(5000)).toMatch(/^[0-9a-f]{5000}$/);
  });
});

describe('Random strings of any length', () => {
  it('the longest scratch length and the first past it both work', () => {
    for (const n of [0, 64, 65, 66]) {
      expect(new Random(5).string(n)).toHaveLength(n);
      expect(new Random(5).hex(n)).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
    }
  });
});
