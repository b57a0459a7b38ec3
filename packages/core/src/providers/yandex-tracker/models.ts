/** One element of the create body: the request takes one or an array of them. */
export interface TrackerLinkBody {
  relationship: string;
  entity: string;
}

/** Error body, as documented for every Tracker API. */
export interface TrackerErrorBody {
  errors?: Record<string, string>;
  errorMessages?: string[];
  statusCode?: number;
}

export interface TrackerCredentials {
  tokenKind: 'oauth' | 'iam';
  token: string;
  orgKind: 'yandex360' | 'cloud';
  orgId: string;
}

export interface TrackerInput {
  entityType: string;
  entityId: string;
  links: TrackerLinkBody[];
  [key: string]: unknown;
}
