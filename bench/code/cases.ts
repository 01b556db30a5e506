/**
 * Real source files (test/fixtures/code/, provenance in SOURCES.md), each with two questions an agent asks after
 * reading the file, and the strings a model needs to answer them:
 *  - structure: "what does this file define?" — declarations and signatures;
 *  - behaviour: "how does X do Y?" — lines from inside X's body (conditions, values, messages).
 */
export interface CodeQuestion {
  question: string;
  facts: string[];
}

export interface CodeCase {
  /** Fixture file name. */
  fixture: string;
  /** The path an agent's Read call would carry. */
  fileName: string;
  language: string;
  structure: CodeQuestion;
  behaviour: CodeQuestion;
}

const structure = (facts: string[]): CodeQuestion => ({
  question: 'What classes and functions does this file define, with which signatures?',
  facts,
});

export const CODE_CASES: CodeCase[] = [
  {
    fixture: 'textwrap.py',
    fileName: 'Lib/textwrap.py',
    language: 'python',
    structure: structure([
      'import re',
      'class TextWrapper',
      'def __init__(self,',
      'def _wrap_chunks(self, chunks)',
      'def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width)',
      'def wrap(text, width=70, **kwargs)',
      'def fill(text, width=70, **kwargs)',
      'def shorten(text, width, **kwargs)',
      'def dedent(text)',
      'def indent(text, prefix, predicate=None)',
    ]),
    behaviour: {
      question: 'How does dedent find the common margin of the lines?',
      facts: [
        'margin = margin[:i]',
        'elif margin.startswith(indent):',
        "text = re.sub(r'(?m)^' + margin, '', text)",
        'indents = _leading_whitespace_re.findall(text)',
      ],
    },
  },
  {
    fixture: 'express-application.js',
    fileName: 'node_modules/express/lib/application.js',
    language: 'javascript',
    structure: structure([
      "var View = require('./view');",
      'app.init = function init()',
      'app.handle = function handle(req, res, callback)',
      'app.use = function use(fn)',
      'app.set = function set(setting, val)',
      'app.render = function render(name, options, callback)',
      'app.listen = function listen()',
      'function tryRender(view, options, callback)',
    ]),
    behaviour: {
      question: 'How does app.render find the view, and what error does it raise when the view is missing?',
      facts: [
        "var View = this.get('view');",
        "defaultEngine: this.get('view engine'),",
        "root: this.get('views'),",
        "'Failed to lookup view \"'",
        'view = cache[name];',
      ],
    },
  },
  {
    fixture: 'GptEncoding.ts.txt',
    fileName: 'node_modules/gpt-tokenizer/src/GptEncoding.ts',
    language: 'typescript',
    structure: structure([
      'export interface EncodeOptions',
      'export class GptEncoding',
      'static getEncodingApi(',
      'encode(lineToEncode: string, encodeOptions?: EncodeOptions): number[]',
      'countTokens(',
      'decode(inputTokensToDecode: Iterable<number>): string',
      'estimateCost(tokenCount: number, modelSpec = this.modelSpec): PriceData',
    ]),
    behaviour: {
      question: 'How does countTokens handle chat input, and when does it throw?',
      facts: [
        'const tokenGenerator = this.encodeChatGenerator(',
        'count += tokens.length',
        'throw new Error(`Disallowed special token found: ${match[0]}`)',
        'return this.bytePairEncodingCoreProcessor.countNative(',
      ],
    },
  },
  {
    fixture: 'persistent-https-proxy.go',
    fileName: 'contrib/persistent-https/proxy.go',
    language: 'go',
    structure: structure([
      'type Proxy struct',
      'func (p *Proxy) Run() error',
      'type socketContext struct',
      'func (p *Proxy) serveUnix(result chan<- error)',
      'func (p *Proxy) closeOnIdle(sockCtx *socketContext)',
      'func (p *Proxy) closeOnSignal()',
    ]),
    behaviour: {
      question: 'When does closeOnIdle shut the proxy down?',
      facts: [
        'for d := p.MaxIdleDuration; d > 0; {',
        'if d = sockCtx.last.Add(p.MaxIdleDuration).Sub(time.Now()); d <= 0 {',
        'log.Println("graceful shutdown from idle timeout")',
        'p.ul.Close()',
      ],
    },
  },
  {
    fixture: 'libtest-json.rs',
    fileName: 'library/test/src/formatters/json.rs',
    language: 'rust',
    structure: structure([
      'pub(crate) struct JsonFormatter<T>',
      'impl<T: Write> OutputFormatter for JsonFormatter<T>',
      'fn writeln_message(&mut self, s: &str) -> io::Result<()>',
      'fn write_result(',
      'fn write_run_finish(&mut self, state: &ConsoleTestState) -> io::Result<bool>',
      'struct EscapedString<S: AsRef<str>>(S);',
    ]),
    behaviour: {
      question: "When does write_result include a test's stdout, and what does it report for a timed-out test?",
      facts: [
        'let display_stdout = state.options.display_output || *result != TestResult::TrOk;',
        'Some(String::from_utf8_lossy(stdout))',
        'Some(r#""reason": "time limit exceeded""#),',
      ],
    },
  },
  {
    fixture: 'StringJoiner.java',
    fileName: 'java.base/java/util/StringJoiner.java',
    language: 'java',
    structure: structure([
      'public final class StringJoiner',
      'public StringJoiner(CharSequence delimiter)',
      'public StringJoiner setEmptyValue(CharSequence emptyValue)',
      'public StringJoiner add(CharSequence newElement)',
      'public StringJoiner merge(StringJoiner other)',
      'public int length()',
    ]),
    behaviour: {
      question: 'What does StringJoiner.add do when the array is full, and when does it throw?',
      facts: [
        'elts = Arrays.copyOf(elts, 2 * size);',
        'elts = new String[8];',
        'throw new OutOfMemoryError("Requested array size exceeds VM limit");',
      ],
    },
  },
  {
    fixture: 'gzappend.c',
    fileName: 'zlib/examples/gzappend.c',
    language: 'c',
    structure: structure([
      '#include "zlib.h"',
      'local unsigned gcd(unsigned a, unsigned b)',
      'local void rotate(unsigned char *list, unsigned len, unsigned rot)',
      'local int gzscan(char *name, z_stream *strm, int level)',
      'local void gztack(char *name, int gd, z_stream *strm, int last)',
      'int main(int argc, char **argv)',
    ]),
    behaviour: {
      question: 'How does gzscan find and clear the last block bit?',
      facts: [
        'ret = inflate(strm, Z_BLOCK);',
        'lastbit = strm->data_type & 0x1f;',
        'lseek(gz.fd, lastoff - (lastbit != 0), SEEK_SET);',
        '*gz.buf = (unsigned char)(*gz.buf ^ (1 << ((8 - lastbit) & 7)));',
      ],
    },
  },
  {
    fixture: 'kerberos_unix.cc',
    fileName: 'kerberos/src/unix/kerberos_unix.cc',
    language: 'cpp',
    structure: structure([
      'namespace node_kerberos',
      'void KerberosClient::Step(const CallbackInfo& info)',
      'void KerberosClient::UnwrapData(const CallbackInfo& info)',
      'void KerberosServer::Step(const CallbackInfo& info)',
      'void InitializeClient(const CallbackInfo& info)',
      'void CheckPassword(const CallbackInfo& info)',
    ]),
    behaviour: {
      question: 'What does KerberosClient::UnwrapData return on failure?',
      facts: [
        'authenticate_gss_client_unwrap(state.get(), challenge.c_str());',
        'if (result.code == AUTH_GSS_ERROR) {',
        '{ Error::New(env, result.message).Value(), env.Null() });',
        '{ env.Null(), String::New(env, state->response) });',
      ],
    },
  },
  {
    fixture: 'Find-VisualStudio.cs',
    fileName: 'node-gyp/lib/Find-VisualStudio.cs',
    language: 'csharp',
    structure: structure([
      'public interface ISetupInstance2 : ISetupInstance',
      'public static class Main',
      'public static void PrintJson()',
      'private static string JsonString(string s)',
      'private static string InstanceJson(ISetupInstance2 setupInstance2)',
    ]),
    behaviour: {
      question: 'Which fields does InstanceJson write for each instance?',
      facts: [
        'json.Append(String.Format("\\"path\\":{0},", path));',
        'json.Append(String.Format("\\"version\\":{0},", version));',
        'string id = JsonString(package.GetId());',
      ],
    },
  },
  {
    fixture: 'rack-query_parser.rb',
    fileName: 'rack/lib/rack/query_parser.rb',
    language: 'ruby',
    structure: structure([
      'class QueryParser',
      'def self.make_default(key_space_limit, param_depth_limit, **options)',
      'def parse_query(qs, d = nil, &unescaper)',
      'def parse_nested_query(qs, d = nil)',
      'def normalize_params(params, name, v, depth)',
      'class Params',
    ]),
    behaviour: {
      question: 'How does normalize_params handle nested brackets and too-deep params?',
      facts: [
        'raise ParamsTooDeepError if depth <= 0',
        'elsif after == "[]"',
        'params[k] = normalize_params(params[k], after, v, depth - 1)',
        'child_key = $1',
      ],
    },
  },
  {
    fixture: 'Decoder.php',
    fileName: 'google/appengine/runtime/proto/Decoder.php',
    language: 'php',
    structure: structure([
      'class Decoder',
      'public function skipData($tag)',
      'public function getVarUint32()',
      'public function getVarInt64()',
      'public function getFixed64()',
    ]),
    behaviour: {
      question: 'How do getVarInt64 and getVarUint64 decode a varint, and when do they report corruption?',
      facts: [
        '$result = bcsub($result, Decoder::RANGE_UINT64);',
        '$result = bcadd($result, bcmul($b & 127, $mul));',
        'if (bccomp($mul, Decoder::MAX_SHIFT) > 0) {',
        'throw new ProtocolBufferDecodeError("corrupted");',
      ],
    },
  },
  {
    fixture: 'ucf_helper_functions.sh',
    fileName: '/usr/share/ucf/ucf_helper_functions.sh',
    language: 'bash',
    structure: structure([
      'rename_ucf_file()',
      'generate_directory_structure()',
      'handle_single_ucf_file()',
      'handle_deleted_ucf_file()',
      'handle_all_ucf_files()',
    ]),
    behaviour: {
      question: 'What does handle_deleted_ucf_file do when the reference file is gone?',
      facts: [
        '$UCF /dev/null "$locfile"',
        'rm -f "${locfile}$ext"',
        'ucf --purge "${locfile}"',
        'ucfr --purge "$PKGNAME" "${locfile}"',
      ],
    },
  },
];
