/**
 * What every SDK client is built with: the region, and in local mode and the tests an emulator's
 * endpoint with dummy credentials (s3rver's built-in key pair; the other emulators accept any), which
 * keeps the SDK from looking for a profile.
 */
import type { Env } from '../env.js';

const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function regionOf(env: Pick<Env, 'AWS_REGION'>): string {
  return env.AWS_REGION ?? 'ap-southeast-1';
}

export function clientConfig(env: Pick<Env, 'AWS_REGION'>, endpoint: string | undefined): { region: string; endpoint?: string; credentials?: typeof LOCAL_CREDENTIALS } {
  return { region: regionOf(env), ...(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {}) };
}
