"""Drives examples/python/mplsandbox_cluster.py against a scripted local server (127.0.0.1) whose replies
fail the way replicas do: 503 (draining), 429 with Retry-After (full), a connection cut mid-request (died),
SandboxError (engine gone), then succeed. Prints one JSON line for the Node test to check."""
import http.server
import json
import sys
import threading

sys.path.insert(0, sys.argv[1])
from mplsandbox_cluster import SandboxClient, SandboxRequestError  # noqa: E402

attempts = {}
lock = threading.Lock()
# What the n-th attempt of a request gets, by the request's code; past the script: success.
SCRIPTS = {
    "draining": [503],
    "full": [429],
    "died": ["cut"],
    "engine": ["sandbox-error"],
    "all": [503, "cut", 429, "sandbox-error"],
    "program-fails": ["failed"],
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        code = body["code"]
        with lock:
            n = attempts.get(code, 0)
            attempts[code] = n + 1
        if code == "bad":
            return self.reply(400, {"error": "language: unknown"})
        script = SCRIPTS.get(code.split(":")[0], [])
        step = script[n] if n < len(script) else "ok"
        if step == "cut":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if step in (503, 429):
            return self.reply(step, {"error": "not now"}, {"Retry-After": "0"} if step == 429 else {})
        if step == "sandbox-error":
            return self.reply(200, {"status": "SandboxError", "message": "the Docker engine went away"})
        if step == "failed":
            return self.reply(200, {"status": "Failed", "run_result": {"return_code": 1}})
        return self.reply(200, {"status": "Success", "run_result": {"stdout": code}, "executor_pod_name": "fake"})

    def reply(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
client = SandboxClient(f"http://127.0.0.1:{server.server_address[1]}", concurrency=4, retries=5, backoff=0.01)
codes = ["draining", "full", "died", "engine", "all", "program-fails"] + [f"plain:{i}" for i in range(10)]
results = client.run_batch([{"code": c, "language": "python"} for c in codes])
try:
    client.run_code({"code": "bad", "language": "python"})
    bad = "no error"
except SandboxRequestError as err:
    bad = err.status
with lock:
    bad_attempts = attempts.get("bad", 0)
stubborn = SandboxClient(client.url, retries=2, backoff=0.01)
SCRIPTS["never"] = [503] * 10
try:
    stubborn.run_code({"code": "never", "language": "python"})
    gave_up = "no error"
except Exception as err:  # noqa: BLE001
    gave_up = type(err).__name__
print(json.dumps({"codes": codes, "results": results, "attempts": attempts, "retried": client.retried, "bad": bad, "bad_attempts": bad_attempts, "gave_up": gave_up}))
server.shutdown()
