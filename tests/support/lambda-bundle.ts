/**
 * Lambda bundles as the stack builds them (infra/house-function.ts: esbuild, ESM, `module` before
 * `main`, minified, the require banner, Node 22), for the size budget test and the benchmark; and the
 * floor each handler is compared with: a file that only builds the SDK clients its job needs and sends
 * one command with each (tests/bench/floors/).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type FunctionName, HANDLER_FILES } from '../../infra/fazhi-stack.js';

import { ESM_REQUIRE_BANNER, HANDLERS_DIR, LAZY_PACKAGES } from '../../infra/house-function.js';

const FLOORS_DIR = join('tests', 'bench', 'floors');
/** Each handler's bundle size in bytes, as committed (tests/infra/bundle-budget.test.ts allows 10% over). */
export const BUNDLE_BUDGET_FILE = join('tests', 'bench', 'bundle-budget.json');

/** Which floor each function is held to: the SDK clients its job needs. */
export const FLOOR_FILES: Record<FunctionName, string> = {
  sweep: 'dynamo-sqs.ts',
  sweepCalendar: 'dynamo-ses.ts',
  digest: 'dynamo-ses.ts',
  api: 'api.ts',
  s3Event: 'dynamo-s3.ts',
  materialise: 'dynamo.ts',
  bounces: 'dynamo.ts',
  reconcile: 'dynamo-s3.ts',
};

export function handlerEntry(name: FunctionName): string {
  return join(HANDLERS_DIR, HANDLER_FILES[name]);
}

export function floorEntry(name: FunctionName): string {
  return join(FLOORS_DIR, FLOOR_FILES[name]);
}

/** Bundles `entry` to `outfile` as the stack would; returns its size in bytes and the npm packages in it. */
export async function bundleLikeLambda(entry: string, outfile: string): Promise<{ bytes: number; packages: Set<string> }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    // Shipped beside the bundle, loaded on first use (infra/house-function.ts).
    external: [...LAZY_PACKAGES],
    logLevel: 'silent',
    metafile: true,
  });
  const packages = new Set(Object.keys(result.metafile.inputs).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? []));
  return { bytes: statSync(outfile).size, packages };
}
