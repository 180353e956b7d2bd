/**
 * kubectl edit (kubectl pkg/cmd/edit, pkg/cmd/util/editor/editoptions.go EditOptions.Run and editor.go):
 * the objects are written, YAML (or JSON with -o json) under the edit header, to a temporary file
 * /tmp/kubectl-edit-<random uint32>.yaml on the reader's machine; the editor ($KUBE_EDITOR, else $EDITOR, else
 * vi) is run on it; what comes back is compared without comments, parsed, and each changed object patched
 * (field manager kubectl-edit) and printed as `edited`, unchanged ones as `skipped`. An invalid change reopens
 * the file with the causes in its header; an editor that leaves the file as it was then ends the edit with
 * "Edit cancelled, no valid changes were saved." and the path of the copy kept.
 * --output-patch prints each patch before it is sent ("Patch: <json>").
 * Editors are commands of the simulated shell (`KUBE_EDITOR="sed -i 's/1.27/1.28/'"`, `cat`, …): a full-screen
 * editor (vi, vim, nano, emacs) cannot run in this terminal, which says so.
 */
import type { KObject } from '../api/types';
import { clone } from '../api/clone';
import { deepEqual } from '../registry/apiserver';
import { StatusError, isNotFound } from '../registry/errors';
import { locationFS } from '../shell/interp';
import type { VerbSpec } from './types';
import { KubectlError } from './types';
import { asList, jsonYamlFormats, jsonYamlPrinter, noCompatiblePrinter, PRINT_FLAGS, toPrinter } from './output';
import { decodeManifests } from './yaml';
import { goMarshal, twoWayPatch } from './merge';
import { fieldValidationOf, parseResourceArgs, NO_RESOURCES_ERR, selectObjects } from './util';
import { groupResource, resourceForKind } from '../api/resources';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Full-screen editors the terminal cannot host. */
const SCREEN_EDITORS = new Set(['vi', 'vim', 'nvim', 'nano', 'emacs', 'pico', 'joe', 'mcedit', 'ed', 'code', 'gedit']);

/** cmdutil.StripComments: lines whose first non-blank character is '#' dropped. */
function stripComments(s: string): string {
  const lines = s.split('\n');
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (l.trim().startsWith('#')) return;
    out.push(l + (i < lines.length - 1 ? '\n' : ''));
  });
  return out.join('');
}

/** editoptions.go hasLines: a line with something other than blanks and a comment. */
function hasLines(s: string): boolean {
  return s.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== '#';
  });
}

/** hashOnLineBreak: continuation lines of a header reason stay comments. */
function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) r += s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#' ? '\n# ' : s[i];
  return r;
}

interface Reason {
  head: string;
  other: string[];
}

function header(reasons: Reason[]): string {
  let h = HEADER;
  for (const r of reasons) {
    h += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) h += `# * ${hashOnLineBreak(o)}\n`;
    h += '#\n';
  }
  return h;
}

