import type { RequestHandler } from 'express';

/**
 * The tab API's answers are personal (names, answers, for advisors dietary notes): no cache, shared
 * or private, may keep them, and a browser must never read one as anything but JSON.
 *
 * The tab's own HTML under /tab (not built yet) needs its own set when it is served: the same
 * no-store and nosniff, and a Content-Security-Policy whose frame-ancestors admit only the hosts
 * that frame a tab (Teams, Outlook, the Microsoft 365 app), since the page runs inside them.
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
