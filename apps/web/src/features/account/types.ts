export type {
  ApiTokenSummary,
  CreatedApiToken,
  CreatedInvite,
  InviteSummary,
  SessionSummary,
  SetupStatus,
  User,
} from '@taskoverflow/contracts';
