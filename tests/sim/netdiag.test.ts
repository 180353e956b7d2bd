/**
 * Network diagnostics in containers (sim/network/diag.ts) and `ls` on a terminal (sim/shell/utils.ts).
 *
 * Sources:
 * - busybox 1.37 networking/ping.c (FEATURE_FANCY_PING): ping() "PING %s (%s): %d data bytes" with the host as
 *   typed; unpack_tail "%d bytes from %s: seq=%u ttl=%d" + " time=%u.%03u ms" (µs), seq from 0;
 *   print_stats_and_exit "\n--- %s ping statistics ---\n%lu packets transmitted, %lu packets received, %lu%% packet
 *   loss\n" + "round-trip min/avg/max = %u.%03u/%u.%03u/%u.%03u ms\n" (integer average), exit
 *   (nrecv == 0 || (deadline && nrecv < pingcount)); sendping_tail: -w checked before each send, after the last of
 *   -c CNT an alarm of -W (default MAXWAIT 10 s) when nothing came back, else ~2 RTT (at least 1 s);
 *   xhost_and_af2sockaddr → "bad address '%s'"; getopt32 failure → bb_show_usage.
 * - iputils ping/ping.c (20240117 noble, 20240905 trixie): main getaddrinfo failure error(2, 0, "%s: %s", target,
 *   gai_strerror) → "Name or service not known", exit 2; no target → error(1, EDESTADDRREQ, "usage error");
 *   ping4_run "PING %s (%s) %zu(%zu) bytes of data." with ai_canonname (a numeric target as typed, F_NUMERIC);
 *   pr_echo_reply " icmp_seq=%u" from 1; _pr_addr "%s (%s)" only when the reverse name differs from the address.
 *   ping_common.c gather_statistics "%d bytes from %s:" " ttl=%d" and the time with 3/2/1/0 decimals as it grows;
 *   finish(): "\n--- %s ping statistics ---\n", "%ld packets transmitted, %ld received", ", %g%% packet loss" of a
 *   float, ", time %ldms" (last send − start), "\n", "rtt min/avg/max/mdev = …" only with replies, then "\n" (so an
 *   unanswered ping ends with an empty line); exit !nreceived || (deadline && nreceived < npackets);
 *   __schedule_exit: lingertime (10 s) without replies.
 * - busybox networking/interface.c ife_print (ifconfig): "%-9s Link encap:%s  ", "HWaddr %s  " (upper case),
 *   "          inet addr:%s " " Bcast:%s " " Mask:%s", inet6 "addr: %s/%d Scope:", flags then " MTU:%d  Metric:%d",
 *   "collisions:%lu " "txqueuelen:%d ", print_bytes_scaled "X bytes:%llu (%llu.%u %sB)"; if_readlist sorts by name.
 * - net-tools 2.10 lib/interface.c ife_print_long: "%s: flags=%d<…>  mtu %d", "        inet %s  netmask %s
 *   broadcast %s", "        inet6 %s  prefixlen %d  scopeid 0x%x<link|host>", "        ether %s  txqueuelen %d
 *   (Ethernet)" / "        loop  txqueuelen %d  (Local Loopback)", "RX packets %llu  bytes %llu (%lu.%lu %s)", …
 * - busybox networking/libiproute/ipaddress.c print_linkinfo ("%d: %s", "@%s: " with M-DOWN for a link in another
 *   namespace, "mtu %u ", "qdisc %s ", "qlen %d" when non-zero) and print_addrinfo ("    inet %s/%d brd %s scope %s
 *   <label>", "       valid_lft forever preferred_lft forever"); iproute.c print_route ("default ", "via %s ",
 *   "dev %s ", "scope %s ", " src %s ").
 * - busybox networking/netstat.c: "Proto Recv-Q Send-Q %-23s %-23s State       %s", "%s   %6lu %6lu %-23s %-23s
 *   %-12s" + "%.20s" PID/program ("tcp" for tcp6 too); net-tools netstat.c tcp_do_one "%-4s  %6ld %6ld %-*s %-*s
 *   %-11s", finish_this_one " %-20s", prg_cache_load "PID/cmdline" cut to 19 characters, "-" for processes it
 *   cannot see (another container's PID namespace).
 * - flannel (kube-flannel.yml, vxlan, cni bridge delegate with isDefaultGateway): pod /24 from the node's podCIDR,
 *   gateway .1 (cni0), MTU 1450; TTL 64 across the bridge, 62 between nodes (routed by both), 63 to another node's
 *   address; kube-proxy iptables mode has no rule for ICMP to a ClusterIP.
 * - GNU coreutils src/ls.c: decode_switches (format many_per_line when isatty(STDOUT_FILENO)), calculate_columns,
 *   print_many_per_line and indent (tabs at tabsize 8), line_length 80 without a window size; busybox
 *   coreutils/ls.c display_files (column_width = longest + 2, terminal width − 1, filled down the columns).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { fmtG, iputilsTime } from '../../sim/network/diag';
import { busyboxColumns, gnuColumns } from '../../sim/shell/utils';

type C = ReturnType<typeof createCluster>;

function run(c: C, script: string) {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

const pod = (name: string, node: string, image: string, command?: string[]) =>
  `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: ${name}\nspec:\n  nodeName: ${node}\n  containers:\n  - name: c\n    image: ${image}\n${command ? `    command: ${JSON.stringify(command)}\n` : ''}EOF`;

/** a (busybox) and b (busybox) on k8s-node1, c (busybox) on k8s-node2, web (nginx) on node2 behind Service web */
function lab(): C {
  const c = createCluster();
  run(c, pod('a', 'k8s-node1', 'busybox', ['sleep', '3600']));
  run(c, pod('b', 'k8s-node1', 'busybox', ['sleep', '3600']));
  run(c, pod('c', 'k8s-node2', 'busybox', ['sleep', '3600']));
  run(c, pod('web', 'k8s-node2', 'nginx'));
  run(c, 'kubectl expose pod web --port 80');
  return c;
}

