/**
 * kubectl create: `create -f FILE` (create, never merge: AlreadyExists is an
 * error) and `create <subcommand>` (namespace, deployment, configmap, secret,
 * service, role, …) whose generators live in ./create.ts.
 */
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { runApplyLike, FILE_FLAGS } from './apply';

/** `kubectl create <sub>` generators, filled in by ./verbs.ts. */
export const CREATE_SUBCOMMANDS: Record<string, (k: KubectlContext) => number> = {};
/** Flags the generators accept (parsed together with create's own). */
export const CREATE_SUB_FLAGS: NonNullable<VerbSpec['flags']> = [];

export const createVerb: VerbSpec = {
  name: 'create',
  get flags() {
    const seen = new Set<string>();
    return [...FILE_FLAGS, { name: 'save-config', type: 'bool' as const }, { name: 'edit', type: 'bool' as const }, ...CREATE_SUB_FLAGS].filter((f) => {
      if (seen.has(f.name)) return false;
      seen.add(f.name);
      return true;
    });
  },
  run(k) {
    if (k.args.length) {
      const sub = CREATE_SUBCOMMANDS[k.args[0]];
      if (!sub) throw new KubectlError(`unknown command "${k.args[0]}" for "kubectl create"`);
      return sub({ ...k, args: k.args.slice(1) });
    }
    return runApplyLike(k, 'create');
  },
};
