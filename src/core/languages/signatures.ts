// Syntax signatures: general facts about how each language looks, as regular expressions. Each signature
// adds (or, when it rules a language out, subtracts) evidence for the languages it names. Weights are in
// the same log-odds units as the model's log-probabilities: ~1 a hint, ~3 a strong sign, ~5 near-proof.
import { ADDED_SIGNATURES } from './signatures-added';
import type { LanguageId } from './types';

export interface SyntaxSignature {
  /** What the signature is, for debugging and tests. */
  name: string;
  pattern: RegExp;
  weights: Partial<Record<LanguageId, number>>;
}

const sig = (name: string, pattern: RegExp, weights: Partial<Record<LanguageId, number>>): SyntaxSignature => ({ name, pattern, weights });

const C_HEADERS = 'stdio|stdlib|string|math|stdbool|assert|limits|ctype|stdint|stddef|time|float|errno|signal|inttypes';
const CPP_HEADERS =
  'iostream|vector|string|map|set|unordered_map|unordered_set|algorithm|bits/stdc\\+\\+\\.h|sstream|iomanip|fstream|cmath|cstdio|cstdlib|cstring|climits|cassert|cctype|numeric|queue|stack|deque|list|utility|tuple|functional|memory|optional|array|bitset|iterator|regex|chrono|thread';
const TS_TYPE = '(?:number|string|boolean|any|unknown|void|never|bigint|object|null|undefined)';

