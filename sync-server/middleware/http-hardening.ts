import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, type ApiErrorDetails, type Localized } from '../http-errors.ts';
import type { PublicRoutes } from './authenticate.ts';

/** Largest body of a public route (sign-in, reset, account creation, invitation): a form, no more. */
export const PUBLIC_BODY_LIMIT = 16 * 1024;
/** Largest body of a signed-in command (a delegation, the insurer contact form, a file's opening). */
export const SIGNED_IN_BODY_LIMIT = 256 * 1024;
/** Largest replication push (up to `MAX_PUSH_ROWS` documents). */
export const PUSH_BODY_LIMIT = 20 * 1024 * 1024;

const PUSH_PATH = /^\/api\/replication\/.+\/push\/?$/;

const tooLarge = (limit: Localized) => () => {
  throw new ApiError(413, limit, { reason: 'body_too_large' });
};

/**
 * Every body is measured before it is read: by its Content-Length when it has one (refused at
 * once), else while it streams in (refused as soon as it passes the limit). A route's limit is
 * the smallest its use allows, so a 100 MB body on a public route costs nothing.
 */
export function bodyLimits(publicRoutes: PublicRoutes): MiddlewareHandler {
  const push = bodyLimit({ maxSize: PUSH_BODY_LIMIT, onError: tooLarge({ fr: 'Envoi trop volumineux (20 Mo au plus) : envoyez moins de lignes à la fois.', en: 'Push too large (20 MB at most): send fewer rows at a time.' }) });
  const open = bodyLimit({ maxSize: PUBLIC_BODY_LIMIT, onError: tooLarge({ fr: 'Requête trop volumineuse (16 Ko au plus).', en: 'Request too large (16 KB at most).' }) });
  const signedIn = bodyLimit({ maxSize: SIGNED_IN_BODY_LIMIT, onError: tooLarge({ fr: 'Requête trop volumineuse (256 Ko au plus).', en: 'Request too large (256 KB at most).' }) });
  return (c, next) => (PUSH_PATH.test(c.req.path) ? push : publicRoutes.has(c) ? open : signedIn)(c, next);
}

/**
 * Security headers on every answer, errors included: Hono's `secureHeaders` (nosniff, no
 * framing, no referrer, HSTS, a CSP that allows nothing: the API serves JSON only) and
 * `Cache-Control: no-store` (answers hold health data and session tokens). Both set them after
 * the handler, on the answer it made: set before, they would make node-server rebuild every
 * JSON answer as a full `Response` (see TOOLCHAIN.md).
 */
export function securityHeaders(): MiddlewareHandler[] {
  return [
    secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, xFrameOptions: 'DENY' }),
    async (c, next) => {
      await next();
      c.res.headers.set('Cache-Control', 'no-store');
    },
  ];
}

/** At most this many refused rows in an error answer, and this many issues per row. */
export const MAX_ERROR_ROWS = 50;
export const MAX_ERROR_ISSUES = 10;

/**
 * An error answer's details, capped: a refused batch of a thousand invalid rows names the first
 * fifty (the client records them and pushes the rest again, which names the next ones), so an
 * invalid push never answers more than it sent.
 */
export function cappedDetails(details: ApiErrorDetails): ApiErrorDetails {
  const { rows, path, fields } = details;
  const capped: ApiErrorDetails = { ...details };
  if (fields && Object.keys(fields).length > MAX_ERROR_ROWS) Object.assign(capped, { fields: Object.fromEntries(Object.entries(fields).slice(0, MAX_ERROR_ROWS)) });
  if (rows) {
    Object.assign(capped, {
      rows: rows.slice(0, MAX_ERROR_ROWS).map((row) => (row.issues && row.issues.length > MAX_ERROR_ISSUES ? { ...row, issues: row.issues.slice(0, MAX_ERROR_ISSUES) } : row)),
    });
  }
  if (typeof path === 'string' && path.length > 200) Object.assign(capped, { path: `${path.slice(0, 200)}…` });
  return capped;
}
