import type { ProviderId } from '@links/core';
import { SANDBOX_CREDENTIALS as C, SEED } from '@links/sandbox';
import { createAppTester, loadDeployableApp } from '@links/zapier/deployable';
import type { DemoStep } from './step.js';

const { onetrust: OT, yandexTracker: YT, devrev: DR } = SEED;

/** A Zapier user's connection and Create Link input, per integration, against the sandbox. */
function scenario(id: ProviderId, baseUrl: string): { authData: Record<string, string>; inputData: Record<string, unknown> } {
  switch (id) {
    case 'onetrust':
      return {
        authData: { ...C.onetrust, baseUrl },
        inputData: {
          linkTypeId: OT.linkTypes.modelTrainingData.id,
          entity1Type: 'models',
          entity1Id: OT.entities.creditRiskModel.id,
          entity2Type: 'datasets',
          entity2Id: OT.entities.loanApplications.id,
        },
      };
    case 'yandex-tracker':
      return {
        authData: { tokenKind: 'oauth', token: C.yandexTracker.oauthToken, orgKind: 'yandex360', orgId: C.yandexTracker.orgId, baseUrl },
        inputData: {
          entityType: 'goal',
          entityId: YT.entities.launchEu.id,
          // A line-item group: one row per linked entity, sent as one request.
          links: [
            { relationship: 'is supported by', entity: YT.entities.paymentsMigration.id },
            { relationship: 'is supported by', entity: YT.entities.mobileOffline.id },
          ],
        },
      };
    case 'devrev':
      return {
        authData: { token: C.devrev.token, baseUrl },
        inputData: { source: 'ISS-3', linkType: 'custom_link', customLinkType: DR.customLinkTypes.blocks.id, target: 'TKT-2' },
      };
  }
}

/**
 * Zapier's app tester prints a memory line ("ZID: ... RSSMEM: ...") per run outside a test runner;
 * it says nothing about the integration, so the demo leaves it out.
 */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (args[0] !== 'ZID:') log(...args);
  };
  try {
    return await run();
  } finally {
    console.log = log;
  }
}

const step: DemoStep = {
  title: 'Zapier integrations (the deployable apps/<api>/index.js, run by Zapier\'s app tester)',
  async run(sandbox) {
    const lines: string[] = [];
    for (const id of ['onetrust', 'yandex-tracker', 'devrev'] as const) {
      const app = loadDeployableApp(id);
      const appTester = createAppTester(app);
      const { inputData, authData: connection } = scenario(id, sandbox.url);
      let authData = connection;
      await quietly(async () => {
        const session = app.authentication.sessionConfig;
        if (session) authData = { ...authData, ...(await appTester(session.perform, { authData })) };
        const account = await appTester(app.authentication.test, { authData });
        const label = await appTester(app.authentication.connectionLabel, { authData, inputData: account });
        const result = await appTester(app.creates.create_link.operation.perform, { authData, inputData });
        lines.push(`${id}: connected as "${label}" (${app.authentication.type} auth), Create Link returned ${result.linkCount} link(s)`);
        for (const link of result.links) lines.push(`  ${link.summary}${link.id ? ` [link ${link.id}]` : ''}`);
        const again = await appTester(app.creates.create_link.operation.perform, { authData, inputData: { ...inputData, ifExists: 'skip' } });
        lines.push(`  again with If Already Linked = Skip: created = ${again.links.map((link) => link.created).join(', ')} (already linked: nothing sent)`);
      });
    }
    return lines;
  },
};
export default step;
