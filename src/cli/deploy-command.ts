// `lakedeck deploy` and `lakedeck destroy`: the CLI side (flags, prompts on the terminal, exit
// codes). The work is in src/deploy/. Both refuse in read-only mode and ask before changing
// anything unless told (--yes for deploy; --confirm NAME for destroy). src/deploy/ (with the
// CloudFormation, S3 and EC2 clients: over 1 MB of bundled code) loads only when one of them runs,
// not with every other command.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { LakeError } from '../core/errors.js';
import type { Config } from '../config/config.js';
import { configFrom, reportAndExit } from './run-command.js';

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function ask(question: string, refusal: string): Promise<string> {
  if (!process.stdin.isTTY) throw new LakeError('config', refusal);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function refuseReadOnly(config: Config, what: string): void {
  if (config.readOnly)
    throw new LakeError(
      'read-only',
      `Read-only mode: '${what}' changes AWS resources and is refused (drop --read-only / LAKEDECK_READ_ONLY)`,
    );
}

function stackFrom(program: Command, own: { stack?: string }, config: Config): string {
  const stack = own.stack ?? program.opts<{ stack?: string }>().stack ?? config.stack;
  if (!stack) throw new LakeError('config', 'Which stack? Pass --stack NAME');
  return stack;
}

/** The clone this CLI runs from (dist/ is beside cloudformation/), else the working directory. */
function repositoryRoot(): string {
  const beside = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  return existsSync(path.join(beside, 'cloudformation/lakedeck.yaml')) ? beside : process.cwd();
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerDeployCommands(program: Command): void {
  program
    .command('deploy')
    .description('build, upload and deploy the pipeline stack (shows the change set and asks first)')
    .option('--stack <name>', 'the stack to create or update')
    .option('--academy', 'AWS Academy: use the lab roles, create no IAM (detected from the credentials otherwise)')
    .option('--param <key=value>', 'a template parameter (repeatable)', collect, [])
    .option('--template <file>', 'another template with the same contract (default cloudformation/lakedeck.yaml)')
    .option('--yes', 'apply the change set without asking')
    .action(async (own: { stack?: string; academy?: boolean; param: string[]; template?: string; yes?: boolean }) => {
      const [{ deployClients }, { deploy, parseParameters }] = await Promise.all([
        import('../deploy/clients.js'),
        import('../deploy/deploy.js'),
      ]);
      const clients = await (async () => {
        const config = configFrom(program);
        refuseReadOnly(config, 'deploy');
        const stackName = stackFrom(program, own, config);
        const parameters = parseParameters(own.param);
        return {
          config,
          stackName,
          parameters,
          clients: await deployClients({ profile: config.profile, region: config.region, endpoint: config.endpoint }),
        };
      })().catch(reportAndExit);
      try {
        const io = {
          print,
          confirm: async (question: string) =>
            /^y(es)?$/i.test(
              (await ask(`${question} [y/N] `, 'No terminal to ask on: review the change set and pass --yes to apply it')).trim(),
            ),
        };
        await deploy(clients.clients, io, {
          stackName: clients.stackName,
          root: repositoryRoot(),
          template: own.template,
          academy: own.academy,
          parameters: clients.parameters,
          yes: own.yes,
        });
      } catch (error) {
        clients.clients.close();
        reportAndExit(error);
      }
      clients.clients.close();
    });

  program
    .command('destroy')
    .description('delete the stack and everything in it: buckets (all versions), database, artifacts')
    .option('--stack <name>', 'the stack to delete')
    .option('--confirm <name>', "the stack's name, instead of typing it at the prompt")
    .action(async (own: { stack?: string; confirm?: string }) => {
      const [{ deployClients }, { destroy }] = await Promise.all([import('../deploy/clients.js'), import('../deploy/destroy.js')]);
      const clients = await (async () => {
        const config = configFrom(program);
        refuseReadOnly(config, 'destroy');
        const stackName = stackFrom(program, own, config);
        return { stackName, clients: await deployClients({ profile: config.profile, region: config.region, endpoint: config.endpoint }) };
      })().catch(reportAndExit);
      try {
        const io = { print, ask: (question: string) => ask(question, "No terminal to ask on: pass --confirm <the stack's name>") };
        await destroy(clients.clients, io, { stackName: clients.stackName, confirmName: own.confirm });
      } catch (error) {
        clients.clients.close();
        reportAndExit(error);
      }
      clients.clients.close();
    });
}
