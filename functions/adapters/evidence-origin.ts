/**
 * The origin browsers upload evidence to: the origin of the presigned PUT URLs `S3Evidence` hands out.
 * The pages' Content-Security-Policy allows connections to it and to the API's own origin, nothing else.
 *
 * - with `S3_ENDPOINT` (local mode, tests: the S3 emulator, addressed path-style) it is the endpoint's origin;
 * - in AWS it is the bucket's regional virtual-hosted endpoint, `https://<bucket>.s3.<region>.amazonaws.com`
 *   (`.amazonaws.com.cn` in the China regions), or the regional endpoint itself for a bucket name with dots
 *   (the SDK addresses those path-style, as a dotted name does not match S3's TLS certificate).
 *
 * tests/unit/page-security.test.ts holds this to the URLs the SDK actually presigns.
 */
import { awsDomainOf } from './aws/dns-suffix.js';

export interface EvidenceLocation {
  bucketName: string;
  region: string;
  /** The S3 endpoint override (the local emulator), if any. */
  endpoint?: string | undefined;
}

export function evidenceOrigin(location: EvidenceLocation): string {
  if (location.endpoint) return new URL(location.endpoint).origin;
  const domain = awsDomainOf(location.region);
  const virtualHosted = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(location.bucketName);
  return virtualHosted ? `https://${location.bucketName}.s3.${location.region}.${domain}` : `https://s3.${location.region}.${domain}`;
}
