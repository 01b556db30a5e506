#!/usr/bin/env node
// Fake LLM provider for driving real coding agents offline.
// COPY of /work/shared/agents/fake-provider.js extended for Headroom Learn's fixtures: env CMDS (a JSON array of
// shell commands) scripts a SEQUENCE of tool calls — the Nth request that already carries N tool results asks for
// CMDS[N]; once every command has a result, the model answers with final text. Without CMDS it behaves as the
// original (one call running $CMD).
// Implements (enough of): Anthropic Messages (+count_tokens), OpenAI Chat Completions,
// OpenAI Responses, Gemini generateContent/streamGenerateContent, GET /v1/models.
// Script: first request that offers tools -> a shell tool call running $CMD;
// any request whose conversation already holds a tool result -> short final text.
// Requests without tools -> short plain text ("ok title").
// Every request is appended to $LOG as one JSON line (auth header values redacted).
//
// usage: PORT=18080 LOG=/tmp/x.jsonl CMD='ls -la' node fake-provider.js
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const zlib = require('node:zlib');

const PORT = +(process.env.PORT || 18080);
const HOST = process.env.HOST || '127.0.0.1';
const LOG = process.env.LOG || `${process.env.AGENTS_DIR || '/tmp/agents-try'}/logs/provider-${PORT}.jsonl`;
const CMDS = process.env.CMDS ? JSON.parse(process.env.CMDS) : [process.env.CMD || 'ls -la'];
let CMD = CMDS[0];
// Optional per-turn scripts: env CMDS_BY_PROMPT = {"substring of a user message": ["cmd", ...], ...}. The last user
// message containing a key picks the script, and only tool results after it count — so a resumed session's
// follow-up prompt ("no, use npm test") runs its own commands.
const BY_PROMPT = process.env.CMDS_BY_PROMPT ? JSON.parse(process.env.CMDS_BY_PROMPT) : null;
// `items`: the conversation in order, each {text} (user-authored text) or {tr} (a tool result).
// Returns the last tool result when the active script is done (→ final answer), else null after setting CMD.
function step(items) {
  let script = CMDS,
    from = 0;
  if (BY_PROMPT) {
    for (let i = items.length - 1; i >= 0 && from === 0; i--) {
      const t = items[i].text;
      if (t === undefined) continue;
      const key = Object.keys(BY_PROMPT).find((k) => t.includes(k));
      if (key) {
        script = BY_PROMPT[key];
        from = i + 1;
      }
    }
  }
  const results = items
    .slice(from)
    .filter((x) => x.tr)
    .map((x) => x.tr);
  CMD = script[Math.min(results.length, script.length - 1)];
  return results.length >= script.length ? results[results.length - 1] : null;
}
const FINAL_PREFIX = process.env.FINAL_PREFIX || 'FINAL ANSWER:';
const CHUNK_DELAY_MS = +(process.env.CHUNK_DELAY_MS || 0);
let seq = 0;

const SECRET_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'proxy-authorization',
]);
function redactHeaders(h) {
  const o = {};
  for (const [k, v] of Object.entries(h)) {
    if (SECRET_HEADERS.has(k.toLowerCase())) {
      const s = String(v);
      const m = s.match(/^(\w+)\s+/);
      o[k] = `<redacted${m ? ' scheme=' + m[1] : ''} len=${s.length}>`;
    } else o[k] = v;
  }
  return o;
}
function log(entry) {
  fs.appendFileSync(LOG, JSON.stringify(entry) + '\n');
}
const id = (p) => p + Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function decodeBody(buf, enc) {
  enc = (enc || '').toLowerCase();
  try {
    if (enc === 'gzip') return zlib.gunzipSync(buf);
    if (enc === 'deflate') return zlib.inflateSync(buf);
    if (enc === 'br') return zlib.brotliDecompressSync(buf);
    if (enc === 'zstd' && zlib.zstdDecompressSync) return zlib.zstdDecompressSync(buf);
  } catch (e) {
    return null;
  }
  if (enc === 'zstd') {
    // node < 22.15 has no zstd in zlib: fall back to the zstd CLI if present
    try {
      const r = require('node:child_process').spawnSync('zstd', ['-dcq'], { input: buf });
      if (r.status === 0) return r.stdout;
    } catch {}
    return null;
  }
  return buf;
}

