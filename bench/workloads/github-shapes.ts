import type { Rng } from '../lib/prng.js';

/** GitHub REST v3 object shapes (users, labels, reactions) with every URL field the real API returns. */
export const REPO = 'acme/realtime-sdk';
const API = `https://api.github.com/repos/${REPO}`;

export interface GhUser {
  login: string;
  id: number;
}

export function userObject(u: GhUser): Record<string, unknown> {
  const url = `https://api.github.com/users/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: `MDQ6VXNlcj${Buffer.from(String(u.id)).toString('base64').replace(/=+$/, '')}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${u.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export interface LabelDef {
  name: string;
  color: string;
  description: string | null;
}

export const LABELS: Record<string, LabelDef> = {
  bug: { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
  enhancement: { name: 'enhancement', color: 'a2eeef', description: 'New feature or request' },
  documentation: { name: 'documentation', color: '0075ca', description: 'Improvements or additions to documentation' },
  question: { name: 'question', color: 'd876e3', description: 'Further information is requested' },
  duplicate: { name: 'duplicate', color: 'cfd3d7', description: 'This issue or pull request already exists' },
  'needs-triage': { name: 'needs-triage', color: 'fbca04', description: 'Not yet looked at by a maintainer' },
  'area/websocket': { name: 'area/websocket', color: '1d76db', description: 'WebSocket transport and reconnection' },
  'area/http': { name: 'area/http', color: '1d76db', description: 'HTTP fallback transport' },
  'area/auth': { name: 'area/auth', color: '1d76db', description: 'Tokens and authentication' },
  'area/react': { name: 'area/react', color: '1d76db', description: 'React bindings' },
  leak: { name: 'leak', color: 'b60205', description: 'Memory or handle leak' },
  'regression-3.4': { name: 'regression-3.4', color: 'e99695', description: 'Worked in 3.3, broken in 3.4' },
  performance: { name: 'performance', color: 'c5def5', description: null },
  'good first issue': { name: 'good first issue', color: '7057ff', description: 'Good for newcomers' },
};

export function labelObject(rng: Rng, name: string): Record<string, unknown> {
  const def = LABELS[name];
  return {
    id: 5100000000 + (hashName(name) % 90000000),
    node_id: `LA_kwDOHxY7bc8AAAAB${rng.alnum(6)}`,
    url: `${API}/labels/${encodeURIComponent(name)}`,
    name,
    color: def.color,
    default: ['bug', 'enhancement', 'documentation', 'question', 'duplicate', 'good first issue'].includes(name),
    description: def.description,
  };
}

function hashName(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export function reactions(rng: Rng, url: string, hot: boolean): Record<string, unknown> {
  const r = {
    '+1': hot ? rng.int(6, 40) : rng.int(0, 3),
    '-1': 0,
    laugh: 0,
    hooray: rng.int(0, 1),
    confused: rng.int(0, 1),
    heart: rng.int(0, 2),
    rocket: 0,
    eyes: hot ? rng.int(1, 9) : rng.int(0, 1),
  };
  const total = Object.values(r).reduce((a, b) => a + b, 0);
  return { url: `${url}/reactions`, total_count: total, ...r };
}

export function issueUrls(n: number): Record<string, string> {
  return {
    url: `${API}/issues/${n}`,
    repository_url: API,
    labels_url: `${API}/issues/${n}/labels{/name}`,
    comments_url: `${API}/issues/${n}/comments`,
    events_url: `${API}/issues/${n}/events`,
    html_url: `https://github.com/${REPO}/issues/${n}`,
  };
}

export const API_BASE = API;
