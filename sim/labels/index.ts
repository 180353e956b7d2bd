export {
  Selector,
  selectorFromSet,
  selectorFromLabelSelector,
  formatLabels,
  formatLabelSelector,
  type Requirement,
  type Operator,
} from './selector';
export { parseSelector } from './parser';
