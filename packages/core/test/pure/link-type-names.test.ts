// Naming link types that links give only by id (DevRev's custom link types), once per namer.
import { devrev, type LinkResult, linkTypeNamer, onetrust } from '@links/core';
import { ok, recording } from '../operations/support.js';

const BASE = 'https://api.devrev.ai';
const TYPE = 'don:core:dvrv-us-1:devo/1:custom_link_type/1';
const customLink = (id: string, type: Record<string, string> = { id: TYPE, display_id: 'custom_link_type-1' }): LinkResult =>
  devrev.parseCreateResponse(ok({ link: { id, link_type: 'custom_link', custom_link_type: type, source: { id: 'don:core:dvrv-us-1:devo/1:issue/1', type: 'issue', display_id: 'ISS-1' }, target: { id: 'don:core:dvrv-us-1:devo/1:issue/2', type: 'issue', display_id: 'ISS-2' } } }), {
    source: 'ISS-1',
    target: 'ISS-2',
    linkType: 'custom_link',
    customLinkType: TYPE,
  } as never)[0]!;
const typesPage = (cursor: string | null, types: Record<string, string>[]) => ok({ custom_link_types: types, ...(cursor ? { next_cursor: cursor } : {}) });

describe('linkTypeNamer', () => {
  it('names a custom link by its type\'s name, reading every page of link-types.custom.list once for all links', async () => {
    const wire = recording((request) =>
      request.url.includes('cursor=') ? typesPage(null, [{ id: TYPE, name: 'blocks', forward_name: 'blocks' }]) : typesPage('next', [{ id: 'other', name: 'is reported in' }]),
    );
    const name = linkTypeNamer(devrev, { transport: wire.transport, baseUrl: BASE });
    expect(customLink('a').linkTypeLabel).toBe('custom link');
    const named = await Promise.all([customLink('a'), customLink('b'), customLink('c')].map(name));
    expect(named.map((link) => link.linkTypeLabel)).toEqual(['blocks', 'blocks', 'blocks']);
    expect(wire.requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', `${BASE}/link-types.custom.list`],
      ['GET', `${BASE}/link-types.custom.list?cursor=next`],
    ]);
    await name(customLink('d'));
    expect(wire.requests).toHaveLength(2);
  });

  it('sends nothing for links that are not custom, or that say their type\'s name, or for other values', async () => {
    const wire = recording(() => typesPage(null, []));
    const name = linkTypeNamer(devrev, { transport: wire.transport, baseUrl: BASE });
    const plain = devrev.parseCreateResponse(ok({ link: { id: 'x', link_type: 'is_related_to', source: { id: 's' }, target: { id: 't' } } }), {} as never)[0]!;
    expect(await name(plain)).toBe(plain);
    expect((await name(customLink('n', { id: TYPE, name: 'blocks' }))).linkTypeLabel).toBe('blocks');
    expect(await name({ deleted: true, ref: { id: 'x' } })).toEqual({ deleted: true, ref: { id: 'x' } });
    expect(wire.requests).toHaveLength(0);
  });

  it('a type not in the list, or a list that fails, leaves a label naming the type\'s display id; the link is unchanged otherwise', async () => {
    const failing = recording(() => ok({ message: 'nope' }, 500));
    const link = customLink('a');
    const named = await linkTypeNamer(devrev, { transport: failing.transport, baseUrl: BASE })(link);
    expect(named).toEqual({ ...link, linkTypeLabel: 'custom link custom_link_type-1' });
    const missing = recording(() => typesPage(null, [{ id: 'other', name: 'x' }]));
    expect((await linkTypeNamer(devrev, { transport: missing.transport, baseUrl: BASE })(link)).linkTypeLabel).toBe('custom link custom_link_type-1');
  });

  it('is the identity for a provider whose links always name their type', async () => {
    const wire = recording(() => ok({}));
    const value = { provider: 'onetrust', linkTypeLabel: 'x', raw: {} };
    expect(await linkTypeNamer(onetrust, { transport: wire.transport, baseUrl: BASE })(value)).toBe(value);
    expect(wire.requests).toHaveLength(0);
  });
});
