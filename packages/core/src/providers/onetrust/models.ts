export interface OneTrustEntityRef {
  id: string;
  entityType: { id?: string; name: string };
}

/** An attribute value: `value` for text, `id` for an option. */
export interface OneTrustAttributeValue {
  id?: string;
  value?: string;
  [key: string]: unknown;
}

/** `LinkRequest`, the create body. */
export interface OneTrustLinkRequest {
  entity1: OneTrustEntityRef;
  entity2: OneTrustEntityRef;
  attributes?: Record<string, OneTrustAttributeValue[]>;
}

export interface OneTrustLinkedEntity {
  id: string;
  name?: string | null;
  number?: number | null;
  entityType?: { id?: string; name?: string; nameKey?: string };
}

/** `LinkInformation`, the 200 response. */
export interface OneTrustLinkInformation {
  id: string;
  linkType: { id?: string; name?: string };
  linkTypeLabel?: { id: number; entityType1ToEntityType2EntityLinkName?: string; entityType2ToEntityType1EntityLinkName?: string };
  entity1: OneTrustLinkedEntity;
  entity2: OneTrustLinkedEntity;
  schemaId?: string;
  auditFields?: { createdDate?: string; lastUpdatedDate?: string };
}

export interface OneTrustTokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export interface OneTrustCredentials {
  hostname: string;
  clientId: string;
  clientSecret: string;
}

export interface OneTrustInput {
  linkTypeId: string;
  entity1Type: string;
  entity1Id: string;
  entity1TypeId?: string;
  entity2Type: string;
  entity2Id: string;
  entity2TypeId?: string;
  attributes?: Record<string, OneTrustAttributeValue[]>;
  [key: string]: unknown;
}

/** An entity as a links page names it. */
export interface OneTrustListedEntity {
  id: string;
  number?: number | null;
  name?: string | null;
  entityType?: { id?: string; name?: string };
  linkEntityDetail?: { displayLabel?: string } | null;
  deleted?: boolean;
}

/** One link of a links page. */
export interface OneTrustListedLink {
  id: string;
  createdDate?: string;
  lastUpdatedDate?: string;
  relationshipTypeDetail?: {
    id: string;
    name?: string;
    entityType1ToEntityType2EntityLinkName?: string;
    entityType2ToEntityType1EntityLinkName?: string;
    description?: string;
  };
  source?: OneTrustListedEntity;
  target?: OneTrustListedEntity;
}

/** A page (Spring's page shape): `content`, `number` (from 0), `size`, `totalPages`, `last`, ... */
export interface OneTrustPage<T> {
  content: T[];
  number?: number;
  size?: number;
  totalElements?: number;
  totalPages?: number;
  first?: boolean;
  last?: boolean;
  numberOfElements?: number;
}

/** List input. */
export interface OneTrustListQuery {
  entityType: string;
  entityId: string;
  [key: string]: unknown;
}

/** Get and delete input. */
export interface OneTrustLinkRef {
  linkId: string;
  linkTypeId: string;
  [key: string]: unknown;
}

/** Find input. */
export interface OneTrustFindInput extends OneTrustListQuery {
  otherEntityId: string;
  linkTypeId?: string;
}