// ---------- tool selection ----------
const PREFERRED = [
  'Bash',
  'bash',
  'shell',
  'shell_command',
  'exec_command',
  'local_shell',
  'execute_command',
  'run_terminal_command',
  'run_shell_command',
  'run_commands',
  'terminal',
  'Shell',
  'run_command',
  'command',
];
function pickTool(tools) {
  // tools: [{name, schema}]
  if (!tools || !tools.length) return null;
  if (process.env.BOGUS_TOOL)
    return {
      name: process.env.BOGUS_TOOL,
      schema: { properties: { command: { type: 'string' } }, required: ['command'] },
      kind: 'function',
    };
  for (const n of PREFERRED) {
    const t = tools.find((x) => x.name === n);
    if (t) return t;
  }
  return tools.find((x) => /shell|bash|command|terminal|exec/i.test(x.name)) || null;
}
function argsFor(tool) {
  const s = tool.schema || {};
  const props = s.properties || {};
  const req = s.required || Object.keys(props);
  const a = {};
  const setCmd = (k) => {
    const t = props[k] && props[k].type;
    if (t === 'array') a[k] = ['bash', '-lc', CMD];
    else a[k] = CMD;
  };
  let did = false;
  for (const k of ['command', 'cmd', 'commands', 'script', 'input']) {
    if (props[k]) {
      if (k === 'commands' && props[k].type === 'array') {
        const it = props[k].items || {};
        a[k] = it.type === 'object' ? [{ command: CMD }] : [CMD];
      } else setCmd(k);
      did = true;
      break;
    }
  }
  if (!did) a.command = CMD;
  for (const k of req) {
    if (a[k] !== undefined) continue;
    const p = props[k] || {};
    if (k === 'description') a[k] = 'List files in the working directory';
    else if (k === 'requires_approval') a[k] = false;
    else if (k === 'is_background' || k === 'run_in_background') a[k] = false;
    else if (k === 'timeout' || k === 'timeout_ms') a[k] = 60000;
    else if (k === 'workdir' || k === 'cwd' || k === 'directory' || k === 'dir_path')
      a[k] = process.env.TOOL_CWD || '.';
    else if (k === 'justification') a[k] = 'scripted test';
    else if (p.enum) a[k] = p.enum[0];
    else if (p.type === 'boolean') a[k] = false;
    else if (p.type === 'number' || p.type === 'integer') a[k] = 60;
    else if (p.type === 'array') a[k] = [];
    else if (p.type === 'object') a[k] = {};
    else a[k] = 'x';
  }
  return a;
}
const finalText = (toolOut) =>
  `${FINAL_PREFIX} the command ran. First line of its output: ${
    String(toolOut || '')
      .split('\n')
      .find((l) => l.trim()) || '(empty)'
  }`.slice(0, 300);

