// The built nodes and credentials as n8n's editor and credential helper read them: the generic translation
// of core's field model, the Resource/Operation pattern, icons and codex files, and each credential's fields
// and test.
import { devrev, type Field, onetrust, PROVIDER_NAMES, yandexTracker } from '@links/core';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { loadCredential, loadNode } from '../../src/n8n/fake-context.js';

const dist = join(dirname(require.resolve('n8n-nodes-links/package.json')), 'dist');

const NODES = [
  { className: 'OneTrust', name: 'oneTrust', provider: onetrust, credential: 'oneTrustApi', credentialClass: 'OneTrustApi' },
  { className: 'YandexTracker', name: 'yandexTracker', provider: yandexTracker, credential: 'yandexTrackerApi', credentialClass: 'YandexTrackerApi' },
  { className: 'DevRev', name: 'devRev', provider: devrev, credential: 'devRevApi', credentialClass: 'DevRevApi' },
] as const;

const byName = (properties: INodeProperties[], name: string) => properties.find((p) => p.name === name)!;

describe.each(NODES.map((n) => [n.className, n] as const))('%s node description', (_name, n) => {
  const { description } = loadNode(n.className);
  const properties = description.properties;

  it('names the node, its one credential (tested by the node\'s own test), a subtitle, and is usable as an AI tool', () => {
    expect(description).toMatchObject({ name: n.name, version: 1, usableAsTool: true, credentials: [{ name: n.credential, required: true, testedBy: `${n.credential}Test` }] });
    expect(typeof loadNode(n.className).methods!.credentialTest![`${n.credential}Test`]).toBe('function');
    expect(description.subtitle).toMatch(/^=\{\{.*\$parameter\["operation"\].*\}\}$/);
    expect(description.description.length).toBeGreaterThan(20);
  });

  it('has Resource "Link" and the operations Create, Delete, Get and Get Many with n8n\'s action labels', () => {
    expect(properties.slice(0, 2)).toMatchObject([
      { name: 'resource', type: 'options', noDataExpression: true, default: 'link', options: [{ name: 'Link', value: 'link' }] },
      {
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        default: 'create',
        options: [
          { name: 'Create', value: 'create', action: 'Create a link' },
          { name: 'Delete', value: 'delete', action: 'Delete a link' },
          { name: 'Get', value: 'get', action: 'Get a link' },
          { name: 'Get Many', value: 'getAll', action: 'Get many links' },
        ],
      },
    ]);
  });

  const operationFields: [string, readonly Field[], string[]][] = [
    ['create', n.provider.fields, ['ifExists']],
    ['delete', n.provider.operations.delete.fields, ['ifMissing']],
    ['get', n.provider.operations.get.fields, []],
    ['getAll', n.provider.operations.list.fields, ['returnAll', 'limit']],
  ];
  const shownFor = (operation: string) => properties.filter((p) => p.displayOptions?.show?.operation?.includes(operation));

  it.each(operationFields)('%s: one parameter per core field of the operation, under its stable key; advanced ones in Additional Fields', (operation, fields, extra) => {
    const main = fields.filter((f) => !f.advanced);
    const advanced = fields.filter((f) => f.advanced);
    const shown = shownFor(operation);
    for (const field of main) {
      expect(byName(shown, field.key)).toMatchObject({ displayName: field.label, required: field.required && !field.showWhen, description: expect.stringContaining(field.description) });
      expect(byName(shown, field.key).displayOptions!.show).toMatchObject({ resource: ['link'], operation: [operation] });
    }
    const additional = shown.find((p) => p.name === 'additionalFields');
    expect((additional?.options ?? []).map((o) => (o as INodeProperties).name)).toEqual(advanced.map((f) => f.key));
    // A field shown only for a value of another comes right after that other one (DevRev: Custom Link Type under Link Type).
    const ordered = main.filter((f) => !f.showWhen).flatMap((f) => [f.key, ...main.filter((d) => d.showWhen?.field === f.key).map((d) => d.key)]);
    expect(shown.map((p) => p.name)).toEqual([...ordered, ...(advanced.length ? ['additionalFields'] : []), ...extra]);
  });

  it('Get Many: Return All, and Limit (from 1, core\'s default) only without Return All; Create: If Already Linked; Delete: If Link Is Missing', () => {
    expect(byName(properties, 'returnAll')).toMatchObject({ type: 'boolean', default: false });
    expect(byName(properties, 'limit')).toMatchObject({
      type: 'number',
      default: n.provider.operations.list.defaultLimit,
      typeOptions: { minValue: 1 },
      displayOptions: { show: { operation: ['getAll'], returnAll: [false] } },
    });
    expect(byName(properties, 'ifExists')).toMatchObject({
      displayName: 'If Already Linked',
      type: 'options',
      default: 'create',
      options: [{ value: 'create' }, { value: 'skip' }, { value: 'fail' }],
    });
    expect(byName(properties, 'ifMissing')).toMatchObject({ type: 'options', default: 'error', options: [{ value: 'error' }, { value: 'succeed' }] });
    expect(byName(properties, 'options').displayOptions!.show).toEqual({ resource: ['link'] });
  });

  // n8n checks required parameters before a run, and cannot evaluate a display condition on a parameter given
  // as an expression: a conditional parameter marked required makes n8n refuse a valid workflow.
  it('marks no parameter required whose display depends on another parameter\'s value', () => {
    const all = (list: INodeProperties[]): INodeProperties[] =>
      list.flatMap((p) => [p, ...all(((p.options ?? []) as { type?: string; values?: INodeProperties[] }[]).flatMap((o) => (o.type ? [o as INodeProperties] : (o.values ?? []))))]);
    const conditional = all(properties).filter((p) => Object.keys(p.displayOptions?.show ?? {}).some((key) => !['resource', 'operation'].includes(key)) || p.displayOptions?.hide);
    const withCondition = operationFields.flatMap(([, fields]) => fields.filter((f) => f.showWhen));
    // Options offered for some value of another field: one variant per value of that field, plus one for an expression.
    const variants = operationFields.flatMap(([, fields]) => fields.flatMap((f) => [f, ...(f.fields ?? [])]).filter((f) => f.options?.some((o) => o.showWhen)));
    const variantCount = variants.reduce((sum, f) => sum + n.provider.fields.find((o) => o.key === f.options!.find((x) => x.showWhen)!.showWhen!.field)!.options!.length + 1, 0);
    expect(conditional.length).toBe(withCondition.length + variantCount + 1); // + Limit
    expect(conditional.filter((p) => p.required).map((p) => p.name)).toEqual([]);
  });

  it('gives every parameter and every dropdown option a description (for people and AI agents)', () => {
    const flatten = (list: INodeProperties[]): INodeProperties[] =>
      list.flatMap((p) => {
        // Collection options are parameters; fixed-collection options hold theirs in `values`.
        const nested = ((p.options ?? []) as { type?: string; values?: INodeProperties[] }[]).flatMap((o) => (o.type ? [o as INodeProperties] : (o.values ?? [])));
        return [p, ...flatten(nested)];
      });
    const parameters = flatten(properties.filter((p) => !['resource', 'operation', 'options'].includes(p.name)));
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining(n.provider.fields.flatMap((f) => [f.key, ...(f.fields ?? []).map((sub) => sub.key)])));
    for (const parameter of parameters) {
      if (!['collection', 'fixedCollection'].includes(parameter.type)) expect([parameter.name, parameter.description ?? '']).toEqual([parameter.name, expect.stringMatching(/\w{3}/)]);
      if (parameter.type === 'options' && !parameter.typeOptions?.loadOptionsMethod) {
        for (const option of parameter.options as { name: string; description?: string }[]) expect([option.name, option.description ?? '']).toEqual([option.name, expect.stringMatching(/\w{3}/)]);
      }
    }
  });

  it('ships light and dark icons that differ, and a codex file naming the node type', () => {
    const icon = description.icon as { light: string; dark: string };
    const light = readFileSync(join(dist, 'nodes', n.className, icon.light.replace('file:', '')), 'utf8');
    const dark = readFileSync(join(dist, 'nodes', n.className, icon.dark.replace('file:', '')), 'utf8');
    expect(light).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(dark).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(dark).not.toBe(light);
    const codex = JSON.parse(readFileSync(join(dist, 'nodes', n.className, `${n.className}.node.json`), 'utf8'));
    expect(codex).toMatchObject({ node: `n8n-nodes-links.${n.name}`, nodeVersion: '1.0', codexVersion: '1.0' });
    // The words people type in the node panel's search.
    expect(codex.alias).toEqual(expect.arrayContaining(['link', 'relationship', 'relate', 'dependency']));
    // n8n appends a query (utm parameters) to documentation URLs: an anchor before it would swallow it.
    const urls = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map((r: { url: string }) => r.url);
    for (const url of urls) expect(new URL(`${url}?utm_source=n8n_app`).hash).toBe('');
  });
});

