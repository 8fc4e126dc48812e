export { enqueueMessage, listOutbox, type OutgoingMessage, type OutboxView } from './outbox.service.js';
export { deliverDueMessages } from './delivery.service.js';
export { closeProviders } from './providers.js';
export { messagingRoutes } from './messaging.routes.js';
export { eraseMessagingOf, purgeOldMessages } from './privacy.js';
