import { createContext } from '@lit/context';
import type { ApiClient } from './client.ts';
import type { WallFeed } from './wall-feed.ts';

export const apiContext = createContext<ApiClient>(Symbol('lockerwall-api'));
export const wallFeedContext = createContext<WallFeed>(Symbol('lockerwall-wall-feed'));
