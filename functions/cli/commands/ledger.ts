/**
 * `fazhi ledger`: fetches a year's board from the admin API and writes the evidence ledger (台账)
 * under --out: office pages, index, CSV and the evidence manifest.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { UnknownOfficeError } from '../../core/ledger/model.js';
import { type LedgerFile, renderLedger } from '../../core/ledger/render.js';
import { ADMIN_TOKEN_GONE, AdminApiError, DEFAULT_API, downloadEvidence, fetchAudit, fetchBoard, resolveApiToken } from '../admin-api.js';
import type { Io } from '../io.js';

export interface LedgerOptions {
  calendar: string;
  year: number;
  office?: string;
  out: string;
  api?: string;
  apiToken?: string;
  /** Gone (the shared admin token): refused with what replaced it. */
  adminToken?: string;
  force?: boolean;
  /** Download every evidence file into the folder (under its key), checking each file's SHA-256. */
  withEvidence?: boolean;
}

/** What the command reads from its surroundings; tests pass their own. */
export interface LedgerContext {
  env: Record<string, string | undefined>;
  cwd: string;
  fetch: typeof fetch;
}

const processContext = (): LedgerContext => ({ env: process.env, cwd: process.cwd(), fetch });

export async function ledgerCommand(options: LedgerOptions, io: Io, context: LedgerContext = processContext()): Promise<number> {
  const out = resolve(context.cwd, options.out);
  try {
    // Checked before any network call, so a wrong folder fails fast.
    await checkOutDir(out, options.out, options.force === true);
    if (options.adminToken !== undefined) throw new AdminApiError(`--admin-token: ${ADMIN_TOKEN_GONE}`);
    const admin = resolveApiToken(options.apiToken, context.env, context.cwd);
    const api = options.api ?? DEFAULT_API;
    const board = await fetchBoard(api, admin, options.calendar, options.year, context.fetch);
    const audit = await fetchAudit(api, admin, options.calendar, options.year, context.fetch);
    const ledger = renderLedger(board, { ...(options.office === undefined ? {} : { office: options.office }), withEvidence: options.withEvidence === true, audit });
    await writeFiles(out, ledger.files);
    let downloaded = 0;
    if (options.withEvidence) {
      for (const entry of ledger.manifest.files) {
        const content = await downloadEvidence(api, admin, entry.key, context.fetch);
        const actual = createHash('sha256').update(content).digest('hex');
        // The archive must prove what was uploaded: a file that changed since is a finding, not a copy.
        if (actual !== entry.sha256) throw new EvidenceMismatchError(`evidence ${entry.key} does not match the ledger: SHA-256 ${actual}, recorded ${entry.sha256} at upload`);
        await writeFiles(out, [{ path: entry.key, content }]);
        downloaded += 1;
      }
    }
    const pages = ledger.files.filter((f) => f.path.startsWith('offices/')).map((f) => f.path);
    const { stats } = ledger;
    io.out(`台账已写入 ${out}`);
    io.out(`  目录：index.html`);
    io.out(`  处室页面 ${pages.length} 个：${pages.join('、')}`);
    io.out(`  ledger.csv：事项 ${stats.occurrences} 行`);
    io.out(`  audit.csv：审计日志 ${stats.auditEntries} 条（其 SHA-256 列入 manifest.sha256）`);
    io.out(`  manifest.json、manifest.sha256：证据文件 ${stats.evidenceFiles} 个`);
    io.out(
      options.withEvidence
        ? `  证据文件已下载 ${downloaded} 个并逐一核对 SHA-256；在该文件夹运行 sha256sum -c manifest.sha256 可再次校验`
        : '  证据文件未下载：加 --with-evidence 下载到该文件夹，即可用 sha256sum -c manifest.sha256 校验',
    );
    io.out(`  缺口 ${stats.gaps} 项${stats.gaps > 0 ? '（见各处室页面的“缺口”部分）' : ''}`);
    return 0;
  } catch (error) {
    if (error instanceof AdminApiError || error instanceof UnknownOfficeError || error instanceof OutDirError || error instanceof EvidenceMismatchError) {
      io.err(`fazhi ledger: ${error.message}`);
      return 1;
    }
    io.err(`fazhi ledger: failed: ${(error as Error).message}`);
    return 1;
  }
}

class OutDirError extends Error {
  override readonly name = 'OutDirError';
}

class EvidenceMismatchError extends Error {
  override readonly name = 'EvidenceMismatchError';
}

async function checkOutDir(out: string, given: string, force: boolean): Promise<void> {
  const info = await stat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info === null) return;
  if (!info.isDirectory()) throw new OutDirError(`--out ${given} is a file, not a folder`);
  if (!force && (await readdir(out)).length > 0) throw new OutDirError(`--out ${given} is not empty: choose a new folder, or pass --force to write into it`);
}

async function writeFiles(out: string, files: (LedgerFile | { path: string; content: Buffer })[]): Promise<void> {
  await mkdir(out, { recursive: true });
  for (const file of files) {
    const target = resolve(out, file.path);
    // The renderer makes safe paths; this keeps a surprise from writing outside --out.
    if (!target.startsWith(out + sep)) throw new OutDirError(`refusing to write ${file.path} outside ${out}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}
