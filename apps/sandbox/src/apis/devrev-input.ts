/**
 * DevRev request fields: one reading for GET (query string) and POST (JSON body), checked against the fields a
 * route documents, and the cursor paging every DevRev list shares.
 *
 * GET arrays may be repeated keys or one comma-separated value (DevRev documents its query arrays with
 * `explode: false`, i.e. `link_type=a,b`); nested POST objects are dotted GET keys (`issue.priority=p0`).
 */
import { HttpError, decodeCursor, encodeCursor, isRecord, json, type RequestContext, type SandboxResponse } from '../http.js';

export function devrevError(status: number, type: string, message: string, extra: Record<string, unknown> = {}): SandboxResponse {
  return json(status, { type, message, detail: message, ...extra });
}

export function fail(status: number, type: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new HttpError(devrevError(status, type, message, extra));
}

/** The request fields as they came: the JSON body for POST, the query string for GET (last value of a key). */
export function rawInput(ctx: RequestContext): Record<string, unknown> {
  if (ctx.method === 'GET') {
    const fields: Record<string, unknown> = {};
    for (const key of new Set(ctx.query.keys())) fields[key] = ctx.query.getAll(key).at(-1);
    return fields;
  }
  if (ctx.body === undefined) return {};
  if (!isRecord(ctx.body)) fail(400, 'bad_request', 'The request body must be a JSON object');
  return ctx.body;
}

export function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (value === undefined || value === null) fail(400, 'missing_required_field', `${name} is required`, { field_name: name });
  if (typeof value !== 'string' || value === '') fail(400, 'invalid_field', `${name} must be a non-empty string`, { field_name: name });
  return value;
}

export function enumValue<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(400, 'invalid_enum_value', `${name} has an invalid value`, { field_name: name, value, allowed_values: allowed });
  }
  return value as T;
}

const DISPLAY_ID = /^[A-Z]+-\d+$/;

/** Whether a value has the form of an object id: a DON (`don:...`) or a display id (`ISS-1`, `DEVU-2`). */
export function isObjectId(value: string): boolean {
  return value.startsWith('don:') || DISPLAY_ID.test(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Checked fields
// ---------------------------------------------------------------------------------------------------------------

export type FieldKind = 'string' | 'id' | 'int' | 'bool' | 'descriptors' | { enum: readonly string[] };
export interface FieldSpec {
  kind: FieldKind;
  array?: boolean;
  /** Only read from a GET query (the POST form of the field is another spec). */
  getOnly?: boolean;
  /** Only read from a POST body. */
  postOnly?: boolean;
}

/** The fields a route reads, by dotted path (`issue.priority`), and the documented ones it does not model. */
export interface FieldSchema {
  fields: Readonly<Record<string, FieldSpec>>;
  /** Documented filters the sandbox does not model: refused with `bad_request` rather than silently ignored. */
  unmodeled?: readonly string[];
}

const DESCRIPTOR_KEYS: Readonly<Record<string, 'string' | 'bool'>> = { is_custom_leaf_type: 'bool', leaf_only: 'bool', leaf_type: 'string', subtype: 'string' };

function invalid(path: string, message: string): never {
  fail(400, 'invalid_field', `${path} ${message}`, { field_name: path });
}

function convert(path: string, spec: FieldSpec, value: unknown, fromQuery: boolean): unknown {
  const kind = spec.kind;
  if (kind === 'descriptors') {
    if (!Array.isArray(value)) invalid(path, 'must be an array of link target descriptors');
    return value.map((item: unknown, i) => {
      if (!isRecord(item)) invalid(`${path}[${i}]`, 'must be an object');
      for (const [key, v] of Object.entries(item)) {
        const type = DESCRIPTOR_KEYS[key];
        if (!type) invalid(`${path}[${i}].${key}`, 'is not a field of a link target descriptor');
        if (type === 'bool' ? typeof v !== 'boolean' : typeof v !== 'string') invalid(`${path}[${i}].${key}`, `must be a ${type === 'bool' ? 'boolean' : 'string'}`);
      }
      return item;
    });
  }
  const one = (v: unknown): unknown => {
    if (typeof kind === 'object') return enumValue(v, path, kind.enum);
    if (kind === 'int') {
      if (fromQuery) {
        if (typeof v !== 'string' || !/^-?\d+$/.test(v)) invalid(path, 'must be an integer');
        return Number(v);
      }
      if (typeof v !== 'number' || !Number.isInteger(v)) invalid(path, 'must be an integer');
      return v;
    }
    if (kind === 'bool') {
      if (fromQuery) {
        if (v !== 'true' && v !== 'false') invalid(path, 'must be true or false');
        return v === 'true';
      }
      if (typeof v !== 'boolean') invalid(path, 'must be a boolean');
      return v;
    }
    if (typeof v !== 'string' || v === '') invalid(path, 'must be a non-empty string');
    if (kind === 'id' && !isObjectId(v)) invalid(path, 'must be an object id (a DON or a display id such as ISS-1)');
    return v;
  };
  if (spec.array) {
    if (!Array.isArray(value)) invalid(path, 'must be an array');
    return value.map(one);
  }
  return one(value);
}

function refuseUnmodeled(schema: FieldSchema, path: string): void {
  const documented = schema.unmodeled?.find((u) => path === u || path.startsWith(`${u}.`) || u.startsWith(`${path}.`));
  if (documented && !Object.keys(schema.fields).some((f) => f === path || f.startsWith(`${path}.`))) {
    fail(400, 'bad_request', `${path} is a documented filter the sandbox does not model`, { field_name: path });
  }
}

/**
 * The route's fields, checked: unknown fields are `invalid_field`, wrong types `invalid_field`, enum values
 * `invalid_enum_value`, documented filters the sandbox does not model `bad_request`. Answers dotted path -> value.
 */
export function readFields(ctx: RequestContext, schema: FieldSchema): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const specs = schema.fields;
  if (ctx.method === 'GET') {
    for (const key of new Set(ctx.query.keys())) {
      refuseUnmodeled(schema, key);
      const spec = specs[key];
      if (!spec || spec.postOnly) invalid(key, 'is not a field of this endpoint');
      const values = ctx.query.getAll(key);
      if (spec.array) out.set(key, convert(key, spec, values.flatMap((v) => v.split(',')).filter((v) => v !== ''), true));
      else {
        if (values.length > 1) invalid(key, 'is repeated');
        out.set(key, convert(key, spec, values[0], true));
      }
    }
    return out;
  }
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      refuseUnmodeled(schema, path);
      if (v === null || v === undefined) continue;
      const spec = specs[path];
      if (spec && !spec.getOnly) {
        out.set(path, convert(path, spec, v, false));
        continue;
      }
      const nested = Object.keys(specs).some((f) => f.startsWith(`${path}.`) && !specs[f]!.getOnly);
      if (!nested) invalid(path, 'is not a field of this endpoint');
      if (!isRecord(v)) invalid(path, 'must be an object');
      walk(v, path);
    }
  };
  walk(rawInput(ctx), '');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------------------------------------------

