/** `links.create` request body, as documented. */
export interface DevRevCreateLinkBody {
  source: string;
  target: string;
  link_type: string;
  custom_link_type?: string;
}

/**
 * A link end (`link-endpoint-summary`). Its name is under a key that depends on `type`: `title` for work items
 * (issue, ticket), conversations and articles, `name` for parts, `display_name` for users and organizations.
 */
export interface DevRevObjectSummary {
  type?: string;
  id: string;
  display_id?: string;
  title?: string;
  name?: string;
  display_name?: string;
}

/** A `link`, as links.create, links.get and links.list return it. */
export interface DevRevLink {
  id: string;
  display_id?: string;
  link_type: string;
  custom_link_type?: { id: string; display_id?: string; name?: string; forward_name?: string };
  source: DevRevObjectSummary;
  target: DevRevObjectSummary;
  created_date?: string;
  created_by?: { id: string; display_name?: string; email?: string };
  [key: string]: unknown;
}

/** `links.create` 201 and `links.get` 200 response. */
export interface DevRevLinkResponse {
  link: DevRevLink;
}

/** `links.list` request body. */
export interface DevRevListLinksBody {
  object: string;
  direction?: string;
  link_type?: string[];
  limit: number;
  cursor?: string;
}

/** `links.list` response: no `next_cursor` on the last page. */
export interface DevRevListLinksResponse {
  links: DevRevLink[];
  next_cursor?: string;
  prev_cursor?: string;
}

/** List input: the object, and optionally the direction and link types. */
export interface DevRevListQuery {
  object: string;
  direction?: 'is_source' | 'is_target';
  linkTypes?: string[];
  [key: string]: unknown;
}

/** Get and delete input. */
export interface DevRevLinkRef {
  id: string;
  [key: string]: unknown;
}

/** Find input. */
export interface DevRevFindInput {
  object: string;
  otherObject: string;
  linkType?: string;
  customLinkType?: string;
  [key: string]: unknown;
}

/** Error body: `type` plus `message`/`detail` and type-specific fields. */
export interface DevRevErrorBody {
  type?: string;
  message?: string;
  detail?: string;
  field_name?: string;
  value?: string;
  allowed_values?: string[];
  retry_after?: number;
  reference_id?: string;
  existing_parent?: string;
  max_bytes?: number;
}

export interface DevRevCredentials {
  token: string;
}

export interface DevRevInput {
  source: string;
  target: string;
  linkType: string;
  customLinkType?: string;
  [key: string]: unknown;
}

/** `link-types.custom.list` response (the list key is not documented in our sources; both forms are read). */
export interface DevRevCustomLinkTypeList {
  custom_link_types?: DevRevCustomLinkType[];
  result?: DevRevCustomLinkType[];
  next_cursor?: string;
}

export interface DevRevCustomLinkType {
  id: string;
  display_id?: string;
  name?: string;
  forward_name?: string;
  backward_name?: string;
}
