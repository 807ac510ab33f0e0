"""Reads the fake's CloudWatch Logs through boto3 or the AWS CLI (v1).

trainingjobtest's external_logs_test.go starts this script as
``python3 logs_client.py boto3``, ``python3 logs_client.py cli`` or
``python3 logs_client.py cli --exec AWS``; it is not a tool of its own.

Input (stdin): a JSON object

    {"endpoint": URL, "control": URL, "steps": [step, ...]}

"endpoint" is the fake's server; "control" is the test's control server,
to which the script POSTs {"mark": i} before step i (so that the test can
tell which of the fake's calls each step made). Nothing reaches AWS: every
client is pointed at endpoint, boto3 with dummy credentials, the CLI with
--no-sign-request.

Steps with boto3 (a "logs" client with retries={"total_max_attempts": n,
"mode": "standard"}, n being the step's "attempts", 1 by default):

    {"call": METHOD, "input": {...}}
        one call of the client's method, such as get_log_events.
    {"paginate": METHOD, "input": {...}, "config": {...}}
        the client's paginator for the method, with PaginationConfig
        config; output {"pages": [page, ...]} and, when MaxItems cut the
        listing short, "NextToken", the paginator's resume token.
    {"follow": "nextForwardToken" | "nextBackwardToken", "input": {...}}
        get_log_events, then get_log_events again with nextToken set to the
        page's token of that name, until a page answers with the token it
        was given (the end of the stream in that direction); output
        {"pages": [page, ...]}. A read that has not ended after
        "max_pages" pages (1000 by default) is the error "NoEnd".

Steps with the CLI:

    {"args": ["logs", "get-log-events", ...], "env": {"NAME": "value"}}
        what ``aws ARGS --endpoint-url ENDPOINT --region us-east-1
        --no-sign-request --output json`` prints, with env added to the
        environment. By default awscli's own entry point (the function the
        aws command calls) runs the command in this process, a process per
        command costing a second or so each: the steps without env share a
        driver, and a step with env gets one of its own, created after env
        is set, so that it reads the environment anew. With --exec AWS,
        the aws command at AWS runs it, a process per step.

Both:

    {"control": {...}}
        a POST of the object to the control server (to make the fake
        throttle its next calls, for instance); output: its answer.

A string "{prev.KEY}" anywhere in a step's input, config or args stands
for member KEY of the previous step's output (a token, say).

Output (stdout): a JSON array, one result per step: {"output": ...,
"retries": n} (the parsed output without ResponseMetadata; n is boto3's
RetryAttempts) or {"error": {...}}: for boto3 "Code", "Message",
"HTTPStatus", "Class" (the exception's class name), "Modeled" (whether it
is an instance of the client's exception of that code, such as
client.exceptions.ResourceNotFoundException) and "Retries"; for the CLI
"Code" and "Message" read from its error text, "Retries" when the text
says how many retries it made, and "ExitStatus".

The script exits with status 3 when it cannot import the client's package.
"""

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import urllib.request

MISSING = 3
REGION = "us-east-1"
MAX_PAGES = 1000
PREV = re.compile(r"^\{prev\.(\w+)\}$")
CLI_ERROR = re.compile(
    r"An error occurred \((?P<code>[^)]*)\) when calling the \w+ operation"
    r"(?: \(reached max retries: (?P<retries>\d+)\))?: (?P<message>.*)", re.S)


class StepError(Exception):
    """A step the script cannot carry out as written."""


def post(url, payload):
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as resp:
        text = resp.read().decode()
    return json.loads(text) if text else {}


def substitute(value, prev):
    """Returns value with every "{prev.KEY}" string replaced."""
    if isinstance(value, dict):
        return {k: substitute(v, prev) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, prev) for v in value]
    if isinstance(value, str):
        m = PREV.match(value)
        if m:
            if not isinstance(prev, dict) or m.group(1) not in prev:
                raise StepError("the previous step's output has no %s" % m.group(1))
            return prev[m.group(1)]
    return value


def strip(page):
    page = dict(page)
    page.pop("ResponseMetadata", None)
    return page


