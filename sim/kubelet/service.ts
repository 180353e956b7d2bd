/**
 * What the kubelet offers other subsystems (published as `sim.services.kubelet`).
 * The shell uses it to run commands inside containers, kubectl for exec/logs,
 * the network for reaching the processes listening in a pod.
 */

/** A container's (or node's) filesystem. Paths are absolute; errors are the errno name, e.g. 'ENOENT', 'EISDIR', 'EROFS'. */
export interface FileSystem {
  read(path: string): { data: string } | { error: string };
  write(path: string, data: string, opts?: { append?: boolean }): { error?: string };
  list(path: string): { entries: { name: string; dir: boolean; size: number }[] } | { error: string };
  stat(path: string): { dir: boolean; size: number } | { error: string };
  mkdir(path: string, opts?: { parents?: boolean }): { error?: string };
  remove(path: string, opts?: { recursive?: boolean }): { error?: string };
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
  fs: FileSystem;
  /** Names of the commands this image ships (busybox applets, dnsutils, curl, ...). */
  binaries: Set<string>;
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
