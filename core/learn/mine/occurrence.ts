import type { Lesson, Topic } from '../types.js';

/** One sighting of a lesson-worthy mistake in one session; the aggregator groups them into Lessons by `key`. */
export interface Occurrence {
  /** Identity across sessions and agents (commands normalised). */
  key: string;
  kind: Lesson['kind'];
  topic: Topic;
  /** The lesson sentence; the first occurrence's text wins for a key. */
  text: string;
  /** Estimated tokens this sighting cost. */
  tokens: number;
  /** Epoch ms, or undefined when the log has no times (the session's end time is used). */
  time?: number;
  /** For command corrections: the command that failed and the one that worked (lets user corrections merge in). */
  bad?: string;
  fix?: string;
}

/** The model's turn around a call: a rough per-round-trip overhead on top of the output itself. */
export const TURN_TOKENS = 100;

/** Tool names that change files: a call repeated after one of these is a re-check, not a loop. */
export const EDIT_TOOL_RE = /edit|write|patch|replace|create|insert|str_replace|multi_?edit|apply|notebook/i;