export const editVerb: VerbSpec = {
  name: 'edit',
  flags: [
    ...PRINT_FLAGS,
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'field-manager', type: 'string' },
    { name: 'validate', type: 'string' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'output-patch', type: 'bool' },
  ],
  run(k) {
    if (k.flags.has('filename')) throw new KubectlError('kubectl edit -f is not simulated: edit the objects by name (kubectl edit TYPE NAME)');
    const refs = parseResourceArgs(k.args);
    if (!refs.length) throw new KubectlError(NO_RESOURCES_ERR);
    const { objects, errors } = selectObjects(k, refs, {});
    if (errors.length) throw errors[0];
    if (!objects.length) throw new KubectlError('edit cancelled, no objects found');
    const originals = objects.map((o) => o.obj);
    const typeOfObj = new Map(objects.map((o) => [o.obj.metadata.uid, o.type]));
    // editPrinterOptions (editoptions.go): PrintFlags with only the JSON/YAML flags, default yaml, -o bound when
    // given; exactly "json" drops the header and makes the file .json. Its ToPrinter runs when the file is written,
    // once the objects are read: another -o (name, jsonpath=…, foo) fails there
    const editorFormat = k.flags.str('output') || 'yaml';
    const json = editorFormat === 'json';
    let rendered = '';
    const editorPrinter = jsonYamlPrinter({ ...k, out: (t) => (rendered += t) }, editorFormat, false);
    if (!editorPrinter) throw noCompatiblePrinter(editorFormat, jsonYamlFormats(k));
    // extractManagedFields: the file shows the objects without their managedFields (restoreManagedFields puts them
    // back on what is read from it)
    editorPrinter.print(originals.length === 1 ? originals[0] : asList(originals as KObject[]));
    const original = rendered;
    const restoreManagedFields = (u: KObject, orig: KObject): KObject => {
      const mf = (orig.metadata as { managedFields?: unknown } | undefined)?.managedFields;
      return mf === undefined ? u : ({ ...u, metadata: { ...u.metadata, managedFields: mf } } as KObject);
    };
    // o.ToPrinter(operation) (PrintFlags "edited", built per object once it is patched or skipped): a printer error
    // there leaves the file and says where
    const printObj = (operation: string, obj: KObject, file: string) => {
      try {
        toPrinter(k, { operation }).print(obj);
      } catch (e) {
        if (e instanceof KubectlError) throw preserved(e.message, file);
        throw e;
      }
    };

    // editor.go defaultEnvEditor: KUBE_EDITOR, else EDITOR, else vi
    const editor = k.cmd.env.get('KUBE_EDITOR') || k.cmd.env.get('EDITOR') || 'vi';
    const program = editor.trim().split(/\s+/)[0] ?? '';
    if (SCREEN_EDITORS.has(program.replace(/^.*\//, ''))) {
      throw new KubectlError(
        `this terminal cannot run the full-screen editor "${editor}". Set KUBE_EDITOR to a command that changes the file it is given, for example: KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 3/'" kubectl edit ${k.args.join(' ')}`,
      );
    }
    const fs = locationFS(k.sim, k.cmd.location);
    if ('error' in fs) throw new KubectlError(fs.error);
    const ext = json ? 'json' : 'yaml';
    // editor.go LaunchTempFile: os.CreateTemp("", "kubectl-edit-*.yaml"), the editor run on its absolute path
    const launch = (content: string): { edited: string; file: string } => {
      const file = `/tmp/kubectl-edit-${k.sim.rand.int(4294967296)}.${ext}`;
      fs.write(file, content);
      const args = editor.includes(' ') && /["'\\]/.test(editor) ? `${editor} ${JSON.stringify(file)}` : `${editor} ${file}`;
      const status = k.cmd.exec(args);
      if (status === 127 && !/["'\\]/.test(editor)) throw new KubectlError(`unable to launch the editor "${editor}"`);
      if (status !== 0) throw new KubectlError(`there was a problem with the editor "${editor}"`);
      const back = fs.read(file);
      return { edited: 'data' in back ? back.data : '', file };
    };
    const preserved = (msg: string, file: string): KubectlError => {
      if (file && !('error' in fs.stat(file))) k.err(`A copy of your changes has been stored to "${file}"\n`);
      return new KubectlError(msg);
    };

    let reasons: Reason[] = [];
    let containsError = false;
    let edited = '';
    let prevFile = '';
    for (let attempt = 0; ; attempt++) {
      const buf = (json ? '' : header(reasons)) + (containsError ? stripComments(edited) : original);
      const editedDiff = edited;
      let launched: { edited: string; file: string };
      try {
        launched = launch(buf);
      } catch (e) {
        if (prevFile && e instanceof KubectlError) throw preserved(e.message, prevFile);
        throw e;
      }
      edited = launched.edited;
      const file = launched.file;
      if (containsError && stripComments(editedDiff) === stripComments(edited)) throw preserved('Edit cancelled, no valid changes were saved.', file);
      if (prevFile) fs.remove(prevFile);
      if (stripComments(original) === stripComments(edited)) {
        fs.remove(file);
        k.err('Edit cancelled, no changes made.\n');
        return 0;
      }
      if (!hasLines(edited)) {
        fs.remove(file);
        k.err('Edit cancelled, saved file was empty.\n');
        return 0;
      }
      prevFile = file;
      reasons = [];
      // parse the edited file (a List gives its items)
      const decoded = decodeManifests(edited, file);
      if (decoded.error) {
        containsError = true;
        const err = decoded.error;
        reasons.push({ head: `The edited file had a syntax error: ${err}`, other: [] });
        if (attempt > 20) throw preserved('Edit cancelled, no valid changes were saved.', file);
        continue;
      }
      containsError = false;
      const updated = decoded.docs.flatMap((d) => {
        const o = d.obj as KObject;
        return o.kind === 'List' ? ((o as unknown as { items?: KObject[] }).items ?? []) : [o];
      });
      let retryable = 0;
      let notfound = 0;
      let invalid = 0;
      for (const edited of updated) {
        const orig = originals.find((o) => o.metadata.uid === edited.metadata?.uid);
        if (!orig) throw preserved(`no original object found for ${JSON.stringify(edited)}`, file);
        const u = restoreManagedFields(edited, orig);
        const t = typeOfObj.get(orig.metadata.uid) ?? resourceForKind(orig.kind)!;
        if (deepEqual(u, orig)) {
          printObj('skipped', u, file);
          continue;
        }
        // CreateTwoWayMergePatch preconditions: apiVersion, kind and metadata.name unchanged
        if (u.apiVersion !== orig.apiVersion || u.kind !== orig.kind || u.metadata?.name !== orig.metadata.name) {
          throw preserved('At least one of apiVersion, kind and name was changed', file);
        }
        // visitToPatch: the strategic merge patch from the original to the edited object (CreateTwoWayMergePatch),
        // printed as "Patch: %s\n" on stdout before it is sent when --output-patch is given
        if (k.flags.bool('output-patch')) k.out(`Patch: ${goMarshal(twoWayPatch(orig, u))}\n`);
        let patched: KObject | undefined;
        try {
          const live = k.sim.api.get(t.kind, orig.metadata.namespace ?? '', orig.metadata.name, { user: k.user });
          // the two-way patch from the original to the edited object, applied to the live one: on an object
          // unchanged since it was read (the editor runs within this command), the edited object
          const next = clone(u) as KObject;
          next.metadata = { ...next.metadata, resourceVersion: live.metadata.resourceVersion };
          next.status = clone(live.status);
          // visitToPatch: helper.Patch of the two-way patch (a PATCH, authorized as verb patch)
          patched = k.sim.api.update(next, { user: k.user, fieldValidation: fieldValidationOf(k), verb: 'patch' });
        } catch (e) {
          const rs = groupResource(t);
          if (e instanceof StatusError && e.status.reason === 'Invalid') {
            invalid++;
            const causes = (e.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
            reasons.push({ head: `${rs} "${orig.metadata.name}" was not valid`, other: causes });
            k.err(`error: ${rs} "${orig.metadata.name}" is invalid\n`);
          } else if (isNotFound(e)) {
            notfound++;
            k.err(`error: ${rs} "${orig.metadata.name}" could not be found on the server\n`);
          } else {
            retryable++;
            const msg = e instanceof StatusError ? e.status.message : e instanceof Error ? e.message : String(e);
            k.err(`error: ${rs} "${orig.metadata.name}" could not be patched: ${msg}\n`);
          }
        }
        // visitToPatch: info.Refresh(patched), then o.ToPrinter("edited")
        if (patched) printObj('edited', patched, file);
      }
      if (retryable) {
        k.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
        return 1;
      }
      if (notfound) {
        k.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
        return 1;
      }
      if (!invalid) {
        fs.remove(file);
        return 0;
      }
      containsError = true;
      if (attempt > 20) throw preserved('Edit cancelled, no valid changes were saved.', file);
    }
  },
};
