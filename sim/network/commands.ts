import type { Sim } from '../sim';
import type { CommandContext, Location } from '../shell/types';
import type { KubeletService } from '../kubelet/service';
import { connect, httpExchange, SYN_TIMEOUT_MS, type Client } from './proxy';
import { ProgressBar, ProgressMeter } from './progress';
import { registerApt } from './apt';
import { registerDiagCommands } from './diag';
import {
  clusterFirstResolvConf,
  NODE_RESOLV_CONF,
  query,
  resolveHost,
  searchCandidates,
  CLUSTER_DNS_IP,
  type ResolvConf,
  type DnsReply,
} from './dns';

/** The client a location stands for, or an error text. */
function clientOf(sim: Sim, loc: Location): Client | undefined {
  if (loc.kind === 'node') return { kind: 'node', node: loc.node };
  const pod = sim.store.get('Pod', loc.namespace, loc.pod);
  return pod ? { kind: 'pod', pod } : undefined;
}

/** The resolver configuration of a location (pods: from dnsPolicy, reference §4.2). */
export function resolvConfOf(sim: Sim, loc: Location): ResolvConf {
  if (loc.kind === 'node') return NODE_RESOLV_CONF;
  const pod = sim.store.get('Pod', loc.namespace, loc.pod);
  const policy = pod?.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'Default' || (policy === 'ClusterFirst' && pod?.spec?.hostNetwork)) return NODE_RESOLV_CONF;
  const rc = clusterFirstResolvConf(loc.namespace);
  if (policy === 'None') return { nameservers: pod?.spec?.dnsConfig?.nameservers ?? [], search: pod?.spec?.dnsConfig?.searches ?? [], ndots: 5 };
  const extra = pod?.spec?.dnsConfig;
  if (extra) {
    rc.nameservers = [...rc.nameservers, ...(extra.nameservers ?? [])].slice(0, 3);
    rc.search = [...new Set([...rc.search, ...(extra.searches ?? [])])];
    const nd = (extra.options ?? []).find((o: any) => o.name === 'ndots');
    if (nd?.value !== undefined) rc.ndots = Number(nd.value);
  }
  return rc;
}

/** The image ships the program, or a package put it on the container's disk (apt-get install). */
function hasBinary(sim: Sim, loc: Location, name: string): boolean {
  if (loc.kind === 'node') return true;
  const k = sim.services.kubelet as KubeletService | undefined;
  const c = k?.container(loc.namespace, loc.pod, loc.container);
  if (!c || 'error' in c) return false;
  return c.binaries.has(name) || ['/usr/bin/', '/usr/sbin/', '/bin/', '/sbin/'].some((d) => {
    const st = c.fs.stat(d + name);
    return !('error' in st) && !st.dir;
  });
}

function imageOf(sim: Sim, loc: Location): string {
  if (loc.kind === 'node') return 'node';
  const pod = sim.store.get('Pod', loc.namespace, loc.pod);
  return (pod?.spec?.containers ?? []).find((c: any) => c.name === loc.container)?.image ?? '';
}

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  explicitPort: boolean;
}

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+)(?::(\d+))?([^\s]*)$/.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] || '/';
  if (!path.startsWith('/')) path = '/' + path;
  return { scheme, host: m[2], port, path, explicitPort: !!m[3] };
}

function elapsed(sim: Sim, ms: number): void {
  sim.runtime.advance(ms);
}

/**
 * curl (8.x texts: lib/connect.c "Failed to connect to %s port %u after %ld ms: %s", curl_easy_strerror).
 *
 * Progress on stderr (./progress.ts): the meter unless -s, --no-progress-meter, or the output goes to a terminal
 * (src/tool_operate.c: "we send the output to a tty, therefore we switch off the progress meter"); -# draws the bar
 * instead. Timeline (simulated ms): the first update at the start (multi_runsingle updates once a connection
 * exists), one per wall-clock second while waiting, a forced last one when the transfer ends (multi_done →
 * Curl_pgrsDone, also after connect, TLS and HTTP errors) — but not after a failed name lookup, which drops the
 * connection without multi_done, so `curl: (6)` follows the meter line directly. src/tool_operate.c
 * post_per_transfer then prints the error, flushes stdout (fully buffered when not a terminal: glibc writes whole
 * 4096-byte blocks at once and keeps the rest until exit), ends the -# bar with a newline and prints --write-out.
 */
