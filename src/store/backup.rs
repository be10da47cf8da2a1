//! Bản sao lưu: the description kept for each backup ([`Backup`]), its keys in the
//! `backups` store, and its data as JSON, written from the registry and read back by it.

use serde::{Deserialize, Serialize};

use dtbd_domain::snapshot::Dataset;

use super::registry::{Read, READERS, RECORD_STORES, WRITERS};
use super::{new_id, now};

/// How many backups are kept: the transaction that adds one drops the oldest beyond this.
pub const BACKUPS_KEPT: usize = 10;

/// Bản sao lưu: a description of the state kept before an import or a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// Mã: creation time (zero-padded ms) and a random tail, so ids sort by time.
    pub id: String,
    /// Thời điểm tạo (ms since the epoch).
    pub created_at: i64,
    /// Vì sao: what replaced this state.
    pub reason: BackupReason,
    /// Nguồn: the imported file's name, or the restored backup's description.
    pub source: String,
    /// Người gửi of the imported file (may be empty).
    pub sender: String,
    /// Số đơn vị trong bản sao lưu.
    pub units: usize,
    /// Số cán bộ.
    pub cadres: usize,
    /// Số văn bản.
    pub directives: usize,
    /// Số bản ghi đã xóa.
    pub tombstones: usize,
    /// Số bản ghi đào tạo (kế hoạch, lớp, lượt cử đi học, thay đổi trình độ, số liệu tổng
    /// hợp); 0 in backups made before they travelled.
    #[serde(default)]
    pub training: usize,
}

/// What a backup was taken before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// Trước khi nhập tệp.
    Import,
    /// Trước khi khôi phục một bản sao lưu (or undoing an import).
    Restore,
}

impl Backup {
    /// Describes `before`, the state about to be replaced, with a fresh id and the time now.
    pub fn of(before: &Dataset, reason: BackupReason, source: impl Into<String>, sender: impl Into<String>) -> Backup {
        let created_at = now();
        Backup {
            id: format!("{created_at:015}-{}", &new_id()[..8]),
            created_at,
            reason,
            source: source.into(),
            sender: sender.into(),
            units: before.roster.units.len(),
            cadres: before.roster.cadres.len(),
            directives: before.directives.len(),
            tombstones: before.tombstones.len(),
            training: RECORD_STORES.iter().filter(|k| k.is_training()).map(|k| (k.count)(before)).sum(),
        }
    }
}

pub(super) fn backup_keys(id: &str) -> (String, String) {
    (format!("m:{id}"), format!("d:{id}"))
}

/// A backup's data (`d:<id>`): `{"units":[…],"cadres":[…],"directives":[…],"tombstones":[…],
/// "training":{"plans":[…],"lines":[…],…}}`, every kind of [`RECORD_STORES`] under its
/// `field`, each record as stored. Byte for byte what serialising the dataset's lists in that
/// shape with serde_json writes (backups made by earlier versions read the same).
#[doc(hidden)]
pub fn backup_json(d: &Dataset) -> String {
    let mut out = String::from("{");
    let part = |out: &mut String, training: bool| {
        let mut first_field = true;
        for w in WRITERS.iter().filter(|w| w.training == training) {
            if !first_field {
                out.push(',');
            }
            first_field = false;
            out.push('"');
            out.push_str(w.field);
            out.push_str("\":[");
            let mut first = true;
            (w.rows)(d, &mut |_, json| {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&json);
            });
            out.push(']');
        }
    };
    part(&mut out, false);
    out.push_str(",\"training\":{");
    part(&mut out, true);
    out.push_str("}}");
    out
}

/// What a backup speaks of: backups made before training records travelled have no
/// `training`, and those made before receipts (v6) no `receipts`; restoring one keeps what is
/// stored now of what it does not speak of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Holds {
    pub training: bool,
    pub receipts: bool,
}

