/**
 * In-memory filesystems for nodes and containers, with mounts: a container's
 * root is its image's files; volumes (emptyDir, hostPath, configMap, secret,
 * PVC) are other MemFS instances mounted on paths, shared when the volume is
 * shared (two containers of a pod, or two pods on one node's hostPath).
 * Errors are errno names (ENOENT, EISDIR, ENOTDIR, EROFS, EEXIST, ENOTEMPTY, EINVAL, ELOOP).
 *
 * Symlinks are resolved like the kernel's path walk: component by component in the
 * namespace of the filesystem the call is made on (a container's root, so a relative
 * link inside a mounted volume resolves against the mount point), at most 40 links
 * per lookup (MAXSYMLINKS, include/linux/namei.h) before ELOOP. read/write/stat/list
 * follow a final symlink; lstat/readlink/remove/symlink/mkdir do not.
 *
 * File content may be a function computed on first read (a lazily encoded
 * service-account token: thousands of pods mount one and few ever read it).
 */
import { hashString } from '../runtime/random';
import type { FileStat, FileSystem } from './service';

/** Text of a file, or a function that computes it on first read (the result is kept). */
export type Content = string | (() => string);

/** What the kubelet projects into a configMap/secret/downwardAPI/projected volume: atomic_writer.go FileProjection. */
export interface FileProjection {
  data: Content;
  /** permission bits (defaultMode or the item's mode) */
  mode: number;
}

export interface MemFSOptions {
  /** permission bits of '/' (an emptyDir's root is 0777 after setupDir; a tmpfs root 01777) */
  rootMode?: number;
  /** tmpfs accounting: a directory is 40 bytes + 20 per entry and takes no blocks (mm/shmem.c BOGO_DIRENT_SIZE) */
  tmpfs?: boolean;
  /** (AtomicVolume) the layout is computed from the files: no directory set of its own, only '/' (shared, never written) */
  computedLayout?: boolean;
}

/** Entry kinds. */
const NONE = 0;
const FILE = 1;
const DIR = 2;
const LINK = 3;
type Kind = 0 | 1 | 2 | 3;

interface Meta {
  mode: number;
  size: number;
  nlink: number;
  blocks: number;
  mtime?: number;
}

interface Routed {
  fs: MemFS;
  path: string;
  readOnly: boolean;
}
interface Resolved extends Routed {
  /** the resolved absolute path in this filesystem's namespace */
  full: string;
}
interface Mount {
  path: string;
  fs: MemFS;
  readOnly: boolean;
}

/** Linux MAXSYMLINKS (include/linux/namei.h): links followed in one lookup before ELOOP. */
const MAX_SYMLINKS = 40;
const NO_MOUNTS: Mount[] = [];
const NO_OPTIONS: MemFSOptions = {};

export class MemFS implements FileSystem {
  protected files = new Map<string, Content>();
  protected dirs: Set<string>;
  private links?: Map<string, string>;
  /** permission bits set by chmod(2) (files 0644 and directories 0755 otherwise) */
  private chmods?: Map<string, number>;
  private mounts = NO_MOUNTS;
  protected readonly opts: MemFSOptions;

  constructor(files: Record<string, Content> = {}, dirs: string[] = [], opts: MemFSOptions = NO_OPTIONS) {
    this.opts = opts;
    this.dirs = opts.computedLayout ? ROOT_ONLY : new Set<string>(['/']);
    for (const d of dirs) this.mkdirP(d);
    for (const p in files) {
      this.mkdirP(parent(p));
      this.files.set(p, files[p]);
    }
  }