const ipOf = (c: C, name: string) => run(c, `kubectl get pod ${name} -o jsonpath='{.status.podIP}'`).out;
const clusterIP = (c: C) => run(c, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'").out;

/** µs from a printed "12.345" */
const us = (t: string) => Math.round(Number(t) * 1000);

describe('busybox ping (networking/ping.c)', () => {
  // target → expected TTL (flannel: bridge 64, across nodes 62, a node's own address 64, another node's 63)
  it.each([
    ['a pod on the same node', (c: C) => ipOf(c, 'b'), 64],
    ['a pod on another node', (c: C) => ipOf(c, 'c'), 62],
    ['its own node', () => '192.168.56.31', 64],
    ['another node', () => '192.168.56.30', 63],
    ['its gateway (cni0)', () => '10.244.1.1', 64],
    ['loopback', () => '127.0.0.1', 64],
    ['an internet host', () => 'google.com', 115],
  ])('%s answers with TTL %#', (_, target, ttl) => {
    const c = lab();
    const host = target(c);
    const r = run(c, `kubectl exec a -- ping -c 3 ${host}`);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^PING ${host.replace(/\./g, '\\.')} \\((\\d+\\.){3}\\d+\\): 56 data bytes$`));
    const addr = /\((.*)\)/.exec(lines[0])![1];
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const m = new RegExp(`^64 bytes from ${addr.replace(/\./g, '\\.')}: seq=${i} ttl=${ttl} time=(\\d+\\.\\d{3}) ms$`).exec(lines[1 + i]);
      expect(m, lines[1 + i]).not.toBeNull();
      times.push(us(m![1]));
    }
    // the statistics are computed from the same round trips, with busybox's integer average
    const f = (x: number) => `${Math.floor(x / 1000)}.${String(x % 1000).padStart(3, '0')}`;
    const avg = Math.floor(times.reduce((a, b) => a + b, 0) / 3);
    expect(lines.slice(4).join('\n')).toBe(
      `\n--- ${host} ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip min/avg/max = ${f(Math.min(...times))}/${f(avg)}/${f(Math.max(...times))} ms\n`,
    );
  });

  it('round trips: bridge < 0.2 ms, across nodes < 2.5 ms, the internet tens of ms', () => {
    const c = lab();
    const max = (out: string) => Math.max(...[...out.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1])));
    const min = (out: string) => Math.min(...[...out.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1])));
    expect(max(run(c, `kubectl exec a -- ping -c 4 ${ipOf(c, 'b')}`).out)).toBeLessThan(0.3);
    const across = run(c, `kubectl exec a -- ping -c 4 ${ipOf(c, 'c')}`).out;
    expect(min(across)).toBeGreaterThan(0.3);
    expect(max(across)).toBeLessThan(2.5);
    expect(min(run(c, 'kubectl exec a -- ping -c 4 google.com').out)).toBeGreaterThan(20);
  });

  it.each([
    ['the ClusterIP', (c: C) => clusterIP(c), (c: C) => clusterIP(c)],
    ['the Service name (resolved through the search list)', () => 'web', (c: C) => clusterIP(c)],
    ['an internet host that drops ICMP (github.com)', () => 'github.com', () => '20.200.245.247'],
  ])('%s: no answer, 100%% packet loss, exit 1 after -W (10 s) past the last echo', (_, target, addr) => {
    const c = lab();
    const host = target(c);
    const t0 = c.now();
    const r = run(c, `kubectl exec a -- ping -c 2 ${host}`);
    expect(r).toEqual({
      out: `PING ${host} (${addr(c)}): 56 data bytes\n\n--- ${host} ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(c.now() - t0).toBeGreaterThanOrEqual(11_000);
    expect(c.now() - t0).toBeLessThan(12_000);
  });

  it.each([
    ['unknown name', 'kubectl exec a -- ping -c 1 nosuch', { out: '', err: "ping: bad address 'nosuch'\ncommand terminated with exit code 1\n", code: 1 }],
    ['no host: usage', 'kubectl exec a -- ping', { out: '', code: 1 }],
    ['unknown option: usage', 'kubectl exec a -- ping -z 1.1.1.1', { out: '', code: 1 }],
  ])('%s', (_, cmd, want: { out: string; code: number; err?: string }) => {
    const c = lab();
    const r = run(c, cmd);
    expect(r).toMatchObject(want);
    if (!want.err) expect(r.err).toMatch(/^BusyBox v1\.37\.0 .*\n\nUsage: ping \[OPTIONS\] HOST\n/);
  });

  it.each([
    ['-q: only the header and the statistics', '-q -c 2 google.com', /^PING google\.com \(142\.250\.207\.46\): 56 data bytes\n\n--- google\.com ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip/],
    ['-s 100: the data size', '-c 1 -s 100 google.com', /^PING google\.com \(142\.250\.207\.46\): 100 data bytes\n108 bytes from 142\.250\.207\.46: seq=0 /],
    ['-w 3: the deadline is checked before each send', '-w 3 google.com', /\n3 packets transmitted, 3 packets received, 0% packet loss\n/],
    ['localhost: ::1 first (/etc/hosts, RFC 6724 order)', '-c 1 localhost', /^PING localhost \(::1\): 56 data bytes\n64 bytes from ::1: seq=0 ttl=64 /],
  ])('%s', (_, args, re) => {
    const c = lab();
    expect(run(c, `kubectl exec a -- ping ${args}`).out).toMatch(re);
  });

  it('each echo is a second of simulated time; -i changes the interval', () => {
    const c = lab();
    let t0 = c.now();
    run(c, 'kubectl exec a -- ping -c 5 google.com');
    expect(c.now() - t0).toBeGreaterThanOrEqual(4000);
    expect(c.now() - t0).toBeLessThan(5000);
    t0 = c.now();
    run(c, 'kubectl exec a -- ping -c 5 -i 0.2 google.com');
    expect(c.now() - t0).toBeLessThan(1000);
  });
});

describe('ping without -c or -w: interrupted after four echoes', () => {
  it('on a terminal (kubectl exec -it): the echoed ^C, then the statistics as on SIGINT', () => {
    const c = lab();
    const ip = ipOf(c, 'b');
    const t0 = c.now();
    const r = run(c, `kubectl exec -it a -- ping ${ip}`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`seq=3 ttl=64 time=[\\d.]+ ms\\n\\^C\\n--- ${ip.replace(/\./g, '\\.')} ping statistics ---\\n4 packets transmitted, 4 packets received, 0% packet loss\\n`));
    expect(c.now() - t0).toBeGreaterThanOrEqual(3000);
    expect(c.now() - t0).toBeLessThan(4500);
  });

  it('without a terminal: no ^C; nothing answered → exit 1', () => {
    const c = lab();
    const r = run(c, `kubectl exec a -- ping ${clusterIP(c)}`);
    expect(r.out).not.toContain('^C');
    expect(r.out).toContain('\n4 packets transmitted, 0 packets received, 100% packet loss\n');
    expect(r.code).toBe(1);
  });
});

