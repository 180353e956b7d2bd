/**
 * apt-get and apt in the Debian/Ubuntu images of the catalogue, fetching from the simulated internet.
 *
 * What is modelled, and from where (each text from recorded real runs in the official images; formats from apt's
 * sources, see tests/sim/apt.test.ts):
 * - the release from the container's /etc/os-release (VERSION_CODENAME): noble (ubuntu), trixie (nginx, debian);
 * - `update`: the Get: lines of a fresh image (no lists yet), Hit: once the lists are there, "Fetched …", then
 *   "Reading package lists..." (apt-private: quiet=1 when stdout is not a terminal, so no "... Done" there);
 *   a name that does not resolve gives Err:/W: lines (apt-pkg acquire-worker);
 * - `install`: "E: Unable to locate package" without lists; otherwise the dependency lists, sizes, Get: lines,
 *   debconf's frontend fallbacks, dpkg's unpack/setup lines and triggers of the packages in PACKAGES below, after
 *   which their programs exist in that container (files under /usr/bin, /usr/sbin; dpkg's /var/lib/dpkg/info);
 * - `apt` as apt-get plus its own differences: the "stable CLI interface" warning when stdout is not a terminal,
 *   the upgradable count after update, and apt 3.0's (trixie) "Installing:/Summary:" layout.
 * Packages outside the table, and images without a modelled release, say so instead of inventing an install.
 * On a terminal apt and dpkg also redraw progress lines ("0% [Working]", "(Reading database ... 5%") with \r, at
 * moments that depend on the network; what is printed here is what the terminal is left showing.
 */
import type { Sim } from '../sim';
import type { CommandContext } from '../shell/types';
import type { FileSystem, KubeletService } from '../kubelet/service';
import { resolveHost } from './dns';
import { resolvConfOf } from './commands';

// ------------------------------------------------------------------ data

interface Deb {
  /** as dpkg names it: `libkrb5support0:amd64` for Multi-Arch: same libraries */
  name: string;
  version: string;
  arch: 'amd64' | 'all';
  /** archive component path, e.g. `noble-updates/main` */
  pool: string;
  /** bytes (the Get: line shows apt's rounding) */
  size: number;
  /** programs it installs */
  files?: string[];
}

interface Unit {
  /** requested package */
  pkg: string;
  /** in download / unpack order */
  debs: string[];
  suggested?: string[];
  recommended?: string[];
  /** configure order; an object when the postinst goes through debconf (its frontend fallbacks on stderr) or prints */
  setup: (string | { name: string; debconf?: boolean; out?: string })[];
  /** `Processing triggers for …` and what the trigger prints */
  triggers?: { name: string; out?: string }[];
  /** "After this operation" (Installed-Size sum) */
  installedBytes: number;
}

interface Release {
  codename: string;
  /** apt 3.0 (trixie) prints apt's new layout and hides the progress lines in `apt` */
  apt3: boolean;
  /** update of a fresh image, in the order the lines came */
  gets: string[];
  hits: string[];
  /** InRelease URIs for W: lines, and the hosts they come from */
  sources: { host: string; uri: string; label: string }[];
  debs: Record<string, Deb>;
  /** per image repository: the units that can be installed and what the image already has */
  images: Record<string, { baseFiles: number; upgradable: number; installed: Record<string, string>; units: Record<string, Unit> }>;
  /** debconf's frontend fallbacks when a package configures through it */
  debconf(tty: boolean, stdinLine?: number): string;
  /** dpkg-preconfigure without apt-utils (noble) */
  delaying: boolean;
}

const PERL_538 = '/etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.38.2 /usr/local/share/perl/5.38.2 /usr/lib/x86_64-linux-gnu/perl5/5.38 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.38 /usr/share/perl/5.38 /usr/local/lib/site_perl';
const PERL_540 = '/etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.40.1 /usr/local/share/perl/5.40.1 /usr/lib/x86_64-linux-gnu/perl5/5.40 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.40 /usr/share/perl/5.40 /usr/local/lib/site_perl';

