/**
 * Go's time.ParseDuration (golang/go src/time/format.go), as pflag's DurationVar runs it on a flag's value:
 * `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with the units ns, us, µs, μs, ms, s, m, h, composite values (`1h30m`),
 * fractions (`1.5h`), and the bare `0`. Nanoseconds are counted in a bigint so the uint64 overflow checks are Go's.
 * Errors carry Go's texts, the values quoted by format.go's quote (`"`/`\` escaped, other bytes outside
 * printable ASCII as `\xNN` of their UTF-8 encoding).
 */
import { utf8Encode } from '../api/base64';

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5 micro sign
  'μs': 1000n, // U+03BC Greek mu
  ms: 1000_000n,
  s: 1000_000_000n,
  m: 60_000_000_000n,
  h: 3600_000_000_000n,
};

const MAX = 1n << 63n;

/** time.quote */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of Array.from(utf8Encode(ch))) out += '\\x' + b.toString(16).padStart(2, '0');
    } else out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
  }
  return out + '"';
}

/** time.ParseDuration: the duration in nanoseconds, or Go's error text. */
export function parseGoDuration(orig: string): { ns: bigint } | { error: string } {
  const invalid = { error: `time: invalid duration ${goQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0n };
  if (s === '') return invalid;
  let d = 0n;
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || digit(s[0]))) return invalid;
    // leadingInt: [0-9]*, an error on uint64 overflow
    let i = 0;
    let v = 0n;
    for (; i < s.length && digit(s[i]); i++) {
      if (v > MAX / 10n) return invalid;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX) return invalid;
    }
    const pre = i > 0;
    s = s.slice(i);
    // leadingFraction: (\.[0-9]*)?, precision simply stops accumulating on overflow
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && digit(s[j]); j++) {
        if (overflow) continue;
        if (f > (MAX - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > MAX) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid;
    // the unit: everything up to the next '.' or digit
    let u = 0;
    while (u < s.length && !(s[u] === '.' || digit(s[u]))) u++;
    if (u === 0) return { error: `time: missing unit in duration ${goQuote(orig)}` };
    const unitText = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS[unitText];
    if (unit === undefined) return { error: `time: unknown unit ${goQuote(unitText)} in duration ${goQuote(orig)}` };
    if (v > MAX / unit) return invalid;
    v *= unit;
    if (f > 0n) {
      // float64 arithmetic, as Go does it: uint64(float64(f) * (float64(unit) / scale))
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX) return invalid;
    }
    d += v;
    if (d > MAX) return invalid;
  }
  if (neg) return { ns: -d };
  if (d > MAX - 1n) return invalid;
  return { ns: d };
}
