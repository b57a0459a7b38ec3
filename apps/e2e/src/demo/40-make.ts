// The Make apps, request by request: Make runs IML only on its servers, so the demo renders each app's
// committed files with @links/make's evaluator, sends the requests to the sandbox and prints what the
// module outputs (one bundle: the same LinkResult shape as everywhere, and every link in `links`), when
// OneTrust's refresh step renews the token, and how errors read in Make.
import { type LinkResult, type ProviderId, providers } from '@links/core';
import { loadMakeApp, moduleParameters, refreshConnection, runConnection, runModule, runRpc } from '@links/make/iml';
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import { describeLink } from './10-core.js';
import type { DemoStep } from './step.js';

const OT = SEED.onetrust;
const TR = SEED.yandexTracker.entities;

const step: DemoStep = {
  title: 'Make custom apps (IML rendered by @links/make/iml, sent to the sandbox)',
  async run(sandbox) {
    const runs: { provider: ProviderId; connection: Record<string, unknown>; input: Record<string, unknown> }[] = [
      {
        provider: 'onetrust',
        connection: { ...C.onetrust, baseUrl: sandbox.url },
        input: { linkTypeId: OT.linkTypes.aiSystemComposition.id, entity1Type: 'aisystems', entity1Id: OT.entities.fraudPlatform.id, entity2Type: 'models', entity2Id: OT.entities.anomalyDetector.id },
      },
      {
        provider: 'yandex-tracker',
        connection: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl: sandbox.url },
        input: {
          entityType: 'project',
          entityId: TR.mobileOffline.id,
          links: [
            { relationship: 'works towards', entity: TR.reduceChurn.id },
            { relationship: 'depends on', entity: TR.paymentsMigration.id },
          ],
        },
      },
      {
        provider: 'devrev',
        connection: { token: C.devrev.token, baseUrl: sandbox.url },
        input: { source: 'TKT-3', linkType: 'is_dependent_on', target: 'ISS-5' },
      },
    ];
    const lines: string[] = [];
    for (const { provider, connection: parameters, input } of runs) {
      const app = loadMakeApp(provider);
      const { run: check, connection } = await runConnection(app, parameters);
      lines.push(`${provider}: connection ${check?.request.method} ${check?.request.url} -> ${check?.response.status}`);
      const run = await runModule(app, 'createLink', moduleParameters(providers[provider].fields, input), connection);
      lines.push(`${provider}: Create a Link ${run.request.method} ${run.request.url} -> ${run.response.status}`);
      if (!run.result.ok) throw new Error(`${provider}: ${run.result.error.type} ${run.result.error.message}`);
      const links = (run.result.output as { links: LinkResult[] }).links;
      lines.push(`  one bundle, ${links.length} link(s) in it:`);
      for (const link of links) lines.push(`  ${describeLink(link)}`);
    }

    // OneTrust: Make runs the refresh step before each module; it sends only when the token is due.
    const onetrust = loadMakeApp('onetrust');
    const otParameters = runs[0]!.connection;
    const made = await runConnection(onetrust, otParameters);
    const notDue = await refreshConnection(onetrust, otParameters, made.data);
    const dueAt = new Date(new Date(made.data.expires as Date).getTime() - 14 * 60_000);
    const due = await refreshConnection(onetrust, otParameters, made.data, { now: dueAt });
    lines.push(
      `onetrust: refresh step ${notDue.run ? 'sent a request' : 'sends nothing'} while the token is valid; 14 minutes before it expires -> ${due.run?.response.status}, a new token`,
    );

    const devrev = loadMakeApp('devrev');
    const devrevConnection = { token: C.devrev.token, baseUrl: sandbox.url };
    const options = await runRpc(devrev, 'listCustomLinkTypes', devrevConnection);
    if (options.result.ok) {
      const labels = (options.result.output as { label: string }[]).map((o) => o.label);
      lines.push(`devrev: Custom Link Type dropdown (RPC) offers ${labels.join(', ')}`);
    }
    const refused = await runModule(devrev, 'createLink', { source: 'ISS-404', linkType: 'is_related_to', target: 'ISS-1' }, devrevConnection);
    if (!refused.result.ok) lines.push(`devrev: an unknown source reads in Make as ${refused.result.error.type}: ${refused.result.error.message}`);
    sandbox.state.addFaults({ route: 'devrev.create', status: 503, retryAfter: 30 });
    const unavailable = await runModule(devrev, 'createLink', { source: 'ISS-3', linkType: 'is_related_to', target: 'ISS-4' }, devrevConnection);
    if (!unavailable.result.ok) {
      lines.push(`devrev: a 503 reads in Make as ${unavailable.result.error.type} (Make runs it again by itself): ${unavailable.result.error.message}`);
    }
    return lines;
  },
};
export default step;
