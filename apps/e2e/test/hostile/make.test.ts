// Hostile input on the Make surface. Make checks mappable parameters itself before a module runs (required,
// the parameter type, a select's options, an array's `validate`), so the generated parameter specs must declare
// every rule core checks; and when a bad value gets through anyway (a mapped value Make does not check), the API
// must refuse it with a 4xx that the app maps to DataError/RuntimeError naming the field, and store nothing.
// Then: ids that must stay one URL path segment, a query value that must stay one value, and host names that
// must not move the OneTrust token request (with its client secret) to another host.
import fc from 'fast-check';
import {
  type Field,
  HOSTNAME_PATTERN,
  isDotSegment,
  isInputError,
  type ProviderId,
  providers,
  resolveBaseUrl,
  UUID_PATTERN,
} from '@links/core';
import { loadMakeApp, renderConnectionRequest, renderModuleRequest, runModule } from '@links/make/iml';
import { SEED } from '@links/sandbox';
import { connect, makeError, makeParameters, MODULE, readComponents, runRead } from '../make-support.js';
import { CREDENTIALS, INPUTS, PROVIDERS, requestsTo, useSandbox } from '../support.js';

const ctx = useSandbox();

/** A mappable parameter as the generated `*.mappable-params.iml.json` declares it. */
interface Param {
  name: string;
  type: string;
  required?: boolean;
  editable?: boolean;
  options?: string | { value: string; nested?: Param[] }[] | { store: string | { value: string; nested?: Param[] }[]; nested?: Param[] };
  spec?: Param[];
  validate?: false | { minItems?: number; maxItems?: number; pattern?: string };
}

const MAKE_TYPE: Record<Field['type'], string> = { string: 'text', uuid: 'uuid', options: 'select', list: 'array', json: 'json' };

function mappableParams(provider: ProviderId): Param[] {
  return loadMakeApp(provider).modules[MODULE]!.code.mappableParams as Param[];
}

/** Each parameter by name, nested ones included (under a select option, or an array's `spec` as `list.key`). */
function byName(params: readonly Param[], prefix = ''): Map<string, Param> {
  const found = new Map<string, Param>();
  for (const param of params) {
    found.set(prefix + param.name, param);
    for (const option of optionList(param) ?? []) {
      for (const [name, nested] of byName(option.nested ?? [], prefix)) found.set(name, nested);
    }
    for (const [name, nested] of byName(fieldNested(param), prefix)) found.set(name, nested);
    for (const [name, nested] of byName(param.spec ?? [], `${prefix}${param.name}.`)) found.set(name, nested);
  }
  return found;
}

const MISSING = Symbol('missing');
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Make's own check of parameter values against the declared specs, as Make documents the rules: a required
 * parameter must have a value, a `uuid` must be a UUID, a select without `editable` only takes its options,
 * an array honours `validate.minItems`, and the parameters nested under the chosen option apply. Returns the
 * name of the first parameter Make refuses (`list[i].key` inside arrays), or null.
 */
/** A select's static options (`options`, or `options.store`), or null for an RPC. */
function optionList(param: Param): { value: string; nested?: Param[] }[] | null {
  const options = param.options as unknown;
  if (Array.isArray(options)) return options;
  const store = (options as { store?: unknown } | undefined)?.store;
  return Array.isArray(store) ? store : null;
}

/** The parameters nested under a select whatever its value (`options.nested`). */
function fieldNested(param: Param): Param[] {
  const options = param.options as unknown;
  return !Array.isArray(options) && typeof options === 'object' && options !== null ? ((options as { nested?: Param[] }).nested ?? []) : [];
}

