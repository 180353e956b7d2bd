/**
 * Persistence keys and share links for the reader's edits. Light on purpose:
 * the island imports it before the simulator is loaded.
 */

/** localStorage key of a reader's edit. */
export function storageKey(pathname: string, index: number): string {
  return `k8slab:edit:${pathname.replace(/\/+$/, '')}:${index}`;
}

function b64urlEncode(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(s: string): string | undefined {
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Largest edit a share link may carry (characters of code). */
export const MAX_SHARED_CODE = 16_000;

/** `#ex-3=<base64url>`: a link that opens the page with cell 3 edited. */
export function shareFragment(index: number, code: string): string {
  return `ex-${index}=${b64urlEncode(code.slice(0, MAX_SHARED_CODE))}`;
}

/** Edits carried by a location hash (bounded; undecodable parts ignored). */
export function parseShareFragment(hash: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const m = /^ex-(\d{1,4})=([A-Za-z0-9_-]{1,30000})$/.exec(part);
    if (!m) continue;
    const code = b64urlDecode(m[2]);
    if (code !== undefined) out.set(Number(m[1]), code.slice(0, MAX_SHARED_CODE));
  }
  return out;
}

/** Whether the reader has a stored (or shared) edit for a cell, without loading the simulator. */
export function hasStoredEdit(pathname: string, i: number, hash: string): boolean {
  try {
    if (localStorage.getItem(storageKey(pathname, i)) !== null) return true;
  } catch {
    /* storage disabled */
  }
  return parseShareFragment(hash).has(i);
}
