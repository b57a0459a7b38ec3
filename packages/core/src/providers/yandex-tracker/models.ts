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

/** One element of the links response: the relationship read from the listed entity, and the other entity's fields. */
export interface TrackerListedLink {
  type: string;
  linkFieldValues: { id: string; shortId?: number | string; summary?: string; entityType?: string; [key: string]: unknown };
}

/** List input. */
export interface TrackerListQuery {
  entityType: string;
  entityId: string;
  [key: string]: unknown;
}

/** Get and delete input: the link between two entities. */
export interface TrackerLinkRef {
  entityType: string;
  entityId: string;
  linkedEntityId: string;
  [key: string]: unknown;
}

/** Find input. */
export interface TrackerFindInput extends TrackerLinkRef {
  relationship?: string;
}
