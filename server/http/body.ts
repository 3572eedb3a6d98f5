/** Reads and validates JSON request bodies with a size limit. */
import type { IncomingMessage } from 'node:http';
import type { ZodType } from 'zod';
import { HttpError, validationError } from './errors.ts';

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, 'body_too_large', `The request body is larger than ${limit} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new HttpError(413, 'body_too_large', `The request body is larger than ${limit} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
}

export async function readBody<T>(req: IncomingMessage, schema: ZodType<T>, limit: number): Promise<T> {
  const parsed = schema.safeParse(await readJson(req, limit));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
