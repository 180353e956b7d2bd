/**
 * resource.Quantity (apimachinery pkg/api/resource/quantity.go): parsing,
 * exact arithmetic in nano-units (bigint) and the canonical String() form
 * (`500m`, `1`, `128Mi`, `1500m`, `2Gi`, `1G`, `1e3` → `1k`).
 */
const BIN: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export const QUANTITY_REGEX_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

const NANO = 1_000_000_000n;

export class Quantity {
  /** value × 10^9 (nano-units), exact for every quantity Kubernetes accepts in practice */
  constructor(
    readonly nanos: bigint,
    readonly format: Format,
  ) {}

  /** Value rounded up to an integer (Quantity.Value()). */
  value(): number {
    const q = this.nanos / NANO;
    return Number(this.nanos % NANO > 0n ? q + 1n : q);
  }

  /** Milli-value rounded up (Quantity.MilliValue()). */
  milli(): number {
    const q = this.nanos / 1_000_000n;
    return Number(this.nanos % 1_000_000n > 0n ? q + 1n : q);
  }

  cmp(o: Quantity): number {
    return this.nanos < o.nanos ? -1 : this.nanos > o.nanos ? 1 : 0;
  }

  add(o: Quantity): Quantity {
    return new Quantity(this.nanos + o.nanos, this.format);
  }

  sub(o: Quantity): Quantity {
    return new Quantity(this.nanos - o.nanos, this.format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** Canonical form (CanonicalizeBytes): the largest suffix of the quantity's format that keeps an integer mantissa. */
  toString(): string {
    const neg = this.nanos < 0n;
    let n = neg ? -this.nanos : this.nanos;
    const sign = neg ? '-' : '';
    if (n === 0n) return '0';
    if (this.format === 'BinarySI' && n % NANO === 0n) {
      let v = n / NANO;
      let exp = 0;
      while (v % 1024n === 0n && exp < 60) {
        v /= 1024n;
        exp += 10;
      }
      if (exp > 0) return `${sign}${v}${Object.keys(BIN).find((k) => BIN[k] === exp)}`;
      return `${sign}${v}`;
    }
    // decimal: scale to the largest power of 1000 (or milli/micro/nano) that keeps an integer
    let exp = -9;
    while (n % 1000n === 0n && exp < 18) {
      n /= 1000n;
      exp += 3;
    }
    if (this.format === 'DecimalExponent') return `${sign}${n}${exp === 0 ? '' : `e${exp}`}`;
    const suffix = Object.keys(DEC).find((k) => DEC[k] === exp) ?? '';
    return `${sign}${n}${suffix}`;
  }
}

/** Parse a quantity string; throws Error(QUANTITY_ERROR) when it is not one. */
export function parseQuantity(input: string | number): Quantity {
  const s = String(input).trim();
  const m = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/.exec(s);
  if (!m) throw new Error(QUANTITY_ERROR);
  const [, signStr, num, suffix = '', expStr] = m;
  const [intPart, fracPart = ''] = num.split('.');
  let mantissa = BigInt((intPart || '0') + fracPart);
  let decExp = -fracPart.length;
  let format: Format;
  let nanos: bigint;
  if (suffix in BIN) {
    format = 'BinarySI';
    nanos = mantissa * (1n << BigInt(BIN[suffix])) * NANO;
    nanos = scaleDec(nanos, decExp);
  } else {
    const e = expStr !== undefined ? Number(expStr) : DEC[suffix];
    format = expStr !== undefined ? 'DecimalExponent' : 'DecimalSI';
    decExp += e;
    nanos = scaleDec(mantissa * NANO, decExp);
  }
  if (signStr === '-') nanos = -nanos;
  return new Quantity(nanos, format);
}

function scaleDec(v: bigint, exp: number): bigint {
  if (exp >= 0) return v * 10n ** BigInt(exp);
  const d = 10n ** BigInt(-exp);
  const q = v / d;
  return v % d > 0n ? q + 1n : q; // round up like Quantity's rounding to nano scale
}

export function isQuantity(s: string): boolean {
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
}

/** Canonical form of a quantity string (`1024Mi` → `1Gi`). */
export function formatQuantity(s: string): string {
  return parseQuantity(s).toString();
}

export function sumQuantities(qs: (string | undefined)[], format: Format = 'DecimalSI'): Quantity {
  let n = 0n;
  let f: Format | undefined;
  for (const q of qs) {
    if (!q) continue;
    const p = parseQuantity(q);
    f ??= p.format;
    n += p.nanos;
  }
  return new Quantity(n, f ?? format);
}
