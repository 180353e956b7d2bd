/**
 * Seeded random source. The simulator never calls Math.random: every random
 * choice (generated names, UIDs, IP scan offsets, NodePorts) comes from here,
 * so one seed always gives one transcript.
 */

/** apimachinery pkg/util/rand: alphanums = "bcdfghjklmnpqrstvwxz2456789" */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export class Random {
  private s: number;
  constructor(seed: number | string = 1) {
    this.s = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    if (this.s === 0) this.s = 0x9e3779b9;
  }
  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** rand.String(n) of apimachinery: n characters of ALPHANUMS. */
  string(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += ALPHANUMS[this.int(ALPHANUMS.length)];
    return out;
  }
  /** n lowercase hex digits (container IDs, exec IDs). */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
    return s;
  }
  /** A version-4 UUID in canonical form. */
  uuid(): string {
    const hex = '0123456789abcdef';
    let s = '';
    for (let i = 0; i < 32; i++) {
      let v = this.int(16);
      if (i === 12) v = 4;
      if (i === 16) v = (v & 0x3) | 0x8;
      s += hex[v];
    }
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
  /** Internal state, for snapshots. */
  getState(): number {
    return this.s;
  }
  setState(s: number): void {
    this.s = s >>> 0;
  }
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
