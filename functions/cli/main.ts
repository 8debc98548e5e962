/**
 * The `fazhi` command line: validate, preview and export calendars, and run the engine.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerAccounts } from './commands/accounts.js';
import { devCommand } from './commands/dev.js';
import { icsCommand } from './commands/ics.js';
import { registerLedger } from './commands/ledger.js';
import { previewCommand } from './commands/preview.js';
import { simulateCommand } from './commands/simulate.js';
import { type SyncOptions, syncCommand } from './commands/sync.js';
import { validateCommand } from './commands/validate.js';
import { type Io, processIo } from './io.js';
import { parseDate, parseInteger, parseRate, parseYear } from './options.js';

export function buildProgram(io: Io, setExit: (code: number) => void, env: NodeJS.ProcessEnv): Command {
  const program = new Command('fazhi')
    .description('法治 calendars as code: validate, preview and export plan calendars, and run the reminder engine')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  const rootOption = () => new Option('--root <dir>', "calendars folder (default: the project's calendars/)").hideHelp();
  const planOptions = (command: Command) =>
    command
      .requiredOption('-c, --calendar <id>', 'calendar id, e.g. suzhou-kjj-2024')
      .requiredOption('-y, --year <yyyy>', 'plan year', parseYear)
      .option('-o, --office <id>', 'only this office')
      .addOption(rootOption());

  program
    .command('validate')
    .description('check calendar files (default: every calendar and holiday file); exit 1 listing every problem')
    .argument('[paths...]', 'calendar files to check')
    .addOption(rootOption())
    .action(async (paths: string[], options: { root?: string }) => setExit(await validateCommand(paths, options, io)));

  planOptions(program.command('preview').description('show what a calendar compiles to for a year'))
    .option('--json', 'print a JSON array of occurrences')
    .action(async (options) => setExit(await previewCommand(options, io)));

  planOptions(program.command('ics').description('print the plan as an iCalendar (RFC 5545) file')).action(async (options) => setExit(await icsCommand(options, io, new Date())));

  program
    .command('dev')
    .description('run the engine locally on the embedded stack (DynamoDB Local, SES and S3 emulators) until Ctrl-C')
    .option('-p, --port <port>', 'HTTP port for the API and pages', parseInteger, 3000)
    .option('--data-dir <dir>', 'where local data is kept (ignored by git)', '.fazhi')
    .option('--date <yyyy-mm-dd>', 'pretend today is this date (the clock runs on from 09:00 that day)', parseDate)
    .option('--reset', 'delete the local data first (table, evidence, clock and accounts; the link key is kept)')
    .option('--no-demo', 'on empty data, do not play the year so far (start with nothing handed in)')
    .action(async (options: { port: number; dataDir: string; date?: string; reset?: boolean; demo: boolean }) => setExit(await devCommand(options, io)));

  program
    .command('sync')
    .description('materialise the calendars into the table named by TABLE_NAME (idempotent; DYNAMODB_ENDPOINT for DynamoDB Local)')
    .option('-c, --calendar <id>', 'only this calendar')
    .option('-y, --year <yyyy>', 'only this year', parseYear)
    .addOption(rootOption())
    .action(async (options: SyncOptions) => setExit(await syncCommand(options, io, new Date(), env)));

  registerLedger(program, io, setExit);
  registerAccounts(program, io, setExit, env);

  program
    .command('simulate')
    .description('play a span of days through the real handlers (in memory by default), with offices submitting at random')
    .requiredOption('-c, --calendar <id>', 'calendar id, e.g. suzhou-kjj-2024')
    .option('-y, --year <yyyy>', 'a whole year: short for --from YYYY-01-01 --to YYYY-12-31', parseYear)
    .option('--from <yyyy-mm-dd>', 'first day played', parseDate)
    .option('--to <yyyy-mm-dd>', 'last day played (may be in a later year)', parseDate)
    .addOption(new Option('--store <store>', 'where the engine keeps its data: in memory, or DynamoDB Local with the SES and S3 emulators').choices(['memory', 'dynamodb-local']).default('memory'))
    .option('--submit-rate <r>', 'share of required submissions the offices make (0–1)', parseRate, 0.8)
    .option('--seed <n>', 'random seed (same seed, same year)', parseInteger, 1)
    .option('--json', 'print the figures as JSON')
    .option('--report-dir <dir>', 'where the HTML report is written', '.fazhi/reports')
    .action(async (options) => setExit(await simulateCommand(options, io, (text) => void (process.stderr.isTTY && process.stderr.write(text)))));

  return program;
}

/**
 * Runs the CLI; returns the exit code instead of exiting so tests can call it in-process with their own
 * output and environment (only this default and bin.mjs read the process's).
 */
export async function main(argv: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c), env);
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`fazhi: ${(error as Error).message}`);
    return 1;
  }
}
