// Pickers through the client against the sandbox: search, paging to the last page, pasted addresses, secrets.
import { DEVREV_CUSTOM_LINK_TYPES, DEVREV_WORKS, ONETRUST_ENTITIES, SEED, TRACKER_ENTITIES } from '@links/sandbox';
import { sandboxClient, sent, useSandbox } from './sandbox-fixture.js';

const ctx = useSandbox();

describe('DevRev', () => {
  it('pages through every work item, 50 a page, and stops at the last', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    const values: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await client.searchOptions('devrev.works', { cursor });
      values.push(...page.options.map((o) => o.value));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(values).size).toBe(DEVREV_WORKS.length);
    expect(sent(ctx.sandbox, 'devrev.worksList')).toBe(Math.ceil(DEVREV_WORKS.length / 50));
  });

  it('finds work items by title, and by display id or a pasted address with works.get', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    const target = SEED.devrev.objects['ISS-3'];
    const word = target.name.split(' ')[0]!;
    const byTitle = await client.allOptions('devrev.works', { search: word });
    expect(byTitle.map((o) => o.value)).toContain(target.id);
    expect(byTitle.every((o) => `${o.label} ${o.description}`.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    for (const search of ['ISS-3', 'iss-3', 'https://app.devrev.ai/acme/works/ISS-3']) {
      const page = await client.searchOptions('devrev.works', { search });
      expect(page.options).toEqual([{ value: target.id, label: target.name, description: 'ISS-3 · issue' }]);
    }
    expect(sent(ctx.sandbox, 'devrev.worksGet')).toBe(3);
  });

  it('only tickets, when asked', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    const options = await client.allOptions('devrev.works', { params: { types: ['ticket'] } });
    expect(options).toHaveLength(DEVREV_WORKS.filter((w) => w.type === 'ticket').length);
    expect(options.every((o) => o.description.endsWith('ticket'))).toBe(true);
  });

  it('lists every custom link type', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'devrev');
    const options = await client.allOptions('devrev.customLinkTypes');
    expect(options.map((o) => o.value).sort()).toEqual(DEVREV_CUSTOM_LINK_TYPES.map((t) => t.id).sort());
    const filtered = await client.allOptions('devrev.customLinkTypes', { search: 'BLOCK' });
    expect(filtered.map((o) => o.label)).toContain('blocks');
    expect(filtered.length).toBeLessThan(options.length);
  });
});

describe('Yandex Tracker', () => {
  it.each(['project', 'portfolio', 'goal'])('every %s, by name, with its short id', async (entityType) => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const options = await client.allOptions('yandex-tracker.entities', { params: { entityType } });
    const expected = TRACKER_ENTITIES.filter((e) => e.entityType === entityType);
    expect(options.map((o) => o.value).sort()).toEqual(expected.map((e) => e.id).sort());
    const first = expected[0]!;
    expect(options.find((o) => o.value === first.id)).toEqual({ value: first.id, label: first.summary, description: `#${first.shortId} · ${entityType}` });
  });

  it('searches by a part of the name', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'yandex-tracker');
    const page = await client.searchOptions('yandex-tracker.entities', { search: 'payments', params: { entityType: 'project' } });
    expect(page.options.map((o) => o.label)).toContain(SEED.yandexTracker.entities.paymentsMigration.summary);
    expect(page.options.every((o) => o.label.toLowerCase().includes('payments'))).toBe(true);
  });
});

describe('OneTrust', () => {
  it('entities of a type by name, shown with their number', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust');
    const models = await client.allOptions('onetrust.entities', { params: { entityType: 'models' } });
    expect(models.map((o) => o.value).sort()).toEqual(ONETRUST_ENTITIES.filter((e) => e.entityType === 'models').map((e) => e.id).sort());
    const intent = SEED.onetrust.entities.intentClassifier;
    const found = await client.searchOptions('onetrust.entities', { search: 'intent', params: { entityType: 'models' } });
    expect(found.options).toContainEqual(expect.objectContaining({ value: intent.id, label: `${intent.number} | ${intent.name}` }));
  });

  it('the AI Governance entity types', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust');
    const types = await client.allOptions('onetrust.entityTypes');
    expect(types.map((t) => t.value).sort()).toEqual(['aiagents', 'aisystems', 'datasets', 'models']);
  });

  it('the link types of an entity\'s links, every page read, each once', async () => {
    const { client } = sandboxClient(ctx.sandbox, 'onetrust');
    const entity = SEED.onetrust.entities.enterpriseKnowledgeAssistant;
    const types = await client.allOptions('onetrust.linkTypes', { params: { entityType: 'aisystems', entityId: entity.id } });
    expect(types.map((t) => t.value).sort()).toEqual([SEED.onetrust.linkTypes.aiSystemComposition.id, SEED.onetrust.linkTypes.related.id].sort());
    expect(sent(ctx.sandbox, 'onetrust.list')).toBe(2);
  });
});

describe('bad searches send nothing', () => {
  it.each([
    ['devrev', 'devrev.nothing', {}, 'source'],
    ['devrev', 'devrev.works', { params: { types: ['epic'] } }, 'params.types[0]'],
    ['yandex-tracker', 'yandex-tracker.entities', { params: {} }, 'params.entityType'],
    ['yandex-tracker', 'yandex-tracker.entities', { cursor: 'x', params: { entityType: 'goal' } }, 'cursor'],
    ['onetrust', 'onetrust.linkTypes', { params: { entityType: 'vendors', entityId: SEED.onetrust.entities.supportAssistant.id } }, 'params.entityType'],
    ['onetrust', 'onetrust.entities', { search: '\uDC00', params: { entityType: 'models' } }, 'search'],
  ] as const)('%s %s %j', async (provider, source, query, field) => {
    const { client } = sandboxClient(ctx.sandbox, provider);
    await expect(client.searchOptions(source, query as never)).rejects.toMatchObject({ kind: 'input', field });
    expect(ctx.sandbox.state.snapshot().requests.total).toBe(0);
  });

  it('a rejected canary secret never shows in a picker\'s error', async () => {
    const canary = 'canary-SECRET-picker-5b1f';
    const { client } = sandboxClient(ctx.sandbox, 'devrev', { credentials: { token: canary } });
    const error = await client.searchOptions('devrev.works', { search: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'authentication' });
    expect(JSON.stringify({ ...(error as object), m: String(error), s: (error as Error).stack })).not.toContain(canary);
  });
});
