import type { Random } from '../runtime/random';

/**
 * A bitmap-like allocator over [0, size) with the apiserver's
 * "random scan with offset" strategy (K/K pkg/registry/core/service/allocator/
 * bitmap.go randomScanStrategyWithOffset): a random start in the upper band
 * [offset, size), scanning forward; the lower "static" band [0, offset) is used
 * only when the upper band is full.
 */
export class OffsetAllocator {
  private used = new Set<number>();

  constructor(
    readonly size: number,
    readonly offset: number,
  ) {}

  has(i: number): boolean {
    return this.used.has(i);
  }

  allocate(i: number): boolean {
    if (i < 0 || i >= this.size || this.used.has(i)) return false;
    this.used.add(i);
    return true;
  }

  release(i: number): void {
    this.used.delete(i);
  }

  clear(): void {
    this.used.clear();
  }

  count(): number {
    return this.used.size;
  }

  allocateNext(rand: Random): number | undefined {
    if (this.used.size >= this.size) return undefined;
    const upper = this.size - this.offset;
    if (upper > 0) {
      const start = rand.int(upper);
      for (let k = 0; k < upper; k++) {
        const at = this.offset + ((start + k) % upper);
        if (!this.used.has(at)) {
          this.used.add(at);
          return at;
        }
      }
    }
    if (this.offset > 0) {
      const start = rand.int(this.offset);
      for (let k = 0; k < this.offset; k++) {
        const at = (start + k) % this.offset;
        if (!this.used.has(at)) {
          this.used.add(at);
          return at;
        }
      }
    }
    return undefined;
  }
}

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const c = Number(m[3]);
  const d = Number(m[4]);
  if (a > 255 || b > 255 || c > 255 || d > 255) return undefined;
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** Dotted quad of a 32-bit address (the kubelet makes one per pod: a template, not an array joined). */
export function intToIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export interface Cidr {
  base: number;
  bits: number;
  size: number;
}

export function parseCidr(cidr: string): Cidr {
  const [ip, bits] = cidr.split('/');
  const b = Number(bits);
  const base = ipToInt(ip)!;
  return { base, bits: b, size: 2 ** (32 - b) };
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}

/** Service CIDR (kubeadm default 10.96.0.0/12). */
export const SERVICE_CIDR = '10.96.0.0/12';
/** NodePort range (kube-apiserver default 30000-32767). */
export const NODE_PORT_BASE = 30000;
export const NODE_PORT_SIZE = 2768;

/**
 * ClusterIP allocation: index i ↔ IP base+1+i (network address excluded,
 * broadcast excluded); static band min(max(16, size/16), 256)
 * (K/K ipallocator calculateRangeOffset).
 */
export class ClusterIPAllocator {
  readonly cidr: Cidr;
  readonly alloc: OffsetAllocator;

  constructor(cidr = SERVICE_CIDR) {
    this.cidr = parseCidr(cidr);
    const size = this.cidr.size - 2;
    this.alloc = new OffsetAllocator(size, Math.min(Math.max(16, Math.floor(size / 16)), 256));
  }

  contains(ip: string): boolean {
    const n = ipToInt(ip);
    return n !== undefined && n > this.cidr.base && n < this.cidr.base + this.cidr.size - 1;
  }

  indexOf(ip: string): number | undefined {
    const n = ipToInt(ip);
    if (n === undefined || !this.contains(ip)) return undefined;
    return n - this.cidr.base - 1;
  }

  allocate(ip: string): 'ok' | 'allocated' | 'range' {
    const i = this.indexOf(ip);
    if (i === undefined) return 'range';
    return this.alloc.allocate(i) ? 'ok' : 'allocated';
  }

  allocateNext(rand: Random): string | undefined {
    const i = this.alloc.allocateNext(rand);
    return i === undefined ? undefined : intToIp(this.cidr.base + 1 + i);
  }

  release(ip: string): void {
    const i = this.indexOf(ip);
    if (i !== undefined) this.alloc.release(i);
  }
}

/** NodePort allocation; static band min(max(16, size/32), 128) = 86 for the default range. */
export class NodePortAllocator {
  readonly alloc = new OffsetAllocator(NODE_PORT_SIZE, Math.min(Math.max(16, Math.floor(NODE_PORT_SIZE / 32)), 128));

  inRange(port: number): boolean {
    return port >= NODE_PORT_BASE && port < NODE_PORT_BASE + NODE_PORT_SIZE;
  }

  allocate(port: number): 'ok' | 'allocated' | 'range' {
    if (!this.inRange(port)) return 'range';
    return this.alloc.allocate(port - NODE_PORT_BASE) ? 'ok' : 'allocated';
  }

  allocateNext(rand: Random): number | undefined {
    const i = this.alloc.allocateNext(rand);
    return i === undefined ? undefined : NODE_PORT_BASE + i;
  }

  release(port: number): void {
    if (this.inRange(port)) this.alloc.release(port - NODE_PORT_BASE);
  }
}
