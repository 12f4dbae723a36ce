/**
 * JSON read from a file (shared/util/json-text.ts): a syntax error names the file and the line and column an editor
 * goes to, where JSON.parse says neither ("Unexpected end of JSON input"); valid text parses as JSON.parse does.
 */
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../shared/util/json-text';

const fault = (text: string): string => {
  try {
    parseJsonText(text, 'config/x.json');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('parsed');
};

describe('parseJsonText', () => {
  it('parses what JSON.parse parses', () => {
    const text = JSON.stringify({ a: [1, -2.5e3, 'é\n"', null, true], b: {} }, null, 2);
    expect(parseJsonText(text, 'x')).toEqual(JSON.parse(text));
  });

  it('names the file, line and column of the first fault', () => {
    expect(fault('{\n  "a": 1,\n  "b": x\n}')).toBe('config/x.json is not valid JSON: line 3, column 8: expected a value, found "x"');
    expect(fault('{\n  "a": [1, 2,]\n}')).toBe('config/x.json is not valid JSON: line 2, column 14: expected a value, found "]"');
    expect(fault('{"a": 1} {')).toBe('config/x.json is not valid JSON: line 1, column 10: unexpected "{" after the end of the JSON value');
    expect(fault('\ufeff{}')).toMatch(/line 1, column 1: expected a value/);
  });

  it('says a text cut short ends too soon, at its last character, and an empty one is empty', () => {
    expect(fault('{\n  "a": "abc')).toBe('config/x.json is not valid JSON: line 2, column 12: the text ends where the end of a string should be (cut short?)');
    expect(fault('{"a": 1,')).toMatch(/line 1, column 9: the text ends where a name in quotes should be/);
    expect(fault(' \n')).toBe('config/x.json is not valid JSON: it is empty');
  });
});
