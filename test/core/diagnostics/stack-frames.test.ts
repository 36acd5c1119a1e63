import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stackFrames } from '../../../src/core/diagnostics/stack-frames';

// Stack traces as the sandbox images print them (captured from runs of small failing programs).
describe('stackFrames', () => {
  it('Python: every frame of the traceback, outermost first', () => {
    const stderr = 'Traceback (most recent call last):\n  File "/sandbox/main.py", line 4, in <module>\n    f()\n  File "/sandbox/main.py", line 2, in f\n    return 1/0\nZeroDivisionError: division by zero\n';
    assert.deepEqual(stackFrames(stderr, 'main.py'), [{ line: 4 }, { line: 2 }]);
  });

  it('Node: the user frames with columns, not the runtime internals; the header line counts once', () => {
    const stderr =
      '/sandbox/main.js:1\nfunction f(){ throw new Error("x") }\n              ^\n\nError: x\n    at f (/sandbox/main.js:1:21)\n    at Object.<anonymous> (/sandbox/main.js:2:1)\n    at Module._compile (node:internal/modules/cjs/loader:1364:14)\n';
    assert.deepEqual(stackFrames(stderr, 'main.js'), [{ line: 1 }, { line: 1, column: 21 }, { line: 2, column: 1 }]);
  });

  it('Ruby, Java, Perl and Bash forms', () => {
    assert.deepEqual(stackFrames("main.rb:2:in `f': x (RuntimeError)\n\tfrom main.rb:4:in `<main>'\n", 'main.rb'), [{ line: 2 }, { line: 4 }]);
    assert.deepEqual(stackFrames('Exception in thread "main" java.lang.ArithmeticException: / by zero\n\tat Main.f(Main.java:3)\n\tat Main.main(Main.java:6)\n', 'Main.java'), [{ line: 3 }, { line: 6 }]);
    assert.deepEqual(stackFrames('Illegal division by zero at main.pl line 3.\n', 'main.pl'), [{ line: 3 }]);
    assert.deepEqual(stackFrames('main.sh: line 5: nosuchcommand: command not found\n', 'main.sh'), [{ line: 5 }]);
  });

  it('ignores other files whose names end like the program’s', () => {
    assert.deepEqual(stackFrames('  File "/usr/lib/python3.11/domain.py", line 9, in g\n', 'main.py'), []);
    assert.deepEqual(stackFrames('at helper (/sandbox/xmain.js:3:1)\n', 'main.js'), []);
  });
});