  /** Mount another filesystem at `path` (the directory is created). Later mounts shadow earlier ones. */
  mount(path: string, fs: MemFS, opts: { readOnly?: boolean } = {}): void {
    this.mkdirP(path);
    this.mounts = this.mounts.filter((m) => m.path !== path);
    this.mounts.push({ path, fs, readOnly: !!opts.readOnly });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  /** Replace every file and directory (a volume refreshed wholesale; configMap-like volumes use AtomicVolume.project). */
  replaceAll(files: Record<string, Content>): void {
    this.files.clear();
    this.dirs = new Set(['/']);
    this.links = undefined;
    this.chmods = undefined;
    for (const p in files) {
      this.mkdirP(parent(p));
      this.files.set(p, files[p]);
    }
  }

  /** Every file's text (lazy content computed). */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of this.files.keys()) out[p] = this.contentOf(p)!;
    return out;
  }

  // ------------------------------------------------------------ primitives
  // What one filesystem holds at a path of its own (no mounts, no links followed).
  // AtomicVolume overrides them with the atomic writer's layout.

  protected kindOf(p: string): Kind {
    if (this.files.has(p)) return FILE;
    if (this.dirs.has(p)) return DIR;
    if (this.links?.has(p)) return LINK;
    return NONE;
  }

  protected contentOf(p: string): string | undefined {
    const c = this.files.get(p);
    if (typeof c !== 'function') return c;
    const s = c();
    this.files.set(p, s);
    return s;
  }

  protected linkOf(p: string): string | undefined {
    return this.links?.get(p);
  }

  /** Children of a directory: [name, kind]. */
  protected childrenOf(p: string): [string, Kind][] {
    const pre = p === '/' ? '/' : p + '/';
    const out = new Map<string, Kind>();
    for (const d of this.dirs) if (d.length > pre.length && d.startsWith(pre) && d.indexOf('/', pre.length) === -1) out.set(d.slice(pre.length), DIR);
    for (const f of this.files.keys()) if (f.startsWith(pre) && f.indexOf('/', pre.length) === -1) out.set(f.slice(pre.length), FILE);
    if (this.links) for (const l of this.links.keys()) if (l.startsWith(pre) && l.indexOf('/', pre.length) === -1) out.set(l.slice(pre.length), LINK);
    return [...out];
  }

  protected metaOf(p: string, k: Kind): Meta {
    if (k === FILE) return fileMeta(this.chmods?.get(p) ?? 0o644, utf8Length(this.contentOf(p) ?? ''));
    if (k === LINK) return linkMeta(this.linkOf(p) ?? '', !!this.opts.tmpfs);
    const children = this.childrenOf(p);
    let sub = 0;
    for (const c of children) if (c[1] === DIR) sub++;
    return dirMeta(this.chmods?.get(p) ?? (p === '/' ? this.opts.rootMode ?? 0o755 : 0o755), children.length, sub, !!this.opts.tmpfs);
  }

  /** Whether this filesystem itself (mounts aside) holds a symlink. */
  protected hasLinks(): boolean {
    return !!this.links?.size;
  }

  /** Whether a path walk through this filesystem may meet a symlink. */
  private linked(): boolean {
    if (this.hasLinks()) return true;
    for (const m of this.mounts) if (m.fs.linked()) return true;
    return false;
  }

  protected putFile(p: string, data: string, append: boolean): { error?: string } {
    if (this.dirs.has(p)) return { error: 'EISDIR' };
    const dir = parent(p);
    if (!this.dirs.has(dir)) return { error: this.files.has(dir) ? 'ENOTDIR' : 'ENOENT' };
    this.files.set(p, append && this.files.has(p) ? this.contentOf(p) + data : data);
    return {};
  }

  protected putDir(p: string, parents: boolean): { error?: string } {
    const dir = parent(p);
    if (!parents && !this.dirs.has(dir)) return { error: this.files.has(dir) ? 'ENOTDIR' : 'ENOENT' };
    this.mkdirP(p);
    return {};
  }

  protected putLink(p: string, target: string): { error?: string } {
    const dir = parent(p);
    if (!this.dirs.has(dir)) return { error: this.files.has(dir) ? 'ENOTDIR' : 'ENOENT' };
    (this.links ??= new Map()).set(p, target);
    return {};
  }

  protected putMode(p: string, mode: number): { error?: string } {
    (this.chmods ??= new Map()).set(p, mode);
    return {};
  }

  protected removePath(p: string, recursive: boolean): { error?: string } {
    if (this.chmods) for (const x of [...this.chmods.keys()]) if (x === p || x.startsWith(p + '/')) this.chmods.delete(x);
    if (this.files.delete(p)) return {};
    if (this.links?.delete(p)) return {};
    if (!this.dirs.has(p)) return { error: 'ENOENT' };
    const pre = p + '/';
    let has = false;
    for (const x of this.files.keys()) if (x.startsWith(pre)) has = true;
    for (const x of this.dirs) if (x.startsWith(pre)) has = true;
    if (this.links) for (const x of this.links.keys()) if (x.startsWith(pre)) has = true;
    if (has && !recursive) return { error: 'ENOTEMPTY' };
    for (const f of [...this.files.keys()]) if (f.startsWith(pre)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d.startsWith(pre)) this.dirs.delete(d);
    if (this.links) for (const l of [...this.links.keys()]) if (l.startsWith(pre)) this.links.delete(l);
    if (p !== '/') this.dirs.delete(p);
    return {};
  }

  // ------------------------------------------------------------ path walk

  private route(p: string): Routed {
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(m.path + '/')) {
        const inner = m.fs.route('/' + p.slice(m.path.length).replace(/^\/+/, ''));
        return { fs: inner.fs, path: inner.path, readOnly: m.readOnly || inner.readOnly };
      }
    }
    return { fs: this, path: p, readOnly: false };
  }

  /**
   * The filesystem and inner path `path` names, with symlinks followed (the last component only
   * when `followLast`). A walk stops at the first component that is missing or not a directory:
   * the operation then reports ENOENT/ENOTDIR (or, for mkdir -p / write, creates it).
   */
  private resolve(path: string, followLast: boolean): Resolved | { error: string } {
    let p = norm(path);
    if (!this.mayMeetLink(p)) return { ...this.route(p), full: p };
    let hops = 0;
    let from = 1;
    while (p.length > 1) {
      let e = p.indexOf('/', from);
      const last = e === -1;
      if (last) e = p.length;
      if (last && !followLast) break;
      const prefix = last ? p : p.slice(0, e);
      const r = this.route(prefix);
      const k = r.fs.kindOf(r.path);
      if (k === LINK) {
        if (++hops > MAX_SYMLINKS) return { error: 'ELOOP' };
        const t = r.fs.linkOf(r.path)!;
        p = norm((t.charCodeAt(0) === 47 ? t : parent(prefix) + '/' + t) + p.slice(e));
        from = 1;
        continue;
      }
      if (last) return { ...r, full: p };
      if (k !== DIR) break;
      from = e + 1;
    }
    return { ...this.route(p), full: p };
  }

  /** Only paths in this filesystem's own links or in a mounted filesystem with links need a component walk. */
  private mayMeetLink(p: string): boolean {
    if (this.hasLinks()) return true;
    for (const m of this.mounts) if ((p === m.path || p.startsWith(m.path + '/')) && m.fs.linked()) return true;
    return false;
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

  private statOf(r: Resolved): FileStat | { error: string } {
    const k = r.fs.kindOf(r.path);
    if (k === NONE) return { error: 'ENOENT' };
    const m = r.fs.metaOf(r.path, k);
    const st: FileStat = { dir: k === DIR, size: m.size, type: k === DIR ? 'dir' : k === LINK ? 'link' : 'file', mode: m.mode, nlink: m.nlink, blocks: m.blocks };
    if (m.mtime !== undefined) st.mtime = m.mtime;
    if (k === LINK) st.target = r.fs.linkOf(r.path);
    return st;
  }

  // ------------------------------------------------------------ FileSystem

  read(p: string) {
    const r = this.resolve(p, true);
    if ('error' in r) return r;
    const k = r.fs.kindOf(r.path);
    if (k === DIR) return { error: 'EISDIR' };
    const d = k === FILE ? r.fs.contentOf(r.path) : undefined;
    return d === undefined ? { error: 'ENOENT' } : { data: d };
  }

  write(p: string, data: string, opts?: { append?: boolean }) {
    const r = this.resolve(p, true);
    if ('error' in r) return r;
    if (r.readOnly) return { error: 'EROFS' };
    return r.fs.putFile(r.path, data, !!opts?.append);
  }

  list(p: string) {
    const r = this.resolve(p, true);
    if ('error' in r) return r;
    const k = r.fs.kindOf(r.path);
    if (k === FILE) return { entries: [{ name: base(r.full), dir: false, size: r.fs.metaOf(r.path, k).size }] };
    if (k !== DIR) return { error: 'ENOENT' };
    const out = new Map<string, { name: string; dir: boolean; size: number; link?: boolean }>();
    const pre = r.path === '/' ? '/' : r.path + '/';
    for (const [name, kk] of r.fs.childrenOf(r.path)) {
      const size = kk === DIR ? r.fs.dirSize(pre + name) : r.fs.metaOf(pre + name, kk).size;
      out.set(name, kk === LINK ? { name, dir: false, size, link: true } : { name, dir: kk === DIR, size });
    }
    // mount points directly below this directory: the mounted filesystem's root
    const mpre = r.full === '/' ? '/' : r.full + '/';
    for (const m of this.mounts) {
      if (!m.path.startsWith(mpre) || m.path.indexOf('/', mpre.length) !== -1) continue;
      const name = m.path.slice(mpre.length);
      out.set(name, { name, dir: true, size: m.fs.route('/').fs.dirSize('/') });
    }
    return { entries: [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  }

  /** Size a directory reports (4096 on disk; 40 + 20 per entry on tmpfs). */
  protected dirSize(p: string): number {
    return this.opts.tmpfs ? this.metaOf(p, DIR).size : 4096;
  }

  stat(p: string) {
    const r = this.resolve(p, true);
    return 'error' in r ? r : this.statOf(r);
  }

  lstat(p: string) {
    const r = this.resolve(p, false);
    return 'error' in r ? r : this.statOf(r);
  }

  readlink(p: string) {
    const r = this.resolve(p, false);
    if ('error' in r) return r;
    const k = r.fs.kindOf(r.path);
    if (k === NONE) return { error: 'ENOENT' };
    return k === LINK ? { target: r.fs.linkOf(r.path)! } : { error: 'EINVAL' };
  }

  realpath(p: string) {
    const r = this.resolve(p, true);
    if ('error' in r) return r;
    return r.fs.kindOf(r.path) === NONE ? { error: 'ENOENT' } : { path: r.full };
  }

  symlink(target: string, p: string) {
    const r = this.resolve(p, false);
    if ('error' in r) return r;
    if (r.fs.kindOf(r.path) !== NONE) return { error: 'EEXIST' };
    if (r.readOnly) return { error: 'EROFS' };
    return r.fs.putLink(r.path, target);
  }

  mkdir(p: string, opts?: { parents?: boolean }) {
    const r = this.resolve(p, false);
    if ('error' in r) return r;
    const k = r.fs.kindOf(r.path);
    if (k !== NONE) {
      // mkdir -p accepts an existing directory, or a symlink to one
      const st = opts?.parents && k !== FILE ? this.stat(p) : undefined;
      return st && !('error' in st) && st.dir ? {} : { error: 'EEXIST' };
    }
    if (r.readOnly) return { error: 'EROFS' };
    return r.fs.putDir(r.path, !!opts?.parents);
  }

  remove(p: string, opts?: { recursive?: boolean }) {
    const r = this.resolve(p, false);
    if ('error' in r) return r;
    if (r.readOnly) return { error: 'EROFS' };
    return r.fs.removePath(r.path, !!opts?.recursive);
  }

  /** chmod(2): set the permission bits (07777) of a file or directory; a final symlink is followed. */
  chmod(p: string, mode: number) {
    const r = this.resolve(p, true);
    if ('error' in r) return r;
    if (r.fs.kindOf(r.path) === NONE) return { error: 'ENOENT' };
    if (r.readOnly) return { error: 'EROFS' };
    return r.fs.putMode(r.path, mode & 0o7777);
  }
}

/**
 * A configMap, secret, downwardAPI or projected volume as the kubelet's atomic writer lays it out
 * (K/K pkg/volume/util/atomic_writer.go, v1.35, AtomicWriter.Write):
 *
 *   <volume>/..2025_01_02_15_04_05.1234567890/   the payload (newTimestampDir: os.MkdirTemp(targetDir,
 *                                                 time.Now().UTC().Format("..2006_01_02_15_04_05.")), chmod 0755)
 *   <volume>/..data -> ..2025_01_02_15_04_05.1234567890
 *   <volume>/<key>  -> ..data/<key>               one per top-level name (createUserVisibleFiles)
 *
 * An update writes a new timestamped directory, swaps `..data` (rename of `..data_tmp`), removes the old
 * directory and the links of names that went away; links of names that stay are not re-created (their time
 * stays). A payload equal to what is there writes nothing (shouldWritePayload compares the data only).
 * The volume root is the wrapped emptyDir's: 0777 on disk (configMap, emptyDir setupDir perm), a tmpfs
 * (secret, downwardAPI, projected: Medium Memory) shows 01777. MkdirTemp's random suffix is the decimal of a
 * uint32 (os/tempfile.go nextRandom); here a hash of pod UID, volume name and write count, so naming the
 * directory draws nothing from the simulator's random sequence. The layout is computed from the payload
 * rather than stored: thousands of pods each have one of these.
 */
export class AtomicVolume extends MemFS {
  private ts?: string;
  /** ms of the last write (timestamped directory, ..data, root) and of the first (user-visible links) */
  private written = 0;
  private created = 0;
  private writes = 0;
  private defaultMode = 0o644;
  private modes?: Map<string, number>;
  /** creation time of user-visible links added by a later write */
  private linkTimes?: Map<string, number>;

  constructor(
    private readonly uid: string,
    private readonly volume: string,
    tmpfs: boolean,
  ) {
    // the layout is computed, no directory is stored: one shared set (never written, see mount) instead of one per volume
    super(undefined, undefined, tmpfs ? TMPFS_VOLUME : DISK_VOLUME);
  }

  mount(): void {
    throw new Error('a configMap/secret/downwardAPI/projected volume has no mounts inside it');
  }

  /**
   * Project a payload (keys are '/'-prefixed relative paths), as AtomicWriter.Write at time `now`.
   * Returns whether anything was written (false when the data is what the volume already holds).
   */
  project(payload: Record<string, FileProjection>, now: number): boolean {
    const keys = Object.keys(payload);
    if (this.writes) {
      let same = keys.length === this.files.size;
      if (same) for (const k of keys) if (this.files.get(k) !== payload[k].data) { same = false; break; }
      if (same) return false;
    }
    const before = this.writes ? this.topNames() : undefined;
    this.files.clear();
    this.modes = undefined;
    this.defaultMode = keys.length ? payload[keys[0]].mode : 0o644;
    for (const k of keys) {
      const f = payload[k];
      this.files.set(k, f.data);
      if (f.mode !== this.defaultMode) (this.modes ??= new Map()).set(k, f.mode);
    }
    if (before) {
      const after = this.topNames();
      for (const n of after) if (!before.has(n)) (this.linkTimes ??= new Map()).set(n, now);
      if (this.linkTimes) for (const n of [...this.linkTimes.keys()]) if (!after.has(n)) this.linkTimes.delete(n);
    } else this.created = now;
    this.written = now;
    this.writes++;
    this.ts = undefined;
    return true;
  }

  /** Name of the current timestamped directory. */
  tsDir(): string {
    if (this.ts === undefined) {
      const d = new Date(this.written);
      const p2 = (n: number) => (n < 10 ? '0' : '') + n;
      this.ts = `..${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}.${hashString(`${this.uid}/${this.volume}/${this.writes}`)}`;
    }
    return this.ts;
  }

  private topNames(): Set<string> {
    const out = new Set<string>();
    for (const k of this.files.keys()) {
      const i = k.indexOf('/', 1);
      out.add(i === -1 ? k.slice(1) : k.slice(1, i));
    }
    return out;
  }

  /** Kind of a '/'-prefixed path of the payload: a file, a directory holding files, or nothing. */
  private payloadKind(rel: string): Kind {
    if (this.files.has(rel)) return FILE;
    const pre = rel + '/';
    for (const k of this.files.keys()) if (k.startsWith(pre)) return DIR;
    return NONE;
  }

  /** The payload path of an inner path under the timestamped directory ('/' for the directory itself), or undefined. */
  private inTs(p: string): string | undefined {
    if (!this.writes || p.charCodeAt(1) !== 46 || p.charCodeAt(2) !== 46) return undefined;
    const ts = this.tsDir();
    if (!p.startsWith(ts, 1)) return undefined;
    if (p.length === ts.length + 1) return '/';
    return p.charCodeAt(ts.length + 1) === 47 ? p.slice(ts.length + 1) : undefined;
  }

  protected kindOf(p: string): Kind {
    if (p === '/') return DIR;
    if (!this.writes) return NONE;
    if (p === '/..data') return LINK;
    const rel = this.inTs(p);
    if (rel !== undefined) return rel === '/' ? DIR : this.payloadKind(rel);
    if (p.indexOf('/', 1) === -1 && !p.startsWith('/..') && this.payloadKind(p) !== NONE) return LINK;
    return NONE;
  }

  protected contentOf(p: string): string | undefined {
    const rel = this.inTs(p);
    return rel === undefined || rel === '/' ? undefined : super.contentOf(rel);
  }

  protected linkOf(p: string): string | undefined {
    if (this.kindOf(p) !== LINK) return undefined;
    return p === '/..data' ? this.tsDir() : '..data' + p;
  }

  protected childrenOf(p: string): [string, Kind][] {
    if (!this.writes) return [];
    if (p === '/') {
      const out: [string, Kind][] = [[this.tsDir(), DIR], ['..data', LINK]];
      for (const n of this.topNames()) out.push([n, LINK]);
      return out;
    }
    const rel = this.inTs(p);
    if (rel === undefined) return [];
    const pre = rel === '/' ? '/' : rel + '/';
    const out = new Map<string, Kind>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(pre)) continue;
      const i = k.indexOf('/', pre.length);
      out.set(i === -1 ? k.slice(pre.length) : k.slice(pre.length, i), i === -1 ? FILE : DIR);
    }
    return [...out];
  }

  protected metaOf(p: string, k: Kind): Meta {
    const m = k === LINK && p !== '/..data' ? { ...super.metaOf(p, k), mtime: this.linkTimes?.get(p.slice(1)) ?? this.created } : { ...super.metaOf(p, k), mtime: this.written };
    if (k === FILE) {
      const rel = this.inTs(p)!;
      m.mode = this.modes?.get(rel) ?? this.defaultMode;
    }
    return m;
  }

  protected hasLinks(): boolean {
    return this.writes > 0;
  }

  // the volume is read-only to everyone but the kubelet (which writes through project(payload, now))
  protected putFile(): { error?: string } {
    return { error: 'EROFS' };
  }
  protected putDir(): { error?: string } {
    return { error: 'EROFS' };
  }
  protected putLink(): { error?: string } {
    return { error: 'EROFS' };
  }
  protected removePath(): { error?: string } {
    return { error: 'EROFS' };
  }
  protected putMode(): { error?: string } {
    return { error: 'EROFS' };
  }
}

