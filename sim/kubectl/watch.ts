/**
 * What `kubectl get --watch` (kubectl pkg/cmd/get/get.go watch) and `kubectl events --watch` (pkg/cmd/events/
 * events.go runWatch) share: the tabwriter they print every event through, and how the watch runs until it is
 * interrupted.
 *
 * - Both print into one printers.GetNewTabWriter (cli-runtime pkg/printers/tabwriter.go: minwidth 6, tabwidth 4,
 *   padding 3, github.com/liggitt/tabwriter with RememberWidths) and flush it after each event, so a later row is
 *   laid out on its own but never narrower than the columns printed before it (a wider cell widens its column for
 *   the rows after it).
 * - Both run watchtools.UntilWithoutRetry inside interrupt.New(nil, cancel) (kubectl pkg/util/interrupt): the watch
 *   goes on until SIGHUP, SIGINT, SIGTERM or SIGQUIT, and with no final handler kubectl then exits 1. In the
 *   foreground the simulator interrupts it once what is there is printed (the terminal echoes the ^C); in a
 *   background job (`kubectl get pods -w &`) it keeps printing what the cluster writes until it is killed, or until
 *   the apiserver closes the watch (30 to 60 minutes on).
 */
import type { StoredObject } from '../api/types';
import type { WatchEvent } from '../store';
import type { KubectlContext } from './types';
import { tabwriterFormat } from './printers/tabwriter';

/** printers.GetNewTabWriter as a watch uses it: each `flush` formats what was written since the last one. */
export class WatchTabWriter {
  private readonly remembered: number[] = [];
  private buf = '';

  constructor(private readonly out: (text: string) => void) {}

  write(text: string): void {
    this.buf += text;
  }

  /** A row of cells, tab-separated, ending its line. */
  row(cells: string[]): void {
    this.buf += cells.join('\t') + '\n';
  }

  flush(): void {
    const text = this.buf;
    this.buf = '';
    if (text) this.out(text.includes('\t') ? tabwriterFormat(text, 6, 3, this.remembered) : text);
  }
}

/** The signals pkg/util/interrupt catches: SIGHUP, SIGINT, SIGQUIT and SIGTERM. */
const CAUGHT = [1, 2, 3, 15];

/**
 * Watch the store's `kind` until interrupted: `onEvent` gets every write of that kind, and returns false to end
 * the watch (kubectl then exits with `endCode`: a watch that stops by itself ends intr.Run without os.Exit).
 * Returns the exit code of the command as the caller's run returns it.
 */
export function watchUntilInterrupted(k: KubectlContext, kind: string, onEvent: (ev: WatchEvent) => boolean | void, endCode = 0): number {
  const job = k.cmd.background;
  if (!job) {
    if (k.cmd.isatty(0) && k.cmd.isatty(1)) k.out('^C');
    return 1;
  }
  let stopped = false;
  const end = (code: number | undefined) => {
    if (stopped) return;
    stopped = true;
    unwatch();
    k.sim.clock.clearTimeout(timer);
    if (code !== undefined) job.exit(code);
  };
  const unwatch = k.sim.store.watch(kind, (ev) => {
    if (!stopped && onEvent(ev) === false) end(endCode);
  });
  // kubectl asks for no timeoutSeconds, so the apiserver ends the watch after --min-request-timeout (1800 s) times
  // 1 + rand.Float64() (apiserver pkg/endpoints/handlers/get.go ListResource): UntilWithoutRetry then returns
  // ErrWatchClosed, which neither get.go watch() nor events.go runWatch returns — kubectl exits 0
  const timer = k.sim.clock.setTimeout(() => end(0), Math.floor(1800_000 * (1 + k.sim.rand.next())), { settle: false, label: 'kubectl watch timeout' });
  job.keep((signal) => end(CAUGHT.includes(signal) ? 1 : undefined));
  return 0;
}

/** The watch cache's key order (namespace, then name): the order a watch's initial ADDED events come in. */
export function keyOrder(a: StoredObject, b: StoredObject): number {
  const x = (a.metadata.namespace ?? '') + '/' + a.metadata.name;
  const y = (b.metadata.namespace ?? '') + '/' + b.metadata.name;
  return x < y ? -1 : x > y ? 1 : 0;
}
