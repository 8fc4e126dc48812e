/// <reference lib="webworker" />
// The exposure check's heavy part, off the page's thread: verify, decode and match downloaded export files.
import { matchFiles, type MatchRequest } from './match-core.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<MatchRequest>) => {
  scope.postMessage(matchFiles(event.data));
};
