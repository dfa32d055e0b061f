import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent byte for byte: `fetch` would resolve `..` and re-encode what a hostile client sends as is. */
  path: string;
  headers?: Record<string, string>;
  /** Raw JSON text, so that `1e400`, `-0` or `NaN` reach the server as typed. */
  body?: string;
}

export interface RawResponse {
  status: number;
  contentType: string;
  /** The parsed JSON body, or undefined when it is not JSON (or an event stream). */
  json: unknown;
  text: string;
}

const TIMEOUT_MS = 5_000;

/**
 * One request over a real socket. An event stream never ends, so it is closed
 * as soon as its headers arrive; any other answer that takes longer than
 * TIMEOUT_MS is a hang, and rejects.
 */
export function sendRaw(
  server: Server,
  { method, path, headers = {}, body }: RawRequest,
): Promise<RawResponse> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        timeout: TIMEOUT_MS,
        // A connection of its own: a reused one may be the one the server just closed after a malformed request.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const contentType = response.headers['content-type'] ?? '';
        if (contentType.startsWith('text/event-stream')) {
          request.destroy();
          resolve({ status, contentType, json: undefined, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status,
            contentType,
            json: contentType.startsWith('application/json') ? parseJson(text) : undefined,
            text,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`${method} ${path} hung for ${TIMEOUT_MS} ms`)),
    );
    request.on('error', reject);
    request.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
