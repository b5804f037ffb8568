/** The statutory clock: facts in, obligations out. */
export {
  type ChildFacts,
  type Fact,
  type FactKind,
  type FactKindInfo,
  type FactValue,
  FACT_KINDS,
  FACT_KIND_LIST,
  isFactKind,
} from './facts.js';
export {
  type DayCount,
  type Obligation,
  type ObligationStatus,
  daysLeft,
  daysOver,
  hoursLeft,
  isOutstanding,
  obligationStatus,
} from './obligation.js';
export {
  type LocalPolicy,
  type PolicyChange,
  type RuleSetting,
  type SettingRange,
  type SettingValue,
  createLocalPolicy,
  outsideRange,
} from './policy.js';
export type { ClockContext, ClockRule, RuleSource, SourceStatus } from './rule.js';
export { type Period, type PeriodUnit, describePeriod, dueFrom } from './deadlines.js';
export { clockRules, defaultSettings, policySettings, ruleById } from './catalogue.js';
/** Rules the areas' own queries name: the front door's decision and the assessment's deadline. */
export { assessmentTimeliness, contactDecision } from './rules/front-door.js';
/** The visit regimes of CPPCR reg 28, which a placement sets. */
export { VISIT_REGIMES, type VisitRegime } from './rules/looked-after-visits.js';
export { InvalidFactError, computeObligations } from './engine.js';
export { type Timeline, prepareTimeline } from './timeline.js';
export { type RuleFeed, ruleFeed, unrecordedWork } from './coverage.js';
