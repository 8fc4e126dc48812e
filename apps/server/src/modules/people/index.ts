export { peopleRoutes } from './people.routes.js';
export { resolvePersonalToken, personalQr } from './people.service.js';
export { erasePersonalQr } from './privacy.js';
