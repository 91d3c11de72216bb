import { describeClusterRaces } from '../support/cluster.js';
import { LIMIT_BURSTS } from '../support/limit-bursts.js';

/**
 * Every rate limit, hit by bursts spread over real `yonder serve` processes on one store: the
 * counters are rows every process upserts, so exactly `limit` requests get through wherever they
 * land. The client addresses travel in X-Forwarded-For, which the servers trust from loopback
 * (TRUST_PROXY), so this also shows the setting at work in a real server.
 */
describeClusterRaces('rate limits', LIMIT_BURSTS);
