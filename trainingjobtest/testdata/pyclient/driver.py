"""Runs a list of SageMaker calls through boto3 or the AWS CLI (v1).

trainingjobtest's external-client tests (external_test.go) start this
script as ``python3 driver.py boto3`` or ``python3 driver.py cli``; it is
not a tool of its own.

Input (stdin): a JSON array of calls, run in order:

    [{"op": "CreateTrainingJob", "input": {...}, "endpoint": "http://..."}, ...]

"op" is an operation name or one of the pseudo-operations below;
"endpoint" defaults to $SAGEMAKER_ENDPOINT. Nothing is signed.

    waitUntilTrainingJobCompletedOrStopped  the client's waiter for
        {"TrainingJobName": ...}, polling every few milliseconds.
    paginateListTrainingJobs  the client's paginator: the ListTrainingJobs
        members plus "PageSize".
    control  a POST of input as JSON to endpoint, for the test's own
        control server (advancing the fake's clock, for instance).

With boto3, each call is the client method of the operation. With the CLI,
each call is what ``aws sagemaker <operation> --cli-input-json INPUT
--no-paginate`` does, run by awscli's own entry point (the function the
``aws`` command calls) in this process: a new process per call would cost
a second or more each. The CLI reads the configuration file the
environment names, which should set ``cli_timestamp_format = iso8601`` so
that the CLI parses timestamps rather than printing the wire's numbers.

Output (stdout): a JSON array, one result per call: {"output": ...} (the
parsed output without ResponseMetadata, datetimes as ISO strings) or
{"error": {"Code", "Message", "HTTPStatus", "Modeled"}} (boto3: from
ClientError.response; the CLI: from its error text, so only Code and
Message). A waiter that does not succeed is the error "WaiterFailure" or
"WaiterTimeout"; a paginator's output is {"TrainingJobSummaries": [...]}
with every page's summaries in order.

The script exits with status 3 when it cannot import the client's package.
"""

import contextlib
import datetime
import io
import json
import os
import re
import sys
import tempfile
import urllib.error
import urllib.request

MISSING = 3
REGION = os.environ.get("AWS_REGION", "us-east-1")
WAIT_DELAY = 0.005  # seconds between a waiter's polls
WAIT_ATTEMPTS = 6000


