// The users and their credentials (sessions, API tokens), how they get in (the setup code,
// invites), on Prisma: the API's alone.
export {
  createAccountsRepository,
  normaliseEmail,
  type AccountsRepository,
  type Admission,
  type SignUpOutcome,
} from './accounts-repository.js';
export { createInvitesRepository, type InvitesRepository } from './invites-repository.js';
export { createSetupCodes, type SetupCodes } from './setup-code.js';
export {
  createApiTokensRepository,
  isApiTokenShaped,
  type ApiTokensRepository,
  type TokenIdentity,
} from './api-tokens-repository.js';
export {
  createSessionsRepository,
  sessionEnd,
  type SessionIdentity,
  type SessionsRepository,
  type SessionTimeouts,
} from './sessions-repository.js';
