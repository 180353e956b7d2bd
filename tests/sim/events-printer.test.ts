/*
 * kubectl events' table (kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/events/event_printer.go,
 * printOneEvent): OBJECT is `<involvedObject.kind>/<name>` with the kind as it is (`Pod/p`; only `kubectl get
 * events` lower-cases it), and every cell goes through escapeCell: cut at its first \f, \n or \r with "...",
 * then printers.EscapeTerminal (ESC → ^[).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

describe('kubectl events printer (event_printer.go)', () => {
  it('names the object with its kind as it is, unlike get events', () => {
    const c = createCluster();
    c.run('kubectl run p --image=nginx');
    expect(c.run('kubectl events --types=Normal').stdout.split('\n')[1]).toMatch(/ {3}Scheduled {3}Pod\/p {4}Successfully assigned default\/p to /);
    expect(c.run('kubectl get events').stdout.split('\n')[1]).toMatch(/ {3}Scheduled {3}pod\/p {4}Successfully assigned default\/p to /);
  });

  it('cuts a cell at its first line break and escapes ESC', () => {
    const c = createCluster();
    const r = c.run(`kubectl create -f - <<'EOF'
apiVersion: v1
kind: Event
metadata:
  name: e1
involvedObject:
  kind: ConfigMap
  name: cm
  namespace: default
reason: "Edited"
message: "first line\\nsecond line"
type: Normal
firstTimestamp: "2026-01-15T09:00:00Z"
lastTimestamp: "2026-01-15T09:00:00Z"
count: 1
source:
  component: me
EOF`);
    expect(r.stderr).toBe('');
    expect(c.run('kubectl events').stdout).toMatch(/Normal {3}Edited {3}ConfigMap\/cm {3}first line\.\.\.\n$/);
  });
});