def to_json(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    raise TypeError("cannot encode %r" % (value,))


def control(endpoint, payload):
    req = urllib.request.Request(endpoint, data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            text = resp.read().decode()
    except urllib.error.HTTPError as e:
        return {"error": {"Code": "ControlFailed", "Message": "%d: %s" % (e.code, e.read().decode())}}
    return {"output": json.loads(text) if text else {}}


class Boto3:
    def __init__(self):
        try:
            import boto3
            import botocore.config
            import botocore.exceptions
        except ImportError as e:
            print("cannot import boto3:", e, file=sys.stderr)
            sys.exit(MISSING)
        self.boto3, self.exc = boto3, botocore.exceptions
        self.config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"},
                                             connect_timeout=5, read_timeout=20)
        self.session = boto3.session.Session()
        self.clients = {}

    def client(self, endpoint):
        if endpoint not in self.clients:
            self.clients[endpoint] = self.session.client(
                "sagemaker", endpoint_url=endpoint, region_name=REGION,
                aws_access_key_id="AKIDFAKEBOTO", aws_secret_access_key="fake-secret", config=self.config)
        return self.clients[endpoint]

    def error(self, e):
        if isinstance(e, self.exc.ClientError):
            err = e.response.get("Error", {})
            out = {"Code": err.get("Code", ""), "Message": err.get("Message", ""),
                   "Modeled": type(e) is not self.exc.ClientError}
            status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status:
                out["HTTPStatus"] = status
            return out
        return {"Code": type(e).__name__, "Message": str(e)}

    def run(self, op, params, endpoint):
        c = self.client(endpoint)
        try:
            if op == "waitUntilTrainingJobCompletedOrStopped":
                try:
                    c.get_waiter("training_job_completed_or_stopped").wait(
                        WaiterConfig={"Delay": WAIT_DELAY, "MaxAttempts": WAIT_ATTEMPTS}, **params)
                except self.exc.WaiterError as e:
                    code = "WaiterTimeout" if "Max attempts exceeded" in str(e) else "WaiterFailure"
                    return {"error": {"Code": code, "Message": str(e)}}
                return {"output": {}}
            if op == "paginateListTrainingJobs":
                params = dict(params)
                config = {"PageSize": params.pop("PageSize")} if "PageSize" in params else {}
                summaries = []
                for page in c.get_paginator("list_training_jobs").paginate(PaginationConfig=config, **params):
                    summaries.extend(page.get("TrainingJobSummaries", []))
                return {"output": {"TrainingJobSummaries": summaries}}
            from botocore import xform_name
            out = getattr(c, xform_name(op))(**params)
        except Exception as e:  # every failure is a result, as the other drivers report it
            return {"error": self.error(e)}
        out.pop("ResponseMetadata", None)
        return {"output": out}


CLI_ERROR = re.compile(
    r"An error occurred \((?P<code>[^)]*)\) when calling the \w+ operation(?: \([^)]*\))?: (?P<message>.*)", re.S)


class CLI:
    def __init__(self):
        try:
            import awscli.clidriver
            import botocore.session
            from botocore import xform_name
        except ImportError as e:
            print("cannot import awscli:", e, file=sys.stderr)
            sys.exit(MISSING)
        self.xform_name = xform_name
        # The CLI offers no option for a waiter's delay (the model's is two
        # minutes), so a copy of the installed waiter model, changed only in
        # its delays and attempts, goes first on the CLI's data path.
        loader = botocore.session.get_session().get_component("data_loader")
        version = loader.determine_latest_version("sagemaker", "service-2")
        waiters = loader.load_service_model("sagemaker", "waiters-2", version)
        for w in waiters["waiters"].values():
            w["delay"], w["maxAttempts"] = WAIT_DELAY, WAIT_ATTEMPTS
        self.data = tempfile.TemporaryDirectory()
        d = os.path.join(self.data.name, "sagemaker", version)
        os.makedirs(d)
        with open(os.path.join(d, "waiters-2.json"), "w") as f:
            json.dump(waiters, f)
        path = os.environ.get("AWS_DATA_PATH")
        os.environ["AWS_DATA_PATH"] = self.data.name + (os.pathsep + path if path else "")
        self.driver = awscli.clidriver.create_clidriver()

    def aws(self, args, endpoint):
        args = args + ["--endpoint-url", endpoint, "--region", REGION, "--no-sign-request", "--output", "json",
                       "--cli-read-timeout", "20", "--cli-connect-timeout", "5"]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = self.driver.main(args)
        return rc, out.getvalue(), err.getvalue()

    def run(self, op, params, endpoint):
        params = dict(params)
        if op == "waitUntilTrainingJobCompletedOrStopped":
            args = ["sagemaker", "wait", "training-job-completed-or-stopped"]
        elif op == "paginateListTrainingJobs":
            args = ["sagemaker", "list-training-jobs"]
            if "PageSize" in params:
                args += ["--page-size", str(params.pop("PageSize"))]
        else:
            args = ["sagemaker", self.xform_name(op, "-"), "--no-paginate"]
        args += ["--cli-input-json", json.dumps(params)]
        rc, stdout, stderr = self.aws(args, endpoint)
        if rc != 0:
            text = stderr.strip()
            if op == "waitUntilTrainingJobCompletedOrStopped" and text.startswith("Waiter "):
                code = "WaiterTimeout" if "Max attempts exceeded" in text else "WaiterFailure"
                return {"error": {"Code": code, "Message": text}}
            m = CLI_ERROR.search(text)
            if m:
                return {"error": {"Code": m.group("code"), "Message": m.group("message").strip()}}
            return {"error": {"Code": "CLIError", "Message": "exit status %d: %s" % (rc, text)}}
        return {"output": json.loads(stdout) if stdout.strip() else {}}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("boto3", "cli"):
        print("usage: driver.py boto3|cli < calls.json", file=sys.stderr)
        sys.exit(2)
    client = Boto3() if sys.argv[1] == "boto3" else CLI()
    calls = json.load(sys.stdin)
    results = []
    for call in calls:
        endpoint = call.get("endpoint") or os.environ.get("SAGEMAKER_ENDPOINT")
        params = call.get("input") or {}
        if not endpoint:
            results.append({"error": {"Code": "DriverError", "Message": "no endpoint"}})
        elif call["op"] == "control":
            results.append(control(endpoint, params))
        else:
            results.append(client.run(call["op"], params, endpoint))
    json.dump(results, sys.stdout, default=to_json)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
