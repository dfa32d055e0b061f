export type {
  ApiTokenSummary,
  CreatedApiToken,
  CreatedInvite,
  InviteSummary,
  SessionSummary,
  SetupStatus,
  SignInProviders,
  User,
} from '@taskoverflow/contracts';
