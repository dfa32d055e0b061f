/**
 * The one implicit user of AUTH_MODE=local, created by the accounts migration
 * (prisma/migrations/20261210000000_accounts): it owns everything made in
 * local mode, and the default of every `owner_id` column. It has no password,
 * so nobody can sign in as it; the admin who claims the instance takes its data.
 */
export const LOCAL_OWNER_ID = '00000000-0000-0000-0000-000000000001';
export const LOCAL_OWNER_EMAIL = 'owner@localhost';
