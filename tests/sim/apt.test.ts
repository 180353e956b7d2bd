/**
 * apt-get / apt in the ubuntu (noble) and nginx (trixie) images.
 *
 * Texts are from recorded runs in the official images (ubuntu:latest `apt update` + `apt install -y curl` in one
 * session; iputils-ping and net-tools in the same image; nginx:1.29 `apt update` + `apt install -y iputils-ping`).
 * Formats from apt's and dpkg's sources:
 * - apt-private/private-cmndline.cc: stdout not a terminal → quiet=1; apt-pkg/contrib/progress.cc OpTextProgress:
 *   quiet prints "Reading package lists..." without "... Done";
 * - apt-private/private-output.cc ShowList: "  " + names wrapped before ScreenWidth (80 - 1) - 3 columns;
 *   apt-private/private-install.cc: "%lu upgraded, %lu newly installed, %lu to remove and %lu not upgraded.",
 *   "Need to get %sB of archives.", "After this operation, %sB of additional disk space will be used.";
 * - apt-pkg/contrib/strutl.cc SizeToStr (1000-based), apt-private/acqprogress.cc "Fetched %sB in %s (%sB/s)";
 * - apt-private/private-main.cc CheckIfCalledByScript: apt's "does not have a stable CLI interface" warning;
 * - apt-pkg/deb/dpkgpm.cc: numbered archive names when more than five are unpacked; dpkg "(Reading database ...";
 * - debconf Debconf/FrontEnd/Dialog.pm ("TERM is not set" / no dialog program), Readline.pm, Teletype.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { sizeToStr } from '../../sim/network/apt';

type C = ReturnType<typeof createCluster>;

function run(c: C, script: string) {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
    output: r.output,
  };
}

function ubuntu(): C {
  const c = createCluster();
  run(c, 'kubectl run u --image=ubuntu:24.04 -- sleep infinity');
  return c;
}

const NOBLE_UPDATE = `Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]
Get:2 http://security.ubuntu.com/ubuntu noble-security InRelease [126 kB]
Get:3 http://security.ubuntu.com/ubuntu noble-security/universe amd64 Packages [1088 kB]
Get:4 http://archive.ubuntu.com/ubuntu noble-updates InRelease [126 kB]
Get:5 http://security.ubuntu.com/ubuntu noble-security/restricted amd64 Packages [1434 kB]
Get:6 http://archive.ubuntu.com/ubuntu noble-backports InRelease [126 kB]
Get:7 http://security.ubuntu.com/ubuntu noble-security/main amd64 Packages [1081 kB]
Get:8 http://security.ubuntu.com/ubuntu noble-security/multiverse amd64 Packages [22.1 kB]
Get:9 http://archive.ubuntu.com/ubuntu noble/restricted amd64 Packages [117 kB]
Get:10 http://archive.ubuntu.com/ubuntu noble/universe amd64 Packages [19.3 MB]
Get:11 http://archive.ubuntu.com/ubuntu noble/main amd64 Packages [1808 kB]
Get:12 http://archive.ubuntu.com/ubuntu noble/multiverse amd64 Packages [331 kB]
Get:13 http://archive.ubuntu.com/ubuntu noble-updates/universe amd64 Packages [1385 kB]
Get:14 http://archive.ubuntu.com/ubuntu noble-updates/multiverse amd64 Packages [26.7 kB]
Get:15 http://archive.ubuntu.com/ubuntu noble-updates/main amd64 Packages [1399 kB]
Get:16 http://archive.ubuntu.com/ubuntu noble-updates/restricted amd64 Packages [1478 kB]
Get:17 http://archive.ubuntu.com/ubuntu noble-backports/universe amd64 Packages [31.8 kB]
Get:18 http://archive.ubuntu.com/ubuntu noble-backports/main amd64 Packages [48.0 kB]
`;

describe('apt-pkg SizeToStr', () => {
  it.each([
    [0, '0 '],
    [5724, '5724 '],
    [9490, '9490 '],
    [56954, '57.0 k'],
    [91180, '91.2 k'],
    [204000, '204 k'],
    [3566090, '3566 k'],
    [9211000, '9211 k'],
    [30183600, '30.2 M'],
    [27922798770, '27.9 G'],
  ])('%i → %j', (n, s) => expect(sizeToStr(n)).toBe(s));
});

describe('apt-get in the ubuntu image (noble)', () => {
  it('a fresh image has no package lists: install cannot locate anything', () => {
    const c = ubuntu();
    expect(run(c, 'kubectl exec u -- apt-get install -y curl')).toMatchObject({
      out: 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n',
      err: 'E: Unable to locate package curl\ncommand terminated with exit code 100\n',
      code: 100,
    });
  });

  it('update fetches the indexes once (Get:), then finds them unchanged (Hit:)', () => {
    const c = ubuntu();
    const first = run(c, 'kubectl exec u -- apt-get update');
    expect(first.out).toMatch(new RegExp(`^${NOBLE_UPDATE.replace(/[.[\]()]/g, '\\$&')}Fetched 30\\.2 MB in \\d+s \\(\\d+ kB/s\\)\\nReading package lists\\.\\.\\.\\n$`));
    expect(first).toMatchObject({ err: '', code: 0 });
    expect(run(c, 'kubectl exec u -- apt-get update').out).toBe(
      'Hit:1 http://archive.ubuntu.com/ubuntu noble InRelease\nHit:2 http://archive.ubuntu.com/ubuntu noble-updates InRelease\nHit:3 http://archive.ubuntu.com/ubuntu noble-backports InRelease\nHit:4 http://security.ubuntu.com/ubuntu noble-security InRelease\nReading package lists...\n',
    );
  });

  it('install -y curl: the recorded sequence, 80-column lists, then curl exists in that container only', () => {
    const c = ubuntu();
    run(c, 'kubectl run u2 --image=ubuntu:24.04 -- sleep infinity');
    run(c, 'kubectl exec u -- apt-get update');
    const r = run(c, 'kubectl exec u -- apt-get install -y curl');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 18).join('\n')).toBe(`Reading package lists...
Building dependency tree...
Reading state information...
The following additional packages will be installed:
  ca-certificates krb5-locales libbrotli1 libcurl4t64 libgssapi-krb5-2
  libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-common libldap2
  libnghttp2-14 libpsl5t64 librtmp1 libsasl2-2 libsasl2-modules
  libsasl2-modules-db libssh-4 openssl publicsuffix
Suggested packages:
  krb5-doc krb5-user libsasl2-modules-gssapi-mit
  | libsasl2-modules-gssapi-heimdal libsasl2-modules-ldap libsasl2-modules-otp
  libsasl2-modules-sql
The following NEW packages will be installed:
  ca-certificates curl krb5-locales libbrotli1 libcurl4t64 libgssapi-krb5-2
  libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-common libldap2
  libnghttp2-14 libpsl5t64 librtmp1 libsasl2-2 libsasl2-modules
  libsasl2-modules-db libssh-4 openssl publicsuffix
0 upgraded, 21 newly installed, 0 to remove and 0 not upgraded.`);
    expect(r.out).toContain('Need to get 3566 kB of archives.\nAfter this operation, 9211 kB of additional disk space will be used.\nGet:1 http://archive.ubuntu.com/ubuntu noble-updates/main amd64 openssl amd64 3.0.13-0ubuntu3.5 [1002 kB]\n');
    expect(r.out).toContain('Get:6 http://archive.ubuntu.com/ubuntu noble/main amd64 libkeyutils1 amd64 1.6.3-3build1 [9490 B]\n');
    expect(r.out).toContain('Selecting previously unselected package openssl.\n(Reading database ... 4381 files and directories currently installed.)\nPreparing to unpack .../00-openssl_3.0.13-0ubuntu3.5_amd64.deb ...\nUnpacking openssl (3.0.13-0ubuntu3.5) ...\n');
    expect(r.out).toContain('Setting up ca-certificates (20240203) ...\nUpdating certificates in /etc/ssl/certs...\n146 added, 0 removed; done.\n');
    expect(r.out.endsWith('Setting up curl (8.5.0-2ubuntu10.6) ...\nProcessing triggers for libc-bin (2.39-0ubuntu8.4) ...\nProcessing triggers for ca-certificates (20240203) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n')).toBe(true);
    // not a terminal: no TERM, so the Dialog frontend gives up for that reason; stderr shows before the buffered "Fetched"
    expect(r.err.startsWith('debconf: delaying package configuration, since apt-utils is not installed\ndebconf: unable to initialize frontend: Dialog\ndebconf: (TERM is not set, so the dialog frontend is not usable.)\n')).toBe(true);
    const order = r.output.map((o) => o.text.split('\n')[0]);
    expect(order.indexOf('debconf: delaying package configuration, since apt-utils is not installed')).toBeLessThan(order.findIndex((t) => t.startsWith('Fetched 3566 kB')));
    expect(run(c, 'kubectl exec u -- curl -s example.com').out).toContain('<title>Example Domain</title>');
    expect(run(c, 'kubectl exec u -- apt-get install -y curl').out).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\ncurl is already the newest version (8.5.0-2ubuntu10.6).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(run(c, 'kubectl exec u2 -- curl -s example.com').err).toContain('exec: "curl": executable file not found in $PATH');
  });

  it('in a terminal (kubectl exec -it … -- bash): "... Done", Fetched before debconf, the Dialog frontend lacks a program', () => {
    const c = ubuntu();
    c.run('kubectl exec -it u -- bash');
    run(c, 'apt-get update');
    const r = run(c, 'apt-get install -y iputils-ping');
    expect(r.output[0].stream).toBe('stdout');
    expect(r.output[0].text.startsWith('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nThe following additional packages will be installed:\n  libcap2-bin libpam-cap\n')).toBe(true);
    expect(r.output[0].text).toMatch(/\nFetched 91\.2 kB in 0s \(\d+ kB\/s\)\n$/);
    expect(r.output[1]).toEqual({ stream: 'stderr', text: 'debconf: delaying package configuration, since apt-utils is not installed\n' });
    const text = r.output.map((o) => o.text).join('');
    expect(text).toMatch(/\nFetched 91\.2 kB in 0s \(\d+ kB\/s\)\ndebconf: delaying package configuration, since apt-utils is not installed\nSelecting previously unselected package libcap2-bin\.\n\(Reading database \.\.\. 4381 files and directories currently installed\.\)\nPreparing to unpack \.\.\.\/libcap2-bin_1%3a2\.66-5ubuntu2\.2_amd64\.deb \.\.\.\n/);
    expect(text).toContain('Setting up libpam-cap:amd64 (1:2.66-5ubuntu2.2) ...\ndebconf: unable to initialize frontend: Dialog\ndebconf: (No usable dialog-like program is installed, so the dialog based frontend cannot be used. at /usr/share/perl5/Debconf/FrontEnd/Dialog.pm line 79.)\n');
    expect(text.endsWith('debconf: falling back to frontend: Teletype\nSetting up iputils-ping (3:20240117-1ubuntu0.1) ...\n')).toBe(true);
  });

  it('apt: the scripts warning when stdout is not a terminal, the upgradable summary after update', () => {
    const c = ubuntu();
    const r = run(c, 'kubectl exec u -- apt update');
    expect(r.err).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    expect(r.out.endsWith('Reading package lists...\nBuilding dependency tree...\nReading state information...\nAll packages are up to date.\n')).toBe(true);
  });

  it('without -y, more packages than asked for need a yes: end of input aborts', () => {
    const c = ubuntu();
    run(c, 'kubectl exec u -- apt-get update');
    const r = run(c, 'kubectl exec u -- apt-get install iputils-ping');
    expect(r.code).toBe(1);
    expect(r.out.endsWith('After this operation, 322 kB of additional disk space will be used.\nDo you want to continue? [Y/n] Abort.\n')).toBe(true);
    // a single package without dependencies goes ahead without asking
    expect(run(c, 'kubectl exec u -- apt-get install net-tools').out).toContain('Setting up net-tools (2.10-0.1ubuntu4) ...\n');
  });

  it('a package outside the simulated archive says so instead of inventing an installation; an unknown verb is apt\'s error', () => {
    const c = ubuntu();
    run(c, 'kubectl exec u -- apt-get update');
    expect(run(c, 'kubectl exec u -- apt-get install -y vim')).toMatchObject({ code: 100, err: expect.stringContaining('not available in this simulator') });
    expect(run(c, 'kubectl exec u -- apt-get frobnicate').err).toBe('E: Invalid operation frobnicate\ncommand terminated with exit code 100\n');
  });

  it('no name resolution: Err: and W: lines, the indexes stay missing', () => {
    const c = createCluster();
    run(c, `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nodns\nspec:\n  dnsPolicy: None\n  dnsConfig: {}\n  containers:\n  - name: u\n    image: ubuntu:24.04\n    command: ["sleep", "infinity"]\nEOF`);
    const r = run(c, 'kubectl exec nodns -- apt-get update');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "Err:1 http://archive.ubuntu.com/ubuntu noble InRelease\n  Temporary failure resolving 'archive.ubuntu.com'\nErr:2 http://security.ubuntu.com/ubuntu noble-security InRelease\n  Temporary failure resolving 'security.ubuntu.com'\nErr:3 http://archive.ubuntu.com/ubuntu noble-updates InRelease\n  Temporary failure resolving 'archive.ubuntu.com'\nErr:4 http://archive.ubuntu.com/ubuntu noble-backports InRelease\n  Temporary failure resolving 'archive.ubuntu.com'\nReading package lists...\n",
    );
    expect(r.err).toContain('W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/noble/InRelease  Temporary failure resolving \'archive.ubuntu.com\'\n');
    expect(r.err.endsWith('W: Some index files failed to download. They have been ignored, or old ones used instead.\n')).toBe(true);
    expect(run(c, 'kubectl exec nodns -- apt-get install -y curl').err).toContain('E: Unable to locate package curl\n');
  });
});

describe('apt in the nginx image (trixie, apt 3.0)', () => {
  it('apt update and apt install in a terminal: no progress lines, the upgradable count, the new layout', () => {
    const c = createCluster();
    run(c, 'kubectl run n --image=nginx:1.29');
    c.run('kubectl exec -it n -- bash');
    const u = run(c, 'apt update');
    expect(u.out).toMatch(/^Get:1 http:\/\/deb\.debian\.org\/debian trixie InRelease \[140 kB\]\n[\s\S]*Get:6 http:\/\/deb\.debian\.org\/debian-security trixie-security\/main amd64 Packages \[227 kB\]\nFetched 10\.1 MB in \d+s \(\d+ kB\/s\)\n1 package can be upgraded\. Run 'apt list --upgradable' to see it\.\n$/);
    const r = run(c, 'apt install -y iputils-ping');
    const text = r.output.map((o) => o.text).join('');
    expect(text.startsWith('Installing:\n  iputils-ping\n\nInstalling dependencies:\n  linux-sysctl-defaults\n\nSummary:\n  Upgrading: 0, Installing: 2, Removing: 0, Not Upgrading: 1\n  Download size: 57.0 kB\n  Space needed: 211 kB / 27.9 GB available\n\nGet:1 http://deb.debian.org/debian trixie/main amd64 iputils-ping amd64 3:20240905-3 [51.2 kB]\nGet:2 http://deb.debian.org/debian trixie/main amd64 linux-sysctl-defaults all 4.12.1 [5724 B]\n')).toBe(true);
    expect(text).toContain('at /usr/share/perl5/Debconf/FrontEnd/Dialog.pm line 79, <STDIN> line 2.)\n');
    expect(text.endsWith('(Reading database ... 6704 files and directories currently installed.)\nPreparing to unpack .../iputils-ping_3%3a20240905-3_amd64.deb ...\nUnpacking iputils-ping (3:20240905-3) ...\nSelecting previously unselected package linux-sysctl-defaults.\nPreparing to unpack .../linux-sysctl-defaults_4.12.1_all.deb ...\nUnpacking linux-sysctl-defaults (4.12.1) ...\nSetting up linux-sysctl-defaults (4.12.1) ...\nSetting up iputils-ping (3:20240905-3) ...\n')).toBe(true);
    expect(run(c, 'apt install -y curl').out).toBe('curl is already the newest version (8.14.1-2+deb13u2).\nSummary:\n  Upgrading: 0, Installing: 0, Removing: 0, Not Upgrading: 1\n');
  });

  it('apt-get keeps the classic layout; without a terminal debconf falls through to Noninteractive', () => {
    const c = createCluster();
    run(c, 'kubectl run n --image=nginx:1.29');
    run(c, 'kubectl exec n -- apt-get update');
    const r = run(c, 'kubectl exec n -- apt-get install -y iputils-ping');
    expect(r.out).toContain('The following additional packages will be installed:\n  linux-sysctl-defaults\nThe following NEW packages will be installed:\n  iputils-ping linux-sysctl-defaults\n0 upgraded, 2 newly installed, 0 to remove and 1 not upgraded.\nNeed to get 57.0 kB of archives.\nAfter this operation, 211 kB of additional disk space will be used.\n');
    expect(r.err).toContain('debconf: (TERM is not set, so the dialog frontend is not usable.)\n');
    expect(r.err).toContain('debconf: unable to initialize frontend: Teletype\ndebconf: (This frontend requires a controlling tty.)\ndebconf: falling back to frontend: Noninteractive\n');
  });
});