describe('field translation details', () => {
  it('DevRev: Custom Link Type only for "custom_link", a dropdown loaded from the API', () => {
    const customLinkType = byName(loadNode('DevRev').description.properties, 'customLinkType');
    expect(customLinkType).toMatchObject({
      type: 'options',
      required: false,
      description: expect.stringMatching(/ Required when Link Type is "Custom Link"\.$/),
      typeOptions: { loadOptionsMethod: 'devrev_customLinkTypes' },
      displayOptions: { show: { resource: ['link'], operation: ['create'], linkType: ['custom_link'] } },
    });
    expect(Object.keys(loadNode('DevRev').methods!.loadOptions!)).toEqual(['devrev_customLinkTypes']);
  });

  it('DevRev Create: Custom Link Type right under Link Type', () => {
    const names = loadNode('DevRev').description.properties.filter((p) => p.displayOptions?.show?.operation?.includes('create')).map((p) => p.name);
    expect(names.slice(0, 4)).toEqual(['source', 'linkType', 'customLinkType', 'target']);
  });

  it('Yandex Tracker: several linked entities per item as a multiple-value fixed collection that starts with one entry', () => {
    const links = byName(loadNode('YandexTracker').description.properties, 'links');
    expect(links).toMatchObject({ type: 'fixedCollection', typeOptions: { multipleValues: true }, required: true, default: { values: [{ relationship: 'relates', entity: { __rl: true, mode: 'list', value: '' } }] } });
    const entry = (links.options as { name: string; values: INodeProperties[] }[])[0]!;
    expect(entry.name).toBe('values');
    expect(entry.values.map((v) => [v.name, v.type])).toEqual([
      // One Relationship per Entity Type (the values that fit it) and one for an Entity Type given as an expression.
      ['relationship', 'options'],
      ['relationship', 'options'],
      ['relationship', 'options'],
      ['relationship', 'options'],
      ['entity', 'resourceLocator'],
    ]);
  });

  it('open lists are dropdowns that say other values can be given as an expression', () => {
    const relationship = (byName(loadNode('YandexTracker').description.properties, 'links').options as { values: INodeProperties[] }[])[0]!.values[0]!;
    expect(relationship.description).toMatch(/as an expression/);
    expect(byName(loadNode('OneTrust').description.properties, 'entity1Type').description).toMatch(/as an expression/);
    expect(byName(loadNode('DevRev').description.properties, 'linkType').description).not.toMatch(/as an expression/);
  });

  it('OneTrust: attributes are a JSON parameter in Additional Fields', () => {
    const additional = byName(loadNode('OneTrust').description.properties, 'additionalFields');
    expect((additional.options as INodeProperties[]).find((o) => o.name === 'attributes')).toMatchObject({ type: 'json' });
  });
});