class Boto3:
    def __init__(self, endpoint):
        try:
            import boto3
            import botocore.config
            import botocore.exceptions
        except ImportError as e:
            print("cannot import boto3:", e, file=sys.stderr)
            sys.exit(MISSING)
        self.config, self.exc = botocore.config.Config, botocore.exceptions
        self.session = boto3.session.Session()
        self.endpoint = endpoint
        self.clients = {}

    def client(self, attempts):
        if attempts not in self.clients:
            config = self.config(retries={"total_max_attempts": attempts, "mode": "standard"},
                                 connect_timeout=5, read_timeout=20)
            self.clients[attempts] = self.session.client(
                "logs", endpoint_url=self.endpoint, region_name=REGION,
                aws_access_key_id="AKIDFAKEBOTO", aws_secret_access_key="fake-secret", config=config)
        return self.clients[attempts]

    def error(self, c, e):
        if isinstance(e, self.exc.ClientError):
            err = e.response.get("Error", {})
            meta = e.response.get("ResponseMetadata", {})
            code = err.get("Code", "")
            modeled = getattr(c.exceptions, code, None)
            out = {"Code": code, "Message": err.get("Message", ""), "Class": type(e).__name__,
                   "Modeled": modeled is not None and isinstance(e, modeled),
                   "Retries": meta.get("RetryAttempts", 0)}
            if meta.get("HTTPStatusCode"):
                out["HTTPStatus"] = meta["HTTPStatusCode"]
            return out
        return {"Code": type(e).__name__, "Message": str(e), "Class": type(e).__name__}

    def run(self, step):
        c = self.client(step.get("attempts", 1))
        params = step.get("input") or {}
        try:
            if "call" in step:
                out = getattr(c, step["call"])(**params)
                return {"output": strip(out), "retries": out["ResponseMetadata"].get("RetryAttempts", 0)}
            if "paginate" in step:
                it = c.get_paginator(step["paginate"]).paginate(PaginationConfig=step.get("config") or {}, **params)
                out = {"pages": [strip(p) for p in it]}
                if it.resume_token is not None:
                    out["NextToken"] = it.resume_token
                return {"output": out}
            if "follow" in step:
                return self.follow(c, step["follow"], params, step.get("max_pages", MAX_PAGES))
        except Exception as e:  # every failure is a result the test checks
            return {"error": self.error(c, e)}
        raise StepError("a boto3 step is a call, a paginate or a follow: %r" % (step,))

    def follow(self, c, key, params, max_pages):
        pages = []
        page = c.get_log_events(**params)
        while True:
            pages.append(strip(page))
            sent = params.get("nextToken")
            if sent is not None and page.get(key) == sent:
                return {"output": {"pages": pages}}
            if len(pages) == max_pages:
                return {"error": {"Code": "NoEnd", "Message": "%d pages and %s has not repeated the token it was given" % (
                    len(pages), key)}}
            params = dict(params, nextToken=page[key])
            page = c.get_log_events(**params)


class CLI:
    def __init__(self, endpoint, aws):
        self.endpoint, self.aws = endpoint, aws
        if aws is None:
            try:
                import awscli.clidriver
            except ImportError as e:
                print("cannot import awscli:", e, file=sys.stderr)
                sys.exit(MISSING)
            self.clidriver = awscli.clidriver
            self.shared = None

    def driver(self, fresh):
        """Returns the CLI's driver: a new one, which reads the environment
        anew, when fresh is true, and otherwise the one the steps share (a
        driver caches the service models it loads)."""
        if fresh:
            return self.clidriver.create_clidriver()
        if self.shared is None:
            self.shared = self.clidriver.create_clidriver()
        return self.shared

    def run(self, step):
        args = list(step["args"]) + ["--endpoint-url", self.endpoint, "--region", REGION, "--no-sign-request",
                                     "--output", "json", "--cli-read-timeout", "20", "--cli-connect-timeout", "5"]
        env = step.get("env") or {}
        if self.aws is not None:
            proc = subprocess.run([self.aws] + args, env=dict(os.environ, **env), capture_output=True, text=True,
                                  timeout=60)
            rc, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
        else:
            saved = {k: os.environ.get(k) for k in env}
            os.environ.update(env)
            try:
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    rc = self.driver(bool(env)).main(args)
                stdout, stderr = out.getvalue(), err.getvalue()
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
        if rc != 0:
            text = stderr.strip()
            m = CLI_ERROR.search(text)
            if not m:
                return {"error": {"Code": "CLIError", "Message": text, "ExitStatus": rc}}
            e = {"Code": m.group("code"), "Message": m.group("message").strip(), "ExitStatus": rc}
            if m.group("retries") is not None:
                e["Retries"] = int(m.group("retries"))
            return {"error": e}
        return {"output": json.loads(stdout) if stdout.strip() else {}}


def main():
    argv = sys.argv[1:]
    aws = None
    if argv[1:2] == ["--exec"] and len(argv) == 3 and argv[0] == "cli":
        aws = argv[2]
    elif len(argv) != 1 or argv[0] not in ("boto3", "cli"):
        print("usage: logs_client.py boto3 | cli [--exec AWS] < steps.json", file=sys.stderr)
        sys.exit(2)
    request = json.load(sys.stdin)
    endpoint, ctl = request["endpoint"], request["control"]
    client = Boto3(endpoint) if argv[0] == "boto3" else CLI(endpoint, aws)
    results = []
    prev = None
    for i, step in enumerate(request["steps"]):
        post(ctl, {"mark": i})
        try:
            step = {k: substitute(v, prev) if k in ("input", "config", "args") else v for k, v in step.items()}
            if "control" in step:
                result = {"output": post(ctl, step["control"])}
            else:
                result = client.run(step)
        except StepError as e:
            result = {"error": {"Code": "DriverError", "Message": str(e)}}
        results.append(result)
        prev = result.get("output")
    json.dump(results, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