export const SIGNATURES: readonly SyntaxSignature[] = [
  // ── C and C++ ──────────────────────────────────────────────────────────────
  sig('#include', /^\s*#\s*include\s*[<"]/m, { c: 3, cpp: 3 }),
  sig('C++ standard header', new RegExp(`^\\s*#\\s*include\\s*<(?:${CPP_HEADERS})>`, 'm'), { cpp: 4, c: -3 }),
  sig('C standard header', new RegExp(`^\\s*#\\s*include\\s*<(?:${C_HEADERS})\\.h>`, 'm'), { c: 1.5 }),
  sig('std:: qualifier', /\bstd::\w/, { cpp: 4, c: -4 }),
  sig('using namespace', /^\s*using\s+namespace\s+\w+\s*;/m, { cpp: 4, c: -4 }),
  sig('iostream objects', /\b(?:cout|cin|cerr|endl)\b/, { cpp: 3, c: -2 }),
  sig('stream operators', /<<\s*(?:"|endl\b)|>>\s*\w+\s*;/, { cpp: 1 }),
  sig('template', /\btemplate\s*<\s*(?:typename|class)\b/, { cpp: 4, c: -3 }),
  sig('access label', /^\s*(?:public|private|protected)\s*:\s*$/m, { cpp: 3 }),
  sig('C++ keywords', /\b(?:nullptr|constexpr|static_cast|dynamic_cast|reinterpret_cast|noexcept)\b/, { cpp: 3, c: -2 }),
  sig('auto declaration', /\bauto\b\s*&{0,2}\s*(?:\w+|\[[\w, ]+\])\s*[=:]/, { cpp: 1.5, c: -1 }),
  sig('STL container type', /\b(?:vector|unordered_map|unordered_set|pair|tuple|deque|priority_queue)\s*<\s*\w/, { cpp: 2, c: -2 }),
  sig('C memory functions', /\b(?:malloc|calloc|realloc|free|memset|memcpy)\s*\(/, { c: 2, cpp: 0.5 }),
  sig('printf with format', /\b(?:printf|scanf|fprintf|sprintf)\s*\(\s*(?:stderr\s*,\s*)?"[^"]*%/, { c: 1.5, cpp: 0.5 }),
  sig('C string functions', /\b(?:strcpy|strcat|strcmp|strncpy|strtok|atoi|strchr)\s*\(/, { c: 1.5, cpp: 0.5 }),
  sig('pointer declaration', /\b(?:int|char|void|float|double|long|struct\s+\w+)\s*\*+\s*\w+\s*[=;,)[]/, { c: 1.5, cpp: 0.5 }),
  sig('typedef struct', /\btypedef\s+(?:struct|enum|union)\b/, { c: 2, cpp: 0.5 }),
  sig('C-style function definition', /^(?:static\s+|inline\s+|const\s+)*(?:unsigned\s+|signed\s+)?(?:int|void|char|long|short|double|float|bool|size_t)\s+\**\w+\s*\([^)]*\)\s*\{?\s*$/m, { c: 1.5, cpp: 1.5 }),
  sig('int main', /\bint\s+main\s*\(/, { c: 2, cpp: 2 }),
  sig('NULL', /\bNULL\b/, { c: 1, cpp: 0.5 }),
  sig('scope operator with parentheses', /\w::\w+\s*\(/, { cpp: 1.5, c: -2 }),

  // ── Java ──────────────────────────────────────────────────────────────────
  sig('Java main', /\bpublic\s+static\s+void\s+main\s*\(\s*(?:final\s+)?String/, { java: 6 }),
  sig('System.out', /\bSystem\.(?:out|err)\.print/, { java: 6 }),
  sig('Java import', /^\s*import\s+(?:static\s+)?(?:java|javax|org|com)\.[\w.]+(?:\.\*)?\s*;/m, { java: 5 }),
  sig('boxed generic', /\b(?:List|ArrayList|Map|HashMap|Set|HashSet|Optional|LinkedList|Stream)\s*<\s*(?:Integer|Long|String|Boolean|Character|Double|Float)\b/, { java: 4 }),
  sig('boolean type', /(?<![:\w]\s*)\bboolean\s+\w+\s*[=;,)]|\bboolean\[\]/, { java: 3 }),
  sig('String array', /\bString\s*\[\]/, { java: 2, csharp: 0.5 }),
  sig('Java string methods', /\.(?:charAt|equals|equalsIgnoreCase|isEmpty|toCharArray|substring|compareTo)\s*\(/, { java: 2, javascript: 0.3, typescript: 0.3 }),
  sig('Java collections API', /\b(?:Arrays|Collections|Objects|Integer|Character)\.\w+\s*\(|\.stream\(\)|\.size\(\)/, { java: 2, cpp: 0.3 }),
  sig('@Override', /@Override\b/, { java: 3 }),
  sig('final local', /\bfinal\s+(?:int|long|String|double|var)\s/, { java: 2 }),
  sig('Java class modifiers', /^\s*(?:public\s+)?(?:final\s+|abstract\s+)?class\s+\w+(?:\s+(?:extends|implements)\s+[\w<>, ]+)?\s*\{/m, { java: 1.5, csharp: 1, cpp: 0.5, typescript: 0.5, javascript: 0.5 }),
  sig('throws clause', /\)\s*throws\s+\w+/, { java: 3 }),

  // ── C# ────────────────────────────────────────────────────────────────────
  sig('using System', /^\s*using\s+System(?:\.\w+)*\s*;/m, { csharp: 6 }),
  sig('Console', /\bConsole\.(?:Write|WriteLine|ReadLine|Read)\s*\(/, { csharp: 6 }),
  sig('C# Main', /\bstatic\s+(?:void|int|async\s+Task)\s+Main\s*\(/, { csharp: 5 }),
  sig('C# foreach', /\bforeach\s*\(\s*(?:var|[\w<>[\],]+)\s+\w+\s+in\b/, { csharp: 5 }),
  sig('unboxed generic', /\b(?:List|Dictionary|HashSet|IEnumerable|IList|ICollection|Tuple|Func|Queue|Stack)\s*<\s*(?:int|long|string|bool|double|float|char|object)\b/, { csharp: 4, java: -2 }),
  sig('PascalCase BCL methods', /\.(?:Count|Length|Add|ToString|Contains|Select|Where|ToList|ToArray|OrderBy|Sum|Any|All|Substring|ToUpper|ToLower|Split|Trim|StartsWith|EndsWith|Equals|Append)\b/, { csharp: 2.5, go: 0.3 }),
  sig('C# Math', /\bMath\.(?:Abs|Max|Min|Sqrt|Pow|Floor|Ceiling|Round)\s*\(/, { csharp: 3, javascript: -1, typescript: -1 }),
  sig('C# keyword types', /\b(?:string|bool|decimal)(?:\s*\[\])?\s+\w+\s*[=;,)]/, { csharp: 1.5, cpp: 0.5 }),
  sig('namespace block', /^\s*namespace\s+[\w.]+\s*[{;]?\s*$/m, { csharp: 2, cpp: 1 }),
  sig('C# attributes and modifiers', /\b(?:readonly|sealed|override|internal|out|ref|params)\s+(?:\w+\s+){0,2}\w/, { csharp: 0.5 }),
  sig('Debug.Assert', /\bDebug\.Assert\s*\(/, { csharp: 3 }),

  // ── Go ────────────────────────────────────────────────────────────────────
  sig('package clause', /^package\s+\w+\s*$/m, { go: 5 }),
  sig('func definition', /^\s*func\s+(?:\(\s*\w+\s+\*?\w+\s*\)\s*)?\w+\s*\(/m, { go: 5 }),
  sig('short declaration', /\w\s*:=\s*/, { go: 2 }),
  sig('fmt package', /\bfmt\.(?:Print|Sprint|Fprint|Errorf|Scan)/, { go: 4 }),
  sig('Go import', /^import\s+(?:\(\s*$|"[\w/.]+")/m, { go: 4 }),
  sig('Go slice types', /\[\](?:int|int64|string|float64|bool|byte|rune|interface\{\})\b/, { go: 3 }),
  sig('range loop', /\bfor\s+[\w, ]+:=\s*range\b/, { go: 4 }),
  sig('make and map types', /\bmake\s*\(\s*(?:\[\]|map\[)|\bmap\[\w+\]\w+/, { go: 3 }),
  sig('Go stdlib packages', /\b(?:strings|strconv|sort|math)\.[A-Z]\w*\(/, { go: 3 }),

  // ── Rust ──────────────────────────────────────────────────────────────────
  sig('fn definition', /\bfn\s+\w+\s*(?:<[^>]*>)?\s*\(/, { rust: 5 }),
  sig('let mut', /\blet\s+mut\b/, { rust: 5 }),
  sig('Rust macros', /\b(?:println|print|eprintln|format|vec|assert|assert_eq|assert_ne|panic|write|writeln|unreachable|todo)!\s*[([{]/, { rust: 5 }),
  sig('Rust return type', /\)\s*->\s*(?:Vec<|Option<|Result<|String|bool|char|i8|i16|i32|i64|i128|u8|u16|u32|u64|usize|isize|f32|f64|Self|&|\()/, { rust: 3 }),
  sig('Rust references', /&(?:str\b|mut\b|self\b|\[)|&'\w+/, { rust: 3 }),
  sig('Rust integer types', /\b(?:i32|i64|u32|u64|usize|isize|f64|u8|i128)\b/, { rust: 2 }),
  sig('Rust iterator methods', /\.(?:iter|into_iter|collect|unwrap|to_string|chars|as_str|unwrap_or|enumerate|rev)\s*(?:::<[^>]*>)?\s*\(\)/, { rust: 2 }),
  sig('impl', /^\s*impl(?:<[^>]*>)?\s+\w+/m, { rust: 4 }),
  sig('Option and Result values', /\b(?:Some|Ok|Err)\s*\(/, { rust: 1.5 }),
  sig('path constructor', /\b[A-Z]\w*::(?:new|from|with_capacity)\s*\(/, { rust: 2, cpp: 0.5 }),
  sig('Rust use', /^\s*use\s+(?:std|core|crate|super|self)::/m, { rust: 5 }),
  sig('attribute', /^\s*#!?\[(?:derive|test|cfg|allow|inline)\b/m, { rust: 4 }),

  // ── Python ────────────────────────────────────────────────────────────────
  sig('def with colon', /^\s*def\s+\w+\s*\([^)]*\)\s*(?:->\s*[^:\n]+)?:\s*(?:#.*)?$/m, { python: 5, ruby: -2 }),
  sig('block header colon', /^\s*(?:if|elif|while|for|with|try|except|else|finally)\b[^\n{};]*:\s*(?:#.*)?$/m, { python: 3 }),
  sig('elif', /^\s*elif\b/m, { python: 3 }),
  sig('Python import', /^\s*(?:from\s+[\w.]+\s+import\s+[\w*]|import\s+[\w.]+(?:\s+as\s+\w+)?\s*$)/m, { python: 3 }),
  sig('Python constants', /\b(?:None|True|False)\b/, { python: 1.5 }),
  sig('docstring', /^\s*(?:"""|''')/m, { python: 3 }),
  sig('Python builtins', /\b(?:len|range|enumerate|isinstance|zip|sorted)\s*\(/, { python: 1.5, ruby: -0.5 }),
  sig('Python class', /^\s*class\s+\w+\s*(?:\([^)]*\))?\s*:\s*$/m, { python: 4 }),
  sig('self attribute', /\bself\.\w+/, { python: 1, ruby: 0.3 }),
  sig('lambda', /\blambda\s+[\w, ]*:/, { python: 3 }),
  sig('comprehension', /\[[^\]\n]+\bfor\s+\w+(?:\s*,\s*\w+)*\s+in\s+[^\]\n]+\]/, { python: 2.5 }),
  sig('Python logical words', /\b(?:and|or)\s+not\b|\bnot\s+in\b|\bis\s+not\b/, { python: 2 }),

  // ── Ruby ──────────────────────────────────────────────────────────────────
  sig('def without colon', /^\s*def\s+(?:self\.)?\w+[?!=]?\s*(?:\([^)]*\))?\s*$/m, { ruby: 3 }),
  sig('end line', /^\s*end\s*$/m, { ruby: 1.5, lua: 1.5 }),
  sig('elsif without parentheses', /^\s*elsif\s+[^(\s]/m, { ruby: 3 }),
  sig('puts', /^\s*(?:puts|p|pp)\s+(?!\()/m, { ruby: 3 }),
  sig('block parameters', /(?:\bdo|\{)\s*\|[\w, *]+\|/, { ruby: 4 }),
  sig('predicate methods', /\.(?:nil|empty|include|zero|even|odd|positive|negative|is_a|key|any|all|start_with|end_with)\?/, { ruby: 4 }),
  sig('unless', /^\s*unless\s+[^(]/m, { ruby: 2 }),
  sig('require string', /^\s*require(?:_relative)?\s+['"]/m, { ruby: 2, lua: 0.5 }),
  sig('string interpolation', /"[^"\n]*#\{[^}]+\}/, { ruby: 3 }),
  sig('symbol', /(?:^|[\s(,[])(?<!:):[a-z_]\w*(?!:)\b/m, { ruby: 1 }),
  sig('Ruby iterators', /\.(?:each|each_with_index|each_char|map|select|reject|times|upto|downto|inject|reduce|each_slice|each_cons)\s*(?:\(\w*\)\s*)?(?:do\b|\{)/, { ruby: 3 }),
  sig('attr accessors', /^\s*attr_(?:accessor|reader|writer)\b/m, { ruby: 4 }),
  sig('Ruby ranges', /\(\s*-?\w+\s*\.\.\.?\s*-?[\w.]+\s*\)\./, { ruby: 2 }),

  // ── Lua ───────────────────────────────────────────────────────────────────
  sig('local declaration', /^\s*local\s+(?:function\s+\w+|\w+(?:\s*,\s*\w+)*\s*(?:=\s|$))/m, { lua: 4, bash: -1 }),
  sig('function without brace', /^\s*(?:local\s+)?function\s+[\w.:]+\s*\([^)]*\)\s*$/m, { lua: 3 }),
  sig('then', /\bthen\s*$/m, { lua: 2, bash: 1 }),
  sig('not equal ~=', /~=/, { lua: 4 }),
  sig('string concatenation ..', /["')\]]\s*\.\.\s*[\w"'(]|\w\s+\.\.\s+["'\w(]/, { lua: 2.5 }),
  sig('elseif then', /\belseif\b[^\n]*\bthen\b/, { lua: 4 }),
  sig('pairs iteration', /\bi?pairs\s*\(/, { lua: 4 }),
  sig('Lua table library', /\btable\.(?:insert|concat|sort|remove|unpack)\s*\(/, { lua: 4 }),
  sig('Lua string library', /\bstring\.(?:format|sub|len|byte|char|gsub|match|gmatch|rep|find|lower|upper|reverse)\s*\(/, { lua: 2.5 }),
  sig('numeric for', /^\s*for\s+\w+\s*=\s*[^,\n]+,[^\n]+\bdo\s*$/m, { lua: 4 }),
  sig('Lua comment', /^\s*--(?!-?\s*$)/m, { lua: 1.5 }),
  sig('block comment', /--\[\[/, { lua: 4 }),
  sig('nil', /\bnil\b/, { lua: 1, ruby: 1, go: 0.5 }),

  // ── Facts shared by several languages ─────────────────────────────────────
  // Python, Ruby, Lua and Go code practically never ends a line with a semicolon.
  sig('semicolon line ends', /;[ \t]*$/m, { python: -1.5, ruby: -1, lua: -0.5, go: -1, bash: -0.5 }),
  sig('print call without semicolon', /^\s*print\s*\([^\n]*\)\s*$/m, { python: 1.5, lua: 1 }),
  sig('print string with semicolon', /^\s*print\s+["'][^\n]*;\s*$/m, { perl: 1.5, php: 1 }),
  sig('string-keyed object literal', /\{\s*["']\w+["']\s*:\s*/, { python: 1, javascript: 1, typescript: 1 }),

  // ── Bash ──────────────────────────────────────────────────────────────────
  sig('block closers', /^\s*(?:fi|done|esac)\b/m, { bash: 4 }),
  sig('arithmetic expansion', /\$\(\(|\(\(\s*\w+\s*(?:\+\+|--|[+-]=)/, { bash: 4 }),
  sig('command substitution', /\$\([a-z]/, { bash: 2 }),
  sig('parameter expansion', /\$\{(?:#\w|!\w|\w+\[[@*]\]|\w+(?::?[-=?+]|#|%|\/|:\d|\^|,))/, { bash: 4 }),
  sig('double brackets', /\[\[\s.*\s\]\]/, { bash: 3 }),
  sig('test operators', /\s-(?:eq|ne|lt|le|gt|ge|z|n|f|d)\s/, { bash: 3 }),
  sig('echo', /^\s*echo\s/m, { bash: 2, php: 0.5 }),
  sig('shell function', /^\s*(?:function\s+)?[\w-]+\s*\(\)\s*\{/m, { bash: 3 }),
  sig('positional parameters', /\$[1-9@#?*](?!\w)/, { bash: 1.5, perl: 0.3 }),
  sig('local assignment', /\blocal\s+(?:-[a-zA-Z]+\s+)?\w+=/, { bash: 4 }),
  sig('read and IFS', /\bread\s+-[ra]\b|\bIFS=/, { bash: 3 }),
  sig('pipe to tools', /\|\s*(?:bc|awk|sed|grep|tr|sort|cut|wc|xargs|head|tail|uniq|rev|fold)\b/, { bash: 3 }),
  sig('declare', /\bdeclare\s+-[aAirx]/, { bash: 4 }),
  sig('semicolon then/do', /;\s*(?:then|do)\b/, { bash: 3 }),
  sig('unspaced assignment', /^\s*\w+=(?:["'$(]|\w)/m, { bash: 1.5 }),

  // ── Perl ──────────────────────────────────────────────────────────────────
  sig('my declaration', /\bmy\s*[$@%(]/, { perl: 4 }),
  sig('use strict', /^\s*use\s+(?:strict|warnings)\s*;/m, { perl: 5 }),
  sig('Perl module use', /^\s*use\s+[A-Z]\w*(?:::\w+)*(?:\s+[^;]*)?;/m, { perl: 2 }),
  sig('sub definition', /^\s*sub\s+\w+\s*\{/m, { perl: 4 }),
  sig('argument array', /@_\b|\bshift\s*(?:;|\()|\$_\[\d/, { perl: 3 }),
  sig('binding operator', /[=!]~\s*(?:m|s|tr|y)?\//, { perl: 2.5, ruby: 1 }),
  sig('references', /\$\w+->[[{]|@\{\s*\$|@\$\w+|%\$\w+|\$#\{?\$?\w+/, { perl: 3 }),
  sig('scalar', /\bscalar\s*\(?\s*[@$]/, { perl: 4 }),
  sig('foreach my', /\bforeach\s+my\b/, { perl: 4 }),
  sig('string comparison words', /\s(?:eq|ne|lt|gt|le|ge|cmp)\s+["'$]/, { perl: 2 }),
  sig('elsif with parentheses', /\belsif\s*\(/, { perl: 3 }),
  sig('Perl sigil arrays', /(?:^|[\s(,=])@\w+/m, { perl: 1.5 }),

  // ── PHP ───────────────────────────────────────────────────────────────────
  sig('php open tag', /<\?php\b/, { php: 8 }),
  sig('function with $ parameters', /\bfunction\s+\w+\s*\(\s*(?:[?\w]+\s+)?&?\$\w+/, { php: 4 }),
  sig('$this', /\$this->/, { php: 4 }),
  sig('PHP builtins', /\b(?:array_\w+|str_\w+|strlen|strrev|strpos|strtolower|strtoupper|in_array|explode|implode|isset|intval|count|usort|substr|is_numeric|ctype_\w+)\s*\(\s*\$/, { php: 4 }),
  sig('array()', /\barray\s*\(/, { php: 2 }),
  sig('PHP foreach', /\bforeach\s*\(\s*\$[\w\->[\]'"]+\s+as\s+/, { php: 5 }),
  sig('$ assignment statement', /^\s*\$\w+(?:\[[^\]]*\])?\s*(?:[.+\-*/]?=)\s*[^=~][^\n]*;\s*$/m, { php: 2, perl: 0.5, bash: -2 }),
  sig('C-style for over $ variable', /\bfor\s*\(\s*\$\w+\s*=/, { php: 3, bash: -2 }),
  sig('echo statement with semicolon', /^\s*echo\b[^\n]*;\s*$/m, { php: 2, bash: -1 }),

  // ── JavaScript and TypeScript ─────────────────────────────────────────────
  sig('const/let declaration', /^\s*(?:const|let)\s+(?:\w+|\{[^}]*\}|\[[^\]]*\])\s*=/m, { javascript: 2, typescript: 1.5 }),
  sig('untyped function parameters', /\bfunction\s+\w+\s*\(\s*\w+(?:\s*,\s*\w+)*\s*\)\s*\{/, { javascript: 2, typescript: -1.5 }),
  sig('function declaration', /\bfunction\s*\*?\s*\w*\s*\([^)$]*\)\s*\{/, { javascript: 2, typescript: 1.5 }),
  sig('arrow function', /(?:\(\s*[\w, ]*\)|\b\w+)\s*=>\s*[{(\w]/, { javascript: 1, typescript: 1 }),
  sig('console', /\bconsole\.(?:log|error|assert|warn)\s*\(/, { javascript: 3, typescript: 3 }),
  sig('CommonJS', /\brequire\s*\(\s*['"][\w:@/.-]+['"]\s*\)|\bmodule\.exports\b/, { javascript: 3, typescript: 0.5 }),
  sig('strict equality', /[!=]==/, { javascript: 2, typescript: 2, php: 1.5 }),
  sig('undefined', /\bundefined\b/, { javascript: 2, typescript: 2 }),
  sig('JS array methods', /\.(?:push|forEach|reduce|filter|indexOf|splice|slice|join)\s*\(/, { javascript: 1, typescript: 1, ruby: 0.2 }),
  sig('template literal', /`[^`\n]*\$\{[^}]+\}[^`\n]*`/, { javascript: 2, typescript: 2 }),
  sig('type annotation on parameter', new RegExp(`[(,]\\s*\\w+\\??\\s*:\\s*(?:${TS_TYPE}|\\w+\\[\\]|Array<|Record<|Map<|Set<|\\[)`), { typescript: 4, javascript: -3 }),
  sig('return type annotation', new RegExp(`\\)\\s*:\\s*(?:${TS_TYPE}|[A-Z]\\w*(?:<[^>]*>)?(?:\\[\\])*|\\w+\\[\\]|\\[[^\\]]*\\])\\s*(?:\\{|=>)`), { typescript: 4, javascript: -3 }),
  sig('typed variable', new RegExp(`\\b(?:const|let|var)\\s+\\w+\\s*:\\s*(?:${TS_TYPE}|[A-Z]\\w*|\\w+\\[\\])`), { typescript: 4, javascript: -3 }),
  sig('type alias or interface', /^\s*(?:export\s+)?(?:type\s+\w+(?:<[^>]*>)?\s*=|interface\s+\w+(?:<[^>]*>)?\s*\{)/m, { typescript: 3 }),
  sig('as cast', new RegExp(`\\bas\\s+(?:${TS_TYPE}|const)\\s*(?:[);,.\\]}]|$)`, 'm'), { typescript: 3, javascript: -2 }),
  sig('generic call', /\b(?:new\s+)?(?:Array|Map|Set|Promise|Record)<[\w[\], |]+>/, { typescript: 3, javascript: -2 }),

  // The languages added from Debian's packages.
  ...ADDED_SIGNATURES,
];

/** Evidence per language: the summed weights of the signatures that match. Languages with none are absent. */
export function syntaxScores(code: string): Map<LanguageId, number> {
  const scores = new Map<LanguageId, number>();
  for (const s of SIGNATURES) {
    if (!s.pattern.test(code)) continue;
    for (const [id, weight] of Object.entries(s.weights) as [LanguageId, number][]) {
      scores.set(id, (scores.get(id) ?? 0) + weight);
    }
  }
  return scores;
}
