import { createRng, type Rng } from '../lib/prng.js';
import type { Workload } from './types.js';
import { API_BASE, REPO, issueUrls, labelObject, reactions, userObject, type GhUser } from './github-shapes.js';

/**
 * "GitHub issue triage" (Headroom: 54,174 → 14,761 tokens). `GET /repos/acme/realtime-sdk/issues` (32 issues, full
 * REST objects with bodies) and the repo's recent issue comments. Three issues report the same bug — the heap grows
 * on every WebSocket reconnect — among distractors that look alike (another leak in the React hook, reconnect
 * back-off complaints, payload memory use). The comments name the root cause, the duplicate and the fix.
 */
const LEAK_WARNING =
  'MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 message listeners added to [WebSocket]';
const QUESTION = 'Which issues report the memory leak on WebSocket reconnect? Give their numbers and labels.';

interface IssueSpec {
  number: number;
  title: string;
  labels: string[];
  state: 'open' | 'closed';
  body: string;
  comments: number;
  hot?: boolean;
}

const RELEVANT: IssueSpec[] = [
  {
    number: 2214,
    title: 'Heap grows ~40 MB after every WebSocket reconnect (3.4.0)',
    labels: ['bug', 'area/websocket', 'leak', 'regression-3.4'],
    state: 'open',
    comments: 9,
    hot: true,
    body:
      `### Describe the bug\nSince upgrading to 3.4.0 our Node service grows its heap by roughly 40 MB every ` +
      `time the socket reconnects. After a night of flaky Wi-Fi on the office gateway it reaches the container ` +
      `limit and gets killed.\n\n### To Reproduce\n1. \`const client = createClient({ url, reconnect: true })\`\n` +
      `2. Subscribe to one channel\n3. Drop the network for 5 s, restore it; repeat 20 times\n` +
      `4. Watch \`process.memoryUsage().heapUsed\`\n\n### Expected behavior\n` +
      `Heap stays flat across reconnects (it does on 3.3.9).\n\n### Environment\n- SDK version: 3.4.0\n` +
      `- Node.js: v20.11.1\n- OS: Debian 12 (container)\n\n### Logs\n\`\`\`\n` +
      `(node:1) ${LEAK_WARNING}. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit\n` +
      `heapUsed after reconnect 1: 61.2 MB\nheapUsed after reconnect 20: 842.7 MB\n\`\`\``,
  },
  {
    number: 2238,
    title: 'Node process OOM after network flaps — listeners pile up on reconnect',
    labels: ['bug', 'area/websocket', 'needs-triage'],
    state: 'open',
    comments: 4,
    hot: true,
    body:
      `### Describe the bug\nOur edge workers die with "JavaScript heap out of memory" a few hours after the ` +
      `upstream LB restarts. A heap snapshot shows thousands of \`onMessage\` closures retained by the WebSocket ` +
      `instance.\n\n### To Reproduce\nRestart the load balancer in front of the realtime server every few ` +
      `minutes.\n\n### Environment\n- SDK version: 3.4.1\n- Node.js: v18.19.0\n\n### Logs\n\`\`\`\n` +
      `<--- Last few GCs --->\n[1:0x5581d40]  9712345 ms: Mark-Compact 2011.3 (2083.1) -> 2010.8 (2083.1) MB\n` +
      `FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n\`\`\``,
  },
  {
    number: 2251,
    title: 'MaxListenersExceededWarning after reconnect in 3.4.1',
    labels: ['bug', 'area/websocket', 'duplicate'],
    state: 'open',
    comments: 2,
    body:
      `Every reconnect prints the warning below and memory keeps going up.\n\n` +
      `\`\`\`\n${LEAK_WARNING}. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit\n` +
      `    at _addListener (node:events:591:17)\n    at WebSocket.addListener (node:events:609:10)\n` +
      `    at ReconnectManager.attach (node_modules/@acme/realtime-sdk/dist/reconnect.js:88:12)\n\`\`\`\n\n` +
      `SDK 3.4.1, Node 20.`,
  },
];

interface Topic {
  title: string;
  labels: string[];
  what: string;
  log?: string;
}

