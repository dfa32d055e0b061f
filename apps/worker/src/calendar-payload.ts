import { GenerateCalendarPayload } from '@taskoverflow/contracts';
import { Compile } from 'typebox/compile';

const validator = Compile(GenerateCalendarPayload);

/** The export a `generate-calendar` job's payload names, or undefined when the payload is not valid. */
export function exportIdOf(payload: unknown): string | undefined {
  return validator.Check(payload) ? payload.exportId : undefined;
}

/** Why a payload is not a valid `generate-calendar` payload, one line per problem. */
export function payloadErrors(payload: unknown): string[] {
  return [...validator.Errors(payload)].map(
    (error) => `${error.instancePath || '/'} ${error.message}`,
  );
}
