/**
 * The image catalogue: what a container of a known image does when it runs.
 * Each image has a registry reference, a compressed size and pull time, its
 * ENTRYPOINT/CMD/ENV/WORKDIR, the binaries `kubectl exec` finds, some files,
 * and a behaviour: nginx serves its welcome page on 80 (and files under
 * /usr/share/nginx/html), kubetm/app and kubetm/init answer `GET /hostname`
 * with `Hostname : <pod>` on 8080, kubetm/p8000 / p8080 listen on their port,
 * busybox/ubuntu run their shell and exit at once without a TTY,
 * polinux/stress allocates --vm-bytes and is OOM-killed above its memory limit.
 * `sh -c` scripts made of echo/sleep/exit/loops are followed (logs over time).
 * Unknown official-looking names (`nginxx`) do not exist (ErrImagePull); images
 * under a user/organisation (`myorg/app`) run forever without listening.
 */
import type { HttpRequest, HttpResponse } from './service';
import type { MemFS } from './fs';

export interface ImageInfo {
  /** The image as written in the pod spec. */
  image: string;
  /** Normalised reference, e.g. docker.io/library/nginx:latest */
  ref: string;
  /** Repository without tag, e.g. docker.io/library/nginx */
  repo: string;
  tag: string;
  exists: boolean;
  /** The repository exists but not with this tag (the registry answers "not found"). */
  missingTag?: boolean;
  sizeBytes: number;
  pullMs: number;
  digest: string;
  /** `repo@digest`, the imageID of a pulled image's container status (made once, not per status write). */
  imageID: string;
  entrypoint: string[];
  cmd: string[];
  env: [string, string][];
  workdir: string;
  binaries: string[];
  files: Record<string, string>;
  kind: string;
}

export interface HttpHandler {
  (req: HttpRequest, ctx: { fs: MemFS; log(line: string): void }): HttpResponse;
}

export interface Process {
  /** Exits after this long (undefined: runs until stopped). */
  exitAfterMs?: number;
  exitCode?: number;
  oomKilled?: boolean;
  /** The runtime could not start it (exec: "x": executable file not found in $PATH). */
  startError?: string;
  /** Lines printed at start. */
  logs: string[];
  /**
   * A one-shot command (nslookup, wget, env, a short `sh -c` script): the
   * kubelet runs argv through the container's shell once it has started; its
   * output becomes the logs and its status the exit code.
   */
  shellRun?: boolean;
  /** The command the shell runs when it differs from the container's argv (an entrypoint that execs "$@"). */
  shellArgv?: string[];
  /** Lines printed just before exiting. */
  exitLogs?: string[];
  /** Lines printed every `everyMs` while running ($(date) and $HOSTNAME substituted when read). */
  periodic?: { everyMs: number; firstAtMs: number; lines: string[] };
  listeners: { port: number; protocol: 'TCP' | 'UDP'; http?: HttpHandler }[];
  /** Keeps running on SIGTERM (shells, sleep): killed after the grace period. */
  ignoresSigterm: boolean;
  /** Time to exit after SIGTERM. */
  stopMs: number;
  /** Exit code on SIGTERM (0 for servers that exit cleanly, 137 when SIGKILLed). */
  stopExitCode: number;
}

export interface StartInput {
  info: ImageInfo;
  argv: string[];
  env: [string, string][];
  podName: string;
  hostname: string;
  memoryLimitBytes?: number;
  /** the container's root filesystem (made when first asked for) */
  fs: () => MemFS;
  nodeCpus: number;
  /** nginx-style local time for logs: 2026/01/15 09:00:03 (read for nginx images only; the kubelet leaves it empty for others) */
  logTime: string;
  /** The container keeps stdin open (`stdin: true`, e.g. `kubectl run -it`): a shell waits for input. */
  stdinOpen?: boolean;
}

