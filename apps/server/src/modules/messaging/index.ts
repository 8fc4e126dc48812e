export { enqueueMessage, deliverDueMessages, listOutbox, type OutgoingMessage, type OutboxView } from './outbox.service.js';
export { messagingRoutes } from './messaging.routes.js';
