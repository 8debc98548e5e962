/** Builds the signed upload links that e-mails carry. */
import { issueToken } from '../capability.js';

export interface LinkSettings {
  baseUrl: string;
  secret: string;
  ttlDays: number;
}

export function uploadUrl(settings: LinkSettings, calendar: string, office: string, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + settings.ttlDays * 86_400;
  return `${settings.baseUrl.replace(/\/$/, '')}/upload?token=${issueToken({ calendar, office, expiresAt }, settings.secret)}`;
}
