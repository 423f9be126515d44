import express, { type RequestHandler, type Router } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from './package-root';
import { tabPageHeaders } from './security-headers';

/** Where Vite puts the built tab (`npm run build`). */
export const TAB_DIST = join(PACKAGE_ROOT, 'tab', 'dist');

const NOT_BUILT = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Gruppeforløb: fanen er ikke bygget</title></head>
<body>
<h1>Fanen er ikke bygget</h1>
<p>Kør <code>npm run build</code> og genindlæs siden.</p>
<p lang="en">The tab is not built: run <code>npm run build</code> and reload the page.</p>
</body></html>
`;

/** A file name with an extension (an asset) is looked up as a file; anything else is a route of the single-page app. */
const ASSET = /\.[A-Za-z0-9]+$/;

/**
 * The built tab under /tab: its hashed assets cached for good, its index.html for every route of the
 * single-page app, never cached, with the headers that let Teams, Outlook and the Microsoft 365 app
 * frame it. Built or not is looked at on each request, so a build while the server runs is picked up.
 */
export function tabPages(dir: string = TAB_DIST): Router {
  const router = express.Router();
  const index = resolve(dir, 'index.html');
  const assets = resolve(dir, 'assets') + sep;
  router.use(tabPageHeaders);
  router.use((req, res, next) => {
    if (existsSync(index)) return next();
    res.status(503).set('Cache-Control', 'no-store').type('html').send(NOT_BUILT);
  });
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res, path) => {
        // Vite names them by their content: a new build is a new name. They hold no personal data.
        res.setHeader('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-store');
      },
    }),
  );
  const page: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (ASSET.test(req.path)) return next();
    res.set('Cache-Control', 'no-store').sendFile(index);
  };
  router.use(page);
  return router;
}
