/**
 * kubectl cp (kubectl pkg/cmd/cp/cp.go, filespec.go): copies files and directories between the machine kubectl
 * runs on (the reader's shell on the control-plane node) and a container, by exec'ing tar in the container.
 *
 * - extractFileSpec: `[[namespace/]pod:]file/path`; the first `:` splits pod and path, a leading `:` or more than one
 *   `/` in the pod part is errFileSpecDoesntMatchFormat. newLocalPath / newRemotePath strip one trailing slash;
 *   remote paths turn `\` into `/` (Windows drive letters are stripped only when kubectl runs on Windows, never here).
 * - copyToPod: os.Stat of the local source ("%s doesn't exist in local filesystem"), then checkDestinationIsDir
 *   (`test -d DEST` in the container, its output and errors swallowed: a directory gets the source's base name
 *   appended), makeTar/recursiveTar (regular files and symlinks by name under the destination base name, an empty
 *   directory as its own header, non-empty directories only through their files), exec
 *   `tar -xmf - -C DIR` (`tar --no-same-permissions --no-same-owner -xmf -` with --no-preserve) with kubectl's stderr.
 * - copyFromPod: exec `tar cf - SRC` with the remote stderr written to kubectl's *stdout* (TarPipe.initReadFrom:
 *   ErrOut: t.o.Out), untarAll strips the prefix stripPathShortcuts(Clean(StripSlashes(SRC))) ("tar contents
 *   corrupted" when a member lacks it), MkdirAll 0755 + os.Create (mode 0644 after the umask: modes are not kept),
 *   symlinks skipped with a warning. The exec runs in a goroutine whose exit status nobody waits for: a tar that
 *   fails after writing an empty archive leaves kubectl exiting 0 (kubernetes/kubectl#980).
 * - execute → ExecOptions.Run (pkg/cmd/exec/exec.go): pod GET (NotFound), the completed-pod check, the container
 *   (-c or the default one with its "Defaulted container" note on the exec's ErrOut), then the runtime's exec: an
 *   image without tar fails with containerd's "executable file not found in $PATH"; a non-zero exit of tar is
 *   "command terminated with exit code N" (cmdutil.CheckErr of a CodeExitError, no "error: " prefix).
 *
 * Which tar runs: busybox images have busybox's applet (archival/tar.c, libarchive/data_extract_all.c,
 * unsafe_prefix.c), Debian-based ones GNU tar 1.35 (src/create.c, extract.c, misc.c, names.c). Every image of the
 * catalogue with a shell is one of the two; images without one (coredns, distroless) have no tar.
 */
import type { StoredObject } from '../api/types';
import type { ContainerView, FileSystem, KubeletService } from '../kubelet/service';
import { StatusError } from '../registry/errors';
import { ERRNO_TEXT, installedProgram, locationFS, resolvePath } from '../shell/interp';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';

// ------------------------------------------------------------------ paths (filespec.go)

function stripTrailingSlash(file: string): string {
  return file.length && file !== '/' && file.endsWith('/') ? file.slice(0, -1) : file;
}

/** Go path.Clean. */
function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s || (rooted ? '/' : '.');
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(i < 0 ? '' : p.slice(0, i + 1));
}

function baseOf(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

/** Go path.Join (empty elements ignored, result cleaned). */
function join(...elems: string[]): string {
  const s = elems.filter((e) => e !== '').join('/');
  return s === '' ? '' : clean(s);
}

const newRemotePath = (f: string) => stripTrailingSlash(f).replace(/\\/g, '/');

function stripPathShortcuts(p: string): string {
  let newPath = p;
  let trimmed = newPath.startsWith('../') ? newPath.slice(3) : newPath;
  while (trimmed !== newPath) {
    newPath = trimmed;
    trimmed = newPath.startsWith('../') ? newPath.slice(3) : newPath;
  }
  if (newPath === '.' || newPath === '..') newPath = '';
  return newPath.startsWith('/') ? newPath.slice(1) : newPath;
}

interface FileSpec {
  podName?: string;
  podNamespace?: string;
  file: string;
}

const FORMAT_ERROR = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new KubectlError(FORMAT_ERROR);
  if (i === -1) return { file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, i).split('/');
  const file = newRemotePath(arg.slice(i + 1));
  if (pieces.length === 1) return { podName: pieces[0], file };
  if (pieces.length === 2) return { podNamespace: pieces[0], podName: pieces[1], file };
  throw new KubectlError(FORMAT_ERROR);
}