const TOPICS: Topic[] = [
  {
    title: 'Memory leak in useChannel hook when component unmounts',
    labels: ['bug', 'area/react', 'leak'],
    what:
      'Unmounting a component that calls useChannel keeps the subscription alive; React DevTools shows detached ' +
      'fibers retained.',
    log: "Warning: Can't perform a React state update on an unmounted component.",
  },
  {
    title: 'Reconnect back-off is too aggressive (no jitter)',
    labels: ['enhancement', 'area/websocket'],
    what:
      'All clients reconnect at exactly 1s, 2s, 4s after a server deploy and stampede the server. Please add ' +
      'jitter.',
  },
  {
    title: 'Close code 1006 is not surfaced to onClose',
    labels: ['bug', 'area/websocket'],
    what: 'When the server drops the TCP connection the onClose callback receives code 1000 instead of 1006.',
  },
  {
    title: 'Decoding large payloads uses 2x memory',
    labels: ['performance'],
    what: 'A 50 MB snapshot message allocates ~100 MB because we JSON.parse a copy of the buffer.',
  },
  {
    title: 'HTTP fallback ignores custom headers',
    labels: ['bug', 'area/http'],
    what: 'When WebSocket is blocked by a proxy the long-polling fallback drops the headers passed to createClient.',
  },
  {
    title: 'Token refresh races with reconnect',
    labels: ['bug', 'area/auth'],
    what: 'If the token expires during a reconnect the client sends the stale token and gets 4401, then gives up.',
    log: 'RealtimeError: 4401 Unauthorized (token expired)',
  },
  {
    title: 'Document presence API limits',
    labels: ['documentation'],
    what: 'The docs do not say how many presence members a channel supports or what happens past the limit.',
  },
  {
    title: 'Support Deno',
    labels: ['enhancement', 'question'],
    what: 'Importing the SDK in Deno 1.41 fails because of the ws dependency.',
    log: "error: Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'prototype')",
  },
  {
    title: 'TypeScript: ChannelEvent type is too loose',
    labels: ['enhancement', 'good first issue'],
    what: 'ChannelEvent<T> accepts any string as event name; a union of known events would catch typos.',
  },
  {
    title: 'Messages delivered twice after resubscribe',
    labels: ['bug', 'area/websocket', 'needs-triage'],
    what: 'After calling unsubscribe then subscribe on the same channel each message arrives twice.',
  },
  {
    title: 'Bundle size grew 30% in 3.4',
    labels: ['performance', 'regression-3.4'],
    what: 'The ESM build now includes the HTTP fallback even when tree-shaken; 41 kB → 54 kB gzipped.',
  },
  {
    title: 'Allow custom WebSocket implementation',
    labels: ['enhancement', 'area/websocket'],
    what: 'We want to pass our own WebSocket constructor (undici) instead of the bundled ws.',
  },
  {
    title: 'Unhandled promise rejection on publish when offline',
    labels: ['bug'],
    what: 'publish() rejects with an error nobody can catch because it is created inside a setTimeout.',
    log: 'UnhandledPromiseRejection: RealtimeError: not connected',
  },
  {
    title: 'Question: ordering guarantees across channels?',
    labels: ['question'],
    what: 'Are messages on two channels delivered in publish order if they come from the same client?',
  },
  {
    title: 'Ping interval option is ignored',
    labels: ['bug', 'area/websocket'],
    what: 'Setting pingIntervalMs: 5000 has no effect; pings are still sent every 25 s.',
  },
  {
    title: 'Auth callback called twice on startup',
    labels: ['bug', 'area/auth'],
    what: 'authCallback is invoked twice when the client connects for the first time, doubling token requests.',
  },
];

const LOGINS = [
  'mkowalski',
  'dana-ops',
  'yuki-t',
  'rpatel',
  'sofiaq',
  'jlindgren',
  'devbrandon',
  'a-moreau',
  'kimjh',
  'oliverb',
  'tanvir-h',
  'noor-a',
  'lucas-m',
  'eszter',
  'pvanrossum',
  'zhangwei88',
];
const MAINTAINERS: GhUser[] = [
  { login: 'acme-lena', id: 31877213 },
  { login: 'acme-marcus', id: 40211876 },
];

