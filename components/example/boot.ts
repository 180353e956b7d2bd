/**
 * Page bootstrap for runnable examples and the terminal: tiny, no framework.
 * Each example's island (Preact) is loaded when the example scrolls into
 * view; the simulator itself only on the first Run/Edit (controller.ts).
 */
import type { Cell } from './scenario';
import type { Lang } from './strings';
import type { PageController } from './controller';

type ControllerMod = typeof import('./controller');

export function boot(root: ParentNode = document): void {
  const examples = [...root.querySelectorAll<HTMLElement>('.k8s-example')];
  if (!examples.length && !root.querySelector('.k8s-terminal-panel')) return;
  const cells: Cell[] = examples.map((el) => {
    try {
      return JSON.parse(el.dataset.cell ?? '') as Cell;
    } catch {
      return { lang: 'sh', code: '', meta: { scenario: 'broken', hidden: true, expectError: false, verb: 'apply', solution: false } } as Cell;
    }
  });
  const lang: Lang = (document.documentElement.lang || 'ko').startsWith('en') ? 'en' : 'ko';
  let ctl: PageController | undefined;
  const controller = async (): Promise<PageController> => {
    if (!ctl) {
      const m: ControllerMod = await import('./controller');
      ctl = new m.PageController(cells, location.pathname, location.hash);
    }
    return ctl;
  };

  const mount = (el: HTMLElement) => {
    const index = Number(el.dataset.index);
    const cell = cells[index];
    if (!cell || cell.meta.hidden || cell.meta.solution || el.querySelector(':scope > .k8s-island-host')) return;
    const host = document.createElement('div');
    host.className = 'k8s-island-host';
    el.appendChild(host);
    void import('./island').then((m) => m.mountIsland(host, { index, cell, lang, wrapper: el, controller }));
  };

  if ('IntersectionObserver' in window) {
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries)
          if (e.isIntersecting) {
            io.unobserve(e.target);
            mount(e.target as HTMLElement);
          }
      },
      { rootMargin: '200px' },
    );
    for (const el of examples) io.observe(el);
  } else for (const el of examples) mount(el);

  for (const panel of root.querySelectorAll<HTMLDetailsElement>('details.k8s-terminal-panel')) {
    const open = () => {
      if (panel.dataset.mounted) return;
      panel.dataset.mounted = '1';
      const host = panel.querySelector<HTMLElement>('.k8s-terminal-host')!;
      void import('../terminal/terminal').then((m) => m.mountTerminal(host, { lang, controller }));
    };
    panel.addEventListener('toggle', () => panel.open && open());
    if (panel.open) open();
  }
}
