import { hash, randomBytes } from 'node:crypto';

/** Bytes of every credential secret (sessions, API tokens): 256 random bits. */
const SECRET_BYTES = 32;

/** A new credential secret, base64url: 43 characters. */
export function randomSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** Whether `text` has the shape of a {@link randomSecret} (checked before any look-up). */
export function isSecretShaped(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}

/** How a credential is stored and looked up: its SHA-256, hex. A fast hash is enough for 256 random bits. */
export function sha256Hex(text: string): string {
  // The one-shot form: a third of createHash's time, on every authenticated request.
  return hash('sha256', text, 'hex');
}
