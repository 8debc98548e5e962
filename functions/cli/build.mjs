// Compiles the CLI with esbuild into functions/cli/dist/ (git-ignored), after the pages' browser bundles
// it serves in local mode. `node functions/cli/build.mjs` (npm run build:cli) builds it now; bin.mjs
// builds it whenever a source under functions/ is newer than the build.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FUNCTIONS_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST_DIR = fileURLToPath(new URL('./dist', import.meta.url));
export const CLI_ENTRY = join(DIST_DIR, 'main.mjs');
/** Build outputs under functions/: never sources. */
const OUTPUTS = new Set(['dist', 'generated', 'node_modules']);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (OUTPUTS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|css|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when there is no build, or a source changed since it was made. */
export function cliIsStale() {
  return !existsSync(CLI_ENTRY) || newestSource(FUNCTIONS_DIR) > statSync(CLI_ENTRY).mtimeMs;
}

export async function buildCli() {
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  const { ensureWebAssets } = await import('../web/build.ts');
  await ensureWebAssets({ rebuild: true });
  await unregister();
  const esbuild = await import('esbuild');
  // Built beside, then swapped in: a CLI starting meanwhile sees the old build or the new, whole.
  const next = `${DIST_DIR}.${process.pid}`;
  await esbuild.build({
    entryPoints: { main: fileURLToPath(new URL('./main.ts', import.meta.url)) },
    outdir: next,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Each command is its own chunk, loaded when it runs.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Node 20 (from 20.10) takes `with { type: 'json' }`, which an external JSON import needs.
    supported: { 'import-attributes': true },
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  rmSync(DIST_DIR, { recursive: true, force: true });
  renameSync(next, DIST_DIR);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();
