/**
 * kubectl cp (sim/kubectl/cp.ts).
 *
 * Sources:
 * - kubernetes staging/src/k8s.io/kubectl/pkg/cmd/cp/cp.go (v1.35): Validate ("source and destination are
 *   required"), extractFileSpec (errFileSpecDoesntMatchFormat "filespec must match the canonical format:
 *   [[namespace/]pod:]file/path"), Run ("one of src or dest must be a local file specification", "filepath can not
 *   be empty", "one of src or dest must be a remote file specification"), copyToPod (os.Stat → "%s doesn't exist in
 *   local filesystem"; checkDestinationIsDir runs `test -d` with its output swallowed and appends the source's base
 *   name to a directory; makeTar/recursiveTar; `tar -xmf - -C DIR` with kubectl's stderr), copyFromPod /
 *   TarPipe.initReadFrom (`tar cf - SRC` whose stderr is written to kubectl's stdout: ErrOut: t.o.Out; the exec in a
 *   goroutine nobody waits for, so a failing tar leaves exit status 0: kubernetes/kubectl#980), untarAll (prefix
 *   stripPathShortcuts(Clean(StripSlashes(SRC))), MkdirAll + os.Create → "open .: is a directory", symlinks skipped
 *   with "warning: skipping symlink: %q -> %q (consider using \"%s exec -n %q %q -- tar cf - %q | tar xf -\")").
 * - filespec.go: newLocalPath/newRemotePath strip one trailing slash; the Windows drive letter is stripped only when
 *   runtime.GOOS is windows.
 * - pkg/cmd/exec/exec.go ExecOptions.Run: pod GET (Error from server (NotFound)), the "Defaulted container" note on
 *   the exec's ErrOut (stdout for copyFromPod), CodeExitError → "command terminated with exit code N".
 * - containerd: exec of a missing binary → "OCI runtime exec failed: exec failed: unable to start container
 *   process: exec: \"tar\": executable file not found in $PATH: unknown".
 * - GNU tar 1.35: names.c safer_name_suffix "Removing leading `%s' from member names"; create.c "%s: Cannot stat: %s";
 *   extract.c open_error "%s: Cannot open: %s"; misc.c chdir_do → open_fatal + fatal_exit "Error is not
 *   recoverable: exiting now"; "Exiting with failure status due to previous errors" (exit 2).
 * - busybox 1.37 archival: tar.c writeTarFile ("error exit delayed from previous errors", exit 1), libbb
 *   recursive_action bb_simple_perror_msg(name), libarchive/unsafe_prefix.c "removing leading '%.*s' from member
 *   names", data_extract_all.c ARCHIVE_UNLINK_OLD "can't remove old file %s", xchdir "can't change directory to '%s'".
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type C = ReturnType<typeof createCluster>;

function run(c: C, script: string) {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

const POD_YAML = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: two
  namespace: team
spec:
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - name: cfg
      mountPath: /etc/cfg
  - name: side
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: cfg
      mountPath: /etc/cfg
  volumes:
  - name: cfg
    configMap:
      name: cfg
EOF`;

/** bb (busybox), web (nginx), r (redis, WORKDIR /data), dns (coredns: no tar); team/two: nginx + busybox with a configMap volume */
function lab(): C {
  const c = createCluster();
  for (const s of [
    'kubectl run bb --image=busybox -- sleep 3600',
    'kubectl run web --image=nginx',
    'kubectl run r --image=redis',
    'kubectl run dns --image=registry.k8s.io/coredns/coredns:v1.12.0',
    'kubectl create namespace team',
    'kubectl create configmap cfg -n team --from-literal=a=1',
    POD_YAML,
    'echo hello > f.txt',
    'mkdir -p d/sub && echo a > d/a.txt && echo b > d/sub/b.txt',
  ]) {
    expect(run(c, s).code, s).toBe(0);
  }
  return c;
}

const TAR_NOT_FOUND =
  /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n$/;

