export type {
  ApiTokenSummary,
  CreatedApiToken,
  SessionSummary,
  User,
} from '@taskoverflow/contracts';
