import { sql } from 'drizzle-orm';
import { childVisibleTo } from '../children/access.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { contactDecision } from '../clock/index.js';
import { isUuid } from '../core/ids.js';

/** A contact, as its page shows it. */
export interface ContactDetail {
  id: string;
  childId: string;
  childName: string;
  receivedAt: string;
  source: string;
  referrerName: string;
  referrerOrganisation: string | null;
  about: string;
  consent: string;
  consentReason: string | null;
  domesticAbuseNotification: boolean;
  decidedAt: string | null;
  decidedByName: string | null;
  thresholdLevel: string | null;
  outcome: string | null;
  decisionReason: string | null;
  /** The DfE primary need of the referral the decision made, if it made one with a need known. */
  primaryNeed: string | null;
  version: number;
}

/** A contact in the queue: what it is, and the clock's deadline for deciding it. */
export interface AwaitingDecision extends Pick<
  ContactDetail,
  'id' | 'childId' | 'childName' | 'receivedAt' | 'source' | 'referrerName' | 'domesticAbuseNotification' | 'consent'
> {
  /** The clock's deadline for the decision. */
  due: string | null;
  /** A practitioner's decision on it waits for a manager's sign-off. */
  awaitingSignOff: boolean;
  hoursLeft: number | null;
}

/** Contacts awaiting a decision that the user may see, soonest deadline first. */
export async function contactsAwaitingDecision(db: Db, user: SignedInUser, now: Date, teamId?: string): Promise<AwaitingDecision[]> {
  const found = await rows<Omit<AwaitingDecision, 'hoursLeft'> & { due_by: string | null }>(
    db,
    sql`select k.id, k.child_id as "childId", c.first_name || ' ' || c.last_name as "childName",
               k.received_at::text as "receivedAt", k.source, k.referrer_name as "referrerName",
               k.domestic_abuse_notification as "domesticAbuseNotification", k.consent,
               o.due, o.due_by::text as due_by,
               exists (select 1 from contact_decision_proposals p where p.contact_id = k.id and p.status = 'pending') as "awaitingSignOff"
          from contacts k
          join children c on c.id = k.child_id
          left join obligations o on o.child_id = k.child_id and o.episode = k.id::text and o.rule_id = ${contactDecision.id}
         where k.decided_at is null and ${childVisibleTo(user)} ${teamId ? sql`and k.team_id = ${teamId}` : sql``}
         order by coalesce(o.due_by, k.received_at) asc`,
  );
  return found.map(({ due_by, ...k }) => ({
    ...k,
    hoursLeft: due_by ? Math.floor((new Date(due_by).getTime() - now.getTime()) / 3_600_000) : null,
  }));
}

export async function contactDetail(db: Db, contactId: string): Promise<ContactDetail | null> {
  if (!isUuid(contactId)) return null;
  const [row] = await rows<ContactDetail>(
    db,
    sql`select k.id, k.child_id as "childId", c.first_name || ' ' || c.last_name as "childName", k.received_at::text as "receivedAt",
               k.source, k.referrer_name as "referrerName", k.referrer_organisation as "referrerOrganisation", k.about, k.consent,
               k.consent_reason as "consentReason", k.domestic_abuse_notification as "domesticAbuseNotification",
               k.decided_at::text as "decidedAt", w.name as "decidedByName", k.threshold_level as "thresholdLevel", k.outcome,
               k.decision_reason as "decisionReason",
               (select r.primary_need from referrals r where r.contact_id = k.id limit 1) as "primaryNeed", k.version
          from contacts k join children c on c.id = k.child_id left join workers w on w.id = k.decided_by
         where k.id = ${contactId}`,
  );
  return row ?? null;
}

/** A decision on a contact put for a manager's sign-off: waiting, or returned with why. */
export interface DecisionProposal {
  id: string;
  proposedAt: string;
  proposedByName: string | null;
  thresholdLevel: string;
  outcome: string;
  decisionReason: string;
  teamName: string | null;
  primaryNeed: string | null;
  status: 'pending' | 'signed_off' | 'returned';
  reviewedAt: string | null;
  reviewedByName: string | null;
  reviewComment: string | null;
}

/** The decisions put for sign-off on a contact, newest first. */
export function proposalsOf(db: Db, contactId: string): Promise<DecisionProposal[]> {
  if (!isUuid(contactId)) return Promise.resolve([]);
  return rows<DecisionProposal>(
    db,
    sql`select p.id, p.proposed_at::text as "proposedAt", pw.name as "proposedByName", p.threshold_level as "thresholdLevel",
               p.outcome, p.decision_reason as "decisionReason", t.name as "teamName", p.primary_need as "primaryNeed", p.status,
               p.reviewed_at::text as "reviewedAt", rw.name as "reviewedByName", p.review_comment as "reviewComment"
          from contact_decision_proposals p
          left join workers pw on pw.id = p.proposed_by
          left join workers rw on rw.id = p.reviewed_by
          left join teams t on t.id = p.team_id
         where p.contact_id = ${contactId}
         order by p.proposed_at desc`,
  );
}

/** The teams a referral can go to: every active team but the front door. */
export function referralTeams(db: Db) {
  return rows<{ id: string; name: string }>(db, sql`select id, name from teams where active and kind <> 'front_door' order by name`);
}
