// Hostile input on the Zapier surface, through the deployable integrations and Zapier's app tester. Zapier sends
// whatever a user typed or mapped as `inputData` (any text, line items, JSON), so `perform` must refuse a bad value
// itself, before any request, with a z.errors.Error that names the field; and every valid input must pass the
// sandbox's strict checks. Then: Tracker ids that must stay one URL path segment, OneTrust host names (and base
// URLs) that must not move the token request, with its client secret, to another host.
import fc from 'fast-check';
import { type Field, isDotSegment, type Picker, PROVIDER_NAMES, type ProviderId, providers, UUID_PATTERN } from '@links/core';
import { SEED } from '@links/sandbox';
import { CREDENTIALS, INPUTS, PROVIDERS, storedLinks, useSandbox } from '../support.js';
import { findFields, optionTriggerKey } from '@links/zapier';
import { type AuthData, DROPDOWN_INPUTS, failureOf, FIND_INPUTS, RECORD_SEARCHES, zapierError, zapierIntegration } from '../zapier-support.js';

const ctx = useSandbox();
const requestsSoFar = () => ctx.sandbox.state.snapshot().requests.total;

/**
 * The three large properties below each run 40 to 150 Zapier invocations, most of them against the sandbox: about a
 * second on an idle machine, but 15 to 20 times that on a loaded 2-core one, where the 150-run Tracker property went
 * past jest's 20 s for one test. Their budget follows their size; every other test keeps jest's.
 */
const PROPERTY_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------------------------
// Invalid input: one broken value at a time, derived from core's field model plus each API's own rules
// ---------------------------------------------------------------------------------------------------------------

const MISSING = Symbol('missing');
type Broken = { field: string; inputData: Record<string, unknown> };

/** Blank values: Zapier sends '' (or nothing) for a field left empty; null comes from a mapped empty value. */
const blank = fc.constantFrom<unknown>(MISSING, '', '   ', null);
/** Not text (numbers are read as text, so they are left out here). */
const notText = fc.constantFrom<unknown>({}, { value: 'x' }, [], ['ISS-1'], true, false);
const nonBlank = (text: string) => text.trim() !== '';
const notUuid = fc
  .oneof(fc.uuid().map((u) => u.slice(0, -1)), fc.uuid().map((u) => `${u}0`), fc.uuid().map((u) => u.replace(/-/g, '')), fc.string({ minLength: 1, maxLength: 40 }), fc.integer())
  .filter((v) => nonBlank(String(v)) && !UUID_PATTERN.test(String(v).trim()));
const notOneOf = (values: readonly string[]) => fc.string({ minLength: 1, maxLength: 16 }).filter((s) => nonBlank(s) && !values.includes(s.trim()));
/** The two documented forms of a DevRev object id: a DON, or a display id such as ISS-1. */
const DEVREV_ID = /^(?:don:[a-z0-9_-]+:[^\s]+|[A-Za-z]+-[A-Za-z0-9]+)$/;

function withValue(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const input = { ...base, [key]: value };
  if (value === MISSING) delete input[key];
  return input;
}

