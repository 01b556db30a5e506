import type { IncomingMessage, ServerResponse } from 'node:http';
import { parsePauseBody, type PauseSwitch } from './pause.js';
import { readBody } from './read-body.js';
import { sendError } from './respond.js';

const sendJson = (res: ServerResponse, value: unknown) => {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
};

/**
 * `GET /pause` answers `{"paused": bool}`; `PUT /pause` with `{"paused": bool}` sets it and answers the new state.
 * Reached only through the proxy's Host/Origin check (security.ts) like every route; a PUT must also say
 * `content-type: application/json`, which no page can send cross-origin without a preflight the proxy never grants.
 */
export async function handlePause(req: IncomingMessage, res: ServerResponse, pause: PauseSwitch): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') return sendJson(res, { paused: pause.paused });
  if (req.method !== 'PUT')
    return sendError(res, 405, 'method_not_allowed', 'use GET or PUT on /pause', { allow: 'GET, PUT' });
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return sendError(res, 415, 'unsupported_media_type', 'PUT /pause takes application/json');
  const body = await readBody(req, 1024);
  if (!body.ok)
    return sendError(res, 413, 'request_too_large', 'PUT /pause takes {"paused": true|false}', { connection: 'close' });
  const paused = parsePauseBody(body.bytes.toString('utf8'));
  if (paused === undefined) return sendError(res, 400, 'invalid_request', 'PUT /pause takes {"paused": true|false}');
  pause.set(paused);
  sendJson(res, { paused: pause.paused });
}
