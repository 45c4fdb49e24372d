import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { PROMETHEUS_CONTENT_TYPE } from './metrics.ts';
import type { WallMetrics } from './wall-metrics.ts';

/**
 * `GET /metrics` for Prometheus. It names no person, but it tells how busy the wall is: keep the HTTP
 * listener on 127.0.0.1 (the default) or scrape through a reverse proxy with authentication.
 */
export function metricsApp(metrics: WallMetrics) {
  const app = new Hono();
  app.get('/metrics', (c) => c.body(metrics.render(), 200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' }));
  return app;
}

/** Counts every HTTP answer by status class; mount it first so errors shaped by onError are counted too. */
export function countResponses(metrics: WallMetrics) {
  return createMiddleware(async (c, next) => {
    await next();
    metrics.observeHttpResponse(c.res.status);
  });
}
