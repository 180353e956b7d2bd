/**
 * core/v1 Events read through events.k8s.io/v1: pkg/apis/events/v1/conversion.go Convert_core_Event_To_v1_Event
 * (involvedObject → regarding, message → note, source → deprecatedSource, first/lastTimestamp →
 * deprecatedFirst/LastTimestamp, count → deprecatedCount, reportingComponent → reportingController), encoded
 * by api/events/v1/types.go's json tags (omitempty on reportingInstance, note, deprecatedCount …; eventTime,
 * regarding and deprecatedSource always written). Tables print the same columns through either group.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

function setup() {
  const c = createCluster();
  c.run('kubectl run web --image=nginx');
  return c;
}

describe('events.k8s.io/v1 view of events', () => {
  it('-o yaml shows the events.k8s.io/v1 fields; the core view keeps its own', () => {
    const c = setup();
    const v1 = c.run('kubectl get events.events.k8s.io -o yaml').stdout;
    expect(v1).toContain(`- apiVersion: events.k8s.io/v1
  deprecatedCount: 1
  deprecatedFirstTimestamp: "2026-01-15T09:00:00Z"
  deprecatedLastTimestamp: "2026-01-15T09:00:00Z"
  deprecatedSource:
    component: default-scheduler
  eventTime: null
  kind: Event
`);
    expect(v1).toContain(`  note: Successfully assigned default/web to k8s-node2
  reason: Scheduled
  regarding:
    apiVersion: v1
    kind: Pod
    name: web
    namespace: default
`);
    // reportingInstance "" is omitted (omitempty); the core view writes it
    expect(v1).toMatch(/  reportingController: default-scheduler\n  type: Normal\n/);
    expect(v1).not.toContain('involvedObject');
    const core = c.run('kubectl get events -o yaml').stdout;
    expect(core).toContain('  reportingInstance: ""\n');
    expect(core).toContain('involvedObject:');
    expect(core).not.toContain('note:');
  });

  it('jsonpath and --raw read the converted object; the table is the same', () => {
    const c = setup();
    expect(c.run("kubectl get events.v1.events.k8s.io -o jsonpath='{.items[0].note}'").stdout).toBe('Successfully assigned default/web to k8s-node2');
    const raw = c.run('kubectl get --raw /apis/events.k8s.io/v1/namespaces/default/events').stdout;
    const list = JSON.parse(raw);
    expect(list.kind).toBe('EventList');
    expect(Object.keys(list.items[1])).toEqual(['metadata', 'eventTime', 'reportingController', 'reportingInstance', 'reason', 'regarding', 'note', 'type', 'deprecatedSource', 'deprecatedFirstTimestamp', 'deprecatedLastTimestamp', 'deprecatedCount']);
    expect(list.items[1].reportingInstance).toBe('k8s-node2');
    const a = c.run('kubectl get events').stdout;
    expect(c.run('kubectl get events.events.k8s.io').stdout).toBe(a);
  });
});