/// Reads a backup's data (see [`backup_json`]), and says what it holds ([`Holds`]); a kind
/// missing under `training` is empty; another top-level one is required.
pub(super) fn read_backup(json: &str) -> Result<(Dataset, Holds), String> {
    let top = json::object(json)?;
    fn get<'a>(fields: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
        fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
    let training = match get(&top, "training") {
        None | Some("null") => None,
        Some(t) => Some(json::object(t)?),
    };
    let mut d = Dataset::default();
    for r in READERS {
        let list = if let Read::Training(_) = r.read {
            match &training {
                Some(t) => get(t, r.field),
                None => continue,
            }
        } else if let Read::Receipts(_) = r.read {
            get(&top, r.field) // Backups made before receipts existed have none.
        } else {
            Some(get(&top, r.field).ok_or_else(|| format!("thiếu \"{}\"", r.field))?)
        };
        if let Some(list) = list {
            r.read.into(&mut d, &json::array(list)?).map_err(|e| e.to_string())?;
        }
    }
    Ok((d, Holds { training: training.is_some(), receipts: get(&top, "receipts").is_some() }))
}

/// Just enough JSON to split a backup's data into its lists and their records, each record's
/// text exactly as stored, then read by its kind's reader (which checks it). Not serde_json's
/// `RawValue`: its feature would add code to every serialiser of every bundle.
mod json {
    /// The fields of the object `text` as (key as written, value's text).
    pub fn object(text: &str) -> Result<Vec<(&str, &str)>, String> {
        let mut s = Scan { text, i: 0 };
        let mut out = Vec::new();
        s.expect(b'{')?;
        if !s.eat(b'}') {
            loop {
                s.space();
                let key = s.value()?;
                if key.len() < 2 || !key.starts_with('"') {
                    return Err(s.error());
                }
                s.expect(b':')?;
                out.push((&key[1..key.len() - 1], s.value()?));
                if !s.eat(b',') {
                    s.expect(b'}')?;
                    break;
                }
            }
        }
        s.end()?;
        Ok(out)
    }

    /// The items of the array `text`, each item's text.
    pub fn array(text: &str) -> Result<Vec<&str>, String> {
        let mut s = Scan { text, i: 0 };
        let mut out = Vec::new();
        s.expect(b'[')?;
        if !s.eat(b']') {
            loop {
                out.push(s.value()?);
                if !s.eat(b',') {
                    s.expect(b']')?;
                    break;
                }
            }
        }
        s.end()?;
        Ok(out)
    }

    struct Scan<'a> {
        text: &'a str,
        i: usize,
    }

    impl<'a> Scan<'a> {
        fn byte(&self) -> Option<u8> {
            self.text.as_bytes().get(self.i).copied()
        }

        fn space(&mut self) {
            while matches!(self.byte(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
                self.i += 1;
            }
        }

        fn eat(&mut self, c: u8) -> bool {
            self.space();
            let found = self.byte() == Some(c);
            if found {
                self.i += 1;
            }
            found
        }

        fn expect(&mut self, c: u8) -> Result<(), String> {
            if self.eat(c) {
                Ok(())
            } else {
                Err(self.error())
            }
        }

        fn end(&mut self) -> Result<(), String> {
            self.space();
            if self.i == self.text.len() {
                Ok(())
            } else {
                Err(self.error())
            }
        }

        fn error(&self) -> String {
            format!("JSON sai ở ký tự thứ {}", self.i + 1)
        }

        /// Skips one value (string, object, array, or a number, true, false, null), returns
        /// its text. Strings are skipped whole (escapes included), so brackets inside text
        /// do not count. Every delimiter is ASCII: the cuts fall between characters.
        fn value(&mut self) -> Result<&'a str, String> {
            self.space();
            let start = self.i;
            let mut depth = 0usize;
            loop {
                match self.byte() {
                    None => return Err(self.error()),
                    Some(b'"') => {
                        self.i += 1;
                        loop {
                            match self.byte() {
                                None => return Err(self.error()),
                                Some(b'\\') => self.i += 2,
                                Some(b'"') => break,
                                Some(_) => self.i += 1,
                            }
                        }
                        self.i += 1;
                    }
                    Some(b'[' | b'{') => {
                        depth += 1;
                        self.i += 1;
                    }
                    Some(b']' | b'}') if depth > 0 => {
                        depth -= 1;
                        self.i += 1;
                    }
                    Some(b']' | b'}' | b',' | b':' | b' ' | b'\n' | b'\r' | b'\t') if depth == 0 => break,
                    Some(_) => self.i += 1,
                }
                if depth == 0 && self.i > start && matches!(self.text.as_bytes()[self.i - 1], b'"' | b']' | b'}') {
                    break;
                }
            }
            if self.i == start {
                return Err(self.error());
            }
            Ok(&self.text[start..self.i])
        }
    }
}
