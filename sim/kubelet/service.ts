/**
 * What the kubelet offers other subsystems (published as `sim.services.kubelet`).
 * The shell uses it to run commands inside containers, kubectl for exec/logs,
 * the network for reaching the processes listening in a pod.
 */

/**
 * What stat(2)/lstat(2) report about a path. `dir` and `size` are always there; the rest is filled by
 * filesystems that model them (MemFS): `ls -l` falls back to 0644/0755, one link and "now" otherwise.
 */
export interface FileStat {
  dir: boolean;
  /** st_size: bytes of a file (UTF-8), length of a symlink's target, a directory's size on its filesystem */
  size: number;
  /** 'link' only from lstat (stat follows links) */
  type?: 'file' | 'dir' | 'link';
  /** permission bits with the sticky bit (0o1777 for a tmpfs root) */
  mode?: number;
  nlink?: number;
  /** st_blocks, 512-byte units */
  blocks?: number;
  /** modification time (ms since the epoch) when the filesystem tracks it */
  mtime?: number;
  /** the target of a symlink (lstat) */
  target?: string;
}

/** A container's (or node's) filesystem. Paths are absolute; errors are the errno name, e.g. 'ENOENT', 'EISDIR', 'EROFS', 'ELOOP'. */
export interface FileSystem {
  /** Follows symlinks. */
  read(path: string): { data: string } | { error: string };
  write(path: string, data: string, opts?: { append?: boolean }): { error?: string };
  /** Entries of a directory (symlinks in `path` followed); an entry that is a symlink has `link: true` and `dir: false`. */
  list(path: string): { entries: { name: string; dir: boolean; size: number; link?: boolean }[] } | { error: string };
  /** stat(2): follows symlinks. */
  stat(path: string): FileStat | { error: string };
  mkdir(path: string, opts?: { parents?: boolean }): { error?: string };
  /** Removes a symlink itself, not its target. */
  remove(path: string, opts?: { recursive?: boolean }): { error?: string };
  /** lstat(2): a symlink as itself. */
  lstat?(path: string): FileStat | { error: string };
  readlink?(path: string): { target: string } | { error: string };
  /** symlink(2): create `path` pointing at `target` (stored as given, resolved when followed). */
  symlink?(target: string, path: string): { error?: string };
  /** realpath(3): the path with every symlink resolved (the path must exist). */
  realpath?(path: string): { path: string } | { error: string };
  /** chmod(2): set the permission bits of what `path` names (symlinks followed). */
  chmod?(path: string, mode: number): { error?: string };
}

/** A running container as seen from inside: what `env`, `hostname`, `cat /etc/resolv.conf` show. */
export interface ContainerView {
  namespace: string;
  pod: string;
  container: string;
  node: string;
  image: string;
  /** Environment of the main process, in container-runtime order. */
  env: [string, string][];
  hostname: string;
  /** Where exec'd processes start: the container's workingDir, else the image's WORKDIR, else / (the OCI process cwd). */
  workingDir: string;
  fs: FileSystem;
  /** Names of the commands this image ships (busybox applets, dnsutils, curl, ...). */
  binaries: Set<string>;
  /** The container's main process: command (else the image's entrypoint) and args (else the image's cmd). */
  argv?: string[];
}

/** An HTTP request as it reaches a process in a pod (built by the network from curl/wget). */
export interface HttpRequest {
  method: string;
  path: string;
  /** Host header as the client sent it (name or IP, with :port when not default). */
  host: string;
  headers: Record<string, string>;
  /** Source IP the pod sees (client pod IP, node IP after SNAT, ...). */
  clientIP: string;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Reason phrase, e.g. 'OK', 'Not Found'. */
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

/** A process of a pod listening on a port (what a TCP connection to podIP:port reaches). */
export interface Listener {
  container: string;
  protocol: 'TCP' | 'UDP';
  /** Answer an HTTP request; undefined when the process does not speak HTTP (connection then closes). */
  http?(req: HttpRequest): HttpResponse;
}

export interface KubeletService {
  /** The container if it exists and is running; otherwise the kubectl-style error text. */
  container(namespace: string, pod: string, container?: string): ContainerView | { error: string };
  /** Container logs (kubectl logs); `previous` = the last terminated instance. */
  logs(namespace: string, pod: string, container: string | undefined, opts?: { previous?: boolean; tail?: number }): { text: string } | { error: string };
  /** A node's own filesystem (hostPath volumes live here). */
  nodeFS(node: string): FileSystem | undefined;
  /**
   * The process of a running pod listening on `port` (all containers share the
   * pod's network namespace), or undefined when nothing listens (connection refused).
   */
  listener?(namespace: string, pod: string, port: number, protocol?: 'TCP' | 'UDP'): Listener | undefined;
}
