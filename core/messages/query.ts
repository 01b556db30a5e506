import type { Provider } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The latest text the user typed: the question compression keeps answers for. Agent loops send user turns that hold
 * only tool results, so this walks back to the newest user message that has real text.
 */
export function latestUserText(body: unknown, provider: Provider): string {
  if (!isObj(body)) return '';
  const list = provider === 'openai-responses' ? body.input : provider === 'gemini' ? body.contents : body.messages;
  if (provider === 'openai-responses' && typeof list === 'string') return list;
  if (!Array.isArray(list)) return '';
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i];
    if (!isObj(m) || m.role !== 'user') continue;
    const text = userText(provider === 'gemini' ? m.parts : m.content);
    if (text.trim()) return text;
  }
  return '';
}

function userText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const b of content) {
    if (!isObj(b)) continue;
    if ((b.type === 'text' || b.type === 'input_text' || b.type === undefined) && typeof b.text === 'string') texts.push(b.text);
  }
  // Claude Code prefixes turns with <system-reminder> blocks; they are not the question
  return texts.filter((t) => !t.trimStart().startsWith('<system-reminder>')).join('\n');
}