describe('iputils ping (ubuntu after apt-get install iputils-ping)', () => {
  function withIputils(): C {
    const c = lab();
    run(c, pod('u', 'k8s-node1', 'ubuntu:24.04', ['sleep', 'infinity']));
    run(c, 'kubectl exec u -- apt-get update');
    run(c, 'kubectl exec u -- apt-get install -y iputils-ping');
    return c;
  }

  it('a pod IP: numeric, no reverse lookup; icmp_seq from 1; rtt min/avg/max/mdev', () => {
    const c = withIputils();
    const ip = ipOf(c, 'c');
    const r = run(c, `kubectl exec u -- ping -c 3 ${ip}`);
    expect(r.code).toBe(0);
    const e = ip.replace(/\./g, '\\.');
    expect(r.out).toMatch(
      new RegExp(
        `^PING ${e} \\(${e}\\) 56\\(84\\) bytes of data\\.\\n` +
          `64 bytes from ${e}: icmp_seq=1 ttl=62 time=[\\d.]+ ms\\n64 bytes from ${e}: icmp_seq=2 ttl=62 time=[\\d.]+ ms\\n64 bytes from ${e}: icmp_seq=3 ttl=62 time=[\\d.]+ ms\\n` +
          `\\n--- ${e} ping statistics ---\\n3 packets transmitted, 3 received, 0% packet loss, time 200\\dms\\n` +
          'rtt min/avg/max/mdev = \\d+\\.\\d{3}/\\d+\\.\\d{3}/\\d+\\.\\d{3}/\\d+\\.\\d{3} ms\\n$',
      ),
    );
    const [min, avg, max] = /= ([\d.]+)\/([\d.]+)\/([\d.]+)\//.exec(r.out)!.slice(1).map(Number);
    expect(min).toBeLessThanOrEqual(avg);
    expect(avg).toBeLessThanOrEqual(max);
  });

  it('the Service name: canonical name in the header, no answer, the empty line finish() leaves, exit 1', () => {
    const c = withIputils();
    const r = run(c, 'kubectl exec u -- ping -c 2 web');
    expect(r.out).toMatch(
      new RegExp(
        `^PING web\\.default\\.svc\\.cluster\\.local \\(${clusterIP(c).replace(/\./g, '\\.')}\\) 56\\(84\\) bytes of data\\.\\n\\n` +
          '--- web\\.default\\.svc\\.cluster\\.local ping statistics ---\\n2 packets transmitted, 0 received, 100% packet loss, time 100\\dms\\n\\n$',
      ),
    );
    expect(r.code).toBe(1);
  });

  it.each([
    ['unknown name: gai_strerror, exit 2', 'kubectl exec u -- ping -c 1 nosuch', { out: '', err: 'ping: nosuch: Name or service not known\ncommand terminated with exit code 2\n', code: 2 }],
    ['no destination: exit 1', 'kubectl exec u -- ping', { out: '', err: 'ping: usage error: Destination address required\ncommand terminated with exit code 1\n', code: 1 }],
  ])('%s', (_, cmd, want) => {
    expect(run(withIputils(), cmd)).toEqual(want);
  });

  it('its own hostname: /etc/hosts both ways, "name (address)"', () => {
    const c = withIputils();
    const ip = ipOf(c, 'u');
    expect(run(c, 'kubectl exec u -- ping -c 1 u').out).toMatch(new RegExp(`^PING u \\(${ip}\\) 56\\(84\\) bytes of data\\.\\n64 bytes from u \\(${ip}\\): icmp_seq=1 ttl=64 time=0\\.0\\d\\d ms\\n`));
  });

  it('a reply from the simulated internet without a PTR record shows the address once', () => {
    const c = withIputils();
    expect(run(c, 'kubectl exec u -- ping -c 1 google.com').out).toMatch(/^PING google\.com \(142\.250\.207\.46\) 56\(84\) bytes of data\.\n64 bytes from 142\.250\.207\.46: icmp_seq=1 ttl=115 time=\d\d\.\d ms\n/);
  });

  it('the nginx (trixie) image has no ping until iputils-ping is installed', () => {
    const c = lab();
    expect(run(c, 'kubectl exec web -- ping -c 1 127.0.0.1').code).toBe(1);
    run(c, 'kubectl exec web -- apt-get update');
    run(c, 'kubectl exec web -- apt-get install -y iputils-ping');
    expect(run(c, 'kubectl exec web -- ping -c 1 127.0.0.1').out).toMatch(/^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 56\(84\) bytes of data\.\n64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 /);
  });

  it('from the node (the reader\'s prompt): TTL 63 to a pod on another node, 64 to one on this node', () => {
    const c = withIputils();
    run(c, pod('m', 'k8s-master', 'busybox', ['sleep', '3600']));
    expect(run(c, `ping -c 1 ${ipOf(c, 'a')}`).out).toContain(' ttl=63 ');
    expect(run(c, `ping -c 1 ${ipOf(c, 'm')}`).out).toContain(' ttl=64 ');
  });
});