/**
 * debconf's frontends (Debconf/FrontEnd/Dialog.pm: no TERM, or no dialog program; Readline.pm: Term::ReadLine is
 * not in perl-base; Teletype: since debconf 1.5.87 it needs a controlling tty, then Noninteractive). `<STDIN> line N`
 * when dpkg-preconfigure had read apt's package list (apt 3.0 ships apt-extracttemplates).
 */
function debconfFallbacks(perl: string, teletypeNeedsTty: boolean) {
  return (tty: boolean, stdinLine?: number) => {
    const at = stdinLine ? `, <STDIN> line ${stdinLine}.` : '.';
    let s = 'debconf: unable to initialize frontend: Dialog\n';
    s += tty
      ? `debconf: (No usable dialog-like program is installed, so the dialog based frontend cannot be used. at /usr/share/perl5/Debconf/FrontEnd/Dialog.pm line 79${at})\n`
      : 'debconf: (TERM is not set, so the dialog frontend is not usable.)\n';
    s += 'debconf: falling back to frontend: Readline\ndebconf: unable to initialize frontend: Readline\n';
    s += `debconf: (Can't locate Term/ReadLine.pm in @INC (you may need to install the Term::ReadLine module) (@INC entries checked: ${perl}) at /usr/share/perl5/Debconf/FrontEnd/Readline.pm line 8${at})\n`;
    s += 'debconf: falling back to frontend: Teletype\n';
    if (!tty && teletypeNeedsTty) s += 'debconf: unable to initialize frontend: Teletype\ndebconf: (This frontend requires a controlling tty.)\ndebconf: falling back to frontend: Noninteractive\n';
    return s;
  };
}

const deb = (name: string, version: string, arch: Deb['arch'], pool: string, size: number, files?: string[]): [string, Deb] => [name.replace(/:amd64$/, ''), { name, version, arch, pool, size, files }];

/**
 * Ubuntu 24.04 (noble), ubuntu:latest: a fresh container's `apt update` and `apt install -y curl` as recorded in
 * one session (0 upgradable), iputils-ping and net-tools from other runs in the same image (4381 files in dpkg's
 * database before any install). Sizes in bytes agree with apt's rounded figures and totals ("3566 kB").
 */
