import { html, link } from '../core/views/html.js';
import type { RestrictedRecord } from './access-requests.js';
import { childPaths } from './paths.js';

/**
 * A child the viewer may not open, in a list: never the name, only who holds the case and a
 * way to ask to be named on the record.
 */
export function restrictedRecordCell(r: RestrictedRecord) {
  return html`<strong>Restricted record</strong><br>
<span class="govuk-body-s">held by ${r.worker ?? 'no social worker'}${r.team ? html`, ${r.team}` : ''}</span><br>
${r.requested ? html`<span class="govuk-body-s">Access requested</span>` : html`<a class="govuk-link govuk-body-s" href="${childPaths.askForAccess(r.childId)}">Request access<span class="govuk-visually-hidden"> to this restricted record</span></a>`}`;
}

/** A child in a list: their name, linking to their record, or a restricted record. */
export function childCell(child: { childId: string; childName: string } | { restricted: RestrictedRecord }) {
  return 'restricted' in child ? restrictedRecordCell(child.restricted) : link(childPaths.record(child.childId), child.childName);
}
