import type { Selectable } from 'kysely';
import type { StatusSubscribersTable } from '../../schema.js';
import { type Decoded, flag, rowMapper } from './codec.js';

const subscriberCodecs = { all_components: flag };

/** Status-page subscriber rows: the 0/1 "every component" flag. */
export const statusSubscriberRows = rowMapper(subscriberCodecs);

/** A status-page subscriber as the store hands them out. */
export type StatusSubscriberRecord = Decoded<Selectable<StatusSubscribersTable>, typeof subscriberCodecs>;
