export type {
  ApiTokenSummary,
  CreatedApiToken,
  SessionSummary,
  SignInProviders,
  User,
} from '@taskoverflow/contracts';
