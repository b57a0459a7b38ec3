// Hostile input on every field of the lifecycle operations, and secrets through every new error path.
import fc from 'fast-check';
import { isInputError, isLinksError, type LinksError } from '@links/core';
import { createLinksClient } from '@links/core/http';
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import { inputs, PROVIDERS, type ProviderKey, sandboxClient, useSandbox } from './sandbox-fixture.js';

const ctx = useSandbox();
const totalRequests = () => ctx.sandbox.state.snapshot().requests.total;
const T = SEED.yandexTracker.entities;
const OT = SEED.onetrust;
type Client = ReturnType<typeof sandboxClient>['client'];

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) void _;
}

/** Per operation: a valid input, the fields to break, and the call. */
const CASES: { provider: ProviderKey; op: string; valid: Record<string, unknown>; fields: string[]; optional?: string[]; call: (c: Client, input: unknown) => Promise<unknown> }[] = [
  { provider: 'devrev', op: 'list', valid: { object: 'ISS-1', direction: 'is_source', linkTypes: ['imports'] }, fields: ['object', 'direction', 'linkTypes'], optional: ['direction', 'linkTypes'], call: (c, i) => drain(c.listLinks(i)) },
  { provider: 'devrev', op: 'get', valid: { id: 'don:core:dvrv-us-1:devo/demo:link/1' }, fields: ['id'], call: (c, i) => c.getLink(i) },
  { provider: 'devrev', op: 'delete', valid: { id: 'don:core:dvrv-us-1:devo/demo:link/1' }, fields: ['id'], call: (c, i) => c.deleteLink(i) },
  { provider: 'devrev', op: 'find', valid: { object: 'ISS-1', otherObject: 'ISS-2', linkType: 'imports' }, fields: ['object', 'otherObject', 'linkType'], optional: ['linkType'], call: (c, i) => c.findLinks(i) },
  { provider: 'yandex-tracker', op: 'list', valid: { entityType: 'project', entityId: T.websiteRedesign.id }, fields: ['entityType', 'entityId'], call: (c, i) => drain(c.listLinks(i)) },
  { provider: 'yandex-tracker', op: 'get', valid: { entityType: 'project', entityId: T.websiteRedesign.id, linkedEntityId: T.paymentsMigration.id }, fields: ['entityType', 'entityId', 'linkedEntityId'], call: (c, i) => c.getLink(i) },
  { provider: 'yandex-tracker', op: 'delete', valid: { entityType: 'project', entityId: T.websiteRedesign.id, linkedEntityId: T.paymentsMigration.id }, fields: ['entityType', 'entityId', 'linkedEntityId'], call: (c, i) => c.deleteLink(i) },
  { provider: 'yandex-tracker', op: 'find', valid: { entityType: 'project', entityId: T.websiteRedesign.id, linkedEntityId: '2', relationship: 'relates' }, fields: ['entityType', 'entityId', 'linkedEntityId'], call: (c, i) => c.findLinks(i) },
  { provider: 'onetrust', op: 'list', valid: { entityType: 'aisystems', entityId: OT.entities.supportAssistant.id }, fields: ['entityType', 'entityId'], call: (c, i) => drain(c.listLinks(i)) },
  { provider: 'onetrust', op: 'get', valid: { linkId: OT.entities.supportAssistant.id, linkTypeId: OT.linkTypes.related.id }, fields: ['linkId', 'linkTypeId'], call: (c, i) => c.getLink(i) },
  { provider: 'onetrust', op: 'delete', valid: { linkId: OT.entities.supportAssistant.id, linkTypeId: OT.linkTypes.related.id }, fields: ['linkId', 'linkTypeId'], call: (c, i) => c.deleteLink(i) },
  { provider: 'onetrust', op: 'find', valid: { entityType: 'models', entityId: OT.entities.intentClassifier.id, otherEntityId: OT.entities.supportAssistant.id, linkTypeId: OT.linkTypes.related.id }, fields: ['entityType', 'entityId', 'otherEntityId', 'linkTypeId'], optional: ['linkTypeId'], call: (c, i) => c.findLinks(i) },
];

