export type { CreateFeedBody, FeedSummary, FeedWithUrl } from '@taskoverflow/contracts';
