// One pass over a syntax tree: functions (with complexity, nesting and a control-flow summary), class-like types,
// imports, top-level control flow and the parser's error nodes.
import type { ControlFlowSummary, FunctionInfo, ImportInfo, TypeInfo } from '../types';
import type { NodeKinds } from './node-kinds';
import type { SyntaxNode } from './tree-sitter-loader';

export interface Structure {
  functions: FunctionInfo[];
  classes: TypeInfo[];
  imports: ImportInfo[];
  topLevel: { complexity: number; controlFlow: ControlFlowSummary };
  maxNesting: number;
  /** 1-based line and column of each ERROR or MISSING node. */
  syntaxErrors: { line: number; column: number; missing?: string }[];
}

/** The function (or the top level) the walk is in. */
interface Scope {
  complexity: number;
  maxNesting: number;
  controlFlow: ControlFlowSummary;
}

const emptyControlFlow = (): ControlFlowSummary => ({ branches: [], loops: [], returns: [], throws: [], tries: [], handlers: [] });
const lineOf = (node: SyntaxNode) => node.startPosition.row + 1;

const TYPE_KIND_WORDS = ['interface', 'struct', 'union', 'enum', 'trait', 'impl', 'module', 'record', 'class'];
function typeKind(nodeType: string): string {
  return TYPE_KIND_WORDS.find((word) => nodeType.includes(word)) ?? nodeType;
}

function typeName(node: SyntaxNode): string {
  return (node.childForFieldName('name') ?? node.childForFieldName('type'))?.text ?? '<anonymous>';
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** An `if` that continues an else-if chain sits at the same nesting level as the first `if`. */
function continuesElseChain(node: SyntaxNode, kinds: NodeKinds): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (kinds.elses.includes(parent.type)) return parent.namedChildren.length === 1;
  return parent.type === node.type && parent.childForFieldName('alternative')?.id === node.id;
}

export function extractStructure(root: SyntaxNode, kinds: NodeKinds): Structure {
  const out: Structure = {
    functions: [],
    classes: [],
    imports: [],
    topLevel: { complexity: 1, controlFlow: emptyControlFlow() },
    maxNesting: 0,
    syntaxErrors: [],
  };
  const has = (list: readonly string[] | undefined, type: string) => list?.includes(type) ?? false;

  const visit = (node: SyntaxNode, scope: Scope, depth: number, fileDepth: number, container: string | undefined): void => {
    const type = node.type;
    if (has(kinds.comments, type)) return;
    if (type === 'ERROR' || node.isMissing) {
      out.syntaxErrors.push({ line: lineOf(node), column: node.startPosition.column + 1, ...(node.isMissing ? { missing: type } : {}) });
      if (node.isMissing) return;
    }

    if (node.isNamed && has(kinds.functions, type) && (kinds.isFunction?.(node) ?? true)) {
      const info: FunctionInfo = {
        name: kinds.functionName?.(node) ?? node.childForFieldName('name')?.text ?? '<anonymous>',
        line: lineOf(node),
        endLine: node.endPosition.row + 1,
        length: node.endPosition.row - node.startPosition.row + 1,
        ...(container ? { container } : {}),
        complexity: 1,
        maxNesting: 0,
        controlFlow: emptyControlFlow(),
      };
      out.functions.push(info);
      for (const child of node.children) visit(child, info, 0, fileDepth, container);
      return;
    }

    let childContainer = container;
    if (node.isNamed && has(kinds.types, type) && (kinds.isType?.(node) ?? true)) {
      const name = typeName(node);
      out.classes.push({ name, kind: typeKind(type), line: lineOf(node), endLine: node.endPosition.row + 1 });
      childContainer = name;
    }
    if (node.isNamed && has(kinds.imports, type)) out.imports.push({ text: firstLine(node.text), line: lineOf(node) });

    if (node.isNamed) {
      const cf = scope.controlFlow;
      const isDefault = kinds.isDefaultCase?.(node) ?? false;
      if (has(kinds.branches, type) && !isDefault) {
        cf.branches.push(lineOf(node));
        scope.complexity++;
      }
      if (has(kinds.loops, type)) {
        cf.loops.push(lineOf(node));
        scope.complexity++;
      }
      if (has(kinds.handlers, type)) {
        cf.handlers.push(lineOf(node));
        scope.complexity++;
      }
      if (has(kinds.returns, type)) cf.returns.push(lineOf(node));
      if (has(kinds.throws, type)) cf.throws.push(lineOf(node));
      if (has(kinds.tries, type)) cf.tries.push(lineOf(node));
      if (kinds.calls && has(kinds.calls.types, type)) {
        const callee = kinds.calls.name(node);
        if (callee !== undefined) {
          if (has(kinds.importCalls, callee)) out.imports.push({ text: firstLine(node.text), line: lineOf(node) });
          if (has(kinds.throwCalls, callee)) cf.throws.push(lineOf(node));
          if (has(kinds.returnCalls, callee)) cf.returns.push(lineOf(node));
        }
      }
    } else if (has(kinds.logicalOperators, type) && node.parent && has(kinds.logicalParents, node.parent.type)) {
      scope.complexity++;
    }

    let childDepth = depth;
    let childFileDepth = fileDepth;
    if (node.isNamed && has(kinds.nesting, type) && !continuesElseChain(node, kinds)) {
      childDepth++;
      childFileDepth++;
      scope.maxNesting = Math.max(scope.maxNesting, childDepth);
      out.maxNesting = Math.max(out.maxNesting, childFileDepth);
    }
    for (const child of node.children) visit(child, scope, childDepth, childFileDepth, childContainer);
  };

  const top: Scope = { complexity: 1, maxNesting: 0, controlFlow: out.topLevel.controlFlow };
  visit(root, top, 0, 0, undefined);
  out.topLevel.complexity = top.complexity;
  for (const list of Object.values(out.topLevel.controlFlow) as number[][]) list.sort((a, b) => a - b);
  for (const fn of out.functions) for (const list of Object.values(fn.controlFlow) as number[][]) list.sort((a, b) => a - b);
  out.imports.sort((a, b) => a.line - b.line);
  return out;
}
