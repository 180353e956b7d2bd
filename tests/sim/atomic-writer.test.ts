/**
 * configMap / secret / downwardAPI / projected volumes as the kubelet's atomic writer lays them out, symlinks
 * in the in-memory filesystem, `ls`/`cat`/`readlink`/`ln` over them, and lazily encoded service-account tokens.
 *
 * Sources:
 * - K/K pkg/volume/util/atomic_writer.go (v1.35) AtomicWriter.Write: the payload goes to a timestamped
 *   directory from newTimestampDir (`os.MkdirTemp(w.targetDir, time.Now().UTC().Format("..2006_01_02_15_04_05."))`,
 *   then `os.Chmod(tsDir, 0755)`), `..data` is a symlink to it (created as `..data_tmp`, renamed over `..data`),
 *   createUserVisibleFiles makes one `<name> -> ..data/<name>` link per top-level name only when it is missing
 *   (so a link keeps its time across updates); shouldWritePayload compares the data only and writes nothing when
 *   it is unchanged; removeUserVisiblePaths drops the links of names that went away; the old directory is removed.
 *   writePayloadToDir writes each file with its FileProjection.Mode (MakePayload: the item's `mode`, else
 *   `defaultMode`; projected collectData gives the token the volume's defaultMode).
 * - Go os/tempfile.go MkdirTemp/nextRandom: the random part is the decimal of a uint32 (here a hash of pod UID,
 *   volume name and write count: no draw from the simulator's random sequence).
 * - K/K pkg/volume/{configmap,secret,downwardapi,projected} wrappedVolumeSpec: configMap wraps a disk emptyDir,
 *   the others an emptyDir with Medium: Memory (tmpfs). pkg/volume/emptydir setupDir: the directory is 0777;
 *   setupTmpfs mounts a tmpfs over it, whose root mode is 01777 (drwxrwxrwt).
 * - Linux mm/shmem.c: a tmpfs directory's size is BOGO_DIRENT_SIZE (20) × (2 + entries), it takes no blocks;
 *   a short symlink lives in the inode (tmpfs < 128 bytes, ext4 < 60): no blocks. include/linux/namei.h
 *   MAXSYMLINKS = 40 (ELOOP, "Too many levels of symbolic links").
 * - GNU coreutils src/ls.c: print_long_format (columns padded to the widest cell, "name -> target" for a
 *   symlink), gobble_file with DEREF_COMMAND_LINE_SYMLINK_TO_DIR (a symlink operand is followed when it leads to
 *   a directory and neither -l, -d nor -F is given; a dangling one falls back to lstat and is listed), `total`
 *   in 1 KiB blocks. busybox coreutils/ls.c: display_single ("%-10s %4lu %-8.8s %-8.8s %9llu %.12s name -> target"),
 *   my_stat (operands followed unless -l/-s/-F: a dangling one is "No such file or directory"), calculate_blocks.
 * - Real `ls -la /var/run/secrets/kubernetes.io/serviceaccount` in a busybox pod (e.g. "drwxrwxrwt 3 root root
 *   140 … .", "drwxr-xr-x 2 root root 100 … ..2025_11_02_18_46_07.2872315250", "lrwxrwxrwx 1 root root 32 …
 *   ..data -> ..2025_11_02_18_46_07.2872315250", "lrwxrwxrwx 1 root root 13 … ca.crt -> ..data/ca.crt").
 * - GNU readlink.c (-f: all but the last component must exist), ln.c ("failed to create symbolic link %s");
 *   busybox ln.c (bb_simple_perror_msg(dest)).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { hashString, Random } from '../../sim/runtime/random';
import { authenticateToken, issueLazyServiceAccountToken, issueServiceAccountToken } from '../../sim/admission/tokens';
import { AtomicVolume, MemFS } from '../../sim/kubelet/fs';

type Cluster = ReturnType<typeof createCluster>;

function run(c: Cluster, script: string): { out: string; err: string; code: number } {
  const r = c.run(script);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** The timestamped directory the writer makes at `ms` (Go layout "..2006_01_02_15_04_05." + uint32). */
function tsDir(ms: number, uid: string, volume: string, write = 1): string {
  const d = new Date(ms);
  return `..${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}.${hashString(`${uid}/${volume}/${write}`)}`;
}

