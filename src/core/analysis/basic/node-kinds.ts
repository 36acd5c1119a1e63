// Per grammar: which syntax node types are functions, types, imports, comments and control flow. The names are the
// grammars' own (test/core/analysis/node-kinds.test.ts checks that each one exists in its grammar).
import type { LanguageId } from '../../languages/types';
import type { SyntaxNode } from './tree-sitter-loader';

export interface NodeKinds {
  functions: string[];
  /** Class-like definitions; `isType` may reject some (a declaration without a body, a type alias). */
  types: string[];
  isType?: (node: SyntaxNode) => boolean;
  /** Rejects nodes of a function type that are something else in context (Haskell's `function` is also the type `a -> b`). */
  isFunction?: (node: SyntaxNode) => boolean;
  imports: string[];
  comments: string[];
  branches: string[];
  loops: string[];
  returns: string[];
  throws: string[];
  tries: string[];
  handlers: string[];
  /** Nodes that open a nesting level. */
  nesting: string[];
  /** Nodes that hold an `else`: an `if` right inside one continues a chain rather than nesting deeper. */
  elses: string[];
  /** Short-circuit operator tokens and the node types they count in. */
  logicalOperators: string[];
  logicalParents: string[];
  /** Call-like nodes and how to read the callee's name (for `require`, `raise`, `panic`, `source`, …). */
  calls?: { types: string[]; name: (node: SyntaxNode) => string | undefined };
  importCalls?: string[];
  throwCalls?: string[];
  returnCalls?: string[];
  /** A function's name when the grammar has no plain `name` field on it. */
  functionName?: (node: SyntaxNode) => string | undefined;
  /** Cases that do not add a path (`default:`, `_ =>`). */
  isDefaultCase?: (node: SyntaxNode) => boolean;
}

const startsWithDefault = (node: SyntaxNode) => /^default\b/.test(node.text);

/** C/C++: the name sits at the bottom of a chain of declarators (pointer, reference, function). */
function declaratorName(node: SyntaxNode): string | undefined {
  let current: SyntaxNode | null = node.childForFieldName('declarator');
  while (current) {
    const next = current.childForFieldName('declarator');
    if (!next) return current.text;
    current = next;
  }
  return undefined;
}

/** JavaScript-like: an anonymous function takes the name it is bound to (`const f = () => …`, `{ f: function () {} }`). */
function boundName(node: SyntaxNode): string | undefined {
  const own = node.childForFieldName('name');
  if (own) return own.text;
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator' || parent.type === 'assignment_expression') {
    return (parent.childForFieldName('name') ?? parent.childForFieldName('left'))?.text;
  }
  if (parent.type === 'pair') return parent.childForFieldName('key')?.text;
  return undefined;
}

const jsKinds: NodeKinds = {
  functions: ['function_declaration', 'generator_function_declaration', 'method_definition', 'function_expression', 'arrow_function', 'generator_function'],
  types: ['class_declaration', 'class'],
  imports: ['import_statement'],
  comments: ['comment', 'html_comment'],
  branches: ['if_statement', 'switch_case', 'ternary_expression'],
  loops: ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'],
  returns: ['return_statement'],
  throws: ['throw_statement'],
  tries: ['try_statement'],
  handlers: ['catch_clause'],
  nesting: ['if_statement', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'switch_statement', 'try_statement'],
  elses: ['else_clause'],
  logicalOperators: ['&&', '||', '??'],
  logicalParents: ['binary_expression'],
  calls: { types: ['call_expression'], name: (n) => n.childForFieldName('function')?.text },
  importCalls: ['require'],
  functionName: boundName,
};

const cKinds: NodeKinds = {
  functions: ['function_definition'],
  types: ['struct_specifier', 'union_specifier', 'enum_specifier'],
  isType: (n) => n.childForFieldName('body') !== null,
  imports: ['preproc_include'],
  comments: ['comment'],
  branches: ['if_statement', 'case_statement', 'conditional_expression'],
  loops: ['for_statement', 'while_statement', 'do_statement'],
  returns: ['return_statement'],
  throws: [],
  tries: [],
  handlers: [],
  nesting: ['if_statement', 'for_statement', 'while_statement', 'do_statement', 'switch_statement'],
  elses: ['else_clause'],
  logicalOperators: ['&&', '||'],
  logicalParents: ['binary_expression'],
  calls: { types: ['call_expression'], name: (n) => n.childForFieldName('function')?.text },
  throwCalls: ['abort'],
  returnCalls: ['exit'],
  functionName: declaratorName,
  isDefaultCase: startsWithDefault,
};

