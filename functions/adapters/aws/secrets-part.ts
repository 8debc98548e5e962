/** Secrets Manager, for the functions given a secret by ARN (the link key, the admin token), cached per time to live. */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { Env } from '../env.js';
import { cachedSecrets } from '../secrets.js';
import { regionOf } from './client-config.js';
import { secretsManagerReader } from './secrets-manager-reader.js';

export function secretsManager(env: Env): (arn: string) => Promise<string> {
  return cachedSecrets(secretsManagerReader({ region: regionOf(env), credentials: defaultProvider() }));
}
