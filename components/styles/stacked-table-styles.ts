import { css } from 'lit';
import { token } from './tokens.ts';

/**
 * Tables whose rows become stacked blocks when their box is narrow (a phone, a narrow card): under
 * `.stacking` (the table's wrapper, a size container), a `table.stacked` narrower than 52rem shows
 * each row as a block, each cell under its column's name (`data-label`), the action cell's
 * buttons last — no column is pushed out of the card nor hidden behind a horizontal scroll. The
 * table keeps its roles (`role="table"`, `row`, `cell`…), which `display: block` would drop.
 */
export const stackedTableStyles = css`
  .stacking {
    container-type: inline-size;
  }
  @container (max-width: 52rem) {
    table.stacked,
    table.stacked tbody,
    table.stacked tr,
    table.stacked td {
      display: block;
      width: auto;
    }
    table.stacked thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    table.stacked tr {
      padding: ${token('space-2')} 0;
      border-bottom: ${token('border-width')} solid ${token('color-grey-300')};
    }
    table.stacked td {
      display: grid;
      grid-template-columns: minmax(min-content, 35%) minmax(0, 1fr);
      gap: ${token('space-2')};
      align-items: center;
      padding: ${token('space-1')} 0;
      border-bottom: 0;
      overflow-wrap: anywhere;
    }
    table.stacked td::before {
      content: attr(data-label);
      font-weight: ${token('font-weight-bold')};
      text-transform: uppercase;
      overflow-wrap: normal;
    }
    table.stacked td[data-label=''] {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: ${token('space-2')};
      white-space: normal;
    }
    table.stacked td[data-label='']::before {
      content: none;
    }
  }
`;
