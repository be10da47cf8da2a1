//! `dtbd`, the command line: the app's own rules (`dtbd-domain`), the texts and tables its
//! pages show (`dtbd-view`) and its Excel reader and writer (`dtbd-xlsx`), natively, for
//! batch work on one machine — a province's server, a provincial IT officer's laptop — where
//! hundreds of snapshot files come in by email and a browser would take them one by one.
//!
//! - `dtbd check FILE…`: each file read and checked as the exchange page checks it.
//! - `dtbd merge FILE… -o OUT.json`: the files merged into one snapshot.
//! - `dtbd report FILE --directive ID|SỐ`: scores and thực trạng of one directive, as JSON,
//!   CSV or Excel.
//! - `dtbd import-roster SHEET -o OUT.json`: an officer's roster sheet read as the import page
//!   reads it, without questions, with a report of every guess.
//!
//! Every message is Vietnamese, on stderr, and names its file ("tệp xa-a.json: …"). Exit codes:
//! [`Exit`]. An output file is written whole or not at all ([`files::write_atomic`]).

pub mod args;
pub mod check;
pub mod files;
pub mod import;
pub mod merge;
pub mod report;
pub mod templates;

use std::ffi::OsString;
use std::io::Write;

/// How `dtbd` ends, as its exit code says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: everything done.
    Done = 0,
    /// 1: a file was refused (unreadable, damaged, of another version, not a roster) or the
    /// work could not be done; the message says which file and why. No output file is left.
    Refused = 1,
    /// 2: the command line itself is wrong (unknown command or option, a value missing).
    Usage = 2,
}

/// Where a command writes: the result (stdout) and the messages (stderr). Tests pass buffers.
pub struct Io<'a> {
    /// Kết quả: the report, the summary.
    pub out: &'a mut dyn Write,
    /// Thông báo: every refusal and warning, each naming its file.
    pub err: &'a mut dyn Write,
}

impl Io<'_> {
    /// A line of result. A closed pipe (`dtbd check … | head`) is not an error worth a panic.
    pub fn say(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
    }

    /// A line of message.
    pub fn warn(&mut self, line: &str) {
        let _ = writeln!(self.err, "{line}");
    }

    /// A message about `file`: "tệp xa-a.json: …".
    pub fn about(&mut self, file: &str, message: &str) {
        self.warn(&files::about(file, message));
    }
}

/// Runs the command line `args` (without the program's name).
pub fn run(args: Vec<OsString>, io: &mut Io<'_>) -> Exit {
    let command = match args::parse(args) {
        Ok(command) => command,
        Err(message) => {
            io.warn(&format!("dtbd: {message}"));
            io.warn("Xem hướng dẫn: dtbd --help");
            return Exit::Usage;
        }
    };
    match command {
        args::Command::Help => {
            io.say(args::USAGE);
            Exit::Done
        }
        args::Command::Version => {
            io.say(&format!("dtbd {}", env!("CARGO_PKG_VERSION")));
            Exit::Done
        }
        args::Command::Check(files) => check::run(&files, io),
        args::Command::Merge(options) => merge::run(&options, io),
        args::Command::Report(options) => report::run(&options, io),
        args::Command::ImportRoster(options) => import::run(&options, io),
    }
}