const NOBLE: Release = {
  codename: 'noble',
  apt3: false,
  gets: [
    'http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]',
    'http://security.ubuntu.com/ubuntu noble-security InRelease [126 kB]',
    'http://security.ubuntu.com/ubuntu noble-security/universe amd64 Packages [1088 kB]',
    'http://archive.ubuntu.com/ubuntu noble-updates InRelease [126 kB]',
    'http://security.ubuntu.com/ubuntu noble-security/restricted amd64 Packages [1434 kB]',
    'http://archive.ubuntu.com/ubuntu noble-backports InRelease [126 kB]',
    'http://security.ubuntu.com/ubuntu noble-security/main amd64 Packages [1081 kB]',
    'http://security.ubuntu.com/ubuntu noble-security/multiverse amd64 Packages [22.1 kB]',
    'http://archive.ubuntu.com/ubuntu noble/restricted amd64 Packages [117 kB]',
    'http://archive.ubuntu.com/ubuntu noble/universe amd64 Packages [19.3 MB]',
    'http://archive.ubuntu.com/ubuntu noble/main amd64 Packages [1808 kB]',
    'http://archive.ubuntu.com/ubuntu noble/multiverse amd64 Packages [331 kB]',
    'http://archive.ubuntu.com/ubuntu noble-updates/universe amd64 Packages [1385 kB]',
    'http://archive.ubuntu.com/ubuntu noble-updates/multiverse amd64 Packages [26.7 kB]',
    'http://archive.ubuntu.com/ubuntu noble-updates/main amd64 Packages [1399 kB]',
    'http://archive.ubuntu.com/ubuntu noble-updates/restricted amd64 Packages [1478 kB]',
    'http://archive.ubuntu.com/ubuntu noble-backports/universe amd64 Packages [31.8 kB]',
    'http://archive.ubuntu.com/ubuntu noble-backports/main amd64 Packages [48.0 kB]',
  ],
  hits: [
    'http://archive.ubuntu.com/ubuntu noble InRelease',
    'http://archive.ubuntu.com/ubuntu noble-updates InRelease',
    'http://archive.ubuntu.com/ubuntu noble-backports InRelease',
    'http://security.ubuntu.com/ubuntu noble-security InRelease',
  ],
  sources: [
    { host: 'archive.ubuntu.com', uri: 'http://archive.ubuntu.com/ubuntu/dists/noble/InRelease', label: 'http://archive.ubuntu.com/ubuntu noble InRelease' },
    { host: 'security.ubuntu.com', uri: 'http://security.ubuntu.com/ubuntu/dists/noble-security/InRelease', label: 'http://security.ubuntu.com/ubuntu noble-security InRelease' },
    { host: 'archive.ubuntu.com', uri: 'http://archive.ubuntu.com/ubuntu/dists/noble-updates/InRelease', label: 'http://archive.ubuntu.com/ubuntu noble-updates InRelease' },
    { host: 'archive.ubuntu.com', uri: 'http://archive.ubuntu.com/ubuntu/dists/noble-backports/InRelease', label: 'http://archive.ubuntu.com/ubuntu noble-backports InRelease' },
  ],
  debs: Object.fromEntries([
    deb('openssl', '3.0.13-0ubuntu3.5', 'amd64', 'noble-updates/main', 1002400, ['/usr/bin/openssl']),
    deb('ca-certificates', '20240203', 'all', 'noble/main', 159400, ['/usr/sbin/update-ca-certificates']),
    deb('krb5-locales', '1.20.1-6ubuntu2.5', 'all', 'noble-updates/main', 14500),
    deb('libkrb5support0:amd64', '1.20.1-6ubuntu2.5', 'amd64', 'noble-updates/main', 34100),
    deb('libk5crypto3:amd64', '1.20.1-6ubuntu2.5', 'amd64', 'noble-updates/main', 82000),
    deb('libkeyutils1:amd64', '1.6.3-3build1', 'amd64', 'noble/main', 9490),
    deb('libkrb5-3:amd64', '1.20.1-6ubuntu2.5', 'amd64', 'noble-updates/main', 347300),
    deb('libgssapi-krb5-2:amd64', '1.20.1-6ubuntu2.5', 'amd64', 'noble-updates/main', 143000),
    deb('libnghttp2-14:amd64', '1.59.0-1ubuntu0.2', 'amd64', 'noble-updates/main', 74300),
    deb('libpsl5t64:amd64', '0.21.2-1.1build1', 'amd64', 'noble/main', 57100),
    deb('publicsuffix', '20231001.0357-0.1', 'all', 'noble/main', 129000),
    deb('libbrotli1:amd64', '1.1.0-2build2', 'amd64', 'noble/main', 331000),
    deb('libsasl2-modules-db:amd64', '2.1.28+dfsg1-5ubuntu3.1', 'amd64', 'noble-updates/main', 20400),
    deb('libsasl2-2:amd64', '2.1.28+dfsg1-5ubuntu3.1', 'amd64', 'noble-updates/main', 53200),
    deb('libldap2:amd64', '2.6.7+dfsg-1~exp1ubuntu8.2', 'amd64', 'noble-updates/main', 196000),
    deb('librtmp1:amd64', '2.4+20151223.gitfa8646d.1-2build7', 'amd64', 'noble/main', 56300),
    deb('libssh-4:amd64', '0.10.6-2build2', 'amd64', 'noble/main', 188000),
    deb('libcurl4t64:amd64', '8.5.0-2ubuntu10.6', 'amd64', 'noble-updates/main', 341000),
    deb('curl', '8.5.0-2ubuntu10.6', 'amd64', 'noble-updates/main', 226000, ['/usr/bin/curl']),
    deb('libldap-common', '2.6.7+dfsg-1~exp1ubuntu8.2', 'all', 'noble-updates/main', 31700),
    deb('libsasl2-modules:amd64', '2.1.28+dfsg1-5ubuntu3.1', 'amd64', 'noble-updates/main', 69900),
    deb('libcap2-bin', '1:2.66-5ubuntu2.2', 'amd64', 'noble-updates/main', 34160, ['/usr/sbin/capsh', '/usr/sbin/getcap', '/usr/sbin/getpcaps', '/usr/sbin/setcap']),
    deb('iputils-ping', '3:20240117-1ubuntu0.1', 'amd64', 'noble-updates/main', 44560, ['/usr/bin/ping']),
    deb('libpam-cap:amd64', '1:2.66-5ubuntu2.2', 'amd64', 'noble-updates/main', 12460),
    deb('net-tools', '2.10-0.1ubuntu4', 'amd64', 'noble/main', 204000, ['/usr/bin/netstat', '/usr/sbin/arp', '/usr/sbin/ifconfig', '/usr/sbin/route']),
  ]),
  images: {},
  debconf: debconfFallbacks(PERL_538, false),
  delaying: true,
};

