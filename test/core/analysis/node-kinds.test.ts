// The syntax node types named in NODE_KINDS exist in their grammars: a misspelt or renamed type would
// otherwise make basic analysis count nothing for it, silently.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NODE_KINDS, type NodeKinds } from '../../../src/core/analysis/basic/node-kinds';
import { loadGrammar } from '../../../src/core/analysis/basic/tree-sitter-loader';
import type { LanguageId } from '../../../src/core/languages/types';

const NAMED_LISTS = ['functions', 'types', 'imports', 'comments', 'branches', 'loops', 'returns', 'throws', 'tries', 'handlers', 'nesting', 'elses', 'logicalParents'] as const;

describe('NODE_KINDS against the grammars', () => {
  for (const [id, kinds] of Object.entries(NODE_KINDS) as [LanguageId, NodeKinds | null][]) {
    if (!kinds) continue;
    it(`${id}: every node type exists in its grammar`, async () => {
      const grammar = await loadGrammar(id);
      assert.ok(grammar, `no grammar for ${id}`);
      const { language } = grammar;
      const exists = (type: string) => language.idForNodeType(type, true) !== null || language.idForNodeType(type, false) !== null;
      const missing: string[] = [];
      for (const list of NAMED_LISTS) for (const type of kinds[list]) if (!exists(type)) missing.push(`${list}: ${type}`);
      for (const type of kinds.calls?.types ?? []) if (!exists(type)) missing.push(`calls: ${type}`);
      for (const op of kinds.logicalOperators) if (language.idForNodeType(op, false) === null) missing.push(`logicalOperators: ${op}`);
      assert.deepEqual(missing, [], `${grammar.name} has no such node types`);
    });
  }
});