describe('credentials', () => {
  it('every credential has core\'s fields plus a Base URL defaulting to the real service, and is named after its API', () => {
    const expected: [string, string, readonly Field[], string][] = [
      ['DevRevApi', 'devrev', devrev.credentialFields, 'https://api.devrev.ai'],
      ['YandexTrackerApi', 'yandex-tracker', yandexTracker.credentialFields, 'https://api.tracker.yandex.net'],
      // OneTrust: empty means https:// followed by the host name.
      ['OneTrustApi', 'onetrust', onetrust.credentialFields, ''],
    ];
    for (const [name, provider, fields, baseUrl] of expected) {
      const credential = loadCredential(name);
      expect(credential.displayName).toBe(`${PROVIDER_NAMES[provider as keyof typeof PROVIDER_NAMES]} API`);
      const visible = credential.properties.filter((p) => p.type !== 'hidden');
      expect(visible.map((p) => p.name)).toEqual([...fields.map((f) => f.key), 'baseUrl']);
      expect(byName(visible, 'baseUrl').default).toBe(baseUrl);
      // n8n would run a declarative test instead of the node's credential test.
      expect(credential.test).toBeUndefined();
    }
  });

  it('OneTrust reads like the other two: Host Name, Client ID, Client Secret, Base URL; no OAuth2 fields', () => {
    const credential = loadCredential('OneTrustApi');
    expect(credential).toMatchObject({ name: 'oneTrustApi', displayName: 'OneTrust API' });
    expect(credential.extends).toBeUndefined();
    expect(credential.properties.map((p) => [p.displayName, p.type, p.typeOptions?.password ?? false])).toEqual([
      ['Host Name', 'string', false],
      ['Client ID', 'string', false],
      ['Client Secret', 'string', true],
      ['Base URL', 'string', false],
      ['Access Token', 'hidden', true],
      ['Access Token For', 'hidden', false],
    ]);
  });

  it('OneTrust: the token is an expirable hidden field, fetched by preAuthentication (n8n runs it when the field is empty and on 401)', () => {
    const credential = loadCredential('OneTrustApi');
    const expirable = credential.properties.filter((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
    expect(expirable.map((p) => [p.name, p.default])).toEqual([['accessToken', '']]);
    expect(typeof credential.preAuthentication).toBe('function');
    expect(typeof credential.authenticate).toBe('function');
  });

  it('the built dist holds every file package.json names', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
    for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(existsSync(join(dist, '..', file))).toBe(true);
  });
});

describe('package layout, as n8n\'s own programmatic nodes (Linear v2) lay theirs out', () => {
  const root = dirname(require.resolve('n8n-nodes-links/package.json'));
  it('one file per operation, the router and the shared description under shared/actions; methods under shared/methods', () => {
    for (const file of ['actions/link/index.ts', 'actions/router.ts', 'actions/versionDescription.ts', 'methods/index.ts', 'methods/listSearch.ts', 'methods/loadOptions.ts']) {
      expect(existsSync(join(root, 'shared', file))).toBe(true);
    }
    const operations = (loadNode('DevRev').description.properties.find((p) => p.name === 'operation')!.options as { value: string }[]).map((o) => o.value);
    for (const operation of operations) {
      const file = join(root, 'shared', 'actions', 'link', `${operation}.operation.ts`);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`value: '${operation}'`));
    }
  });
});
