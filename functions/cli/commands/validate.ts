import { type Catalog, loadCatalog } from '../../adapters/calendar-files.js';
import { formatProblem } from '../../core/errors.js';
import type { Io } from '../io.js';

/** `fazhi validate [paths…]`: 0 when every file is valid, else 1 with every problem listed. */
export async function validateCommand(paths: string[], options: { root?: string }, io: Io): Promise<number> {
  const catalog = await loadCatalog({ paths, ...(options.root ? { root: options.root } : {}) });
  if (catalog.problems.length > 0) {
    reportProblems(catalog, io);
    return 1;
  }
  const years = catalog.workingDays.coveredYears();
  io.out(`${catalog.files.length} file(s) valid (${catalog.registry.size} calendar(s); holiday data ${years[0]}–${years.at(-1)})`);
  return 0;
}

/** Every problem as `file: path.to.field: message`, then a count; what validate and sync print. */
export function reportProblems(catalog: Pick<Catalog, 'problems' | 'files'>, io: Io): void {
  for (const problem of catalog.problems) io.err(formatProblem(problem));
  io.err(`${catalog.problems.length} problem(s) in ${new Set(catalog.problems.map((p) => p.file)).size} of ${catalog.files.length} file(s)`);
}
