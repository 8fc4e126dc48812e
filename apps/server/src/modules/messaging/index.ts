export { enqueueMessage, listOutbox, type OutgoingMessage, type OutboxView } from './outbox.service.js';
export { deliverDueMessages } from './delivery.service.js';
export { closeProviders } from './providers.js';
export { messagingRoutes } from './messaging.routes.js';
export { campaignsRoutes } from './campaigns.routes.js';
export { runDueCampaigns } from './campaigns.job.js';
export { remindMonitoredPeople } from './reminders.js';
export { eraseMessagingOf, purgeOldMessages } from './privacy.js';
