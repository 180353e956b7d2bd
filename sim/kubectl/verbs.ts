/** Every kubectl verb, one file each. Add a verb here when you add its file. */
import type { VerbSpec } from './types';
import { applyVerb } from './apply';
import { diffVerb } from './diff';
import { getVerb } from './get';
import { apiResourcesVerb, apiVersionsVerb, versionVerb, clusterInfoVerb, explainVerb } from './info';
import { createVerb } from './create-verb';
import './create';
import { deleteVerb } from './delete';
import { labelVerb, annotateVerb } from './label';
import { patchVerb, scaleVerb, setVerb, replaceVerb } from './patch';
import { execVerb, logsVerb } from './exec';
import { describeVerb } from './describe';
import { runVerb } from './run';
import { exposeVerb } from './expose';
import { rolloutVerb } from './rollout';
import { authVerb } from './auth';
import { eventsVerb } from './events';
import { configVerb } from './config';
import { cpVerb } from './cp';
import { portForwardVerb } from './port-forward';
import { debugVerb } from './debug';
import { attachVerb } from './attach';
import { cordonVerb, uncordonVerb, drainVerb, taintVerb, waitVerb, topVerb } from './node';
import { editVerb } from './edit';

export const VERBS: VerbSpec[] = [
  getVerb,
  describeVerb,
  runVerb,
  exposeVerb,
  rolloutVerb,
  authVerb,
  eventsVerb,
  configVerb,
  apiResourcesVerb,
  apiVersionsVerb,
  versionVerb,
  clusterInfoVerb,
  explainVerb,
  applyVerb,
  diffVerb,
  createVerb,
  deleteVerb,
  labelVerb,
  annotateVerb,
  patchVerb,
  scaleVerb,
  setVerb,
  replaceVerb,
  execVerb,
  logsVerb,
  attachVerb,
  cpVerb,
  portForwardVerb,
  debugVerb,
  cordonVerb,
  uncordonVerb,
  drainVerb,
  taintVerb,
  waitVerb,
  editVerb,
  topVerb,
];
