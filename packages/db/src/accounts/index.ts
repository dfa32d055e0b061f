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
export {
  createSignInAttemptCounters,
  type AttemptCounterOptions,
  type SignInAttemptCounters,
} from './sign-in-attempts.js';
export {
  createIdentitiesRepository,
  type IdentitiesRepository,
  type ProviderIdentity,
} from './identities-repository.js';
