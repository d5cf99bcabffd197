/**
 * A request the service refuses for a reason the caller can fix. `field` names the offending
 * argument (dot path, e.g. `lines[1].sku`); `code` is stable for programs to branch on.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
