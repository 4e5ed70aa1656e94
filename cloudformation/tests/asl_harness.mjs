// Runs cloudformation/statemachine/pipeline.asl.json with aws-local-stepfunctions (the interpreter
// the local backend uses), a scripted handler bound to every Task state by name, and prints what
// happened as JSON. Driven by test_cfn_statemachine_flow.py; reads a JSON array of scenarios on stdin
// (one node start for all of them, since importing the interpreter dominates the runtime):
//   { "definition": "<path>", "substitutions": {...}, "input": {...},
//     "handlers": { "StateName": [ {"return": <json>} | {"throw": {"name": "...", "message": "..."}} , ... ] } }
// Each handler entry is used once in order; the last one repeats. Prints a JSON array of reports.
import { readFileSync } from 'node:fs';

// Node 20 lacks Promise.withResolvers, which the interpreter needs.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { StateMachine } = await import('aws-local-stepfunctions');

function taskStates(states, out = []) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') out.push(name);
    for (const branch of state.Branches ?? []) taskStates(branch.States, out);
    if (state.Iterator) taskStates(state.Iterator.States, out);
    if (state.ItemProcessor) taskStates(state.ItemProcessor.States, out);
  }
  return out;
}

async function runScenario(scenario) {
  let text = readFileSync(scenario.definition, 'utf8');
  // Same textual replacement as CloudFormation's DefinitionSubstitutions.
  for (const [key, value] of Object.entries(scenario.substitutions ?? {})) {
    text = text.split('${' + key + '}').join(String(value));
  }
  const definition = JSON.parse(text);

  const calls = [];
  const handlers = {};
  const retryIntervalOverrides = {};
  for (const name of taskStates(definition.States)) {
    const script = scenario.handlers?.[name] ?? [{ throw: { name: 'NoHandler', message: `no scripted handler for ${name}` } }];
    let used = 0;
    handlers[name] = async (input) => {
      const step = script[Math.min(used, script.length - 1)];
      used += 1;
      calls.push({ state: name, input });
      if (step.throw) {
        const error = new Error(step.throw.message);
        error.name = step.throw.name;
        throw error;
      }
      return step.return;
    };
    retryIntervalOverrides[name] = 0;
  }
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Retry) retryIntervalOverrides[name] = 0;
  }

  const machine = new StateMachine(definition);
  const execution = machine.run(scenario.input ?? {}, {
    overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides },
    // The interpreter's default context has no Execution.Id/Name; the local backend passes them too.
    // (Input and StartTime are always set by the interpreter itself.)
    context: {
      Execution: {
        Id: 'arn:aws:states:us-east-1:123456789012:execution:lakedeck-pipeline:test-run',
        Name: 'test-run',
      },
    },
  });

  const entered = [];
  const events = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') entered.push(event.state.name);
    }
  })();

  let report;
  try {
    const output = await execution.result;
    report = { status: 'SUCCEEDED', output };
  } catch (error) {
    report = { status: 'FAILED', error: error.name, cause: error.message };
  }
  await events;
  return { ...report, entered, calls };
}

const scenarios = JSON.parse(readFileSync(0, 'utf8'));
const reports = [];
for (const scenario of scenarios) reports.push(await runScenario(scenario));
process.stdout.write(JSON.stringify(reports));
