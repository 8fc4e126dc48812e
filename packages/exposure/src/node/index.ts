/// <reference types="node" />
// The Node-only entry, `@phongdich/exposure/node`: the main entry stays free of Node (portability.test.ts).
export { nativeRpiDeriverProblem, nodeCryptoRpiDeriver, nodeRpiDeriver } from './node-rpi-deriver.js';