export const LIST_MODES = ['after', 'before'] as const;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** The paging fields of a list route. */
export const PAGING_FIELDS: Readonly<Record<string, FieldSpec>> = {
  limit: { kind: 'int' },
  cursor: { kind: 'string' },
  mode: { kind: { enum: LIST_MODES } },
};

/**
 * One page of `items` by `limit` (1..100, default 50), `cursor` (as this list returned it) and `mode`: `after`
 * (the default) takes the items from the cursor on, or from the start; `before` the items before the cursor, or the
 * last ones. `next_cursor` is absent on the last page, `prev_cursor` on the first.
 */
export function cursorPage<T>(items: readonly T[], fields: Map<string, unknown>, scope: string): { page: T[]; next_cursor?: string; prev_cursor?: string } {
  const limit = (fields.get('limit') as number | undefined) ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) invalid('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  const cursorText = fields.get('cursor') as string | undefined;
  let cursor: number | undefined;
  if (cursorText !== undefined) {
    cursor = decodeCursor(cursorText, scope);
    if (cursor === undefined) invalid('cursor', 'is not a cursor this endpoint returned');
  }
  const before = fields.get('mode') === 'before';
  const end = before ? Math.min(cursor ?? items.length, items.length) : Math.min((cursor ?? 0) + limit, items.length);
  const start = before ? Math.max(0, end - limit) : Math.min(cursor ?? 0, items.length);
  return {
    page: items.slice(start, end),
    ...(end < items.length ? { next_cursor: encodeCursor(end, scope) } : {}),
    ...(start > 0 ? { prev_cursor: encodeCursor(start, scope) } : {}),
  };
}

/** `sort_by` entries (`<field>:asc|desc`), each field one of `allowed`. */
export function sortKeys(fields: Map<string, unknown>, allowed: readonly string[]): { field: string; descending: boolean }[] | undefined {
  const entries = fields.get('sort_by') as string[] | undefined;
  if (entries === undefined) return undefined;
  return entries.map((entry) => {
    const match = /^([a-z_]+):(asc|desc)$/.exec(entry);
    if (!match || !allowed.includes(match[1]!)) invalid('sort_by', `entries must be <field>:asc or <field>:desc with a field among ${allowed.join(', ')}`);
    return { field: match[1]!, descending: match[2] === 'desc' };
  });
}
