//! Files in and out, as the exchange page treats a picked file: its size checked before it is
//! read, gzip inflated through the domain's budget, an encrypted envelope recognised, the
//! snapshot checked by `snapshot::import`; and every output written to a temporary file beside
//! it and renamed, so a failure never leaves half a file under the name asked for.
//!
//! Also the two things the browser's store gives the pages: the clock (Vietnam's calendar) and
//! fresh record ids.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::Path;

use dtbd_domain::date::{Date, Moment, VIETNAM_UTC_OFFSET_MINUTES};
use dtbd_domain::model::Millis;
use dtbd_domain::roster::Roster;
use dtbd_domain::snapshot::{self, Imported};
use dtbd_domain::{envelope, inflate, limits};

/// The CLI refuses an encrypted snapshot: opening one takes AES-GCM and PBKDF2, which the app
/// gets from the browser's WebCrypto and no crate of this workspace provides.
pub const ENCRYPTED: &str = "tệp được mã hóa bằng mật khẩu: dòng lệnh không giải mã. Hãy mở tệp trong ứng dụng (Trao đổi dữ liệu → Nhập), nhập mật khẩu, rồi xuất lại bản không mã hóa.";

/// A message about `file` as every command prints it: "tệp xa-a.json: …".
pub fn about(file: &str, message: &str) -> String {
    format!("tệp {file}: {message}")
}

/// A file as messages name it: the path as typed.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Why a file could not be read at all, from the system's error kind (its English words stay
/// out of the message).
fn unreadable(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "không có tệp này (kiểm tra tên và thư mục).".into(),
        ErrorKind::PermissionDenied => "không được phép đọc tệp này.".into(),
        _ if e.raw_os_error() == Some(21) => "đây là thư mục, không phải tệp.".into(),
        _ => "không đọc được tệp (tệp bị khóa, hỏng hoặc đang được ghi).".into(),
    }
}

/// The bytes of `path`, refused by their size before they are read
/// (`limits::MAX_FILE_BYTES`, the pages' limit).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let name = shown(path);
    let meta = std::fs::metadata(path).map_err(|e| unreadable(&e))?;
    if meta.is_dir() {
        return Err("đây là thư mục, không phải tệp.".into());
    }
    if meta.len() > limits::MAX_FILE_BYTES as u64 {
        return Err(inflate::file_too_large(&name, meta.len()));
    }
    std::fs::read(path).map_err(|e| unreadable(&e))
}

/// The snapshot text of `path`: gzip inflated within the budget; an encrypted file refused
/// ([`ENCRYPTED`]) once its envelope is seen whole (a broken envelope says what is broken).
pub fn snapshot_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let name = shown(path);
    let mut bytes = read_bytes(path)?;
    if inflate::is_gzip(&bytes) {
        bytes = inflate::gunzip(&bytes, limits::MAX_FILE_BYTES).map_err(|e| e.message(&name))?;
    }
    match envelope::open(&bytes) {
        Some(Ok(_)) => Err(ENCRYPTED.into()),
        Some(Err(broken)) => Err(broken),
        None => Ok(bytes),
    }
}

/// A snapshot file read and checked as the exchange page checks it, against `receiver` (an
/// empty roster: a file must stand on its own). Every error is a message to print.
pub fn read_snapshot(path: &Path, receiver: &Roster) -> Result<Imported, Vec<String>> {
    let bytes = snapshot_bytes(path).map_err(|e| vec![e])?;
    snapshot::import(&bytes, receiver).map_err(|errors| errors.iter().map(|e| e.message()).collect())
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file in the same directory
/// (so the rename stays on one file system), flushed to disk, then renamed over `path`. On
/// any failure the temporary file is removed and `path` is as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let base = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "dtbd".into());
    let temp = dir.join(format!(".{base}.{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        match e.kind() {
            std::io::ErrorKind::NotFound => format!("không ghi được: không có thư mục {}.", dir.display()),
            std::io::ErrorKind::PermissionDenied => "không ghi được: không được phép ghi vào đó.".into(),
            _ => "không ghi được tệp (ổ đĩa đầy, hoặc tệp đang mở ở chương trình khác).".into(),
        }
    })
}

/// Now, in ms since the epoch.
pub fn now() -> Millis {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Millis::try_from(since.as_millis()).unwrap_or(Millis::MAX)
}

/// The moment `ms` on Vietnam's clock (the app's users are there, whatever the server's zone).
pub fn moment(ms: Millis) -> Moment {
    Moment::from_millis(ms, VIETNAM_UTC_OFFSET_MINUTES).unwrap_or(Moment {
        date: Date { year: 1970, month: 1, day: 1 },
        hour: 0,
        minute: 0,
    })
}

/// "15:30 ngày 01/12/2026".
pub fn moment_text(ms: Millis) -> String {
    let m = moment(ms);
    format!("{:02}:{:02} ngày {}", m.hour, m.minute, m.date.short_vi())
}

/// Fresh record ids, as the store's `new_id` gives them (UUID v4 form), from the process's
/// random hasher keys: unique across runs and machines in practice, needing no crate.
pub struct Ids {
    keys: RandomState,
    counter: u64,
}

impl Default for Ids {
    fn default() -> Self {
        Ids { keys: RandomState::new(), counter: now() as u64 }
    }
}

impl Ids {
    /// The next id.
    pub fn next_id(&mut self) -> String {
        self.counter = self.counter.wrapping_add(1);
        let mut h = self.keys.build_hasher();
        h.write_u64(self.counter);
        let high = h.finish();
        h.write_u64(std::process::id().into());
        let low = h.finish();
        let bits = (u128::from(high) << 64 | u128::from(low)) & !(0xF000 << 64) & !(0xC000_0000_0000_0000);
        let bits = bits | (0x4000 << 64) | 0x8000_0000_0000_0000;
        let hex = format!("{bits:032x}");
        format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("dtbd-cli-files-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn an_output_is_whole_or_absent() {
        let dir = temp_dir("atomic");
        let out = dir.join("ket-qua.json");
        write_atomic(&out, b"{}").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"{}");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        let missing = dir.join("khong-co").join("x.json");
        let e = write_atomic(&missing, b"{}").unwrap_err();
        assert!(e.contains("không có thư mục"), "{e}");
        assert!(!missing.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_that_cannot_be_read_say_why() {
        let dir = temp_dir("read");
        assert!(read_bytes(&dir.join("khong-co.json")).unwrap_err().contains("không có tệp này"));
        assert!(read_bytes(&dir).unwrap_err().contains("thư mục"));
        let sealed = dir.join("ma-hoa.json");
        let envelope =
            envelope::Sealed { iterations: 600_000, salt: vec![1; 16], iv: vec![2; 12], ciphertext: vec![3; 40] };
        std::fs::write(&sealed, envelope.to_json()).unwrap();
        assert_eq!(snapshot_bytes(&sealed).unwrap_err(), ENCRYPTED);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn vietnam_clock_and_fresh_ids() {
        // 2026-12-01 17:30 UTC is 00:30 on 2 December in Hà Nội.
        let ms = Date::new(2026, 12, 1).unwrap().days() * 86_400_000 + (17 * 60 + 30) * 60_000;
        assert_eq!(moment_text(ms), "00:30 ngày 02/12/2026");
        let mut ids = Ids::default();
        let (a, b) = (ids.next_id(), ids.next_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "UUID v4 form: {a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }
}
