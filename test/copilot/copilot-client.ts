import { randomUUID } from 'node:crypto';
import { rawRequest, type RawResponse } from '../helpers/raw-http.js';
import { toolLog } from '../helpers/line-compress.js';

/**
 * A scripted stand-in for Copilot Chat's requests to its API base (what `overrideCapiUrl` replaces), with the headers
 * and body shapes taken from microsoft/vscode-copilot-chat:
 * - src/platform/networking/common/networking.ts `networkRequest`: Authorization (the Copilot token), X-Request-Id,
 *   OpenAI-Intent, X-GitHub-Api-Version, X-Interaction-Type, X-Agent-Task-Id;
 * - src/extension/prompt/node/chatMLFetcher.ts: X-Interaction-Id, X-Initiator (`user` for the user's own prompt);
 * - src/platform/networking/vscode-node/fetcherServiceImpl.ts: Copilot-Integration-Id `vscode-chat`;
 * - src/platform/env/common/envService.ts: Editor-Version, Editor-Plugin-Version;
 * - src/platform/endpoint/node/chatEndpoint.ts: anthropic-beta on Claude `/v1/messages` turns;
 * - src/platform/networking/common/openai.ts: `copilot_references` and `copilot_cache_control` on chat messages.
 * The paths are the `ModelSupportedEndpoint` values (src/platform/endpoint/common/endpointProvider.ts).
 */

/** A Copilot token as the token endpoint issues it: `;`-separated fields, then `:` and a MAC (copilotToken.ts
 * parseToken). */
export const COPILOT_TOKEN =
  'tid=0123456789abcdef;exp=1893456000;sku=copilot_for_business_seat;proxy-ep=proxy.business.githubcopilot.com;' +
  'st=dotcom;chat=1;8kp=1:c0ffee';

export function copilotHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const requestId = randomUUID();
  return {
    Authorization: `Bearer ${COPILOT_TOKEN}`,
    'X-Request-Id': requestId,
    'OpenAI-Intent': 'conversation-agent',
    'X-GitHub-Api-Version': '2025-05-01',
    'X-Interaction-Id': randomUUID(),
    'X-Initiator': 'user',
    'X-Interaction-Type': 'conversation-agent',
    'X-Agent-Task-Id': requestId,
    'Copilot-Integration-Id': 'vscode-chat',
    'Editor-Version': 'vscode/1.104.0',
    'Editor-Plugin-Version': 'copilot-chat/0.31.0',
    'User-Agent': 'GitHubCopilotChat/0.31.0',
    'Content-Type': 'application/json',
    ...extra,
  };
}

export const LOG = toolLog(7);

/** An agent-mode chat turn: the tool result of `run_in_terminal`, Copilot's cache breakpoint and references kept. */
export function chatTurn(): object {
  return {
    model: 'gpt-4.1',
    stream: true,
    n: 1,
    temperature: 0,
    tools: [
      {
        type: 'function',
        function: {
          name: 'run_in_terminal',
          description: 'Run a command',
          parameters: { type: 'object', properties: { command: { type: 'string' } } },
        },
      },
    ],
    messages: [
      { role: 'system', content: 'You are an expert AI programming assistant.' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'Why is job 7040 slow?' }],
        copilot_references: [{ type: 'client.file', data: { uri: 'file:///w/src/jobs.ts' }, id: 'ref-1' }],
      },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'run_in_terminal', arguments: '{"command":"cat worker.log"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: LOG, copilot_cache_control: { type: 'ephemeral' } },
    ],
  };
}

/** A Responses turn (models whose `supported_endpoints` list `/responses`): a function_call and its output. */
export function responsesTurn(): object {
  return {
    model: 'gpt-5',
    stream: true,
    store: false,
    instructions: 'You are an expert AI programming assistant.',
    tools: [
      {
        type: 'function',
        name: 'run_in_terminal',
        parameters: { type: 'object', properties: { command: { type: 'string' } } },
        strict: false,
      },
    ],
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'Why is job 7040 slow?' }] },
      { type: 'function_call', call_id: 'call_1', name: 'run_in_terminal', arguments: '{"command":"cat worker.log"}' },
      { type: 'function_call_output', call_id: 'call_1', output: LOG },
    ],
    include: ['reasoning.encrypted_content'],
  };
}

/** A Claude turn on `/v1/messages` with tools, a tool_use and its tool_result (with a cache breakpoint). */
export function messagesTurn(): object {
  return {
    model: 'claude-sonnet-4',
    max_tokens: 16000,
    stream: true,
    system: [{ type: 'text', text: 'You are an expert AI programming assistant.' }],
    tools: [
      {
        name: 'run_in_terminal',
        description: 'Run a command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } } },
      },
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Why is job 7040 slow?' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'run_in_terminal', input: { command: 'cat worker.log' } }],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: LOG, cache_control: { type: 'ephemeral' } }],
      },
    ],
  };
}

export interface Sent {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  response: RawResponse;
}

/** Sends one request as Copilot would to `<base><path>` (base = what overrideCapiUrl holds). */
export async function copilotSend(
  base: string,
  method: string,
  path: string,
  body?: object,
  extra: Record<string, string> = {},
): Promise<Sent> {
  const headers = copilotHeaders(extra);
  if (!body) delete headers['Content-Type'];
  const text = body ? JSON.stringify(body) : undefined;
  const response = await rawRequest(base + path, { method, headers, body: text });
  return { path, method, headers, body: text, response };
}
