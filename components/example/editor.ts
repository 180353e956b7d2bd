/**
 * The code editor, loaded only when a reader starts editing (CodeMirror 6 is
 * ~100 KB gzip). Lines the last error points at are marked.
 */
import { basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { EditorState, StateEffect, StateField, RangeSetBuilder } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

const setErrors = StateEffect.define<number[]>();
const errorLine = Decoration.line({ class: 'k8s-error-line' });

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrors)) continue;
      const b = new RangeSetBuilder<Decoration>();
      for (const n of e.value) if (n >= 1 && n <= tr.state.doc.lines) b.add(tr.state.doc.line(n).from, tr.state.doc.line(n).from, errorLine);
      deco = b.finish();
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),

});

export interface Editor {
  get(): string;
  set(code: string): void;
  markErrors(lines: number[]): void;
  focus(): void;
  destroy(): void;
}

export function createEditor(parent: HTMLElement, code: string, lang: 'yaml' | 'sh', label: string, onChange: (code: string) => void): Editor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        basicSetup,
        ...(lang === 'yaml' ? [yaml()] : []),
        errorField,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    get: () => view.state.doc.toString(),
    set: (c) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: c } }),
    markErrors: (lines) => view.dispatch({ effects: setErrors.of(lines) }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
