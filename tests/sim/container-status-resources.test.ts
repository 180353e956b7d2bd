/*
 * Container status resources (InPlacePodVerticalScaling: beta and on by default since v1.33, GA in v1.35).
 * kubernetes/kubernetes pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (the v1.35 line): for every
 * container the runtime reports (created, running or exited), status.Resources = convertContainerStatusResources
 * and status.AllocatedResources = the allocated container's Resources.Requests;
 * convertContainerStatusResources: not running → the allocated resources as they are; running → the allocated
 * ones with the runtime's CPU limit (quotaToMilliCPU), CPU request (sharesToMilliCPU) and memory limit
 * (resource.NewQuantity(bytes, BinarySI)) where the runtime reports them — the CPU values round-trip to the same
 * milli-CPUs (MilliCPUToShares floors, sharesToMilliCPU ceils), a memory limit in decimal units reads back as its
 * byte count (apimachinery Quantity CanonicalizeBytes: BinarySI with no exact 1024 factor prints the integer).
 * A container the runtime never created (an image that cannot be pulled) has neither field.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const STATUS = `kubectl get pod p -o jsonpath='{.status.containerStatuses[0].allocatedResources}|{.status.containerStatuses[0].resources}'`;

describe('containerStatuses resources and allocatedResources (InPlacePodVerticalScaling, GA in v1.35)', () => {
  it.each([
    { name: 'no resources: resources: {}, no allocatedResources', overrides: undefined, want: '|{}' },
    {
      name: 'requests and limits: the allocated requests, the memory limit in bytes',
      overrides: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '100M' } },
      want: '{"cpu":"250m","memory":"64Mi"}|{"limits":{"cpu":"1","memory":"100000000"},"requests":{"cpu":"250m","memory":"64Mi"}}',
    },
    {
      name: 'a binary memory limit reads back unchanged (requests defaulted from limits)',
      overrides: { limits: { cpu: '500m', memory: '128Mi' } },
      want: '{"cpu":"500m","memory":"128Mi"}|{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"500m","memory":"128Mi"}}',
    },
  ])('$name', ({ overrides, want }) => {
    const c = createCluster();
    const ov = overrides ? ` --overrides='${JSON.stringify({ spec: { containers: [{ name: 'p', image: 'nginx', resources: overrides }] } })}'` : '';
    expect(c.run(`kubectl run p --image=nginx${ov}`).stderr).toBe('');
    expect(c.run(STATUS).stdout).toBe(want);
  });

  it('a container that exited reports its allocated resources as they are', () => {
    const c = createCluster();
    const ov = JSON.stringify({ spec: { restartPolicy: 'Never', containers: [{ name: 'p', image: 'busybox', command: ['true'], resources: { limits: { memory: '100M' } } }] } });
    c.run(`kubectl run p --image=busybox --restart=Never --overrides='${ov}'`);
    expect(c.run(`kubectl get pod p -o jsonpath='{.status.phase} {.status.containerStatuses[0].resources.limits.memory}'`).stdout).toBe('Succeeded 100M');
  });

  it('a container the runtime never created has neither field', () => {
    const c = createCluster();
    c.run('kubectl run p --image=nginx:no-such-tag');
    expect(c.run(`kubectl get pod p -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}{.status.containerStatuses[0].resources}'`).stdout).toBe('ErrImagePull');
  });
});