/** Inputs with exactly one broken value, and the field core must name for it. */
function brokenInputs(provider: ProviderId): fc.Arbitrary<Broken> {
  const base = INPUTS[provider] as Record<string, unknown>;
  const variants: fc.Arbitrary<Broken>[] = [];
  const broken = (field: string, key: string, value: fc.Arbitrary<unknown>, extra: Record<string, unknown> = {}) =>
    variants.push(value.map((v) => ({ field, inputData: withValue({ ...base, ...extra }, key, v) })));

  for (const field of providers[provider].fields) {
    if (field.showWhen) {
      // DevRev's Custom Link Type: required while Link Type is custom_link, refused otherwise.
      broken(field.key, field.key, blank, { [field.showWhen.field]: field.showWhen.equals[0] });
      broken(field.key, field.key, fc.constant(SEED.devrev.customLinkTypes.blocks.id));
      continue;
    }
    if (field.required) broken(field.key, field.key, blank);
    if (field.type === 'string' || field.type === 'uuid' || field.type === 'options') broken(field.key, field.key, notText);
    if (field.type === 'uuid') broken(field.key, field.key, notUuid);
    if (field.type === 'options' && !field.allowCustomValue) broken(field.key, field.key, notOneOf(field.options!.map((o) => o.value)));
    if (field.type === 'json') broken(field.key, field.key, fc.constantFrom<unknown>('not json', '{"a": ', '[1]', '"text"', 'null', '42', 42, true, ['x']));
    if (field.type === 'list') {
      // Empty line items, or something that is not a list of rows.
      broken(field.key, field.key, fc.constantFrom<unknown>([], 'x', 42, true));
      const row = (base[field.key] as Record<string, unknown>[])[0]!;
      // One bad row among valid ones: the field is named with the row's index.
      variants.push(
        fc.tuple(fc.nat(2), fc.nat(2)).chain(([before, after]) => {
          const rows = (n: number) => Array.from({ length: n }, () => row);
          const at = `${field.key}[${before}]`;
          const badRow = fc.oneof(
            ...field.fields!.filter((sub) => sub.required).map((sub) => blank.map((v) => ({ field: `${at}.${sub.key}`, row: withValue(row, sub.key, v) }))),
            ...field.fields!.map((sub) => notText.map((v) => ({ field: `${at}.${sub.key}`, row: withValue(row, sub.key, v) }))),
            fc.constantFrom<unknown>('x', 42, null, ['x']).map((v) => ({ field: at, row: v })),
          );
          return badRow.map(({ field: named, row: bad }) => ({ field: named, inputData: { ...base, [field.key]: [...rows(before), bad, ...rows(after)] } }));
        }),
      );
    }
  }

  // Each API's own rules, beyond the field model.
  if (provider === 'onetrust') {
    broken('entity2Id', 'entity2Id', fc.constant(base.entity1Id));
    const attribute = (value: unknown) => fc.constantFrom<unknown>({ purpose: value }, JSON.stringify({ purpose: value }));
    broken('attributes.purpose', 'attributes', fc.constantFrom<unknown>('x', [], {}, 42).chain(attribute));
    broken('attributes.purpose[0]', 'attributes', fc.constantFrom<unknown>('x', null, {}, { value: 42 }, { id: 'not-a-uuid' }).chain((v) => attribute([v])));
  }
  if (provider === 'yandex-tracker') {
    broken('entityId', 'entityId', fc.constantFrom('.', '..', ' .. ', '\t.'));
    const self = base.entityId as string;
    broken('links[0].entity', 'links', fc.constant([{ relationship: 'relates', entity: self }]));
  }
  if (provider === 'devrev') {
    for (const key of ['source', 'target']) {
      broken(key, key, fc.string({ minLength: 1, maxLength: 20 }).filter((s) => nonBlank(s) && !DEVREV_ID.test(s.trim())));
    }
    broken('target', 'target', fc.constant(base.source));
  }
  return fc.oneof(...variants);
}

