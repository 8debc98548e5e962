/**
 * The pages as the api handler serves them: a static HTML document per page whose script and stylesheet
 * are the bundles built from functions/web/client/ (see functions/web/build.ts), served under
 * content-hashed paths, with a Content-Security-Policy that allows exactly those: the script by a nonce
 * drawn for each response (and its SRI hash), the stylesheet from the API's own origin, connections to the
 * API and to the evidence bucket the browser uploads to. Nothing inline: no script, no style, no handler
 * attribute (tests/unit/page-security.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { WEB_ASSETS, type WebAsset } from '../../web/generated/assets.js';

export type PageName = 'board' | 'upload' | 'signin';

/** A fresh nonce per response: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The whole document: head with the stylesheet and the page's deferred script, then `body`. */
export function pageDocument(page: PageName, title: string, nonce: string, body: string): string {
  const script = WEB_ASSETS[page];
  return htmlDocument(title, `<script src="${script.path}" integrity="${script.integrity}" nonce="${nonce}" defer></script>`, body);
}

/** A document with the pages' stylesheet (SRI), `title` (HTML-safe) and `head` (a script, or nothing) around `body`. */
export function htmlDocument(title: string, head: string, body: string): string {
  const style = WEB_ASSETS.style;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="${style.path}" integrity="${style.integrity}">
${head}
</head>
${body}
</html>`;
}

/**
 * The pages' policy. `default-src 'none'` and then only what they use: the page's script (nonce), the
 * stylesheet and images from 'self' (plus the empty data: favicon), fetches to the API ('self') and the PUTs
 * of presigned uploads to the evidence bucket's origin (absent where no browser uploads, in memory).
 */
export function contentSecurityPolicy(nonce: string, evidenceOrigin: string | undefined): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${evidenceOrigin ? ` ${evidenceOrigin}` : ''}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A bundle by its served path (`/assets/board.<hash>.js`), or undefined. */
export function assetAt(path: string): WebAsset | undefined {
  return Object.values(WEB_ASSETS).find((asset) => asset.path === path);
}
