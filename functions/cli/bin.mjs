#!/usr/bin/env node
// The `fazhi` command. Calendars are TypeScript files, so the CLI runs under tsx's loader.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every start that future releases need Node 22 (Lambda runs 22); it is noise here.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning' || String(warning).includes('require node >=22')) return;
  emitWarning(warning, ...rest);
};

register();
// The pages' browser bundles are generated (functions/web/generated/, git-ignored; see functions/web/build.ts):
// built when missing, and again on every `fazhi dev` so local mode serves the client code as it is now.
const { ensureWebAssets } = await import('../web/build.ts');
await ensureWebAssets({ rebuild: process.argv[2] === 'dev' });
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
