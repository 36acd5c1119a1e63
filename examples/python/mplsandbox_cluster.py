"""Batch client for MPLSandbox replicas behind a load balancer (Kubernetes Service, nginx, ...).

A training step judges a whole batch of programs. Sent one after another they would all land on one
replica at a time; this client keeps `concurrency` requests in flight, so the balancer spreads the batch
over every replica, and it retries a request whose replica died or drained under it: a run is idempotent
(a fresh sandbox each time, nothing outlives it), so running it again elsewhere gives the same answer.

Only `requests` and the standard library. The request and response shapes are SandboxFusion's /run_code.

    from mplsandbox_cluster import SandboxClient
    client = SandboxClient("http://127.0.0.1:8480", concurrency=32)
    results = client.run_batch([{"code": "print(1)", "language": "python"}, ...])  # same order

Command line (JSON lines in, JSON lines out, in input order; a summary on stderr):
    python3 mplsandbox_cluster.py --url http://127.0.0.1:8480 --concurrency 16 < requests.jsonl
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import random
import sys
import threading
import time
from typing import Any, Dict, Iterable, List, Optional

import requests
from requests.adapters import HTTPAdapter

# Answers that mean "not this replica, not now": retried (on another replica, through the balancer).
RETRY_STATUSES = {429, 502, 503, 504}


class SandboxRequestError(Exception):
    """The service refused the request itself (4xx other than 429): retrying would not help."""

    def __init__(self, status: int, body: str):
        super().__init__(f"HTTP {status}: {body[:500]}")
        self.status = status
        self.body = body


class SandboxUnavailableError(Exception):
    """Every attempt failed (no replica answered, or each was full or draining)."""


class SandboxClient:
    def __init__(
        self,
        base_url: str,
        token: Optional[str] = None,
        concurrency: int = 16,
        retries: int = 5,
        connect_timeout: float = 5.0,
        read_timeout: float = 300.0,
        retry_sandbox_errors: bool = True,
        backoff: float = 0.2,
    ):
        self.url = base_url.rstrip("/")
        self.concurrency = max(1, concurrency)
        self.retries = retries
        self.timeout = (connect_timeout, read_timeout)
        self.retry_sandbox_errors = retry_sandbox_errors
        self.backoff = backoff
        self.session = requests.Session()
        # One pooled connection per concurrent request, so the pool never serialises the batch.
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=self.concurrency)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self._lock = threading.Lock()
        self.retried = 0

    def _sleep(self, attempt: int, retry_after: Optional[str] = None) -> None:
        if retry_after:
            try:
                time.sleep(min(30.0, float(retry_after)))
                return
            except ValueError:
                pass
        # Exponential backoff with full jitter, so retries of one batch do not arrive together.
        time.sleep(random.uniform(0, self.backoff * (2**attempt)))

    def run_code(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """One SandboxFusion /run_code request, retried where another attempt can succeed."""
        last = "no attempt made"
        for attempt in range(self.retries + 1):
            if attempt:
                with self._lock:
                    self.retried += 1
            try:
                r = self.session.post(f"{self.url}/run_code", json=request, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as err:
                # The replica died with the request (or the balancer could not reach any): run it again.
                last = f"{type(err).__name__}: {err}"
                self._sleep(attempt)
                continue
            if r.status_code in RETRY_STATUSES:
                last = f"HTTP {r.status_code}: {r.text[:200]}"
                self._sleep(attempt, r.headers.get("Retry-After"))
                continue
            if r.status_code >= 400:
                raise SandboxRequestError(r.status_code, r.text)
            result = r.json()
            # SandboxError: the sandbox failed, not the program (e.g. the replica's engine stopped under
            # the run). The program's own failures (Failed) are answers and are never retried.
            if result.get("status") == "SandboxError" and self.retry_sandbox_errors and attempt < self.retries:
                last = f"SandboxError: {result.get('message', '')}"
                self._sleep(attempt)
                continue
            return result
        raise SandboxUnavailableError(f"{self.retries + 1} attempts failed; last: {last}")

    def run_batch(self, batch: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Runs every request with `concurrency` in flight; results in the order of the batch."""
        items = list(batch)
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(self.run_code, items))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Run a batch of SandboxFusion /run_code requests (JSON lines on stdin).")
    parser.add_argument("--url", required=True, help="the balancer's (or one server's) base URL")
    parser.add_argument("--token-file", help="a file holding the bearer token, when the endpoint needs one")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--retries", type=int, default=5)
    args = parser.parse_args(argv)
    token = open(args.token_file, encoding="utf-8").read().strip() if args.token_file else None
    batch = [json.loads(line) for line in sys.stdin if line.strip()]
    client = SandboxClient(args.url, token=token, concurrency=args.concurrency, retries=args.retries)
    started = time.monotonic()
    results = client.run_batch(batch)
    elapsed = time.monotonic() - started
    for result in results:
        sys.stdout.write(json.dumps(result) + "\n")
    pods = collections.Counter(r.get("executor_pod_name") or "?" for r in results)
    statuses = collections.Counter(r.get("status") for r in results)
    summary = {"requests": len(results), "seconds": round(elapsed, 2), "retried": client.retried, "statuses": statuses, "executor_pods": pods}
    sys.stderr.write(json.dumps(summary) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
