/**
 * The fixed data every sandbox starts with (and returns to on reset). Ids are stable across runs so tests and
 * demos can reference them through `SEED`.
 */

// ---------------------------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------------------------

/** The credentials the sandbox accepts. They are fake and only valid against the sandbox. */
export const SANDBOX_CREDENTIALS = {
  onetrust: {
    hostname: 'sandbox.onetrust.test',
    clientId: 'sandbox-client-id',
    clientSecret: 'sandbox-client-secret',
  },
  yandexTracker: {
    oauthToken: 'sandbox-tracker-oauth-token',
    iamToken: 'sandbox-tracker-iam-token',
    orgId: 'sandbox-org-360',
    cloudOrgId: 'sandbox-cloud-org',
  },
  devrev: { token: 'sandbox-devrev-token' },
} as const;

/**
 * Extra credentials for negative paths. The OneTrust read-only client gets tokens with scope `AI_GOVERNANCE_READ`:
 * reads work, creates and deletes answer 403.
 */
export const SANDBOX_EXTRA_CREDENTIALS = {
  onetrustReadOnly: {
    clientId: 'sandbox-readonly-client-id',
    clientSecret: 'sandbox-readonly-client-secret',
  },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// OneTrust AI Governance
// ---------------------------------------------------------------------------------------------------------------

export type OneTrustEntityTypeName = 'models' | 'datasets' | 'aisystems' | 'aiagents' | 'vendors';

export interface OneTrustEntityType {
  id: string;
  name: OneTrustEntityTypeName;
  nameKey: string;
  seeded: boolean;
  moduleName: string;
  schemaName: string;
}

export interface OneTrustSeedEntity {
  id: string;
  name: string;
  entityType: OneTrustEntityTypeName;
}

/** One allowed (entityType1 -> entityType2) pair of a link type with its labels; `'*'` matches any type. */
export interface OneTrustLinkTypeLabel {
  id: number;
  entityType1: OneTrustEntityTypeName | '*';
  entityType2: OneTrustEntityTypeName | '*';
  forwardName: string;
  forwardNameKey: string;
  backwardName: string;
  backwardNameKey: string;
}

export interface OneTrustLinkType {
  id: string;
  name: string;
  nameKey: string;
  schemaId: string;
  labels: readonly OneTrustLinkTypeLabel[];
}

const otEntityTypes: Record<OneTrustEntityTypeName, OneTrustEntityType> = {
  models: {
    id: '963bbab3-8bc9-4787-9ebb-a502775bef54',
    name: 'models',
    nameKey: 'CE.Models.Name',
    seeded: true,
    moduleName: 'AIGovernance',
    schemaName: 'models',
  },
  datasets: {
    id: '2ef80583-78f7-4cca-b9ce-fd9bf363ccb8',
    name: 'datasets',
    nameKey: 'CE.Datasets.Name',
    seeded: true,
    moduleName: 'AIGovernance',
    schemaName: 'datasets',
  },
  aisystems: {
    id: '8a0b318a-d206-4ff9-b1db-00c8c8611d37',
    name: 'aisystems',
    nameKey: 'CE.AISystems.Name',
    seeded: true,
    moduleName: 'AIGovernance',
    schemaName: 'aisystems',
  },
  aiagents: {
    id: '17309426-d110-4be0-8c39-885dc9da7a5c',
    name: 'aiagents',
    nameKey: 'CE.AIAgents.Name',
    seeded: true,
    moduleName: 'AIGovernance',
    schemaName: 'aiagents',
  },
  vendors: {
    id: '85a0f32e-7fb3-44eb-8d62-829d843bb0a6',
    name: 'vendors',
    nameKey: 'EntityType.Vendor.Name',
    seeded: true,
    moduleName: 'Vendor',
    schemaName: 'vendor',
  },
};

const otEntities = {
  supportAssistant: { id: '0f79003f-b177-4f02-aa83-9bf11deec7c7', name: 'Customer Support Assistant', entityType: 'aisystems' },
  fraudPlatform: { id: '6e05e64e-6068-49b9-a0fd-b9367f2ad26c', name: 'Fraud Detection Platform', entityType: 'aisystems' },
  intentClassifier: { id: '296c0a2d-b5f6-450d-8b13-3c2327775042', name: 'Support Intent Classifier', entityType: 'models' },
  creditRiskModel: { id: 'b4c4991c-ab14-4bb2-abae-dad255a513c3', name: 'Credit Risk Scoring Model', entityType: 'models' },
  anomalyDetector: { id: '74f36cd6-321e-4efb-9b71-a8dced893818', name: 'Transaction Anomaly Detector', entityType: 'models' },
  supportTranscripts: { id: 'f0e53bbd-c95c-4b8e-9ed9-45ef90c7b27a', name: 'Customer Support Transcripts 2024', entityType: 'datasets' },
  loanApplications: { id: '212874da-1e91-44fb-a7e0-1df0950a487a', name: 'Loan Applications 2019-2024', entityType: 'datasets' },
  refundAgent: { id: '017e82ce-bb8d-462d-b364-58a0a4c5610f', name: 'Refund Approval Agent', entityType: 'aiagents' },
  northwindVendor: { id: '690c2d22-d864-4ec7-92ad-850c678a1cd3', name: 'Northwind AI Labs', entityType: 'vendors' },
  contosoVendor: { id: '898370dc-1a27-4c89-b568-25b17d4e0c6b', name: 'Contoso Data Services', entityType: 'vendors' },
} as const satisfies Record<string, OneTrustSeedEntity>;

const otLinkTypes = {
  aiSystemComposition: {
    id: '8857005c-662f-4f90-9e4e-481b225a666a',
    name: 'ai-system-composition',
    nameKey: 'CE.Link.AISystemComposition.Name',
    schemaId: 'f48f80ee-78b6-4dbe-adb4-9872b69b804b',
    labels: [
      {
        id: 5,
        entityType1: 'aisystems',
        entityType2: 'models',
        forwardName: 'is composed of',
        forwardNameKey: 'CE.Link.AISystemComposition.ForwardLabel',
        backwardName: 'is a component of',
        backwardNameKey: 'CE.Link.AISystemComposition.BackwardLabel',
      },
      {
        id: 6,
        entityType1: 'aisystems',
        entityType2: 'aiagents',
        forwardName: 'is composed of',
        forwardNameKey: 'CE.Link.AISystemComposition.ForwardLabel',
        backwardName: 'is a component of',
        backwardNameKey: 'CE.Link.AISystemComposition.BackwardLabel',
      },
    ],
  },
  modelTrainingData: {
    id: '2aa71ead-0c9a-416a-8471-bdfb67c8d113',
    name: 'model-training-data',
    nameKey: 'CE.Link.ModelTrainingData.Name',
    schemaId: 'fd6f6601-2d7c-41eb-9cd6-36093fdbd5c1',
    labels: [
      {
        id: 7,
        entityType1: 'models',
        entityType2: 'datasets',
        forwardName: 'is trained on',
        forwardNameKey: 'CE.Link.ModelTrainingData.ForwardLabel',
        backwardName: 'is used to train',
        backwardNameKey: 'CE.Link.ModelTrainingData.BackwardLabel',
      },
    ],
  },
  modelVendorSource: {
    id: '5d435d40-462c-4045-afea-9b9d1eae4888',
    name: 'model-vendor-source',
    nameKey: 'CE.Link.ModelVendorSource.Name',
    schemaId: 'd1752584-1ca0-48e7-91c8-68e8ed777f41',
    labels: [
      {
        id: 8,
        entityType1: 'models',
        entityType2: 'vendors',
        forwardName: 'is sourced from',
        forwardNameKey: 'CE.Link.ModelVendorSource.ForwardLabel',
        backwardName: 'is the source of',
        backwardNameKey: 'CE.Link.ModelVendorSource.BackwardLabel',
      },
    ],
  },
  related: {
    id: 'bbd2b86f-e012-474b-8b54-3d02f2a18f22',
    name: 'related',
    nameKey: 'CE.Link.Related.Name',
    schemaId: 'fb598c23-c149-4b01-9aff-cf0bf2573ee3',
    labels: [
      {
        id: 1,
        entityType1: '*',
        entityType2: '*',
        forwardName: 'is related to',
        forwardNameKey: 'CE.Link.Related.ForwardLabel',
        backwardName: 'is related to',
        backwardNameKey: 'CE.Link.Related.BackwardLabel',
      },
    ],
  },
} as const satisfies Record<string, OneTrustLinkType>;

// ---------------------------------------------------------------------------------------------------------------
// Yandex Tracker
// ---------------------------------------------------------------------------------------------------------------

export type TrackerEntityType = 'project' | 'portfolio' | 'goal';

export interface TrackerSeedEntity {
  id: string;
  shortId: number;
  entityType: TrackerEntityType;
  summary: string;
}

const trackerEntities = {
  websiteRedesign: { id: '6582874de6db7f5f2c2ad6ba', shortId: 1, entityType: 'project', summary: 'Website redesign' },
  paymentsMigration: { id: '65868f3fe2b9ef7491afe166', shortId: 2, entityType: 'project', summary: 'Payments provider migration' },
  mobileOffline: { id: '65a1c046e586c6445c5f14eb', shortId: 3, entityType: 'project', summary: 'Offline mode for the mobile app' },
  /** Its id needs path-segment encoding: `encodeURIComponent(id)` must round-trip as ONE segment. */
  encodingProbe: { id: 'weird id/../x?y#z', shortId: 99, entityType: 'project', summary: 'Path encoding probe' },
  platformModernization: { id: '65b2bbf71ab9eea51102d419', shortId: 10, entityType: 'portfolio', summary: 'Platform modernization' },
  customerExperience: { id: '65b35881ed069a087a3b82b1', shortId: 11, entityType: 'portfolio', summary: 'Customer experience' },
  reduceChurn: { id: '65c02337b553e25101ffb4a6', shortId: 20, entityType: 'goal', summary: 'Reduce churn by 10% in 2025' },
  launchEu: { id: '65c1b00cb142a5f2bb0c233d', shortId: 21, entityType: 'goal', summary: 'Launch in the EU' },
  uptime: { id: '65c2ab9b19b6ced290b3eb12', shortId: 22, entityType: 'goal', summary: 'Reach 99.95% uptime' },
  dataResidency: { id: '65c3f1a2c7d8e9f0a1b2c3d4', shortId: 4, entityType: 'project', summary: 'EU data residency' },
  cutSupportCost: { id: '65c4a7b8c9d0e1f2a3b4c5d6', shortId: 23, entityType: 'goal', summary: 'Cut support cost per ticket by 15%' },
} as const satisfies Record<string, TrackerSeedEntity>;

const trackerUser = {
  uid: 1130000012345678,
  login: 'sandbox.user',
  display: 'Sandbox User',
  firstName: 'Sandbox',
  lastName: 'User',
  email: 'sandbox.user@example.test',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// DevRev
// ---------------------------------------------------------------------------------------------------------------

export type DevRevObjectType = 'issue' | 'ticket' | 'enhancement' | 'product' | 'capability' | 'feature';

export interface DevRevSeedObject {
  id: string;
  display_id: string;
  type: DevRevObjectType;
  /** What DevRev's interface shows: a work item's title or a part's name (the API names the key per type). */
  name: string;
}

export interface DevRevCustomLinkType {
  id: string;
  display_id: string;
  name: string;
  forward_name: string;
  backward_name: string;
  source_types: readonly { leaf_type: DevRevObjectType }[];
  target_types: readonly { leaf_type: DevRevObjectType }[];
}

const DEVO = 'don:core:dvrv-us-1:devo/demo';
const devrevObject = (type: DevRevObjectType, prefix: string, n: number, name: string): DevRevSeedObject => ({
  id: `${DEVO}:${type}/${n}`,
  display_id: `${prefix}-${n}`,
  type,
  name,
});

const devrevObjects = {
  'ISS-1': devrevObject('issue', 'ISS', 1, 'Checkout fails on Safari 17'),
  'ISS-2': devrevObject('issue', 'ISS', 2, 'Webhook retries are not idempotent'),
  'ISS-3': devrevObject('issue', 'ISS', 3, 'Refund emails are sent twice'),
  'ISS-4': devrevObject('issue', 'ISS', 4, 'Card form does not validate expiry date'),
  'ISS-5': devrevObject('issue', 'ISS', 5, 'Slow invoice search'),
  'TKT-1': devrevObject('ticket', 'TKT', 1, 'Customer cannot pay with a saved card'),
  'TKT-2': devrevObject('ticket', 'TKT', 2, 'Duplicate refund notification'),
  'TKT-3': devrevObject('ticket', 'TKT', 3, 'Invoice search times out'),
  'ENH-1': devrevObject('enhancement', 'ENH', 1, 'Offline mode for the mobile app'),
  'PROD-1': devrevObject('product', 'PROD', 1, 'Payments Platform'),
  'CAPL-1': devrevObject('capability', 'CAPL', 1, 'Card Payments'),
  'FEAT-1': devrevObject('feature', 'FEAT', 1, 'Saved Cards'),
} as const satisfies Record<string, DevRevSeedObject>;

const devrevCustomLinkTypes = {
  blocks: {
    id: `${DEVO}:custom_link_type/1`,
    display_id: 'custom_link_type-1',
    name: 'blocks',
    forward_name: 'blocks',
    backward_name: 'is blocked by',
    source_types: [{ leaf_type: 'issue' }, { leaf_type: 'ticket' }],
    target_types: [{ leaf_type: 'issue' }, { leaf_type: 'ticket' }],
  },
  implements: {
    id: `${DEVO}:custom_link_type/2`,
    display_id: 'custom_link_type-2',
    name: 'implements',
    forward_name: 'implements',
    backward_name: 'is implemented by',
    source_types: [{ leaf_type: 'issue' }],
    target_types: [{ leaf_type: 'enhancement' }, { leaf_type: 'feature' }, { leaf_type: 'capability' }],
  },
} as const satisfies Record<string, DevRevCustomLinkType>;

const devrevUser = {
  type: 'dev_user',
  id: 'don:identity:dvrv-us-1:devo/demo:devu/1',
  display_id: 'DEVU-1',
  display_name: 'sandbox-dev',
  email: 'sandbox.dev@example.test',
  full_name: 'Sandbox Developer',
  state: 'active',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Public seed
// ---------------------------------------------------------------------------------------------------------------

/** Every seeded entity, type and id, grouped by API. */
export const SEED = {
  onetrust: {
    tenantId: '61935a26-8448-485f-8860-d6dba82e2d09',
    /** The user the sandbox client acts as (auditFields.createdBy.id). */
    userId: 'd59129eb-7fa7-45b9-a1fb-b29a7f3b13cd',
    entityTypes: otEntityTypes,
    entities: otEntities,
    linkTypes: otLinkTypes,
  },
  yandexTracker: {
    user: trackerUser,
    entities: trackerEntities,
  },
  devrev: {
    devOrg: DEVO,
    devUser: devrevUser,
    objects: devrevObjects,
    customLinkTypes: devrevCustomLinkTypes,
  },
} as const;

export const ONETRUST_ENTITIES: readonly OneTrustSeedEntity[] = Object.values(otEntities);
export const ONETRUST_LINK_TYPES: readonly OneTrustLinkType[] = Object.values(otLinkTypes);
export const TRACKER_ENTITIES: readonly TrackerSeedEntity[] = Object.values(trackerEntities);
export const DEVREV_OBJECTS: readonly DevRevSeedObject[] = Object.values(devrevObjects);
export const DEVREV_CUSTOM_LINK_TYPES: readonly DevRevCustomLinkType[] = Object.values(devrevCustomLinkTypes);
