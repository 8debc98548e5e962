#!/usr/bin/env node
// The `fazhi` command. It runs the CLI compiled into functions/cli/dist/ (see build.mjs), so a start
// loads plain JavaScript and only the command it runs; a stale or missing build is rebuilt first.
// Calendars written in TypeScript are loaded through tsx, registered for the commands that read them.
import { buildCli, CLI_ENTRY, cliIsStale } from './build.mjs';

// The AWS SDK warns on every start that future releases need Node 22 (Lambda runs 22); it is noise here.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning' || String(warning).includes('require node >=22')) return;
  emitWarning(warning, ...rest);
};

/** The commands that read calendar files, which may be TypeScript: only they load tsx. */
const READS_CALENDARS = new Set(['validate', 'preview', 'ics', 'dev', 'sync', 'simulate']);

if (cliIsStale()) await buildCli();
if (READS_CALENDARS.has(process.argv[2] ?? '')) (await import('tsx/esm/api')).register();
const { main } = await import(CLI_ENTRY);
process.exitCode = await main(process.argv);
