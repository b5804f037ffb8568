import { roles } from '../core/auth/roles.js';
import { contactDecision } from '../clock/index.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { frontDoorFacts } from './facts.js';
import { frontDoorPaths as paths } from './paths.js';
import { frontDoorRoutes } from './routes.js';
import { frontDoorSettings } from './settings.js';

/** The page that meets the contact's deadline: its decision (the episode is the contact). */
const actions: ObligationActions = {
  [contactDecision.id]: {
    text: 'Decide the contact',
    href: (o) => (o.episode ? paths.decision(o.episode) : paths.queue()),
  },
};

/** Contacts, decisions and referrals: what the composition root assembles. */
export const frontDoorArea = {
  name: 'frontDoor',
  routes: [frontDoorRoutes],
  navigation: [{ href: paths.queue(), text: 'Front door', roles: roles.practice }],
  paths,
  clock: { facts: frontDoorFacts, settings: frontDoorSettings, actions },
} satisfies AreaOnTheClock;
