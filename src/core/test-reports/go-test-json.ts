// go test's JSON event stream (`go tool test2json`, what `go test -json` prints): one event per line, `run`,
// `output`, `pass`, `fail` or `skip`, each naming its test (`TestAdd`, `TestAdd/zero` for a subtest). A test's
// output holds its `t.Errorf` lines (`    main_test.go:12: got 3, want 4`) and a panic's trace.
import { z } from 'zod';
import { baseName, clip, countOutcomes, escapeRegExp, type ReportContext, ReportFormatError, type TestOutcome, type TestReport } from './types';

const eventShape = z
  .object({
    Action: z.string(),
    Test: z.string().optional(),
    Output: z.string().optional(),
    Elapsed: z.number().optional(),
  })
  .loose();

type Event = z.infer<typeof eventShape>;

/** The events of a stream; lines that are not events (a program writing to stdout outside the framework) are skipped. */
export function goTestEvents(text: string): Event[] {
  const events: Event[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const e = eventShape.safeParse(JSON.parse(line));
      if (e.success) events.push(e.data);
    } catch {
      // not an event
    }
  }
  return events;
}

/** The text go test would have printed: every event's output, in order. */
export function goTestOutput(events: Event[]): string {
  return events.map((e) => e.Output ?? '').join('');
}

/** A test's own lines (not the `=== RUN` / `--- FAIL` framing). */
function ownText(output: string[]): string {
  const own = output.filter((l) => !/^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (FAIL|PASS|SKIP):)/.test(l));
  return own.join('').replace(/^ {4}/gm, '').trim();
}

/** The message: the first lines (a panic's goroutine trace is left out of it, not out of the line search). */
function messageOf(text: string): string {
  return clip(text.split('\n').slice(0, 8).join('\n').trim());
}

export function parseGoTestJson(text: string, ctx: ReportContext): TestReport {
  const events = goTestEvents(text);
  if (events.length === 0) throw new ReportFormatError('go test wrote no JSON events');
  const file = escapeRegExp(baseName(ctx.sourceFile));
  const order: string[] = [];
  const ended = new Map<string, Event>();
  const output = new Map<string, string[]>();
  const packageOutput: string[] = [];
  let packageFailed = false;
  for (const e of events) {
    if (!e.Test) {
      if (e.Action === 'output' && e.Output) packageOutput.push(e.Output);
      if (e.Action === 'fail') packageFailed = true;
      continue;
    }
    if (!output.has(e.Test)) {
      order.push(e.Test);
      output.set(e.Test, []);
    }
    if (e.Action === 'output' && e.Output) output.get(e.Test)!.push(e.Output);
    if (e.Action === 'pass' || e.Action === 'fail' || e.Action === 'skip') ended.set(e.Test, e);
  }
  // A test with subtests passes or fails with them: the leaves are counted, as pytest counts parametrized cases.
  const parents = new Set(order.flatMap((name) => name.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const leaves = order.filter((name) => !parents.has(name));
  const tests: TestOutcome[] = [];
  for (const name of leaves) {
    const end = ended.get(name);
    const lines = output.get(name) ?? [];
    // A test that never ended was running when the binary died (a panic ends the whole binary).
    const status = end?.Action === 'pass' ? 'passed' : end?.Action === 'skip' ? 'skipped' : 'failed';
    const text = status === 'passed' ? '' : ownText(status === 'failed' && !end ? [...lines, ...packageOutput] : lines);
    const message = messageOf(text);
    const at = new RegExp(`(?:^|/|\\s)${file}:(\\d+)`).exec(text);
    tests.push({
      name,
      status,
      ...(end?.Elapsed !== undefined ? { durationMs: Math.round(end.Elapsed * 1000) } : {}),
      ...(message ? { message } : {}),
      ...(at ? { line: Number(at[1]) } : {}),
    });
  }
  // The binary failed with no test failing: TestMain or an init() ended it.
  const loadErrors = packageFailed && !tests.some((t) => t.status === 'failed') ? [clip(packageOutput.join('').trim() || 'the test binary failed outside any test')] : [];
  return countOutcomes(tests, loadErrors);
}