NOBLE.images['docker.io/library/ubuntu'] = {
  baseFiles: 4381,
  upgradable: 0,
  installed: {},
  units: {
    curl: {
      pkg: 'curl',
      debs: ['openssl', 'ca-certificates', 'krb5-locales', 'libkrb5support0', 'libk5crypto3', 'libkeyutils1', 'libkrb5-3', 'libgssapi-krb5-2', 'libnghttp2-14', 'libpsl5t64', 'publicsuffix', 'libbrotli1', 'libsasl2-modules-db', 'libsasl2-2', 'libldap2', 'librtmp1', 'libssh-4', 'libcurl4t64', 'curl', 'libldap-common', 'libsasl2-modules'],
      suggested: ['krb5-doc', 'krb5-user', 'libsasl2-modules-gssapi-mit', '| libsasl2-modules-gssapi-heimdal', 'libsasl2-modules-ldap', 'libsasl2-modules-otp', 'libsasl2-modules-sql'],
      setup: ['libkeyutils1', 'libbrotli1', 'libsasl2-modules', 'libpsl5t64', 'libnghttp2-14', 'krb5-locales', 'libldap-common', 'libkrb5support0', 'libsasl2-modules-db', 'librtmp1', 'libk5crypto3', 'libsasl2-2', 'libkrb5-3', 'openssl', 'publicsuffix', 'libldap2', { name: 'ca-certificates', debconf: true, out: 'Updating certificates in /etc/ssl/certs...\n146 added, 0 removed; done.\n' }, 'libgssapi-krb5-2', 'libssh-4', 'libcurl4t64', 'curl'],
      triggers: [
        { name: 'libc-bin (2.39-0ubuntu8.4)' },
        { name: 'ca-certificates (20240203)', out: 'Updating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n' },
      ],
      installedBytes: 9211000,
    },
    'iputils-ping': {
      pkg: 'iputils-ping',
      debs: ['libcap2-bin', 'iputils-ping', 'libpam-cap'],
      setup: ['libcap2-bin', { name: 'libpam-cap', debconf: true }, 'iputils-ping'],
      installedBytes: 322000,
    },
    'net-tools': { pkg: 'net-tools', debs: ['net-tools'], setup: ['net-tools'], installedBytes: 811000 },
  },
};

/**
 * Debian 13 (trixie): the nginx image (nginx:1.29, trixie; it already has curl, 6704 files in dpkg's database,
 * one upgradable package in the recorded archive state), `apt update` and `apt install -y iputils-ping` as recorded.
 */
