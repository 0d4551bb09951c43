"""Schemathesis hooks for test_fuzz_openapi.py, loaded by the CLI from SCHEMATHESIS_HOOKS (this file).

What each one is for:
- `no_internal_detail` (a check): an error reply (status 400 and above) whose body shows a database
  message, SQL, a file path or a Swift error description (leakcheck.py) fails; text the request itself
  carried is not counted, since replies may quote it.
- `before_load_schema`: puts the run's examples into the document: valid ones (real names, revisions,
  upload ids and bodies, chosen by the test), so the examples phase calls every operation once as a
  client that may use it would, and hostile search texts (a NUL, quotes) for the free-text searches.
- `before_call`: the run must not lock itself out (a revoke of one of the run's own tokens is sent to
  the spare token instead), and every well-formed `Idempotency-Key` is made unique, so cases that happen
  to share a key reach the handler instead of all but the first getting 422 `idempotency-key-reused`.
- `after_call`: one JSON line per call (operation, method sent, status, whether the run's token was
  sent) for the reach figures.

The test writes the plan (a JSON file named by $HARNESS_FUZZ_PLAN): `authorization` (the run's header
or null), `keep_token_ids`, `spare_token_id`, `examples` ({"GET /path/{x}": {"path": {}, "query": {},
"header": {}, "body": …}} or a list of such) and `calls` (the log to append to). Without a plan only
the check runs.
"""
import copy
import itertools
import json
import os
import re
import sys
import threading

import schemathesis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from leakcheck import internal_details  # noqa: E402


def _plan():
    path = os.environ.get("HARNESS_FUZZ_PLAN")
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


PLAN = _plan()
_LOCK = threading.Lock()
_KEYS = itertools.count(1)
_VISIBLE_ASCII = re.compile(r"[\x21-\x7e]{1,255}")


@schemathesis.check
def no_internal_detail(ctx, response, case):
    """An error reply must not show internal details (leakcheck.internal_details)."""
    if response.status_code < 400:
        return None
    details = internal_details(response.content, sent=_sent(response.request))
    if details:
        raise AssertionError(f"{response.status_code} reply shows internal details: " + "; ".join(details[:5]))
    return None


def _sent(request):
    """The request's URL, body and header values: what a reply may legitimately quote back."""
    if request is None:
        return []
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    return [request.url or "", body or "", *[str(value) for value in request.headers.values()]]


@schemathesis.hook
def before_load_schema(context, raw_schema):
    """Adds the plan's examples to the operations they name. An operation may have several (a list):
    they become named `examples`, the n-th of every parameter and of the body sent together.
    Parameters are inlined, so a shared component keeps no example meant for another operation."""
    for label, entry in PLAN.get("examples", {}).items():
        method, path = label.split(" ", 1)
        operation = raw_schema.get("paths", {}).get(path, {}).get(method.lower())
        if operation is None:
            continue
        variants = entry if isinstance(entry, list) else [entry]
        for index, example in enumerate(variants):
            for location in ("path", "query", "header"):
                for name, value in example.get(location, {}).items():
                    _add_parameter_example(raw_schema, operation, location, name, f"example-{index}", value)
            if "body" in example:
                for media in operation.get("requestBody", {}).get("content", {}).values():
                    media.setdefault("examples", {})[f"example-{index}"] = {"value": example["body"]}


def _add_parameter_example(raw_schema, operation, location, name, key, value):
    parameters = operation.setdefault("parameters", [])
    for index, parameter in enumerate(parameters):
        resolved = _resolve(raw_schema, parameter)
        if resolved.get("in") == location and resolved.get("name") == name:
            if resolved is parameter:
                inline = parameter
            else:
                inline = copy.deepcopy(resolved)
                parameters[index] = inline
            inline.setdefault("examples", {})[key] = {"value": value}
            return


def _resolve(raw_schema, item):
    while isinstance(item, dict) and "$ref" in item:
        node = raw_schema
        for part in item["$ref"].lstrip("#/").split("/"):
            node = node[part]
        item = node
    return item


@schemathesis.hook
def before_call(context, case, kwargs):
    """Keeps the run's own tokens alive and makes each well-formed Idempotency-Key unique."""
    keep = set(PLAN.get("keep_token_ids", []))
    if keep and case.path_parameters and case.path_parameters.get("id") in keep \
            and case.operation.path == "/api/v1/tokens/{id}":
        case.path_parameters["id"] = PLAN["spare_token_id"]
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key" and isinstance(headers[name], str) \
                and _VISIBLE_ASCII.fullmatch(headers[name]):
            headers[name] = _unique_key(headers[name])


def _unique_key(key):
    """`key` with a counter at its end, still at most 255 visible characters."""
    with _LOCK:
        suffix = f"-{next(_KEYS):x}"
    return (key + suffix) if len(key) + len(suffix) <= 255 else key[:255 - len(suffix)] + suffix


@schemathesis.hook
def after_call(context, case, response):
    """Appends {operation, method, status, credentials: run|other|none} to the plan's call log."""
    path = PLAN.get("calls")
    if not path:
        return
    request = response.request
    sent = request.headers.get("Authorization") if request is not None else None
    expected = PLAN.get("authorization")
    line = {
        "operation": f"{case.operation.method.upper()} {case.operation.path}",
        "method": (request.method if request is not None else case.method or "").upper(),
        "status": response.status_code,
        "credentials": "none" if sent is None else ("run" if expected and sent == expected else "other"),
    }
    with _LOCK, open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
