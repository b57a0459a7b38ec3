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