/** Go's %q for the strings kubectl quotes (strconv.Quote; the ASCII cases JSON writes the same way). */
const goQuote = (s: string) => JSON.stringify(s);

// ------------------------------------------------------------------ the container side (ExecOptions.Run)

interface Target {
  pod: StoredObject;
  container: string;
  view: ContainerView;
  /** the container's working directory: spec.containers[].workingDir, else the image's WORKDIR */
  cwd: string;
  busybox: boolean;
}

/**
 * What `kubectl exec` does before the command runs: GET the pod, refuse a completed one, pick the container (the
 * "Defaulted container" note goes to `note`, the exec's ErrOut), reach it through the kubelet.
 */
function execTarget(k: KubectlContext, spec: FileSpec, note: ((t: string) => void) | undefined): Target {
  const ns = spec.podNamespace || k.namespace;
  const pod = k.sim.api.get('Pod', ns, spec.podName!, { user: k.user });
  const phase = (pod.status as Record<string, any> | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const podSpec = pod.spec as Record<string, any>;
  const main = (podSpec?.containers ?? []) as Record<string, any>[];
  const init = (podSpec?.initContainers ?? []) as Record<string, any>[];
  const eph = (podSpec?.ephemeralContainers ?? []) as Record<string, any>[];
  const all = [...main, ...init, ...eph];
  let container = k.flags.str('container');
  if (!container) {
    const ann = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (ann && all.some((c) => c.name === ann)) container = ann;
    else {
      container = all[0]?.name as string;
      if (all.length > 1 && note) {
        const display = [...main.map((c) => c.name), ...init.map((c) => `${c.name} (init)`), ...eph.map((c) => `${c.name} (ephem)`)];
        note(`Defaulted container "${container}" out of: ${display.join(', ')}\n`);
      }
    }
  }
  const c = all.find((x) => x.name === container);
  if (!c) {
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `container ${container} is not valid for pod ${pod.metadata.name}`, reason: 'BadRequest', code: 400 });
  }
  const kubelet = k.sim.services.kubelet as KubeletService | undefined;
  if (!kubelet) throw new KubectlError('no kubelet is running in this cluster');
  const view = kubelet.container(pod.metadata.namespace!, pod.metadata.name, container);
  if ('error' in view) throw new KubectlError(view.error.replace(/^error: /, ''));
  const cwd = view.workingDir;
  return { pod, container, view, cwd, busybox: view.binaries.has('busybox') };
}

/** Whether the image ships tar: busybox's applet or Debian's GNU tar come with every image that has a shell. */
function hasTar(view: ContainerView): boolean {
  return view.binaries.has('tar') || view.binaries.has('sh') || installedProgram(view.fs, 'tar');
}

/** containerd's answer to an exec of a binary the image lacks (as `kubectl exec` prints it). */
function tarNotFound(k: KubectlContext): KubectlError {
  const id = k.sim.rand.hex(64);
  return new KubectlError(
    `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown`,
  );
}

const errno = (e: string) => ERRNO_TEXT[e] ?? e;

// ------------------------------------------------------------------ archives

interface Member {
  name: string;
  type: 'file' | 'dir' | 'link';
  data?: string;
  target?: string;
}

function lstatOf(fs: FileSystem, p: string) {
  return fs.lstat ? fs.lstat(p) : fs.stat(p);
}

function sortedEntries(fs: FileSystem, p: string): string[] {
  const l = fs.list(p);
  if ('error' in l) return [];
  return l.entries.map((e) => e.name).sort();
}

/** recursiveTar: the local tree under `abs`, named `name` (the destination base name) in the archive. */
function recursiveTar(fs: FileSystem, abs: string, name: string, out: Member[]): void {
  const st = lstatOf(fs, abs);
  if ('error' in st) return;
  if (st.type === 'link') {
    const t = fs.readlink?.(abs);
    out.push({ name, type: 'link', target: t && !('error' in t) ? t.target : st.target ?? '' });
    return;
  }
  if (st.dir) {
    const files = sortedEntries(fs, abs);
    if (!files.length) out.push({ name, type: 'dir' });
    for (const f of files) recursiveTar(fs, join(abs, f), join(name, f), out);
    return;
  }
  const r = fs.read(abs);
  out.push({ name, type: 'file', data: 'error' in r ? '' : r.data });
}

