/**
 * Base64 (RFC 4648 standard alphabet, padded) over UTF-8 text, with Go's
 * encoding/base64 error text: `illegal base64 data at input byte N`.
 * Pure TypeScript: the simulator has no Buffer/atob.
 */
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REV = new Map([...ALPHA].map((c, i) => [c, i]));

export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    // code points as for…of gives them: a surrogate pair combined, a lone surrogate as itself
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Decode UTF-8; undefined when the bytes are not valid UTF-8 (binary data). */
export function utf8Decode(bytes: number[]): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let c: number;
    let n: number;
    if (b < 0x80) (c = b), (n = 0);
    else if (b >> 5 === 6) (c = b & 31), (n = 1);
    else if (b >> 4 === 14) (c = b & 15), (n = 2);
    else if (b >> 3 === 30) (c = b & 7), (n = 3);
    else return undefined;
    if (i + n >= bytes.length + (n ? 0 : 1)) return undefined;
    for (let k = 1; k <= n; k++) {
      const x = bytes[i + k];
      if (x === undefined || x >> 6 !== 2) return undefined;
      c = (c << 6) | (x & 63);
    }
    out += String.fromCodePoint(c);
    i += n + 1;
  }
  return out;
}

const ALPHA_CODES = [...ALPHA].map((c) => c.charCodeAt(0));
const PAD = 61; // '='

export function bytesToBase64(bytes: number[]): string {
  const codes = new Array<number>(Math.ceil(bytes.length / 3) * 4);
  let j = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    codes[j++] = ALPHA_CODES[(n >> 18) & 63];
    codes[j++] = ALPHA_CODES[(n >> 12) & 63];
    codes[j++] = b === undefined ? PAD : ALPHA_CODES[(n >> 6) & 63];
    codes[j++] = c === undefined ? PAD : ALPHA_CODES[n & 63];
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode.apply(null, codes.length <= 4096 ? codes : codes.slice(i, i + 4096));
  return out;
}

export function encodeBase64(text: string): string {
  return bytesToBase64(utf8Encode(text));
}

/** Decode to bytes; `{ error }` carries Go's CorruptInputError text. Newlines are ignored as Go does. */
export function base64ToBytes(input: string): { bytes: number[] } | { error: string } {
  const chars: { c: string; at: number }[] = [];
  for (let i = 0; i < input.length; i++) if (input[i] !== '\n' && input[i] !== '\r') chars.push({ c: input[i], at: i });
  const out: number[] = [];
  for (let q = 0; q < chars.length; q += 4) {
    const quad = chars.slice(q, q + 4);
    const vals: number[] = [];
    let pad = 0;
    for (let j = 0; j < quad.length; j++) {
      const { c, at } = quad[j];
      if (c === '=') {
        if (j < 2 || (j === 2 && quad[3]?.c !== '=') || q + 4 < chars.length) return { error: `illegal base64 data at input byte ${at}` };
        pad++;
        continue;
      }
      if (pad) return { error: `illegal base64 data at input byte ${at}` };
      const v = REV.get(c);
      if (v === undefined) return { error: `illegal base64 data at input byte ${at}` };
      vals.push(v);
    }
    if (quad.length < 4) return { error: `illegal base64 data at input byte ${quad[0].at}` };
    const n = (vals[0] << 18) | (vals[1] << 12) | ((vals[2] ?? 0) << 6) | (vals[3] ?? 0);
    out.push((n >> 16) & 255);
    if (vals.length > 2) out.push((n >> 8) & 255);
    if (vals.length > 3) out.push(n & 255);
  }
  return { bytes: out };
}

/** Decode base64 to text (binary content is kept byte-for-byte as Latin-1). */
export function decodeBase64(input: string): { text: string } | { error: string } {
  const r = base64ToBytes(input);
  if ('error' in r) return r;
  return { text: utf8Decode(r.bytes) ?? String.fromCharCode(...r.bytes) };
}
