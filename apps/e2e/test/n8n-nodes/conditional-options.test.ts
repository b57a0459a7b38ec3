// Options offered only for some value of another field (core's FieldOption.showWhen), as n8n itself decides what
// it shows: Tracker's Relationship inside the Links fixed collection, by the root parameter Entity Type.
import { trackerRelationshipsFor } from '@links/core';
import { type INode, type INodeParameters, type INodeProperties, NodeHelpers } from 'n8n-workflow';
import { loadNode } from '../../src/n8n/fake-context.js';

const tracker = loadNode('YandexTracker');
const description = tracker.description;
const node = { name: 'Yandex Tracker', type: 'n8n-nodes-links.yandexTracker', typeVersion: 1, parameters: {} } as unknown as INode;
const entryProperties = () => {
  const links = description.properties.find((p) => p.name === 'links')!;
  return (links.options as { name: string; values: INodeProperties[] }[])[0]!.values;
};
const createParameters = (entityType: string, relationship = 'relates'): INodeParameters => ({
  resource: 'link',
  operation: 'create',
  entityType,
  entityId: '6582874de6db7f5f12345678',
  links: { values: [{ relationship, entity: '65868f3fe2b9ef7412345678' }] },
});

/** The Relationship parameters n8n shows in the first Links entry, for these node parameters. */
function shownRelationships(parameters: INodeParameters): INodeProperties[] {
  return entryProperties().filter((p) => p.name === 'relationship' && NodeHelpers.displayParameterPath(parameters, p, 'links.values[0]', node, description));
}
const offered = (parameters: INodeParameters) => shownRelationships(parameters).flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));

describe('Relationship offers what fits the chosen Entity Type', () => {
  it('projects see Works Towards, not the goal-only values', () => {
    expect(shownRelationships(createParameters('project'))).toHaveLength(1);
    expect(offered(createParameters('project'))).toEqual(['relates', 'depends on', 'is dependent by', 'works towards']);
    expect(offered(createParameters('project'))).not.toContain('parent entity');
  });

  it('goals see Parent Entity, Child Entity and Is Supported By, not Works Towards', () => {
    expect(offered(createParameters('goal'))).toEqual(['relates', 'depends on', 'is dependent by', 'parent entity', 'child entity', 'is supported by']);
  });

  it('portfolios see only the three values common to every entity type', () => {
    expect(offered(createParameters('portfolio'))).toEqual(['relates', 'depends on', 'is dependent by']);
  });

  it('is what core offers for each entity type', () => {
    for (const type of ['project', 'portfolio', 'goal']) expect(offered(createParameters(type))).toEqual(trackerRelationshipsFor(type).map((o) => o.value));
  });

  it('an Entity Type given as an expression shows one Relationship with every value', () => {
    for (const type of ['project', 'portfolio', 'goal', '={{ $json.type }}']) expect(shownRelationships(createParameters(type))).toHaveLength(1);
    expect(offered(createParameters('={{ $json.type }}'))).toHaveLength(7);
  });

  it('keeps the API field name, so n8n keeps a saved value whichever variant is shown', () => {
    for (const [type, relationship] of [
      ['goal', 'parent entity'],
      ['project', 'works towards'],
      ['={{ $json.type }}', 'child entity'],
      ['portfolio', '={{ $json.relationship }}'],
    ]) {
      const normalized = NodeHelpers.getNodeParameters(description.properties, createParameters(type!, relationship), true, false, node, description);
      expect((normalized!.links as { values: { relationship: string }[] }).values[0]!.relationship).toBe(relationship);
    }
  });

  it('every variant defaults to a value it offers, and says which values it shows and that others go as an expression', () => {
    const variants = entryProperties().filter((p) => p.name === 'relationship');
    expect(variants.length).toBeGreaterThan(1);
    for (const variant of variants) {
      expect((variant.options ?? []).map((o) => (o as { value: string }).value)).toContain(variant.default);
      expect(variant.description).toMatch(/fit the chosen Entity Type.*as an expression/);
    }
  });
});