// ---------- Anthropic ----------
function anthropicTools(body) {
  return (body.tools || []).filter((t) => t.name).map((t) => ({ name: t.name, schema: t.input_schema }));
}
function anthropicToolResult(body) {
  const items = [];
  for (const m of body.messages || []) {
    if (typeof m.content === 'string') {
      if (m.role === 'user') items.push({ text: m.content });
      continue;
    }
    if (Array.isArray(m.content))
      for (const b of m.content) {
        if (b.type === 'tool_result') {
          const c = Array.isArray(b.content) ? b.content.map((x) => x.text || '').join('\n') : b.content;
          items.push({
            tr: { text: String(c || ''), is_error: !!b.is_error, cache_control: b.cache_control || null, raw: b },
          });
        } else if (b.type === 'text' && m.role === 'user') items.push({ text: b.text || '' });
      }
  }
  return items;
}
async function anthropic(req, res, body, entry) {
  const tr = step(anthropicToolResult(body));
  const tools = anthropicTools(body);
  const tool = tr ? null : pickTool(tools);
  let content;
  if (tr) content = [{ type: 'text', text: finalText(tr.text) }];
  else if (tool)
    content = [
      { type: 'text', text: 'I will run a command.' },
      { type: 'tool_use', id: id('toolu_'), name: tool.name, input: argsFor(tool) },
    ];
  else content = [{ type: 'text', text: tools.length ? 'No shell tool available.' : 'ok title' }];
  const stop = content.some((c) => c.type === 'tool_use') ? 'tool_use' : 'end_turn';
  entry.reply = { proto: 'anthropic', stream: !!body.stream, stop, content };
  if (tr)
    entry.toolResultSeen = { is_error: tr.is_error, cache_control: tr.cache_control, text: tr.text.slice(0, 500) };
  const usage = { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const msg = {
    id: id('msg_'),
    type: 'message',
    role: 'assistant',
    model: body.model || 'claude-fake',
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage,
  };
  if (!body.stream) return json(res, 200, msg, { 'request-id': id('req_') });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': id('req_') });
  const ev = async (t, d) => {
    res.write(`event: ${t}\ndata: ${JSON.stringify(d)}\n\n`);
    if (CHUNK_DELAY_MS) await sleep(CHUNK_DELAY_MS);
  };
  await ev('message_start', {
    type: 'message_start',
    message: { ...msg, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
  });
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c.type === 'text') {
      await ev('content_block_start', {
        type: 'content_block_start',
        index: i,
        content_block: { type: 'text', text: '' },
      });
      const half = Math.ceil(c.text.length / 2);
      for (const piece of [c.text.slice(0, half), c.text.slice(half)])
        await ev('content_block_delta', {
          type: 'content_block_delta',
          index: i,
          delta: { type: 'text_delta', text: piece },
        });
    } else {
      await ev('content_block_start', {
        type: 'content_block_start',
        index: i,
        content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} },
      });
      const js = JSON.stringify(c.input);
      const half = Math.ceil(js.length / 2);
      for (const piece of [js.slice(0, half), js.slice(half)])
        await ev('content_block_delta', {
          type: 'content_block_delta',
          index: i,
          delta: { type: 'input_json_delta', partial_json: piece },
        });
    }
    await ev('content_block_stop', { type: 'content_block_stop', index: i });
  }
  await ev('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stop, stop_sequence: null },
    usage: { output_tokens: 20 },
  });
  await ev('message_stop', { type: 'message_stop' });
  res.end();
}

