import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compressCode } from '../../../core/compressors/code/index.js';
import { countTokens } from '../../../core/util/tokens.js';
import { fixture, initAllLanguages, markerLines, restore, stashCtx, type MarkerLine } from './helpers.js';

/**
 * One real file per language (test/fixtures/code/SOURCES.md). Without a question the compressor keeps the skeleton;
 * with a question naming a function, that function's body comes back whole, together with its callers/callees in the
 * file, while unrelated bodies stay elided.
 */
interface Case {
  file: string;
  /** As an agent's tool call names it. */
  fileName: string;
  comment: string;
  /** Whole lines that must stay verbatim (imports, declarations, signatures). */
  keep: string[];
  /** Least token reduction without a question. */
  minReduction: number;
  query: string;
  named: string;
  related: string[];
  unrelated: string[];
}

const CASES: Case[] = [
  {
    file: 'textwrap.py',
    fileName: 'Lib/textwrap.py',
    comment: '#',
    minReduction: 0.5,
    keep: ['import re', 'class TextWrapper:', 'def dedent(text):', '    def _wrap_chunks(self, chunks):'],
    query: 'Explain what TextWrapper._wrap_chunks does with long words',
    named: 'TextWrapper._wrap_chunks',
    related: ['TextWrapper._handle_long_word', 'TextWrapper.wrap'],
    unrelated: ['TextWrapper._fix_sentence_endings', 'dedent'],
  },
  {
    file: 'express-application.js',
    fileName: 'lib/application.js',
    comment: '//',
    minReduction: 0.45,
    keep: [
      "var View = require('./view');",
      'app.render = function render(name, options, callback) {',
      'function tryRender(view, options, callback) {',
    ],
    query: 'How does app.render find the view?',
    named: 'render',
    related: ['tryRender'],
    unrelated: ['use', 'defaultConfiguration'],
  },
  {
    file: 'GptEncoding.ts.txt',
    fileName: 'src/GptEncoding.ts',
    comment: '//',
    minReduction: 0.5,
    keep: [
      "import { BytePairEncodingCore, decoder } from './BytePairEncodingCore.js'",
      'export interface EncodeOptions {',
      'export class GptEncoding {',
    ],
    query: 'How does countTokens handle chat input?',
    named: 'GptEncoding.countTokens',
    related: ['GptEncoding.processSpecialTokens', 'GptEncoding.encodeChatGenerator'],
    unrelated: ['GptEncoding.estimateCost'],
  },
  {
    file: 'persistent-https-proxy.go',
    fileName: 'contrib/persistent-https/proxy.go',
    comment: '//',
    minReduction: 0.5,
    keep: ['package main', 'type Proxy struct {', 'func (p *Proxy) Run() error {'],
    query: 'When does closeOnIdle shut the proxy down?',
    named: 'Proxy.closeOnIdle',
    related: ['Proxy.serveUnix'],
    unrelated: ['Proxy.closeOnUpdate'],
  },
  {
    file: 'libtest-json.rs',
    fileName: 'library/test/src/formatters/json.rs',
    comment: '//',
    minReduction: 0.5,
    keep: [
      'use std::borrow::Cow;',
      'pub(crate) struct JsonFormatter<T> {',
      'impl<T: Write> OutputFormatter for JsonFormatter<T> {',
      '    fn write_result(',
    ],
    query: "How does write_result print a failed test's stdout?",
    named: 'JsonFormatter.write_result',
    related: ['JsonFormatter.write_event'],
    unrelated: ['JsonFormatter.write_run_finish'],
  },
  {
    file: 'StringJoiner.java',
    fileName: 'java.base/java/util/StringJoiner.java',
    comment: '//',
    minReduction: 0.5,
    keep: [
      'import jdk.internal.access.JavaLangAccess;',
      'public final class StringJoiner {',
      '    public StringJoiner add(CharSequence newElement) {',
    ],
    query: 'What does StringJoiner.add do when the array is full?',
    named: 'StringJoiner.add',
    related: ['StringJoiner.checkAddLength', 'StringJoiner.merge'],
    unrelated: ['StringJoiner.toString'],
  },
  {
    file: 'gzappend.c',
    fileName: 'examples/gzappend.c',
    comment: '//',
    minReduction: 0.6,
    keep: [
      '#include "zlib.h"',
      'local int gzscan(char *name, z_stream *strm, int level)',
      'local void gztack(char *name, int gd, z_stream *strm, int last)',
    ],
    query: 'How does gzscan find the last block?',
    named: 'gzscan',
    related: ['gzheader', 'main'],
    unrelated: ['gztack', 'gcd'],
  },
  {
    file: 'kerberos_unix.cc',
    fileName: 'src/unix/kerberos_unix.cc',
    comment: '//',
    minReduction: 0.6,
    keep: [
      '#include <memory>',
      'namespace node_kerberos {',
      'void KerberosClient::UnwrapData(const CallbackInfo& info) {',
    ],
    query: 'What does KerberosClient::UnwrapData return on failure?',
    named: 'KerberosClient::UnwrapData',
    related: [],
    unrelated: ['KerberosClient::WrapData'],
  },
  {
    file: 'Find-VisualStudio.cs',
    fileName: 'lib/Find-VisualStudio.cs',
    comment: '//',
    minReduction: 0.1,
    keep: ['using System;', '        private static string InstanceJson(ISetupInstance2 setupInstance2)'],
    query: 'How does InstanceJson escape strings?',
    named: 'Main.InstanceJson',
    related: [],
    unrelated: [],
  },
  {
    file: 'rack-query_parser.rb',
    fileName: 'lib/rack/query_parser.rb',
    comment: '#',
    minReduction: 0.3,
    keep: ['module Rack', '  class QueryParser', '    def normalize_params(params, name, v, depth)'],
    query: 'How does normalize_params handle nested brackets?',
    named: 'QueryParser.normalize_params',
    related: ['QueryParser.parse_nested_query'],
    unrelated: ['QueryParser.parse_query'],
  },
  {
    file: 'Decoder.php',
    fileName: 'google/appengine/runtime/proto/Decoder.php',
    comment: '//',
    minReduction: 0.5,
    keep: ['namespace google\\net;', 'class Decoder {', '  public function getVarInt64() {'],
    query: 'How does getVarInt64 decode negative numbers?',
    named: 'Decoder.getVarInt64',
    related: ['Decoder.getVarUint64', 'Decoder.skipData'],
    unrelated: ['Decoder.getVarInt32'],
  },
  {
    file: 'ucf_helper_functions.sh',
    fileName: 'ucf_helper_functions.sh',
    comment: '#',
    minReduction: 0.5,
    keep: ['handle_deleted_ucf_file()', 'handle_all_ucf_files() {'],
    query: 'What does handle_deleted_ucf_file do?',
    named: 'handle_deleted_ucf_file',
    related: ['handle_all_ucf_files'],
    unrelated: ['rename_ucf_file'],
  },
];