// cp/mv/chmod/sed/find/xargs: coreutils, sed, findutils (Essential in Debian) or busybox applets; awk: busybox, or mawk
// (Priority: required) in Debian-based images
const COREUTILS = ['sh', 'cat', 'ls', 'cp', 'mv', 'chmod', 'sed', 'awk', 'find', 'xargs', 'ln', 'readlink', 'env', 'printenv', 'hostname', 'echo', 'mkdir', 'rm', 'touch', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'base64', 'date', 'tr', 'cut', 'tee', 'seq', 'sleep', 'id', 'whoami', 'true', 'false', 'test', '['];
const DEBIAN = [...COREUTILS, 'bash', 'dash', 'apt-get', 'apt'];
const BUSYBOX = [...COREUTILS, 'busybox', 'ash', 'wget', 'nslookup', 'ping', 'nc', 'vi', 'ps', 'top', 'netstat', 'ifconfig', 'ip'];
const PATH_DEBIAN = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const NGINX_VERSION = '1.29.3';
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const nginxError = (code: number, text: string) =>
  `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;

const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
NAME="Debian GNU/Linux"
VERSION_ID="13"
VERSION="13 (trixie)"
VERSION_CODENAME=trixie
DEBIAN_VERSION_FULL=13.2
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const UBUNTU_OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.3 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.3 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

interface Def {
  sizeBytes: number;
  pullMs: number;
  entrypoint: string[];
  cmd: string[];
  env?: [string, string][];
  workdir?: string;
  binaries: string[];
  files?: Record<string, string>;
  kind: string;
  tags?: RegExp;
}

const DEFS: Record<string, Def> = {
  'docker.io/library/nginx': {
    tags: /^(latest|stable|mainline|alpine|alpine-slim|perl|bookworm|trixie|(stable|mainline)(-(alpine|alpine-slim|perl|bookworm|trixie))?|1(\.\d+){0,2}(-(alpine|alpine-slim|perl|bookworm|trixie|alpine-perl))?)$/,
    kind: 'nginx',
    sizeBytes: 59774010,
    pullMs: 2613,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: [['PATH', PATH_DEBIAN], ['NGINX_VERSION', NGINX_VERSION], ['NJS_VERSION', '0.9.4'], ['NJS_RELEASE', '1~trixie'], ['PKG_RELEASE', '1~trixie'], ['DYNPKG_RELEASE', '1~trixie']],
    binaries: [...DEBIAN, 'nginx', 'curl', '/docker-entrypoint.sh'],
    files: {
      '/usr/share/nginx/html/index.html': NGINX_WELCOME,
      '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
      '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n',
      '/etc/os-release': DEBIAN_OS_RELEASE,
    },
  },
  'docker.io/library/httpd': {
    tags: /^(latest|alpine|2(\.4(\.\d+)?)?(-alpine)?)$/,
    kind: 'httpd',
    sizeBytes: 45325120,
    pullMs: 2210,
    entrypoint: [],
    cmd: ['httpd-foreground'],
    env: [['PATH', '/usr/local/apache2/bin:' + PATH_DEBIAN], ['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '2.4.65']],
    workdir: '/usr/local/apache2',
    binaries: [...DEBIAN, 'httpd', 'httpd-foreground'],
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n', '/etc/os-release': DEBIAN_OS_RELEASE },
  },
  'docker.io/kubetm/app': {
    tags: /^(latest|v[1-3])$/,
    kind: 'kubetm-app',
    sizeBytes: 33260145,
    pullMs: 3140,
    entrypoint: ['node', 'app.js'],
    cmd: [],
    env: [['PATH', PATH_DEBIAN], ['NODE_VERSION', '8.17.0']],
    binaries: [...DEBIAN, 'node', 'curl'],
    files: { '/app.js': '// simulated: HTTP server on 8080, GET /hostname\n' },
  },
  'docker.io/kubetm/init': {
    tags: /^latest$/,
    kind: 'kubetm-app',
    sizeBytes: 143102361,
    pullMs: 6420,
    entrypoint: ['node', 'app.js'],
    cmd: [],
    env: [['PATH', PATH_DEBIAN]],
    binaries: [...DEBIAN, 'node', 'curl', 'nslookup', 'dig', 'host', 'ping', 'wget'],
    files: { '/app.js': '// simulated: HTTP server on 8080, GET /hostname\n', '/etc/os-release': DEBIAN_OS_RELEASE },
  },
  'docker.io/kubetm/p8000': {
    tags: /^latest$/,
    kind: 'kubetm-p8000',
    sizeBytes: 33260140,
    pullMs: 3020,
    entrypoint: ['node', 'app.js'],
    cmd: [],
    env: [['PATH', PATH_DEBIAN]],
    binaries: [...DEBIAN, 'node', 'curl'],
  },
  'docker.io/kubetm/p8080': {
    tags: /^latest$/,
    kind: 'kubetm-p8080',
    sizeBytes: 33260141,
    pullMs: 3050,
    entrypoint: ['node', 'app.js'],
    cmd: [],
    env: [['PATH', PATH_DEBIAN]],
    binaries: [...DEBIAN, 'node', 'curl'],
  },
  'docker.io/library/busybox': {
    tags: /^(latest|stable|musl|glibc|uclibc|1(\.\d+){1,2}(-(musl|glibc|uclibc))?)$/,
    kind: 'busybox',
    sizeBytes: 2224229,
    pullMs: 1180,
    entrypoint: [],
    cmd: ['sh'],
    env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
    binaries: BUSYBOX,
    files: { '/etc/os-release': 'NAME=BusyBox\n' },
  },
  'docker.io/library/alpine': {
    tags: /^(latest|edge|3(\.\d+){0,2})$/,
    kind: 'busybox',
    sizeBytes: 3802452,
    pullMs: 1350,
    entrypoint: [],
    cmd: ['/bin/sh'],
    env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
    binaries: [...BUSYBOX, 'apk'],
    files: { '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.22.2\nPRETTY_NAME="Alpine Linux v3.22"\n' },
  },
  'docker.io/library/ubuntu': {
    tags: /^(latest|rolling|devel|jammy|noble|focal|bionic|oracular|plucky|questing|\d\d\.\d\d)$/,
    kind: 'shell',
    sizeBytes: 29723147,
    pullMs: 2480,
    entrypoint: [],
    cmd: ['/bin/bash'],
    env: [['PATH', PATH_DEBIAN]],
    binaries: DEBIAN,
    files: { '/etc/os-release': UBUNTU_OS_RELEASE },
  },
  'docker.io/library/debian': {
    tags: /^(latest|stable|testing|unstable|bookworm|trixie|bullseye|buster|(bookworm|trixie|bullseye)-slim|1[0-3](\.\d+)?(-slim)?)$/,
    kind: 'shell',
    sizeBytes: 48494272,
    pullMs: 2910,
    entrypoint: [],
    cmd: ['bash'],
    env: [['PATH', PATH_DEBIAN]],
    binaries: DEBIAN,
    files: { '/etc/os-release': DEBIAN_OS_RELEASE },
  },
  'docker.io/polinux/stress': {
    kind: 'stress',
    sizeBytes: 4041495,
    pullMs: 1630,
    entrypoint: [],
    cmd: ['/bin/sh'],
    env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
    binaries: [...BUSYBOX, 'stress'],
  },
  'registry.k8s.io/coredns/coredns': {
    kind: 'coredns',
    sizeBytes: 22384805,
    pullMs: 1840,
    entrypoint: ['/coredns'],
    cmd: [],
    binaries: ['/coredns', 'coredns'],
  },
  'docker.io/library/redis': {
    kind: 'redis',
    sizeBytes: 52230614,
    pullMs: 2740,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: [['PATH', PATH_DEBIAN], ['REDIS_VERSION', '8.2.3']],
    workdir: '/data',
    binaries: [...DEBIAN, 'redis-server', 'redis-cli', 'docker-entrypoint.sh'],
  },
  'docker.io/library/mysql': {
    kind: 'mysql',
    sizeBytes: 233453180,
    pullMs: 9870,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: [['PATH', PATH_DEBIAN], ['MYSQL_MAJOR', 'innovation'], ['MYSQL_VERSION', '9.5.0-1.el9']],
    binaries: [...DEBIAN, 'mysqld', 'mysql', 'docker-entrypoint.sh'],
  },
  'docker.io/library/postgres': {
    kind: 'postgres',
    sizeBytes: 161203417,
    pullMs: 7620,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: [['PATH', '/usr/lib/postgresql/18/bin:' + PATH_DEBIAN], ['PG_MAJOR', '18'], ['PGDATA', '/var/lib/postgresql/18/docker']],
    binaries: [...DEBIAN, 'postgres', 'psql', 'docker-entrypoint.sh'],
  },
};

/** Official images that exist but are not simulated in detail: they run until stopped. */
const OTHER_OFFICIAL = new Set(['node', 'python', 'golang', 'mongo', 'rabbitmq', 'memcached', 'tomcat', 'traefik', 'registry', 'hello-world', 'centos', 'fedora', 'amazonlinux', 'openjdk', 'eclipse-temurin', 'php', 'wordpress', 'mariadb', 'haproxy', 'caddy', 'perl', 'ruby']);

function fnv(s: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * An image's environment: its definition's pairs, NGINX_VERSION set to an exact version tag. One list per
 * repository and version tag, shared by every container of that image (the pairs are never changed).
 */
const envCache = new Map<string, [string, string][]>();
function imageEnv(repo: string, env: [string, string][] | undefined, tag: string): [string, string][] {
  const version = /^1\.\d+\.\d+$/.test(tag) ? tag : '';
  const key = `${repo}\u0000${version}`;
  let out = envCache.get(key);
  if (!out) {
    out = (env ?? [['PATH', PATH_DEBIAN]]).map(([k, v]) => (k === 'NGINX_VERSION' && version ? [k, tag] : [k, v]) as [string, string]);
    envCache.set(key, out);
  }
  return out;
}

/**
 * The ImageInfo of an image reference, one per distinct text: every container of a pod template names the
 * same image, and the answer depends on the text alone (the info is never changed by its holders).
 */
const resolved = new Map<string, ImageInfo>();
export function resolveImage(image: string): ImageInfo {
  let info = resolved.get(image);
  if (!info) resolved.set(image, (info = resolveUncached(image)));
  return info;
}

/** Parse and normalise an image reference the way containerd does (docker.io, library/, :latest). */
function resolveUncached(image: string): ImageInfo {
  let name = image.trim();
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag = '';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const parts = name.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repo = `${registry}/${parts.join('/')}`;
  if (!tag && !digest) tag = 'latest';
  const ref = `${repo}${tag ? ':' + tag : ''}${digest ? '@' + digest : ''}`;
  const def = DEFS[repo];
  const lib = parts[0] === 'library' ? parts[1] : undefined;
  const valid = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/.test(parts.join('/')) && /^[\w][\w.-]{0,127}$/.test(tag || 'x');
  // known images only have the tags they publish (nginx:doesnotexist fails to pull like on Docker Hub)
  const tagExists = !def?.tags || !!digest || def.tags.test(tag || 'latest');
  const exists = valid && tagExists && (!!def || (lib ? OTHER_OFFICIAL.has(lib) : registry === 'docker.io' || registry.includes('.')));
  const d = def ?? {
    kind: 'generic',
    sizeBytes: 20_000_000 + (parseInt(fnv(repo).slice(0, 6), 16) % 80_000_000),
    pullMs: 2000 + (parseInt(fnv(repo).slice(6, 10), 16) % 4000),
    entrypoint: [],
    cmd: [],
    env: [['PATH', PATH_DEBIAN]] as [string, string][],
    binaries: DEBIAN,
  };
  const dg = digest || `sha256:${fnv(repo + ':' + tag)}`;
  return {
    image,
    ref,
    repo,
    tag,
    exists,
    missingTag: valid && !tagExists && !!def,
    sizeBytes: d.sizeBytes,
    pullMs: d.pullMs,
    digest: dg,
    imageID: `${repo}@${dg}`,
    entrypoint: d.entrypoint,
    cmd: d.cmd,
    // an exact version tag is the version the image's Dockerfile sets (nginx:1.14.2 → NGINX_VERSION=1.14.2)
    env: imageEnv(repo, d.env, tag),
    workdir: d.workdir ?? '/',
    binaries: d.binaries,
    files: d.files ?? {},
    kind: d.kind,
  };
}

/** Whether `image` is syntactically a valid reference (else InvalidImageName). */
export function validImageName(image: string): boolean {
  return /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-]{1,2}[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/.test(image);
}

function parseBytes(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([bBkKmMgG]?)$/.exec(s);
  if (!m) return 0;
  const mult: Record<string, number> = { '': 1, b: 1, B: 1, k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 };
  return Math.round(Number(m[1]) * mult[m[2]]);
}

function unquote(s: string): string {
  return s.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');
}

/** Follow a simple `sh -c` script: echo, sleep, exit, while-true loops, writes to files. */
function scriptProcess(script: string, input: StartInput, base: Process): Process {
  const env = new Map(input.env);
  const expand = (s: string) => s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, n) => (n === 'HOSTNAME' ? input.hostname : env.get(n) ?? ''));
  const loop = /while\s+(true|:|\[\s*1\s*\])\s*;?\s*do\s+([\s\S]*?)\s*;?\s*done/.exec(script);
  const before = loop ? script.slice(0, loop.index) : script;
  const logs: string[] = [];
  let elapsed = 0;
  let exitCode = 0;
  let forever = false;
  for (const raw of before.split(/\s*(?:;|&&|\n)\s*/)) {
    const st = raw.trim();
    if (!st || st.startsWith('#')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^echo\s+(-n\s+)?(.*?)(\s*(>>?)\s*(\S+))?$/.exec(st))) {
      const text = expand(unquote(m[2].trim()));
      if (m[3]) {
        const path = m[5];
        input.fs().write(path, text + (m[1] ? '' : '\n'), { append: m[4] === '>>' });
      } else if (elapsed === 0) logs.push(text);
      else logs.push(text);
      continue;
    }
    if ((m = /^sleep\s+(\S+)$/.exec(st))) {
      if (m[1] === 'infinity') {
        forever = true;
        break;
      }
      elapsed += Number(m[1].replace(/s$/, '')) * 1000 || 0;
      continue;
    }
    if ((m = /^exit\s+(\d+)$/.exec(st))) {
      exitCode = Number(m[1]);
      break;
    }
    if (/^tail\s+-[fF]\s/.test(st)) {
      forever = true;
      break;
    }
    if (/^(date)$/.test(st)) {
      logs.push('$(date)');
      continue;
    }
  }
  if (loop) {
    const body = loop[2];
    const lines: string[] = [];
    let period = 0;
    for (const raw of body.split(/\s*(?:;|&&|\n)\s*/)) {
      const st = raw.trim();
      let m: RegExpExecArray | null;
      if ((m = /^echo\s+(.*)$/.exec(st)) && !/>/.test(st)) lines.push(unquote(m[1].trim()).replace(/\$\{?HOSTNAME\}?/g, input.hostname));
      else if (/^date$/.test(st)) lines.push('$(date)');
      else if ((m = /^sleep\s+(\d+)/.exec(st))) period += Number(m[1]) * 1000;
    }
    return { ...base, logs, periodic: lines.length ? { everyMs: Math.max(1000, period), firstAtMs: elapsed, lines } : undefined, ignoresSigterm: true };
  }
  if (forever) return { ...base, logs, ignoresSigterm: true };
  return { ...base, logs, exitAfterMs: Math.max(50, elapsed), exitCode, ignoresSigterm: true };
}

function httpResponse(status: number, statusText: string, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, statusText, headers: { 'Content-Length': String(new TextEncoderLite(body).length), ...headers }, body };
}

/** utf-8 byte length without TextEncoder (ES2022 lib only). */
class TextEncoderLite {
  length: number;
  constructor(s: string) {
    let n = 0;
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    this.length = n;
  }
}

const NGINX_HANDLER: HttpHandler = (req, ctx) => {
  const path = req.path.split('?')[0];
  let file = '/usr/share/nginx/html' + (path.endsWith('/') ? path + 'index.html' : path);
  let r = ctx.fs.read(file);
  if ('error' in r && r.error === 'EISDIR') {
    file += '/index.html';
    r = ctx.fs.read(file);
  }
  const common = { Server: `nginx/${NGINX_VERSION}`, Date: '', 'Content-Type': 'text/html', Connection: 'keep-alive' };
  let res: HttpResponse;
  if ('error' in r) res = httpResponse(404, 'Not Found', nginxError(404, 'Not Found'), common);
  else res = httpResponse(200, 'OK', r.data, { ...common, 'Accept-Ranges': 'bytes' });
  ctx.log(`${req.clientIP} - - [$(nginxtime)] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.headers['Content-Length']} "-" "${req.headers['User-Agent'] ?? req.headers['user-agent'] ?? '-'}" "-"`);
  return res;
};

function kubetmHandler(hostname: string): HttpHandler {
  return (req) => {
    const path = req.path.split('?')[0];
    if (path === '/hostname' || path === '/') return httpResponse(200, 'OK', `Hostname : ${hostname}\n`, { 'Content-Type': 'text/plain' });
    return httpResponse(404, 'Not Found', `Cannot GET ${path}\n`, { 'Content-Type': 'text/html; charset=utf-8' });
  };
}

/** Start the container's main process. argv is the resolved ENTRYPOINT+CMD (or command+args). */
/** Tools that do their job and exit: as a container's command they run in the simulated shell. */
const ONE_SHOT = new Set(['nslookup', 'wget', 'curl', 'env', 'printenv', 'cat', 'ls', 'hostname', 'date', 'dig', 'host', 'uname', 'id', 'whoami', 'df', 'head', 'tail', 'grep', 'wc', 'base64', 'mkdir', 'touch', 'cp', 'printf', 'test']);

export function startProcess(input: StartInput): Process {
  const { info, argv } = input;
  const base: Process = { logs: [], listeners: [], ignoresSigterm: false, stopMs: 200, stopExitCode: 0 };
  const bin = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  if (!argv.length) return { ...base, ignoresSigterm: true };
  const known = info.binaries.includes(argv[0]) || info.binaries.includes(bin) || argv[0] === '/docker-entrypoint.sh';
  if (!known && info.kind !== 'generic') {
    return {
      ...base,
      startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0]}": executable file not found in $PATH`,
    };
  }
  // official images' docker-entrypoint.sh runs its setup only for the image's own server, then execs "$@"
  if (bin === 'docker-entrypoint.sh' && argv.length > 1 && !argv[1].startsWith('-') && !/^(nginx|nginx-debug|redis-server|mysqld|postgres|httpd-foreground)$/.test(argv[1])) {
    const inner = startProcess({ ...input, argv: argv.slice(1) });
    return inner.shellRun ? { ...inner, shellArgv: inner.shellArgv ?? argv.slice(1) } : inner;
  }
  // shells and scripts
  if (bin === 'sh' || bin === 'bash' || bin === 'ash' || bin === 'dash') {
    const ci = argv.indexOf('-c');
    if (ci < 0) {
      if (input.stdinOpen) return { ...base, ignoresSigterm: true, stopExitCode: 137 }; // waits for input on the open stdin
      return { ...base, exitAfterMs: 30, exitCode: 0, ignoresSigterm: true }; // no stdin: the shell reads EOF and exits
    }
    const script = argv.slice(ci + 1).join(' ');
    // scripts that take no time run in the simulated shell; ones that wait or loop are followed step by step
    if (!/\b(sleep|while|until|tail\s+-[fF]|nginx|httpd|python|node|top|watch|yes)\b/.test(script)) return { ...base, shellRun: true, exitAfterMs: 50, ignoresSigterm: true, stopExitCode: 137 };
    return scriptProcess(script, input, { ...base, stopExitCode: 137 });
  }
  if (bin === 'tail' && argv.some((a) => /^-[a-zA-Z]*[fF]/.test(a))) return { ...base, ignoresSigterm: true, stopExitCode: 137 };
  if (ONE_SHOT.has(bin)) return { ...base, shellRun: true, exitAfterMs: 50 };
  if (bin === 'sleep') {
    const a = argv[1] ?? '';
    if (a === 'infinity') return { ...base, ignoresSigterm: true, stopExitCode: 137 };
    const s = Number(a.replace(/s$/, ''));
    return { ...base, exitAfterMs: Math.max(1, s * 1000), exitCode: 0, ignoresSigterm: true, stopExitCode: 137 };
  }
  if (bin === 'echo') return { ...base, logs: [argv.slice(1).join(' ')], exitAfterMs: 20, exitCode: 0 };
  if (bin === 'true') return { ...base, exitAfterMs: 10, exitCode: 0 };
  if (bin === 'false') return { ...base, exitAfterMs: 10, exitCode: 1 };
  if (bin === 'stress') {
    const i = argv.indexOf('--vm-bytes');
    const want = i >= 0 ? parseBytes(argv[i + 1] ?? '') : 256 * 1024 * 1024;
    const vm = argv.includes('--vm') ? Number(argv[argv.indexOf('--vm') + 1] ?? 1) : 0;
    const cpu = argv.includes('--cpu') ? Number(argv[argv.indexOf('--cpu') + 1] ?? 1) : 0;
    const logs = [`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd`];
    if (vm && input.memoryLimitBytes !== undefined && want * vm > input.memoryLimitBytes) {
      return { ...base, logs, exitAfterMs: 900, exitCode: 137, oomKilled: true };
    }
    return { ...base, logs, ignoresSigterm: false, stopExitCode: 0 };
  }
  switch (info.kind) {
    case 'nginx': {
      const workers = Math.max(1, input.nodeCpus);
      const t = input.logTime;
      const logs = [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/${NGINX_VERSION}`,
        `${t} [notice] 1#1: built by gcc 14.2.0 (Debian 14.2.0-19) `,
        `${t} [notice] 1#1: OS: Linux 6.8.0-87-generic`,
        `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${t} [notice] 1#1: start worker processes`,
        ...Array.from({ length: workers }, (_, i) => `${t} [notice] 1#1: start worker process ${29 + i}`),
      ];
      if (bin !== 'nginx' && argv[0] !== '/docker-entrypoint.sh') break;
      return { ...base, logs: argv[0] === '/docker-entrypoint.sh' ? logs : logs.slice(9), listeners: [{ port: 80, protocol: 'TCP', http: NGINX_HANDLER }], stopMs: 100 };
    }
    case 'httpd':
      return {
        ...base,
        logs: [
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using " + 'the pod IP. Set the \'ServerName\' directive globally to suppress this message',
        ],
        listeners: [{ port: 80, protocol: 'TCP', http: (req, ctx) => {
          const r = ctx.fs.read('/usr/local/apache2/htdocs' + (req.path === '/' ? '/index.html' : req.path));
          return 'error' in r ? httpResponse(404, 'Not Found', '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n') : httpResponse(200, 'OK', r.data);
        } }],
      };
    case 'kubetm-app':
      if (bin !== 'node') break;
      // node as PID 1 with no SIGTERM handler: the signal is ignored, the kubelet kills it after the grace period
      return { ...base, listeners: [{ port: 8080, protocol: 'TCP', http: kubetmHandler(input.hostname) }], ignoresSigterm: true, stopExitCode: 137 };
    case 'kubetm-p8000':
    case 'kubetm-p8080': {
      if (bin !== 'node') break;
      const port = info.kind === 'kubetm-p8000' ? 8000 : 8080;
      return { ...base, listeners: [{ port, protocol: 'TCP', http: (req) => httpResponse(200, 'OK', `containerPort : ${port}\n`, { 'Content-Type': 'text/plain' }) }], ignoresSigterm: true, stopExitCode: 137 };
    }
    case 'coredns': {
      const ok = (path: string): HttpHandler => (req) => (req.path === path ? httpResponse(200, 'OK', 'OK') : httpResponse(404, 'Not Found', '404 page not found\n'));
      return {
        ...base,
        logs: ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', 'CoreDNS-1.12.1', 'linux/amd64, go1.24.1, 707c7c1'],
        listeners: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
          { port: 9153, protocol: 'TCP', http: ok('/metrics') },
          { port: 8080, protocol: 'TCP', http: ok('/health') },
          { port: 8181, protocol: 'TCP', http: ok('/ready') },
        ],
      };
    }
    case 'redis':
      return { ...base, logs: ['1:C 15 Jan 2026 09:00:05.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:M 15 Jan 2026 09:00:05.001 * Ready to accept connections tcp'], listeners: [{ port: 6379, protocol: 'TCP' }] };
    case 'mysql': {
      const e = new Map(input.env);
      if (!e.has('MYSQL_ROOT_PASSWORD') && !e.has('MYSQL_ALLOW_EMPTY_PASSWORD') && !e.has('MYSQL_RANDOM_ROOT_PASSWORD')) {
        return {
          ...base,
          exitAfterMs: 400,
          exitCode: 1,
          logs: [
            '2026-01-15 09:00:05+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.5.0-1.el9 started.',
            '2026-01-15 09:00:05+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
            '    You need to specify one of the following as an environment variable:',
            '    - MYSQL_ROOT_PASSWORD',
            '    - MYSQL_ALLOW_EMPTY_PASSWORD',
            '    - MYSQL_RANDOM_ROOT_PASSWORD',
          ],
        };
      }
      return { ...base, listeners: [{ port: 3306, protocol: 'TCP' }, { port: 33060, protocol: 'TCP' }], stopMs: 1500 };
    }
    case 'postgres': {
      const e = new Map(input.env);
      if (!e.has('POSTGRES_PASSWORD') && e.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
        return {
          ...base,
          exitAfterMs: 300,
          exitCode: 1,
          logs: [
            'Error: Database is uninitialized and superuser password is not specified.',
            '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
            '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          ],
        };
      }
      return { ...base, listeners: [{ port: 5432, protocol: 'TCP' }], stopMs: 800 };
    }
  }
  // other commands of known binaries (e.g. `nginx -v`), or generic images: keep running
  if (info.kind === 'generic' || info.binaries.includes(bin)) return { ...base, ignoresSigterm: false };
  return { ...base, ignoresSigterm: true };
}
