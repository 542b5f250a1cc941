// The one model registry of the host, fetching discovery through consoleFetchJSON.
import { consoleFetchJSON } from '../console-fetch';
import { CORE_MODELS } from './core-models';
import { ModelRegistry } from './model-registry';

export const modelRegistry = new ModelRegistry(CORE_MODELS, (url) => consoleFetchJSON(url));