describe('iputils number formats', () => {
  it.each([
    [51, '0.051'],
    [999, '0.999'],
    [1000, '1.00'],
    [1418, '1.42'],
    [9994, '9.99'],
    [9995, '10.0'],
    [34338, '34.3'],
    [99949, '99.9'],
    [99950, '100'],
    [262400, '262'],
  ])('gather_statistics time of %i µs is "%s"', (t, want) => {
    expect(iputilsTime(t)).toBe(want);
  });

  it.each([
    [0, '0'],
    [100, '100'],
    [25, '25'],
    [100 / 3, '33.3333'],
    [200 / 3, '66.6667'],
    [12.5, '12.5'],
  ])('%%g of (float)%f is "%s"', (x, want) => {
    expect(fmtG(x)).toBe(want);
  });
});

describe('the same ping twice: deterministic, and no draw from sim.rand', () => {
  it('two fresh clusters print the same', () => {
    const outs = [lab(), lab()].map((c) => run(c, `kubectl exec a -- ping -c 5 ${ipOf(c, 'c')}`).out);
    expect(outs[0]).toBe(outs[1]);
  });

  it('sim.rand is where `true` leaves it', () => {
    const states = [`ping -c 1 127.0.0.1`, 'true'].map((cmd) => {
      const c = lab();
      run(c, 'kubectl exec -it a -- sh');
      run(c, cmd);
      return c.sim.rand.getState();
    });
    expect(states[0]).toBe(states[1]);
  });
});