function makeRefuses(params: readonly Param[], values: Record<string, unknown>, prefix = ''): string | null {
  for (const param of params) {
    const value = values[param.name];
    const name = prefix + param.name;
    if (isBlank(value) || (Array.isArray(value) && value.length === 0 && param.required)) {
      if (param.required) return name;
      continue;
    }
    if (param.type === 'uuid' && !(typeof value === 'string' && UUID_PATTERN.test(value))) return name;
    // A select fed by an RPC takes any typed value; one that stands for a UUID keeps the form check (`validate.pattern`).
    const pattern = typeof param.validate === 'object' && param.validate ? (param.validate as { pattern?: string }).pattern : undefined;
    if (param.type === 'select' && pattern && !(typeof value === 'string' && new RegExp(pattern).test(value))) return name;
    const store = optionList(param);
    if (param.type === 'select' && store) {
      if (!param.editable && !store.some((o) => o.value === value)) return name;
      const chosen = store.find((o) => o.value === value);
      const refused = chosen?.nested ? makeRefuses(chosen.nested, values, prefix) : null;
      if (refused) return refused;
    }
    // Parameters nested under the select itself (a field whose options depend on this one's value).
    const nested = fieldNested(param);
    if (nested.length > 0) {
      const refused = makeRefuses(nested, values, prefix);
      if (refused) return refused;
    }
    if (param.type === 'array') {
      const limits = param.validate || {};
      if (!Array.isArray(value) || value.length < (limits.minItems ?? 0) || value.length > (limits.maxItems ?? Infinity)) return name;
      for (const [index, entry] of value.entries()) {
        const refused = makeRefuses(param.spec ?? [], entry as Record<string, unknown>, `${name}[${index}].`);
        if (refused) return refused;
      }
    }
  }
  return null;
}

/** The field core refuses an input for (`links[0].entity` inside lists), or null when core accepts it. */
function coreRefuses(provider: ProviderId, input: Record<string, unknown>): string | null {
  try {
    providers[provider].validateInput(input);
    return null;
  } catch (error) {
    if (!isInputError(error)) throw error;
    return error.field;
  }
}

/** How each API's error names a field (its wire name), as it reaches the Make error message. */
const NAMED_AS: Record<ProviderId, Record<string, string>> = {
  onetrust: {
    linkTypeId: "'linkTypeId'",
    entity1Type: 'entity1.entityType.name',
    entity1Id: 'entity1.id',
    entity2Type: 'entity2.entityType.name',
    entity2Id: 'entity2.id',
    entity1TypeId: 'entity1.entityType.id',
    entity2TypeId: 'entity2.entityType.id',
  },
  'yandex-tracker': { entityType: 'entity type', links: 'list of links', relationship: 'relationship', entity: 'entity' },
  devrev: { source: 'field: source', target: 'field: target', linkType: 'field: link_type', customLinkType: 'field: custom_link_type' },
};

/** Text that is not a valid value for a closed select (`values`) or a UUID, never blank. */
const notOneOf = (values: readonly string[]) =>
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !values.includes(s.trim()) && !isDotSegment(s.trim()));
const notUuid = fc.oneof(fc.uuid().map((u) => u.slice(0, -1)), fc.string({ minLength: 1, maxLength: 40 })).filter((s) => s.trim() !== '' && !UUID_PATTERN.test(s.trim()));

interface BadInput {
  /** The core field key the value breaks (`links.entity` for list entries). */
  field: string;
  input: Record<string, unknown>;
}

/** Inputs with one value that breaks a rule the Make parameter specs declare (required, uuid, select, minItems). */
function badInputs(provider: ProviderId): fc.Arbitrary<BadInput> {
  const base = INPUTS[provider] as Record<string, unknown>;
  const variants: fc.Arbitrary<BadInput>[] = [];
  const set = (field: string, key: string, value: unknown, extra: Record<string, unknown> = {}): BadInput => {
    const input: Record<string, unknown> = { ...base, ...extra, [key]: value };
    if (value === MISSING) delete input[key];
    return { field, input };
  };
  for (const field of providers[provider].fields) {
    // Tracker's path parameters and a missing Links are covered below: the API's answer names no field (a gap).
    const inPath = provider === 'yandex-tracker' && (field.key === 'entityType' || field.key === 'entityId');
    if (field.required && !field.showWhen && !inPath && field.type !== 'list') variants.push(fc.constantFrom(MISSING, '').map((v) => set(field.key, field.key, v)));
    if (field.type === 'uuid') variants.push(notUuid.map((v) => set(field.key, field.key, v)));
    if (field.type === 'options' && !field.allowCustomValue && !field.picker) {
      variants.push(notOneOf(field.options!.map((o) => o.value)).map((v) => set(field.key, field.key, v)));
    }
    if (field.type === 'list') {
      variants.push(fc.constant(set(field.key, field.key, [])));
      const entry = (base[field.key] as Record<string, unknown>[])[0]!;
      for (const sub of field.fields!.filter((f) => f.required)) {
        variants.push(fc.constantFrom(MISSING, '').map((v) => {
          const broken = { ...entry, [sub.key]: v };
          if (v === MISSING) delete broken[sub.key];
          return set(`${field.key}.${sub.key}`, field.key, [broken]);
        }));
      }
    }
    if (field.showWhen && field.required) {
      // DevRev's Custom Link Type, required once Link Type is custom_link.
      const extra = { [field.showWhen.field]: field.showWhen.equals[0], source: 'ISS-5', target: 'ENH-1' };
      variants.push(fc.constant(set(field.key, field.key, MISSING, extra)));
    }
  }
  return fc.oneof(...variants);
}

