/*
 * Pod observedGeneration (KEP-5067, PodObservedGenerationTracking: alpha v1.33, beta and on by default since v1.34;
 * kubernetes/website content/en/docs/reference/command-line-tools-reference/feature-gates/
 * PodObservedGenerationTracking.md), so a v1.35 cluster writes it:
 * - the kubelet: every status it sets carries status.observedGeneration = metadata.generation
 *   (pkg/kubelet/status/status_manager.go SetPodStatus: podutil.CalculatePodStatusObservedGeneration), and each
 *   condition of generateAPIPodStatus — PodReadyToStartContainers, Initialized, Ready, ContainersReady and the
 *   kubelet's own PodScheduled (True) — carries observedGeneration (pkg/api/v1/pod/util.go
 *   CalculatePodConditionObservedGeneration, the generation when the gate is on); the status manager keeps a
 *   condition's lastTransitionTime while its status stays (updateLastTransitionTime);
 * - the scheduler: the PodScheduled=False condition of a failed attempt (pkg/scheduler/schedule_one.go
 *   handleSchedulingFailure);
 * - the taint eviction controller: DisruptionTarget (pkg/controller/tainteviction/taint_eviction.go);
 * - not the binding (pkg/registry/core/pod/storage/storage.go setPodNodeAndMetadata: PodScheduled True with
 *   no observedGeneration; the kubelet's first status replaces it) nor the SchedulingGated condition of the pod
 *   strategy (pkg/registry/core/pod/strategy.go applySchedulingGatedCondition).
 * A spec update (a new generation) makes the kubelet write its status again with the new generation.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const GENS = `kubectl get pod p -o jsonpath='{.metadata.generation} {.status.observedGeneration} {range .status.conditions[*]}{.type}={.observedGeneration} {end}'`;

describe('pod observedGeneration (PodObservedGenerationTracking, on in v1.35)', () => {
  it.each([
    {
      name: 'a running pod: the status and every kubelet condition',
      script: ['kubectl run p --image=nginx', GENS],
      want: '1 1 PodReadyToStartContainers=1 Initialized=1 Ready=1 ContainersReady=1 PodScheduled=1 ',
    },
    {
      name: 'a spec update the kubelet does not act on still gets a status with the new generation',
      script: ['kubectl run p --image=nginx', `kubectl patch pod p -p '{"spec":{"activeDeadlineSeconds":600}}'`, GENS],
      want: '2 2 PodReadyToStartContainers=2 Initialized=2 Ready=2 ContainersReady=2 PodScheduled=2 ',
    },
    {
      name: 'an unschedulable pod: the scheduler\'s PodScheduled=False, no status generation (no kubelet)',
      script: [`kubectl run p --image=nginx --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'`, GENS],
      want: '1  PodScheduled=1 ',
    },
    {
      name: 'a gated pod: the strategy\'s SchedulingGated condition has none',
      script: [`kubectl run p --image=nginx --overrides='{"spec":{"schedulingGates":[{"name":"example.com/gate"}]}}'`, GENS],
      want: '1  PodScheduled= ',
    },
  ])('$name', ({ script, want }) => {
    const c = createCluster();
    let out = '';
    for (const line of script) {
      const r = c.run(line);
      expect(r.stderr).toBe('');
      out = r.stdout;
    }
    expect(out).toBe(want);
  });

  it("keeps the binding's PodScheduled transition time in the kubelet's own condition", () => {
    const c = createCluster();
    c.run('kubectl run p --image=nginx');
    const r = c.run(`kubectl get pod p -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].lastTransitionTime} {.metadata.creationTimestamp}'`);
    const [scheduled, created] = r.stdout.split(' ');
    expect(scheduled).toBe(created);
  });

  it('prints observedGeneration in -o yaml (sorted keys) and -o json (Go order)', () => {
    const c = createCluster();
    c.run('kubectl run p --image=nginx');
    const yaml = c.run('kubectl get pod p -o yaml').stdout;
    expect(yaml).toContain('  - lastProbeTime: null\n    lastTransitionTime: "2026-01-15T09:00:03Z"\n    observedGeneration: 1\n    status: "True"\n    type: Ready\n');
    expect(yaml).toMatch(/\n  hostIPs:\n  - ip: \S+\n  observedGeneration: 1\n  phase: Running\n/);
    const json = c.run('kubectl get pod p -o json').stdout;
    expect(json).toContain('"observedGeneration": 1,\n                "status": "True",\n                "type": "Ready"');
  });
});
