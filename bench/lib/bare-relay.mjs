// The floor for bench/proxy-latency.ts's load section: a Node HTTP relay that reads each request body whole and
// forwards it unchanged (keep-alive pool, response piped back). No parsing, no compression, no store: what any proxy
// written on Node adds on this machine before it does any work of its own. Prints `listening on URL` like
// `headroom proxy`. Usage: node bench/lib/bare-relay.mjs UPSTREAM_URL
import * as http from 'node:http';

const target = new URL(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        agent,
        headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    up.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