function users(rng: Rng): GhUser[] {
  return LOGINS.map((login) => ({ login, id: rng.int(1200000, 98000000) }));
}

function timestamp(rng: Rng, day: number): string {
  return (
    `2024-04-${String(day).padStart(2, '0')}T${String(rng.int(0, 23)).padStart(2, '0')}:` +
    `${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}Z`
  );
}

function distractor(rng: Rng, n: number, topic: Topic): IssueSpec {
  const version = `3.${rng.int(2, 4)}.${rng.int(0, 3)}`;
  const body =
    `### Describe the bug\n${topic.what}\n\n### To Reproduce\n1. Install @acme/realtime-sdk@${version}\n` +
    `2. ${rng.pick([
      'Create a client with default ' + 'options',
      'Connect through the corporate ' + 'proxy',
      'Open two tabs with the same user',
      'Run the example in examples/chat',
    ])}\n` +
    `3. ${rng.pick(['Wait a minute', 'Trigger the action twice', 'Reload the page', 'Disconnect the network'])}\n` +
    `\n### Expected behavior\n` +
    `${rng.pick([
      'It should just ' + 'work.',
      'Same behaviour as in 3.3.',
      'An error I can handle.',
      'No duplicate work.',
    ])}\n` +
    `\n### Environment\n- SDK version: ${version}\n- ` +
    `${rng.pick(['Node.js: v20.11.1', 'Node.js: v18.19.0', 'Chrome 123', 'Safari 17.4'])}\n` +
    `${topic.log ? `\n### Logs\n\`\`\`\n${topic.log}\n\`\`\`` : ''}`;
  return {
    number: n,
    title: topic.title,
    labels: topic.labels,
    state: rng.chance(0.2) ? 'closed' : 'open',
    body,
    comments: rng.int(0, 6),
  };
}

function issueObject(rng: Rng, spec: IssueSpec, author: GhUser, day: number): Record<string, unknown> {
  const created = timestamp(rng, day);
  const assignee = spec.hot || rng.chance(0.3) ? userObject(rng.pick(MAINTAINERS)) : null;
  return {
    ...issueUrls(spec.number),
    id: 2200000000 + spec.number * 1013 + rng.int(0, 999),
    node_id: `I_kwDOHxY7bc6${rng.alnum(7)}`,
    number: spec.number,
    title: spec.title,
    user: userObject(author),
    labels: spec.labels.map((l) => labelObject(rng, l)),
    state: spec.state,
    locked: false,
    assignee,
    assignees: assignee ? [assignee] : [],
    milestone: null,
    comments: spec.comments,
    created_at: created,
    updated_at: timestamp(rng, Math.min(28, day + rng.int(0, 5))),
    closed_at: spec.state === 'closed' ? timestamp(rng, Math.min(28, day + 6)) : null,
    author_association: 'NONE',
    type: null,
    active_lock_reason: null,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    body: spec.body,
    closed_by: null,
    reactions: reactions(rng, `${API_BASE}/issues/${spec.number}`, spec.hot ?? false),
    timeline_url: `${API_BASE}/issues/${spec.number}/timeline`,
    performed_via_github_app: null,
    state_reason: spec.state === 'closed' ? 'completed' : null,
  };
}

interface CommentSpec {
  issue: number;
  body: string;
  maintainer?: boolean;
}

const KEY_COMMENTS: CommentSpec[] = [
  {
    issue: 2214,
    maintainer: true,
    body:
      'Thanks for the heap numbers. Root cause: `ReconnectManager.attach()` re-registers the `message` and ' +
      '`close` listeners on the new socket without removing the ones it added to the old one, and the old socket ' +
      'stays reachable through them. Introduced in #2171.',
  },
  {
    issue: 2238,
    body:
      'Same here: ~38 MB per reconnect with 3.4.1, flat with 3.3.9. Heap snapshot attached (retainers all point ' +
      'at ReconnectManager).',
  },
  {
    issue: 2251,
    maintainer: true,
    body:
      'Duplicate of #2214 — same stack (`ReconnectManager.attach`). Keeping it open until the fix ships so ' +
      'people can find it.',
  },
  {
    issue: 2214,
    maintainer: true,
    body:
      'Fix is up in #2262 (removes the listeners in `detach()` and adds a reconnect soak test). It will ship in ' +
      '3.4.2.',
  },
];

