export { connectEventStream, type ReceivedEvent } from './event-stream-client.js';
export { providerEmail, startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
