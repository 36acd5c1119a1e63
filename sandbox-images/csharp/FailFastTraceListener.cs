// Installed into the csharp image and registered in Mono's machine.config, so it listens in every
// program: a failed Debug.Assert or Trace.Assert ends the program with exit code 1 and the stack of
// the assertion, as an uncaught exception would. Mono's default listener prints nothing and lets the
// program go on, which would turn a failing assertion into a passing run.
using System;
using System.Diagnostics;

namespace MplSandbox
{
    public class FailFastTraceListener : TraceListener
    {
        public override void Write(string message) { }

        public override void WriteLine(string message) { }

        public override void Fail(string message, string detailMessage)
        {
            Console.Out.Flush();
            string text = "Assertion failed";
            if (!string.IsNullOrEmpty(message)) text += ": " + message;
            if (!string.IsNullOrEmpty(detailMessage)) text += " " + detailMessage;
            Console.Error.WriteLine(text);
            // The frames of System.Diagnostics itself say nothing about the user's program.
            foreach (string frame in new StackTrace(1, true).ToString().Split('\n'))
            {
                if (!frame.TrimStart().StartsWith("at System.Diagnostics.")) Console.Error.WriteLine(frame.TrimEnd());
            }
            Console.Error.Flush();
            Environment.Exit(1);
        }
    }
}
