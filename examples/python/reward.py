"""Rewards for a training loop from an MPLSandbox service, using only `requests`.

A batch of sampled programs and their tests goes to POST /v1/batch in one request; results stream back
(NDJSON, in completion order) and each becomes a reward:

    from reward import compute_rewards
    rewards = compute_rewards(
        completions=["print(int(input()) * 2)", "print(0)"],
        tests=[{"inputs": ["2", "5"], "outputs": ["4", "10"]}] * 2,
        language="python",
        url="http://127.0.0.1:8080",
    )
    # -> [1.0, 0.0]

A test is either stdin/stdout cases (`{"inputs": [...], "outputs": [...]}`, MPLSandbox's unit_cases) or a
string of code appended to the completion (HumanEval's `check(candidate)` style: it passes when it exits 0).

Rewards: "pass_rate" (share of cases passed; 1/0 for appended tests) or "mplsandbox" (MPLSandbox's reward:
+1 all pass, -0.3 wrong answer, -0.6 runtime error or limit, -1 compile error). A sandbox fault (Docker down)
is never silently a zero: after the retries it raises SandboxFault, so the step can be retried or skipped.

Run it (the service must be running: `mplsandbox serve`):
    python3 reward.py [--url http://127.0.0.1:8080] [--token-file F] < batch.json
where batch.json is {"language": "python", "completions": [...], "tests": [...]}; prints the rewards as JSON.
"""
import argparse
import json
import os
import sys
import time

import requests


class SandboxFault(RuntimeError):
    """The sandbox itself failed (not the program): e.g. Docker is down. Nothing to reward."""


def _program(index, code, test, language, timeout):
    program = {"id": index, "language": language, "timeout": timeout}
    if isinstance(test, str):
        program["code"] = f"{code}\n\n{test}\n"
    else:
        program["code"] = code
        program["cases"] = test
    return program


def _reward(result, test, kind):
    if kind == "mplsandbox":
        return float(result["reward"])
    if isinstance(test, str):
        return 1.0 if result["status"] == "Accepted" else 0.0
    return float(result["correctRate"])


def compute_rewards(completions, tests, language="python", url="http://127.0.0.1:8080", token=None,
                    reward="pass_rate", timeout=10, retries=5, session=None):
    """One reward per completion, in the order given."""
    if len(completions) != len(tests):
        raise ValueError(f"{len(completions)} completions but {len(tests)} tests")
    http = session or requests.Session()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    programs = [_program(i, c, t, language, timeout) for i, (c, t) in enumerate(zip(completions, tests))]
    results = {}
    for attempt in range(retries + 1):
        pending = [p for p in programs if p["id"] not in results]
        if not pending:
            break
        try:
            with http.post(f"{url}/v1/batch", json={"programs": pending}, headers=headers, stream=True,
                           timeout=(10, None)) as response:
                if response.status_code in (429, 503):
                    # Full queue or a draining replica: wait as long as the service says, then resend the rest.
                    time.sleep(float(response.headers.get("Retry-After", "1")))
                    continue
                if response.status_code != 200:
                    raise RuntimeError(f"the sandbox service refused the batch ({response.status_code}): {response.text}")
                for line in response.iter_lines():
                    if not line:
                        continue
                    result = json.loads(line)
                    if result["status"] != "SandboxError":
                        results[result["id"]] = result
        except requests.ConnectionError:
            if attempt == retries:
                raise
            time.sleep(min(2 ** attempt, 30))
            continue
        if len(results) < len(programs) and attempt < retries:
            time.sleep(min(2 ** attempt, 30))
    missing = [p["id"] for p in programs if p["id"] not in results]
    if missing:
        raise SandboxFault(f"the sandbox could not judge programs {missing} after {retries + 1} attempts; see the service's /healthz")
    return [_reward(results[i], tests[i], reward) for i in range(len(programs))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=os.environ.get("MPLSANDBOX_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--token-file")
    parser.add_argument("--reward", choices=["pass_rate", "mplsandbox"], default="pass_rate")
    args = parser.parse_args()
    token = open(args.token_file).read().strip() if args.token_file else None
    batch = json.load(sys.stdin)
    rewards = compute_rewards(batch["completions"], batch["tests"], batch.get("language", "python"), args.url, token, args.reward)
    print(json.dumps(rewards))


if __name__ == "__main__":
    main()