const TRIXIE: Release = {
  codename: 'trixie',
  apt3: true,
  gets: [
    'http://deb.debian.org/debian trixie InRelease [140 kB]',
    'http://deb.debian.org/debian trixie-updates InRelease [47.3 kB]',
    'http://deb.debian.org/debian-security trixie-security InRelease [43.4 kB]',
    'http://deb.debian.org/debian trixie/main amd64 Packages [9673 kB]',
    'http://deb.debian.org/debian trixie-updates/main amd64 Packages [4412 B]',
    'http://deb.debian.org/debian-security trixie-security/main amd64 Packages [227 kB]',
  ],
  hits: [
    'http://deb.debian.org/debian trixie InRelease',
    'http://deb.debian.org/debian trixie-updates InRelease',
    'http://deb.debian.org/debian-security trixie-security InRelease',
  ],
  sources: [
    { host: 'deb.debian.org', uri: 'http://deb.debian.org/debian/dists/trixie/InRelease', label: 'http://deb.debian.org/debian trixie InRelease' },
    { host: 'deb.debian.org', uri: 'http://deb.debian.org/debian/dists/trixie-updates/InRelease', label: 'http://deb.debian.org/debian trixie-updates InRelease' },
    { host: 'deb.debian.org', uri: 'http://deb.debian.org/debian-security/dists/trixie-security/InRelease', label: 'http://deb.debian.org/debian-security trixie-security InRelease' },
  ],
  debs: Object.fromEntries([
    deb('iputils-ping', '3:20240905-3', 'amd64', 'trixie/main', 51230, ['/usr/bin/ping']),
    deb('linux-sysctl-defaults', '4.12.1', 'all', 'trixie/main', 5724),
  ]),
  images: {},
  debconf: debconfFallbacks(PERL_540, true),
  delaying: false,
};

TRIXIE.images['docker.io/library/nginx'] = {
  baseFiles: 6704,
  upgradable: 1,
  installed: { curl: '8.14.1-2+deb13u2' },
  units: {
    'iputils-ping': { pkg: 'iputils-ping', debs: ['iputils-ping', 'linux-sysctl-defaults'], setup: ['linux-sysctl-defaults', 'iputils-ping'], installedBytes: 211000 },
  },
};

const RELEASES: Record<string, Release> = { noble: NOBLE, trixie: TRIXIE };

// ------------------------------------------------------------------ formatting (apt-pkg)

/** apt-pkg/contrib/strutl.cc SizeToStr: 1000-based, "%.1f" below 100 of a unit, "%.0f" below 10000. */
export function sizeToStr(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  let a = Math.abs(bytes);
  for (let i = 0; i <= 8; i++) {
    if (a < 100 && i !== 0) return `${a.toFixed(1)} ${ext[i]}`;
    if (a < 10000) return `${a.toFixed(0)} ${ext[i]}`;
    a /= 1000;
  }
  return `${a.toFixed(0)} Y`;
}

/** strutl.cc TimeToStr for the "Fetched … in" line (whole seconds below a minute). */
function timeToStr(sec: number): string {
  if (sec >= 86400) return `${Math.floor(sec / 86400)}d ${Math.floor((sec % 86400) / 3600)}h ${Math.floor((sec % 3600) / 60)}min ${sec % 60}s`;
  if (sec >= 3600) return `${Math.floor(sec / 3600)}h ${Math.floor((sec % 3600) / 60)}min ${sec % 60}s`;
  if (sec >= 60) return `${Math.floor(sec / 60)}min ${sec % 60}s`;
  return `${sec}s`;
}

/** apt-private/private-output.h ShowList: "  " + names, wrapped before ScreenWidth - 3 (ScreenWidth 80 - 1). */
function showList(title: string, items: string[]): string {
  if (!items.length) return '';
  const width = 79 - 3;
  let out = title;
  let used = 0;
  for (const it of items) {
    if (used === 0) out += '\n  ';
    else if (used + it.length >= width) {
      out += '\n  ';
      used = 0;
    } else {
      out += ' ';
      used++;
    }
    out += it;
    used += it.length;
  }
  return out + '\n';
}

/** dpkg's archive name: epoch ':' as %3a; apt numbers them when it unpacks more than five (dpkgpm.cc) */
function debFile(d: Deb, index: number, count: number): string {
  const base = d.name.replace(/:amd64$/, '');
  const prefix = count > 5 ? String(index).padStart(String(count - 1).length, '0') + '-' : '';
  return `${prefix}${base}_${d.version.replace(/:/g, '%3a')}_${d.arch}.deb`;
}

// ------------------------------------------------------------------ the command

