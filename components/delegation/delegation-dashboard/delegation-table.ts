import { html, nothing, type TemplateResult } from 'lit';
import type { DelegationDocument } from '../../../domain/delegation/delegation-rules.ts';

/** A column of a delegations table: its name (visually hidden for the actions), its cell. */
export interface DelegationColumn {
  readonly label: string;
  readonly cell: (delegation: DelegationDocument) => unknown;
  /** The actions' column: its name read to screen readers only, its buttons last in a stacked row. */
  readonly actions?: boolean;
  readonly title?: (delegation: DelegationDocument) => string;
}

/**
 * A table of delegations (`stackedTableStyles`): a table when there is room, rows stacked as
 * blocks in a narrow card, each cell named by its column (`data-label`).
 */
export function delegationTable(columns: readonly DelegationColumn[], rows: readonly DelegationDocument[], describedBy?: string): TemplateResult {
  return html`<div class="table-scroll stacking"><table part="table" class="stacked" role="table" aria-describedby=${describedBy ?? nothing}>
    <thead role="rowgroup"><tr role="row">
      ${columns.map((c) => html`<th scope="col" role="columnheader">${c.actions ? html`<span class="visually-hidden">${c.label}</span>` : c.label}</th>`)}
    </tr></thead>
    <tbody role="rowgroup">
      ${rows.map(
        (d) => html`<tr part="row" role="row" data-id=${d.id}>
          ${columns.map((c) => html`<td role="cell" class=${c.actions ? 'action' : ''} data-label=${c.actions ? '' : c.label} title=${c.title?.(d) ?? nothing}>${c.cell(d)}</td>`)}
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}