const ROOT_ONLY = new Set(['/']);
const DISK_VOLUME: MemFSOptions = { rootMode: 0o777, computedLayout: true };
const TMPFS_VOLUME: MemFSOptions = { rootMode: 0o1777, tmpfs: true, computedLayout: true };

function fileMeta(mode: number, size: number): Meta {
  return { mode, size, nlink: 1, blocks: Math.ceil(size / 4096) * 8 };
}

/** A symlink's size is its target's length; a short target lives in the inode (ext4 < 60 bytes, tmpfs < 128: no blocks). */
function linkMeta(target: string, tmpfs: boolean): Meta {
  const size = utf8Length(target);
  return { mode: 0o777, size, nlink: 1, blocks: size < (tmpfs ? 128 : 60) ? 0 : 8 };
}

/** A directory: 4096 bytes (one block) on disk; on tmpfs 2 × BOGO_DIRENT_SIZE + one per entry, no blocks (mm/shmem.c). */
function dirMeta(mode: number, entries: number, subdirs: number, tmpfs: boolean): Meta {
  return { mode, size: tmpfs ? 40 + 20 * entries : 4096, nlink: 2 + subdirs, blocks: tmpfs ? 0 : 8 };
}

/** Bytes of the UTF-8 encoding of s. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 2 code units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

function norm(p: string): string {
  if (p.length > 1 && p.charCodeAt(0) === 47 && p.charCodeAt(p.length - 1) !== 47 && !p.includes('//') && !p.includes('/./') && !p.includes('/../') && !p.endsWith('/.') && !p.endsWith('/..')) return p;
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