/** `ls -l` time column for a recent time: "Jan 15 09:00". */
function lsTime(ms: number): string {
  const d = new Date(ms);
  return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

function pod(c: Cluster, name: string): any {
  return c.sim.store.get('Pod', 'default', name) as any;
}

/** When the kubelet mounted the pod's volumes: the sandbox came up (PodReadyToStartContainers). */
function mountedAt(c: Cluster, name: string): number {
  return Date.parse(pod(c, name).status.conditions.find((x: any) => x.type === 'PodReadyToStartContainers').lastTransitionTime);
}

const WEB = `kubectl create configmap cfg --from-literal=game.properties=lives=3 --from-literal=ui=dark
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: c
    image: nginx
    volumeMounts:
    - { name: config, mountPath: /etc/config }
    - { name: config, mountPath: /etc/ui, subPath: ui }
  - name: b
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - { name: config, mountPath: /etc/config }
  volumes:
  - name: config
    configMap:
      name: cfg
EOF`;

describe('atomic writer layout of a configMap volume', () => {
  const c = createCluster();
  run(c, WEB);
  const uid = pod(c, 'web').metadata.uid;
  const t0 = mountedAt(c, 'web');
  const ts = tsDir(t0, uid, 'config');
  const when = lsTime(t0);

  it('names the timestamped directory ..YYYY_MM_DD_hh_mm_ss.<uint32> and points ..data at it', () => {
    expect(ts).toMatch(/^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d{1,10}$/);
    expect(run(c, 'kubectl exec web -c c -- readlink /etc/config/..data').out).toBe(ts + '\n');
  });

  const cases: { name: string; cmd: string; out: string; err?: string; code?: number }[] = [
    {
      name: 'GNU ls -la (nginx): disk emptyDir root 0777, 0755 timestamped dir, symlinks sized by their target',
      cmd: 'kubectl exec web -c c -- ls -la /etc/config',
      out: [
        'total 12',
        `drwxrwxrwx 3 root root 4096 ${when} .`,
        `drwxr-xr-x 4 root root 4096 ${when} ..`,
        `drwxr-xr-x 2 root root 4096 ${when} ${ts}`,
        `lrwxrwxrwx 1 root root   32 ${when} ..data -> ${ts}`,
        `lrwxrwxrwx 1 root root   22 ${when} game.properties -> ..data/game.properties`,
        `lrwxrwxrwx 1 root root    9 ${when} ui -> ..data/ui`,
        '',
      ].join('\n'),
    },
    {
      name: 'busybox ls -la: fixed-width columns',
      cmd: 'kubectl exec web -c b -- ls -la /etc/config',
      out: [
        'total 12',
        `drwxrwxrwx    3 root     root          4096 ${when} .`,
        `drwxr-xr-x    3 root     root          4096 ${when} ..`,
        `drwxr-xr-x    2 root     root          4096 ${when} ${ts}`,
        `lrwxrwxrwx    1 root     root            32 ${when} ..data -> ${ts}`,
        `lrwxrwxrwx    1 root     root            22 ${when} game.properties -> ..data/game.properties`,
        `lrwxrwxrwx    1 root     root             9 ${when} ui -> ..data/ui`,
        '',
      ].join('\n'),
    },
    { name: 'ls without -a shows the keys only', cmd: 'kubectl exec web -c c -- ls /etc/config', out: 'game.properties\nui\n' },
    { name: 'ls -A shows the writer\'s entries but not . and ..', cmd: 'kubectl exec web -c b -- ls -A /etc/config', out: `${ts}\n..data\ngame.properties\nui\n` },
    { name: 'cat follows the key link and ..data', cmd: 'kubectl exec web -c c -- cat /etc/config/game.properties /etc/config/..data/ui', out: 'lives=3dark' },
    {
      name: 'the files themselves: -rw-r--r-- (defaultMode 0644) in the timestamped directory',
      cmd: `kubectl exec web -c c -- ls -l /etc/config/${ts}`,
      out: `total 8\n-rw-r--r-- 1 root root 7 ${when} game.properties\n-rw-r--r-- 1 root root 4 ${when} ui\n`,
    },
    {
      name: 'GNU ls -l lists symlink operands as links (DEREF_NEVER), files before directories',
      cmd: 'kubectl exec web -c c -- ls -l /etc/config/ui /etc/config/..data',
      out: `lrwxrwxrwx 1 root root 32 ${when} /etc/config/..data -> ${ts}\nlrwxrwxrwx 1 root root  9 ${when} /etc/config/ui -> ..data/ui\n`,
    },
    { name: 'without -l a symlink operand to a directory is followed (GNU)', cmd: 'kubectl exec web -c c -- ls /etc/config/..data', out: 'game.properties\nui\n' },
    { name: 'without -l a symlink operand to a directory is followed (busybox)', cmd: 'kubectl exec web -c b -- ls /etc/config/..data', out: 'game.properties\nui\n' },
    { name: 'a trailing slash follows the link even with -l', cmd: 'kubectl exec web -c c -- ls -l /etc/config/..data/', out: `total 8\n-rw-r--r-- 1 root root 7 ${when} game.properties\n-rw-r--r-- 1 root root 4 ${when} ui\n` },
    { name: 'readlink -f resolves every link', cmd: 'kubectl exec web -c c -- readlink -f /etc/config/ui', out: `/etc/config/${ts}/ui\n` },
    { name: 'readlink of a regular file prints nothing, status 1', cmd: `kubectl exec web -c c -- readlink /etc/config/${ts}/ui`, out: '', code: 1 },
    { name: 'cat of ..data: a directory', cmd: 'kubectl exec web -c c -- cat /etc/config/..data', out: '', err: 'cat: /etc/config/..data: Is a directory\ncommand terminated with exit code 1\n', code: 1 },
    { name: 'the volume is mounted read-only', cmd: 'kubectl exec web -c c -- rm /etc/config/ui', out: '', err: "rm: cannot remove '/etc/config/ui': Read-only file system\ncommand terminated with exit code 1\n", code: 1 },
    { name: 'a subPath mount is the file itself', cmd: 'kubectl exec web -c c -- cat /etc/ui', out: 'dark' },
  ];
  it.each(cases)('$name', ({ cmd, out, err, code }) => {
    const r = run(c, cmd);
    expect(r.out).toBe(out);
    if (err !== undefined) expect(r.err).toBe(err);
    expect(r.code).toBe(code ?? 0);
  });
});

describe('atomic writer updates (kubelet refresh ~60 s after the ConfigMap changes)', () => {
  const c = createCluster();
  run(c, WEB);
  const uid = pod(c, 'web').metadata.uid;
  const t0 = mountedAt(c, 'web');
  const ts1 = tsDir(t0, uid, 'config', 1);
  run(c, 'sleep 120');

  it('a change that leaves the data as it is writes nothing (shouldWritePayload)', () => {
    run(c, 'kubectl label configmap cfg tier=web\nsleep 61');
    expect(run(c, 'kubectl exec web -c c -- readlink /etc/config/..data').out).toBe(ts1 + '\n');
  });

  it('new data: a new timestamped dir, ..data swapped, links of kept names keep their time, gone names unlinked', () => {
    run(c, 'kubectl create configmap cfg --from-literal=game.properties=lives=5 --from-literal=mode=hard --dry-run=client -o yaml | kubectl replace -f -');
    // the old files until the kubelet's next sync of the volume
    expect(run(c, 'kubectl exec web -c c -- cat /etc/config/game.properties').out).toBe('lives=3');
    run(c, 'sleep 60');
    const t1 = c.sim.clock.now();
    const ts2 = tsDir(t1, uid, 'config', 2);
    expect(ts2).not.toBe(ts1);
    expect(run(c, 'kubectl exec web -c c -- ls -la /etc/config').out).toBe(
      [
        'total 12',
        `drwxrwxrwx 3 root root 4096 ${lsTime(t1)} .`,
        `drwxr-xr-x 4 root root 4096 ${lsTime(t1)} ..`,
        `drwxr-xr-x 2 root root 4096 ${lsTime(t1)} ${ts2}`,
        `lrwxrwxrwx 1 root root   32 ${lsTime(t1)} ..data -> ${ts2}`,
        `lrwxrwxrwx 1 root root   22 ${lsTime(t0)} game.properties -> ..data/game.properties`,
        `lrwxrwxrwx 1 root root   11 ${lsTime(t1)} mode -> ..data/mode`,
        '',
      ].join('\n'),
    );
    expect(run(c, 'kubectl exec web -c c -- cat /etc/config/game.properties /etc/config/mode').out).toBe('lives=5hard');
    expect(run(c, `kubectl exec web -c b -- ls /etc/config/${ts1}`).err).toBe(`ls: /etc/config/${ts1}: No such file or directory\ncommand terminated with exit code 1\n`);
    // subPath: bound to the file of the first write, never updated
    expect(run(c, 'kubectl exec web -c c -- cat /etc/ui').out).toBe('dark');
  });
});

describe('tmpfs volumes: secret with items and modes, the kube-api-access projected volume', () => {
  const c = createCluster();
  run(
    c,
    `kubectl create secret generic sec --from-literal=user=admin --from-literal=pass=s3cr3t
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: b
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - { name: s, mountPath: /mnt/s }
  volumes:
  - name: s
    secret:
      secretName: sec
      defaultMode: 256
      items:
      - { key: user, path: conf/user }
      - { key: pass, path: pass, mode: 384 }
EOF`,
  );
  const p = pod(c, 'box');
  const t0 = mountedAt(c, 'box');
  const when = lsTime(t0);
  const sa = p.spec.volumes.find((v: any) => v.name.startsWith('kube-api-access-')).name;

  it('kube-api-access: drwxrwxrwt root of 140 bytes, 100-byte timestamped dir, three links (as on a real node)', () => {
    const ts = tsDir(t0, p.metadata.uid, sa);
    expect(run(c, 'kubectl exec box -- ls -la /var/run/secrets/kubernetes.io/serviceaccount').out).toBe(
      [
        'total 4',
        `drwxrwxrwt    3 root     root           140 ${when} .`,
        `drwxr-xr-x    3 root     root          4096 ${when} ..`,
        `drwxr-xr-x    2 root     root           100 ${when} ${ts}`,
        `lrwxrwxrwx    1 root     root            ${ts.length} ${when} ..data -> ${ts}`,
        `lrwxrwxrwx    1 root     root            13 ${when} ca.crt -> ..data/ca.crt`,
        `lrwxrwxrwx    1 root     root            16 ${when} namespace -> ..data/namespace`,
        `lrwxrwxrwx    1 root     root            12 ${when} token -> ..data/token`,
        '',
      ].join('\n'),
    );
  });

  it('secret: a nested item path is a directory behind one top-level link; item mode over defaultMode', () => {
    const ts = tsDir(t0, p.metadata.uid, 's');
    // /mnt exists only as the mount point's parent: 2 + 1 links
    expect(run(c, 'kubectl exec box -- ls -la /mnt/s /mnt/s/..data/').out).toBe(
      [
        '/mnt/s:',
        'total 4',
        `drwxrwxrwt    3 root     root           120 ${when} .`,
        `drwxr-xr-x    3 root     root          4096 ${when} ..`,
        `drwxr-xr-x    3 root     root            80 ${when} ${ts}`,
        `lrwxrwxrwx    1 root     root            ${ts.length} ${when} ..data -> ${ts}`,
        `lrwxrwxrwx    1 root     root            11 ${when} conf -> ..data/conf`,
        `lrwxrwxrwx    1 root     root            11 ${when} pass -> ..data/pass`,
        '',
        '/mnt/s/..data/:',
        'total 4',
        `drwxr-xr-x    3 root     root            80 ${when} .`,
        `drwxrwxrwt    3 root     root           120 ${when} ..`,
        `drwxr-xr-x    2 root     root            60 ${when} conf`,
        `-rw-------    1 root     root             6 ${when} pass`,
        '',
      ].join('\n'),
    );
    expect(run(c, 'kubectl exec box -- ls -l /mnt/s/conf/').out).toBe(`total 4\n-r--------    1 root     root             5 ${when} user\n`);
    expect(run(c, 'kubectl exec box -- cat /mnt/s/conf/user /mnt/s/pass').out).toBe('admins3cr3t');
  });
});

describe('symlinks in the shell: dangling links, loops, ln, readlink, rm, test', () => {
  const node: [string, string, string, number][] = [
    // GNU ls lists a dangling operand (lstat fallback); cat cannot open it
    ['GNU ls of a dangling link', 'ln -s /nowhere /tmp/d\nls /tmp/d', '/tmp/d\n', 0],
    ['GNU ls -l shows the arrow', 'ln -s /nowhere /tmp/d\nls -l /tmp/d | cut -c1-24,38-', 'lrwxrwxrwx 1 root root 8 /tmp/d -> /nowhere\n', 0],
    ['cat of a dangling link', 'ln -s /nowhere /tmp/d\ncat /tmp/d', '', 1],
    ['test -L / -e', 'ln -s /nowhere /tmp/d\n[ -L /tmp/d ] && echo link\n[ -e /tmp/d ] || echo dangling', 'link\ndangling\n', 0],
    ['readlink -f of a dangling link names its target', 'ln -s /nowhere /tmp/d\nreadlink -f /tmp/d', '/nowhere\n', 0],
    ['a relative link resolves from its directory', 'mkdir -p /tmp/a\necho hi > /tmp/a/f\nln -s a/f /tmp/l\ncat /tmp/l\nreadlink /tmp/l', 'hi\na/f\n', 0],
    ['writing through a link writes the target', 'echo one > /tmp/t\nln -s /tmp/t /tmp/w\necho two > /tmp/w\ncat /tmp/t', 'two\n', 0],
    ['rm removes the link, not the target', 'echo x > /tmp/t\nln -s /tmp/t /tmp/w\nrm /tmp/w\nls /tmp/w 2>/dev/null || cat /tmp/t', 'x\n', 0],
    ['ln into a directory uses the target\'s name', 'mkdir /tmp/dir\nln -s /etc/hostname /tmp/dir\nreadlink /tmp/dir/hostname', '/etc/hostname\n', 0],
  ];
  it.each(node)('%s', (_n, script, out, code) => {
    const c = createCluster();
    const r = run(c, script);
    expect(r.out).toBe(out);
    expect(r.code).toBe(code);
  });

  it('error texts: GNU on the node, busybox in a container', () => {
    const c = createCluster();
    expect(run(c, 'ln -s /nowhere /tmp/d\ncat /tmp/d').err).toBe('cat: /tmp/d: No such file or directory\n');
    expect(run(c, 'ln -s /tmp/l2 /tmp/l1\nln -s /tmp/l1 /tmp/l2\ncat /tmp/l1').err).toBe('cat: /tmp/l1: Too many levels of symbolic links\n');
    expect(run(c, 'ln -s x /tmp/d').err).toBe("ln: failed to create symbolic link '/tmp/d': File exists\n");
    run(c, `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: bb
spec:
  containers:
  - name: b
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - { name: e, mountPath: /e }
  volumes:
  - name: e
    emptyDir: {}
EOF`);
    // busybox ls stats its operands: a dangling one is missing
    expect(run(c, 'kubectl exec bb -- ln -s /nowhere /e/d\nkubectl exec bb -- ls /e/d')).toEqual({ out: '', err: 'ls: /e/d: No such file or directory\ncommand terminated with exit code 1\n', code: 1 });
    expect(run(c, 'kubectl exec bb -- ls -l /e').out).toMatch(/^total 0\nlrwxrwxrwx    1 root     root             8 \w{3} [ \d]\d \d\d:\d\d d -> \/nowhere\n$/);
    expect(run(c, 'kubectl exec bb -- ln -s y /e/d').err).toBe('ln: /e/d: File exists\ncommand terminated with exit code 1\n');
    expect(run(c, 'kubectl exec bb -- cat /e/d').err).toBe("cat: can't open '/e/d': No such file or directory\ncommand terminated with exit code 1\n");
    // an emptyDir's root: 0777 (emptydir setupDir)
    expect(run(c, 'kubectl exec bb -- ls -ld /e').out).toMatch(/^drwxrwxrwx    2 root     root          4096 /);
  });
});

describe('MemFS and AtomicVolume directly', () => {
  it('lstat vs stat, readlink, realpath, ELOOP, links resolved against the mount point', () => {
    const root = new MemFS({ '/etc/hostname': 'n\n' }, ['/tmp']);
    const vol = new AtomicVolume('uid-1', 'v', true);
    vol.project({ '/k': { data: 'v1', mode: 0o644 } }, Date.UTC(2026, 0, 15, 9, 0, 0));
    root.mount('/etc/config', vol, { readOnly: true });
    const ts = tsDir(Date.UTC(2026, 0, 15, 9, 0, 0), 'uid-1', 'v');
    expect(root.lstat('/etc/config/k')).toMatchObject({ type: 'link', size: 8, target: '..data/k', mode: 0o777, blocks: 0 });
    expect(root.stat('/etc/config/k')).toMatchObject({ type: 'file', size: 2, mode: 0o644 });
    expect(root.stat('/etc/config')).toMatchObject({ type: 'dir', mode: 0o1777, size: 40 + 20 * 3, nlink: 3, blocks: 0 });
    expect(root.readlink('/etc/config/..data')).toEqual({ target: ts });
    expect(root.readlink('/etc/hostname')).toEqual({ error: 'EINVAL' });
    expect(root.realpath('/etc/config/k')).toEqual({ path: `/etc/config/${ts}/k` });
    expect(root.read('/etc/config/k')).toEqual({ data: 'v1' });
    expect(root.write('/etc/config/k', 'x')).toEqual({ error: 'EROFS' });
    root.symlink('/tmp/b', '/tmp/a');
    root.symlink('/tmp/a', '/tmp/b');
    expect(root.read('/tmp/a')).toEqual({ error: 'ELOOP' });
    root.symlink('../etc/config/k', '/tmp/c');
    expect(root.read('/tmp/c')).toEqual({ data: 'v1' });
    const l = root.list('/etc/config');
    expect('entries' in l ? l.entries.map((e) => [e.name, e.dir, e.link ?? false]) : l).toEqual([
      [ts, true, false],
      ['..data', false, true],
      ['k', false, true],
    ]);
    // the volume itself, without the container around it (a subPath reads it so)
    expect(vol.read('/k')).toEqual({ data: 'v1' });
  });

  it('content is computed on first read and kept', () => {
    let calls = 0;
    const vol = new AtomicVolume('u', 'v', true);
    vol.project({ '/token': { data: () => (calls++, 'tok'), mode: 0o644 } }, 0);
    vol.list('/');
    vol.lstat('/token');
    expect(calls).toBe(0);
    expect(vol.read('/token')).toEqual({ data: 'tok' });
    expect(vol.read('/token')).toEqual({ data: 'tok' });
    expect(calls).toBe(1);
  });
});

describe('lazily encoded service-account tokens', () => {
  it('Random.skip(n) is n draws', () => {
    const a = new Random(7);
    const b = new Random(7);
    for (let i = 0; i < 331; i++) a.next();
    b.skip(331);
    expect(b.getState()).toBe(a.getState());
    expect(b.string(12)).toBe(a.string(12));
  });

  it('a lazy token is the eager one, and what is drawn after it is the same', () => {
    const e = createCluster();
    const l = createCluster();
    const eager = issueServiceAccountToken(e.sim, 'default', 'default', { name: 'p', uid: 'u' });
    const lazy = issueLazyServiceAccountToken(l.sim, 'default', 'default', { name: 'p', uid: 'u' });
    expect(l.sim.rand.string(20)).toBe(e.sim.rand.string(20));
    expect(lazy()).toBe(eager);
    // registered for authentication once encoded (a token not bound to a pod: no pod 'p' here)
    const unbound = issueLazyServiceAccountToken(l.sim, 'default', 'default', undefined, 600);
    expect(authenticateToken(l.sim, unbound())).toMatchObject({ username: 'system:serviceaccount:default:default' });
  });

  it("the kubelet encodes a pod's token only when it is read", () => {
    const c = createCluster();
    run(c, 'kubectl run p --image=nginx\nkubectl exec p -- ls -la /var/run/secrets/kubernetes.io/serviceaccount');
    const issued = () => (c.sim.services.issuedTokens as Map<string, unknown> | undefined)?.size ?? 0;
    expect(issued()).toBe(0);
    const token = run(c, 'kubectl exec p -- cat /var/run/secrets/kubernetes.io/serviceaccount/token').out;
    expect(token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{342}$/);
    expect(issued()).toBe(1);
    expect(authenticateToken(c.sim, token)).toMatchObject({ username: 'system:serviceaccount:default:default' });
  });
});

// The kubelet's token manager (K/K pkg/kubelet/token/token_manager.go GetServiceAccountToken / requiresRefresh)
// hands out its cached token until 80% of the requested lifetime has passed; a projected volume refreshed
// meanwhile (a ConfigMap change) keeps the same token file.
describe('service-account token cache', () => {
  it('a volume refresh keeps the token; a refresh after 80% of 3607 s brings a new one', () => {
    const c = createCluster();
    c.run("kubectl create configmap cm --from-literal=k=v");
    c.run("kubectl run t --image=busybox -- sleep 100000");
    const read = () => c.run('kubectl exec t -- cat /var/run/secrets/kubernetes.io/serviceaccount/token').stdout;
    const first = read();
    expect(first).toMatch(/^eyJ/);
    c.run('kubectl create configmap kube-root-ca.crt --from-literal=ca.crt=x --dry-run=client -o yaml | kubectl apply -f -');
    c.advance(120);
    expect(read()).toBe(first);
    // the next refresh after 80% of the lifetime brings a new token
    c.advance(Math.ceil(3607 * 0.8));
    c.run('kubectl create configmap kube-root-ca.crt --from-literal=ca.crt=y --dry-run=client -o yaml | kubectl apply -f -');
    c.advance(120);
    expect(read()).not.toBe(first);
  });
});
