import { evaluateExpression, ImlError, type ImlScope, toText } from './expression.js';

/** Make's spread key: `"{{...}}": "{{expression}}"` puts the members of the collection the expression returns here. */
const SPREAD_KEY = /^\{\{\s*\.\.\.\s*\}\}$/;

/**
 * Renders an IML value of a component file: strings are templates, arrays and objects are rendered
 * member by member, and an object member whose value renders to `undefined` is left out (Make leaves out
 * empty values, and JSON has no `undefined`). A text that is exactly one `{{expression}}` keeps the
 * expression's value and type; anything else becomes text.
 *
 * The spread key `"{{...}}"` works like JavaScript's `...` in an object literal, where it stands: the
 * members of the collection its value renders to are added in their order, a later member of the same
 * name wins, and `undefined` or `null` adds nothing. Anything else there (text, a number, an array) is
 * an ImlError: Make documents the key for collections only.
 */
export function render(value: unknown, scope: ImlScope): unknown {
  if (typeof value === 'string') return renderText(value, scope);
  if (Array.isArray(value)) return value.map((entry) => render(entry, scope));
  if (typeof value === 'object' && value !== null) {
    const rendered: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const result = render(entry, scope);
      if (SPREAD_KEY.test(key)) {
        if (result === undefined || result === null) continue;
        if (typeof result !== 'object' || Array.isArray(result) || result instanceof Date) {
          throw new ImlError(`The spread key ${key} needs a collection, got ${Array.isArray(result) ? 'an array' : typeof result} from ${JSON.stringify(entry)}`);
        }
        for (const [name, member] of Object.entries(result)) setMember(rendered, name, member);
      } else {
        setMember(rendered, key, result);
      }
    }
    return rendered;
  }
  return value;
}

/** Sets a member as JavaScript would (a later one of the same name wins); `undefined` leaves it out of the JSON. */
function setMember(target: Record<string, unknown>, name: string, value: unknown): void {
  if (value === undefined) delete target[name];
  else Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

function renderText(template: string, scope: ImlScope): unknown {
  const parts = splitTemplate(template);
  if (parts.length === 1 && parts[0]!.expression) return evaluateExpression(parts[0]!.text, scope);
  return parts.map((part) => (part.expression ? toText(evaluateExpression(part.text, scope)) : part.text)).join('');
}

interface TemplatePart {
  expression: boolean;
  text: string;
}

/** Splits `a {{x}} b` into text and expressions; quotes inside an expression may contain braces. */
function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('{{', i);
    if (start < 0) {
      parts.push({ expression: false, text: template.slice(i) });
      break;
    }
    if (start > i) parts.push({ expression: false, text: template.slice(i, start) });
    let j = start + 2;
    let quote: string | null = null;
    while (j < template.length) {
      const char = template[j]!;
      if (quote) {
        if (char === '\\') j++;
        else if (char === quote) quote = null;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (template.startsWith('}}', j)) {
        break;
      }
      j++;
    }
    if (j >= template.length) throw new ImlError(`Unclosed {{ in: ${template}`);
    parts.push({ expression: true, text: template.slice(start + 2, j).trim() });
    i = j + 2;
  }
  return parts;
}
