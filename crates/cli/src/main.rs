//! `dtbd`: see the library's documentation (`dtbd_cli`) and the README's "Dòng lệnh `dtbd`".

use std::process::ExitCode;

fn main() -> ExitCode {
    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
    let (mut out, mut err) = (std::io::BufWriter::new(stdout.lock()), stderr.lock());
    let exit = dtbd_cli::run(std::env::args_os().skip(1).collect(), &mut dtbd_cli::Io { out: &mut out, err: &mut err });
    let _ = std::io::Write::flush(&mut out);
    ExitCode::from(exit as u8)
}