/** Values that break a field: blank, of the wrong type, a lone surrogate, a dot segment, text of the wrong form. */
const badValue = fc.oneof(
  fc.constantFrom<unknown>(null, '', '   ', 42.5, true, {}, [{}], '..', '.', 'not a valid value', '../../etc', 'ISS 1', 'a\uD800b', '\uDFFF'),
  fc.string({ maxLength: 6 }).map((s) => `${s}\uD83D`),
);
// Free-text fields where some bad values above are valid text (a Tracker id or a relationship may be any string).
const FREE_TEXT = new Set(['yandex-tracker entityId', 'yandex-tracker linkedEntityId']);

describe.each(CASES.map((c) => [`${c.provider} ${c.op}`, c] as const))('%s: hostile input', (_name, c) => {
  it('a broken field is an input error naming it, and nothing is sent', async () => {
    const { client } = sandboxClient(ctx.sandbox, c.provider);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...c.fields), badValue, async (field, value) => {
        const free = FREE_TEXT.has(`${c.provider} ${field}`);
        // An optional field left blank is not given, which is valid.
        fc.pre(!(c.optional?.includes(field) && (value === null || (typeof value === 'string' && value.trim() === ''))));
        fc.pre(!(free && typeof value === 'string' && value.trim() !== '' && value.trim() !== '.' && value.trim() !== '..' && !/[\uD800-\uDFFF]/.test(value)));
        fc.pre(!(free && typeof value === 'number'));
        const before = totalRequests();
        const error = await Promise.resolve()
          .then(() => c.call(client, { ...c.valid, [field]: value }))
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(isInputError(error)).toBe(true);
        const named = (error as { field: string }).field;
        expect(named === field || named.startsWith(`${field}[`)).toBe(true);
        expect((error as Error).message).toContain(`(${named})`);
        expect(totalRequests()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});

describe('create options: hostile ifExists sends nothing', () => {
  it.each(PROVIDERS)('%s', async (provider) => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.integer(), fc.constant({}), fc.constant(['skip'])), async (ifExists) => {
        fc.pre(!['create', 'skip', 'fail', ''].includes(ifExists as string));
        const error = await client.createLinks([inputs[provider]], { ifExists: ifExists as never }).catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'input', field: 'ifExists', rule: 'enum' });
        expect(totalRequests()).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe('path injection on the lifecycle routes', () => {
  it('any Tracker id reaches list, get and delete as one path segment or one query value', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const special = fc.constantFrom('/', '..', '?', '#', '%2F', '%', ' ', 'ж', '&', '=', ';', '+');
    const id = fc.array(fc.oneof(special, fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
    const seeded = new Set(Object.values(T).flatMap((e) => [e.id, String(e.shortId)]));
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('list', 'get', 'delete'), async (entityId, op) => {
        fc.pre(entityId.trim() !== '' && entityId.trim() !== '.' && entityId.trim() !== '..' && !seeded.has(entityId.trim()));
        const before = ctx.sandbox.state.snapshot().requests;
        const ref = { entityType: 'project', entityId, linkedEntityId: T.paymentsMigration.id };
        const call = op === 'list' ? drain(client.listLinks(ref)) : op === 'get' ? client.getLink(ref) : client.deleteLink({ ...ref, entityId: T.websiteRedesign.id, linkedEntityId: entityId });
        const error = await call.then(
          () => null,
          (e: LinksError) => e,
        );
        const after = ctx.sandbox.state.snapshot().requests;
        expect(after.unmatched).toBe(before.unmatched);
        expect(after.total).toBe(before.total + 1);
        expect(error).toMatchObject({ kind: 'not_found' });
      }),
      { numRuns: 80 },
    );
  });
});

describe('secrets never appear in the errors of the new operations', () => {
  const CANARY = 'canary-SECRET-lifecycle-9d2e';
  const everything = (error: unknown) => JSON.stringify(error instanceof Error ? { ...error, message: error.message, stack: error.stack } : error) + String(error);
  const BAD_CREDENTIALS = {
    devrev: { token: CANARY },
    'yandex-tracker': { tokenKind: 'oauth', token: CANARY, orgKind: 'yandex360', orgId: C.yandexTracker.orgId },
    onetrust: { ...C.onetrust, clientSecret: CANARY },
  } as const;
  const CALLS = {
    list: (c: Client, p: ProviderKey) => drain(c.listLinks(CASES.find((x) => x.provider === p && x.op === 'list')!.valid)),
    get: (c: Client, p: ProviderKey) => c.getLink(CASES.find((x) => x.provider === p && x.op === 'get')!.valid),
    find: (c: Client, p: ProviderKey) => c.findLinks(CASES.find((x) => x.provider === p && x.op === 'find')!.valid),
    delete: (c: Client, p: ProviderKey) => c.deleteLink(CASES.find((x) => x.provider === p && x.op === 'delete')!.valid),
    skip: (c: Client, p: ProviderKey) => c.createLink(inputs[p], { ifExists: 'skip' }),
    fail: (c: Client, p: ProviderKey) => c.createLink(inputs[p], { ifExists: 'fail' }),
  };

  it.each(PROVIDERS.flatMap((p) => Object.keys(CALLS).map((op) => [p, op] as const)))('%s %s with a rejected canary secret', async (provider, op) => {
    const { client } = sandboxClient(ctx.sandbox, provider, { credentials: { ...BAD_CREDENTIALS[provider] } });
    const error = await CALLS[op as keyof typeof CALLS](client, provider).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'authentication' });
    expect(everything(error)).not.toContain(CANARY);
  });

  it.each(PROVIDERS.flatMap((p) => (['list', 'get', 'delete'] as const).flatMap((op) => [{ reset: true }, { hang: true }, { status: 500 }, { status: 429, retryAfter: 999 }].map((f) => [p, op, f] as const))))(
    '%s %s with fault %j',
    async (provider, op, fault) => {
      const route = `${{ onetrust: 'onetrust', 'yandex-tracker': 'tracker', devrev: 'devrev' }[provider]}.${provider === 'yandex-tracker' && op === 'get' ? 'list' : op}`;
      ctx.sandbox.state.addFaults({ route, ...fault } as never);
      const { client } = sandboxClient(ctx.sandbox, provider, { timeoutMs: 1000, retry: { limit: 0 } });
      const error = await CALLS[op](client, provider).catch((e: unknown) => e);
      expect(isLinksError(error)).toBe(true);
      for (const secret of [C.devrev.token, C.yandexTracker.oauthToken, C.onetrust.clientSecret]) expect(everything(error)).not.toContain(secret);
    },
  );

  it('redacts a secret an API echoes in a list, get, delete or conflict error', async () => {
    const echo = createLinksClient('devrev', {
      credentials: { token: CANARY },
      transport: async (request) => ({ status: 400, headers: {}, body: { type: 'bad_request', message: `Token ${request.headers.Authorization} is malformed`, detail: request.headers.Authorization } }),
    });
    for (const call of [() => drain(echo.listLinks({ object: 'ISS-1' })), () => echo.getLink({ id: 'ISS-1' }), () => echo.deleteLink({ id: 'ISS-1' }), () => echo.findLinks({ object: 'ISS-1', otherObject: 'ISS-2' }), () => echo.createLink(inputs.devrev, { ifExists: 'skip' })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'validation', apiMessage: 'Token Bearer [redacted] is malformed' });
      expect(everything(error)).not.toContain(CANARY);
    }
  });

  it('a conflict names the link, never the token', async () => {
    const links = [{ id: 'don:core:x:link/1', link_type: 'is_related_to', source: { id: 'ISS-1', display_id: 'ISS-1', title: CANARY }, target: { id: 'x', display_id: 'ISS-2' } }];
    const client = createLinksClient('devrev', { credentials: { token: CANARY }, transport: async () => ({ status: 200, headers: {}, body: { links } }) });
    const error = await client.createLink(inputs.devrev, { ifExists: 'fail' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'conflict' });
    expect(everything(error)).not.toContain(CANARY);
  });
});
