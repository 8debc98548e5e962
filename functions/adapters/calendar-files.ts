/**
 * Loads calendar files (`.ts`, `.json`, `.yaml`) and holiday notices from disk and validates each
 * with the core schemas, collecting every problem as `file: path.to.field: message`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import type { z } from 'zod';
import { bundledWorkingDays } from '../core/bundled-working-days.js';
import { type CalendarEntry, type CalendarRegistry, checkRegistry } from '../core/calendar-references.js';
import { CalendarSchema } from '../core/calendar-schema.js';
import type { Problem } from '../core/errors.js';
import { type HolidayYear, HolidayYearSchema } from '../core/holiday-schema.js';
import type { WorkingDays } from '../core/working-days.js';

export const DEFAULT_CALENDARS_DIR = join(projectDir(), 'calendars');

/** The project's folder: the nearest one above this code with a package.json (the compiled CLI runs from functions/cli/dist/). */
function projectDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}
const EXTENSIONS = new Set(['.ts', '.mts', '.json', '.yaml', '.yml']);

export interface Catalog {
  registry: CalendarRegistry;
  notices: HolidayYear[];
  workingDays: WorkingDays;
  /** Problems in the files that were asked about (all files when none were named). */
  problems: Problem[];
  /** The files that were checked. */
  files: string[];
}

/**
 * Loads every calendar under `root`, plus `paths` if given (a named file wins over a same-id file in
 * `root`, so a draft can be validated against the committed calendars it extends).
 */
export async function loadCatalog(options: { root?: string; paths?: readonly string[] } = {}): Promise<Catalog> {
  const root = resolve(options.root ?? DEFAULT_CALENDARS_DIR);
  const rootCalendars = await listFiles(root);
  const rootHolidays = await listFiles(join(root, 'holidays'));
  const named = (options.paths ?? []).map((p) => resolve(p));
  const isHolidayFile = (file: string) => resolve(file, '..') === join(root, 'holidays') || basename(resolve(file, '..')) === 'holidays';

  const checked = named.length > 0 ? named : [...rootCalendars, ...rootHolidays];
  const calendarFiles = unique([...rootCalendars, ...named.filter((f) => !isHolidayFile(f))]);
  const holidayFiles = unique([...rootHolidays, ...named.filter(isHolidayFile)]);

  const problems: Problem[] = [];
  const entries = new Map<string, CalendarEntry>();
  for (const file of calendarFiles) {
    const label = displayName(file);
    const parsed = await parseFile(file, label, CalendarSchema, problems);
    if (!parsed) continue;
    const stem = basename(file, extname(file));
    if (parsed.id !== stem) problems.push({ file: label, path: 'id', message: `calendar id "${parsed.id}" must match the file name "${stem}"` });
    const existing = entries.get(parsed.id);
    if (existing && !named.includes(file)) {
      problems.push({ file: label, path: 'id', message: `duplicate calendar id "${parsed.id}" (also in ${existing.file})` });
      continue;
    }
    entries.set(parsed.id, { file: label, calendar: parsed });
  }
  problems.push(...checkRegistry(entries));

  const notices: HolidayYear[] = [];
  for (const file of holidayFiles) {
    const label = displayName(file);
    const parsed = await parseFile(file, label, HolidayYearSchema, problems);
    if (!parsed) continue;
    const stem = basename(file, extname(file));
    if (String(parsed.year) !== stem) {
      problems.push({ file: label, path: 'year', message: `year ${parsed.year} must match the file name "${stem}"` });
      continue;
    }
    notices.push(parsed);
  }

  const checkedLabels = new Set(checked.map(displayName));
  return {
    registry: entries,
    notices,
    workingDays: bundledWorkingDays(notices),
    problems: problems.filter((p) => checkedLabels.has(p.file)),
    files: checked.map(displayName),
  };
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir, { withFileTypes: true });
    return names
      .filter((entry) => entry.isFile() && EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts'))
      .map((entry) => join(dir, entry.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function parseFile<S extends z.ZodType>(file: string, label: string, schema: S, problems: Problem[]): Promise<z.infer<S> | undefined> {
  let raw: unknown;
  try {
    raw = await readRaw(file);
  } catch (error) {
    problems.push({ file: label, path: '', message: `cannot be read: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // Why: zod reports a bad record key as just "Invalid key in record"; the key schema's own message says why.
    const message = issue.code === 'invalid_key' && issue.issues.length > 0 ? issue.issues.map((inner) => inner.message).join('; ') : issue.message;
    problems.push({ file: label, path: issue.path.map(String).join('.'), message });
  }
  return undefined;
}

async function readRaw(file: string): Promise<unknown> {
  const extension = extname(file);
  if (extension === '.json') return JSON.parse(await readFile(file, 'utf8'));
  if (extension === '.yaml' || extension === '.yml') return YAML.parse(await readFile(file, 'utf8'));
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (module.default === undefined) throw new Error('the file has no default export (export default defineCalendar({...}))');
  return module.default;
}

function displayName(file: string): string {
  const relativePath = relative(process.cwd(), file);
  return relativePath.startsWith('..') ? file : relativePath;
}

function unique(files: string[]): string[] {
  return [...new Set(files)];
}
