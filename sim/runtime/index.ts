export { Clock, type TimerOptions } from './clock';
export { WorkQueue } from './queue';
export { Random, ALPHANUMS, hashString } from './random';
export { Runtime, SimulationError, type Worker } from './loop';
