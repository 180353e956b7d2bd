/**
 * The pods/ephemeralcontainers subresource (K/K pkg/registry/core/pod/storage/storage.go EphemeralContainersREST,
 * pkg/registry/core/pod/strategy.go podEphemeralContainersStrategy): a write that may only change
 * spec.ephemeralContainers. PrepareForUpdate keeps everything else of the stored pod (dropNonEphemeralContainerUpdates),
 * updatePodGeneration counts the change as a new generation, the new containers are defaulted as containers are (SetDefaults_Container: imagePullPolicy,
 * terminationMessagePath/Policy), and ValidatePodEphemeralContainersUpdate (pkg/apis/core/validation/validation.go)
 * checks the new ones (validateEphemeralContainers: a name unique across all the pod's containers, a target that is
 * one of the pod's containers or init containers) and that existing ones are neither removed nor changed.
 */
import type { StoredObject, UserInfo } from '../api/types';
import { clone } from '../api/clone';
import type { Sim } from '../sim';
import { Path, duplicate, forbidden, invalid, notFound, required, type FieldError } from '../validation/field';
import { isDNS1123Label } from '../validation/names';
import { newInvalid, newNotFound } from './errors';
import { deepEqual } from './apiserver';
import { defaultPodSpec } from './pod';

type C = Record<string, any>;

/**
 * Write pods/<name>/ephemeralcontainers: `update` gets a copy of the pod's ephemeral containers and returns the
 * list to store (kubectl debug sends a strategic merge patch that appends one).
 */
export function updateEphemeralContainers(sim: Sim, namespace: string, name: string, update: (ecs: C[]) => C[], opts: { user?: UserInfo } = {}): StoredObject {
  const t = sim.api.typeOf('Pod');
  sim.api.authorize(opts.user, 'patch', t, namespace, name, 'ephemeralcontainers');
  const old = sim.store.get('Pod', namespace, name);
  if (!old) throw newNotFound('pods', name);
  const spec = (old.spec ?? {}) as C;
  const ecs = update(clone((spec.ephemeralContainers ?? []) as C[]));
  // the containers are defaulted as the pod's own are (the patched pod is decoded with defaults)
  defaultPodSpec({ containers: ecs });
  const errs = validateEphemeral(old, ecs);
  if (errs.length) throw newInvalid('Pod', name, errs);
  if (deepEqual(ecs, spec.ephemeralContainers ?? [])) return old;
  // updatePodGeneration: a change of the spec counts as a new generation
  const meta = { ...old.metadata };
  if (meta.generation !== undefined) meta.generation++;
  const obj = { ...old, metadata: meta, spec: { ...spec, ephemeralContainers: ecs } } as StoredObject;
  return sim.store.put(obj);
}

function validateEphemeral(old: StoredObject, ecs: C[]): FieldError[] {
  const spec = (old.spec ?? {}) as C;
  const errs: FieldError[] = [];
  if (old.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return [forbidden('', 'static pods do not support ephemeral containers')];
  const other = new Set<string>([...((spec.containers ?? []) as C[]), ...((spec.initContainers ?? []) as C[])].map((c) => c.name));
  const all = new Set(other);
  const path = Path.root('spec', 'ephemeralContainers');
  ecs.forEach((ec, i) => {
    const p = path.index(i);
    // validateContainerCommon
    if (!ec.name) errs.push(required(p.child('name')));
    else for (const m of isDNS1123Label(ec.name)) errs.push(invalid(p.child('name'), ec.name, m));
    if (!ec.image) errs.push(required(p.child('image')));
    // Ephemeral containers must have a name unique across all container types.
    if (all.has(ec.name)) errs.push(duplicate(p.child('name'), ec.name));
    else all.add(ec.name);
    // The target container name must exist and be non-ephemeral.
    if (ec.targetContainerName && !other.has(ec.targetContainerName)) errs.push(notFound(p.child('targetContainerName'), ec.targetContainerName));
  });
  // Existing EphemeralContainers may not be changed. Order isn't preserved by patch, so check each individually.
  const byName = new Map(ecs.map((ec) => [ec.name as string, ec]));
  for (const o of (spec.ephemeralContainers ?? []) as C[]) {
    const n = byName.get(o.name);
    if (!n) errs.push(forbidden(path, `existing ephemeral containers "${o.name}" may not be removed\n`));
    // the API server appends go-cmp's cmp.Diff of the two containers, whose output go-cmp randomises on
    // purpose (regular or non-breaking spaces): it is left out here
    else if (!deepEqual(o, n)) errs.push(forbidden(path, `existing ephemeral containers "${o.name}" may not be changed\n`));
  }
  return errs;
}
