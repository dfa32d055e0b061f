import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

/** The repository's root, where eslint.config.js is. */
export const root = fileURLToPath(new URL('../../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/**
 * What the repository's lint config says of `code` as if it were the file at
 * `filePath` (a real file: typed linting needs it to be in a project), from
 * the rules named: their messages.
 */
export async function lintMessages(
  code: string,
  filePath: string,
  ruleIds: string[] = ['no-restricted-syntax'],
): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages
    .filter((message) => message.ruleId !== null && ruleIds.includes(message.ruleId))
    .map((message) => message.message);
}
