/**
 * kubectl port-forward and the background jobs of the reader's bash.
 *
 * Sources:
 * - kubectl pkg/cmd/portforward/portforward.go: Complete (UsageErrorf "TYPE/NAME and list of ports are required for
 *   port-forward", AttachablePodForObject, translateServicePortToTargetPort, convertPodNamedPortToNumber),
 *   RunPortForward ("unable to forward port because pod is not running. Current status=%v"); kubectl pkg/util
 *   (LookupServicePortNumberByName, LookupContainerPortNumberByServicePort, LookupContainerPortNumberByName:
 *   "Service %s does not have a service port %d", "Pod '%s' does not have a named port '%s'").
 * - client-go tools/portforward/portforward.go: parseAddresses ("%s is not a valid IP"), parsePorts ("remote port
 *   must be > 0"), forward ("Unable to listen on port %d: %v", "unable to listen on any of the requested ports: %v"),
 *   listenOnPort ("Listeners failed to create with the following errors"), getListener ("unable to create listener:
 *   Error %s", "Forwarding from %s -> %d"), handleConnection ("Handling connection for %d", HandleErrorWithLogger
 *   "An error occurred forwarding" with localPort/remotePort, then streamConn.Close → ErrLostConnectionToPod
 *   "lost connection to pod"); containerd's portforward errors ("failed to execute portforward in network namespace",
 *   "network namespace for sandbox %q is closed").
 * - bash jobs.c: describe_pid (`[1] 4213` on stderr), pretty_print_job / print_pipeline (`[N]+  ` + the status
 *   padded to LONGEST_SIGNAL_DESC = 24 + the command + ` &` while running; Done / Exit N / strsignal: Terminated,
 *   Killed), notify_and_cleanup before the next prompt; builtins/kill.def ("%s: no such job", "(%d) - No such
 *   process", "arguments must be process or job IDs", "invalid signal specification"), builtins/wait.def
 *   ("%s: no such job", 127), builtins/jobs.def.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

function session(script: string): string {
  const c = createCluster();
  return c
    .transcript(script)
    .map((e) => `$ ${e.command}\n${e.result.output.map((o) => o.text).join('')}[${e.result.exitCode}]`)
    .join('\n')
    .replace(/\b[0-9a-f]{64}\b/g, '<sandbox>')
    .replace(/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'cni-<uuid>')
    .replace(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} /gm, 'E<time> ');
}

const WEB = 'kubectl run web --image=nginx --port=80 >/dev/null\n';

const API = `cat <<EOF | kubectl apply -f - >/dev/null
apiVersion: v1
kind: Pod
metadata: {name: api, labels: {app: api}}
spec:
  containers:
  - {name: web, image: nginx, ports: [{name: http, containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{name: web, port: 8000, targetPort: http}]
EOF
`;

describe('kubectl port-forward in a background job', () => {
  const cases: [string, string, string][] = [
    [
      'the tutorial: svc/web 8080:80 &, curl, jobs, kill %1 (reported before the next prompt), nothing listens afterwards',
      'kubectl create deployment web --image=nginx >/dev/null\nkubectl expose deployment web --port=80 >/dev/null\nkubectl port-forward svc/web 8080:80 &\necho $!\ncurl -s localhost:8080 | head -4\njobs\nkill %1\ncurl -s localhost:8080\necho $?',
      `$ kubectl create deployment web --image=nginx >/dev/null
[0]
$ kubectl expose deployment web --port=80 >/dev/null
[0]
$ kubectl port-forward svc/web 8080:80 &
[1] 4213
Forwarding from 127.0.0.1:8080 -> 80
Forwarding from [::1]:8080 -> 80
[0]
$ echo $!
4213
[0]
$ curl -s localhost:8080 | head -4
Handling connection for 8080
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
[0]
$ jobs
[1]+  Running                 kubectl port-forward svc/web 8080:80 &
[0]
$ kill %1
[1]+  Terminated              kubectl port-forward svc/web 8080:80
[0]
$ curl -s localhost:8080
[7]
$ echo $?
7
[0]`,
    ],
    [
      'a named service port to a named targetPort; output redirected to a file; --address 0.0.0.0 reached at the node IP',
      API +
        "kubectl port-forward svc/api 8000 > /tmp/pf.log 2>&1 &\ncurl -s -o /dev/null -w '%{http_code}\\n' localhost:8000\ncat /tmp/pf.log\nkubectl port-forward pod/api 7000:http --address 0.0.0.0 &\ncurl -s -o /dev/null -w '%{http_code}\\n' 192.168.56.30:7000\nkill 4213 %2",
      `$ cat <<EOF | kubectl apply -f - >/dev/null
[0]
$ kubectl port-forward svc/api 8000 > /tmp/pf.log 2>&1 &
[1] 4213
[0]
$ curl -s -o /dev/null -w '%{http_code}\\n' localhost:8000
200
[0]
$ cat /tmp/pf.log
Forwarding from 127.0.0.1:8000 -> 80
Forwarding from [::1]:8000 -> 80
Handling connection for 8000
[0]
$ kubectl port-forward pod/api 7000:http --address 0.0.0.0 &
[2] 4214
Forwarding from 0.0.0.0:7000 -> 80
[0]
$ curl -s -o /dev/null -w '%{http_code}\\n' 192.168.56.30:7000
Handling connection for 7000
200
[0]
$ kill 4213 %2
[1]-  Terminated              kubectl port-forward svc/api 8000 > /tmp/pf.log 2>&1
[2]+  Terminated              kubectl port-forward pod/api 7000:http --address 0.0.0.0
[0]`,
    ],
    [
      'nothing listens on the remote port: the error comes with the connection, kubectl loses the pod and exits 1',
      WEB + 'kubectl port-forward web 8081:81 &\ncurl -s localhost:8081\necho $?',
      `$ kubectl run web --image=nginx --port=80 >/dev/null
[0]
$ kubectl port-forward web 8081:81 &
[1] 4213
Forwarding from 127.0.0.1:8081 -> 81
Forwarding from [::1]:8081 -> 81
[0]
$ curl -s localhost:8081
Handling connection for 8081
E<time>    4213 portforward.go:549] "An error occurred forwarding" err="error forwarding port 81 to pod <sandbox>, uid : failed to execute portforward in network namespace \\"/var/run/netns/cni-<uuid>\\": failed to connect to localhost:81 inside namespace \\"<sandbox>\\", IPv4: dial tcp4 127.0.0.1:81: connect: connection refused IPv6 dial tcp6 [::1]:81: connect: connection refused " localPort=8081 remotePort=81
error: lost connection to pod
[1]+  Exit 1                  kubectl port-forward web 8081:81
[52]
$ echo $?
52
[0]`,
    ],
    [
      'the pod is deleted: the next connection finds its sandbox gone',
      WEB + 'kubectl port-forward web 8080:80 &\nkubectl delete pod web\ncurl -s localhost:8080',
      `$ kubectl run web --image=nginx --port=80 >/dev/null
[0]
$ kubectl port-forward web 8080:80 &
[1] 4213
Forwarding from 127.0.0.1:8080 -> 80
Forwarding from [::1]:8080 -> 80
[0]
$ kubectl delete pod web
pod "web" deleted from default namespace
[0]
$ curl -s localhost:8080
Handling connection for 8080
E<time>    4213 portforward.go:549] "An error occurred forwarding" err="error forwarding port 80 to pod <sandbox>, uid : network namespace for sandbox \\"<sandbox>\\" is closed" localPort=8080 remotePort=80
error: lost connection to pod
[1]+  Exit 1                  kubectl port-forward web 8080:80
[52]`,
    ],
  ];
  it.each(cases)('%s', (_name, script, want) => expect(session(script)).toBe(want));

  it('the klog line carries the time of the connection', () => {
    const c = createCluster();
    const t = c.transcript(WEB + 'kubectl port-forward web 8081:81 >/dev/null &\ncurl -s localhost:8081');
    const line = t.at(-1)!.result.stderr.split('\n')[0];
    const d = new Date(c.sim.clock.now());
    const mmdd = String(d.getUTCMonth() + 1).padStart(2, '0') + String(d.getUTCDate()).padStart(2, '0');
    expect(line).toMatch(new RegExp(`^E${mmdd} \\d\\d:\\d\\d:\\d\\d\\.\\d{6}    4213 portforward\\.go:549\\] "An error occurred forwarding"`));
  });
});

describe('kubectl port-forward errors and the foreground', () => {
  const cases: [string, string, string][] = [
    [
      'in the foreground it is interrupted once ready (the terminal echoes ^C, exit 0) and nothing forwards afterwards',
      WEB + 'kubectl port-forward pod/web 8080:80\ncurl -s localhost:8080',
      `$ kubectl run web --image=nginx --port=80 >/dev/null
[0]
$ kubectl port-forward pod/web 8080:80
Forwarding from 127.0.0.1:8080 -> 80
Forwarding from [::1]:8080 -> 80
^C[0]
$ curl -s localhost:8080
[7]`,
    ],
    [
      'a local port already in use',
      WEB + 'kubectl port-forward web 8080:80 >/dev/null &\nkubectl port-forward pod/web 8080:80',
      `$ kubectl run web --image=nginx --port=80 >/dev/null
[0]
$ kubectl port-forward web 8080:80 >/dev/null &
[1] 4213
[0]
$ kubectl port-forward pod/web 8080:80
Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]
error: unable to listen on any of the requested ports: [{8080 80}]
[1]`,
    ],
    [
      'a pod that is not running',
      `kubectl run pend --image=nginx --overrides='{"spec":{"nodeSelector":{"x":"y"}}}' >/dev/null\nkubectl port-forward pend 9090:80`,
      `$ kubectl run pend --image=nginx --overrides='{"spec":{"nodeSelector":{"x":"y"}}}' >/dev/null
[0]
$ kubectl port-forward pend 9090:80
error: unable to forward port because pod is not running. Current status=Pending
[1]`,
    ],
    [
      'missing objects, ports and names',
      WEB +
        'kubectl expose pod web --port=80 >/dev/null\nkubectl port-forward svc/nope 80\nkubectl port-forward pod/nope 80\nkubectl port-forward pod/web\nkubectl port-forward web 8082:http\nkubectl port-forward svc/web 8001:81\nkubectl port-forward web 8080:0\nkubectl port-forward web 8080 --address 1.2.3',
      `$ kubectl run web --image=nginx --port=80 >/dev/null
[0]
$ kubectl expose pod web --port=80 >/dev/null
[0]
$ kubectl port-forward svc/nope 80
Error from server (NotFound): services "nope" not found
[1]
$ kubectl port-forward pod/nope 80
Error from server (NotFound): pods "nope" not found
[1]
$ kubectl port-forward pod/web
error: TYPE/NAME and list of ports are required for port-forward
See 'kubectl port-forward -h' for help and examples
[1]
$ kubectl port-forward web 8082:http
error: Pod 'web' does not have a named port 'http'
[1]
$ kubectl port-forward svc/web 8001:81
error: Service web does not have a service port 81
[1]
$ kubectl port-forward web 8080:0
error: remote port must be > 0
[1]
$ kubectl port-forward web 8080 --address 1.2.3
error: 1.2.3 is not a valid IP
[1]`,
    ],
  ];
  it.each(cases)('%s', (_name, script, want) => expect(session(script)).toBe(want));

  it('a random local port (:80) is an ephemeral port, the same on every run, that curl reaches', () => {
    const out = session(WEB + 'kubectl port-forward web :80 &');
    const port = /Forwarding from 127\.0\.0\.1:(\d+) -> 80/.exec(out)?.[1];
    expect(Number(port)).toBeGreaterThanOrEqual(32768);
    expect(Number(port)).toBeLessThanOrEqual(60999);
    expect(out).toContain(`Forwarding from [::1]:${port} -> 80`);
    expect(session(WEB + 'kubectl port-forward web :80 &')).toBe(out);
    const reach = session(WEB + `kubectl port-forward web :80 >/dev/null &\ncurl -s -o /dev/null -w '%{http_code}\\n' localhost:${port}`);
    expect(reach).toContain('200\n[0]');
  });
});

describe("bash's background jobs", () => {
  const cases: [string, string, string][] = [
    [
      'a job that ends at once is reported after the next command; sleep in a job ends when the clock gets there',
      'echo hi &\necho next\nsleep 5 &\njobs\nsleep 6\njobs',
      `$ echo hi &
[1] 4213
hi
[0]
$ echo next
next
[1]+  Done                    echo hi
[0]
$ sleep 5 &
[1] 4214
[0]
$ jobs
[1]+  Running                 sleep 5 &
[0]
$ sleep 6
[1]+  Done                    sleep 5
[0]
$ jobs
[0]`,
    ],
    [
      'exit statuses, kill signals, wait, $! and the job marks (a new job takes the number after the highest one)',
      'false &\nsleep 100 &\nsleep 200 &\njobs\nkill -9 %2\nwait %3\necho $?\nwait %9\nsleep 1 &\nwait $!\necho $?',
      `$ false &
[1] 4213
[0]
$ sleep 100 &
[2] 4214
[1]-  Exit 1                  false
[0]
$ sleep 200 &
[3] 4215
[0]
$ jobs
[2]-  Running                 sleep 100 &
[3]+  Running                 sleep 200 &
[0]
$ kill -9 %2
[2]-  Killed                  sleep 100
[0]
$ wait %3
[3]+  Done                    sleep 200
[0]
$ echo $?
0
[0]
$ wait %9
bash: wait: %9: no such job
[127]
$ sleep 1 &
[1] 4216
[0]
$ wait $!
[1]+  Done                    sleep 1
[0]
$ echo $?
0
[0]`,
    ],
    [
      'kill errors; wait on a job that never ends is interrupted',
      'kill\nkill %4\nkill 99999\nkill -FOO 1\nkill abc\nsleep 1 & kill %1\nkubectl run web --image=nginx >/dev/null\nkubectl port-forward web 8080:80 >/dev/null &\nwait',
      `$ kill
kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]
[2]
$ kill %4
bash: kill: %4: no such job
[1]
$ kill 99999
bash: kill: (99999) - No such process
[1]
$ kill -FOO 1
bash: kill: FOO: invalid signal specification
[1]
$ kill abc
bash: kill: abc: arguments must be process or job IDs
[1]
$ sleep 1 & kill %1
[1] 4213
[0]
$ kubectl run web --image=nginx >/dev/null
[1]+  Terminated              sleep 1
[0]
$ kubectl port-forward web 8080:80 >/dev/null &
[1] 4214
[0]
$ wait
^C
[130]`,
    ],
  ];
  it.each(cases)('%s', (_name, script, want) => expect(session(script)).toBe(want));

  it("shells other than the reader's session run `cmd &` to its end at once, without job messages", () => {
    expect(session("bash -c 'echo a & echo b'")).toBe("$ bash -c 'echo a & echo b'\na\nb\n[0]");
  });
});