/**
 * `tar cf - SRC` in the container: the members it writes and what it prints on stderr.
 * GNU tar: safer_name_suffix strips the leading `/` and anything up to a `..` component with "Removing leading `%s'
 * from member names" (once), a missing file is "%s: Cannot stat: %s", any error ends with "Exiting with failure
 * status due to previous errors" (exit 2); directories are written as "name/" before their contents.
 * busybox: recursive_action's lstat failure is bb_simple_perror_msg(name), strip_unsafe_prefix's warning is
 * "removing leading '%.*s' from member names", errors end with "error exit delayed from previous errors" (exit 1).
 */
function tarCreate(t: Target, src: string): { members: Member[]; stderr: string; code: number } {
  const fs = t.view.fs;
  const prog = 'tar: ';
  let stderr = '';
  // the prefix tar removes: leading slashes and everything up to the last ".." component
  let cut = 0;
  const parts = src.split('/');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '..') cut = pos + 2 + (i < parts.length - 1 ? 1 : 0);
    pos += parts[i].length + 1;
  }
  while (src[cut] === '/') cut++;
  const prefix = src.slice(0, cut);
  const memberBase = src.slice(cut);
  const abs = resolvePath(t.cwd, src);
  const st = lstatOf(fs, abs);
  if ('error' in st) {
    if (t.busybox) return { members: [], stderr: `${prog}${src}: ${errno(st.error)}\n${prog}error exit delayed from previous errors\n`, code: 1 };
    if (prefix) stderr += `${prog}Removing leading \`${prefix}' from member names\n`;
    return { members: [], stderr: stderr + `${prog}${src}: Cannot stat: ${errno(st.error)}\n${prog}Exiting with failure status due to previous errors\n`, code: 2 };
  }
  if (prefix) stderr += t.busybox ? `${prog}removing leading '${prefix}' from member names\n` : `${prog}Removing leading \`${prefix}' from member names\n`;
  const members: Member[] = [];
  const walk = (p: string, name: string) => {
    const s = lstatOf(fs, p);
    if ('error' in s) return;
    if (s.type === 'link') {
      const r = fs.readlink?.(p);
      members.push({ name, type: 'link', target: r && !('error' in r) ? r.target : s.target ?? '' });
    } else if (s.dir) {
      members.push({ name: name.endsWith('/') ? name : name + '/', type: 'dir' });
      for (const f of sortedEntries(fs, p)) walk(join(p, f), (name.endsWith('/') ? name : name + '/') + f);
    } else {
      const r = fs.read(p);
      members.push({ name, type: 'file', data: 'error' in r ? '' : r.data });
    }
  };
  walk(abs, memberBase);
  return { members, stderr, code: 0 };
}

/**
 * `tar -xmf - -C DIR` in the container, as root. GNU tar (extract.c, misc.c): chdir failure is fatal ("%s: Cannot
 * open: %s" + "Error is not recoverable: exiting now", exit 2); a member that cannot be written is "%s: Cannot
 * open: %s" (or "Cannot mkdir" / "Cannot create symlink to %s") and extraction goes on, ending with "Exiting with
 * failure status due to previous errors" (exit 2); missing leading directories are created. busybox
 * (data_extract_all.c with ARCHIVE_CREATE_LEADING_DIRS | ARCHIVE_UNLINK_OLD): xchdir dies with "can't change
 * directory to '%s'", the old file is unlinked first ("can't remove old file %s" on a read-only filesystem), then
 * xopen3 ("can't open '%s'"); the first error ends tar (exit 1).
 */
