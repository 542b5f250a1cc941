import { NodeModel } from '../models';
import type { NodeKind } from '../types';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** All nodes, live. */
export const useNodes = (): WatchListResult<NodeKind> => useWatchList<NodeKind>(NodeModel);
