// Writes the small Excel test fixtures of tests/Matching.Ingest.Tests/Fixtures/excel/ (see the README there):
//   node scripts/excel/make-fixtures.mjs [folder]
// Synthetic IDs only (region 419001, born 1980-01-01), with check characters computed here. Same bytes every run.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberCell, sheetFromRows, textCell, workbookBytes, writeBoth } from './workbook.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '..', '..', 'tests', 'Matching.Ingest.Tests', 'Fixtures', 'excel'));

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The 18-character ID for 17 digits: GB 11643 check character, MOD 11-2. */
function withCheck(body17) {
  const sum = [...body17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return body17 + CHECK[sum % 11];
}

const id18 = (seq) => withCheck(`41900119800101${seq}`);

const ID_NUMERIC_18 = id18('001'); // 419001198001010014: as a double it becomes 419001198001009984
const ID_OLD_15 = '419001800101002'; // 15-digit ID of 419001198001010022: exact as a number
const ID_TEXT_X = id18('009'); // 41900119800101009X
const ID_WIDE = id18('003'); // 419001198001010030

for (const [id, last] of [[ID_NUMERIC_18, '4'], [ID_TEXT_X, 'X'], [ID_WIDE, '0'], [id18('002'), '2']]) {
  if (!id.endsWith(last)) {
    throw new Error(`check character of ${id}: expected ${last}`);
  }
}

/**
 * numeric-ids.xls / .xlsx: an ID column as a clerk's workbook often has it, numbers mixed with text.
 *   row 1  title, merged A1:E1
 *   row 2  header 姓名 | 身份证号 | 学校 | 年级 | 备注 (an education list's columns)
 *   row 3  赵建国 | NUMBER 419001198001010014 (as a double: 419001198001009984) | 一中 | 高一 | 备注
 *   row 4  钱秀英 | NUMBER 419001800101002 (15-digit ID, exact) | 一中 | 高二 | 备注
 *   row 5  blank
 *   row 6  孙志强 | TEXT 41900119800101009X | 二中 | 高三 | 备注
 *   row 7  合计
 *   row 8  制表人：张三
 */
function numericIdsSheet() {
  const rows = new Map([
    [0, [textCell('身份证号数字单元格测试名单')]],
    [1, [textCell('姓名'), textCell('身份证号'), textCell('学校'), textCell('年级'), textCell('备注')]],
    [2, [textCell('赵建国'), numberCell(Number(ID_NUMERIC_18)), textCell('一中'), textCell('高一'), textCell('18位号码存为数字')]],
    [3, [textCell('钱秀英'), numberCell(Number(ID_OLD_15)), textCell('一中'), textCell('高二'), textCell('15位旧号码存为数字')]],
    // row 5 (index 4) left blank
    [5, [textCell('孙志强'), textCell(ID_TEXT_X), textCell('二中'), textCell('高三'), textCell('18位号码存为文本，末位X')]],
    [6, [textCell('合计')]],
    [7, [textCell('制表人：张三')]],
  ]);
  return sheetFromRows(rows, [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }]);
}

/**
 * wide.xlsx: a school list's header, and one data row with a value in column 600 (WB), beyond the 512-column
 * limit.
 */
function wideSheet() {
  const data = [textCell('周明'), textCell(ID_WIDE), textCell('一中'), textCell('高一')];
  data[599] = textCell('第600列');
  return sheetFromRows(new Map([
    [0, [textCell('姓名'), textCell('身份证号'), textCell('学校'), textCell('年级')]],
    [1, data],
  ]));
}

/** A copy of a valid workbook cut to the first half of its bytes. */
function writeTruncated(validPath, path) {
  const bytes = readFileSync(validPath);
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return path;
}

function main() {
  mkdirSync(outDir, { recursive: true });
  const [xls, xlsx] = writeBoth(join(outDir, 'numeric-ids'), numericIdsSheet);
  const written = [xls, xlsx];
  written.push(writeTruncated(xlsx, join(outDir, 'corrupt.xlsx')));
  written.push(writeTruncated(xls, join(outDir, 'corrupt.xls')));
  const wide = join(outDir, 'wide.xlsx');
  writeFileSync(wide, workbookBytes(wideSheet, 'xlsx'));
  written.push(wide);
  for (const path of written) {
    console.log(`${path}\t${statSync(path).size} bytes`);
  }
}

main();