describe.each(PROVIDERS)('Make %s: the parameter specs carry core’s rules', (provider) => {
  const params = byName(mappableParams(provider));
  const fields = providers[provider].fields.flatMap((f) => [[f.key, f] as const, ...(f.fields ?? []).map((sub) => [`${f.key}.${sub.key}`, sub] as const)]);

  it.each(fields)('%s', (key, field) => {
    const param = params.get(key);
    expect(param).toBeDefined();
    // A field core can pick values for is a select fed by an RPC, that still takes a typed or mapped value.
    expect(param!.type).toBe(field.picker ? 'select' : MAKE_TYPE[field.type]);
    expect(param!.required ?? false).toBe(field.required);
    if (field.picker) {
      const options = param!.options as unknown;
      expect(typeof options === 'string' ? options : (options as { store: string }).store).toMatch(/^rpc:\/\//);
      expect(param!.editable).toBe(true);
    } else if (field.type === 'options') {
      expect(optionList(param!)!.map((o) => o.value)).toEqual(field.options!.map((o) => o.value));
      expect(param!.editable ?? false).toBe(field.allowCustomValue ?? false);
    }
    // At least one entry, and at most what one request carries (the Tracker module writes each entry out).
    const maxSize = providers[provider].batching?.maxSize;
    if (field.type === 'list' && field.required) expect(param!.validate).toEqual({ minItems: 1, ...(maxSize ? { maxItems: maxSize } : {}) });
  });

  it('a value that breaks a declared rule is refused by Make and by core, for the same field', () => {
    fc.assert(
      fc.property(badInputs(provider), ({ field, input }) => {
        const strip = (name: string | null) => name?.replace(/\[\d+\]/g, '') ?? null;
        expect(strip(makeRefuses(mappableParams(provider), makeParameters(provider, input)))).toBe(field);
        expect(strip(coreRefuses(provider, input))).toBe(field);
      }),
      { numRuns: 150 },
    );
  });

  it('sent anyway, it is a 4xx that Make reads as DataError/RuntimeError naming the field; nothing is stored', async () => {
    const app = loadMakeApp(provider);
    const { connection } = await connect(app, { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    await fc.assert(
      fc.asyncProperty(badInputs(provider), async ({ field, input }) => {
        const before = ctx.sandbox.state.snapshot();
        const run = await runModule(app, MODULE, makeParameters(provider, input), connection);
        const after = ctx.sandbox.state.snapshot();
        expect(run.response.status).toBeGreaterThanOrEqual(400);
        expect(run.response.status).toBeLessThan(500);
        expect(makeError(run).type).toBe(run.response.status === 400 || run.response.status === 422 ? 'DataError' : 'RuntimeError');
        expect(makeError(run).message).toContain(NAMED_AS[provider][field.split('.').at(-1)!]);
        expect(after.links).toEqual(before.links);
        expect(after.requests.unmatched).toBe(before.requests.unmatched);
      }),
      { numRuns: 40 },
    );
  });
});

describe('Make: values Make’s parameter specs cannot refuse (core can)', () => {
  let connections: Record<ProviderId, Record<string, unknown>>;
  beforeEach(async () => {
    connections = {} as typeof connections;
    for (const provider of PROVIDERS) connections[provider] = (await connect(loadMakeApp(provider), { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url })).connection;
  });

  it('DevRev ids of the wrong form: plain text to Make, 400 DataError naming the field from DevRev', async () => {
    const app = loadMakeApp('devrev');
    for (const field of ['source', 'target'] as const) {
      const input = { ...INPUTS.devrev, [field]: 'not an id' };
      expect(makeRefuses(mappableParams('devrev'), makeParameters('devrev', input))).toBeNull();
      expect(coreRefuses('devrev', input)).toBe(field);
      const run = await runModule(app, MODULE, makeParameters('devrev', input), connections.devrev);
      expect(makeError(run)).toEqual({ type: 'DataError', message: `[400] ${field} must be an object id (a DON or a display id such as ISS-1) (field: ${field})` });
    }
    expect(ctx.sandbox.state.snapshot().links.devrev).toEqual([]);
  });

  it('OneTrust attributes that are JSON but not an object are left out, and the link is created (core refuses them)', async () => {
    const app = loadMakeApp('onetrust');
    for (const attributes of ['"text"', '42', '{"purpose": []}']) {
      const input = { ...INPUTS.onetrust, attributes };
      expect(coreRefuses('onetrust', input)).toMatch(/^attributes/);
      const run = await runModule(app, MODULE, makeParameters('onetrust', input), connections.onetrust);
      const sent = (run.request.body as { attributes?: unknown }).attributes;
      expect(sent).toEqual(attributes.startsWith('{') ? { purpose: [] } : undefined);
      expect(run.response.status).toBe(200);
    }
    expect(ctx.sandbox.state.snapshot().links.onetrust).toHaveLength(3);
  });

  // A Tracker id or entity type that is empty, blank or a dot segment is a different URL: Make's required check
  // passes "  " and "..", core refuses them (InputError naming the field) before any request.
  it.each([
    ['entityId', '  ', '/v2/entities/project//links', 'Unknown path /v2/entities/project//links'],
    ['entityId', '.', '/v2/entities/project/./links', 'Unknown path /v2/entities/project/links'],
    ['entityId', '..', '/v2/entities/project/../links', 'Unknown path /v2/entities/links'],
    ['entityId', ' .. ', '/v2/entities/project/../links', 'Unknown path /v2/entities/links'],
    ['entityType', '..', `/v2/entities/../${SEED.yandexTracker.entities.websiteRedesign.id}/links`, `Unknown path /v2/${SEED.yandexTracker.entities.websiteRedesign.id}/links`],
  ])('Tracker %s %j: sent to %s, answered 404 "%s", nothing stored', async (field, value, path, message) => {
    const input = { ...INPUTS['yandex-tracker'], [field]: value };
    expect(coreRefuses('yandex-tracker', input)).toBe(field);
    const app = loadMakeApp('yandex-tracker');
    const parameters = { ...makeParameters('yandex-tracker', input), [field]: value };
    expect(renderModuleRequest(app, MODULE, parameters, connections['yandex-tracker']).url).toBe(ctx.sandbox.url + path);
    const before = ctx.sandbox.state.snapshot().requests;
    const run = await runModule(app, MODULE, parameters, connections['yandex-tracker']);
    expect(makeError(run)).toEqual({ type: 'RuntimeError', message: `[404] ${message}` });
    const after = ctx.sandbox.state.snapshot();
    expect(after.requests.unmatched).toBe(before.unmatched + 1);
    expect(after.requests.byRoute['tracker.create']).toBe(before.byRoute['tracker.create']);
    expect(after.links.yandexTracker).toEqual([]);
  });

  it('Tracker without Links (Make would refuse it as required): 400 "Request body is required", which names no field', async () => {
    const app = loadMakeApp('yandex-tracker');
    const { links: _links, ...parameters } = makeParameters('yandex-tracker', INPUTS['yandex-tracker']);
    const run = await runModule(app, MODULE, parameters, connections['yandex-tracker']);
    expect(makeError(run)).toEqual({ type: 'DataError', message: '[400] Request body is required' });
  });

  // The Tracker module writes each entry out (an action cannot loop), up to core's most links per request.
  it('Tracker Links beyond what one request carries: Make refuses them before the module runs (core sends them in one request)', () => {
    const max = providers['yandex-tracker'].batching!.maxSize;
    const entry = INPUTS['yandex-tracker'].links[0];
    const input = (length: number) => ({ ...INPUTS['yandex-tracker'], links: Array.from({ length }, () => entry) });
    expect(makeRefuses(mappableParams('yandex-tracker'), makeParameters('yandex-tracker', input(max)))).toBeNull();
    expect(makeRefuses(mappableParams('yandex-tracker'), makeParameters('yandex-tracker', input(max + 1)))).toBe('links');
    expect(coreRefuses('yandex-tracker', input(max + 1))).toBeNull();
  });
});

// Characters that change a URL when they are not encoded, plus letters, digits and non-ASCII text.
const HOSTILE = fc.constantFrom('/', '.', '..', '?', '#', '%', '%2F', '%2e', ' ', '&', '=', ';', '\\', '+', ':', '@', '\t', 'é', '日本', '🙂', 'a', 'Z', '7', '-');
const hostileText = fc.array(HOSTILE, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const TRACKER_IDS = new Set(Object.values(SEED.yandexTracker.entities).flatMap((e) => [e.id, String(e.shortId)]));

describe('Make Tracker: an entity id stays ONE path segment, as core encodes it', () => {
  const app = loadMakeApp('yandex-tracker');
  const tracker = providers['yandex-tracker'];

  async function expectOneSegment(connection: Record<string, unknown>, entityId: string): Promise<void> {
    const input = { ...INPUTS['yandex-tracker'], entityId };
    const rendered = renderModuleRequest(app, MODULE, makeParameters('yandex-tracker', input), connection);
    expect(rendered.url).toBe(tracker.buildCreateRequest(tracker.validateInput(input), ctx.sandbox.url).url);
    const segments = new URL(rendered.url).pathname.split('/');
    expect(segments).toHaveLength(6);
    expect(decodeURIComponent(segments[4]!)).toBe(entityId.trim());

    const before = ctx.sandbox.state.snapshot().requests;
    const run = await runModule(app, MODULE, makeParameters('yandex-tracker', input), connection);
    expect(makeError(run)).toEqual({ type: 'RuntimeError', message: `[404] Entity project '${entityId.trim()}' not found` });
    const after = ctx.sandbox.state.snapshot();
    expect(after.requests.unmatched).toBe(before.unmatched); // the create route matched
    expect(after.requests.byRoute['tracker.create']).toBe(before.byRoute['tracker.create'] + 1);
    expect(after.links.yandexTracker).toEqual([]);
  }

  it.each(['a/b', '../x', 'x/../../v2/myself', 'a?b=c', 'a#b', '%2F', '%2e%2e', 'a b', 'идентификатор', '...', 'a\\b'])('%j', async (entityId) => {
    const { connection } = await connect(app, { ...CREDENTIALS['yandex-tracker'], baseUrl: ctx.sandbox.url });
    await expectOneSegment(connection, entityId);
  });

  it('generated hostile ids', async () => {
    const { connection } = await connect(app, { ...CREDENTIALS['yandex-tracker'], baseUrl: ctx.sandbox.url });
    await fc.assert(
      fc.asyncProperty(hostileText, async (entityId) => {
        fc.pre(entityId.trim() !== '' && !isDotSegment(entityId.trim()) && !TRACKER_IDS.has(entityId.trim()));
        await expectOneSegment(connection, entityId);
      }),
      { numRuns: 60 },
    );
  });

  it('the seeded id that needs encoding reaches its entity', async () => {
    const { connection } = await connect(app, { ...CREDENTIALS['yandex-tracker'], baseUrl: ctx.sandbox.url });
    const input = { ...INPUTS['yandex-tracker'], entityId: SEED.yandexTracker.entities.encodingProbe.id };
    const run = await runModule(app, MODULE, makeParameters('yandex-tracker', input), connection);
    expect(run.result.ok).toBe(true);
    expect(ctx.sandbox.state.snapshot().links.yandexTracker.map((l) => l.source.id)).toEqual([SEED.yandexTracker.entities.encodingProbe.id]);
  });
});

describe('Make OneTrust: the link type id stays ONE query value', () => {
  it('generated hostile values', async () => {
    const app = loadMakeApp('onetrust');
    const { connection } = await connect(app, { ...CREDENTIALS.onetrust, baseUrl: ctx.sandbox.url });
    await fc.assert(
      fc.asyncProperty(hostileText, async (linkTypeId) => {
        fc.pre(linkTypeId.trim() !== '');
        const run = await runModule(app, MODULE, { ...makeParameters('onetrust', INPUTS.onetrust), linkTypeId }, connection);
        const url = new URL(run.request.url);
        expect(url.pathname).toBe('/api/ai-governance/v1/links');
        expect([...url.searchParams]).toEqual([['linkTypeId', linkTypeId.trim()]]);
        expect(url.hash).toBe('');
        expect(makeError(run)).toEqual({ type: 'DataError', message: "[400] Request parameter 'linkTypeId' must be a UUID" });
      }),
      { numRuns: 30 },
    );
    expect(requestsTo(ctx.sandbox, 'onetrust.create')).toBeGreaterThan(0);
    expect(ctx.sandbox.state.snapshot().links.onetrust).toEqual([]);
  });
});

describe('Make OneTrust connection: a host name cannot move the token request (and its client secret)', () => {
  const app = loadMakeApp('onetrust');
  const params = app.connections.onetrust!.code.params as Param[];
  const hostname = params.find((p) => p.name === 'hostname')!;
  const pattern = new RegExp((hostname.validate as { pattern: string }).pattern);
  const credentials = { clientId: 'client-id', clientSecret: 'client-secret' };
  const coreAccepts = (host: string) => {
    try {
      providers.onetrust.validateCredentials({ ...credentials, hostname: host });
      return true;
    } catch (error) {
      if (isInputError(error) && error.field === 'hostname') return false;
      throw error;
    }
  };
  const coreTokenUrl = (host: string) => {
    const { auth } = providers.onetrust;
    if (auth.type !== 'client-credentials') throw new Error('OneTrust uses client credentials');
    const checked = providers.onetrust.validateCredentials({ ...credentials, hostname: host });
    return auth.buildTokenRequest(checked, resolveBaseUrl(providers.onetrust, checked)).url;
  };
  /** Where the app's token step would send the client secret for this host name, were Make not to check it. */
  const tokenTarget = (host: string) => {
    const url = new URL(renderConnectionRequest(app, { ...credentials, hostname: host })!.url);
    return { host: url.host, username: url.username, pathname: url.pathname };
  };

  it('is required and checked with core’s host-name pattern', () => {
    expect(hostname.required).toBe(true);
    expect(pattern.source).toBe(HOSTNAME_PATTERN.source);
  });

  // Without the pattern, each of these would send the client secret somewhere else, or to another path.
  it.each([
    ['evil.example/', { host: 'evil.example', username: '', pathname: '/api/access/v1/oauth/token' }],
    ['user@host.example', { host: 'host.example', username: 'user', pathname: '/api/access/v1/oauth/token' }],
    ['https://x.example', { host: 'https', username: '', pathname: '//x.example/api/access/v1/oauth/token' }],
    ['host.example:1', { host: 'host.example:1', username: '', pathname: '/api/access/v1/oauth/token' }],
    ['a.com#', { host: 'a.com', username: '', pathname: '/' }],
    ['a.com/..', { host: 'a.com', username: '', pathname: '/api/access/v1/oauth/token' }],
    ['10.0.0.1', { host: '10.0.0.1', username: '', pathname: '/api/access/v1/oauth/token' }],
    ['[::1]', { host: '[::1]', username: '', pathname: '/api/access/v1/oauth/token' }],
    ['localhost', { host: 'localhost', username: '', pathname: '/api/access/v1/oauth/token' }],
    ['', { host: 'api', username: '', pathname: '/access/v1/oauth/token' }],
  ])('refuses %j (rendered anyway it would go to %j)', (host, target) => {
    expect(pattern.test(host)).toBe(false);
    expect(coreAccepts(host)).toBe(false);
    expect(tokenTarget(host)).toEqual(target);
  });

  it('accepts exactly what core accepts (after core’s trim and lower-casing), and then posts to that host only', () => {
    const host = fc.oneof(fc.domain(), hostileText, fc.tuple(fc.domain(), hostileText).map(([d, h]) => d + h), fc.tuple(hostileText, fc.domain()).map(([h, d]) => h + d));
    fc.assert(
      fc.property(host, (value) => {
        expect(pattern.test(value.trim().toLowerCase())).toBe(coreAccepts(value));
        if (!pattern.test(value)) return;
        const rendered = renderConnectionRequest(app, { ...credentials, hostname: value })!;
        expect(rendered.url).toBe(coreTokenUrl(value));
        expect(new URL(rendered.url).host).toBe(value.toLowerCase());
      }),
      { numRuns: 400 },
    );
  });

  // The Base URL override (for proxies and the sandbox) may name any https host by design; its pattern
  // refuses user info, queries, fragments and plain http off this machine, as core does ...
  const basePattern = new RegExp((params.find((p) => p.name === 'baseUrl')!.validate as { pattern: string }).pattern);
  const coreBaseUrl = (baseUrl: string) => resolveBaseUrl(providers.onetrust, { hostname: 'app.onetrust.com', ...credentials }, baseUrl);

  it.each(['http://evil.example', 'https://user@evil.example', 'https://a.example?x=1', 'https://a.example#x', 'http://localhost@evil.example', 'ftp://a.example'])(
    'the Base URL pattern refuses %j, as core does',
    (baseUrl) => {
      expect(basePattern.test(baseUrl)).toBe(false);
      expect(() => coreBaseUrl(baseUrl)).toThrow(/Base URL \(baseUrl\)/);
    },
  );

  // A DNS name that merely starts with "127." is no loopback: plain http to it is refused by both.
  it('refuses http://127.0.0.1.evil.example, as core does', () => {
    expect(basePattern.test('http://127.0.0.1.evil.example')).toBe(false);
    expect(() => coreBaseUrl('http://127.0.0.1.evil.example')).toThrow(/Base URL \(baseUrl\)/);
  });

  // ... but it lets through some authorities that are no URL at all, which core refuses: the connection is
  // saved, and the token request fails when it is sent (no host other than the one typed is reached).
  it.each(['https://:99999', 'https://127.999.1.1', 'https://evil.example[::1]'])('gap: the Base URL pattern accepts %j, core refuses it', (baseUrl) => {
    expect(basePattern.test(baseUrl)).toBe(true);
    expect(() => coreBaseUrl(baseUrl)).toThrow(/Base URL \(baseUrl\)/);
    expect(() => new URL(renderConnectionRequest(app, { ...credentials, hostname: 'app.onetrust.com', baseUrl })!.url)).toThrow('Invalid URL');
  });
});

/**
 * Hostile text in what the new components read: each RPC's search text (and the record IDs its path carries),
 * the find's record IDs. Every request stays on a route the sandbox knows (an ID is one path segment, a search
 * one JSON value or query value), the answer is options or the API's 4xx as a Make error, and nothing is stored.
 */
const readText = fc.oneof(
  fc.constantFrom('../x', '..', '%2e%2e/', "a'b\"c", '{{parameters.search}}', 'x?y=1&z#w', 'a/b', ' \n\t ', '😀 ünï', 'don:core:x', 'ISS-'),
  fc.string({ maxLength: 60 }),
);

describe.each(PROVIDERS)('Make %s: hostile text in the RPCs and the find', (provider) => {
  const app = loadMakeApp(provider);

  it('stays on a known route, answers options or a 4xx Make error, and stores nothing', async () => {
    const { connection } = await connect(app, { ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    const reads = readComponents(app, provider).filter((read) => read.kind !== 'module');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), readText, fc.boolean(), async (read, text, inId) => {
        const idKeys = Object.keys(read.parameters).filter((key) => /id$/i.test(key) || key === 'object' || key === 'otherObject');
        const extra = inId && idKeys.length > 0 ? { [idKeys[idKeys.length - 1]!]: text } : { search: text };
        const before = ctx.sandbox.state.snapshot();
        const run = await runRead(app, read, connection, {}, extra);
        const after = ctx.sandbox.state.snapshot();
        expect(after.requests.unmatched).toBe(before.requests.unmatched);
        expect(after.links).toEqual(before.links);
        for (const sent of run.runs) expect(sent.response.status).toBeLessThan(500);
        if (!run.result.ok) expect(['DataError', 'RuntimeError']).toContain(run.result.error.type);
      }),
      { numRuns: 60 },
    );
  });
});
