/** Public surface of scale/: the change bus between the processes of one node (issue 18). */
export { type ChangeBus, Listeners, type NoticeListener, type NoticeSource } from './change-bus.js';
export { type ChangeNotice, type NoticeEnvelope, parseEnvelope } from './change-notice.js';
export { InProcessBus } from './in-process-bus.js';
export { NatsChangeBus } from './nats-change-bus.js';
export { type BusState, isNatsUrl, type NatsBusOptions, natsNames } from './nats-options.js';
export { NatsWorkQueue, type NatsWorkQueueOptions } from './nats-work-queue.js';
export {
  type JobHandler,
  jobId,
  LocalWorkQueue,
  parseJob,
  type WorkJob,
  type WorkQueue,
} from './work-queue.js';
