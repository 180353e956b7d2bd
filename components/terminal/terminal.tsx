/** @jsxImportSource preact */
/**
 * The terminal panel of a chapter: a shell on the page's cluster (the main
 * scenario, as the examples left it). History with ↑/↓, Tab completion of
 * kubectl verbs, resource types and object names.
 */
import { render } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { STRINGS, type Lang } from '../example/strings';
import type { PageController } from '../example/controller';
import { complete } from './complete';
import { screenChunks } from '../example/screen';

interface Line {
  kind: 'cmd' | 'out' | 'err';
  /** The prompt a command was typed at. */
  prompt?: string;
  text: string;
}

const MAX_LINES = 2000;

export function Terminal({ lang, controller }: { lang: Lang; controller: () => Promise<PageController> }) {
  const t = STRINGS[lang];
  const [lines, setLines] = useState<Line[]>([]);
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [prompt, setPrompt] = useState('$');
  const history = useRef<string[]>([]);
  const pos = useRef(0);
  const out = useRef<HTMLDivElement>(null);

  const append = (l: Line[]) => {
    setLines((cur) => [...cur, ...l].slice(-MAX_LINES));
    requestAnimationFrame(() => out.current?.scrollTo(0, out.current.scrollHeight));
  };

  async function submit() {
    const cmd = input.slice(0, 20_000);
    setInput('');
    if (!cmd.trim()) return;
    history.current.push(cmd);
    pos.current = history.current.length;
    append([{ kind: 'cmd', text: cmd, prompt }]);
    setBusy(true);
    try {
      const c = (await controller()).runtime.cluster('main').cluster;
      const r = c.run(cmd);
      append(screenChunks(r.output).map((o) => ({ kind: o.stream === 'stderr' ? 'err' : 'out', text: o.text })));
      setPrompt(c.prompt());
    } catch (e) {
      console.error(e);
      append([{ kind: 'err', text: t.crashed + '\n' }]);
    } finally {
      setBusy(false);
    }
  }

  async function onKey(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      await submit();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      pos.current = Math.max(0, pos.current - 1);
      setInput(history.current[pos.current] ?? '');
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      pos.current = Math.min(history.current.length, pos.current + 1);
      setInput(history.current[pos.current] ?? '');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const c = (await controller()).runtime.cluster('main').cluster;
      const r = complete(input, c);
      if (r.candidates.length === 1) setInput(r.apply(r.candidates[0]));
      else if (r.candidates.length > 1) {
        const common = r.candidates.reduce((a, b) => {
          let k = 0;
          while (k < a.length && a[k] === b[k]) k++;
          return a.slice(0, k);
        });
        if (common.length > r.word.length) setInput(r.apply(common, false));
        else append([{ kind: 'cmd', text: input, prompt }, { kind: 'out', text: r.candidates.join('  ') + '\n' }]);
      }
    }
  }

  return (
    <div class="k8s-terminal" aria-label={t.terminalLabel}>
      <p class="k8s-terminal-hint">{t.terminalHint}</p>
      <div class="k8s-terminal-out" ref={out} role="log" aria-live="polite">
        <pre>
          {lines.map((l, k) =>
            l.kind === 'cmd' ? (
              <div key={k} class="k8s-cmdline">
                <span aria-hidden="true">{l.prompt ?? '$'} </span>
                {l.text}
              </div>
            ) : (
              <span key={k} class={l.kind === 'err' ? 'k8s-stderr' : undefined}>
                {l.text}
              </span>
            ),
          )}
        </pre>
      </div>
      <div class="k8s-terminal-input">
        <span aria-hidden="true">{prompt}</span>
        <input
          type="text"
          value={input}
          disabled={busy}
          aria-label={t.terminal}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          onKeyDown={onKey}
        />
      </div>
    </div>
  );
}

export function mountTerminal(host: HTMLElement, props: { lang: Lang; controller: () => Promise<PageController> }): void {
  render(<Terminal {...props} />, host);
}
