import express, { type ErrorRequestHandler, type RequestHandler, type Response, type Router } from 'express';
import { LINK_PURPOSES } from '../links/link-token';
import { openLink, type LinkDeps, type LinkRefusal } from '../links/open-link';
import { readLinkForm } from './link-forms';
import { CONTENT_SECURITY_POLICY, invalidLinkPage, refusedPage } from './link-pages';
import { linkPage, submitLinkForm } from './link-responses';
import { messageOf, type Log } from './log';

export interface LinkRouteDeps extends LinkDeps {
  log: Log;
}

/** An answer and a 500-character note, or a 2,000-character presentation link, fit many times over; anything bigger is not from our forms. */
export const LINK_BODY_LIMIT = '8kb';

/**
 * The links are bearer credentials in the address: never cached, never sent on as a referrer,
 * never indexed, never framed; the pages need no script, so none may run.
 */
const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Robots-Tag': 'noindex',
    'X-Content-Type-Options': 'nosniff',
  });
  next();
};

function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').send(html);
}

/**
 * Signed links for people outside Teams: `GET /l/:token` shows the page of the link's purpose (RSVP,
 * presentation, booking), `POST /l/:token` takes its form. The token in the address is the only
 * credential, so a form posts back to that same address: a site without the token cannot forge one,
 * and there is no cookie to ride on.
 */
export function linkRoutes(deps: LinkRouteDeps): Router {
  const router = express.Router();
  // One page for every refusal, so a visitor cannot tell a tampered link from an expired one; the log can.
  const refused = (res: Response, reason: LinkRefusal, linkId: string | null): void => {
    deps.log.warn(`Link afvist / link refused: ${reason}${linkId === null ? '' : ` (link ${linkId})`}`);
    send(res, 404, invalidLinkPage());
  };

  router.use('/l', pageHeaders);

  router.get('/l/:token', async (req, res) => {
    const opened = await openLink(deps, req.params.token, LINK_PURPOSES);
    if (!opened.ok) return refused(res, opened.reason, opened.linkId);
    send(res, 200, await linkPage(deps, opened.link));
  });

  router.post('/l/:token', express.urlencoded({ extended: false, limit: LINK_BODY_LIMIT }), async (req, res) => {
    const form = req.is('application/x-www-form-urlencoded') ? readLinkForm(req.body) : null;
    if (form === null) {
      const opened = await openLink(deps, req.params.token, LINK_PURPOSES);
      if (!opened.ok) return refused(res, opened.reason, opened.linkId);
      send(res, 400, refusedPage({ da: 'Svaret kunne ikke læses. Brug knapperne på siden.', en: 'The answer could not be read. Please use the buttons on the page.' }));
      return;
    }
    const shown = await submitLinkForm(deps, req.params.token, form);
    if (!shown.ok) return refused(res, shown.reason, shown.linkId);
    send(res, shown.status, shown.html);
  });

  router.use('/l', pageErrors(deps.log));
  return router;
}

/** A body too large or unreadable is the visitor's mistake; anything else is ours. Either way, a page, not JSON. */
function pageErrors(log: Log): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
    if (type === 'entity.too.large') return send(res, 413, refusedPage({ da: 'Indholdet er for stort.', en: 'The content is too large.' }));
    if (typeof type === 'string') return send(res, 400, refusedPage({ da: 'Svaret kunne ikke læses.', en: 'The answer could not be read.' }));
    log.error(`${req.method} /l/…: ${error instanceof Error && error.stack ? error.stack : messageOf(error)}`);
    send(res, 500, refusedPage({ da: 'Der skete en fejl på serveren. Prøv igen senere.', en: 'Something went wrong on the server. Please try again later.' }));
  };
}
