import type { ProviderId } from '../types.js';
import { isLinksError, LinksError } from './links-error.js';

export type InputRule =
  | 'required'
  | 'type'
  | 'uuid'
  | 'enum'
  | 'format'
  | 'nonEmpty'
  | 'notAllowed'
  | 'hostname'
  | 'url';

/** Invalid input, found before any request was sent. `field` is the input key (`links[1].entity`). */
export class InputError extends LinksError {
  readonly kind = 'input';
  readonly isRetryable = false;
  readonly field: string;
  readonly rule: InputRule;

  constructor(provider: ProviderId, field: string, rule: InputRule, message: string) {
    super(provider, message);
    this.field = field;
    this.rule = rule;
  }
}

export function isInputError(value: unknown): value is InputError {
  return isLinksError(value) && value.kind === 'input';
}
