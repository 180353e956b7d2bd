/** @jsxImportSource preact */
/**
 * The island of one runnable example: Run / Edit / Reset / Copy link (and
 * Check for exercises), the live output, and after a run the objects that
 * changed, the events, the namespace's DNS records and a cluster diagram.
 * It is mounted by boot.ts when the example scrolls into view; the simulator
 * (controller.ts → page.ts → sim/) loads only on the first Run or Edit.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { STRINGS, type Lang } from './strings';
import { shareFragment, hasStoredEdit } from './share';
import type { Cell, CellRun } from './scenario';
import type { PageController } from './controller';
import type { Editor } from './editor';
import { ClusterDiagram } from '../cluster-view/diagram';
import type { Panels } from './panels';
import { screenChunks } from './screen';

export interface IslandProps {
  index: number;
  cell: Cell;
  lang: Lang;
  wrapper: HTMLElement;
  controller: () => Promise<PageController>;
}

function outputText(run: CellRun) {
  return run.commands.map((c, k) => (
    <div key={k} class="k8s-cmd">
      <div class="k8s-cmdline">
        <span aria-hidden="true">{c.prompt ?? '$'} </span>
        {c.command}
      </div>
      {screenChunks(c.output).map((o, j) => (
        <span key={j} class={o.stream === 'stderr' ? 'k8s-stderr' : undefined}>
          {o.text}
        </span>
      ))}
    </div>
  ));
}

export function ExampleIsland({ index, cell, lang, wrapper, controller }: IslandProps) {
  const t = STRINGS[lang];
  const [ctl, setCtl] = useState<PageController | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [run, setRun] = useState<CellRun | null>(null);
  const [panels, setPanels] = useState<Panels | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string; lines?: number[] } | null>(null);
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState(() => hasStoredEdit(location.pathname, index, location.hash));
  const [ms, setMs] = useState<string | null>(null);
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);

  const staticCode = wrapper.querySelector<HTMLElement>(':scope > .expressive-code, :scope > pre');
  const staticOutput = wrapper.querySelector<HTMLElement>(':scope > .k8s-output');

  // a ref, not the state: handlers created before the first load must see the loaded controller
  const ctlRef = useRef<PageController | null>(null);
  async function load(): Promise<PageController> {
    if (ctlRef.current) return ctlRef.current;
    setBusy(t.loading);
    try {
      const c = await controller();
      ctlRef.current = c;
      setCtl(c);
      return c;
    } finally {
      setBusy(null);
    }
  }

  useEffect(() => {
    if (!ctl) return;
    return ctl.onUpdate(index, () => {
      const st = ctl.runtime.states[index];
      if (!st.run) return;
      setRun(st.run);
      setPanels((st.view as Panels | undefined) ?? null);
      editor.current?.markErrors(st.errorLines);
      if (st.problem && !cell.meta.expectError) setMessage({ kind: 'error', text: `${t.unexpectedError} ${st.problem}`, lines: st.errorLines });
      else if (cell.meta.expectError && st.problem) setMessage({ kind: 'error', text: t.missingError });
      else if (cell.meta.expectError) setMessage({ kind: 'info', text: t.expectedError, lines: st.errorLines });
      else setMessage(null);
      if (staticOutput) staticOutput.hidden = true;
    });
  }, [ctl]);

  // A stored or shared edit: open the editor right away so the reader sees their code.
  useEffect(() => {
    if (edited) void startEditing();
  }, []);

  async function doRun() {
    try {
      const c = await load();
      if (editor.current) c.setCode(index, editor.current.get());
      setBusy(t.running);
      await new Promise((r) => setTimeout(r, 0));
      const r = c.run(index);
      setMs(r.ms.toFixed(1));
      void r.later.then((rest) => {
        if (rest.length) setMessage((m) => m ?? { kind: 'info', text: t.laterCellsUpdated });
      });
    } catch (e) {
      console.error(e);
      setMessage({ kind: 'error', text: t.crashed });
    } finally {
      setBusy(null);
    }
  }

  async function doCheck() {
    await doRun();
    const c = await load();
    const st = c.runtime.states[index];
    setMessage(st.solved ? { kind: 'ok', text: t.solved } : { kind: 'error', text: t.notSolved });
  }

  async function startEditing() {
    const c = await load();
    const { createEditor } = await import('./editor');
    setBusy(null);
    if (!editorHost.current || editor.current) return;
    editor.current = createEditor(editorHost.current, c.runtime.code(index), cell.lang, t.editorLabel(index + 1), (code) => {
      c.setCode(index, code);
      setEdited(c.runtime.edited(index));
    });
    setEditing(true);
    if (staticCode) staticCode.hidden = true;
    editor.current.focus();
  }

  async function doReset() {
    const c = await load();
    c.reset(index);
    editor.current?.set(cell.code);
    editor.current?.markErrors([]);
    setEdited(false);
    setMessage(null);
    setRun(null);
    setPanels(null);
    if (staticOutput) staticOutput.hidden = false;
    c.run(index);
  }

  async function doShare() {
    const c = await load();
    const url = `${location.origin}${location.pathname}#${shareFragment(index, c.runtime.code(index))}`;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      history.replaceState(null, '', url);
    }
    setMessage({ kind: 'ok', text: t.copied });
  }

  return (
    <div class="k8s-island">
      <div class="k8s-editor" ref={editorHost} hidden={!editing} />
      <div class="k8s-toolbar" role="toolbar" aria-label={`${t.run} · ${t.edit}`}>
        <button type="button" class="k8s-btn k8s-primary" onClick={doRun} disabled={!!busy}>
          ▶ {run ? t.rerun : t.run}
        </button>
        {cell.meta.check && (
          <button type="button" class="k8s-btn" onClick={doCheck} disabled={!!busy}>
            ✓ {t.check}
          </button>
        )}
        {!editing && (
          <button type="button" class="k8s-btn" onClick={startEditing} disabled={!!busy}>
            ✎ {t.edit}
          </button>
        )}
        <button type="button" class="k8s-btn" onClick={doReset} disabled={!!busy || (!edited && !run)}>
          ↺ {t.reset}
        </button>
        {edited && (
          <button type="button" class="k8s-btn" onClick={doShare}>
            🔗 {t.share}
          </button>
        )}
        {edited && <span class="k8s-badge">{t.edited}</span>}
        <span class="k8s-status" role="status" aria-live="polite">
          {busy ?? (ms ? t.ran(ms) : '')}
        </span>
      </div>
      {message && (
        <div class={`k8s-message k8s-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
          {message.lines?.length ? ` (${message.lines.map((n) => t.errorAtLine(n)).join(', ')})` : ''}
        </div>
      )}
      {run && (
        <div class="k8s-live">
          <div class="k8s-terminal-out" aria-label={t.output}>
            <pre>{outputText(run)}</pre>
          </div>
          {panels && (
            <div class="k8s-panels">
              <details open>
                <summary>{t.objects}</summary>
                {panels.tables.length ? (
                  panels.tables.map((tb) => (
                    <pre key={tb.title} class="k8s-table">
                      <span class="k8s-cmdline">$ {tb.title}</span>
                      {'\n' + tb.text}
                    </pre>
                  ))
                ) : (
                  <p>{t.noChanges}</p>
                )}
              </details>
              <details>
                <summary>{t.events}</summary>
                {panels.events ? <pre class="k8s-table">{panels.events}</pre> : <p>{t.noEvents}</p>}
              </details>
              <details>
                <summary>{t.dns}</summary>
                {panels.dns.length ? (
                  <table class="k8s-dns">
                    <tbody>
                      {panels.dns.map((r, k) => (
                        <tr key={k}>
                          <td>{r.name}</td>
                          <td>{r.type}</td>
                          <td>{r.data}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p>{t.noDns}</p>
                )}
              </details>
              <details open>
                <summary>{t.diagram}</summary>
                <ClusterDiagram data={panels.diagram} lang={lang} />
              </details>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function mountIsland(host: HTMLElement, props: IslandProps): void {
  render(<ExampleIsland {...props} />, host);
}
