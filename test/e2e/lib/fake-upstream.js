// A scripted Anthropic-style provider on 127.0.0.1 for the e2e tests: answers POST …/v1/messages with a short
// assistant message and remembers every body it received, so a test can see exactly what the proxy sent upstream.
// Two scripted turns: `dropNext()` cuts the next request's connection (the proxy must answer 502), and a question
// starting "RETRIEVE hr_…" is answered with a headroom_retrieve call for that id, as a model would ask for it.
const http = require('http');

/** The retrieve call a model makes, as Anthropic's JSON answer; the proxy answers it and asks again. */
function retrieveCall(id, model) {
  return {
    id: 'msg_retrieve',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'tool_use', id: 'toolu_retrieve', name: 'headroom_retrieve', input: { id } }],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  };
}

function startFakeUpstream() {
  const received = [];
  let drop = 0;
  const server = http.createServer((req, res) => {
    if (drop > 0) {
      drop--;
      req.socket.destroy();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      received.push({ method: req.method, url: req.url, headers: req.headers, text, body });
      if (req.method !== 'POST' || !/\/v1\/messages$/.test((req.url || '').split('?')[0])) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no route ${req.url}` } }));
        return;
      }
      const messages = (body && body.messages) || [];
      const question = typeof messages[0]?.content === 'string' ? messages[0].content : '';
      const asked = /^RETRIEVE (hr_[0-9a-f]{16})/.exec(question);
      const answered = JSON.stringify(messages[messages.length - 1] || {}).includes('toolu_retrieve');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (asked && !answered)
        return res.end(JSON.stringify(retrieveCall(asked[1], (body && body.model) || 'claude-test')));
      res.end(
        JSON.stringify({
          id: `msg_${received.length}`,
          type: 'message',
          role: 'assistant',
          model: (body && body.model) || 'claude-test',
          content: [{ type: 'text', text: 'ok' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 1 },
        }),
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = server.address().port;
      resolve({
        port,
        base: `http://127.0.0.1:${port}/v1`,
        received,
        dropNext: () => drop++,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** An Anthropic Messages body whose last turn is a tool_result holding `toolOutput` (what an agent sends). */
function messagesBody(question, command, toolOutput, model = 'claude-test') {
  return {
    model,
    max_tokens: 256,
    tools: [
      {
        name: 'Bash',
        description: 'Run a shell command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } } },
      },
    ],
    messages: [
      { role: 'user', content: question },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: toolOutput }] },
    ],
  };
}

/** The same, for a file read (`Read` with `file_path`: the engine takes the language from the file name). */
function readFileBody(question, filePath, content, model = 'claude-test') {
  return {
    model,
    max_tokens: 256,
    messages: [
      { role: 'user', content: question },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_2', name: 'Read', input: { file_path: filePath } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content }] },
    ],
  };
}

/** Sends a body through the proxy as Claude Code would; resolves with the HTTP status and text. */
async function sendThroughProxy(proxyUrl, body, agent = 'claude-cli/1.0.0 (e2e)') {
  const res = await fetch(`${proxyUrl}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'sk-test',
      'anthropic-version': '2023-06-01',
      'user-agent': agent,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

module.exports = { startFakeUpstream, messagesBody, readFileBody, sendThroughProxy };
