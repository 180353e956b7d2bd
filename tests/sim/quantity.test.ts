import { describe, expect, it } from 'vitest';
import { parseQuantity, formatQuantity, QUANTITY_ERROR } from '../../sim/api/quantity';

// apimachinery pkg/api/resource/quantity_test.go canonical forms
describe('resource.Quantity', () => {
  it.each([
    ['1024Mi', '1Gi'],
    ['1Gi', '1Gi'],
    ['1G', '1G'],
    ['1000M', '1G'],
    ['500m', '500m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['2', '2'],
    ['1e3', '1e3'],
    ['100Mi', '100Mi'],
    ['128974848', '128974848'],
    ['0', '0'],
  ])('%s → %s', (input, out) => {
    expect(formatQuantity(input)).toBe(out);
  });

  it('compares and adds exactly', () => {
    expect(parseQuantity('1Gi').cmp(parseQuantity('1024Mi'))).toBe(0);
    expect(parseQuantity('500m').add(parseQuantity('500m')).toString()).toBe('1');
    expect(parseQuantity('200Mi').value()).toBe(209715200);
    expect(parseQuantity('100m').milli()).toBe(100);
    expect(parseQuantity('2Gi').cmp(parseQuantity('1G'))).toBe(1);
  });

  it('rejects what is not a quantity with the apiserver text', () => {
    expect(() => parseQuantity('1 Gi')).toThrow(QUANTITY_ERROR);
    expect(() => parseQuantity('abc')).toThrow("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});
