import type { ProviderRoute } from '../types.js';

/**
 * Ollama's native chat (ollama/ollama server/routes.go: `r.POST("/api/chat", …)`). `/api/generate` takes a bare
 * prompt and carries no tool results, so it passes through with the rest of `/api/…` (tags, show, ps, embed, pull).
 * No other family serves a path under `/api/`: OpenAI's, Anthropic's and Gemini's all start `/v1`, Copilot's live under
 * `/copilot/<secret>/`, named routes under `/u/<name>/`.
 */
export const OLLAMA_ROUTES: readonly ProviderRoute[] = [
  { method: 'POST', match: (p) => p === '/api/chat', name: 'ollama.chat' },
];

/** Calls no route serves that are still Ollama's: its native API lives under `/api/`. */
export const claimsOllamaPassthrough = (path: string): boolean => path.startsWith('/api/');
