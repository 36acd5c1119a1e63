"""The same reward with SandboxFusion's request shape (POST /run_code), as verl's sandbox_fusion reward sends it.

Any SandboxFusion client works against `mplsandbox serve` unchanged; this one uses only `requests` and a
thread pool, one request per program (verl runs 64-128 of them at once):

    from sandbox_fusion_reward import compute_rewards
    rewards = compute_rewards(["def f(x):\\n    return x + 1"], ["assert f(1) == 2"], url="http://127.0.0.1:8080")

A test is code appended to the completion; the reward is 1.0 when SandboxFusion's status is Success (exit 0
within the time limit) and 0.0 when it is Failed. A SandboxError (the sandbox's fault) is retried and then
raised, never counted as a wrong program.

Run it: python3 sandbox_fusion_reward.py [--url URL] < batch.json   ({"language", "completions", "tests"})
"""
import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests


def run_code(url, code, language="python", run_timeout=10, token=None, retries=5, session=None):
    """SandboxFusion's /run_code response for one program, retrying full queues and sandbox faults."""
    http = session or requests
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = {"code": code, "language": language, "run_timeout": run_timeout, "compile_timeout": 30}
    for attempt in range(retries + 1):
        try:
            response = http.post(f"{url}/run_code", json=body, headers=headers, timeout=run_timeout + 120)
        except requests.ConnectionError:
            if attempt == retries:
                raise
            time.sleep(min(2 ** attempt, 30))
            continue
        if response.status_code in (429, 503):
            time.sleep(float(response.headers.get("Retry-After", "1")))
            continue
        response.raise_for_status()
        result = response.json()
        if result["status"] != "SandboxError":
            return result
        if attempt < retries:
            time.sleep(min(2 ** attempt, 30))
    raise RuntimeError(f"the sandbox failed after {retries + 1} attempts: {result['message']}")


def compute_rewards(completions, tests, language="python", url="http://127.0.0.1:8080", token=None, concurrency=64):
    def one(pair):
        code, test = pair
        result = run_code(url, f"{code}\n\n{test}\n", language, token=token)
        return 1.0 if result["status"] == "Success" else 0.0

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(one, zip(completions, tests)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=os.environ.get("MPLSANDBOX_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--token-file")
    args = parser.parse_args()
    token = open(args.token_file).read().strip() if args.token_file else None
    batch = json.load(sys.stdin)
    print(json.dumps(compute_rewards(batch["completions"], batch["tests"], batch.get("language", "python"), args.url, token)))


if __name__ == "__main__":
    main()
