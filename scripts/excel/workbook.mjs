// Shared by csv-to-excel.mjs and make-fixtures.mjs: builds one-sheet workbooks and writes them as .xls (BIFF8)
// and .xlsx with SheetJS, byte for byte the same on every run.
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';

/** Fixed document dates, so the properties SheetJS writes do not change from run to run. */
const FIXED_DATE = new Date('2026-11-28T00:00:00Z');

/** Excel's "Text" number format: a cell formatted like this shows exactly what was typed. */
export const TEXT_FORMAT = '@';

/** A text cell holding exactly `text`. */
export function textCell(text) {
  return { t: 's', v: text, z: TEXT_FORMAT };
}

/** A number cell (a double, as Excel stores every number). */
export function numberCell(value) {
  return { t: 'n', v: value };
}

/**
 * A worksheet from cells placed by position: `rows` maps a 0-based row index to an array of cells (null/undefined
 * for no cell). Rows not in the map are left blank. `merges` are SheetJS ranges ({ s: {r, c}, e: {r, c} }).
 */
export function sheetFromRows(rows, merges = []) {
  const ws = {};
  let maxRow = 0;
  let maxCol = 0;
  for (const [r, cells] of rows) {
    cells.forEach((cell, c) => {
      if (cell == null) {
        return;
      }
      ws[XLSX.utils.encode_cell({ r, c })] = cell;
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    });
  }
  for (const m of merges) {
    maxRow = Math.max(maxRow, m.e.r);
    maxCol = Math.max(maxCol, m.e.c);
  }
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxRow, c: maxCol } });
  if (merges.length > 0) {
    ws['!merges'] = merges;
  }
  return ws;
}

/** The bytes of a one-sheet workbook; `bookType` is 'biff8' (.xls) or 'xlsx'. */
export function workbookBytes(makeSheet, bookType, sheetName = 'Sheet1') {
  // SheetJS annotates the workbook while writing: build a fresh one for every format.
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, makeSheet(), sheetName);
  wb.Props = { CreatedDate: FIXED_DATE, ModifiedDate: FIXED_DATE };
  return XLSX.write(wb, {
    type: 'buffer',
    bookType,
    bookSST: true, // shared strings, as Excel writes them (SST/LabelSst in .xls, sharedStrings.xml in .xlsx)
    compression: true,
  });
}

/** Writes `<base>.xls` and `<base>.xlsx`; returns their paths. */
export function writeBoth(base, makeSheet) {
  const written = [];
  for (const [ext, bookType] of [['xls', 'biff8'], ['xlsx', 'xlsx']]) {
    const path = `${base}.${ext}`;
    writeFileSync(path, workbookBytes(makeSheet, bookType));
    written.push(path);
  }
  return written;
}
