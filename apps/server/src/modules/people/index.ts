export { peopleRoutes } from './people.routes.js';
export { resolvePersonalToken, maskName, personalQr } from './people.service.js';
