/** The evidence bucket on S3, for the functions that hand out, record or list evidence (api, s3-event, reconcile). */
import { S3Client } from '@aws-sdk/client-s3';
import type { EvidenceBucket } from '../../core/engine/ports.js';
import type { Env } from '../env.js';
import { required } from '../env.js';
import { S3Evidence } from '../s3-evidence.js';
import { clientConfig } from './client-config.js';

export function s3Evidence(env: Env): EvidenceBucket {
  return new S3Evidence(s3ClientFor(env), required(env, 'BUCKET_NAME'));
}

/** The S3 client as the functions use it; with S3_ENDPOINT (the emulator), path-style. The tests build theirs here too. */
export function s3ClientFor(env: Pick<Env, 'AWS_REGION' | 'S3_ENDPOINT'>): S3Client {
  return new S3Client({
    ...clientConfig(env, env.S3_ENDPOINT),
    ...(env.S3_ENDPOINT ? { forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
