export { connectEventStream, type ReceivedEvent } from './event-stream-client.js';