const rubyCallName = (n: SyntaxNode) => (n.childForFieldName('receiver') ? undefined : n.childForFieldName('method')?.text);

/** Per language: its grammar's node kinds; null exactly where GRAMMAR_FILES has no grammar. */
export const NODE_KINDS: Record<LanguageId, NodeKinds | null> = {
  python: {
    functions: ['function_definition'],
    types: ['class_definition'],
    imports: ['import_statement', 'import_from_statement', 'future_import_statement'],
    comments: ['comment'],
    branches: ['if_statement', 'elif_clause', 'conditional_expression', 'case_clause', 'if_clause'],
    loops: ['for_statement', 'while_statement', 'for_in_clause'],
    returns: ['return_statement'],
    throws: ['raise_statement'],
    tries: ['try_statement'],
    handlers: ['except_clause'],
    nesting: ['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement'],
    elses: ['else_clause'],
    logicalOperators: ['and', 'or'],
    logicalParents: ['boolean_operator'],
    isDefaultCase: (n) => /^case\s+_\s*:/.test(n.text),
  },
  javascript: jsKinds,
  typescript: {
    ...jsKinds,
    types: ['class_declaration', 'class', 'abstract_class_declaration', 'interface_declaration', 'enum_declaration'],
  },
  c: cKinds,
  cpp: {
    ...cKinds,
    functions: ['function_definition', 'lambda_expression'],
    types: ['struct_specifier', 'union_specifier', 'enum_specifier', 'class_specifier'],
    loops: ['for_statement', 'for_range_loop', 'while_statement', 'do_statement'],
    returns: ['return_statement', 'co_return_statement'],
    throws: ['throw_statement'],
    tries: ['try_statement'],
    handlers: ['catch_clause'],
    nesting: ['if_statement', 'for_statement', 'for_range_loop', 'while_statement', 'do_statement', 'switch_statement', 'try_statement'],
    functionName: (n) => (n.type === 'lambda_expression' ? undefined : declaratorName(n)),
  },
  java: {
    functions: ['method_declaration', 'constructor_declaration', 'compact_constructor_declaration', 'lambda_expression'],
    types: ['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration'],
    imports: ['import_declaration'],
    comments: ['line_comment', 'block_comment'],
    branches: ['if_statement', 'switch_label', 'ternary_expression'],
    loops: ['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'],
    returns: ['return_statement'],
    throws: ['throw_statement'],
    tries: ['try_statement', 'try_with_resources_statement'],
    handlers: ['catch_clause'],
    nesting: ['if_statement', 'for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'switch_expression', 'try_statement', 'try_with_resources_statement'],
    elses: [],
    logicalOperators: ['&&', '||'],
    logicalParents: ['binary_expression'],
    calls: { types: ['method_invocation'], name: (n) => (n.childForFieldName('object') ? `${n.childForFieldName('object')?.text}.${n.childForFieldName('name')?.text}` : n.childForFieldName('name')?.text) },
    returnCalls: ['System.exit'],
    isDefaultCase: startsWithDefault,
  },
  go: {
    functions: ['function_declaration', 'method_declaration', 'func_literal'],
    types: ['type_spec'],
    isType: (n) => ['struct_type', 'interface_type'].includes(n.childForFieldName('type')?.type ?? ''),
    imports: ['import_spec'],
    comments: ['comment'],
    branches: ['if_statement', 'expression_case', 'type_case', 'communication_case'],
    loops: ['for_statement'],
    returns: ['return_statement'],
    throws: [],
    tries: [],
    handlers: [],
    nesting: ['if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement'],
    elses: [],
    logicalOperators: ['&&', '||'],
    logicalParents: ['binary_expression'],
    calls: { types: ['call_expression'], name: (n) => n.childForFieldName('function')?.text },
    throwCalls: ['panic', 'log.Fatal', 'log.Fatalf', 'log.Panic'],
    returnCalls: ['os.Exit'],
  },
  rust: {
    functions: ['function_item', 'closure_expression'],
    types: ['struct_item', 'enum_item', 'trait_item', 'impl_item'],
    imports: ['use_declaration', 'extern_crate_declaration'],
    comments: ['line_comment', 'block_comment'],
    branches: ['if_expression', 'match_arm'],
    loops: ['for_expression', 'while_expression', 'loop_expression'],
    returns: ['return_expression', 'try_expression'],
    throws: [],
    tries: [],
    handlers: [],
    nesting: ['if_expression', 'for_expression', 'while_expression', 'loop_expression', 'match_expression'],
    elses: ['else_clause'],
    logicalOperators: ['&&', '||'],
    logicalParents: ['binary_expression'],
    calls: { types: ['macro_invocation'], name: (n) => n.childForFieldName('macro')?.text },
    throwCalls: ['panic', 'unreachable', 'unimplemented', 'todo', 'assert', 'assert_eq', 'assert_ne'],
    isDefaultCase: (n) => /^_\s*(=>|if\b)/.test(n.text),
  },
  ruby: {
    functions: ['method', 'singleton_method', 'lambda'],
    types: ['class', 'module', 'singleton_class'],
    imports: [],
    comments: ['comment'],
    branches: ['if', 'elsif', 'unless', 'if_modifier', 'unless_modifier', 'conditional', 'when', 'in_clause'],
    loops: ['while', 'until', 'for', 'while_modifier', 'until_modifier'],
    returns: ['return'],
    throws: [],
    tries: ['begin'],
    handlers: ['rescue', 'rescue_modifier'],
    nesting: ['if', 'unless', 'while', 'until', 'for', 'case', 'case_match', 'begin'],
    elses: [],
    logicalOperators: ['&&', '||', 'and', 'or'],
    logicalParents: ['binary'],
    calls: { types: ['call'], name: rubyCallName },
    importCalls: ['require', 'require_relative', 'load'],
    throwCalls: ['raise', 'fail'],
    returnCalls: ['exit', 'abort'],
  },
  bash: {
    functions: ['function_definition'],
    types: [],
    imports: [],
    comments: ['comment'],
    branches: ['if_statement', 'elif_clause', 'case_item'],
    loops: ['for_statement', 'c_style_for_statement', 'while_statement'],
    returns: [],
    throws: [],
    tries: [],
    handlers: [],
    nesting: ['if_statement', 'for_statement', 'c_style_for_statement', 'while_statement', 'case_statement'],
    elses: [],
    logicalOperators: ['&&', '||'],
    logicalParents: ['list', 'binary_expression'],
    calls: { types: ['command'], name: (n) => n.childForFieldName('name')?.text },
    importCalls: ['source', '.'],
    returnCalls: ['return', 'exit'],
    isDefaultCase: (n) => /^\*\s*\)/.test(n.text),
  },
  php: {
    functions: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
    types: ['class_declaration', 'interface_declaration', 'trait_declaration', 'enum_declaration'],
    imports: ['namespace_use_declaration', 'include_expression', 'include_once_expression', 'require_expression', 'require_once_expression'],
    comments: ['comment'],
    branches: ['if_statement', 'else_if_clause', 'case_statement', 'conditional_expression', 'match_conditional_expression'],
    loops: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement'],
    returns: ['return_statement'],
    throws: ['throw_expression'],
    tries: ['try_statement'],
    handlers: ['catch_clause'],
    nesting: ['if_statement', 'for_statement', 'foreach_statement', 'while_statement', 'do_statement', 'switch_statement', 'try_statement', 'match_expression'],
    elses: ['else_clause'],
    logicalOperators: ['&&', '||', 'and', 'or', '??'],
    logicalParents: ['binary_expression'],
    calls: { types: ['function_call_expression'], name: (n) => n.childForFieldName('function')?.text },
    returnCalls: ['exit', 'die'],
  },
  lua: {
    functions: ['function_declaration', 'function_definition'],
    types: [],
    imports: [],
    comments: ['comment'],
    branches: ['if_statement', 'elseif_statement'],
    loops: ['for_statement', 'while_statement', 'repeat_statement'],
    returns: ['return_statement'],
    throws: [],
    tries: [],
    handlers: [],
    nesting: ['if_statement', 'for_statement', 'while_statement', 'repeat_statement'],
    elses: [],
    logicalOperators: ['and', 'or'],
    logicalParents: ['binary_expression'],
    calls: { types: ['function_call'], name: (n) => n.childForFieldName('name')?.text },
    importCalls: ['require', 'dofile'],
    throwCalls: ['error', 'assert'],
    returnCalls: ['os.exit'],
    functionName: (n) => n.childForFieldName('name')?.text ?? (n.parent?.type === 'expression_list' ? n.parent.parent?.childForFieldName('name')?.text : undefined),
  },
  csharp: {
    functions: ['method_declaration', 'constructor_declaration', 'destructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression'],
    types: ['class_declaration', 'struct_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration'],
    imports: ['using_directive'],
    comments: ['comment'],
    branches: ['if_statement', 'switch_section', 'conditional_expression', 'switch_expression_arm'],
    loops: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement'],
    returns: ['return_statement'],
    throws: ['throw_statement', 'throw_expression'],
    tries: ['try_statement'],
    handlers: ['catch_clause'],
    nesting: ['if_statement', 'for_statement', 'foreach_statement', 'while_statement', 'do_statement', 'switch_statement', 'try_statement'],
    elses: [],
    logicalOperators: ['&&', '||', '??'],
    logicalParents: ['binary_expression'],
    calls: { types: ['invocation_expression'], name: (n) => n.childForFieldName('function')?.text },
    returnCalls: ['Environment.Exit'],
    isDefaultCase: startsWithDefault,
  },
  perl: null,
  r: null,
  // Scala's and Haskell's operators are named nodes (`operator_identifier`, `operator`), not tokens: `&&`/`||` do not
  // add to their complexity.
  scala: {
    functions: ['function_definition', 'lambda_expression'],
    types: ['class_definition', 'object_definition', 'trait_definition', 'enum_definition'],
    imports: ['import_declaration'],
    comments: ['comment', 'block_comment'],
    branches: ['if_expression', 'case_clause'],
    loops: ['while_expression', 'do_while_expression', 'for_expression'],
    returns: ['return_expression'],
    throws: ['throw_expression'],
    tries: ['try_expression'],
    handlers: ['catch_clause'],
    nesting: ['if_expression', 'while_expression', 'do_while_expression', 'for_expression', 'match_expression', 'try_expression'],
    elses: [],
    logicalOperators: [],
    logicalParents: [],
    calls: { types: ['call_expression'], name: (n) => n.childForFieldName('function')?.text },
    throwCalls: ['sys.error', 'assert', 'require'],
    returnCalls: ['sys.exit', 'System.exit'],
    isDefaultCase: (n) => /^case\s+_\s*(=>|if\b)/.test(n.text),
  },
  kotlin: null,
  groovy: null,
  clojure: null,
  d: null,
  fortran: null,
  ada: null,
  cobol: null,
  nim: null,
  crystal: null,
  pascal: null,
  verilog: null,
  haskell: {
    // `f x = …` is a function, `main = …` a top-level bind; a `function` without a name is the type `a -> b`.
    functions: ['function', 'bind', 'lambda'],
    isFunction: (n) => n.type === 'lambda' || (n.childForFieldName('name') !== null && (n.type === 'function' || n.parent?.type === 'declarations')),
    types: ['data_type', 'newtype', 'class', 'type_synomym'],
    imports: ['import'],
    comments: ['comment', 'haddock'],
    branches: ['conditional', 'alternative', 'guards'],
    loops: [],
    returns: [],
    throws: [],
    tries: [],
    handlers: [],
    nesting: ['conditional', 'case', 'do', 'let_in'],
    elses: [],
    logicalOperators: [],
    logicalParents: [],
    calls: { types: ['apply'], name: (n) => n.childForFieldName('function')?.text },
    throwCalls: ['error', 'errorWithoutStackTrace', 'throw', 'undefined'],
    returnCalls: ['exitWith', 'exitFailure', 'exitSuccess'],
    isDefaultCase: (n) => /^_\s*->/.test(n.text),
  },
  ocaml: null,
  racket: null,
  scheme: null,
  commonlisp: null,
  elixir: null,
  erlang: null,
  tcl: null,
  prolog: null,
  octave: null,
  awk: null,
};