describe.each(PROVIDERS)('Zapier %s: invalid input', (provider) => {
  const zapier = zapierIntegration(provider);

  it('is refused with a z.errors.Error naming the field, before any request', async () => {
    const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    await fc.assert(
      fc.asyncProperty(brokenInputs(provider), async ({ field, inputData }) => {
        const before = requestsSoFar();
        const error = zapierError(await failureOf(zapier.createLink(authData, inputData)));
        expect(error).toMatchObject({ name: 'AppError', code: `invalid_input:${field}`, status: 400 });
        expect(error.message).toContain(`(${field})`);
        expect(requestsSoFar()).toBe(before);
      }),
      { numRuns: 120 },
    );
    expect(ctx.unhandled).toEqual([]);
  }, PROPERTY_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------------------------
// Valid input: generated from the seeded records, accepted by the strict sandbox
// ---------------------------------------------------------------------------------------------------------------

/** Text as a user may type or map it: core trims it. */
const padded = (text: string) => fc.constantFrom(text, ` ${text}`, `${text} `, `\t${text}\n`);

interface Valid {
  inputData: Record<string, unknown>;
  /** How many links the create stores. */
  links: number;
  /** The output's top-level fields that follow from the input. */
  output: Record<string, unknown>;
}

const OT = SEED.onetrust;
const otEntities = Object.values(OT.entities);
const otCombinations = Object.values(OT.linkTypes).flatMap((linkType) =>
  linkType.labels.flatMap((label) => {
    const of = (type: string) => otEntities.filter((e) => type === '*' || e.entityType === type);
    return of(label.entityType1).flatMap((e1) => of(label.entityType2).filter((e2) => e2.id !== e1.id).map((e2) => ({ linkType, label, e1, e2 })));
  }),
);
const otAttributes = fc.dictionary(
  fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/),
  fc.array(fc.oneof(fc.record({ value: fc.string({ maxLength: 30 }) }), fc.record({ id: fc.uuid() })), { minLength: 1, maxLength: 3 }),
  { minKeys: 1, maxKeys: 3 },
);

const validOneTrust: fc.Arbitrary<Valid> = fc
  .record({
    c: fc.constantFrom(...otCombinations),
    withTypeIds: fc.boolean(),
    attributes: fc.option(fc.oneof(otAttributes, otAttributes.map((a) => JSON.stringify(a))), { nil: undefined }),
    space: fc.constantFrom('', ' ', '\t', '  '),
  })
  .map(({ c, withTypeIds, attributes, space }) => {
    const inputData: Record<string, unknown> = {
      linkTypeId: `${space}${c.linkType.id}`,
      entity1Type: `${c.e1.entityType}${space}`,
      entity1Id: c.e1.id,
      entity2Type: c.e2.entityType,
      entity2Id: `${c.e2.id}${space}`,
    };
    if (withTypeIds) Object.assign(inputData, { entity1TypeId: OT.entityTypes[c.e1.entityType].id, entity2TypeId: OT.entityTypes[c.e2.entityType].id });
    if (attributes !== undefined) inputData.attributes = attributes;
    return { inputData, links: 1, output: { sourceId: c.e1.id, targetId: c.e2.id, linkType: c.linkType.name, linkTypeLabel: c.label.forwardName, sourceName: c.e1.name } };
  });

const trackerEntities = Object.values(SEED.yandexTracker.entities);
/** What the sandbox allows per entity type, as Tracker documents it. */
const TRACKER_RELATIONSHIPS: Record<string, string[]> = {
  project: ['relates', 'depends on', 'is dependent by', 'works towards'],
  portfolio: ['relates', 'depends on', 'is dependent by'],
  goal: ['relates', 'depends on', 'is dependent by', 'parent entity', 'child entity', 'is supported by'],
};
const trackerRef = (entity: (typeof trackerEntities)[number]) => fc.constantFrom(entity.id, String(entity.shortId)).chain(padded);

const validTracker: fc.Arbitrary<Valid> = fc.constantFrom(...trackerEntities).chain((source) =>
  fc
    .record({
      sourceRef: trackerRef(source),
      targets: fc.uniqueArray(fc.constantFrom(...trackerEntities.filter((e) => e !== source)), { minLength: 1, maxLength: 4, selector: (e) => e.id }),
      relationships: fc.array(fc.constantFrom(...TRACKER_RELATIONSHIPS[source.entityType]!), { minLength: 4, maxLength: 4 }),
      singleRowAsObject: fc.boolean(),
    })
    .chain(({ sourceRef, targets, relationships, singleRowAsObject }) =>
      fc.tuple(...targets.map(trackerRef)).map((refs) => {
        const rows = refs.map((entity, i) => ({ relationship: relationships[i]!, entity }));
        // A single row mapped without line items arrives as an object.
        const links = rows.length === 1 && singleRowAsObject ? rows[0] : rows;
        return {
          inputData: { entityType: source.entityType, entityId: sourceRef, links },
          links: rows.length,
          output: { sourceId: sourceRef.trim(), sourceType: source.entityType, linkType: rows[0]!.relationship, targetId: refs[0]!.trim() },
        };
      }),
    ),
);

const devrevObjects = Object.values(SEED.devrev.objects);
const devrevRef = (object: (typeof devrevObjects)[number]) => fc.constantFrom(object.display_id, object.id).chain(padded);
const standardLinkTypes = providers.devrev.fields.find((f) => f.key === 'linkType')!.options!.map((o) => o.value).filter((v) => v !== 'custom_link');

const validDevRev: fc.Arbitrary<Valid> = fc.oneof(
  fc
    .record({ source: fc.constantFrom(...devrevObjects), target: fc.constantFrom(...devrevObjects), linkType: fc.constantFrom(...standardLinkTypes) })
    // DevRev's rules: no self link; between an issue and a ticket, is_dependent_on goes from the ticket.
    .filter(({ source, target, linkType }) => source !== target && !(linkType === 'is_dependent_on' && source.type === 'issue' && target.type === 'ticket'))
    .chain(({ source, target, linkType }) =>
      fc.tuple(devrevRef(source), devrevRef(target)).map(([s, t]) => ({
        inputData: { source: s, linkType, target: t },
        links: 1,
        output: { linkType, sourceId: source.id, targetId: target.id, sourceDisplayId: source.display_id },
      })),
    ),
  fc
    .constantFrom(...Object.values(SEED.devrev.customLinkTypes))
    .chain((custom) => {
      const fits = (types: readonly { leaf_type: string }[]) => devrevObjects.filter((o) => types.some((t) => t.leaf_type === o.type));
      return fc
        .record({ source: fc.constantFrom(...fits(custom.source_types)), target: fc.constantFrom(...fits(custom.target_types)) })
        .filter(({ source, target }) => source !== target)
        .chain(({ source, target }) =>
          fc.tuple(devrevRef(source), devrevRef(target)).map(([s, t]) => ({
            inputData: { source: s, linkType: 'custom_link', target: t, customLinkType: custom.id },
            links: 1,
            // (linkTypeLabel is "custom link": the sandbox's link names only the custom type's id; see the report.)
            output: { linkType: 'custom_link', sourceId: source.id, targetId: target.id },
          })),
        );
    }),
);

const VALID: Record<ProviderId, fc.Arbitrary<Valid>> = { onetrust: validOneTrust, 'yandex-tracker': validTracker, devrev: validDevRev };

describe.each(PROVIDERS)('Zapier %s: valid input', (provider) => {
  const zapier = zapierIntegration(provider);

  it('generated from the seeded records, is accepted by the strict sandbox and stored once', async () => {
    await fc.assert(
      fc.asyncProperty(VALID[provider], async ({ inputData, links, output }) => {
        ctx.sandbox.state.reset(); // a fresh sandbox per run: DevRev's parent and merge rules count earlier links
        const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
        const result = await zapier.createLink(authData, inputData);
        expect(result).toMatchObject({ ...output, service: PROVIDER_NAMES[provider], linkCount: links });
        expect(storedLinks(ctx.sandbox, provider)).toBe(links);
        expect(ctx.sandbox.state.snapshot().requests.unmatched).toBe(0);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------------------------
// Yandex Tracker: the entity id is a URL path segment
// ---------------------------------------------------------------------------------------------------------------

describe('Zapier Yandex Tracker: an entity id stays one path segment', () => {
  const zapier = zapierIntegration('yandex-tracker');
  const authData: AuthData = {};
  beforeAll(() => Object.assign(authData, CREDENTIALS['yandex-tracker'], { baseUrl: ctx.sandbox.url }));
  const seededRefs = new Set(trackerEntities.flatMap((e) => [e.id, String(e.shortId)]));
  /** The path's segments as the server reads them: split on '/', then each decoded once. */
  const segmentsOf = (path: string) => path.split('/').slice(1).map(decodeURIComponent);
  const row = [{ relationship: 'relates', entity: SEED.yandexTracker.entities.paymentsMigration.id }];

  const piece = fc.constantFrom('/', '..', '../', '/..', '?', '?x=1', '#', '#top', '%2F', '%2e%2e', '%', ' ', '\\', '&', '=', ';', '+', 'é', '日本', '😀', '\u200b', 'a', 'Z', '7', '-', '.');
  const hostileId = fc
    .oneof(fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }))
    .filter((id) => nonBlank(id) && !isDotSegment(id.trim()) && !seededRefs.has(id.trim()));

  it('ids with /, .., ?, #, %2F, spaces or non-ASCII reach the create route encoded, and get its 404', async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, async (entityId) => {
        const before = ctx.sandbox.state.snapshot();
        const error = zapierError(await failureOf(zapier.createLink(authData, { entityType: 'project', entityId, links: row })));
        const after = ctx.sandbox.state.snapshot();
        expect(error).toMatchObject({ name: 'AppError', status: 404, code: 'not_found' });
        expect(error.message).toMatch(/^Yandex Tracker returned HTTP 404: /);
        expect(after.requests.unmatched).toBe(before.requests.unmatched);
        expect(after.requests.byRoute['tracker.create']).toBe(before.requests.byRoute['tracker.create'] + 1);
        expect(after.requestLog.at(-1)).toMatchObject({ route: 'tracker.create', outcome: 404 });
        expect(segmentsOf(after.requestLog.at(-1)!.path)).toEqual(['v2', 'entities', 'project', entityId.trim(), 'links']);
      }),
      { numRuns: 150 },
    );
    expect(storedLinks(ctx.sandbox, 'yandex-tracker')).toBe(0);
  }, PROPERTY_TIMEOUT_MS);

  it('the seeded id "weird id/../x?y#z" is found only as one encoded segment: the link is created', async () => {
    const probe = SEED.yandexTracker.entities.encodingProbe;
    const result = await zapier.createLink(authData, { entityType: 'project', entityId: probe.id, links: row });
    expect(result).toMatchObject({ sourceId: probe.id, linkCount: 1 });
    const logged = ctx.sandbox.state.snapshot().requestLog.at(-1)!;
    expect(logged).toMatchObject({ route: 'tracker.create', outcome: 200 });
    expect(segmentsOf(logged.path)).toEqual(['v2', 'entities', 'project', probe.id, 'links']);
    expect(ctx.sandbox.state.snapshot().links.yandexTracker[0]!.source.id).toBe(probe.id);
  });

  it.each(['.', '..', ' .. '])('%j, a dot segment that would change the route, is refused before any request', async (entityId) => {
    const error = zapierError(await failureOf(zapier.createLink(authData, { entityType: 'project', entityId, links: row })));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input:entityId', status: 400 });
    expect(error.message).toContain('Entity ID (entityId)');
    expect(requestsSoFar()).toBe(0);
  });

  it('an id with a lone UTF-16 surrogate sends nothing', async () => {
    // GAP (reported): the step fails with encodeURIComponent's "URI malformed", which does not name the field.
    const error = await failureOf(zapier.createLink(authData, { entityType: 'project', entityId: 'a\uD800b', links: row }));
    expect(error).toBeInstanceOf(Error);
    expect(requestsSoFar()).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// OneTrust: the host name decides where the client secret goes
// ---------------------------------------------------------------------------------------------------------------

describe('Zapier OneTrust: a host name that is not a bare DNS name is refused before any request', () => {
  const zapier = zapierIntegration('onetrust');
  const HOSTILE_HOSTS = [
    'evil.example/',
    'evil.example/x',
    'user@host',
    'user@app.onetrust.com',
    'app.onetrust.com@evil.example',
    'https://x',
    'https://app.onetrust.com',
    'host:1',
    'app.onetrust.com:443',
    'a.com#',
    'a.com?x=1',
    'app.onetrust.com\\@evil.example',
    'app onetrust.com',
    'evil.example%2F',
    '10.0.0.1',
    '127.0.0.1',
    '169.254.169.254',
    '[::1]',
    '::1',
    'localhost',
    '',
    '   ',
  ];

  /** Every step that reads the host name: the connection test, the session step, and Create Link (with a token). */
  async function expectRefused(hostname: string, baseUrl?: string) {
    const authData: AuthData = { ...CREDENTIALS.onetrust, hostname, ...(baseUrl ? { baseUrl } : {}) };
    const steps = [zapier.test(authData), zapier.session!(authData), zapier.createLink({ ...authData, accessToken: 'a-session-token' }, INPUTS.onetrust)];
    for (const step of steps) {
      const error = zapierError(await failureOf(step));
      expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input:hostname', status: 400 });
      expect(error.message).toMatch(hostname.trim() === '' ? /^Host Name \(hostname\) is required$/ : /^Host Name \(hostname\) must be a bare host name such as app\.onetrust\.com/);
    }
  }

  it.each(HOSTILE_HOSTS)('%j', async (hostname) => {
    await expectRefused(hostname); // the host name alone decides the URL: nothing may leave
    await expectRefused(hostname, ctx.sandbox.url); // with the sandbox as Base URL, the counter proves it
    expect(requestsSoFar()).toBe(0);
  });

  it('any host name with a URL delimiter, user info, port or space is refused (property)', async () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,10}$/);
    const delimiter = fc.constantFrom('/', '@', ':', '#', '?', ' ', '\\', '%', '[', ']');
    const host = fc.tuple(label, delimiter, label, fc.constantFrom('.com', '.example', '')).map(([a, d, b, tld]) => `${a}${d}${b}${tld}`);
    await fc.assert(
      fc.asyncProperty(host, async (hostname) => {
        const error = zapierError(await failureOf(zapier.test({ ...CREDENTIALS.onetrust, hostname, baseUrl: ctx.sandbox.url })));
        expect(error.code).toBe('invalid_input:hostname');
      }),
      { numRuns: 60 },
    );
    expect(requestsSoFar()).toBe(0);
  });

  it('bare DNS host names are accepted: the test passes and labels the connection with the host', async () => {
    await fc.assert(
      fc.asyncProperty(fc.domain(), async (hostname) => {
        const authData = { ...CREDENTIALS.onetrust, hostname, baseUrl: ctx.sandbox.url };
        const account = await zapier.test(authData);
        expect(await zapier.label(authData, account)).toBe(`${CREDENTIALS.onetrust.clientId} @ ${hostname}`);
      }),
      { numRuns: 20 },
    );
  });

  it.each(PROVIDERS)('%s: a Base URL that is not https (or http on loopback), or carries user info or a query, is refused', async (provider) => {
    const zapierApp = zapierIntegration(provider);
    for (const baseUrl of ['http://evil.example', 'https://user:pw@evil.example', 'http://127.0.0.1.evil.example', 'https://evil.example/?x=1', 'https://evil.example/#x', 'not a url', 'ftp://evil.example']) {
      const error = zapierError(await failureOf(zapierApp.test({ ...CREDENTIALS[provider], baseUrl })));
      expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input:baseUrl', status: 400 });
      expect(error.message).toMatch(/^Base URL \(baseUrl\) /);
    }
    expect(requestsSoFar()).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Find Link: the same rules on its fields (the other record may be left empty: then every link of the record)
// ---------------------------------------------------------------------------------------------------------------

function brokenFindInputs(provider: ProviderId): fc.Arbitrary<Broken> {
  const base = FIND_INPUTS[provider];
  const { fields, otherKey } = findFields(providers[provider]);
  const variants: fc.Arbitrary<Broken>[] = [];
  const broken = (field: string, value: fc.Arbitrary<unknown>) => variants.push(value.map((v) => ({ field, inputData: withValue(base, field, v) })));
  for (const field of fields) {
    if (field.required) broken(field.key, blank);
    if (field.type === 'string' || field.type === 'uuid' || field.type === 'options') broken(field.key, notText);
    if (field.type === 'uuid') broken(field.key, notUuid);
    if (field.type === 'options' && !field.allowCustomValue) broken(field.key, notOneOf(field.options!.map((o) => o.value)));
  }
  if (provider === 'yandex-tracker') for (const key of ['entityId', otherKey]) broken(key, fc.constantFrom('.', '..', ' .. '));
  if (provider === 'devrev') for (const key of ['object', otherKey]) broken(key, fc.string({ minLength: 1, maxLength: 20 }).filter((s) => nonBlank(s) && !DEVREV_ID.test(s.trim())));
  return fc.oneof(...variants);
}

describe.each(PROVIDERS)('Zapier %s: Find Link with invalid input', (provider) => {
  const zapier = zapierIntegration(provider);

  it('is refused with a z.errors.Error naming the field, before any request', async () => {
    const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    await fc.assert(
      fc.asyncProperty(brokenFindInputs(provider), async ({ field, inputData }) => {
        const before = requestsSoFar();
        const error = zapierError(await failureOf(zapier.findLink(authData, inputData)));
        expect(error).toMatchObject({ name: 'AppError', code: `invalid_input:${field}`, status: 400 });
        expect(error.message).toContain(`(${field})`);
        expect(requestsSoFar()).toBe(before);
      }),
      { numRuns: 10 },
    );
    expect(ctx.unhandled).toEqual([]);
  });

  it('the other record left blank (or spaces, or a mapped empty value) finds every link of the record', async () => {
    const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    await zapier.createLink(authData, INPUTS[provider]);
    const { otherKey } = findFields(providers[provider]);
    for (const value of [MISSING, '', '   ', null]) {
      expect(await zapier.findLink(authData, withValue(FIND_INPUTS[provider], otherKey, value))).toHaveLength(1);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Dropdowns (the hidden triggers) and the "Find <record>" searches: what they read is input too
// ---------------------------------------------------------------------------------------------------------------

/** Each hidden trigger of an integration, with the core picker behind it and the fields it depends on. */
function dropdownsOf(provider: ProviderId): { key: string; picker: Picker; dependsOn: [param: string, from: string][] }[] {
  const core = providers[provider];
  const withPicker = (list: readonly Field[]): Field[] => list.flatMap((f) => [...(f.picker ? [f] : []), ...withPicker(f.fields ?? [])]);
  const byKey = new Map(withPicker([...core.fields, ...findFields(core).fields]).map((f) => [optionTriggerKey(f.picker!), f.picker!]));
  return [...byKey].map(([key, ref]) => ({ key, picker: core.pickers[ref.source]!, dependsOn: Object.entries(ref.dependsOn ?? {}) }));
}

describe.each(PROVIDERS)('Zapier %s: dropdowns and "Find <record>" with hostile input', (provider) => {
  const zapier = zapierIntegration(provider);
  const core = providers[provider];
  const dropdowns = dropdownsOf(provider);
  const fieldOf = (key: string) => [...core.fields, ...findFields(core).fields].find((f) => f.key === key)!;

  it('the table of dropdowns is the app\'s hidden triggers', () => {
    expect(dropdowns.map((d) => d.key).sort()).toEqual(Object.keys(zapier.app.triggers).sort());
  });

  it('a dropdown whose field it depends on is empty or broken names that field ("Choose ... first"), before any request', async () => {
    const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    let checked = 0;
    for (const { key, dependsOn } of dropdowns) {
      for (const [, from] of dependsOn) {
        const field = fieldOf(from);
        const bad: unknown[] = [MISSING, '', '   ', null, {}, ['x'], ...(field.type === 'uuid' ? ['not-a-uuid', '../../links'] : []), ...(field.options && !field.allowCustomValue ? ['../x'] : [])];
        for (const value of bad) {
          const before = requestsSoFar();
          const error = zapierError(await failureOf(zapier.listChoices(authData, key, withValue(DROPDOWN_INPUTS[provider], from, value))));
          expect(error).toMatchObject({ name: 'AppError', code: `invalid_input:${from}`, status: 400 });
          expect(error.message).toMatch(new RegExp(`^Choose ${field.label} \\(${from}\\) first: `));
          expect(requestsSoFar()).toBe(before);
          checked++;
        }
      }
    }
    if (provider !== 'devrev') expect(checked).toBeGreaterThan(0);
  });

  const FORGED = ['abc', '-1', '1.5', '../1', '%2e%2e', 'goal:', 'issue:1', '1; DROP', 'x'.repeat(2001)];

  // Core reads OneTrust's page numbers and Tracker's page numbers and typed cursors (`portfolio:1`); DevRev's cursors
  // are the API's own, which core passes on as they came.
  const coreReadsCursor = provider !== 'devrev';

  it('a "Load more" cursor the picker did not make is refused, naming Cursor, before any request (page and typed cursors)', async () => {
    const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    for (const { key } of coreReadsCursor ? dropdowns : []) {
      for (const forged of FORGED) {
        const before = requestsSoFar();
        const error = zapierError(await failureOf(zapier.listChoices(authData, key, DROPDOWN_INPUTS[provider], { page: 1, store: new Map([['cursor', forged]]) })));
        expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input:cursor', status: 400 });
        expect(error.message).toMatch(/^Cursor \(cursor\) must be /);
        expect(requestsSoFar()).toBe(before);
      }
    }
  });

  it('an opaque cursor (DevRev\'s) goes to the API as data, on the picker\'s own route, and gets its 400', async () => {
    const opaque = coreReadsCursor ? [] : dropdowns;
    if (provider === 'devrev') expect(opaque.every((d) => d.picker.cursor === 'opaque')).toBe(true);
    const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    for (const { key } of opaque) {
      const ok = await zapier.listChoices(authData, key, DROPDOWN_INPUTS[provider]);
      const { route, path } = ctx.sandbox.state.snapshot().requestLog.at(-1)!;
      expect(ok.length).toBeGreaterThan(0);
      for (const forged of FORGED.slice(0, -1)) {
        const error = zapierError(await failureOf(zapier.listChoices(authData, key, DROPDOWN_INPUTS[provider], { page: 1, store: new Map([['cursor', forged]]) })));
        expect(error).toMatchObject({ name: 'AppError', status: 400 });
        expect(ctx.sandbox.state.snapshot().requestLog.at(-1)).toMatchObject({ route, path, outcome: 400 });
      }
    }
    expect(ctx.sandbox.state.snapshot().requests.unmatched).toBe(0);
  });

  it('"Find <record>": any text up to 200 characters is a search, never a path: an array, from the search\'s own route', async () => {
    const authData = await zapier.connect({ ...CREDENTIALS[provider], baseUrl: ctx.sandbox.url });
    const { key, inputData } = RECORD_SEARCHES[provider];
    await zapier.findRecord(authData, key, inputData);
    // The search's routes: its own, and for DevRev the work item a display id (ISS-1) names.
    const paths = new Set([ctx.sandbox.state.snapshot().requestLog.at(-1)!.path, ...(provider === 'devrev' ? ['/works.get', '/works.list'] : [])]);
    const piece = fc.constantFrom('/', '..', '../', '?', '?x=1', '#', '%2F', '%', ' ', '\\', '&', '"', '\'', '{', '}', 'é', '日本', '😀', 'a', '7', '-', '.', 'ISS-', 'https://');
    const text = fc
      .oneof(fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }))
      .filter((t) => t.length <= 200);
    await fc.assert(
      fc.asyncProperty(text, async (search) => {
        const before = requestsSoFar();
        const found = await zapier.findRecord(authData, key, { ...inputData, search });
        expect(Array.isArray(found)).toBe(true);
        // Blank text sends nothing; any other goes to the search route, as data.
        if (search.trim() === '') expect(requestsSoFar()).toBe(before);
        else {
          const sent = ctx.sandbox.state.snapshot().requestLog.slice(-(requestsSoFar() - before));
          expect(sent.length).toBeGreaterThan(0);
          for (const request of sent) {
            expect(paths).toContain(request.path);
            expect(request.route).not.toBeNull();
          }
        }
      }),
      { numRuns: 30 },
    );
    expect(ctx.sandbox.state.snapshot().requests.unmatched).toBe(0);
  }, PROPERTY_TIMEOUT_MS);
});