describe('kubectl cp', () => {
  // [title, steps: [command, stdout, stderr, exit code][]]
  const cases: [string, [string, string, string, number][]][] = [
    [
      'a local file into a busybox pod, under a new name',
      [
        ['kubectl cp f.txt bb:/tmp/copy.txt', '', '', 0],
        ['kubectl exec bb -- cat /tmp/copy.txt', 'hello\n', '', 0],
      ],
    ],
    [
      'modes: tar keeps the archived 0644 (--no-preserve: 0666 & ~umask, the same), os.Create makes 0644 locally; -m: mtime is now',
      [
        ['kubectl cp --no-preserve f.txt bb:/tmp/copy.txt', '', '', 0],
        ['kubectl exec bb -- ls -l /tmp/copy.txt', '-rw-r--r--    1 root     root             6 Jan 15 09:00 /tmp/copy.txt\n', '', 0],
        ['kubectl cp bb:/tmp/copy.txt back.txt', "tar: removing leading '/' from member names\n", '', 0],
        ['ls -l back.txt', '-rw-r--r-- 1 root root 6 Jan 15 09:00 back.txt\n', '', 0],
      ],
    ],
    [
      'into an existing directory of an nginx pod: the base name is appended (checkDestinationIsDir)',
      [
        ['kubectl cp f.txt web:/tmp/', '', '', 0],
        ['kubectl exec web -- cat /tmp/f.txt', 'hello\n', '', 0],
      ],
    ],
    [
      'a relative remote path is relative to the container working directory (redis: /data)',
      [
        ['kubectl cp f.txt r:g.txt', '', '', 0],
        ['kubectl exec r -- cat /data/g.txt', 'hello\n', '', 0],
      ],
    ],
    [
      'a file from a pod to the node: GNU tar\'s warning comes on stdout',
      [
        ['kubectl cp f.txt web:/tmp/f.txt', '', '', 0],
        ['kubectl cp web:/tmp/f.txt back.txt', "tar: Removing leading `/' from member names\n", '', 0],
        ['cat back.txt', 'hello\n', '', 0],
      ],
    ],
    [
      'from a busybox pod: busybox\'s own warning',
      [
        ['kubectl cp f.txt bb:/tmp/f.txt', '', '', 0],
        ['kubectl cp bb:/tmp/f.txt back.txt', "tar: removing leading '/' from member names\n", '', 0],
        ['cat back.txt', 'hello\n', '', 0],
      ],
    ],
    [
      'a directory there and back (recursive), namespace/pod and -c',
      [
        ['kubectl cp d team/two:/tmp/d -c side', '', '', 0],
        ['kubectl exec -n team two -c side -- cat /tmp/d/a.txt /tmp/d/sub/b.txt', 'a\nb\n', '', 0],
        ['kubectl cp team/two:/tmp/d copy -c side', "tar: removing leading '/' from member names\n", '', 0],
        ['cat copy/a.txt copy/sub/b.txt', 'a\nb\n', '', 0],
      ],
    ],
    [
      'a relative source in the pod has no leading slash to remove',
      [
        ['kubectl cp f.txt r:/data/rel.txt', '', '', 0],
        ['kubectl cp r:rel.txt rel.txt', '', '', 0],
        ['cat rel.txt', 'hello\n', '', 0],
      ],
    ],
    [
      'two containers: the Defaulted note on stderr going in, on stdout coming out (the exec\'s ErrOut)',
      [
        ['kubectl cp f.txt team/two:/tmp/x.txt', '', 'Defaulted container "web" out of: web, side\n', 0],
        ['kubectl cp team/two:/tmp/x.txt y.txt', 'Defaulted container "web" out of: web, side\n' + "tar: Removing leading `/' from member names\n", '', 0],
      ],
    ],
    [
      'a file missing in the pod: tar\'s errors on stdout, kubectl still exits 0 (kubectl#980)',
      [
        ['kubectl cp web:/tmp/nope x', "tar: Removing leading `/' from member names\ntar: /tmp/nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n", '', 0],
        ['kubectl cp bb:/tmp/nope x', 'tar: /tmp/nope: No such file or directory\ntar: error exit delayed from previous errors\n', '', 0],
        ['ls x', '', "ls: cannot access 'x': No such file or directory\n", 2],
      ],
    ],
    [
      'a local file that does not exist',
      [['kubectl cp nope.txt bb:/tmp', '', "error: nope.txt doesn't exist in local filesystem\n", 1]],
    ],
    [
      'a pod that does not exist, both ways',
      [
        ['kubectl cp f.txt ghost:/tmp', '', 'Error from server (NotFound): pods "ghost" not found\n', 1],
        ['kubectl cp ghost:/tmp/f.txt f2.txt', '', 'Error from server (NotFound): pods "ghost" not found\n', 1],
      ],
    ],
    [
      'a read-only configMap mount: GNU tar goes on and exits 2, busybox tar stops at the unlink',
      [
        ['kubectl cp f.txt team/two:/etc/cfg -c web', '', 'tar: f.txt: Cannot open: Read-only file system\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n', 2],
        ['kubectl cp f.txt team/two:/etc/cfg -c side', '', "tar: can't remove old file f.txt: Read-only file system\ncommand terminated with exit code 1\n", 1],
      ],
    ],
    [
      'a destination directory that does not exist (tar -C)',
      [
        ['kubectl cp f.txt web:/nodir/f.txt', '', 'tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n', 2],
        ['kubectl cp f.txt bb:/nodir/f.txt', '', "tar: can't change directory to '/nodir': No such file or directory\ncommand terminated with exit code 1\n", 1],
      ],
    ],
    [
      'a file from the pod onto a local directory: os.Create fails',
      [
        ['kubectl cp f.txt web:/tmp/f.txt', '', '', 0],
        ['kubectl cp web:/tmp/f.txt .', "tar: Removing leading `/' from member names\n", 'error: open .: is a directory\n', 1],
      ],
    ],
    [
      'a symlink in the pod is skipped with the warning once, then the short form',
      [
        ['kubectl exec bb -- mkdir /tmp/l', '', '', 0],
        ['kubectl exec bb -- ln -s /etc/hostname /tmp/l/a', '', '', 0],
        ['kubectl exec bb -- ln -s /etc/hostname /tmp/l/b', '', '', 0],
        [
          'kubectl cp bb:/tmp/l ll',
          "tar: removing leading '/' from member names\n",
          'warning: skipping symlink: "ll/a" -> "/etc/hostname" (consider using "kubectl exec -n "default" "bb" -- tar cf - "/tmp/l" | tar xf -")\n' +
            'warning: skipping symlink: "ll/b" -> "/etc/hostname"\n',
          0,
        ],
      ],
    ],
    [
      'argument errors',
      [
        ['kubectl cp f.txt', '', 'error: source and destination are required\n', 1],
        ['kubectl cp a b', '', 'error: one of src or dest must be a remote file specification\n', 1],
        ['kubectl cp a:b c:d', '', 'error: one of src or dest must be a local file specification\n', 1],
        ['kubectl cp bb: x', '', 'error: filepath can not be empty\n', 1],
        ['kubectl cp a/b/c:d e', '', 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n', 1],
        ['kubectl cp :x e', '', 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n', 1],
      ],
    ],
  ];

  it.each(cases)('%s', (_, steps) => {
    const c = lab();
    for (const [cmd, out, err, code] of steps) {
      expect(run(c, cmd), cmd).toEqual({ out, err, code });
    }
  });

  it('an image without tar fails like the exec of tar does, both ways (coredns)', () => {
    const c = lab();
    for (const cmd of ['kubectl cp f.txt dns:/tmp', 'kubectl cp dns:/etc/x x']) {
      const r = run(c, cmd);
      expect(r.out, cmd).toBe('');
      expect(r.err, cmd).toMatch(TAR_NOT_FOUND);
      expect(r.code, cmd).toBe(1);
    }
  });
});
