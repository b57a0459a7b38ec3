// The built nodes and credentials as n8n's editor and credential helper read them: the generic translation
// of core's field model, the Resource/Operation pattern, icons and codex files, and the OneTrust token URL
// that n8n evaluates from the credential.
import { devrev, type Field, onetrust, yandexTracker } from '@links/core';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type INode, type INodeProperties, type INodeTypes, Workflow } from 'n8n-workflow';
import { loadCredential, loadNode } from '../../src/n8n/fake-context.js';

const dist = join(dirname(require.resolve('n8n-nodes-links/package.json')), 'dist');

const NODES = [
  { className: 'OneTrust', name: 'oneTrust', provider: onetrust, credential: 'oneTrustOAuth2Api' },
  { className: 'YandexTracker', name: 'yandexTracker', provider: yandexTracker, credential: 'yandexTrackerApi' },
  { className: 'DevRev', name: 'devRev', provider: devrev, credential: 'devRevApi' },
] as const;

const byName = (properties: INodeProperties[], name: string) => properties.find((p) => p.name === name)!;

describe.each(NODES.map((n) => [n.className, n] as const))('%s node description', (_name, n) => {
  const { description } = loadNode(n.className);
  const properties = description.properties;

  it('names the node, its one credential, a subtitle, and is usable as an AI tool', () => {
    expect(description).toMatchObject({ name: n.name, version: 1, usableAsTool: true, credentials: [{ name: n.credential, required: true }] });
    expect(description.subtitle).toMatch(/^=\{\{.*\$parameter\["operation"\].*\}\}$/);
    expect(description.description.length).toBeGreaterThan(20);
  });

  it('has Resource "Link" and Operation "Create" with the action "Create a link"', () => {
    expect(properties.slice(0, 2)).toMatchObject([
      { name: 'resource', type: 'options', noDataExpression: true, default: 'link', options: [{ name: 'Link', value: 'link' }] },
      { name: 'operation', type: 'options', noDataExpression: true, default: 'create', options: [{ name: 'Create', value: 'create', action: 'Create a link' }] },
    ]);
  });

  it('has one parameter per core field, under its stable key; advanced ones in Additional Fields', () => {
    const main = n.provider.fields.filter((f) => !f.advanced);
    const advanced = n.provider.fields.filter((f) => f.advanced);
    for (const field of main) {
      expect(byName(properties, field.key)).toMatchObject({ displayName: field.label, required: field.required, description: expect.stringContaining(field.description) });
      expect(byName(properties, field.key).displayOptions!.show).toMatchObject({ resource: ['link'], operation: ['create'] });
    }
    const additional = properties.find((p) => p.name === 'additionalFields');
    expect((additional?.options ?? []).map((o) => (o as INodeProperties).name)).toEqual(advanced.map((f) => f.key));
    expect(properties.map((p) => p.name)).toEqual(['resource', 'operation', ...main.map((f) => f.key), ...(advanced.length ? ['additionalFields'] : []), 'options']);
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
  });
});

describe('field translation details', () => {
  it('DevRev: Custom Link Type only for "custom_link", a dropdown loaded from the API', () => {
    const customLinkType = byName(loadNode('DevRev').description.properties, 'customLinkType');
    expect(customLinkType).toMatchObject({
      type: 'options',
      required: true,
      typeOptions: { loadOptionsMethod: 'devrev_customLinkTypes' },
      displayOptions: { show: { resource: ['link'], operation: ['create'], linkType: ['custom_link'] } },
    });
    expect(Object.keys(loadNode('DevRev').methods!.loadOptions!)).toEqual(['devrev_customLinkTypes']);
  });

  it('Yandex Tracker: several linked entities per item as a multiple-value fixed collection', () => {
    const links = byName(loadNode('YandexTracker').description.properties, 'links');
    expect(links).toMatchObject({ type: 'fixedCollection', typeOptions: { multipleValues: true }, required: true });
    const entry = (links.options as { name: string; values: INodeProperties[] }[])[0]!;
    expect(entry.name).toBe('values');
    expect(entry.values.map((v) => [v.name, v.type])).toEqual([
      ['relationship', 'options'],
      ['entity', 'string'],
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
  it('every credential has core\'s fields plus a Base URL defaulting to the real service', () => {
    const expected: [string, readonly Field[], string][] = [
      ['DevRevApi', devrev.credentialFields, 'https://api.devrev.ai'],
      ['YandexTrackerApi', yandexTracker.credentialFields, 'https://api.tracker.yandex.net'],
    ];
    for (const [name, fields, baseUrl] of expected) {
      const properties = loadCredential(name).properties;
      expect(properties.map((p) => p.name)).toEqual([...fields.map((f) => f.key), 'baseUrl']);
      expect(byName(properties, 'baseUrl').default).toBe(baseUrl);
    }
    // OneTrust: empty means https://<host name>.
    expect(byName(loadCredential('OneTrustOAuth2Api').properties, 'baseUrl').default).toBe('');
  });

  it('OneTrust is an OAuth2 client-credentials credential, named so', () => {
    const credential = loadCredential('OneTrustOAuth2Api');
    expect(credential).toMatchObject({ name: 'oneTrustOAuth2Api', displayName: 'OneTrust OAuth2 API', extends: ['oAuth2Api'] });
    expect(credential.test).toBeUndefined();
    const hidden = Object.fromEntries(credential.properties.filter((p) => p.type === 'hidden').map((p) => [p.name, p.default]));
    expect(hidden).toMatchObject({ grantType: 'clientCredentials', authQueryParameters: '', scope: '', authentication: 'body' });
    expect(credential.properties.map((p) => p.name)).toContain('hostname');
  });

  // n8n's credentials helper resolves credential expressions with `$self` = the credential's own data.
  it.each([
    ['the host name', { hostname: 'app-eu.onetrust.com', baseUrl: '' }, 'https://app-eu.onetrust.com/api/access/v1/oauth/token'],
    ['the Base URL when set', { hostname: 'app.onetrust.com', baseUrl: 'http://127.0.0.1:4010' }, 'http://127.0.0.1:4010/api/access/v1/oauth/token'],
  ])('OneTrust: n8n derives the token URL from %s', (_case, data, expected) => {
    const accessTokenUrl = byName(loadCredential('OneTrustOAuth2Api').properties, 'accessTokenUrl').default as string;
    const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;
    const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes });
    const node = { name: 'Temp', type: 'temp', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
    const credentialData = { ...data, accessTokenUrl };
    const resolved = workflow.expression.getComplexParameterValue(node, credentialData, 'manual', {}, undefined, undefined, credentialData) as { accessTokenUrl: string };
    expect(resolved.accessTokenUrl).toBe(expected);
  });

  it('the built dist holds every file package.json names', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
    for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(existsSync(join(dist, '..', file))).toBe(true);
  });
});
