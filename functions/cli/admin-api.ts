/**
 * The CLI's client of the admin API: where the account's API token comes from, and fetching the board
 * and the audit log with errors that say what to do (start the engine, fix the token, materialise the year).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry } from '../core/access/audit.js';
import type { BoardView } from '../core/engine/views.js';

/** Local mode (`npm start`) serves the API here. */
export const DEFAULT_API = 'http://127.0.0.1:3000';
export const SECRETS_FILE = join('.fazhi', 'secrets.json');

/** A failure the user can fix; the message says how. */
export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
}

export interface AdminToken {
  token: string;
  /** Where it came from, so a refusal can name what to fix. */
  source: string;
}

/** What replaced the shared admin token: said to whoever still passes it. */
export const ADMIN_TOKEN_GONE = 'the shared admin token is gone: create an API token for your account with `fazhi accounts token --email <you>` and pass it as --api-token or FAZHI_API_TOKEN';

/** --api-token, else $FAZHI_API_TOKEN, else the bootstrap admin's apiToken local mode keeps in .fazhi/secrets.json. */
export function resolveApiToken(given: string | undefined, env: Record<string, string | undefined>, cwd: string): AdminToken {
  if (given) return { token: given, source: '--api-token' };
  if (env.FAZHI_API_TOKEN) return { token: env.FAZHI_API_TOKEN, source: 'FAZHI_API_TOKEN' };
  const file = join(cwd, SECRETS_FILE);
  if (existsSync(file)) {
    let secrets: unknown;
    try {
      secrets = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AdminApiError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const token = (secrets as { apiToken?: unknown } | null)?.apiToken;
    if (typeof token === 'string' && token) return { token, source: SECRETS_FILE };
  }
  if (env.FAZHI_ADMIN_TOKEN) throw new AdminApiError(`FAZHI_ADMIN_TOKEN is set, but ${ADMIN_TOKEN_GONE}`);
  throw new AdminApiError(`no API token: pass --api-token, set FAZHI_API_TOKEN, or run from the folder where \`npm start\` wrote ${SECRETS_FILE}`);
}

export async function fetchBoard(api: string, admin: AdminToken, calendar: string, year: number, fetchImpl: typeof fetch = fetch): Promise<BoardView> {
  try {
    new URL(api);
  } catch {
    throw new AdminApiError(`--api "${api}" is not a URL (e.g. ${DEFAULT_API})`);
  }
  // Appended, not resolved, so a base with a stage path (…/prod) keeps it.
  const url = `${api.replace(/\/+$/, '')}/api/admin/board?calendar=${encodeURIComponent(calendar)}&year=${year}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { authorization: `Bearer ${admin.token}`, accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new AdminApiError(`cannot reach the fazhi API at ${api} (${why}): start the local engine with \`npm start\` or pass --api URL`);
  }
  const text = await response.text();
  const serverSays = errorOf(text);
  if (response.status === 401)
    throw new AdminApiError(`the API at ${api} refused the API token from ${admin.source} (401 ${serverSays}): pass a valid --api-token (\`fazhi accounts token\` creates one)`);
  if (response.status === 403) throw new AdminApiError(`the account of the API token from ${admin.source} may not read calendar "${calendar}" (403 ${serverSays})`);
  if (response.status === 404) throw new AdminApiError(`calendar "${calendar}" year ${year} is not available at ${api} (404 ${serverSays}): materialise it first (deploy, or \`npm start\` locally)`);
  if (!response.ok) throw new AdminApiError(`the API at ${api} answered HTTP ${response.status}: ${serverSays}`);
  const board = parseJson(text) as Partial<BoardView> | null;
  if (!board || typeof board !== 'object' || !Array.isArray(board.cells) || !Array.isArray(board.offices) || !Array.isArray(board.tasks) || !board.calendar) {
    throw new AdminApiError(`the API at ${api} did not answer with a board (is --api the fazhi API?)`);
  }
  return board as BoardView;
}

/** The year's audit log (GET /api/admin/audit): the items' entries, and the general ones for an admin. */
export async function fetchAudit(api: string, admin: AdminToken, calendar: string, year: number, fetchImpl: typeof fetch = fetch): Promise<AuditEntry[]> {
  const url = `${api.replace(/\/+$/, '')}/api/admin/audit?calendar=${encodeURIComponent(calendar)}&year=${year}`;
  const response = await fetchImpl(url, { headers: { authorization: `Bearer ${admin.token}`, accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  if (!response.ok) throw new AdminApiError(`the API at ${api} did not give the audit log: HTTP ${response.status} ${errorOf(text)}`);
  const entries = parseJson(text);
  if (!Array.isArray(entries)) throw new AdminApiError(`the API at ${api} did not answer with an audit log (is --api the fazhi API?)`);
  return entries as AuditEntry[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorOf(text: string): string {
  const body = parseJson(text) as { error?: unknown } | null;
  return typeof body?.error === 'string' ? body.error : text.slice(0, 200) || 'no message';
}

/**
 * Downloads one evidence file: asks the API for a short-lived link (GET /api/admin/file), then fetches it.
 * Throws AdminApiError saying which file and why.
 */
export async function downloadEvidence(api: string, admin: AdminToken, key: string, fetchImpl: typeof fetch = fetch): Promise<Buffer> {
  const linkUrl = `${api.replace(/\/+$/, '')}/api/admin/file?key=${encodeURIComponent(key)}`;
  const answer = await fetchImpl(linkUrl, { headers: { authorization: `Bearer ${admin.token}`, accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
  const text = await answer.text();
  if (!answer.ok) throw new AdminApiError(`no download link for ${key}: HTTP ${answer.status} ${errorOf(text)}`);
  const link = (parseJson(text) as { url?: unknown } | null)?.url;
  if (typeof link !== 'string') throw new AdminApiError(`no download link for ${key}: the API answered without a url`);
  const file = await fetchImpl(link, { signal: AbortSignal.timeout(300_000) });
  if (!file.ok) throw new AdminApiError(`cannot download ${key}: HTTP ${file.status}`);
  return Buffer.from(await file.arrayBuffer());
}
