/**
 * The Python both sandbox programs share: each check runs under its own alarm, and its outcome is one JSON
 * line `{"<key>": index, "status": …, "detail": …}` whatever happens, so one slow or broken check costs itself.
 */
export const PYTHON_GUARD = String.raw`import json, signal

class _Timeout(Exception):
    pass

def _alarm(signum, frame):
    raise _Timeout()

signal.signal(signal.SIGALRM, _alarm)

def _report(key, index, seconds, check):
    signal.alarm(seconds)
    try:
        status, detail = check()
    except _Timeout:
        status, detail = 'timeout', 'took too long'
    except BaseException as error:
        status, detail = 'error', type(error).__name__
    finally:
        signal.alarm(0)
    print(json.dumps({key: index, 'status': status, 'detail': str(detail)[:200]}), flush=True)
`;
