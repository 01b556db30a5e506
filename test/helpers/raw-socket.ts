import * as net from 'node:net';

export interface RawExchange {
  /** Everything the server sent before it closed the connection. */
  text: string;
  /** The status code of the first response line; undefined when the server closed without answering. */
  status?: number;
  /** The body after the first blank line. */
  body: string;
}

/**
 * Sends bytes exactly as given to 127.0.0.1:`port` over a plain socket (no HTTP client normalises the request line)
 * and resolves with what comes back once the server closes the connection.
 */
export function rawExchange(port: number, request: string): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      const split = text.indexOf('\r\n\r\n');
      resolve({ text, status: status ? Number(status) : undefined, body: split < 0 ? '' : text.slice(split + 4) });
    });
    socket.write(request);
  });
}
