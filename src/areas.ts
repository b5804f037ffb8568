import { adoptionArea } from './adoption/index.js';
import { allegationsArea } from './allegations/index.js';
import { assessmentArea } from './assessment/index.js';
import { careLeaversArea } from './care-leavers/index.js';
import { carePlanningArea } from './care-planning/index.js';
import { caseNotesArea } from './case-notes/index.js';
import { childProtectionArea } from './child-protection/index.js';
import { providePlanStartHandlers } from './child-protection/plan-start.js';
import { childrenInNeedArea } from './children-in-need/index.js';
import { cinCensusArea } from './cin-census/index.js';
import { chronologyArea } from './chronology/index.js';
import { disputeResolutionArea } from './dispute-resolution/index.js';
import { provideRecordSections } from './children/record-sections.js';
import { childrenArea } from './children/index.js';
import { frontDoorArea } from './front-door/index.js';
import { healthAndEducationArea } from './health-and-education/index.js';
import { lookedAfterArea } from './looked-after/index.js';
import { missingEpisodesArea } from './missing-episodes/index.js';
import { obligationsArea } from './obligations/index.js';
import { provideClockSources } from './obligations/sources.js';
import { oversightArea } from './oversight/index.js';
import { privateFosteringArea } from './private-fostering/index.js';
import { ssda903ReturnArea } from './ssda903-return/index.js';
import { workforceArea } from './workforce/index.js';

/**
 * Every area of practice, in the order of the service navigation. A new area is added here
 * (and its schema to src/schema.ts): see "How to add an area of practice" in
 * docs/ARCHITECTURE.md.
 */
export const areas = [
  oversightArea,
  frontDoorArea,
  childrenArea,
  workforceArea,
  assessmentArea,
  caseNotesArea,
  childProtectionArea,
  childrenInNeedArea,
  lookedAfterArea,
  privateFosteringArea,
  adoptionArea,
  missingEpisodesArea,
  healthAndEducationArea,
  carePlanningArea,
  careLeaversArea,
  disputeResolutionArea,
  allegationsArea,
  cinCensusArea,
  ssda903ReturnArea,
  chronologyArea,
  obligationsArea,
] as const;

// What each area gives the statutory clock (its facts, its settings), given to obligations as
// this list is loaded: the server, the CLI and the demo all reach the areas through here.
provideClockSources(areas.flatMap((a) => ('clock' in a ? [a.clock] : [])));

// The parts of the child's record page other areas give (each area's section, the case notes
// button, the latest of the chronology), in this list's order.
provideRecordSections(areas.flatMap((a) => ('recordSection' in a ? [a.recordSection] : [])));

// What other areas do when a child protection plan starts (children in need ends its plan).
providePlanStartHandlers(areas.flatMap((a) => ('onChildProtectionPlanStart' in a ? [a.onChildProtectionPlanStart] : [])));
