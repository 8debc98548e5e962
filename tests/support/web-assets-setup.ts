/**
 * Vitest global setup of every project: (re)builds the pages' browser bundles (functions/web/build.ts)
 * before any test imports the api handler, so the tests always see the client code as it is now.
 */
import { ensureWebAssets } from '../../functions/web/build.js';

export async function setup(): Promise<void> {
  await ensureWebAssets({ rebuild: true });
}
