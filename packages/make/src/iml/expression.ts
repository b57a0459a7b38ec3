/**
 * A test-only evaluator of IML expressions (the part between `{{` and `}}`), covering just what the Links
 * apps use. Make evaluates IML only on its own servers; this evaluator exists so that tests, the demo and
 * the evidence can render the committed apps request by request and compare them with @links/core.
 *
 * Covered, following Make's IML page (developers.make.com, "JavaScript in Make"):
 * - literals: numbers, 'single' and "double" quoted strings (backslash escapes), true, false, null, undefined,
 *   `emptyarray`;
 * - variables (`parameters`, `connection`, `data`, `body`, `headers`, `statusCode`, `item`, `output`,
 *   `temp`, `now`, ...) with `.name`, `` .`odd name` `` and `[index]` access; array indexes start at 1
 *   and -1 is the last item; a missing property anywhere in a path is `undefined`, never an error;
 * - operators `! -` (unary), `* / %`, `+ -`, `< <= > >=`, `== = === != !==` (all strict), `&&`, `||`
 *   (short-circuit, returning an operand as JavaScript does) and parentheses;
 * - the functions in FUNCTIONS below, with commas between arguments.
 *
 * Not covered (an expression using them fails loudly with ImlError): the ternary operator, array or
 * object literals, custom IML functions, and Make functions not listed in FUNCTIONS.
 *
 * Assumptions where Make's documentation is silent, chosen to match JavaScript:
 * - `<`, `>` and friends compare dates by time, also when one side is an ISO-8601 text;
 * - `encodeURL` encodes like `encodeURIComponent`; `replace` takes a plain search text (every occurrence
 *   is replaced), or a regular expression written as the text '/pattern/flags' (JavaScript's syntax);
 * - `trim` removes what JavaScript's `String.prototype.trim` removes (blanks, tabs, line breaks and the
 *   other Unicode white space), as core does;
 * - text functions (`trim`, `lower`, `encodeURL`, `replace`, `split`, ...) read a missing value
 *   (`undefined`, `null`) as empty text, and `length` of anything but text or an array is 0;
 * - `split(text, separator)` and `join(array, separator)` split and join at every occurrence of a plain
 *   separator; `slice(array, start, end)` counts from 0 with `end` excluded, as JavaScript does (only
 *   the `[index]` access counts from 1);
 * - `createJSON` is `JSON.stringify` (a text becomes a quoted JSON string) and `parseJSON` is `JSON.parse`;
 * - function arguments are evaluated before the call (`if` and `ifempty` included);
 * - `distinct(array, key)` keeps the first item of each value at the dotted path `key` (values compared as
 *   JSON); `add(array, ...values)` and `merge(array, ...)` return a new array; `map(array, key, filterKey,
 *   value)` skips items without a value at `key` (so two maps with the same filter line up only where every
 *   such item has both keys) and takes one filter value or an array of them; `toCollection(array, key, value)` skips entries
 *   whose key is empty text, and a later entry of the same key wins; `upper` is `toUpperCase`.
 */

export class ImlError extends Error {
  override name = 'ImlError';
}

/** The variables an expression can read. */
export type ImlScope = Readonly<Record<string, unknown>>;

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'variable'; name: string }
  | { kind: 'member'; object: Node; property: Node }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'unary'; operator: string; operand: Node }
  | { kind: 'binary'; operator: string; left: Node; right: Node };

type Token = { type: 'number' | 'string' | 'name' | 'quoted-name' | 'punct'; value: string };

