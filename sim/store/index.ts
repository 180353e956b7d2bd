export { Store, objKey, splitKey, type WatchEvent, type WatchEventType, type WatchHandler, type IndexFunc } from './store';
