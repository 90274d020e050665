// Writes every department sample extract also as .xls (BIFF8) and .xlsx:
//   node scripts/excel/csv-to-excel.mjs [folder]        (default: sample-data)
// For each <folder>/<department>.csv it writes <folder>/excel/<department>.xls and .xlsx: one sheet, every CSV
// record on the row whose number is the CSV line where the record starts (so title and header rows keep their
// numbers and the truth files' source_row holds for the Excel versions too), every non-empty cell a text cell
// holding exactly the CSV cell text (IDs keep leading apostrophes, spaces and full-width digits). A title line
// above the header is merged across the header's width, as in real files. Same input, same bytes.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sheetFromRows, textCell, writeBoth } from './workbook.mjs';

const DEPARTMENTS = ['education', 'unemployment', 'illness', 'disability', 'medical-bills', 'death', 'disaster'];

/** The text of a CSV file: UTF-8 (with or without BOM) where it decodes as such, otherwise GB18030. */
export function decodeCsv(bytes) {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes); // strips the BOM
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * RFC 4180 records, each with the 1-based line number where it starts. Quoted fields may hold commas, doubled
 * quotes and line breaks; CRLF, LF and CR all end a line. A blank line is a record with one empty field.
 */
export function parseCsv(text) {
  const records = [];
  let line = 1;
  let start = 1;
  let fields = [];
  let field = '';
  let quoted = false;
  let inRecord = false;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push({ line: start, fields });
    fields = [];
    inRecord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!inRecord) {
      inRecord = true;
      start = line;
    }
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
          line++;
        }
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
      }
      endRecord();
      line++;
    } else {
      field += ch;
    }
  }
  if (quoted) {
    throw new Error(`unterminated quoted field in the record starting on line ${start}`);
  }
  if (inRecord) {
    endRecord();
  }
  return records;
}

const isBlank = (s) => s.trim() === '';

/** Cells used by a record: up to its last non-blank field. */
const usedWidth = (fields) => {
  for (let i = fields.length - 1; i >= 0; i--) {
    if (!isBlank(fields[i])) {
      return i + 1;
    }
  }
  return 0;
};

/** The worksheet for one CSV: records on their line numbers, title lines merged across the header's width. */
export function sheetFromCsv(records) {
  const rows = new Map();
  for (const { line, fields } of records) {
    rows.set(line - 1, fields.map((f) => (f === '' ? null : textCell(f))));
  }

  // The header is the first record with two or more cells in use; a one-cell record above it is a title.
  const merges = [];
  const header = records.find((r) => r.fields.filter((f) => !isBlank(f)).length >= 2);
  const width = header ? usedWidth(header.fields) : 0;
  if (header && width > 1) {
    for (const { line, fields } of records) {
      if (line >= header.line) {
        break;
      }
      if (usedWidth(fields) === 1) {
        merges.push({ s: { r: line - 1, c: 0 }, e: { r: line - 1, c: width - 1 } });
      }
    }
  }
  return sheetFromRows(rows, merges);
}

function main() {
  const folder = process.argv[2] ?? 'sample-data';
  const outDir = join(folder, 'excel');
  mkdirSync(outDir, { recursive: true });
  let total = 0;
  for (const department of DEPARTMENTS) {
    const csvPath = join(folder, `${department}.csv`);
    const records = parseCsv(decodeCsv(readFileSync(csvPath)));
    for (const path of writeBoth(join(outDir, department), () => sheetFromCsv(records))) {
      const size = statSync(path).size;
      total += size;
      console.log(`${path}\t${records.length} rows\t${size} bytes`);
    }
  }
  console.log(`${basename(outDir)}/: ${DEPARTMENTS.length * 2} files, ${total} bytes`);
}

main();
