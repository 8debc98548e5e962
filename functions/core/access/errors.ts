/**
 * The access errors the API maps to statuses: 401 and 429 (403 is capability.ts's ForbiddenError; a refused
 * account change is the engine's RequestRejectedError, naming the field).
 */

/** No credential, or one that is wrong, expired, used or revoked: 401. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

/** Too many sign-in requests for one address or from one source: 429. */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
}
