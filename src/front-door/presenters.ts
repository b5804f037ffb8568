import type { CodeList } from '../core/codes.js';
import { labelOf, sentenceCase } from '../core/codes.js';
import { html, link, tag } from '../core/views/html.js';
import { formatDate, words } from '../core/views/nunjucks.js';
import { frontDoorPaths as paths } from './paths.js';
import type { AwaitingDecision, ContactDetail, DecisionProposal } from './queries.js';
import { contactOutcomes, thresholdLevels } from './schema.js';

type Chosen = unknown;

/** The time left to decide a contact, or how far past its deadline it is. */
export function timeToDecide(hoursLeft: number | null): string {
  if (hoursLeft === null) return '—';
  return hoursLeft < 0 ? `${-hoursLeft} hours over` : `${hoursLeft} hours left`;
}

/** A DfE code as people read it: its label, with the code after it for the returns ("Police (6)"). */
export function codeInWords(list: CodeList, code: string | null): string {
  if (!code) return '';
  const label = labelOf(list, code);
  return label === code ? code : `${sentenceCase(label)} (${code})`;
}

/** The contacts awaiting a decision, as the queue's rows: one past its deadline is marked red. */
export function queueRows(awaiting: readonly AwaitingDecision[], sources: CodeList) {
  return awaiting.map((c) => [
    {
      html: html`${link(paths.contact(c.id), c.childName)}${c.domesticAbuseNotification ? html`<br>${tag('Police: domestic abuse', 'purple')}` : ''}${c.awaitingSignOff ? html`<br>${tag('Awaiting sign-off', 'yellow')}` : ''}`,
    },
    { text: formatDate(c.receivedAt) },
    { text: codeInWords(sources, c.source) },
    { text: c.referrerName },
    c.hoursLeft !== null && c.hoursLeft < 0 ? { html: tag(timeToDecide(c.hoursLeft), 'red') } : { text: timeToDecide(c.hoursLeft) },
  ]);
}

/** What the contact is, as a summary list. */
export function contactSummary(c: ContactDetail, sources: CodeList) {
  return [
    { key: { text: 'Source' }, value: { text: codeInWords(sources, c.source) } },
    { key: { text: 'From' }, value: { text: `${c.referrerName}${c.referrerOrganisation ? `, ${c.referrerOrganisation}` : ''}` } },
    { key: { text: 'About' }, value: { text: c.about } },
    { key: { text: 'Consent to checks' }, value: { text: `${words(c.consent)}${c.consentReason ? `: ${c.consentReason}` : ''}` } },
  ];
}

/**
 * How the contact was decided, as a summary list; the primary need of the referral it made,
 * if one was given; and the manager who signed the decision off, where one did.
 */
export function decisionSummary(c: ContactDetail, needs: CodeList, signedOff?: DecisionProposal) {
  return [
    { key: { text: 'Decided' }, value: { text: `${formatDate(c.decidedAt)}${c.decidedByName ? ` by ${c.decidedByName}` : ''}` } },
    ...(signedOff
      ? [
          {
            key: { text: 'Signed off' },
            value: { text: `${formatDate(signedOff.reviewedAt)}${signedOff.reviewedByName ? ` by ${signedOff.reviewedByName}` : ''}` },
          },
        ]
      : []),
    { key: { text: 'Threshold level' }, value: { text: words(c.thresholdLevel) } },
    { key: { text: 'Outcome' }, value: { text: words(c.outcome) } },
    ...(c.primaryNeed ? [{ key: { text: 'Primary need' }, value: { text: codeInWords(needs, c.primaryNeed) } }] : []),
    { key: { text: 'Reason' }, value: { text: c.decisionReason } },
  ];
}

/** A decision put for a manager's sign-off, as a summary list. */
export function proposalSummary(p: DecisionProposal, needs: CodeList) {
  return [
    { key: { text: 'Proposed' }, value: { text: `${formatDate(p.proposedAt)}${p.proposedByName ? ` by ${p.proposedByName}` : ''}` } },
    { key: { text: 'Threshold level' }, value: { text: words(p.thresholdLevel) } },
    { key: { text: 'Outcome' }, value: { text: words(p.outcome) } },
    ...(p.teamName ? [{ key: { text: 'Team to receive the referral' }, value: { text: p.teamName } }] : []),
    ...(p.primaryNeed ? [{ key: { text: 'Primary need' }, value: { text: codeInWords(needs, p.primaryNeed) } }] : []),
    { key: { text: 'Reason' }, value: { text: p.decisionReason } },
  ];
}

/** A decision a manager returned: who, when and why, for the practitioner deciding again. */
export function returnedNotice(p: DecisionProposal | undefined) {
  if (!p || p.status !== 'returned') return null;
  return {
    heading: `Your decision (${lower(words(p.outcome))}) was returned on ${formatDate(p.reviewedAt)}${p.reviewedByName ? ` by ${p.reviewedByName}` : ''}`,
    comment: p.reviewComment ?? '',
  };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The decision form's choices, with what was chosen. */
export function decisionItems(values: Record<string, unknown>, teams: readonly { id: string; name: string }[], needs: CodeList) {
  return {
    thresholds: thresholdLevels.map((t) => ({ value: t, text: words(t), checked: values.thresholdLevel === t })),
    outcomes: contactOutcomes.map((o) => ({ value: o, text: words(o), checked: values.outcome === o })),
    teams: [{ value: '', text: 'Select a team' }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: values.teamId === t.id }))],
    needs: [
      { value: '', text: 'Not yet known' },
      ...needs.map((n) => ({ value: n.code, text: `${n.code} – ${n.label}`, selected: values.primaryNeed === n.code })),
    ],
  };
}

/** A new contact's source, as a select's items. */
export function sourceItems(sources: CodeList, chosen: Chosen) {
  return [
    { value: '', text: 'Select the source' },
    ...sources.map((s) => ({ value: s.code, text: `${s.code} – ${s.label}`, selected: chosen === s.code })),
  ];
}
