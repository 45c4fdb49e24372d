import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../domain/types.ts';

export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** One place that shapes every error: a code and a message a person can act on, never a stack trace. */
export function handleError(error: Error, c: Context, log: (msg: string, extra: Record<string, unknown>) => void) {
  if (error instanceof DomainError) {
    if (error.status === 429 && error.details?.retryAfterSeconds) c.header('Retry-After', String(error.details.retryAfterSeconds));
    return c.json(errorBody(error.code, error.message, error.details), error.status as ContentfulStatusCode);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? 'body_too_large' : status === 404 ? 'not_found' : 'bad_request';
    return c.json(errorBody(code, error.message || 'The request was refused.'), status as ContentfulStatusCode);
  }
  if ((error as { code?: string }).code === 'SQLITE_FULL')
    return c.json(errorBody('storage_full', 'The controller disk is full: nothing was changed. Tell facilities.'), 507);
  log('unhandled error', { error: error.message, stack: error.stack, path: c.req.path });
  return c.json(errorBody('internal', 'Something went wrong in the controller; nothing was changed. Try again.'), 500);
}