const PUNCTUATION = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '=', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', '.', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ type: 'number', value: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))!;
      tokens.push({ type: 'name', value: match[0] });
      i += match[0].length;
    } else if (char === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new ImlError(`Unclosed backtick in: ${source}`);
      tokens.push({ type: 'quoted-name', value: source.slice(i + 1, end) });
      i = end + 1;
    } else if (char === "'" || char === '"') {
      let value = '';
      i++;
      while (i < source.length && source[i] !== char) {
        if (source[i] === '\\' && i + 1 < source.length) {
          const escaped = source[i + 1]!;
          value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[escaped] ?? escaped;
          i += 2;
        } else {
          value += source[i++];
        }
      }
      if (i >= source.length) throw new ImlError(`Unclosed string in: ${source}`);
      i++;
      tokens.push({ type: 'string', value });
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw new ImlError(`Unexpected "${char}" in: ${source}`);
      tokens.push({ type: 'punct', value: punct });
      i += punct.length;
    }
  }
  return tokens;
}

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['==', '=', '===', '!=', '!=='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): Node {
    const node = this.binary(0);
    if (this.position < this.tokens.length) this.fail(`unexpected "${this.tokens[this.position]!.value}"`);
    return node;
  }

  private fail(problem: string): never {
    throw new ImlError(`IML ${problem} in: ${this.source}`);
  }

  private peek(value: string): boolean {
    const token = this.tokens[this.position];
    return token !== undefined && token.type === 'punct' && token.value === value;
  }

  private expect(value: string): void {
    if (!this.peek(value)) this.fail(`expected "${value}"`);
    this.position++;
  }

  private binary(level: number): Node {
    if (level === BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const operator = BINARY_LEVELS[level]!.find((op) => this.peek(op));
      if (!operator) return left;
      this.position++;
      left = { kind: 'binary', operator, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Node {
    for (const operator of ['!', '-']) {
      if (this.peek(operator)) {
        this.position++;
        return { kind: 'unary', operator, operand: this.unary() };
      }
    }
    return this.postfix();
  }

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.peek('.')) {
        this.position++;
        const token = this.tokens[this.position++];
        if (!token || (token.type !== 'name' && token.type !== 'quoted-name')) this.fail('expected a property name after "."');
        node = { kind: 'member', object: node, property: { kind: 'literal', value: token.value } };
      } else if (this.peek('[')) {
        this.position++;
        const property = this.binary(0);
        this.expect(']');
        node = { kind: 'member', object: node, property };
      } else if (this.peek('(')) {
        if (node.kind !== 'variable') this.fail('only named functions can be called');
        this.position++;
        const args: Node[] = [];
        while (!this.peek(')')) {
          args.push(this.binary(0));
          if (!this.peek(')')) this.expect(',');
        }
        this.position++;
        node = { kind: 'call', name: node.name, args };
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const token = this.tokens[this.position++];
    if (!token) return this.fail('unexpected end');
    if (token.type === 'number') return { kind: 'literal', value: Number(token.value) };
    if (token.type === 'string') return { kind: 'literal', value: token.value };
    if (token.type === 'name') {
      const keywords: Record<string, unknown> = { true: true, false: false, null: null, undefined, emptyarray: EMPTY_ARRAY };
      return token.value in keywords ? { kind: 'literal', value: keywords[token.value] } : { kind: 'variable', name: token.value };
    }
    if (token.type === 'punct' && token.value === '(') {
      const node = this.binary(0);
      this.expect(')');
      return node;
    }
    return this.fail(`unexpected "${token.value}"`);
  }
}

const parsed = new Map<string, Node>();

/** Evaluates one IML expression (without the braces). */
export function evaluateExpression(source: string, scope: ImlScope): unknown {
  let node = parsed.get(source);
  if (!node) {
    node = new Parser(tokenize(source), source).parse();
    parsed.set(source, node);
  }
  return evaluate(node, scope);
}

function evaluate(node: Node, scope: ImlScope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      return scope[node.name];
    case 'member':
      return member(evaluate(node.object, scope), evaluate(node.property, scope));
    case 'call': {
      const fn = FUNCTIONS[node.name];
      if (!fn) throw new ImlError(`The IML function ${node.name}() is not covered by this evaluator`);
      return fn(...node.args.map((arg) => evaluate(arg, scope)));
    }
    case 'unary': {
      const value = evaluate(node.operand, scope);
      return node.operator === '!' ? !value : -Number(value);
    }
    case 'binary': {
      const left = evaluate(node.left, scope);
      if (node.operator === '&&') return left ? evaluate(node.right, scope) : left;
      if (node.operator === '||') return left ? left : evaluate(node.right, scope);
      return binary(node.operator, left, evaluate(node.right, scope));
    }
  }
}

function member(object: unknown, property: unknown): unknown {
  if (object === null || object === undefined) return undefined;
  if (Array.isArray(object) && typeof property === 'number') {
    return object[property < 0 ? object.length + property : property - 1];
  }
  if (typeof object !== 'object') return undefined;
  const key = String(property);
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function binary(operator: string, left: unknown, right: unknown): unknown {
  switch (operator) {
    case '==':
    case '=':
    case '===':
      return sameValue(left, right);
    case '!=':
    case '!==':
      return !sameValue(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [a, b] = comparable(left, right);
      return operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
    }
    case '+':
      return typeof left === 'string' || typeof right === 'string' ? toText(left) + toText(right) : Number(left) + Number(right);
    case '-':
      return Number(left) - Number(right);
    case '*':
      return Number(left) * Number(right);
    case '/':
      return Number(left) / Number(right);
    case '%':
      return Number(left) % Number(right);
  }
  throw new ImlError(`Unknown operator ${operator}`);
}

function sameValue(left: unknown, right: unknown): boolean {
  if (left instanceof Date && right instanceof Date) return left.getTime() === right.getTime();
  return left === right;
}

/** Dates compare by time, also against ISO-8601 text; everything else as JavaScript compares it. */
function comparable(left: unknown, right: unknown): [number | string, number | string] {
  if (left instanceof Date || right instanceof Date) return [toTime(left), toTime(right)];
  return [left as number | string, right as number | string];
}

function toTime(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  return Number(value);
}

/** How a value reads inside text: empty for undefined and null, JSON for collections, ISO for dates. */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function toRegExpOrText(pattern: string): RegExp | string {
  const match = /^\/(.*)\/([gimsuy]*)$/s.exec(pattern);
  return match ? new RegExp(match[1]!, match[2]) : pattern;
}

/** Make's `emptyarray` keyword (frozen: `add` makes a new array). */
const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);

