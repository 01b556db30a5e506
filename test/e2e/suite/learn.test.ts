// "Headroom: Learn" inside the real extension host: the real Claude Code sessions recorded in
// test/fixtures/learn/claude (a HOME as Claude Code left it, scrubbed to /home/user/project) are re-homed into the
// temporary HOME run.sh set, for the workspace folder the host has open, and the command writes AGENTS.md.
import assert from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { headroomExtension } from '../lib/host';
import { REPO } from '../lib/paths';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'learn', 'claude', '.claude', 'projects', '-home-user-project');
const FIXTURE_WS = '/home/user/project';
const RECORDED_DAY = '2026-11-29';
const START = '<!-- headroom:learn:start -->';
const END = '<!-- headroom:learn:end -->';
const USER_TEXT = '# Notes for agents\n\nWritten by a person; Learn must keep this.\n';

/** core/learn/sources/claude.ts encodeClaudeProject, for paths under 200 characters. */
const encodeClaudeProject = (cwd: string) => cwd.replace(/[^a-zA-Z0-9]/g, '-');

/** What `headroom.learn` returns to a caller. */
interface LearnResult {
  workspace: string;
  sessionsRead: number;
  failures: number;
  written: string[];
  refused: unknown[];
  lessonsWritten: number;
}
const learn = (args: { yes: boolean; folder?: string }) =>
  vscode.commands.executeCommand<LearnResult>('headroom.learn', args);

describe('Headroom: Learn on real Claude Code sessions', function () {
  this.timeout(60000);
  let workspace: string;
  let projectDir: string;
  const previews: string[] = [];
  let watch: vscode.Disposable | undefined;

  before(async () => {
    await headroomExtension().activate();
    assert.strictEqual(os.homedir(), process.env.HEADROOM_E2E_HOME, 'HOME is the temporary one');
    // Claude Code names the project folder after the real path, and Learn reads the workspace's real path too
    workspace = fs.realpathSync((vscode.workspace.workspaceFolders ?? [])[0].uri.fsPath);
    const claudeDir = process.env.CLAUDE_CONFIG_DIR || path.join(os.homedir(), '.claude');
    projectDir = path.join(claudeDir, 'projects', encodeClaudeProject(workspace));
    fs.mkdirSync(projectDir, { recursive: true });
    // the logs as recorded, re-pointed at this workspace and moved to yesterday so they stay inside the 30-day window
    const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    for (const name of fs.readdirSync(FIXTURE)) {
      const text = fs
        .readFileSync(path.join(FIXTURE, name), 'utf8')
        .split(FIXTURE_WS)
        .join(JSON.stringify(workspace).slice(1, -1))
        .split('/home/user/')
        .join(JSON.stringify(os.homedir() + '/').slice(1, -1))
        .split(`"timestamp":"${RECORDED_DAY}T`)
        .join(`"timestamp":"${yesterday}T`);
      fs.writeFileSync(path.join(projectDir, name), text);
    }
    fs.writeFileSync(path.join(workspace, 'AGENTS.md'), USER_TEXT);
    fs.rmSync(path.join(workspace, 'CLAUDE.md'), { force: true });
    // the diff previews the command opens (and closes again before it returns)
    watch = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const t of e.opened)
        if (t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'headroom-preview')
          previews.push(t.label);
    });
  });

  after(() => {
    if (watch) watch.dispose();
    for (const f of ['AGENTS.md', 'CLAUDE.md']) if (workspace) fs.rmSync(path.join(workspace, f), { force: true });
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it(
    'previews AGENTS.md and CLAUDE.md in the diff editor, writes the managed block with the ' +
      'npm test lesson, and a second run changes nothing',
    async () => {
      const agents = path.join(workspace, 'AGENTS.md');
      const claude = path.join(workspace, 'CLAUDE.md');
      // `yes` is the caller's consent: the Apply dialog is skipped, the diffs still open (as Configure Agents does)
      const r = await learn({ yes: true });
      assert.strictEqual(r.workspace, workspace);
      assert.strictEqual(r.sessionsRead, 4, 'the four recorded Claude Code sessions');
      assert.strictEqual(r.failures, 6, 'failed tool calls in those sessions');
      assert.deepStrictEqual(r.written, [agents, claude]);
      assert.deepStrictEqual(r.refused, []);
      assert.ok(r.lessonsWritten >= 1);

      const text = fs.readFileSync(agents, 'utf8');
      assert.ok(text.startsWith(USER_TEXT), 'the user text above the block is kept byte for byte');
      const block = text.slice(text.indexOf(START), text.indexOf(END) + END.length);
      assert.ok(text.indexOf(START) > 0 && text.indexOf(END) > text.indexOf(START), 'one managed block');
      assert.match(
        block,
        new RegExp(
          String.raw`^- Run tests with \`npm test\` \(not \`npm run tset\`: script not found\)` +
            String.raw` — seen \d+× in \d+ sessions? \(last \d{4}-\d{2}-\d{2}\)$`,
          'm',
        ),
      );
      assert.strictEqual(block.split('\n').filter((l) => l.startsWith('- ')).length, r.lessonsWritten);
      assert.ok(
        fs.readFileSync(claude, 'utf8').includes(block),
        'CLAUDE.md (Claude Code is used here) holds the same block',
      );
      assert.deepStrictEqual(previews, [
        'AGENTS.md (before ↔ after) — Headroom: Learn',
        'CLAUDE.md (new file) — Headroom: Learn',
      ]);
      const left = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'headroom-preview');
      assert.strictEqual(left.length, 0, 'the preview tabs are closed again');
      assert.deepStrictEqual(
        fs.readdirSync(workspace).filter((n) => n.endsWith('.tmp')),
        [],
        'no temp file is left behind',
      );

      const bytes = [fs.readFileSync(agents, 'utf8'), fs.readFileSync(claude, 'utf8')];
      const again = await learn({ yes: true });
      assert.strictEqual(again.sessionsRead, 4);
      assert.deepStrictEqual(again.written, [], 'nothing to write the second time');
      assert.deepStrictEqual(
        [fs.readFileSync(agents, 'utf8'), fs.readFileSync(claude, 'utf8')],
        bytes,
        'both files unchanged',
      );
      assert.strictEqual(previews.length, 2, 'and no diff was opened');
    },
  );

  it('a folder without agent logs gets a clear message and no file', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-learn-empty-'));
    try {
      const r = await learn({ folder: empty, yes: true });
      assert.strictEqual(r.sessionsRead, 0);
      assert.deepStrictEqual(r.written, []);
      assert.deepStrictEqual(fs.readdirSync(empty), [], 'nothing was written there');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
