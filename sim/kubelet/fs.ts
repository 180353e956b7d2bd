/**
 * In-memory filesystems for nodes and containers, with mounts: a container's
 * root is its image's files; volumes (emptyDir, hostPath, configMap, secret,
 * PVC) are other MemFS instances mounted on paths, shared when the volume is
 * shared (two containers of a pod, or two pods on one node's hostPath).
 * Errors are errno names (ENOENT, EISDIR, ENOTDIR, EROFS, EEXIST, ENOTEMPTY).
 */
import type { FileSystem } from './service';

export class MemFS implements FileSystem {
  private files = new Map<string, string>();
  private dirs = new Set<string>(['/']);
  private mounts: { path: string; fs: MemFS; readOnly: boolean }[] = [];

  constructor(files: Record<string, string> = {}, dirs: string[] = []) {
    for (const d of dirs) this.mkdirP(d);
    for (const [p, c] of Object.entries(files)) {
      this.mkdirP(parent(p));
      this.files.set(p, c);
    }
  }

  /** Mount another filesystem at `path` (the directory is created). Later mounts shadow earlier ones. */
  mount(path: string, fs: MemFS, opts: { readOnly?: boolean } = {}): void {
    this.mkdirP(path);
    this.mounts = this.mounts.filter((m) => m.path !== path);
    this.mounts.push({ path, fs, readOnly: !!opts.readOnly });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  /** Replace every file of this filesystem (configMap/secret volume refresh). */
  replaceAll(files: Record<string, string>): void {
    this.files.clear();
    this.dirs = new Set(['/']);
    for (const [p, c] of Object.entries(files)) {
      this.mkdirP(parent(p));
      this.files.set(p, c);
    }
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries(this.files);
  }

  private route(p: string): { fs: MemFS; path: string; readOnly: boolean } {
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(m.path + '/')) {
        const inner = m.fs.route('/' + p.slice(m.path.length).replace(/^\/+/, ''));
        return { ...inner, readOnly: m.readOnly || inner.readOnly };
      }
    }
    return { fs: this, path: p, readOnly: false };
  }

  private mkdirP(p: string): void {
    if (p.length > 1 && p.charCodeAt(0) === 47 && p.charCodeAt(p.length - 1) !== 47 && !p.includes('//')) {
      // a clean absolute path: its prefixes are slices of it (same directories, same order)
      for (let i = p.indexOf('/', 1); i !== -1; i = p.indexOf('/', i + 1)) this.dirs.add(p.slice(0, i));
      this.dirs.add(p);
      return;
    }
    const parts = p.split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      cur += '/' + part;
      this.dirs.add(cur);
    }
  }

  read(p: string) {
    const r = this.route(norm(p));
    if (r.fs.dirs.has(r.path)) return { error: 'EISDIR' };
    const d = r.fs.files.get(r.path);
    return d === undefined ? { error: 'ENOENT' } : { data: d };
  }

  write(p: string, data: string, opts?: { append?: boolean }) {
    const r = this.route(norm(p));
    if (r.readOnly) return { error: 'EROFS' };
    if (r.fs.dirs.has(r.path)) return { error: 'EISDIR' };
    const dir = parent(r.path);
    if (!r.fs.dirs.has(dir)) return { error: r.fs.files.has(dir) ? 'ENOTDIR' : 'ENOENT' };
    r.fs.files.set(r.path, opts?.append ? (r.fs.files.get(r.path) ?? '') + data : data);
    return {};
  }

  list(p: string) {
    const path = norm(p);
    const r = this.route(path);
    if (r.fs.files.has(r.path)) return { entries: [{ name: base(path), dir: false, size: r.fs.files.get(r.path)!.length }] };
    if (!r.fs.dirs.has(r.path)) return { error: 'ENOENT' };
    const pre = r.path === '/' ? '/' : r.path + '/';
    const out = new Map<string, { name: string; dir: boolean; size: number }>();
    for (const d of r.fs.dirs) if (d.startsWith(pre) && d !== r.path && !d.slice(pre.length).includes('/')) out.set(d.slice(pre.length), { name: d.slice(pre.length), dir: true, size: 4096 });
    for (const [f, c] of r.fs.files) if (f.startsWith(pre) && !f.slice(pre.length).includes('/')) out.set(f.slice(pre.length), { name: f.slice(pre.length), dir: false, size: c.length });
    // mount points directly below this directory
    const mpre = path === '/' ? '/' : path + '/';
    for (const m of this.mounts) if (m.path.startsWith(mpre) && !m.path.slice(mpre.length).includes('/')) out.set(m.path.slice(mpre.length), { name: m.path.slice(mpre.length), dir: true, size: 4096 });
    return { entries: [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  }

  stat(p: string) {
    const r = this.route(norm(p));
    if (r.fs.dirs.has(r.path)) return { dir: true, size: 4096 };
    const f = r.fs.files.get(r.path);
    return f === undefined ? { error: 'ENOENT' } : { dir: false, size: f.length };
  }

  mkdir(p: string, opts?: { parents?: boolean }) {
    const r = this.route(norm(p));
    if (r.readOnly) return { error: 'EROFS' };
    if (r.fs.dirs.has(r.path)) return opts?.parents ? {} : { error: 'EEXIST' };
    if (r.fs.files.has(r.path)) return { error: 'EEXIST' };
    if (!r.fs.dirs.has(parent(r.path)) && !opts?.parents) return { error: 'ENOENT' };
    r.fs.mkdirP(r.path);
    return {};
  }

  remove(p: string, opts?: { recursive?: boolean }) {
    const r = this.route(norm(p));
    if (r.readOnly) return { error: 'EROFS' };
    if (r.fs.files.delete(r.path)) return {};
    if (!r.fs.dirs.has(r.path)) return { error: 'ENOENT' };
    const pre = r.path + '/';
    const has = [...r.fs.files.keys(), ...r.fs.dirs].some((x) => x.startsWith(pre));
    if (has && !opts?.recursive) return { error: 'ENOTEMPTY' };
    for (const f of [...r.fs.files.keys()]) if (f.startsWith(pre)) r.fs.files.delete(f);
    for (const d of [...r.fs.dirs]) if (d.startsWith(pre)) r.fs.dirs.delete(d);
    if (r.path !== '/') r.fs.dirs.delete(r.path);
    return {};
  }
}

function norm(p: string): string {
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return '/' + out.join('/');
}

function parent(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
