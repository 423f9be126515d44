import type { RequestHandler } from 'express';

/**
 * The tab API's answers are personal (names, answers, for advisors dietary notes): no cache, shared
 * or private, may keep them, and a browser must never read one as anything but JSON.
 *
 * The tab's own pages under /tab have their own set: see tabPageHeaders.
 */
export const apiHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
  });
  next();
};

/**
 * The hosts that frame a tab, as Microsoft lists them for a tab's frame-ancestors (Teams, the
 * Microsoft 365 app, Outlook on the web, and *.cloud.microsoft, where all of them are moving).
 */
export const TAB_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
] as const;

/**
 * The tab's pages run inside Teams, Outlook and the Microsoft 365 app, so they may be framed by
 * those hosts alone (and no X-Frame-Options, which knows no list of hosts). Scripts, data and
 * everything else come from this server only, but for teams-js's list of valid origins; styles may
 * be inline, since Fluent UI writes its styles into <style> elements at run time.
 */
export const tabPageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      // teams-js fetches Microsoft's current list of the hosts it may talk to (with a built-in fallback).
      "connect-src 'self' https://res.cdn.office.net",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      `frame-ancestors ${TAB_FRAME_ANCESTORS.join(' ')}`,
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
  });
  next();
};
