// Packages the template as `aws cloudformation package` does for lakedeck.yaml: the state
// machine's local DefinitionS3Location (a path beside the template) becomes the S3 location of
// its uploaded, content-addressed copy. A plain text edit of that one line: the template's
// short-form tags (!Ref, !Sub…) never go through a YAML round trip.
import { LakeError } from '../core/errors.js';

const LOCAL_DEFINITION = /^(\s*DefinitionS3Location:\s*)([A-Za-z0-9_./-]+\.json)\s*$/m;

/** The local path the template's state machine definition points at, if any. */
export function localDefinitionPath(template: string): string | undefined {
  return LOCAL_DEFINITION.exec(template)?.[2];
}

export function packageTemplate(template: string, definition: { bucket: string; key: string } | undefined): string {
  const local = localDefinitionPath(template);
  if (!local) return template;
  if (!definition) throw new LakeError('bad-input', `The template's DefinitionS3Location '${local}' was not uploaded`);
  return template.replace(LOCAL_DEFINITION, (_line, head: string) => `${head}{ Bucket: ${definition.bucket}, Key: ${definition.key} }`);
}

/** The URL CloudFormation reads an uploaded template from (the virtual-hosted S3 form). */
export function templateUrl(bucket: string, key: string, region: string): string {
  return `https://${bucket}.s3.${region}.amazonaws.com/${key}`;
}
