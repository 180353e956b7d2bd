/**
 * Seeded random source. The simulator never calls Math.random: every random
 * choice (generated names, UIDs, IP scan offsets, NodePorts) comes from here,
 * so one seed always gives one transcript.
 */

/** apimachinery pkg/util/rand: alphanums = "bcdfghjklmnpqrstvwxz2456789" */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export class Random {
  /**
   * mulberry32's state, kept as a signed 32-bit integer (its `| 0`): every use of it is a 32-bit integer
   * operation, which reads both forms alike, and an unsigned one above 2³¹ would be a new heap number at each
   * draw (32 per UUID). getState gives the unsigned form.
   */
  private s: number;
  constructor(seed: number | string = 1) {
    this.s = (typeof seed === 'number' ? seed >>> 0 : hashString(seed)) | 0;
    if (this.s === 0) this.s = 0x9e3779b9 | 0;
  }
  /**
   * mulberry32's next draw as a signed 32-bit integer (its unsigned value is `>>> 0` of it). Callers reduce it
   * at once: an unsigned 32-bit result above 2³⁰ would be a boxed number when returned.
   */
  private i32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }
  /** mulberry32: a float in [0, 1). */
  next(): number {
    return (this.i32() >>> 0) / 4294967296;
  }
  /**
   * Advance past n draws of next() without computing them (mulberry32's state moves by a constant per
   * draw). With getState() before it, a caller can take its draws later from a copy: `new Random(); setState(s)`.
   */
  skip(n: number): void {
    this.s = (this.s + Math.imul(n, 0x6d2b79f5)) | 0;
  }
  /** An integer in [0, n): floor(next() × n), computed without a float result to box. */
  int(n: number): number {
    return Math.floor(((this.i32() >>> 0) / 4294967296) * n);
  }
  /** int(16), exactly: the draw's top four bits (u32 / 2³² × 16 = u32 / 2²⁸ has no rounding). */
  private nibble(): number {
    return this.i32() >>> 28;
  }
  /** rand.String(n) of apimachinery: n characters of ALPHANUMS. */
  string(n: number): string {
    const codes = scratch(n);
    for (let i = 0; i < n; i++) codes[i] = ALPHANUM_CODES[this.int(ALPHANUMS.length)];
    return flat(codes);
  }
  /** n lowercase hex digits (container IDs, exec IDs). */
  hex(n: number): string {
    const codes = scratch(n);
    for (let i = 0; i < n; i++) codes[i] = HEX_CODES[this.nibble()];
    return flat(codes);
  }
  /** A version-4 UUID in canonical form. */
  uuid(): string {
    const codes = scratch(36);
    let j = 0;
    for (let i = 0; i < 32; i++) {
      let v = this.nibble();
      if (i === 12) v = 4;
      if (i === 16) v = (v & 0x3) | 0x8;
      if (i === 8 || i === 12 || i === 16 || i === 20) codes[j++] = 45; // '-'
      codes[j++] = HEX_CODES[v];
    }
    return flat(codes);
  }
  /** Internal state, for snapshots. */
  getState(): number {
    return this.s >>> 0;
  }
  setState(s: number): void {
    this.s = s | 0;
  }
}

const ALPHANUM_CODES = [...ALPHANUMS].map((c) => c.charCodeAt(0));
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/**
 * Character codes of the short strings made here go through one array per length, reused (the string is made
 * from it at once): names and UIDs are made by the hundred thousand, their arrays were garbage at once.
 */
const SCRATCH: number[][] = Array.from({ length: 65 }, (_, n) => new Array<number>(n).fill(0));
function scratch(n: number): number[] {
  return n < SCRATCH.length ? SCRATCH[n] : new Array<number>(n);
}

/** One flat string from character codes (no chain of concatenations kept alive by long-lived names and UIDs). */
function flat(codes: number[]): string {
  if (codes.length <= 4096) return String.fromCharCode.apply(null, codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode.apply(null, codes.slice(i, i + 4096));
  return out;
}

export function hashString(s: string): number {
  // FNV-1a 32
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
