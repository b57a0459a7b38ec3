/**
 * The fixed data every sandbox starts with (and returns to on reset). Ids are stable across runs so tests and
 * demos can reference them through `SEED`.
 */

import { createHash } from 'node:crypto';

/** A stable UUID (version-4 layout) derived from a label, so generated seed records keep their ids across runs. */
export function seedUuid(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable 24-hex id (the form Tracker uses) derived from a label. */
function seedHex24(label: string): string {
  return createHash('sha256').update(label).digest('hex').slice(0, 24);
}

/** `base` plus `hours` hours, as an ISO 8601 timestamp with milliseconds. */
function seedDate(base: string, hours: number): string {
  return new Date(Date.parse(base) + hours * 3_600_000).toISOString();
}

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
 * Extra credentials for the scope rules. The OneTrust read-only client gets tokens with scope `AI_GOVERNANCE_READ`
 * (reads work; creates and deletes answer 403); the write-only client gets `AI_GOVERNANCE_WRITE` (creates, gets and
 * the searches work; deletes and the links list answer 403, as OneTrust documents those two routes' scopes).
 */
export const SANDBOX_EXTRA_CREDENTIALS = {
  onetrustReadOnly: {
    clientId: 'sandbox-readonly-client-id',
    clientSecret: 'sandbox-readonly-client-secret',
  },
  onetrustWriteOnly: {
    clientId: 'sandbox-writeonly-client-id',
    clientSecret: 'sandbox-writeonly-client-secret',
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

/** The entity types OneTrust's AI Governance entity endpoints (search, get, links list) accept. */
export const ONETRUST_AI_ENTITY_TYPES = ['aisystems', 'datasets', 'models', 'aiagents'] as const;

export interface OneTrustSeedEntity {
  id: string;
  name: string;
  entityType: OneTrustEntityTypeName;
}

/** A seeded entity with its per-type sequential `number` (what OneTrust shows as `9 | Test Dataset1`). */
export interface OneTrustNumberedEntity extends OneTrustSeedEntity {
  number: number;
}

/** What the entity-type endpoints add to an entity type (not part of `LinkInformation.entityX.entityType`). */
export interface OneTrustEntityTypeDetail {
  /** The schema of the type's entities (`EntityInformation.schemaId`). */
  schemaId: string;
  description: string;
  descriptionKey: string;
  moduleScopes: readonly string[];
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
  /** As the links list shows it in `relationshipTypeDetail`. */
  description: string;
  descriptionKey: string;
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

/** More entities, so that searches page and an AI system has more links than one page holds. */
const otBulkNames = {
  aisystems: [
    ['enterpriseKnowledgeAssistant', 'Enterprise Knowledge Assistant'],
    ['claimsTriageSystem', 'Claims Triage System'],
    ['marketingContentGenerator', 'Marketing Content Generator'],
    ['hrPolicyChatbot', 'HR Policy Chatbot'],
    ['invoiceDataExtraction', 'Invoice Data Extraction'],
    ['supplierRiskMonitor', 'Supplier Risk Monitor'],
    ['contractReviewAssistant', 'Contract Review Assistant'],
    ['churnPredictionService', 'Churn Prediction Service'],
    ['developerCodeAssistant', 'Developer Code Assistant'],
    ['callCenterSummarizer', 'Call Center Summarizer'],
  ],
  models: [
    ['documentLayoutParser', 'Document Layout Parser'],
    ['namedEntityRecognizer', 'Named Entity Recognizer'],
    ['sentimentScorerV2', 'Sentiment Scorer v2'],
    ['churnPropensityModel', 'Churn Propensity Model'],
    ['claimsSeverityRegressor', 'Claims Severity Regressor'],
    ['invoiceFieldExtractor', 'Invoice Field Extractor'],
    ['multilingualEmbeddingModel', 'Multilingual Embedding Model'],
    ['toxicityFilter', 'Toxicity Filter'],
    ['speechToTextEu', 'Speech-to-Text EU'],
    ['callSummaryGenerator', 'Call Summary Generator'],
    ['supplierRiskScorer', 'Supplier Risk Scorer'],
    ['contractClauseClassifier', 'Contract Clause Classifier'],
    ['codeCompletionModel', 'Code Completion Model'],
    ['imageQualityChecker', 'Image Quality Checker'],
    ['demandForecaster', 'Demand Forecaster'],
    ['priceElasticityModel', 'Price Elasticity Model'],
    ['resumeScreeningModel', 'Resume Screening Model'],
    ['chatResponseRanker', 'Chat Response Ranker'],
    ['translationModelDeEn', 'Translation Model DE-EN'],
    ['addressNormalizer', 'Address Normalizer'],
    ['productCategorizer', 'Product Categorizer'],
    ['anomalyScoreCalibrator', 'Anomaly Score Calibrator'],
  ],
  datasets: [
    ['claimsHistory20182024', 'Claims History 2018-2024'],
    ['callCenterRecordingsQ12025', 'Call Center Recordings Q1 2025'],
    ['supplierMasterData', 'Supplier Master Data'],
    ['signedContractsArchive', 'Signed Contracts Archive'],
    ['marketingCopyCorpus', 'Marketing Copy Corpus'],
    ['hrPolicyDocuments', 'HR Policy Documents'],
    ['scannedInvoices2023', 'Scanned Invoices 2023'],
    ['productCatalogSnapshot', 'Product Catalog Snapshot'],
    ['anonymizedWebChatLogs', 'Anonymized Web Chat Logs'],
    ['openSourceCodeSample', 'Open Source Code Sample'],
    ['customerChurnLabels', 'Customer Churn Labels'],
    ['translationMemoryDeEn', 'Translation Memory DE-EN'],
    ['addressReferenceData', 'Address Reference Data'],
    ['priceHistory20202025', 'Price History 2020-2025'],
    ['syntheticResumeSamples', 'Synthetic Resume Samples'],
    ['imageQualityLabels', 'Image Quality Labels'],
  ],
  aiagents: [
    ['invoiceApprovalAgent', 'Invoice Approval Agent'],
    ['supplierOnboardingAgent', 'Supplier Onboarding Agent'],
    ['claimsIntakeAgent', 'Claims Intake Agent'],
    ['itHelpdeskAgent', 'IT Helpdesk Agent'],
    ['meetingNotesAgent', 'Meeting Notes Agent'],
    ['travelBookingAgent', 'Travel Booking Agent'],
    ['contractRenewalAgent', 'Contract Renewal Agent'],
    ['securityTriageAgent', 'Security Triage Agent'],
    ['salesFollowUpAgent', 'Sales Follow-up Agent'],
    ['dataAccessRequestAgent', 'Data Access Request Agent'],
  ],
  vendors: [['fabrikamSpeechCloud', 'Fabrikam Speech Cloud'], ['adatumModelHosting', 'Adatum Model Hosting'], ['tailspinLabelingServices', 'Tailspin Labeling Services'], ['litwareTranslationApi', 'Litware Translation API'], ['prosewareVision', 'Proseware Vision']],
} as const satisfies Record<OneTrustEntityTypeName, readonly (readonly [key: string, name: string])[]>;

type OneTrustBulkKey = (typeof otBulkNames)[OneTrustEntityTypeName][number][0];
const otBulkEntities = Object.fromEntries(
  Object.entries(otBulkNames).flatMap(([entityType, names]) =>
    names.map(([key, name]) => [key, { id: seedUuid(`onetrust:${entityType}:${name}`), name, entityType: entityType as OneTrustEntityTypeName }]),
  ),
) as Record<OneTrustBulkKey, OneTrustSeedEntity>;

/** Every seeded OneTrust entity with its per-type `number` (seed order: the first ten, then the bulk ones). */
const otNumbered = (() => {
  const counters = new Map<string, number>();
  const all: Record<string, OneTrustSeedEntity> = { ...otEntities, ...otBulkEntities };
  return Object.fromEntries(
    Object.entries(all).map(([key, entity]) => {
      const number = (counters.get(entity.entityType) ?? 0) + 1;
      counters.set(entity.entityType, number);
      return [key, { ...entity, number }];
    }),
  ) as WithNumber<typeof otEntities> & Record<OneTrustBulkKey, OneTrustNumberedEntity>;
})();
type OneTrustEntityKey = keyof typeof otNumbered;

const otEntityTypeDetails: Record<OneTrustEntityTypeName, OneTrustEntityTypeDetail> = {
  models: {
    schemaId: seedUuid('onetrust:schema:models'),
    description: 'Machine learning models in use or in development.',
    descriptionKey: 'CE.Models.Description',
    moduleScopes: ['AIG'],
  },
  datasets: {
    schemaId: seedUuid('onetrust:schema:datasets'),
    description: 'Datasets used to train, test or run AI applications.',
    descriptionKey: 'CE.Datasets.Description',
    moduleScopes: ['AIG'],
  },
  aisystems: {
    schemaId: seedUuid('onetrust:schema:aisystems'),
    description: 'AI systems made of models, agents and datasets.',
    descriptionKey: 'CE.AISystems.Description',
    moduleScopes: ['AIG'],
  },
  aiagents: {
    schemaId: seedUuid('onetrust:schema:aiagents'),
    description: 'Autonomous AI agents that act on behalf of users.',
    descriptionKey: 'CE.AIAgents.Description',
    moduleScopes: ['AIG'],
  },
  vendors: {
    schemaId: seedUuid('onetrust:schema:vendors'),
    description: 'Third parties that supply goods or services.',
    descriptionKey: 'EntityType.Vendor.Description',
    moduleScopes: ['ITRM'],
  },
};

/** A link that exists before any request: `[linkType key, entity1 key, entity2 key]`. */
export type OneTrustSeedLink = readonly [keyof typeof otLinkTypes, OneTrustEntityKey, OneTrustEntityKey];

/**
 * Pre-existing relationship records. The knowledge assistant has 53 (more than a page of 50); the others use
 * every link type, so each link type id can be read from an existing link.
 */
const otSeedLinks: readonly OneTrustSeedLink[] = [
  ...otBulkNames.models.map(([key]): OneTrustSeedLink => ['aiSystemComposition', 'enterpriseKnowledgeAssistant', key]),
  ...otBulkNames.aiagents.map(([key]): OneTrustSeedLink => ['aiSystemComposition', 'enterpriseKnowledgeAssistant', key]),
  ...otBulkNames.datasets.map(([key]): OneTrustSeedLink => ['related', 'enterpriseKnowledgeAssistant', key]),
  ...otBulkNames.vendors.map(([key]): OneTrustSeedLink => ['related', 'enterpriseKnowledgeAssistant', key]),
  ['aiSystemComposition', 'claimsTriageSystem', 'claimsSeverityRegressor'],
  ['aiSystemComposition', 'claimsTriageSystem', 'claimsIntakeAgent'],
  ['modelTrainingData', 'claimsSeverityRegressor', 'claimsHistory20182024'],
  ['modelTrainingData', 'invoiceFieldExtractor', 'scannedInvoices2023'],
  ['modelVendorSource', 'speechToTextEu', 'fabrikamSpeechCloud'],
  ['modelVendorSource', 'translationModelDeEn', 'litwareTranslationApi'],
];

const otLinkTypes = {
  aiSystemComposition: {
    id: '8857005c-662f-4f90-9e4e-481b225a666a',
    name: 'ai-system-composition',
    nameKey: 'CE.Link.AISystemComposition.Name',
    description: 'An AI system is built from models and agents',
    descriptionKey: 'CE.Link.AISystemComposition.Description',
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
    description: 'A model was trained on a dataset',
    descriptionKey: 'CE.Link.ModelTrainingData.Description',
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
    description: 'A model is supplied by a vendor',
    descriptionKey: 'CE.Link.ModelVendorSource.Description',
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
    description: 'Any two entities that are related',
    descriptionKey: 'CE.Link.Related.Description',
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

/** The `fields` a seeded entity answers besides its summary (stable per entity). */
export interface TrackerEntityDetail {
  entityStatus: string;
  description: string;
  /** Login of the lead (one of `SEED.yandexTracker.users`). */
  lead: string;
  start: string;
  end: string;
  createdAt: string;
  updatedAt: string;
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

/** More entities (shortIds 100+ for projects, 200+ portfolios, 300+ goals), so that searches page. */
const trackerBulkNames = {
  project: [
    ['checkoutRedesign20', 'Checkout redesign 2.0'],
    ['billingServiceSplit', 'Billing service split'],
    ['searchRelevanceTuning', 'Search relevance tuning'],
    ['partnerApiV3', 'Partner API v3'],
    ['dataWarehouseMigration', 'Data warehouse migration'],
    ['ssoForEnterpriseCustomers', 'SSO for enterprise customers'],
    ['accessibilityAuditFixes', 'Accessibility audit fixes'],
    ['androidAppRewrite', 'Android app rewrite'],
    ['iosHomeScreenWidgets', 'iOS home screen widgets'],
    ['kubernetesClusterUpgrade', 'Kubernetes cluster upgrade'],
    ['observabilityStack', 'Observability stack'],
    ['incidentResponseRunbooks', 'Incident response runbooks'],
    ['gdprDataExport', 'GDPR data export'],
    ['referralProgram', 'Referral program'],
    ['onboardingEmailsRevamp', 'Onboarding emails revamp'],
    ['pricingPageExperiments', 'Pricing page experiments'],
    ['helpCenterSearch', 'Help center search'],
    ['fraudScoringV2', 'Fraud scoring v2'],
    ['warehouseRoboticsPilot', 'Warehouse robotics pilot'],
    ['courierAppOfflineSync', 'Courier app offline sync'],
    ['invoicePdfGenerator', 'Invoice PDF generator'],
    ['multiCurrencyWallets', 'Multi-currency wallets'],
    ['customerHealthDashboard', 'Customer health dashboard'],
    ['internalDeveloperPortal', 'Internal developer portal'],
    ['ciPipelineSpeedup', 'CI pipeline speedup'],
    ['featureFlagCleanup', 'Feature flag cleanup'],
    ['kazakhLocalization', 'Kazakh localization'],
    ['supportChatbotPilot', 'Support chatbot pilot'],
  ],
  portfolio: [['growth2025', 'Growth 2025'], ['coreInfrastructure', 'Core infrastructure'], ['mobile', 'Mobile'], ['compliance', 'Compliance'], ['dataPlatform', 'Data platform'], ['developerExperience', 'Developer experience'], ['payments', 'Payments'], ['supportTooling', 'Support tooling']],
  goal: [
    ['growMonthlyActiveUsersTo2m', 'Grow monthly active users to 2M'],
    ['halveCheckoutAbandonment', 'Halve checkout abandonment'],
    ['passTheSoc2TypeIiAudit', 'Pass the SOC 2 Type II audit'],
    ['npsAbove50', 'NPS above 50'],
    ['cutCloudSpendBy20', 'Cut cloud spend by 20%'],
    ['launchInKazakhstan', 'Launch in Kazakhstan'],
    ['timeToFirstValueUnderOneDay', 'Time to first value under one day'],
    ['noCriticalVulnerabilityOlderThan30Days', 'No critical vulnerability older than 30 days'],
    ['mobileCrashFreeRateOf998', 'Mobile crash-free rate of 99.8%'],
    ['firstSupportResponseUnderOneHour', 'First support response under one hour'],
    ['doubleThePartnerIntegrations', 'Double the partner integrations'],
    ['deployToProductionTenTimesADay', 'Deploy to production ten times a day'],
    ['p95ApiLatencyUnder300Ms', 'p95 API latency under 300 ms'],
    ['hire40Engineers', 'Hire 40 engineers'],
    ['onboard500EnterpriseCustomers', 'Onboard 500 enterprise customers'],
    ['automate60OfSupportTickets', 'Automate 60% of support tickets'],
  ],
} as const satisfies Record<TrackerEntityType, readonly (readonly [key: string, name: string])[]>;
const TRACKER_SHORT_ID_BASE: Record<TrackerEntityType, number> = { project: 100, portfolio: 200, goal: 300 };

type TrackerBulkKey = (typeof trackerBulkNames)[TrackerEntityType][number][0];
const trackerBulkEntities = Object.fromEntries(
  Object.entries(trackerBulkNames).flatMap(([type, names]) =>
    names.map(([key, summary], i) => {
      const entityType = type as TrackerEntityType;
      return [key, { id: seedHex24(`tracker:${entityType}:${summary}`), shortId: TRACKER_SHORT_ID_BASE[entityType] + i, entityType, summary }];
    }),
  ),
) as Record<TrackerBulkKey, TrackerSeedEntity>;

const TRACKER_STATUSES: Record<TrackerEntityType, readonly string[]> = {
  project: ['draft', 'in_progress', 'launched', 'postponed', 'at_risk', 'blocked', 'according_to_plan'],
  portfolio: ['draft', 'in_progress', 'launched', 'according_to_plan'],
  goal: ['draft', 'according_to_plan', 'at_risk', 'blocked', 'achieved', 'partially_achieved', 'not_achieved', 'exceeded', 'cancelled'],
};

/** A link that exists before any request: `[source key, relationship, target key]`, read from the source. */
export type TrackerSeedLink = readonly [TrackerEntityKey, string, TrackerEntityKey];
type TrackerEntityKey = keyof typeof trackerEntities | TrackerBulkKey;

const trackerSeedLinks: readonly TrackerSeedLink[] = [
  ['checkoutRedesign20', 'works towards', 'halveCheckoutAbandonment'],
  ['billingServiceSplit', 'depends on', 'kubernetesClusterUpgrade'],
  ['observabilityStack', 'relates', 'incidentResponseRunbooks'],
  ['gdprDataExport', 'works towards', 'passTheSoc2TypeIiAudit'],
  ['growMonthlyActiveUsersTo2m', 'child entity', 'doubleThePartnerIntegrations'],
  ...(['observabilityStack', 'kubernetesClusterUpgrade', 'ciPipelineSpeedup', 'billingServiceSplit', 'searchRelevanceTuning', 'partnerApiV3'] as const).map(
    (project): TrackerSeedLink => ['p95ApiLatencyUnder300Ms', 'is supported by', project],
  ),
];

const trackerUser = {
  uid: 1130000012345678,
  login: 'sandbox.user',
  display: 'Sandbox User',
  firstName: 'Sandbox',
  lastName: 'User',
  email: 'sandbox.user@example.test',
} as const;

/** The people entities name as author and lead (the first is the API user). */
const trackerUsers = [
  { uid: trackerUser.uid, login: trackerUser.login, display: trackerUser.display },
  { uid: 1130000023456789, login: 'anna.petrova', display: 'Anna Petrova' },
  { uid: 1130000034567890, login: 'ivan.sokolov', display: 'Ivan Sokolov' },
] as const;

/** Stable details of every entity, derived from its place in the seed. */
function trackerDetails(entities: readonly TrackerSeedEntity[]): Record<string, TrackerEntityDetail> {
  return Object.fromEntries(
    entities.map((entity, i) => {
      const statuses = TRACKER_STATUSES[entity.entityType];
      const createdAt = seedDate('2024-09-02T07:30:00.000Z', i * 29);
      return [
        entity.id,
        {
          entityStatus: statuses[i % statuses.length]!,
          description: `${entity.summary}: scope, owners and milestones.`,
          lead: trackerUsers[i % trackerUsers.length]!.login,
          start: seedDate('2025-01-06T00:00:00.000Z', (i % 12) * 24 * 7).slice(0, 10),
          end: seedDate('2025-07-07T00:00:00.000Z', (i % 12) * 24 * 14).slice(0, 10),
          createdAt,
          updatedAt: seedDate(createdAt, 24 * 3 + (i % 5)),
        },
      ];
    }),
  );
}

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
  /** Absent means false. */
  is_deprecated?: boolean;
  tooltip?: string;
}

/** What a work item (issue or ticket) answers besides its title; stable per item. */
export interface DevRevWorkDetail {
  stage: string;
  /** Issues only. */
  priority?: 'p0' | 'p1' | 'p2' | 'p3';
  /** Tickets only. */
  severity?: 'blocker' | 'high' | 'medium' | 'low';
  /** Display id of the owner (one of `SEED.devrev.devUsers`). */
  owner: string;
  /** Display id of the part the work applies to. */
  part: string;
  body: string;
  created_date: string;
  modified_date: string;
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

/** Areas and problems the generated work titles are made of (deterministic: item n always has the same title). */
const DEVREV_AREAS = [
  'Checkout',
  'Invoice export',
  'Webhook delivery',
  'Refund flow',
  'Saved cards',
  'Payment links',
  'Subscription renewal',
  'Fraud rules',
  'Payout report',
  'Customer portal',
  'Tax calculation',
  'Currency conversion',
  'Dispute handling',
  'Receipt email',
  'API keys page',
  'Mobile SDK',
];
const DEVREV_ISSUE_PROBLEMS = [
  'times out under load',
  'shows a stale total',
  'fails for amounts over 10,000',
  'returns 500 on empty input',
  'is slow on the first request',
  'drops the last line item',
  'ignores the account locale',
];
const DEVREV_TICKET_PROBLEMS = [
  'Customer cannot use {area}',
  '{area} stopped working after the update',
  'Question about {area} limits',
  '{area} charged the customer twice',
];
/** Issues ISS-6 … ISS-80 and tickets TKT-4 … TKT-50 after the hand-written ones: 130 work items in all. */
export const DEVREV_LAST_ISSUE = 80;
export const DEVREV_LAST_TICKET = 50;

const devrevBulkWorks: Record<string, DevRevSeedObject> = Object.fromEntries([
  ...Array.from({ length: DEVREV_LAST_ISSUE - 5 }, (_, i) => {
    const n = i + 6;
    const title =
      n === DEVREV_LAST_ISSUE
        ? 'Payments reliability review (tracking issue)'
        : `${DEVREV_AREAS[i % DEVREV_AREAS.length]} ${DEVREV_ISSUE_PROBLEMS[Math.floor(i / DEVREV_AREAS.length) % DEVREV_ISSUE_PROBLEMS.length]}`;
    return [`ISS-${n}`, devrevObject('issue', 'ISS', n, title)];
  }),
  ...Array.from({ length: DEVREV_LAST_TICKET - 3 }, (_, i) => {
    const n = i + 4;
    const area = DEVREV_AREAS[(i * 5) % DEVREV_AREAS.length]!;
    const template = DEVREV_TICKET_PROBLEMS[Math.floor(i / DEVREV_AREAS.length) % DEVREV_TICKET_PROBLEMS.length]!;
    const title = template.startsWith('{area}') ? template.replace('{area}', area) : template.replace('{area}', area.toLowerCase());
    return [`TKT-${n}`, devrevObject('ticket', 'TKT', n, title)];
  }),
]);

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

type CustomTypeSpec = readonly [key: string, name: string, backward: string, sources: readonly DevRevObjectType[], targets: readonly DevRevObjectType[], deprecated?: boolean];
const WORK: readonly DevRevObjectType[] = ['issue', 'ticket'];
const PARTS: readonly DevRevObjectType[] = ['product', 'capability', 'feature'];
/** Ten more custom link types (3 … 12), two of them deprecated, so that a page of 5 needs three pages. */
const devrevBulkCustomTypeSpecs = [
  ['causes', 'causes', 'is caused by', WORK, ['issue']],
  ['tests', 'tests', 'is tested by', ['issue'], ['issue']],
  ['clones', 'clones', 'is cloned by', ['issue'], ['issue']],
  ['escalatesTo', 'escalates to', 'is escalated from', ['ticket'], ['issue']],
  ['supersedes', 'supersedes', 'is superseded by', ['issue'], ['issue']],
  ['documents', 'documents', 'is documented by', ['issue'], PARTS],
  ['isReportedIn', 'is reported in', 'reports', ['issue'], ['ticket']],
  ['affects', 'affects', 'is affected by', WORK, PARTS],
  ['replaces', 'replaces', 'is replaced by', ['issue'], ['issue'], true],
  ['mirrors', 'mirrors', 'is mirrored by', WORK, WORK, true],
] as const satisfies readonly CustomTypeSpec[];
type DevRevBulkCustomKey = (typeof devrevBulkCustomTypeSpecs)[number][0];
const devrevBulkCustomLinkTypes = Object.fromEntries(
  (devrevBulkCustomTypeSpecs as readonly CustomTypeSpec[]).map(([key, name, backward, sources, targets, deprecated], i): [string, DevRevCustomLinkType] => [
    key,
    {
      id: `${DEVO}:custom_link_type/${i + 3}`,
      display_id: `custom_link_type-${i + 3}`,
      name,
      forward_name: name,
      backward_name: backward,
      source_types: sources.map((leaf_type) => ({ leaf_type })),
      target_types: targets.map((leaf_type) => ({ leaf_type })),
      ...(deprecated ? { is_deprecated: true, tooltip: `Deprecated: use ${name === 'mirrors' ? 'is_related_to' : 'supersedes'}` } : {}),
    },
  ]),
) as Record<DevRevBulkCustomKey, DevRevCustomLinkType>;

const devrevUser = {
  type: 'dev_user',
  id: 'don:identity:dvrv-us-1:devo/demo:devu/1',
  display_id: 'DEVU-1',
  display_name: 'sandbox-dev',
  email: 'sandbox.dev@example.test',
  full_name: 'Sandbox Developer',
  state: 'active',
} as const;

/** Owners of seeded work items (the first is the API user). */
const devrevUsers = [
  devrevUser,
  {
    type: 'dev_user',
    id: 'don:identity:dvrv-us-1:devo/demo:devu/2',
    display_id: 'DEVU-2',
    display_name: 'alex.kim',
    email: 'alex.kim@example.test',
    full_name: 'Alex Kim',
    state: 'active',
  },
  {
    type: 'dev_user',
    id: 'don:identity:dvrv-us-1:devo/demo:devu/3',
    display_id: 'DEVU-3',
    display_name: 'maria.lopez',
    email: 'maria.lopez@example.test',
    full_name: 'Maria Lopez',
    state: 'active',
  },
] as const;

const ISSUE_STAGES = ['triage', 'backlog', 'in_development', 'in_review', 'completed'];
const TICKET_STAGES = ['queued', 'work_in_progress', 'awaiting_customer_response', 'resolved'];
const PRIORITIES = ['p0', 'p1', 'p2', 'p3'] as const;
const SEVERITIES = ['blocker', 'high', 'medium', 'low'] as const;
const WORK_PARTS = ['PROD-1', 'PROD-1', 'CAPL-1', 'FEAT-1'];

const HAND_WRITTEN_WORKS = Object.values(devrevObjects).filter((o) => o.type === 'issue' || o.type === 'ticket').length;

/** Stable details of every work item, from its place in the seed (created every 7 hours from 2 Jan 2024). */
function devrevWorkDetails(works: readonly DevRevSeedObject[]): Record<string, DevRevWorkDetail> {
  return Object.fromEntries(
    works.map((work, i) => {
      const created = seedDate('2024-01-02T08:00:00.000Z', i * 7);
      const issue = work.type === 'issue';
      return [
        work.id,
        {
          stage: (issue ? ISSUE_STAGES : TICKET_STAGES)[i % (issue ? ISSUE_STAGES.length : TICKET_STAGES.length)]!,
          ...(issue ? { priority: PRIORITIES[i % PRIORITIES.length]! } : { severity: SEVERITIES[i % SEVERITIES.length]! }),
          // The hand-written items keep the API user as owner; the generated ones rotate over three users.
          owner: i < HAND_WRITTEN_WORKS ? devrevUser.display_id : devrevUsers[i % devrevUsers.length]!.display_id,
          part: WORK_PARTS[i % WORK_PARTS.length]!,
          body: `${work.name}. Steps to reproduce and the expected behaviour are in the attached notes.`,
          created_date: created,
          modified_date: seedDate(created, 26 + (i % 9)),
        },
      ];
    }),
  );
}

/** A link that exists before any request: `[link_type, source display id, target display id, custom type key?]`. */
export type DevRevSeedLink = readonly [linkType: string, source: string, target: string, customType?: keyof typeof allCustomLinkTypes];

/** ISS-80 is related to every other generated work item (121 links: more than the maximum page of 100). */
const devrevSeedLinks: readonly DevRevSeedLink[] = [
  ...Object.keys(devrevBulkWorks)
    .filter((key) => key !== `ISS-${DEVREV_LAST_ISSUE}`)
    .map((key): DevRevSeedLink => ['is_related_to', `ISS-${DEVREV_LAST_ISSUE}`, key]),
  ['is_dependent_on', 'TKT-4', 'ISS-6'],
  ['is_parent_of', 'ISS-7', 'ISS-8'],
  ['is_duplicate_of', 'TKT-5', 'TKT-6'],
  ['custom_link', 'ISS-9', 'ISS-10', 'blocks'],
  ['custom_link', 'ISS-11', 'TKT-7', 'isReportedIn'],
];

// ---------------------------------------------------------------------------------------------------------------
// Public seed
// ---------------------------------------------------------------------------------------------------------------

type WithNumber<T> = { [K in keyof T]: T[K] & { number: number } };
const allTrackerEntities = { ...trackerEntities, ...trackerBulkEntities };
const allDevrevObjects = { ...devrevObjects, ...devrevBulkWorks } as typeof devrevObjects & Record<string, DevRevSeedObject>;
const allCustomLinkTypes = { ...devrevCustomLinkTypes, ...devrevBulkCustomLinkTypes };

/** Every seeded entity, type and id, grouped by API. */
export const SEED = {
  onetrust: {
    tenantId: '61935a26-8448-485f-8860-d6dba82e2d09',
    /** The user the sandbox client acts as (auditFields.createdBy.id). */
    userId: 'd59129eb-7fa7-45b9-a1fb-b29a7f3b13cd',
    /** The organization every seeded entity belongs to (`orgGroupId`). */
    orgGroupId: '06e43366-1f49-4afd-8c51-3989f9cf98f1',
    entityTypes: otEntityTypes,
    /** 73 entities: the ten below by name, then `otBulkNames` keyed by their camelCased names. */
    entities: otNumbered,
    linkTypes: otLinkTypes,
  },
  yandexTracker: {
    user: trackerUser,
    users: trackerUsers,
    /** 63 entities: the eleven below by name, then `trackerBulkNames` keyed by their camelCased summaries. */
    entities: allTrackerEntities,
  },
  devrev: {
    devOrg: DEVO,
    devUser: devrevUser,
    devUsers: devrevUsers,
    /** By display id: 130 work items (ISS-1 … ISS-80, TKT-1 … TKT-50) and four parts. */
    objects: allDevrevObjects,
    /** Twelve custom link types: `blocks`, `implements`, then the bulk ones keyed by their camelCased names. */
    customLinkTypes: allCustomLinkTypes,
  },
} as const;

export const ONETRUST_ENTITIES: readonly OneTrustNumberedEntity[] = Object.values(otNumbered);
export const ONETRUST_LINK_TYPES: readonly OneTrustLinkType[] = Object.values(otLinkTypes);
export const ONETRUST_ENTITY_TYPE_DETAILS: Readonly<Record<OneTrustEntityTypeName, OneTrustEntityTypeDetail>> = otEntityTypeDetails;
export const ONETRUST_SEED_LINKS: readonly OneTrustSeedLink[] = otSeedLinks;
export const TRACKER_ENTITIES: readonly TrackerSeedEntity[] = Object.values(allTrackerEntities);
/** By entity id. */
export const TRACKER_ENTITY_DETAILS: Readonly<Record<string, TrackerEntityDetail>> = trackerDetails(TRACKER_ENTITIES);
export const TRACKER_SEED_LINKS: readonly TrackerSeedLink[] = trackerSeedLinks;
export const DEVREV_OBJECTS: readonly DevRevSeedObject[] = Object.values(allDevrevObjects);
/** The issues and tickets, in seed order. */
export const DEVREV_WORKS: readonly DevRevSeedObject[] = DEVREV_OBJECTS.filter((o) => o.type === 'issue' || o.type === 'ticket');
/** By work id (DON). */
export const DEVREV_WORK_DETAILS: Readonly<Record<string, DevRevWorkDetail>> = devrevWorkDetails(DEVREV_WORKS);
export const DEVREV_CUSTOM_LINK_TYPES: readonly DevRevCustomLinkType[] = Object.values(allCustomLinkTypes);
export const DEVREV_SEED_LINKS: readonly DevRevSeedLink[] = devrevSeedLinks;
