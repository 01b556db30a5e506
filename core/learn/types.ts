/** The agents whose session logs Learn reads. */
export type AgentId = 'claude' | 'codex' | 'gemini' | 'continue' | 'cline' | 'roo' | 'copilot';

export const ALL_AGENTS: readonly AgentId[] = ['claude', 'codex', 'gemini', 'continue', 'cline', 'roo', 'copilot'];

/**
 * One tool call with what came back, normalised across agents. Parsers reduce the (possibly huge) result to what the
 * miners need at once, so a session costs a few hundred bytes per call however large its outputs were.
 */
export interface ToolCall {
  /** The tool's own name (`Bash`, `exec_command`, `run_shell_command`, `Read`, …). */
  tool: string;
  /**
   * The shell command line, when the tool runs one (wrappers like `bash -lc` and a leading `cd <workspace> &&`
   * removed).
   */
  command?: string;
  /** The file the call reads, when it is a read (a read tool's path argument, or `cat FILE` and the like). */
  readPath?: string;
  /** A short stable rendering of the arguments, for loop detection on non-shell tools. */
  argsKey: string;
  /** True when the agent flagged the call as failed or the command exited non-zero. */
  failed: boolean;
  exitCode?: number;
  /** The most telling line of the output when it failed (workspace paths made relative). */
  error?: string;
  /** Estimated tokens of the result (chars / 4: a ranking weight, not a bill). */
  outputTokens: number;
  /** Epoch ms, when the log has it. */
  time?: number;
  /** False when the log never showed a result for the call (session cut off). */
  hasResult: boolean;
}

/** A message the user typed (agent-injected context such as environment blocks is filtered out by the parsers). */
export interface UserMessage {
  text: string;
  time?: number;
  /** How many tool calls came before it in the session (places it in the call sequence). */
  afterCalls: number;
}

/** Everything Learn keeps of one session. */
export interface Session {
  agent: AgentId;
  /** The log file it came from (stable key for ordering). */
  file: string;
  id: string;
  /** The working directory the session ran in, when the log says. */
  cwd?: string;
  calls: ToolCall[];
  users: UserMessage[];
  /** Epoch ms of the last event (or the file's mtime when the log has no times). */
  lastTime: number;
}

/** Counters a parser bumps while it reads; never fatal. */
export interface ParseStats {
  linesSkipped: number;
}

export type Topic = 'Commands' | 'Paths' | 'Tools/flags' | 'Environment';
export const TOPICS: readonly Topic[] = ['Commands', 'Paths', 'Tools/flags', 'Environment'];

/** One actionable line for AGENTS.md with its evidence. */
export interface Lesson {
  topic: Topic;
  /** The sentence (without the evidence suffix); also the lesson's identity when merging blocks. */
  text: string;
  /** Times the mistake was seen. */
  count: number;
  /** Distinct sessions it was seen in. */
  sessions: number;
  /** Estimated tokens the mistakes cost (failed round trips, repeated reads). */
  tokensWasted: number;
  /** Epoch ms of the latest occurrence. */
  lastSeen: number;
  /** Which agents it was seen with (sorted). */
  agents: AgentId[];
  /** Miner that found it: `correction`, `failure`, `loop`, `read`, `user`. */
  kind: 'correction' | 'failure' | 'loop' | 'read' | 'user';
}

/** What one Learn run read and found, and the AGENTS.md block it proposes. */
export interface LearnResult {
  workspace: string;
  now: number;
  days: number;
  maxPerTopic: number;
  filesRead: number;
  sessionsRead: number;
  /** Sessions read per agent. */
  bySource: Partial<Record<AgentId, number>>;
  toolCalls: number;
  /** Tool calls that failed (error flag or non-zero exit). */
  failures: number;
  /** Corrupt or oversized lines/items and unreadable files skipped. */
  linesSkipped: number;
  /** Lessons found in this run's logs, ranked (frequency × tokens wasted). */
  lessons: Lesson[];
  /** The managed block for AGENTS.md: these lessons merged with the unexpired ones already in the file ('' = none). */
  block: string;
  /** One line for people: what was read, found and proposed. */
  summary: string;
  /** Folders that were looked in (for "no logs found"). */
  searched: string[];
  /** Whether any Claude Code session was read (then CLAUDE.md gets the block too). */
  usesClaude: boolean;
  warnings: string[];
}
