import { APP_IDS, createAppHandler, sourceApp } from './helpers.js';

/** The offline check `zapier-platform validate` and `push` run first: schema plus functional constraints. */
async function validate(app: object): Promise<unknown[]> {
  return (await createAppHandler(app)({ command: 'validate' })).results as unknown[];
}

describe.each(APP_IDS)('%s app definition', (id) => {
  test('passes Zapier schema validation', async () => {
    expect(await validate(sourceApp(id))).toEqual([]);
  });

  test('has one authentication, one create (create_link), Find Link and one "Find <record>" search, its Find or Create, and only hidden triggers', () => {
    const app = sourceApp(id);
    expect(Object.keys(app.creates)).toEqual(['create_link']);
    expect(Object.keys(app.searches)).toEqual(['find_link', id === 'devrev' ? 'find_work_item' : 'find_entity']);
    expect(Object.keys(app.searchOrCreates)).toEqual(['find_link']);
    for (const trigger of Object.values(app.triggers)) expect(trigger.display.hidden).toBe(true);
    expect(app.authentication.type).toBe(id === 'onetrust' ? 'session' : 'custom');
  });
});

test('the validator does catch a broken definition (so an empty result means something)', async () => {
  const app = sourceApp('devrev');
  const broken = { ...app, creates: { create_link: { ...app.creates.create_link, noun: 'L', display: { label: 'X' } } } };
  const errors = (await validate(broken)) as { property: string }[];
  expect(errors.map((e) => e.property)).toEqual(
    expect.arrayContaining(['instance.creates.create_link.noun', 'instance.creates.create_link.display.label']),
  );
});