describe('ifconfig', () => {
  it('busybox: eth0 (pod /24, MTU 1450, veth txqueuelen 0) and lo, sorted by name', () => {
    const c = lab();
    const ip = ipOf(c, 'a');
    const net = ip.split('.').slice(0, 3).join('.');
    const r = run(c, 'kubectl exec a -- ifconfig');
    expect(r.out).toMatch(
      new RegExp(
        '^eth0      Link encap:Ethernet  HWaddr ([0-9A-F]{2}:){5}[0-9A-F]{2}  \\n' +
          `          inet addr:${ip}  Bcast:${net}\\.255  Mask:255\\.255\\.255\\.0\\n` +
          '          inet6 addr: fe80::[0-9a-f:]+/64 Scope:Link\\n' +
          '          UP BROADCAST RUNNING MULTICAST  MTU:1450  Metric:1\\n' +
          '          RX packets:\\d+ errors:0 dropped:0 overruns:0 frame:0\\n' +
          '          TX packets:\\d+ errors:0 dropped:0 overruns:0 carrier:0\\n' +
          '          collisions:0 txqueuelen:0 \\n' +
          '          RX bytes:\\d+ \\(\\d+\\.\\d (Ki)?B\\)  TX bytes:\\d+ \\(\\d+\\.\\d (Ki)?B\\)\\n\\n' +
          'lo        Link encap:Local Loopback  \\n' +
          '          inet addr:127\\.0\\.0\\.1  Mask:255\\.0\\.0\\.0\\n' +
          '          inet6 addr: ::1/128 Scope:Host\\n' +
          '          UP LOOPBACK RUNNING  MTU:65536  Metric:1\\n',
      ),
    );
    // the link-local address is the MAC's EUI-64 (universal/local bit flipped)
    const mac = /HWaddr (\S+)/.exec(r.out)![1].toLowerCase().split(':').map((h) => parseInt(h, 16));
    const eui = [mac[0] ^ 2, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]];
    const groups = [0, 2, 4, 6].map((i) => ((eui[i] << 8) | eui[i + 1]).toString(16));
    expect(r.out).toContain(`inet6 addr: fe80::${groups.join(':')}/64 Scope:Link`);
  });

  it.each([
    ['an unknown interface', 'ifconfig eth1', { out: '', err: 'ifconfig: eth1: error fetching interface information: Device not found\ncommand terminated with exit code 1\n', code: 1 }],
  ])('busybox: %s', (_, cmd, want) => {
    expect(run(lab(), `kubectl exec a -- ${cmd}`)).toEqual(want);
  });

  it('net-tools (after apt-get install net-tools): the 2.x layout', () => {
    const c = lab();
    run(c, pod('u', 'k8s-node1', 'ubuntu:24.04', ['sleep', 'infinity']));
    run(c, 'kubectl exec u -- apt-get update');
    run(c, 'kubectl exec u -- apt-get install -y net-tools');
    const ip = ipOf(c, 'u');
    const r = run(c, 'kubectl exec u -- ifconfig');
    expect(r.out).toMatch(
      new RegExp(
        '^eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1450\\n' +
          `        inet ${ip}  netmask 255\\.255\\.255\\.0  broadcast ${ip.replace(/\.\d+$/, '')}\\.255\\n` +
          '        inet6 fe80::[0-9a-f:]+  prefixlen 64  scopeid 0x20<link>\\n' +
          '        ether ([0-9a-f]{2}:){5}[0-9a-f]{2}  txqueuelen 0  \\(Ethernet\\)\\n' +
          '        RX packets \\d+  bytes \\d+ \\(\\d+\\.\\d (KiB|B)\\)\\n' +
          '        RX errors 0  dropped 0  overruns 0  frame 0\\n' +
          '        TX packets \\d+  bytes \\d+ \\(\\d+\\.\\d (KiB|B)\\)\\n' +
          '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\\n\\n' +
          'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\\n' +
          '        inet 127\\.0\\.0\\.1  netmask 255\\.0\\.0\\.0\\n' +
          '        inet6 ::1  prefixlen 128  scopeid 0x10<host>\\n' +
          '        loop  txqueuelen 1000  \\(Local Loopback\\)\\n' +
          '        RX packets 0  bytes 0 \\(0\\.0 B\\)\\n',
      ),
    );
  });

  it('is not on the node (net-tools is not part of the host model)', () => {
    expect(run(lab(), 'ifconfig')).toMatchObject({ err: 'ifconfig: command not found\n', code: 127 });
  });
});

