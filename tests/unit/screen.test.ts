import { describe, expect, it } from 'vitest';
import { screenChunks, screenText } from '../../components/example/screen';
import { createCluster } from '../../sim/index';

// A terminal draws '\r' as "back to the start of the line": later text overwrites earlier text in place.
describe('screen text', () => {
  it.each([
    ['plain', 'a\nb\n', 'a\nb\n'],
    ['overwrite', '10%\r55%\r100%\n', '100%\n'],
    ['shorter text leaves the rest', 'abcdef\rXY\n', 'XYcdef\n'],
    ['CRLF', 'line\r\nnext\r\n', 'line\nnext\n'],
    ['no final newline', 'a\rb', 'b'],
  ])('%s', (_n, input, want) => {
    expect(screenText(input)).toBe(want);
  });

  it('keeps the stream of each character', () => {
    expect(screenChunks([{ stream: 'stdout', text: 'out\n' }, { stream: 'stderr', text: ' 0%\r99%\n' }])).toEqual([
      { stream: 'stdout', text: 'out\n' },
      { stream: 'stderr', text: '99%\n' },
    ]);
  });

  it("curl's progress meter shows its last line, as on a terminal", () => {
    const c = createCluster();
    c.run('kubectl run web --image=nginx');
    const r = c.run('kubectl exec web -- curl http://localhost');
    expect(r.output.some((o) => o.text.includes('\r'))).toBe(true);
    const screen = screenChunks(r.output).filter((o) => o.stream === 'stderr').map((o) => o.text).join('');
    expect(screen).not.toContain('\r');
    expect(screen.split('\n')[0]).toMatch(/^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current$/);
    expect(screen.split('\n')[2]).toMatch(/^100 {3}615 {2}100 {3}615 /);
  });
});