function tarExtract(t: Target, dir: string, members: Member[]): { stderr: string; code: number } {
  const fs = t.view.fs;
  const base = resolvePath(t.cwd, dir);
  const st = fs.stat(base);
  const chdirErr = 'error' in st ? st.error : st.dir ? undefined : 'ENOTDIR';
  if (chdirErr) {
    if (t.busybox) return { stderr: `tar: can't change directory to '${dir}': ${errno(chdirErr)}\n`, code: 1 };
    return { stderr: `tar: ${dir}: Cannot open: ${errno(chdirErr)}\ntar: Error is not recoverable: exiting now\n`, code: 2 };
  }
  let stderr = '';
  let failed = false;
  for (const m of members) {
    const name = m.name;
    const p = resolvePath(base, name);
    const parent = dirOf(p);
    const pst = fs.stat(parent);
    if ('error' in pst || !pst.dir) {
      const r = fs.mkdir(parent, { parents: true });
      if (r.error && t.busybox) stderr += `tar: can't create directory '${dirOf(name)}': ${errno(r.error)}\n`;
    }
    if (m.type === 'dir') {
      const r = fs.mkdir(p);
      if (r.error && r.error !== 'EEXIST') {
        if (t.busybox) stderr += `tar: can't make dir ${name}: ${errno(r.error)}\n`;
        else {
          stderr += `tar: ${name}: Cannot mkdir: ${errno(r.error)}\n`;
          failed = true;
        }
      }
      continue;
    }
    const old = lstatOf(fs, p);
    if (!('error' in old) && !old.dir) fs.remove(p);
    const r = m.type === 'link' ? (fs.symlink ? fs.symlink(m.target ?? '', p) : { error: 'EROFS' }) : fs.write(p, m.data ?? '');
    if (!r.error) continue;
    if (t.busybox) {
      const unlinkFails = r.error === 'EROFS' || r.error === 'EISDIR';
      stderr += unlinkFails ? `tar: can't remove old file ${name}: ${errno(r.error)}\n` : `tar: can't open '${name}': ${errno(r.error)}\n`;
      return { stderr, code: 1 };
    }
    stderr += m.type === 'link' ? `tar: ${name}: Cannot create symlink to '${m.target ?? ''}': ${errno(r.error)}\n` : `tar: ${name}: Cannot open: ${errno(r.error)}\n`;
    failed = true;
  }
  if (failed) return { stderr: stderr + 'tar: Exiting with failure status due to previous errors\n', code: 2 };
  return { stderr, code: 0 };
}

// ------------------------------------------------------------------ the command

function copyToPod(k: KubectlContext, src: FileSpec, dest: FileSpec): number {
  const local = locationFS(k.sim, k.cmd.location);
  const cwd = k.cmd.env.get('PWD') ?? '/root';
  const srcAbs = resolvePath(cwd, src.file);
  if ('error' in local || 'error' in local.stat(srcAbs)) throw new KubectlError(`${src.file} doesn't exist in local filesystem`);
  let destFile = dest.file;
  // checkDestinationIsDir: `test -d DEST`, every failure (no pod, no test binary, not a directory) swallowed
  try {
    const t = execTarget(k, dest, undefined);
    if (t.view.binaries.has('test')) {
      const st = t.view.fs.stat(resolvePath(t.cwd, destFile));
      if (!('error' in st) && st.dir) destFile = join(destFile, baseOf(clean(src.file)));
    }
  } catch {
    /* the error is not a directory */
  }
  const t = execTarget(k, dest, (s) => k.err(s));
  if (!hasTar(t.view)) throw tarNotFound(k);
  // makeTar: the members are named from the destination's base name, extracted with -C its directory
  const members: Member[] = [];
  recursiveTar(local, clean(srcAbs), baseOf(clean(destFile)), members);
  const destDir = dirOf(destFile);
  const r = tarExtract(t, destDir, members);
  if (r.stderr) k.err(r.stderr);
  if (r.code !== 0) {
    k.err(`command terminated with exit code ${r.code}\n`);
    return r.code;
  }
  return 0;
}

