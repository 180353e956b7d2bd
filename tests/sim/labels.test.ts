/**
 * labels.Parse (apimachinery pkg/labels/selector.go): parsing, matching and
 * the parser's error texts.
 */
import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../sim/labels/parser';

describe('parse and match', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'web' }, true],
    ['app!=web', { app: 'db' }, true],
    ['app!=web', {}, true],
    ['app in (web,db)', { app: 'db' }, true],
    ['app notin (web,db)', { app: 'db' }, false],
    ['app', { app: 'x' }, true],
    ['!app', { app: 'x' }, false],
    ['app=web,tier=front', { app: 'web' }, false],
    ['tier in (front), app', { tier: 'front', app: 'x' }, true],
    ['version>3', { version: '4' }, true],
    ['in in (in)', { in: 'in' }, true],
  ];
  it.each(cases)('%s on %j', (sel, labels, want) => {
    expect(parseSelector(sel).matches(labels)).toBe(want);
  });

  it('requirements are sorted by key (String())', () => {
    expect(parseSelector('b=1,a in (y,x)').toString()).toBe('a in (x,y),b=1');
  });
});

describe('errors (selector.go texts)', () => {
  const cases: [string, string][] = [
    ['app in web', "unable to parse requirement: found 'web' expected: '('"],
    ['app=web,', "found '', expected: identifier after ','"],
    ['app=web tier=x', "found 'tier', expected: ',' or 'end of string'"],
    ['app ~ web', "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt"],
    ['app=a b', "found 'b', expected: ',' or 'end of string'"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['app=we$b', 'unable to parse requirement: values[0][app]: Invalid value: "we$b": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')'],
  ];
  it.each(cases)('%s', (sel, msg) => {
    expect(() => parseSelector(sel)).toThrow(msg);
  });
});
