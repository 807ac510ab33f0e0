// driver.mjs runs a list of SageMaker calls through the AWS SDK for
// JavaScript v3 and prints what the SDK made of each answer. trainingjobtest's
// external-client tests (external_test.go) start it; it is not a tool of
// its own.
//
// Input (stdin): a JSON array of calls, run in order:
//
//   [{"op": "CreateTrainingJob", "input": {...}, "endpoint": "http://..."}, ...]
//
// "op" is an operation name (the SDK's <op>Command) or one of the
// pseudo-operations below. "endpoint" is the URL the call goes to; it
// defaults to $SAGEMAKER_ENDPOINT. The calls need no signing: the client
// has dummy static credentials and the region $AWS_REGION (or us-east-1).
//
//   waitUntilTrainingJobCompletedOrStopped  the SDK's waiter, input
//       {"TrainingJobName": ..., "MinDelay": s, "MaxDelay": s, "MaxWaitTime": s}
//       (delays in seconds; the defaults poll every few milliseconds).
//   paginateListTrainingJobs  the SDK's paginator, input the
//       ListTrainingJobs members plus "PageSize".
//   control  a POST of input as JSON to endpoint, for the test's own
//       control server (advancing the fake's clock, for instance).
//
// Output (stdout): a JSON array with one result per call, either
// {"output": ...} (the SDK's parsed output without $metadata; Dates as ISO
// strings) or {"error": {"Code", "Message", "Fault", "HTTPStatus",
// "Modeled"}}. A waiter that ends otherwise than in success is the error
// {"Code": "WaiterFailure" or "WaiterTimeout"}; a paginator's output is
// {"TrainingJobSummaries": [every page's summaries, in order]}, the form
// the AWS CLI prints.
//
// The driver exits with status 3 when Node.js is older than the SDK needs
// (20) or the SDK is not installed (npm ci installs it).

const MISSING = 3;
if (Number(process.versions.node.split(".")[0]) < 20) {
  process.stderr.write(`driver.mjs: Node.js ${process.versions.node} is older than the SDK needs (20)\n`);
  process.exit(MISSING);
}
let sm;
try {
  sm = await import("@aws-sdk/client-sagemaker");
} catch (err) {
  process.stderr.write(`driver.mjs: cannot import @aws-sdk/client-sagemaker (run npm ci here): ${err?.message ?? err}\n`);
  process.exit(MISSING);
}

const clients = new Map();

function client(endpoint) {
  let c = clients.get(endpoint);
  if (!c) {
    c = new sm.SageMakerClient({
      endpoint,
      region: process.env.AWS_REGION || "us-east-1",
      credentials: { accessKeyId: "AKIDFAKEJS", secretAccessKey: "fake-secret" },
      maxAttempts: 1,
    });
    clients.set(endpoint, c);
  }
  return c;
}

function withoutMetadata(out) {
  const { $metadata, ...rest } = out ?? {};
  return rest;
}

function normalizeError(err) {
  const e = {
    Code: err?.name ?? "Error",
    Message: err?.message ?? String(err),
  };
  if (err?.$fault) e.Fault = err.$fault;
  const status = err?.$metadata?.httpStatusCode;
  if (status) e.HTTPStatus = status;
  if (err instanceof sm.SageMakerServiceException) {
    e.Modeled = Object.getPrototypeOf(err) !== sm.SageMakerServiceException.prototype;
  }
  return e;
}

async function wait(c, input) {
  const { MinDelay = 0.005, MaxDelay = 0.02, MaxWaitTime = 30, ...params } = input;
  try {
    await sm.waitUntilTrainingJobCompletedOrStopped(
      { client: c, minDelay: MinDelay, maxDelay: MaxDelay, maxWaitTime: MaxWaitTime },
      params,
    );
    return { output: {} };
  } catch (err) {
    const code = err?.name === "TimeoutError" ? "WaiterTimeout" : "WaiterFailure";
    return { error: { Code: code, Message: err?.message ?? String(err) } };
  }
}

async function paginate(c, input) {
  const { PageSize, ...params } = input;
  const summaries = [];
  for await (const page of sm.paginateListTrainingJobs({ client: c, pageSize: PageSize }, params)) {
    summaries.push(...(page.TrainingJobSummaries ?? []));
  }
  return { output: { TrainingJobSummaries: summaries } };
}

async function control(endpoint, input) {
  const resp = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  const text = await resp.text();
  if (!resp.ok) {
    return { error: { Code: "ControlFailed", Message: `${resp.status}: ${text}` } };
  }
  return { output: text ? JSON.parse(text) : {} };
}

async function run(call) {
  const endpoint = call.endpoint || process.env.SAGEMAKER_ENDPOINT;
  const input = call.input ?? {};
  if (!endpoint) {
    return { error: { Code: "DriverError", Message: "no endpoint: set SAGEMAKER_ENDPOINT or the call's endpoint" } };
  }
  switch (call.op) {
    case "control":
      return control(endpoint, input);
    case "waitUntilTrainingJobCompletedOrStopped":
      return wait(client(endpoint), input);
    case "paginateListTrainingJobs":
      try {
        return await paginate(client(endpoint), input);
      } catch (err) {
        return { error: normalizeError(err) };
      }
  }
  const Command = sm[`${call.op}Command`];
  if (typeof Command !== "function") {
    return { error: { Code: "DriverError", Message: `unknown operation ${JSON.stringify(call.op)}` } };
  }
  try {
    return { output: withoutMetadata(await client(endpoint).send(new Command(input))) };
  } catch (err) {
    return { error: normalizeError(err) };
  }
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const calls = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = [];
  for (const call of calls) {
    results.push(await run(call));
  }
  process.stdout.write(JSON.stringify(results));
  process.stdout.write("\n");
  for (const c of clients.values()) c.destroy();
}

main().catch((err) => {
  process.stderr.write(`driver.mjs: ${err?.stack ?? err}\n`);
  process.exit(1);
});
