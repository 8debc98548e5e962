/** The access errors the API maps to statuses: 401, 403 (ForbiddenError, capability.ts) and 429. */

/** No credential, or one that is wrong, expired, used or revoked: 401. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

/** Too many sign-in requests for one address or from one source: 429. */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
}

/** A request to manage accounts that cannot be honoured (unknown account, bad role, bad address). */
export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
