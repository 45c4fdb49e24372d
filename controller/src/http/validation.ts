import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError } from '../domain/types.ts';

/** Parses a JSON body against a schema; malformed JSON and invalid fields become clear 400/422 errors. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json'))
    throw new DomainError('unsupported_media_type', 'Send the body as application/json.', 415);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    if ((error as { status?: number }).status === 413) throw error;
    throw new DomainError('invalid_json', 'The request body is not valid JSON.', 400);
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    throw new DomainError('invalid_field', `${field}: ${issue.message}`, 422, { field });
  }
  return result.data;
}
