import { isObj } from './obj.js';

/**
 * The newest user turn in `list` that has real text (agent loops send user turns that hold only tool results), as
 * `contentOf` finds its content.
 */
export function latestUserTextIn(
  list: readonly unknown[],
  contentOf: (turn: Record<string, unknown>) => unknown,
): string {
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i];
    if (!isObj(m) || m.role !== 'user') continue;
    const text = userText(contentOf(m));
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
    if ((b.type === 'text' || b.type === 'input_text' || b.type === undefined) && typeof b.text === 'string')
      texts.push(b.text);
  }
  // Claude Code prefixes turns with <system-reminder> blocks; they are not the question
  return texts.filter((t) => !t.trimStart().startsWith('<system-reminder>')).join('\n');
}

/** The first user turn of a conversation (every turn of an agent session resends it unchanged). */
export const firstUserTurn = (list: readonly unknown[]): unknown => list.find((m) => isObj(m) && m.role === 'user');
