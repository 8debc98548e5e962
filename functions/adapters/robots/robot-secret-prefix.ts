/** Where a deployed stack keeps robot credentials: Secrets Manager names `fazhi/robots/<name>` (the name a calendar gives). */
export const ROBOT_SECRET_PREFIX = 'fazhi/robots/';