describe('busybox ip', () => {
  it('ip addr: lo, then eth0@ifN with M-DOWN (its peer lives in the node namespace), no qlen for the veth', () => {
    const c = lab();
    const ip = ipOf(c, 'a');
    const net = ip.split('.').slice(0, 3).join('.');
    for (const cmd of ['ip addr', 'ip a', 'ip address show']) {
      expect(run(c, `kubectl exec a -- ${cmd}`).out).toMatch(
        new RegExp(
          '^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\\n' +
            '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\\n' +
            '    inet 127\\.0\\.0\\.1/8 scope host lo\\n       valid_lft forever preferred_lft forever\\n' +
            '    inet6 ::1/128 scope host \\n       valid_lft forever preferred_lft forever\\n' +
            '2: eth0@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \\n' +
            '    link/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\\n' +
            `    inet ${ip}/24 brd ${net}\\.255 scope global eth0\\n       valid_lft forever preferred_lft forever\\n` +
            '    inet6 fe80::[0-9a-f:]+/64 scope link \\n       valid_lft forever preferred_lft forever\\n$',
        ),
      );
    }
  });

  it('ip route: flannel\'s default and cluster routes via the cni0 gateway, the node subnet on link', () => {
    const c = lab();
    const ip = ipOf(c, 'c');
    const net = ip.split('.').slice(0, 3).join('.');
    expect(run(c, 'kubectl exec c -- ip route').out).toBe(`default via ${net}.1 dev eth0 \n10.244.0.0/16 via ${net}.1 dev eth0 \n${net}.0/24 dev eth0 scope link  src ${ip} \n`);
  });
});