const bodyMarker = (markers: MarkerLine[], name: string): MarkerLine | undefined =>
  markers.find((m) => m.what === `body of ${name}`);
const originalLines = (text: string, m: MarkerLine): string =>
  text
    .split('\n')
    .slice(m.from - 1, m.to)
    .join('\n');

before(initAllLanguages);

for (const c of CASES) {
  describe(`${c.file}`, () => {
    const text = fixture(c.file);

    test('keeps the skeleton, elides bodies, and every marker gives back exactly its lines', () => {
      const { ctx, stash } = stashCtx('', c.fileName);
      const out = compressCode(text, ctx);
      assert.ok(out, 'compressed');
      assert.equal(restore(out, stash), text, 'markers swapped for their records reproduce the file');
      const reduction = 1 - countTokens(out) / countTokens(text);
      assert.ok(reduction >= c.minReduction, `token reduction ${reduction.toFixed(2)} ≥ ${c.minReduction}`);
      const outLines = new Set(out.split('\n'));
      for (const line of c.keep) assert.ok(outLines.has(line), `kept verbatim: ${line}`);
      const markers = markerLines(out);
      assert.ok(
        markers.some((m) => m.what.startsWith('body of ')),
        'at least one body elided',
      );
      for (const m of markers) {
        assert.equal(m.file, c.fileName);
        assert.equal(m.count, m.to - m.from + 1);
        assert.equal(stash.get(m.id), originalLines(text, m), `${m.what}: L${m.from}–${m.to} are the stashed lines`);
        if (m.what.startsWith('body of ')) {
          assert.match(
            m.lead,
            new RegExp(`^[ \\t]*${c.comment.replace(/\//g, '\\/')} $`),
            'body marker is a comment line',
          );
          const firstElided = text.split('\n')[m.from - 1];
          assert.ok(
            firstElided.trim() === '' || firstElided.startsWith(m.lead.slice(0, m.lead.length - c.comment.length - 1)),
            'marker sits at the body indentation',
          );
        }
      }
    });

    test(`keeps ${c.named} whole (and its callers/callees) when the question names it`, () => {
      const plain = markerLines(compressCode(text, stashCtx('', c.fileName).ctx)!);
      const { ctx, stash } = stashCtx(c.query, c.fileName);
      // null: nothing left worth eliding (every body is related), the file passes through whole
      const out = compressCode(text, ctx) ?? text;
      assert.equal(restore(out, stash), text);
      const markers = markerLines(out);
      for (const name of [c.named, ...c.related]) {
        const before = bodyMarker(plain, name);
        assert.equal(bodyMarker(markers, name), undefined, `${name} not elided`);
        if (before) assert.ok(out.includes(originalLines(text, before)), `${name}: its body is in the output verbatim`);
      }
      assert.ok(bodyMarker(plain, c.named), `${c.named} is elided without the question (the test can fail)`);
      for (const name of c.unrelated) assert.ok(bodyMarker(markers, name), `${name} stays elided`);
    });
  });
}
