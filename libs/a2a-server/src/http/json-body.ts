import { A2AErrors, type A2AError } from '@a2a-platform/a2a-protocol';

/** Deepest nesting of arrays and objects a request may have. */
export const MAX_JSON_DEPTH = 64;

/** A request body after decoding: a JSON value, nothing, or why it could not be read. */
export type JsonBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly error: A2AError };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Returns the deepest nesting of `[` and `{` outside strings, stopping early once it passes
 * `limit`. A linear scan: it runs before JSON.parse so that pathological bodies are refused
 * without recursion anywhere.
 */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Decodes a raw body as strict UTF-8 JSON. Never throws. */
export function decodeJsonBody(raw: Buffer): JsonBody {
  if (raw.length === 0) return { kind: 'empty' };
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { kind: 'invalid', error: A2AErrors.parseError('The request body is not valid UTF-8') };
  }
  if (text.trim() === '') return { kind: 'empty' };
  if (nestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return {
      kind: 'invalid',
      error: A2AErrors.invalidRequest(
        `The request nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`,
      ),
    };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (err) {
    return {
      kind: 'invalid',
      error: A2AErrors.parseError(
        `Invalid JSON payload: ${err instanceof Error ? err.message : String(err)}`,
      ),
    };
  }
}