function commentObject(rng: Rng, c: CommentSpec, author: GhUser, day: number): Record<string, unknown> {
  const id = 2050000000 + rng.int(0, 99999999);
  const t = timestamp(rng, day);
  return {
    url: `${API_BASE}/issues/comments/${id}`,
    html_url: `https://github.com/${REPO}/issues/${c.issue}#issuecomment-${id}`,
    issue_url: `${API_BASE}/issues/${c.issue}`,
    id,
    node_id: `IC_kwDOHxY7bc6${rng.alnum(7)}`,
    user: userObject(author),
    created_at: t,
    updated_at: t,
    author_association: c.maintainer ? 'MEMBER' : 'NONE',
    body: c.body,
    reactions: reactions(rng, `${API_BASE}/issues/comments/${id}`, false),
    performed_via_github_app: null,
  };
}

const CHATTER = [
  '+1, seeing this too on {v}.',
  'Any update on this?',
  'I can reproduce with the example app on {v}.',
  'Workaround: pin to 3.3.9 for now.',
  'Could you share a minimal repro? The sandbox link is private.',
  'Closing as this was fixed in {v}, please reopen if you still see it.',
  'We would accept a PR for this.',
  'Is there a way to configure this per channel?',
];

export function issueTriageWorkload(seed = 54174): Workload {
  const rng = createRng(seed);
  const people = users(rng);
  const numbers = rng
    .shuffle(Array.from({ length: 70 }, (_, i) => 2190 + i).filter((n) => !RELEVANT.some((r) => r.number === n)))
    .slice(0, 29);
  const specs: IssueSpec[] = [...RELEVANT];
  numbers.forEach((n, i) => specs.push(distractor(rng, n, TOPICS[i % TOPICS.length])));
  specs.sort((a, b) => b.number - a.number); // the API lists newest first
  const issues = specs.map((s) =>
    issueObject(rng, s, rng.pick(people), Math.min(28, 1 + Math.floor((s.number - 2190) / 2.6))),
  );

  const comments: CommentSpec[] = [];
  const others = specs.filter((s) => !RELEVANT.includes(s));
  for (let i = 0; i < 18; i++) {
    const s = rng.pick(others);
    comments.push({
      issue: s.number,
      body: rng.pick(CHATTER).replace('{v}', `3.${rng.int(2, 4)}.${rng.int(0, 3)}`),
      maintainer: rng.chance(0.3),
    });
  }
  KEY_COMMENTS.forEach((c, i) => comments.splice(2 + i * 5, 0, c));
  const commentObjs = comments.map((c, i) =>
    commentObject(rng, c, c.maintainer ? rng.pick(MAINTAINERS) : rng.pick(people), 28 - Math.floor(i / 2)),
  );

  return {
    id: 'issue-triage',
    title: 'GitHub issue triage',
    question: QUESTION,
    source: 'generated',
    claim: { before: 54174, after: 14761, reduction: 0.73 },
    units: [
      {
        name: `GET /repos/${REPO}/issues (32 issues)`,
        text: JSON.stringify(issues, null, 2),
        facts: [
          '2214',
          '2238',
          '2251',
          'area/websocket',
          'leak',
          'regression-3.4',
          'needs-triage',
          'duplicate',
          LEAK_WARNING,
          'Heap grows ~40 MB after every WebSocket reconnect',
        ],
      },
      {
        name: `GET /repos/${REPO}/issues/comments (22)`,
        text: JSON.stringify(commentObjs, null, 2),
        facts: [
          'Duplicate of #2214',
          'ReconnectManager.attach()',
          '#2262',
          'ship in 3.4.2',
          'issues/2251',
          'issues/2238',
        ],
      },
    ],
  };
}
