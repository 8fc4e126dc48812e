export { emitIntegrationEvents, type EventUnits, type NewEvent } from './events.repository.js';
export { authenticateApiKey, type ApiKeyPrincipal } from './api-keys.service.js';
export { fhirRoutes } from './fhir.routes.js';
export { integrationRoutes } from './integration.routes.js';
export { runWebhooks } from './webhooks.service.js';
