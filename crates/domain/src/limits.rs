//! Giới hạn: how much of anything the app accepts, in one place.
//!
//! Every file that comes in (a snapshot, its gzip, an encrypted envelope, a CSV, a workbook)
//! is checked against these before it costs more than its own size in time or memory; a
//! form refuses the same lengths, and the published snapshot JSON Schema states them
//! (`snapshot::schema`), so another tool writing snapshots knows them too.
//!
//! *Why these figures:* each is far above what a real province holds (a province has some
//! 10.000 units down to the commune office and 30.000 cadres; a directive runs to a few
//! thousand words), and low enough that the worst file within them is read, checked and
//! previewed in a few seconds on an old laptop. A file beyond one is refused with a message
//! naming the limit; nothing is cut silently.

/// Largest file read, in bytes, after decompression: a gzip or a workbook's zip stops
/// inflating as soon as its output crosses this. 30.000 cadres with full histories write
/// about 25 MB of JSON.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Longest record id (mã), in characters. The app's ids are under 40; an officer's own mã
/// cán bộ is shorter still.
pub const MAX_ID_CHARS: usize = 100;
/// Longest name, in characters: a person's, a unit's, a title, a label, the sender.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest free text kept with a record (a note, a course's content), in characters.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Longest text quoted from a document (a directive's title or trích yếu, a target's or a
/// group's wording, a paragraph of its text), in characters: a long paragraph of a
/// resolution is under 3.000.
pub const MAX_DOCUMENT_TEXT_CHARS: usize = 10_000;
/// Longest whole document read by Đọc văn bản (pasted, or the text of a .docx), in bytes of
/// UTF-8: the five seed documents are 8-62 KB, a resolution with its annexes a few hundred;
/// 2 MB is a book, and reading it stays well under a second.
pub const MAX_PASTED_TEXT_BYTES: usize = 2_000_000;
/// Nhãn a cadre may carry: one per kept column of a sheet, with room to spare.
pub const MAX_LABELS: usize = 32;

/// Most units in one roster or file (a province down to its commune offices is ~10.000).
pub const MAX_UNITS: usize = 50_000;
/// Most cadres in one roster or file.
pub const MAX_CADRES: usize = 100_000;
/// Most directives (and templates) in one file.
pub const MAX_DIRECTIVES: usize = 5_000;
/// Most records of each training or monitoring kind (plans, course lines, enrollments,
/// history entries, baselines, dispatch tables) and of tombstones, in one file.
pub const MAX_OTHER_RECORDS: usize = 500_000;
/// Deepest unit tree: province → district → commune → office → team, with room to spare.
pub const MAX_UNIT_DEPTH: usize = 12;

/// Highest record version accepted: the largest integer a JavaScript number (and so
/// IndexedDB) holds exactly. A version above it could wrap or round on the next save and
/// make an older copy look newer.
pub const MAX_VERSION: u64 = (1 << 53) - 1;
/// Largest head count in a training record (a quota, a number sent, a table cell): no plan
/// trains ten million people. Sums of such counts are computed in checked arithmetic.
pub const MAX_COUNT: u64 = 10_000_000;
/// Largest amount of money in a record, in đồng (10^15, a thousand times a province's yearly
/// training budget). Sums are checked.
pub const MAX_AMOUNT: u64 = 1_000_000_000_000_000;

/// Most columns of a sheet read: an officer's roster has 20 to 60; trailing empty columns
/// are dropped before this is counted.
pub const MAX_SHEET_COLUMNS: usize = 256;
/// Most rows of a sheet read (one cadre per row, with title rows to spare).
pub const MAX_SHEET_ROWS: usize = MAX_CADRES + 1_000;
/// Longest cell text read from a sheet, in characters.
pub const MAX_CELL_CHARS: usize = MAX_TEXT_CHARS;
/// Most cells of a sheet read, each row counted from column A to its last filled cell: a
/// full roster (100.000 cadres × 64 columns). The rows and columns limits alone let a sheet
/// of one filled cell at each end of every row reach 26 million cells, a gigabyte of memory.
pub const MAX_SHEET_CELLS: usize = MAX_CADRES * 64;
/// Rows searched for the header of a sheet (title rows, the unit's name, a date above it).
pub const HEADER_SEARCH_ROWS: usize = 50;
/// Most distinct values the level review lists for one column; a column with more is not a
/// level column and is left for the officer to map again.
pub const MAX_LEVEL_VALUES: usize = 500;

/// Longest a page computes without giving the browser a turn, in milliseconds: reading,
/// checking, previewing and applying a file yield at least this often so a tap (Hủy) is
/// seen and the page is never "not responding".
pub const YIELD_EVERY_MS: u64 = 100;
