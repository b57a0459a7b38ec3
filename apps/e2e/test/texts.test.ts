// Every text a user reads in a platform's editor, on every surface. n8n renders descriptions, hints and
// options as HTML, and Zapier and Make render help as Markdown (HTML included), so text that looks like a tag
// ("<token>") or an entity ("&amp;") is swallowed or changed there: none may contain one.
import { type ProviderId } from '@links/core';
import { loadMakeApp } from '@links/make/iml';
import { loadDeployableApp } from '@links/zapier/deployable';
import { loadCredential, loadNode } from '../src/n8n/fake-context.js';

const PROVIDERS: ProviderId[] = ['onetrust', 'yandex-tracker', 'devrev'];
const N8N = [
  { node: 'OneTrust', credential: 'OneTrustApi' },
  { node: 'YandexTracker', credential: 'YandexTrackerApi' },
  { node: 'DevRev', credential: 'DevRevApi' },
];

/** A tag (`<token>`, `</b>`, `<!--`) or a character reference (`&amp;`, `&#60;`) as HTML would read it. */
const SWALLOWED = /<[A-Za-z/!?]|&(?:[A-Za-z]+|#\d+|#x[0-9a-f]+);/i;

/** Every string under one of `keys`, anywhere in `value`, with the path it was found at. */
function textsUnder(value: unknown, keys: ReadonlySet<string>, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((entry, i) => textsUnder(entry, keys, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    const at = path ? `${path}.${key}` : key;
    if (typeof entry === 'string' && keys.has(key)) return [[at, entry] as [string, string]];
    // `sample`/`samples` are data, not text the editor shows.
    return key === 'sample' || key === 'samples' ? [] : textsUnder(entry, keys, at);
  });
}

function swallowed(texts: [string, string][]): string[] {
  return texts.filter(([, text]) => SWALLOWED.test(text)).map(([at, text]) => `${at}: ${text}`);
}

const N8N_KEYS = new Set(['displayName', 'name', 'description', 'hint', 'placeholder', 'action', 'subtitle']);
const ZAPIER_KEYS = new Set(['label', 'helpText', 'description', 'placeholder', 'noun', 'connectionLabel']);
const MAKE_KEYS = new Set(['label', 'help', 'description', 'placeholder']);

describe('no editor text is swallowed as HTML', () => {
  it.each(N8N.map((n) => [n.node, n] as const))('n8n: the %s node and its credential', (_name, n) => {
    const texts = [...textsUnder(loadNode(n.node).description, N8N_KEYS), ...textsUnder(loadCredential(n.credential), N8N_KEYS)];
    expect(texts.length).toBeGreaterThan(20);
    expect(swallowed(texts)).toEqual([]);
  });

  it.each(PROVIDERS)('Zapier: the %s integration', (provider) => {
    const texts = textsUnder(loadDeployableApp(provider), ZAPIER_KEYS);
    expect(texts.length).toBeGreaterThan(10);
    expect(swallowed(texts)).toEqual([]);
  });

  it.each(PROVIDERS)('Make: the %s app', (provider) => {
    const app = loadMakeApp(provider);
    const texts = textsUnder([app.base, app.connections, app.modules, app.rpcs], MAKE_KEYS);
    expect(texts.length).toBeGreaterThan(10);
    expect(swallowed(texts)).toEqual([]);
  });

  it('the check itself catches what a platform would swallow', () => {
    expect(swallowed([['a', 'sent as "Authorization: OAuth <token>".'], ['b', 'A &amp; B'], ['c', 'x < y and 1<2']])).toEqual([
      'a: sent as "Authorization: OAuth <token>".',
      'b: A &amp; B',
    ]);
  });
});