// ---------- OpenAI chat completions ----------
function chatTools(body) {
  return (body.tools || [])
    .map((t) => (t.function ? { name: t.function.name, schema: t.function.parameters } : null))
    .filter(Boolean);
}
function chatToolResult(body) {
  const items = [];
  for (const m of body.messages || []) {
    const c = Array.isArray(m.content) ? m.content.map((x) => x.text || '').join('\n') : m.content;
    if (m.role === 'tool') items.push({ tr: { text: String(c || ''), tool_call_id: m.tool_call_id } });
    else if (m.role === 'user') items.push({ text: String(c || '') });
  }
  return items;
}
async function chat(req, res, body, entry) {
  const tr = step(chatToolResult(body));
  const tools = chatTools(body);
  const tool = tr ? null : pickTool(tools);
  const model = body.model || 'gpt-fake';
  const cid = id('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  let message;
  if (tr) message = { role: 'assistant', content: finalText(tr.text) };
  else if (tool)
    message = {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: id('call_'), type: 'function', function: { name: tool.name, arguments: JSON.stringify(argsFor(tool)) } },
      ],
    };
  else message = { role: 'assistant', content: tools.length ? 'No shell tool available.' : 'ok title' };
  const finish = message.tool_calls ? 'tool_calls' : 'stop';
  entry.reply = { proto: 'chat', stream: !!body.stream, finish, message };
  if (tr) entry.toolResultSeen = { tool_call_id: tr.tool_call_id, text: tr.text.slice(0, 500) };
  const usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
  if (!body.stream)
    return json(res, 200, {
      id: cid,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
      usage,
    });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = async (delta, fr = null, extra = {}) => {
    res.write(
      `data: ${JSON.stringify({ id: cid, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: fr, logprobs: null }], ...extra })}\n\n`,
    );
    if (CHUNK_DELAY_MS) await sleep(CHUNK_DELAY_MS);
  };
  await send({ role: 'assistant', content: '' });
  if (message.tool_calls) {
    const tc = message.tool_calls[0];
    const a = tc.function.arguments;
    const half = Math.ceil(a.length / 2);
    await send({
      tool_calls: [{ index: 0, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }],
    });
    await send({ tool_calls: [{ index: 0, function: { arguments: a.slice(0, half) } }] });
    await send({ tool_calls: [{ index: 0, function: { arguments: a.slice(half) } }] });
  } else {
    const t = message.content;
    const half = Math.ceil(t.length / 2);
    await send({ content: t.slice(0, half) });
    await send({ content: t.slice(half) });
  }
  await send({}, finish);
  if (body.stream_options && body.stream_options.include_usage)
    res.write(
      `data: ${JSON.stringify({ id: cid, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
    );
  res.write('data: [DONE]\n\n');
  res.end();
}

// ---------- OpenAI Responses ----------
function respTools(body) {
  const out = [];
  for (const t of body.tools || []) {
    if (t.type === 'function') out.push({ name: t.name, schema: t.parameters, kind: 'function' });
    else if (t.type === 'local_shell') out.push({ name: 'local_shell', kind: 'local_shell' });
    else if (t.type === 'custom') out.push({ name: t.name, kind: 'custom' });
  }
  return out;
}
function respToolResult(body) {
  const inp = Array.isArray(body.input) ? body.input : [];
  const items = [];
  for (const it of inp) {
    if (/_call_output$/.test(it.type || '')) {
      const o = it.output;
      const text =
        typeof o === 'string' ? o : Array.isArray(o) ? o.map((x) => x.text || '').join('\n') : JSON.stringify(o);
      items.push({ tr: { type: it.type, call_id: it.call_id, text } });
    } else if (it.role === 'user') {
      const c = it.content;
      items.push({ text: typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => x.text || '').join('\n') : '' });
    }
  }
  return items;
}
async function responses(req, res, body, entry) {
  const tr = step(respToolResult(body));
  const tools = respTools(body).filter((t) => t.kind !== 'custom');
  const tool = tr ? null : pickTool(tools);
  const model = body.model || 'gpt-fake';
  const rid = id('resp_');
  let item;
  if (tr)
    item = {
      id: id('msg_'),
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: finalText(tr.text), annotations: [] }],
    };
  else if (tool && tool.kind === 'local_shell')
    item = {
      id: id('lsh_'),
      type: 'local_shell_call',
      call_id: id('call_'),
      status: 'completed',
      action: { type: 'exec', command: ['bash', '-lc', CMD], env: {} },
    };
  else if (tool)
    item = {
      id: id('fc_'),
      type: 'function_call',
      status: 'completed',
      call_id: id('call_'),
      name: tool.name,
      arguments: JSON.stringify(argsFor(tool)),
    };
  else
    item = {
      id: id('msg_'),
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: tools.length ? 'No shell tool available.' : 'ok title', annotations: [] }],
    };
  entry.reply = { proto: 'responses', stream: !!body.stream, item };
  if (tr) entry.toolResultSeen = { type: tr.type, call_id: tr.call_id, text: tr.text.slice(0, 500) };
  const usage = {
    input_tokens: 100,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 20,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 120,
  };
  const base = {
    id: rid,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model,
    output: [],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    error: null,
    incomplete_details: null,
    usage: null,
  };
  const done = { ...base, status: 'completed', output: [item], usage };
  if (!body.stream) return json(res, 200, done);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let sn = 0;
  const ev = async (t, d) => {
    res.write(`event: ${t}\ndata: ${JSON.stringify({ type: t, sequence_number: sn++, ...d })}\n\n`);
    if (CHUNK_DELAY_MS) await sleep(CHUNK_DELAY_MS);
  };
  await ev('response.created', { response: { ...base, status: 'in_progress' } });
  await ev('response.in_progress', { response: { ...base, status: 'in_progress' } });
  if (item.type === 'message') {
    const text = item.content[0].text;
    await ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
    await ev('response.content_part.added', {
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    const half = Math.ceil(text.length / 2);
    for (const d of [text.slice(0, half), text.slice(half)])
      await ev('response.output_text.delta', {
        item_id: item.id,
        output_index: 0,
        content_index: 0,
        delta: d,
        logprobs: [],
      });
    await ev('response.output_text.done', { item_id: item.id, output_index: 0, content_index: 0, text, logprobs: [] });
    await ev('response.content_part.done', {
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      part: item.content[0],
    });
  } else if (item.type === 'function_call') {
    await ev('response.output_item.added', {
      output_index: 0,
      item: { ...item, status: 'in_progress', arguments: '' },
    });
    const a = item.arguments;
    const half = Math.ceil(a.length / 2);
    for (const d of [a.slice(0, half), a.slice(half)])
      await ev('response.function_call_arguments.delta', { item_id: item.id, output_index: 0, delta: d });
    await ev('response.function_call_arguments.done', { item_id: item.id, output_index: 0, arguments: a });
  } else {
    await ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress' } });
  }
  await ev('response.output_item.done', { output_index: 0, item });
  await ev('response.completed', { response: done });
  res.end();
}

// ---------- Gemini ----------
function geminiTools(body) {
  const out = [];
  for (const t of body.tools || [])
    for (const f of t.functionDeclarations || [])
      out.push({ name: f.name, schema: f.parametersJsonSchema || lowerSchema(f.parameters) });
  return out;
}
function lowerSchema(s) {
  // Gemini uses OBJECT/STRING types
  if (!s || typeof s !== 'object') return s;
  const o = Array.isArray(s) ? [] : {};
  for (const [k, v] of Object.entries(s))
    o[k] = k === 'type' && typeof v === 'string' ? v.toLowerCase() : typeof v === 'object' ? lowerSchema(v) : v;
  return o;
}
function geminiToolResult(body) {
  const items = [];
  for (const c of body.contents || [])
    for (const p of c.parts || []) {
      if (p.functionResponse)
        items.push({ tr: { name: p.functionResponse.name, text: JSON.stringify(p.functionResponse.response) } });
      else if (c.role === 'user' && typeof p.text === 'string') items.push({ text: p.text });
    }
  return items;
}
async function gemini(req, res, body, entry, stream) {
  const tr = step(geminiToolResult(body));
  const tools = geminiTools(body);
  const tool = tr ? null : pickTool(tools);
  let parts;
  if (tr) parts = [{ text: finalText(tr.text) }];
  else if (tool) parts = [{ functionCall: { name: tool.name, args: argsFor(tool) } }];
  else
    parts = [
      {
        text: tools.length
          ? 'No shell tool available.'
          : body.generationConfig && /json/.test(body.generationConfig.responseMimeType || '')
            ? '{"reasoning":"fake","next_speaker":"user"}'
            : 'ok title',
      },
    ];
  entry.reply = { proto: 'gemini', stream, parts };
  if (tr) entry.toolResultSeen = { name: tr.name, text: tr.text.slice(0, 500) };
  const out = {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 120 },
    modelVersion: 'gemini-fake',
  };
  if (!stream) return json(res, 200, out);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`data: ${JSON.stringify(out)}\r\n\r\n`);
  res.end();
}

// ---------- misc ----------
function json(res, code, obj, extra = {}) {
  const s = JSON.stringify(obj);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s), ...extra });
  res.end(s);
}
const MODELS = [
  'claude-sonnet-4-5',
  'claude-haiku-4-5',
  'claude-opus-4-1',
  'gpt-5',
  'gpt-5-codex',
  'gpt-4o',
  'fake-model',
  'qwen3-coder-plus',
];

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    const enc = req.headers['content-encoding'];
    const dec = decodeBody(raw, enc);
    let body = null,
      bodyText = null;
    if (dec && dec.length) {
      bodyText = dec.toString('utf8');
      try {
        body = JSON.parse(bodyText);
      } catch {
        body = null;
      }
    }
    const u = new URL(req.url, 'http://x');
    const entry = {
      seq: ++seq,
      ts: new Date().toISOString(),
      method: req.method,
      url: req.url,
      path: u.pathname,
      httpVersion: req.httpVersion,
      headers: redactHeaders(req.headers),
      contentEncoding: enc || null,
      rawBytes: raw.length,
      decodedBytes: dec ? dec.length : null,
      body:
        body !== null
          ? body
          : bodyText !== null
            ? bodyText.slice(0, 20000)
            : raw.length
              ? { undecodable_base64_head: raw.subarray(0, 64).toString('base64') }
              : null,
    };
    if (raw.length && body === null && enc) {
      const f = LOG.replace(/\.jsonl$/, '') + `.raw-${entry.seq}.${enc}`;
      fs.writeFileSync(f, raw);
      entry.rawSavedTo = f;
    }
    const t0 = Date.now();
    try {
      const p = u.pathname.replace(/\/+$/, '');
      if (req.method === 'POST' && /\/messages\/count_tokens$/.test(p)) {
        entry.reply = { proto: 'anthropic-count' };
        json(res, 200, { input_tokens: 123 });
      } else if (req.method === 'POST' && /\/messages$/.test(p) && body) await anthropic(req, res, body, entry);
      else if (req.method === 'POST' && /\/chat\/completions$/.test(p) && body) await chat(req, res, body, entry);
      else if (req.method === 'POST' && /\/responses$/.test(p) && body) await responses(req, res, body, entry);
      else if (req.method === 'POST' && /:streamGenerateContent$/.test(p) && body)
        await gemini(req, res, body, entry, true);
      else if (req.method === 'POST' && /:generateContent$/.test(p) && body) await gemini(req, res, body, entry, false);
      else if (req.method === 'POST' && /:countTokens$/.test(p)) {
        entry.reply = { proto: 'gemini-count' };
        json(res, 200, { totalTokens: 123 });
      } else if (req.method === 'GET' && /\/models$/.test(p)) {
        entry.reply = { proto: 'models' };
        const created = 1735689600;
        json(res, 200, {
          object: 'list',
          data: MODELS.map((m) => ({
            id: m,
            object: 'model',
            type: 'model',
            created,
            created_at: '2025-01-01T00:00:00Z',
            owned_by: 'fake',
            display_name: m,
          })),
          has_more: false,
          first_id: MODELS[0],
          last_id: MODELS[MODELS.length - 1],
          models: MODELS.map((m) => ({ name: 'models/' + m, slug: m, id: m })),
        });
      } else {
        entry.reply = { proto: 'unhandled', status: 404 };
        json(res, 404, {
          error: { type: 'not_found', message: `fake provider: no route ${req.method} ${u.pathname}` },
        });
      }
    } catch (e) {
      entry.error = String((e && e.stack) || e);
      if (!res.headersSent) json(res, 500, { error: { message: String(e) } });
      else res.end();
    }
    entry.ms = Date.now() - t0;
    log(entry);
  });
});
server.on('upgrade', (req, socket) => {
  log({
    seq: ++seq,
    ts: new Date().toISOString(),
    method: req.method,
    url: req.url,
    upgrade: req.headers.upgrade,
    headers: redactHeaders(req.headers),
    reply: { proto: 'websocket-refused', status: 426 },
  });
  socket.end('HTTP/1.1 426 Upgrade Required\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
});
server.listen(PORT, HOST, () => {
  console.log(`fake provider on http://${HOST}:${PORT} log=${LOG} cmds=${JSON.stringify(CMDS)}`);
});
for (const s of ['SIGTERM', 'SIGINT'])
  process.on(s, () => {
    server.close();
    process.exit(0);
  });
