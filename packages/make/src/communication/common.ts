/**
 * What the apps' IML sources share: the file shape and the few IML pieces that are the same for every API.
 * Everything here is IML text (Make evaluates it); `test/differential.test.ts` proves what it renders
 * equal to core's requests.
 */
import type { Field } from '@links/core';
import type { RequestSpec } from '../iml/request.js';

/** One communication file: the comment lines it starts with, and its content. */
export interface CommunicationFile {
  comment: string[];
  spec: RequestSpec | Record<string, RequestSpec>;
}

/** Every hand-written IML file of an app, keyed as the manifest names them (RPCs by id). */
export interface AppCommunication {
  base: CommunicationFile;
  connection: CommunicationFile;
  module: CommunicationFile;
  /** The lifecycle modules beyond Create a Link, by module id. */
  modules: Record<string, CommunicationFile>;
  rpcs: Record<string, CommunicationFile>;
}

/** `{{expression}}`. */
export function iml(expression: string): string {
  return `{{${expression}}}`;
}

/**
 * The base URL to send to: the Base URL override trimmed (a blank one counts as none, as core's
 * `normalizeEmpty` has it), else the real service, without trailing slashes (core's `checkBaseUrl`).
 * `of` is `parameters` in a connection, `connection` in the Base.
 */
export function baseUrl(of: 'parameters' | 'connection', realService: string): string {
  return `replace(ifempty(trim(${of}.baseUrl), ${realService}), '/[/]+$/', '')`;
}

/** Text core trims: trimmed (a missing value is empty text). */
export function trimmed(path: string): string {
  return `trim(${path})`;
}

/** An optional text core trims and leaves out when blank: trimmed, or `undefined` (the member is not sent). */
export function optional(path: string): string {
  return `ifempty(trim(${path}), undefined)`;
}

/** The module's output: one bundle, the first link's normalized fields and `links` with every link. */
export const OUTPUT_COMMENT =
  'Output: one bundle (an action returns one), core\'s LinkResult of the first link created and `links` with every LinkResult of the request.';

/** A text as an IML string literal. */
export function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * `switch(value, 'a', 'label of a', ..., value)`: core's label for each known value (pairs whose label is
 * the value itself are left out), the value itself otherwise.
 */
export function labelSwitch(value: string, labels: readonly (readonly [string, string])[]): string {
  const pairs = labels.filter(([known, label]) => known !== label).flatMap(([known, label]) => [quoted(known), quoted(label)]);
  return pairs.length === 0 ? value : `switch(${[value, ...pairs, value].join(', ')})`;
}

/**
 * The connection's label as core's `describeAccount` words it (`personAccount`): "Full Name (handle)", or
 * whichever of the two is known, or the fallback. `name` and `handle` are IML paths into the response.
 */
export function personLabel(name: string, handle: string, fallback: string): string {
  return iml(`if(${name} && ${handle} && ${name} != ${handle}, ${name} + ' (' + ${handle} + ')', ifempty(${name}, ifempty(${handle}, ${quoted(fallback)})))`);
}

/**
 * A Delete a Link module: the API's delete request, then core's `sendDeleteLink` result `{ deleted, ref }`.
 * A link already gone is the API's not-found error (404, through the Base's error directive), or, with
 * **Succeed If Already Gone** (`missingOk`), `deleted: false`, as core's `missingOk` has it.
 */
export function deleteModule(comment: string, request: RequestSpec, refFields: readonly Field[]): CommunicationFile {
  return {
    comment: [comment, 'A 404 is the not-found error, or with missingOk `deleted: false`; the ref is the input as core checks it (trimmed).'],
    spec: {
      ...request,
      response: {
        valid: '{{statusCode < 400 || (parameters.missingOk && statusCode == 404)}}',
        output: { deleted: '{{statusCode < 400}}', ref: Object.fromEntries(refFields.map(({ key }) => [key, iml(trimmed(`parameters.${key}`))])) },
      },
    },
  };
}

/** Search Links' Limit unless set (Make's convention for searches: optional, 10). */
export const SEARCH_LIMIT = 10;