/** The Make IML functions the Links apps use. */
const FUNCTIONS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  if: (condition, whenTrue, whenFalse) => (condition ? whenTrue : whenFalse),
  ifempty: (value, fallback) => (isEmpty(value) ? fallback : value),
  switch: (value: unknown, ...cases: unknown[]) => {
    for (let i = 0; i + 1 < cases.length; i += 2) if (sameValue(value, cases[i])) return cases[i + 1];
    return cases.length % 2 === 1 ? cases[cases.length - 1] : undefined;
  },
  get: (object, path) => String(path).split('.').reduce<unknown>((value, key) => member(value, /^-?\d+$/.test(key) ? Number(key) : key), object),
  encodeURL: (text) => encodeURIComponent(toText(text)),
  trim: (text) => toText(text).trim(),
  lower: (text) => toText(text).toLowerCase(),
  upper: (text) => toText(text).toUpperCase(),
  toString: (value: unknown) => toText(value),
  replace: (text, search, replacement) => {
    const pattern = toRegExpOrText(toText(search));
    return typeof pattern === 'string'
      ? toText(text).split(pattern).join(toText(replacement))
      : toText(text).replace(pattern, toText(replacement));
  },
  join: (array, separator) => (Array.isArray(array) ? array.map(toText).join(toText(separator)) : ''),
  split: (text, separator) => toText(text).split(toText(separator)),
  slice: (array, start, end) => (Array.isArray(array) ? array.slice(Number(start), end === undefined ? undefined : Number(end)) : []),
  length: (value) => (Array.isArray(value) || typeof value === 'string' ? value.length : 0),
  first: (array) => (Array.isArray(array) ? array[0] : undefined),
  // `add(array, value, ...)`: a new array with the values appended (a value that is not an array starts one).
  add: (array, ...values) => [...(Array.isArray(array) ? array : []), ...values],
  // `distinct(array, key)`: the first item of each distinct value at `key` (a dotted path), or of each item without one.
  distinct: (array, key) => {
    if (!Array.isArray(array)) return [];
    const seen = new Set<string>();
    return array.filter((item) => {
      const value = key === undefined ? item : FUNCTIONS.get!(item, key);
      const id = JSON.stringify(value ?? null);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  },
  // `map(array, key, filterKey, filterValue)`: the values at `key` (a dotted path) of the items, only those whose
  // `filterKey` value is `filterValue` (or one of them, given an array) when a filter is given; missing values are skipped.
  map: (array, key, filterKey, filterValues) => {
    if (!Array.isArray(array)) return [];
    const wanted = filterValues === undefined ? null : Array.isArray(filterValues) ? filterValues : [filterValues];
    return array
      .filter((item) => wanted === null || filterKey === undefined || wanted.some((value) => sameValue(FUNCTIONS.get!(item, filterKey), value)))
      .map((item) => FUNCTIONS.get!(item, key))
      .filter((value) => value !== undefined && value !== null);
  },
  // `merge(array1, array2, ...)`: one array with the items of each, in order (what is not an array adds nothing).
  merge: (...arrays) => arrays.flatMap((array) => (Array.isArray(array) ? array : [])),
  // `toCollection(array, keyName, valueName)`: key/value entries as one collection (a later key wins).
  toCollection: (array, keyName, valueName) => {
    const collection: Record<string, unknown> = {};
    if (Array.isArray(array)) {
      for (const entry of array) {
        const name = toText(member(entry, toText(keyName)));
        if (name !== '') Object.defineProperty(collection, name, { value: member(entry, toText(valueName)), enumerable: true, writable: true, configurable: true });
      }
    }
    return collection;
  },
  keys: (value) => (typeof value === 'object' && value !== null ? Object.keys(value) : []),
  contains: (haystack, needle) =>
    Array.isArray(haystack) ? haystack.includes(needle) : toText(haystack).includes(toText(needle)),
  parseJSON: (text) => JSON.parse(toText(text)),
  createJSON: (value) => JSON.stringify(value),
  addSeconds: (date, seconds) => new Date(asDate(date).getTime() + Number(seconds) * 1000),
  addMinutes: (date, minutes) => new Date(asDate(date).getTime() + Number(minutes) * 60_000),
};

/** Names of the functions this evaluator covers (for the limits written in tests and docs). */
export const COVERED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);
