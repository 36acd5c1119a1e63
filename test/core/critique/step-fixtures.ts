// Steps for parser tests: one step per line, as AutoMathCritique shows solutions (ranges are line-based).
import type { MathStep } from '../../../src/core/critique/types';

export function lineSteps(solution: string): MathStep[] {
  const steps: MathStep[] = [];
  let offset = 0;
  solution.split('\n').forEach((line, i) => {
    if (line.trim()) {
      steps.push({
        index: steps.length,
        source: line,
        text: line.trim(),
        range: { startOffset: offset, endOffset: offset + line.length, startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: line.length + 1 },
      });
    }
    offset += line.length + 1;
  });
  return steps;
}
