import fc from 'fast-check';
import { isInputError, onetrust } from '@links/core';
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import { inputs, type ProviderKey, sandboxClient, useSandbox } from './sandbox-fixture.js';

const ctx = useSandbox();
const totalRequests = () => ctx.sandbox.state.snapshot().requests.total;

const DEVREV_IDS = Object.values(SEED.devrev.objects).flatMap((o) => [o.id, o.display_id]);
const TRACKER = Object.values(SEED.yandexTracker.entities).filter((e) => /^[0-9a-f]{24}$/.test(e.id));
const SEEDED_TRACKER_IDS = new Set(Object.values(SEED.yandexTracker.entities).flatMap((e) => [e.id, String(e.shortId)]));
const OT = SEED.onetrust;

/** Valid input per provider, drawn from the seed, for link types without server-side constraints. */
const validInput: Record<ProviderKey, fc.Arbitrary<Record<string, unknown>>> = {
  devrev: fc.record({
    source: fc.constantFrom(...DEVREV_IDS.filter((id) => id.includes('issue') || id.startsWith('ISS'))),
    target: fc.constantFrom(...DEVREV_IDS.filter((id) => !(id.includes('issue') || id.startsWith('ISS')))),
    linkType: fc.constantFrom('is_related_to', 'is_duplicate_of', 'is_follow_up_of', 'imports', 'serves', 'developed_with', 'is_analyzed_by'),
  }),
  'yandex-tracker': fc.record({
    entityType: fc.constant('project'),
    entityId: fc.constantFrom(SEED.yandexTracker.entities.websiteRedesign.id, String(SEED.yandexTracker.entities.websiteRedesign.shortId)),
    links: fc.array(fc.record({ relationship: fc.constantFrom('relates', 'depends on', 'is dependent by'), entity: fc.constantFrom(...TRACKER.slice(1).map((e) => e.id)) }), { minLength: 1, maxLength: 5 }),
  }),
  onetrust: fc.record({
    linkTypeId: fc.constant(OT.linkTypes.aiSystemComposition.id),
    entity1Type: fc.constant('aisystems'),
    entity1Id: fc.constantFrom(OT.entities.supportAssistant.id, OT.entities.fraudPlatform.id),
    entity2Type: fc.constant('models'),
    entity2Id: fc.constantFrom(OT.entities.intentClassifier.id, OT.entities.creditRiskModel.id),
    attributes: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.array(fc.record({ value: fc.string() }), { minLength: 1, maxLength: 2 }), { maxKeys: 2 }), { nil: undefined }),
  }),
};

/** Values that break a field's rule: missing, blank, wrong type, and a value of the wrong form. */
const badValue = fc.constantFrom<unknown>(undefined, null, '', '   ', 42.5, true, {}, ['x'], 'not a valid value', '../../etc');
const REQUIRED: Record<ProviderKey, string[]> = {
  devrev: ['source', 'target', 'linkType'],
  'yandex-tracker': ['entityType', 'links'],
  onetrust: ['linkTypeId', 'entity1Type', 'entity1Id', 'entity2Type', 'entity2Id'],
};
// Free-text fields where some of the bad values above are valid text (Tracker ids are any string).
const ACCEPTS_TEXT = new Set(['entity1Type', 'entity2Type']);

describe.each(['devrev', 'yandex-tracker', 'onetrust'] as ProviderKey[])('%s input properties', (provider) => {
  it('valid input is accepted by the strict sandbox', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    await fc.assert(
      fc.asyncProperty(validInput[provider], async (input) => {
        const links = await client.createLink(input);
        expect(links.length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });

  it('invalid input fails naming the field and sends nothing', async () => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    await fc.assert(
      fc.asyncProperty(validInput[provider], fc.constantFrom(...REQUIRED[provider]), badValue, async (input, field, value) => {
        fc.pre(!(ACCEPTS_TEXT.has(field) && ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number')));
        fc.pre(!(field === 'entityType' && value === 'project'));
        const before = totalRequests();
        const error = await client.createLink({ ...input, [field]: value }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(isInputError(error)).toBe(true);
        // The field itself, or a part of it (`links[0]` when a list entry is wrong).
        const named = (error as { field: string }).field;
        expect(named === field || named.startsWith(`${field}[`)).toBe(true);
        expect((error as Error).message).toContain(`(${named})`);
        expect(totalRequests()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });
});

describe('path injection', () => {
  it('any Tracker entity id reaches the create route as one path segment', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const special = fc.constantFrom('/', '..', '?', '#', '%2F', '%', ' ', 'ж', '🙂', '\\', '&', '=', ';', '+');
    const id = fc.array(fc.oneof(special, fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(id, async (entityId) => {
        fc.pre(entityId.trim() !== '' && entityId.trim() !== '.' && entityId.trim() !== '..');
        fc.pre(!SEEDED_TRACKER_IDS.has(entityId.trim())); // a seeded id or short id ("1") exists: not a 404
        const before = ctx.sandbox.state.snapshot().requests;
        const error = await client.createLink({ ...inputs['yandex-tracker'], entityId }).catch((e: { kind: string }) => e);
        const after = ctx.sandbox.state.snapshot().requests;
        expect(after.unmatched).toBe(before.unmatched);
        expect(after.byRoute['tracker.create']).toBe(before.byRoute['tracker.create'] + 1);
        expect(error).toMatchObject({ kind: 'not_found' });
      }),
      { numRuns: 150 },
    );
  });
});

describe('broken text', () => {
  it('an id holding a lone UTF-16 surrogate is an input error naming the field, and nothing is sent', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const lone = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF');
    const text = fc.tuple(fc.string({ maxLength: 4 }), lone, fc.string({ maxLength: 4 })).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (id, inLink) => {
        const base = inputs['yandex-tracker'] as { links: readonly { relationship: string; entity: string }[] };
        const input = inLink ? { ...base, links: [{ ...base.links[0]!, entity: id }] } : { ...base, entityId: id };
        const field = inLink ? 'links[0].entity' : 'entityId';
        const before = totalRequests();
        const error = await client.createLink(input).catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'input', field, rule: 'format', message: expect.stringContaining(`(${field})`) });
        expect(totalRequests()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});

describe('host injection', () => {
  it.each(['evil.example/', 'user@host.example', 'https://x.example', 'host.example:1', 'a.com#', '127.0.0.1', '[::1]', '', ' ', 'app.onetrust.com/../x', 'app.onetrust.com\\x', 'app.onetrust.com%2F'])(
    'rejects %j before any request',
    async (hostname) => {
      expect(() => sandboxClient(ctx.sandbox, 'onetrust', { credentials: { ...C.onetrust, hostname } })).toThrow(
        expect.objectContaining({ kind: 'input', field: 'hostname', message: expect.stringContaining('Host Name (hostname)') }),
      );
      expect(totalRequests()).toBe(0);
    },
  );

  it('rejects any host name with a character outside a DNS name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('/', '@', ':', '#', '?', ' ', '\\', '%', '_'), (prefix, bad) => {
        const hostname = `${prefix}${bad}app.onetrust.com`;
        expect(() => onetrust.validateCredentials({ ...C.onetrust, hostname })).toThrow(expect.objectContaining({ field: 'hostname' }));
      }),
    );
  });
});