function copyFromPod(k: KubectlContext, src: FileSpec, dest: FileSpec): number {
  // the exec's ErrOut is kubectl's stdout (TarPipe.initReadFrom)
  const t = execTarget(k, src, (s) => k.out(s));
  if (!hasTar(t.view)) throw tarNotFound(k);
  const created = tarCreate(t, src.file);
  if (created.stderr) k.out(created.stderr);
  const prefix = stripPathShortcuts(clean(src.file.replace(/^[/\\]+/, '')));
  const local = locationFS(k.sim, k.cmd.location);
  if ('error' in local) throw new KubectlError(local.error);
  const cwd = k.cmd.env.get('PWD') ?? '/root';
  const destLocal = dest.file;
  let symlinkWarned = false;
  for (const h of created.members) {
    if (!h.name.startsWith(prefix)) throw new KubectlError('tar contents corrupted');
    const rest = newRemotePath(h.name.slice(prefix.length));
    const destFileName = join(destLocal, rest);
    const rel = relPath(clean(destLocal), destFileName);
    if (rel === undefined || (rel !== '.' && rel !== stripPathShortcuts(rel))) {
      k.err(`warning: file ${goQuote(destFileName)} is outside target destination, skipping\n`);
      continue;
    }
    const mk = mkdirAll(local, cwd, dirOf(destFileName));
    if (mk) throw new KubectlError(mk);
    if (h.type === 'dir') {
      const e = mkdirAll(local, cwd, destFileName);
      if (e) throw new KubectlError(e);
      continue;
    }
    if (h.type === 'link') {
      if (!symlinkWarned) {
        k.err(
          `warning: skipping symlink: ${goQuote(destFileName)} -> ${goQuote(h.target ?? '')} (consider using "kubectl exec -n ${goQuote(t.pod.metadata.namespace!)} ${goQuote(t.pod.metadata.name)} -- tar cf - ${goQuote(src.file)} | tar xf -")\n`,
        );
        symlinkWarned = true;
        continue;
      }
      k.err(`warning: skipping symlink: ${goQuote(destFileName)} -> ${goQuote(h.target ?? '')}\n`);
      continue;
    }
    // os.Create: O_RDWR|O_CREATE|O_TRUNC, 0666 before the umask
    const abs = resolvePath(cwd, destFileName);
    const w = local.write(abs, h.data ?? '');
    if (w.error) throw new KubectlError(`open ${destFileName}: ${goErrno(w.error)}`);
  }
  return 0;
}

/** syscall.Errno.Error(): the lower-case strerror Go prints. */
function goErrno(e: string): string {
  const t = ERRNO_TEXT[e];
  return t ? t[0].toLowerCase() + t.slice(1) : e;
}

/** os.MkdirAll: nil when the directory exists; "mkdir PATH: not a directory" when a file is in the way. */
function mkdirAll(fs: FileSystem, cwd: string, p: string): string | undefined {
  const abs = resolvePath(cwd, p);
  const st = fs.stat(abs);
  if (!('error' in st)) return st.dir ? undefined : `mkdir ${p}: not a directory`;
  // the first existing ancestor that is not a directory is the one MkdirAll stops at
  let cur = abs;
  while (cur !== '/') {
    const parent = dirOf(cur);
    const ps = fs.stat(parent);
    if (!('error' in ps)) {
      if (!ps.dir) return `mkdir ${p}: not a directory`;
      break;
    }
    cur = parent;
  }
  const r = fs.mkdir(abs, { parents: true });
  return r.error ? `mkdir ${p}: ${goErrno(r.error)}` : undefined;
}

/** filepath.Rel for the clean paths kubectl compares (isRelative); undefined when there is no relative path. */
function relPath(base: string, target: string): string | undefined {
  const b = clean(base);
  const t = clean(target);
  if (b.startsWith('/') !== t.startsWith('/')) return undefined;
  if (b === t) return '.';
  const bs = b === '.' ? [] : b.split('/').filter(Boolean);
  const ts = t === '.' ? [] : t.split('/').filter(Boolean);
  let i = 0;
  while (i < bs.length && i < ts.length && bs[i] === ts[i]) i++;
  if (bs.slice(i).includes('..')) return undefined;
  return [...bs.slice(i).map(() => '..'), ...ts.slice(i)].join('/') || '.';
}

export const cpVerb: VerbSpec = {
  name: 'cp',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'no-preserve', type: 'bool' },
    { name: 'retries', type: 'int', default: 0 },
  ],
  run(k) {
    if (k.args.length !== 2) throw new KubectlError('source and destination are required');
    const src = extractFileSpec(k.args[0]);
    const dest = extractFileSpec(k.args[1]);
    if (src.podName && dest.podName) throw new KubectlError('one of src or dest must be a local file specification');
    if (!src.file.length || !dest.file.length) throw new KubectlError('filepath can not be empty');
    if (src.podName) return copyFromPod(k, src, dest);
    if (dest.podName) return copyToPod(k, src, dest);
    throw new KubectlError('one of src or dest must be a remote file specification');
  },
};
