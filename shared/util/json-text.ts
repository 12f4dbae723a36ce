/**
 * JSON text read from a file, with the file named and, for a syntax error, its line and column (1-based): JSON.parse
 * alone says "Unexpected end of JSON input" or "Unexpected token '}', …", which names neither the file nor a place a
 * person can go to in an editor. The fault is located by a small scanner of the JSON grammar (RFC 8259), run only
 * when JSON.parse has refused the text. Written by hand: the engines' own messages differ (Node's V8 gives a position
 * for some errors, Chromium's for none, neither for text cut short), and the libraries that locate JSON errors
 * (jsonc-parser, json-parse-even-better-errors) would be a dependency for this one message.
 */

export class JsonTextError extends Error {
  override name = 'JsonTextError';
}

/** Line and column (both from 1) of the character at `offset` in `text`. O(offset). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
}

/** Where and why `text` stops being JSON (offset of the first character that cannot be there). O(length). */
export function jsonFault(text: string): { offset: number; reason: string } {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (what: string) => {
    if (i >= text.length) fail(`the text ends where ${what} should be (cut short?)`);
  };
  const value = (): void => {
    space();
    expect('a value');
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        expect('a name in quotes');
        if (text[i] !== '"') fail(`expected a name in quotes, found ${JSON.stringify(text[i])}`);
        string();
        space();
        expect("':'");
        if (text[i] !== ':') fail(`expected ':', found ${JSON.stringify(text[i])}`);
        i++;
        value();
        space();
        expect("',' or '}'");
        if (text[i] === '}') return void i++;
        if (text[i] !== ',') fail(`expected ',' or '}', found ${JSON.stringify(text[i])}`);
        i++;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        expect("',' or ']'");
        if (text[i] === ']') return void i++;
        if (text[i] !== ',') fail(`expected ',' or ']', found ${JSON.stringify(text[i])}`);
        i++;
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail(`expected a value, found ${JSON.stringify(c)}`);
    i += literal![0].length;
  };
  const string = () => {
    i++;
    for (;;) {
      expect('the end of a string');
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail('a control character inside a string');
      if (c === 92) {
        i++;
        expect('an escape');
        if (text[i] === 'u' ? !/^u[0-9a-fA-F]{4}/.test(text.slice(i, i + 5)) : !'"\\/bfnrt'.includes(text[i])) fail('a bad escape in a string');
      }
      i++;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the end of the JSON value`);
  } catch (e) {
    if (e instanceof RangeError) return { offset: 0, reason: 'nested too deeply to read' };
    return e as { offset: number; reason: string };
  }
  return { offset: text.length, reason: 'not valid JSON' };
}

/** Parses `text`; throws JsonTextError naming `where` and the line and column of a syntax error. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') throw new JsonTextError(`${where} is not valid JSON: it is empty`);
    const { offset, reason } = jsonFault(text);
    const { line, column } = lineAndColumn(text, offset);
    throw new JsonTextError(`${where} is not valid JSON: line ${line}, column ${column}: ${reason}`);
  }
}
