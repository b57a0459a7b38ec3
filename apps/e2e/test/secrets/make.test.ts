// Make logs every request and response of a scenario run; `log.sanitize` names what it must hide. With
// recognizable fake secrets in the connection, every rendered request (connection step and module) is logged
// as Make would, with those paths masked, and no secret may remain.
import { providers, type ProviderId } from '@links/core';
import { loadMakeApp, moduleParameters, renderConnectionRequest, renderModuleRequest, type RenderedRequest } from '@links/make/iml';
import { INPUTS, PROVIDERS } from '../support.js';

const CANARY = 'canary-make-SECRET-77ab';
const TOKEN = 'canary-make-ACCESS-TOKEN-31c9';

/** A log entry as Make writes it, with the `log.sanitize` paths masked. */
function logged(request: RenderedRequest): string {
  const entry = { request: { url: request.url, method: request.method, headers: lowerKeys(request.headers), body: request.body } } as Record<string, any>;
  for (const path of request.sanitize) {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), entry as any);
    if (parent && typeof parent === 'object' && last.toLowerCase() in lowerKeys(parent)) {
      for (const key of Object.keys(parent)) if (key.toLowerCase() === last.toLowerCase()) parent[key] = '[sanitized]';
    }
  }
  return JSON.stringify(entry);
}

function lowerKeys(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

const connectionParameters: Record<ProviderId, Record<string, string>> = {
  onetrust: { hostname: 'app.onetrust.com', clientId: 'client-1', clientSecret: CANARY },
  'yandex-tracker': { tokenKind: 'oauth', token: CANARY, orgKind: 'yandex360', orgId: 'org-1' },
  devrev: { token: CANARY },
};

describe.each(PROVIDERS)('%s', (provider) => {
  const app = loadMakeApp(provider);

  it('the connection request hides the secret in Make\'s log', () => {
    const request = renderConnectionRequest(app, connectionParameters[provider]);
    expect(request).not.toBeNull();
    expect(JSON.stringify(request)).toContain(CANARY); // the secret is really sent...
    expect(logged(request!)).not.toContain(CANARY); // ...and never logged
  });

  it('the module request hides the credential in Make\'s log', () => {
    const connection = { ...connectionParameters[provider], accessToken: TOKEN, expires: new Date(Date.now() + 3600_000).toISOString() };
    const request = renderModuleRequest(app, 'createLink', moduleParameters(providers[provider].fields, INPUTS[provider] as Record<string, unknown>), connection);
    const sent = JSON.stringify(request);
    const secret = provider === 'onetrust' ? TOKEN : CANARY;
    expect(sent).toContain(secret);
    expect(logged(request)).not.toContain(secret);
  });
});