describe('netstat', () => {
  function duo(): C {
    const c = createCluster();
    run(c, `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: duo\nspec:\n  containers:\n  - name: web\n    image: nginx\n  - name: side\n    image: busybox\n    command: ["sleep", "3600"]\nEOF`);
    return c;
  }
  const HEAD = 'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       ';

  it.each([
    [
      '-tln: nginx listens on 0.0.0.0:80 and [::]:80 (default.conf); busybox names tcp6 "tcp"',
      'netstat -tln',
      `${HEAD}\ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \ntcp        0      0 :::80                   :::*                    LISTEN      \n`,
    ],
    [
      '-tlnp from the sidecar: the process is in another PID namespace, so "-"',
      'netstat -tlnp',
      `${HEAD}PID/Program name    \ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -\ntcp        0      0 :::80                   :::*                    LISTEN      -\n`,
    ],
    ['-tn: no connections (w/o servers)', 'netstat -tn', 'Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n'],
    [
      '-an: servers and established, then the UNIX header',
      'netstat -an',
      'Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \ntcp        0      0 :::80                   :::*                    LISTEN      \nActive UNIX domain sockets (servers and established)\nProto RefCnt Flags       Type       State         I-Node Path\n',
    ],
  ])('busybox %s', (_, cmd, want) => {
    expect(run(duo(), `kubectl exec duo -c side -- ${cmd}`)).toEqual({ out: want, err: '', code: 0 });
  });

  it('net-tools -tlnp: tcp6 named, " %-20s" program column, "-" for nginx in the other container', () => {
    // a pod of nginx and ubuntu (noble, where net-tools installs): netstat runs in the ubuntu container
    const c = createCluster();
    run(c, `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nu\nspec:\n  containers:\n  - name: web\n    image: nginx\n  - name: u\n    image: ubuntu:24.04\n    command: ["sleep", "infinity"]\nEOF`);
    run(c, 'kubectl exec nu -c u -- apt-get update');
    run(c, 'kubectl exec nu -c u -- apt-get install -y net-tools');
    expect(run(c, 'kubectl exec nu -c u -- netstat -tlnp').out).toBe(
      'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -                   \n' +
        'tcp6       0      0 :::80                   :::*                    LISTEN      -                   \n',
    );
  });
});

describe('ls: columns on a terminal, one per line otherwise', () => {
  it.each([
    ['six short names fit one line; a tab where the gap reaches a tab stop', ['etc', 'home', 'opt', 'root', 'tmp', 'var'], 80, 'etc  home  opt\troot  tmp  var\n'],
    ['a name too long for two columns: one per line', ['a'.repeat(50), 'b'.repeat(40)], 80, `${'a'.repeat(50)}\n${'b'.repeat(40)}\n`],
    ['filled down the columns, widths per column', ['a', 'bb', 'ccc', 'dddd', 'eeeee'], 12, 'a    dddd\nbb   eeeee\nccc\n'],
    ['nothing', [], 80, ''],
  ])('GNU: %s', (_, names, width, want) => {
    expect(gnuColumns(names, width)).toBe(want);
  });

  it.each([
    ['one width for all: longest + 2', ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'tmp', 'usr', 'var'], 79, 'bin   dev   etc   home  proc  root  tmp   usr   var\n'],
    ['rows when the terminal is narrow', ['hostname', 'hosts', 'os-release', 'resolv.conf'], 30, 'hostname     os-release\nhosts        resolv.conf\n'],
  ])('busybox: %s', (_, names, width, want) => {
    expect(busyboxColumns(names, width)).toBe(want);
  });

  it.each([
    ['the reader\'s prompt (a terminal): GNU columns', 'ls /', 'etc  home  opt\troot  tmp  var\n'],
    ['piped: one per line', 'ls / | cat', 'etc\nhome\nopt\nroot\ntmp\nvar\n'],
    ['-1 on a terminal', 'ls -1 /', 'etc\nhome\nopt\nroot\ntmp\nvar\n'],
    ['-C into a pipe', 'ls -C / | cat', 'etc  home  opt\troot  tmp  var\n'],
    ['$COLUMNS narrows the line', 'COLUMNS=20 ls /', 'etc   opt   tmp\nhome  root  var\n'],
  ])('%s', (_, cmd, want) => {
    expect(run(createCluster(), cmd)).toEqual({ out: want, err: '', code: 0 });
  });

  it('busybox in kubectl exec -it: columns 79 wide; kubectl exec without -t: one per line; ls -l unchanged', () => {
    const c = lab();
    expect(run(c, 'kubectl exec a -- ls /').out).toBe('bin\ndev\netc\nhome\nproc\nroot\ntmp\nusr\nvar\n');
    expect(run(c, 'kubectl exec -it a -- ls /').out).toBe('bin   dev   etc   home  proc  root  tmp   usr   var\n');
    const long = run(c, 'kubectl exec a -- ls -l /etc').out;
    expect(run(c, 'kubectl exec -it a -- ls -l /etc').out).toBe(long);
    expect(long.split('\n')[0]).toMatch(/^total \d+$/);
  });
});