const LISTS = '/var/lib/apt/lists';

function releaseOf(fs: FileSystem): Release | undefined {
  const r = fs.read('/etc/os-release');
  if ('error' in r) return undefined;
  const m = /^VERSION_CODENAME=(.*)$/m.exec(r.data);
  return m ? RELEASES[m[1].replace(/"/g, '')] : undefined;
}

function listFile(label: string): string {
  // http://archive.ubuntu.com/ubuntu noble InRelease → archive.ubuntu.com_ubuntu_dists_noble_InRelease
  const [uri, suite] = label.split(' ');
  return `${LISTS}/${uri.replace(/^http:\/\//, '').replace(/\//g, '_')}_dists_${suite}_InRelease`;
}

function parseSize(s: string): number {
  const m = /\[([\d.]+) ([kMG]?)B\]$/.exec(s);
  if (!m) return 0;
  return Math.round(Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 } as Record<string, number>)[m[2]]);
}

function apt(ctx: CommandContext): number {
  const sim = ctx.sim;
  const prog = ctx.argv[0].slice(ctx.argv[0].lastIndexOf('/') + 1);
  const isApt = prog === 'apt';
  const tty = ctx.isatty(1);
  const out = (t: string) => ctx.stdout(t);
  const err = (t: string) => ctx.stderr(t);
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => a.startsWith('-'));
  const words = args.filter((a) => !a.startsWith('-'));
  const yes = flags.some((f) => /^-[a-z]*y/.test(f) || f === '--yes' || f === '--assume-yes');
  const verb = words[0];
  // apt-private/private-main.cc CheckIfCalledByScript
  if (isApt && !tty && verb) err(`\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n`);
  const loc = ctx.location;
  const k = sim.services.kubelet as KubeletService | undefined;
  const view = loc.kind === 'container' ? k?.container(loc.namespace, loc.pod, loc.container) : undefined;
  const fs = view && !('error' in view) ? view.fs : undefined;
  const release = fs && releaseOf(fs);
  if (!fs || !release || !view || 'error' in view) {
    err(`${prog}: not available in this simulator here (apt is simulated in the ubuntu and nginx images)\n`);
    return 100;
  }
  const image = release.images[imageRepo(view.image)];
  // OpTextProgress: "... Done" only when not quiet (stdout a terminal); apt 3.0's apt hides these lines
  const progress = (op: string) => (isApt && release.apt3 ? '' : `${op}...${tty ? ' Done' : ''}\n`);
  const reading = () => out(progress('Reading package lists') + progress('Building dependency tree') + progress('Reading state information'));

  if (verb === 'update') {
    const rc = resolvConfOf(sim, loc);
    const hosts = [...new Set(release.sources.map((s) => s.host))];
    const unresolved = new Set(hosts.filter((h) => !rc.nameservers.length || !resolveHost(sim, h, rc)));
    if (unresolved.size) {
      // acquire: "Temporary failure resolving" for every source of a host the resolver cannot find
      let n = 0;
      let text = '';
      const warnings: string[] = [];
      for (const s of release.sources) {
        n++;
        if (unresolved.has(s.host)) {
          text += `Err:${n} ${s.label}\n  Temporary failure resolving '${s.host}'\n`;
          warnings.push(`W: Failed to fetch ${s.uri}  Temporary failure resolving '${s.host}'\n`);
        } else text += `Hit:${n} ${s.label}\n`;
      }
      elapse(sim, 3000);
      out(text + progress('Reading package lists'));
      err(warnings.join('') + 'W: Some index files failed to download. They have been ignored, or old ones used instead.\n');
      return 0;
    }
    const fresh = !release.sources.some((s) => !('error' in fs.stat(listFile(s.label))));
    let text = '';
    if (fresh) {
      let bytes = 0;
      release.gets.forEach((g, i) => {
        text += `Get:${i + 1} ${g}\n`;
        bytes += parseSize(g);
      });
      text += fetched(sim, bytes);
      fs.mkdir(LISTS, { parents: true });
      for (const s of release.sources) fs.write(listFile(s.label), '');
    } else {
      release.hits.forEach((h, i) => (text += `Hit:${i + 1} ${h}\n`));
      elapse(sim, 400);
    }
    if (isApt) {
      const n = image?.upgradable ?? 0;
      const summary = n === 0 ? 'All packages are up to date.\n' : `${n} package${n === 1 ? ' can' : 's can'} be upgraded. Run 'apt list --upgradable' to see ${n === 1 ? 'it' : 'them'}.\n`;
      out(text + (release.apt3 ? '' : progress('Reading package lists') + progress('Building dependency tree') + progress('Reading state information')) + summary);
    } else out(text + progress('Reading package lists'));
    return 0;
  }

  if (verb === 'install') {
    const pkgs = words.slice(1);
    reading();
    const haveLists = release.sources.some((s) => !('error' in fs.stat(listFile(s.label))));
    if (!haveLists) {
      // a fresh image has no package lists: nothing can be located before `apt-get update`
      for (const p of pkgs) err(`E: Unable to locate package ${p}\n`);
      return pkgs.length ? 100 : 0;
    }
    const missing = pkgs.filter((p) => !(p in (image?.units ?? {})) && !(p in (image?.installed ?? {})));
    if (missing.length || !image) {
      // a real package (or image) we have no recording of: say so rather than invent its installation
      err(`${prog}: installing ${missing.join(', ')} is not available in this simulator (simulated: ${image ? Object.keys(image.units).join(', ') : 'none in this image'})\n`);
      return 100;
    }
    const isInstalled = (name: string) => !('error' in fs.stat(`/var/lib/dpkg/info/${release.debs[name]?.name ?? name}.list`));
    const already = pkgs.filter((p) => p in image.installed || isInstalled(p));
    const units = pkgs.filter((p) => !already.includes(p)).map((p) => image.units[p]);
    let text = '';
    for (const p of already) text += `${p} is already the newest version (${image.installed[p] ?? release.debs[p].version}).\n`;
    const order: string[] = [];
    for (const u of units) for (const d of u.debs) if (!order.includes(d) && !isInstalled(d)) order.push(d);
    const requested = new Set(pkgs);
    const extra = order.filter((d) => !requested.has(d)).sort();
    const suggested = [...new Set(units.flatMap((u) => u.suggested ?? []))];
    const fresh = [...order].sort();
    const need = order.reduce((n, d) => n + release.debs[d].size, 0);
    const installed = units.reduce((n, u) => n + u.installedBytes, 0);
    const counts = `${0} upgraded, ${order.length} newly installed, 0 to remove and ${image.upgradable} not upgraded.\n`;
    if (isApt && release.apt3) {
      const cols = (xs: string[]) => `  ${xs.join('  ')}\n`;
      if (order.length) {
        text += `Installing:\n${cols(order.filter((d) => requested.has(d)).sort())}\n`;
        if (extra.length) text += `Installing dependencies:\n${cols(extra)}\n`;
        text += `Summary:\n  Upgrading: 0, Installing: ${order.length}, Removing: 0, Not Upgrading: ${image.upgradable}\n  Download size: ${sizeToStr(need)}B\n  Space needed: ${sizeToStr(installed)}B / ${sizeToStr(27922798770)}B available\n\n`;
      } else text += `Summary:\n  Upgrading: 0, Installing: 0, Removing: 0, Not Upgrading: ${image.upgradable}\n`;
    } else {
      text += showList('The following additional packages will be installed:', extra);
      text += showList('Suggested packages:', suggested);
      text += showList('The following NEW packages will be installed:', fresh);
      text += counts;
      if (order.length) text += `Need to get ${sizeToStr(need)}B of archives.\nAfter this operation, ${sizeToStr(installed)}B of additional disk space will be used.\n`;
    }
    if (!order.length) {
      out(text);
      return 0;
    }
    // apt-get asks when it installs more than was asked for (or removes); without -y, end of input aborts
    if (!yes && extra.length) {
      out(text + 'Do you want to continue? [Y/n] Abort.\n');
      return 1;
    }
    order.forEach((d, i) => {
      const x = release.debs[d];
      text += `Get:${i + 1} ${release.codename === 'noble' ? 'http://archive.ubuntu.com/ubuntu' : 'http://deb.debian.org/debian'} ${x.pool} amd64 ${d} ${x.arch} ${x.version} [${sizeToStr(x.size)}B]\n`;
    });
    // stderr is unbuffered, stdout is when it is not a terminal: debconf's lines show before "Fetched" there
    const fetchedLine = fetched(sim, need);
    const preconfigure = release.delaying ? 'debconf: delaying package configuration, since apt-utils is not installed\n' : release.debconf(tty, order.length);
    if (tty) {
      out(text + fetchedLine);
      err(preconfigure);
    } else {
      out(text);
      err(preconfigure);
      out(fetchedLine);
    }
    // dpkg: unpack in download order, then configure; the database count comes once per run
    let dpkg = '';
    order.forEach((d, i) => {
      const x = release.debs[d];
      dpkg += `Selecting previously unselected package ${x.name}.\n`;
      if (i === 0) dpkg += `(Reading database ... ${image.baseFiles} files and directories currently installed.)\n`;
      dpkg += `Preparing to unpack .../${debFile(x, i, order.length)} ...\nUnpacking ${x.name} (${x.version}) ...\n`;
    });
    out(dpkg);
    elapse(sim, 120 * order.length);
    for (const u of units)
      for (const s of u.setup) {
        const name = typeof s === 'string' ? s : s.name;
        if (!order.includes(name)) continue;
        const x = release.debs[name];
        out(`Setting up ${x.name} (${x.version}) ...\n`);
        // debconf writes its fallbacks to stderr, the postinst its own lines to stdout
        if (typeof s !== 'string' && s.debconf) err(release.debconf(tty));
        if (typeof s !== 'string' && s.out) out(s.out);
      }
    const done = new Set<string>();
    for (const t of units.flatMap((u) => u.triggers ?? [])) {
      if (done.has(t.name)) continue;
      done.add(t.name);
      out(`Processing triggers for ${t.name} ...\n${t.out ?? ''}`);
    }
    for (const d of order) {
      const x = release.debs[d];
      fs.mkdir('/var/lib/dpkg/info', { parents: true });
      fs.write(`/var/lib/dpkg/info/${x.name}.list`, (x.files ?? []).join('\n') + '\n');
      for (const f of x.files ?? []) {
        fs.mkdir(f.slice(0, f.lastIndexOf('/')), { parents: true });
        fs.write(f, '');
      }
    }
    return 0;
  }

  if (!verb) {
    err(`${prog}: its usage text is not available in this simulator\n`);
    return 100;
  }
  // apt-private/private-cmndline.cc: an operation it does not know
  err(`E: Invalid operation ${verb}\n`);
  return 100;
}

/** Simulated download: 200 ms plus 8 MB/s; the "Fetched" line (acqprogress.cc AcqTextStatus::Stop). */
function fetched(sim: Sim, bytes: number): string {
  const ms = 200 + Math.round(bytes / 8000);
  elapse(sim, ms);
  return `Fetched ${sizeToStr(bytes)}B in ${timeToStr(Math.floor(ms / 1000))} (${sizeToStr(bytes / (ms / 1000))}B/s)\n`;
}

function elapse(sim: Sim, ms: number): void {
  sim.runtime.advance(ms);
}

function imageRepo(image: string): string {
  let name = image.split('@')[0];
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  const parts = name.split('/');
  if (!(parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost'))) parts.unshift('docker.io');
  if (parts[0] === 'docker.io' && parts.length === 2) parts.splice(1, 0, 'library');
  return parts.join('/');
}

export function registerApt(sim: Sim, available: (loc: CommandContext['location'], s: Sim, name: string) => boolean): void {
  sim.commands.register({ name: 'apt-get', run: apt, available: (loc, s) => available(loc, s, 'apt-get') });
  sim.commands.register({ name: 'apt', run: apt, available: (loc, s) => available(loc, s, 'apt') });
}