function curl(ctx: CommandContext): number {
  const sim = ctx.sim;
  // short options combine like curl's getopt: `-sSL`, `-sI`, `-XPOST` (a value-taking letter takes the rest)
  const args: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (!/^-[a-zA-Z#]{2,}/.test(a) || a.startsWith('--')) {
      args.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const ch = a[j];
      if ('XHmowd'.includes(ch)) {
        args.push('-' + ch);
        if (j + 1 < a.length) args.push(a.slice(j + 1));
        break;
      }
      args.push('-' + ch);
    }
  }
  let silent = false;
  let showError = false;
  let noMeter = false;
  let bar = false;
  let noBuffer = false;
  let include = false;
  let head = false;
  let method: string | undefined;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  let output: string | undefined;
  let writeOut: string | undefined;
  let fail = false;
  let insecure = false;
  let cacert = false;
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i];
    if (a === '-s' || a === '--silent') silent = true;
    else if (a === '-S' || a === '--show-error') showError = true;
    else if (a === '--no-progress-meter') noMeter = true;
    else if (a === '-#' || a === '--progress-bar') bar = true;
    else if (a === '-N' || a === '--no-buffer') noBuffer = true;
    else if (a === '-i' || a === '--include') include = true;
    else if (a === '-I' || a === '--head') head = true;
    else if (a === '-f' || a === '--fail') fail = true;
    else if (a === '-k' || a === '--insecure') insecure = true;
    else if (a === '-L' || a === '--location' || a === '-v') continue;
    else if (a === '--cacert') (cacert = true), next();
    else if (a === '-X' || a === '--request') method = next();
    else if (a === '-H' || a === '--header') {
      const h = next() ?? '';
      const j = h.indexOf(':');
      if (j > 0) headers[h.slice(0, j).trim()] = h.slice(j + 1).trim();
    } else if (a === '-m' || a === '--max-time') maxTime = Number(next());
    else if (a === '--connect-timeout') connectTimeout = Number(next());
    else if (a === '-o' || a === '--output') output = next();
    else if (a === '-w' || a === '--write-out') writeOut = next();
    else if (a === '-d' || a === '--data') next();
    else if (a.startsWith('-') && a.length > 1) {
      ctx.stderr(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    } else urls.push(a);
  }
  if (!urls.length) {
    ctx.stderr("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const toStdout = !output || output === '-';
  const progressOn = !silent && !noMeter && !(toStdout && ctx.isatty(1));
  // stdout not a terminal: fully buffered (glibc), flushed in whole blocks and at exit
  const buffered = toStdout && !ctx.isatty(1) && !noBuffer;
  let meter: ProgressMeter | undefined;
  let progressBar: ProgressBar | undefined;
  /** Curl_pgrsUpdate at the current simulated time */
  const update = (now = sim.clock.now()) => {
    meter?.update(now);
    progressBar?.update(now);
  };
  /** Time passes (connecting, waiting): the meter updates once per wall-clock second on the way. */
  const wait = (ms: number) => {
    const t = sim.clock.now();
    if (meter || progressBar) for (let b = (Math.floor(t / 1000) + 1) * 1000; b < t + ms; b += 1000) update(b);
    elapsed(sim, ms);
  };
  /** Curl_pgrsDone (the bar has no end of its own here) */
  const pgrsDone = () => meter?.done(sim.clock.now());
  /** post_per_transfer: error text, stdout flushed, the bar's newline, --write-out */
  const finish = (code: number, msg: string, rest = '', httpCode = '000') => {
    if (code && (!silent || showError)) ctx.stderr(`curl: (${code}) ${msg}\n`);
    if (rest) ctx.stdout(rest);
    if (progressBar?.calls) ctx.stderr('\n');
    if (writeOut) ctx.stdout(writeOut.replace(/%\{http_code\}/g, httpCode).replace(/\\n/g, '\n'));
    return code;
  };
  /** an error once the transfer started: the forced last update unless the name lookup failed */
  const err = (code: number, msg: string) => {
    if (code !== 6) pgrsDone();
    return finish(code, msg);
  };
  const url = parseUrl(urls[0]);
  if (!url) return finish(3, 'URL rejected: Malformed input to a URL function');
  if (!['http', 'https'].includes(url.scheme)) return finish(1, `Protocol "${url.scheme}" not supported`);
  // Curl_pgrsStartNow; the first update once the connection is set up
  if (progressOn) {
    const start = sim.clock.now();
    if (bar) {
      const cols = Number(ctx.env.get('COLUMNS'));
      progressBar = new ProgressBar(Math.min(256, Number.isInteger(cols) && cols > 20 ? cols : 79), ctx.stderr);
    } else meter = new ProgressMeter(start, ctx.stderr);
    update(start);
  }
  const client = clientOf(sim, ctx.location);
  if (!client) return err(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
  const host = url.host === 'localhost' ? '127.0.0.1' : url.host;
  const resolved = resolveHost(sim, host, resolvConfOf(sim, ctx.location));
  if (!resolved) return err(6, `Could not resolve host: ${url.host}`);
  const ip = resolved.addresses[sim.rand.int(resolved.addresses.length)];
  const conn = connect(sim, client, ip, url.port);
  const limit = Math.min(maxTime ?? Infinity, connectTimeout ?? Infinity);
  if (!conn.ok) {
    if (conn.error === 'refused') {
      wait(1);
      return err(7, `Failed to connect to ${url.host} port ${url.port} after 1 ms: Couldn't connect to server`);
    }
    if (Number.isFinite(limit)) {
      const ms = Math.round(limit * 1000) + 1;
      wait(ms);
      return err(28, `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached`);
    }
    wait(SYN_TIMEOUT_MS);
    return err(28, `Failed to connect to ${url.host} port ${url.port} after ${SYN_TIMEOUT_MS} ms: Couldn't connect to server`);
  }
  if (url.scheme === 'https' && conn.kind !== 'apiserver') {
    wait(1);
    return err(35, 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number');
  }
  if (conn.kind === 'apiserver' && url.scheme === 'https' && !insecure && !cacert) {
    // the cluster CA is not in the image's trust store
    wait(2);
    return err(60, 'SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.');
  }
  const hostHeader = url.explicitPort ? `${url.host}:${url.port}` : url.host;
  // Go's net/http TLS server answering plain HTTP (net/http server.go): HTTP/1.0 400 with a fixed body
  const plainToTLS = conn.kind === 'apiserver' && url.scheme === 'http';
  const res = plainToTLS ? { status: 400, statusText: 'Bad Request', headers: {} as Record<string, string>, body: 'Client sent an HTTP request to an HTTPS server.\n' } : httpExchange(sim, conn, {
    method: method ?? (head ? 'HEAD' : 'GET'),
    path: url.path,
    host: hostHeader,
    headers: { 'User-Agent': 'curl/8.5.0', Accept: '*/*', ...headers },
    clientIP: '',
  });
  wait(2);
  if (!res) return err(52, 'Empty reply from server');
  // the headers are in: Content-Length is the download size (http.c http_size, also for HEAD)
  const length = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-length')?.[1];
  if (meter && length !== undefined) meter.total = Number(length);
  if (progressBar && length !== undefined) progressBar.total = Number(length);
  if (fail && res.status >= 400) return err(22, `The requested URL returned error: ${res.status}`);
  let text = '';
  if (include || head) {
    text += `HTTP/${plainToTLS ? '1.0' : '1.1'} ${res.status} ${res.statusText}\r\n`;
    for (const [k, v] of Object.entries(res.headers)) text += `${k}: ${v}\r\n`;
    text += '\r\n';
  }
  const body = head ? '' : res.body;
  text += body;
  if (meter) meter.cur = utf8Length(body);
  if (progressBar) progressBar.cur = utf8Length(body);
  let rest = '';
  if (output && output !== '-') {
    if (output !== '/dev/null') {
      const k = sim.services.kubelet as KubeletService | undefined;
      const fs =
        ctx.location.kind === 'node'
          ? k?.nodeFS(ctx.location.node)
          : (() => {
              const c = k?.container(ctx.location.namespace, ctx.location.pod, ctx.location.container);
              return c && !('error' in c) ? c.fs : undefined;
            })();
      const path = output.startsWith('/') ? output : `/${output}`;
      fs?.write(path, text);
    }
  } else if (buffered) {
    // whole blocks go out as the data arrives, the rest when curl exits
    const cut = Math.floor(text.length / 4096) * 4096;
    if (cut) ctx.stdout(text.slice(0, cut));
    rest = text.slice(cut);
  } else ctx.stdout(text);
  update();
  pgrsDone();
  return finish(0, '', rest, String(res.status));
}

/** UTF-8 byte length (ES2022 lib: no TextEncoder). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** busybox wget (networking/wget.c). */
function wget(ctx: CommandContext): number {
  const sim = ctx.sim;
  const args = ctx.argv.slice(1);
  let quiet = false;
  let out: string | undefined;
  let timeout: number | undefined;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q') quiet = true;
    else if (a === '-O') out = args[++i];
    else if (a === '-qO-' || a === '-qO' ) (quiet = true), (out = a === '-qO-' ? '-' : args[++i]);
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (a === '-T') timeout = Number(args[++i]);
    else if (a === '--spider' || a === '-S') continue;
    else urls.push(a);
  }
  if (!urls.length) {
    ctx.stderr('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const url = parseUrl(urls[0]);
  if (!url) {
    ctx.stderr(`wget: bad address '${urls[0]}'\n`);
    return 1;
  }
  const client = clientOf(sim, ctx.location);
  const resolved = client && resolveHost(sim, url.host === 'localhost' ? '127.0.0.1' : url.host, resolvConfOf(sim, ctx.location));
  if (!resolved || !client) {
    ctx.stderr(`wget: bad address '${url.host}${url.explicitPort ? ':' + url.port : ''}'\n`);
    return 1;
  }
  const ip = resolved.addresses[0];
  if (!quiet) ctx.stderr(`Connecting to ${url.host}${url.explicitPort ? ':' + url.port : ''} (${ip}:${url.port})\n`);
  const conn = connect(sim, client, ip, url.port);
  if (!conn.ok) {
    if (conn.error === 'refused') {
      ctx.stderr(`wget: can't connect to remote host (${ip}): Connection refused\n`);
      return 1;
    }
    elapsed(sim, (timeout ?? 900) * 1000);
    ctx.stderr('wget: download timed out\n');
    return 1;
  }
  const res = httpExchange(sim, conn, { method: 'GET', path: url.path, host: url.host, headers: { 'User-Agent': 'Wget' }, clientIP: '' });
  elapsed(sim, 2);
  if (!res) {
    ctx.stderr('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (res.status >= 400) {
    ctx.stderr(`wget: server returned error: HTTP/1.1 ${res.status} ${res.statusText}\n`);
    return 1;
  }
  if (out === '-') {
    ctx.stdout(res.body);
    return 0;
  }
  const file = out ?? (url.path.split('/').pop() || 'index.html');
  if (!quiet) ctx.stderr(`saving to '${file}'\n${file.padEnd(20)} 100% |********************************| ${res.body.length} 0:00:00 ETA\n'${file}' saved\n`);
  return 0;
}

/** Which nslookup a location has: busybox ≥1.29, busybox 1.28 (libc), or bind9's (Debian/Ubuntu dnsutils, the node). */
function nslookupFlavor(image: string): 'busybox' | 'busybox-1.28' | 'bind9' {
  if (/(^|\/)busybox(:(1\.2[0-8](\.\d+)?)(-.*)?)$/.test(image)) return 'busybox-1.28';
  if (/(^|\/)busybox(:|$)/.test(image)) return 'busybox';
  return 'bind9';
}

function nslookup(ctx: CommandContext): number {
  const sim = ctx.sim;
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  let type: 'A' | 'SRV' | 'PTR' | 'TXT' | 'CNAME' = 'A';
  for (const a of ctx.argv.slice(1)) {
    const m = /^-(?:type|query|q)=(\w+)$/i.exec(a);
    if (m) type = m[1].toUpperCase() as typeof type;
  }
  const flavor = nslookupFlavor(imageOf(sim, ctx.location));
  if (!args.length) {
    ctx.stderr(flavor === 'bind9' ? '' : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  let name = args[0];
  const rc = resolvConfOf(sim, ctx.location);
  const server = args[1] ?? rc.nameservers[0] ?? CLUSTER_DNS_IP;
  // A node's stub resolver forwards to the upstream: cluster names are not known there.
  const clusterAware = server === CLUSTER_DNS_IP;
  const ask = (n: string, t: 'A' | 'AAAA' | 'SRV' | 'PTR' | 'TXT' | 'CNAME'): DnsReply =>
    clusterAware || !/cluster\.local\.?$|in-addr\.arpa\.?$/.test(n)
      ? query(sim, n, t)
      : { rcode: 'NXDOMAIN', authoritative: false, answers: [] };
  const reverse = /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
  if (reverse) {
    name = name.split('.').reverse().join('.') + '.in-addr.arpa';
    type = 'PTR';
  }

  if (flavor === 'bind9') {
    ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
    const candidates = reverse ? [name] : searchCandidates(name, rc);
    for (const cand of candidates) {
      const r = ask(cand, type);
      if (r.rcode !== 'NOERROR') continue;
      const aaaa = type === 'A' ? ask(cand, 'AAAA') : undefined;
      if (!r.answers.length && !aaaa?.answers.length) {
        ctx.stdout(`*** Can't find ${args[0]}: No answer\n\n`);
        return 1;
      }
      let text = r.authoritative ? '' : 'Non-authoritative answer:\n';
      for (const a of r.answers) {
        if (a.type === 'CNAME') text += `${a.name}\tcanonical name = ${a.data}.\n`;
        else if (a.type === 'A') text += `Name:\t${a.name}\nAddress: ${a.data}\n`;
        else if (a.type === 'PTR') text += `${a.name}\tname = ${a.data}.\n`;
        else if (a.type === 'SRV') text += `${a.name}\tservice = ${a.data}.\n`;
        else text += `${a.name}\ttext = ${a.data}\n`;
      }
      ctx.stdout(text + '\n');
      return 0;
    }
    ctx.stdout(`** server can't find ${reverse ? name : args[0]}: NXDOMAIN\n\n`);
    return 1;
  }

  if (flavor === 'busybox-1.28') {
    const reverseName = (ip: string) => {
      const r = query(sim, ip.split('.').reverse().join('.') + '.in-addr.arpa', 'PTR');
      return r.answers[0]?.data;
    };
    const srvName = reverseName(server);
    ctx.stdout(`Server:    ${server}\nAddress 1: ${server}${srvName ? ' ' + srvName : ''}\n\n`);
    const found = resolveHost(sim, args[0], rc);
    if (!found) {
      ctx.stderr(`nslookup: can't resolve '${args[0]}'\n`);
      return 1;
    }
    let text = `Name:      ${args[0]}\n`;
    found.addresses.forEach((ip, i) => {
      const rn = reverseName(ip);
      text += `Address ${i + 1}: ${ip}${rn ? ' ' + rn : ''}\n`;
    });
    ctx.stdout(text);
    return 0;
  }

  // busybox ≥ 1.29: search list only for names without a dot; A then AAAA for each
  ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  // networking/nslookup.c: the search list only for names without a dot; all
  // queries go out (A, then AAAA) and every reply is printed; any error → exit 1.
  const names = reverse || name.includes('.') || !rc.search.length ? [name] : rc.search.map((d) => `${name}.${d}`);
  let failed = false;
  let text = '';
  for (const n of names) {
    const types = type === 'A' ? (['A', 'AAAA'] as const) : ([type] as const);
    for (const t of types) {
      const r = ask(n, t);
      if (r.rcode !== 'NOERROR') {
        text += `** server can't find ${n}: ${r.rcode}\n\n`;
        failed = true;
        continue;
      }
      if (!r.authoritative && r.answers.length) text += 'Non-authoritative answer:\n';
      for (const a of r.answers) {
        if (a.type === 'CNAME') text += `${a.name}\tcanonical name = ${a.data}\n`;
        else if (a.type === 'A' || a.type === 'AAAA') text += `Name:\t${a.name}\nAddress: ${a.data}\n`;
        else if (a.type === 'PTR') text += `${a.name}\tname = ${a.data}\n`;
        else if (a.type === 'SRV') text += `${a.name}\tservice = ${a.data}\n`;
        else text += `${a.name}\ttext = ${a.data}\n`;
      }
      text += '\n';
    }
  }
  ctx.stdout(text);
  return failed ? 1 : 0;
}

export function registerNetworkCommands(sim: Sim): void {
  sim.commands.register({ name: 'curl', run: curl, available: (loc, s) => hasBinary(s, loc, 'curl') });
  sim.commands.register({ name: 'wget', run: wget, available: (loc, s) => hasBinary(s, loc, 'wget') });
  sim.commands.register({ name: 'nslookup', run: nslookup, available: (loc, s) => hasBinary(s, loc, 'nslookup') });
  registerApt(sim, (loc, s, name) => hasBinary(s, loc, name));
  registerDiagCommands(sim, (loc, s, name) => hasBinary(s, loc, name));
}
