// The pure parts of a deploy: how a change set reads (data loss called out in words), template
// packaging of the local state machine definition, content keys and --param parsing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyChange, describeChanges } from '../../src/deploy/change-set.js';
import { artifact } from '../../src/deploy/artifacts.js';
import { parseParameters, validateStackName } from '../../src/deploy/deploy.js';
import { tlsOnlyPolicy } from '../../src/deploy/deployment-bucket.js';
import { localDefinitionPath, packageTemplate, templateUrl } from '../../src/deploy/template.js';
import { contentKey } from '../../src/deploy/uploads.js';
import { isAcademyPrincipal } from '../../src/deploy/academy.js';

describe('change set plan', () => {
  const change = (Action: string, LogicalResourceId: string, ResourceType: string, Replacement?: string) =>
    classifyChange({
      Type: 'Resource',
      ResourceChange: { Action: Action as never, LogicalResourceId, ResourceType, Replacement: Replacement as never },
    })!;

  it('names add, modify, replace and delete, and marks data loss on stateful resources only', () => {
    const plan = [
      change('Add', 'QueryFunction', 'AWS::Lambda::Function'),
      change('Modify', 'IngestFunction', 'AWS::Lambda::Function', 'False'),
      change('Modify', 'Database', 'AWS::RDS::DBInstance', 'True'),
      change('Modify', 'LakeBucket', 'AWS::S3::Bucket', 'Conditional'),
      change('Remove', 'ScheduleRule', 'AWS::Events::Rule'),
      change('Modify', 'IngestFunctionRole', 'AWS::IAM::Role', 'True'),
    ];
    expect(plan.map((c) => [c.kind, c.losesData])).toEqual([
      ['add', false],
      ['modify', false],
      ['replace', true],
      ['may replace', true],
      ['delete', false],
      ['replace', false],
    ]);
    const lines = describeChanges(plan);
    expect(lines[2]).toMatch(/^!!replace\s+Database \(AWS::RDS::DBInstance\)\s+<- DATA LOSS/);
    expect(lines[0]).toMatch(/^ {2}add\s+QueryFunction/);
    expect(lines.filter((l) => l.includes('DATA LOSS'))).toHaveLength(2);
  });
});

describe('template packaging', () => {
  it('points the real template’s state machine at the uploaded definition and changes nothing else', () => {
    const template = readFileSync('cloudformation/lakedeck.yaml', 'utf8');
    expect(localDefinitionPath(template)).toBe('statemachine/pipeline.asl.json');
    const packaged = packageTemplate(template, { bucket: 'deploy-b', key: 'st/statemachine-0123.json' });
    expect(packaged).toContain('DefinitionS3Location: { Bucket: deploy-b, Key: st/statemachine-0123.json }');
    expect(localDefinitionPath(packaged)).toBeUndefined();
    expect(packaged.split('\n').length).toBe(template.split('\n').length);
  });

  it('refuses a local definition that was not uploaded', () => {
    expect(() => packageTemplate('  DefinitionS3Location: statemachine/x.json\n', undefined)).toThrow(/was not uploaded/);
  });

  it('builds the virtual-hosted template URL', () => {
    expect(templateUrl('b', 'st/template-1.yaml', 'eu-west-1')).toBe('https://b.s3.eu-west-1.amazonaws.com/st/template-1.yaml');
  });
});

describe('keys, names and parameters', () => {
  it('derives a new key only from new content', () => {
    const a = artifact('lambda.zip', new TextEncoder().encode('one'));
    const b = artifact('lambda.zip', new TextEncoder().encode('two'));
    expect(contentKey('st/', a)).toMatch(/^st\/lambda-[0-9a-f]{16}\.zip$/);
    expect(contentKey('st/', a)).toBe(contentKey('st/', artifact('lambda.zip', new TextEncoder().encode('one'))));
    expect(contentKey('st/', a)).not.toBe(contentKey('st/', b));
  });

  it('parses --param KEY=VALUE and refuses the rest', () => {
    expect(parseParameters(['AlarmEmail=a@b.org', 'ScheduleExpression=cron(0 3 * * ? *)'])).toEqual({
      AlarmEmail: 'a@b.org',
      ScheduleExpression: 'cron(0 3 * * ? *)',
    });
    expect(() => parseParameters(['=x'])).toThrow(/KEY=VALUE/);
    expect(() => parseParameters(['Novalue'])).toThrow(/KEY=VALUE/);
  });

  it('validates stack names', () => {
    expect(() => validateStackName('lakedeck-dev')).not.toThrow();
    expect(() => validateStackName('1bad')).toThrow(/not a valid stack name/);
    expect(() => validateStackName('bad_name')).toThrow(/not a valid stack name/);
  });

  it('recognises AWS Academy lab sessions', () => {
    expect(isAcademyPrincipal('arn:aws:sts::123456789012:assumed-role/voclabs/user1234=Student')).toBe(true);
    expect(isAcademyPrincipal('arn:aws:sts::123456789012:assumed-role/LabRole/i-0abc')).toBe(true);
    expect(isAcademyPrincipal('arn:aws:iam::123456789012:user/alice')).toBe(false);
  });

  it('denies non-TLS and TLS < 1.2 on the deployment bucket', () => {
    const policy = JSON.parse(tlsOnlyPolicy('b'));
    expect(policy.Statement.map((s: { Effect: string; Condition: unknown }) => [s.Effect, s.Condition])).toEqual([
      ['Deny', { Bool: { 'aws:SecureTransport': 'false' } }],
      ['Deny', { NumericLessThan: { 's3:TlsVersion': '1.2' } }],
    ]);
  });
});
