import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { adminApp } from './admin.ts';
import { clerkApp } from './clerk.ts';
import type { HttpDeps } from './deps.ts';
import { errorBody, handleError } from './errors.ts';
import { kioskApp } from './kiosk.ts';
import { hasMailroom, mailroomAdminApp, mailroomApp } from './mailroom.ts';
import { hasOutgoing, outgoingApp } from './outgoing.ts';
import { simApp } from './sim.ts';

/** The whole HTTP surface: API sub-apps, then the built kiosk UI with SPA fallback. */
export function createHttpApp(deps: HttpDeps) {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.config.http.maxBodyBytes,
      onError: (c) => c.json(errorBody('body_too_large', `Request bodies are limited to ${deps.config.http.maxBodyBytes} bytes.`), 413),
    }),
  );
  app.onError((error, c) => handleError(error, c, deps.log));
  const allowedHosts = new Set(['localhost', '127.0.0.1', '[::1]', deps.config.http.host, ...deps.config.http.allowedHosts].map((h) => h.toLowerCase()));
  app.use('*', async (c, next) => {
    // A page on another site that rebinds its DNS name to this machine would still send its own Host.
    if (!allowedHosts.has(new URL(c.req.url).hostname.toLowerCase()))
      return c.json(errorBody('unknown_host', 'This controller does not answer to that host name (see http.allowedHosts).'), 421);
    await next();
  });

  app.route('/api', kioskApp(deps));
  if (deps.simulator) app.route('/api/sim', simApp(deps, deps.simulator));
  if (hasMailroom(deps)) {
    app.route('/api/admin', mailroomAdminApp(deps));
    app.route('/api', mailroomApp(deps));
  }
  if (hasOutgoing(deps)) app.route('/api', outgoingApp(deps));
  app.route('/api/admin', adminApp(deps));
  app.route('/api', clerkApp(deps));
  app.all('/api/*', (c) => c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404));

  if (deps.uiDir && existsSync(deps.uiDir)) {
    app.use('/*', serveStatic({ root: deps.uiDir }));
    app.get('*', serveStatic({ root: deps.uiDir, path: 'index.html' }));
  } else {
    app.get('/', (c) => c.text('The kiosk UI is not built: run `npm run build:ui`.', 503));
  }
  return app;
}
