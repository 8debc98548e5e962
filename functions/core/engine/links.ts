/** Builds the signed upload links that e-mails carry. */
import { issueToken } from '../capability.js';

export interface LinkSettings {
  baseUrl: string;
  secret: string;
  ttlDays: number;
  /** The office's current link key version (see `fazhi links rotate`); 0 where none is kept. */
  keyVersion?: (calendar: string, office: string) => Promise<number>;
}

export async function uploadUrl(settings: LinkSettings, calendar: string, office: string, now: Date): Promise<string> {
  const expiresAt = Math.floor(now.getTime() / 1000) + settings.ttlDays * 86_400;
  const keyVersion = settings.keyVersion ? await settings.keyVersion(calendar, office) : 0;
  return `${settings.baseUrl.replace(/\/$/, '')}/upload?token=${issueToken({ calendar, office, expiresAt, keyVersion }, settings.secret)}`;
}
