// Where each test case starts in the text of a cases file, so that editors can put a case's run and result
// marks on its line. Both shapes of parseCases: a list (`[{input, expected}, …]`: each element) and MPLSandbox's
// `{"inputs": [...], "outputs": [...]}` (each element of `inputs`). A tolerant scan, not a validator: for text
// that is not valid JSON it returns what it found, and parseCases reports the error.

export interface CaseLocation {
  /** 0-based line and UTF-16 column of the case's first character. */
  line: number;
  column: number;
}

export function caseLocations(text: string): CaseLocation[] {
  const starts: number[] = [];
  // The containers from the outside in: '[' or '{', and for objects the key whose value is being read.
  const stack: { kind: '[' | '{'; key?: string }[] = [];
  let lastString: string | undefined;
  const isCaseStart = () => {
    if (stack.length === 1 && stack[0].kind === '[') return true; // an element of the top-level list
    return stack.length === 2 && stack[0].kind === '{' && stack[0].key === 'inputs' && stack[1].kind === '[';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ',') continue;
    if (ch === ':') {
      const top = stack[stack.length - 1];
      if (top?.kind === '{') top.key = lastString;
      continue;
    }
    if (ch === ']' || ch === '}') {
      stack.pop();
      continue;
    }
    // A value (or a key) begins here.
    if (isCaseStart() && !(ch === '"' && stack[stack.length - 1].kind === '{')) starts.push(i);
    if (ch === '[' || ch === '{') {
      stack.push({ kind: ch });
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') j++;
        else value += text[j];
      }
      lastString = value;
      i = j;
      continue;
    }
    // A number, true, false or null: skip to its end.
    while (i + 1 < text.length && !/[\s,\]}:]/.test(text[i + 1])) i++;
  }
  return starts.map((offset) => position(text, offset));
}

function position(text: string, offset: number): CaseLocation {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart };
}
