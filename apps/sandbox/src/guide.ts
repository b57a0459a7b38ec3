// What `pnpm sandbox` prints: each service's credential fields as the Links credentials (n8n, Zapier, Make) name
// them, with the values that reach this sandbox. Base URL is what the credential's Base URL field takes: the
// sandbox's root, to which the integrations add each API's own path (/v2/... for Tracker).
import { SANDBOX_CREDENTIALS, SANDBOX_EXTRA_CREDENTIALS } from './seed.js';

/** One service's credential fields, label -> value, in the order the credential shows them. */
export interface CredentialGuide {
  service: string;
  fields: readonly (readonly [label: string, value: string])[];
  notes: readonly string[];
}

export function credentialGuide(url: string): CredentialGuide[] {
  const { onetrust, yandexTracker, devrev } = SANDBOX_CREDENTIALS;
  return [
    {
      service: 'OneTrust AI Governance',
      fields: [
        ['Host Name', onetrust.hostname],
        ['Client ID', onetrust.clientId],
        ['Client Secret', onetrust.clientSecret],
        ['Base URL', url],
      ],
      notes: [
        `A read-only client: ${SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientId} / ${SANDBOX_EXTRA_CREDENTIALS.onetrustReadOnly.clientSecret}.`,
        `Tokens are issued by ${url}/api/access/v1/oauth/token.`,
      ],
    },
    {
      service: 'Yandex Tracker',
      fields: [
        ['Token Kind', 'OAuth Token'],
        ['Token', yandexTracker.oauthToken],
        ['Organization Kind', 'Yandex 360 for Business'],
        ['Organization ID', yandexTracker.orgId],
        ['Base URL', url],
      ],
      notes: [
        `Or Token Kind IAM Token: ${yandexTracker.iamToken}, with Organization Kind Yandex Cloud Organization: ${yandexTracker.cloudOrgId}.`,
        'Base URL without /v2: the API path is added to it.',
      ],
    },
    {
      service: 'DevRev',
      fields: [
        ['Access Token', devrev.token],
        ['Base URL', url],
      ],
      notes: [],
    },
  ];
}

/** The guide as the command line prints it. */
export function credentialGuideText(url: string): string {
  const width = Math.max(...credentialGuide(url).flatMap((guide) => guide.fields.map(([label]) => label.length))) + 2;
  return credentialGuide(url)
    .flatMap((guide) => [guide.service, ...guide.fields.map(([label, value]) => `  ${label.padEnd(width)}${value}`), ...guide.notes.map((note) => `  ${note}`)])
    .join('\n');
}
