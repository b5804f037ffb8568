/** The front door's pages: the queue of contacts, a new contact, and one contact. */
export const frontDoorPaths = {
  queue: () => '/front-door',
  newContact: (childId?: string) => (childId ? `/front-door/contacts/new?childId=${childId}` : '/front-door/contacts/new'),
  contact: (contactId: string) => `/front-door/contacts/${contactId}`,
  decision: (contactId: string) => `/front-door/contacts/${contactId}/decision`,
  signOff: (contactId: string) => `/front-door/contacts/${contactId}/sign-off`,
  returnDecision: (contactId: string) => `/front-door/contacts/${contactId}/return`,
};
