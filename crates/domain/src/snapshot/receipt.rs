//! Lượt nhận số liệu: one record per snapshot file a device applied — which unit sent it,
//! who, when it was exported and received, how recent its data was, and what it held. The
//! district's "Tình hình gửi số liệu" is read from them (`dtbd_view::submissions`), and they
//! travel in snapshots (since v6), merged by id like any record, so a province sees when
//! each commune sent to its district.
//!
//! A receipt's id is made from the file's checksum ([`Receipt::id_for`]): the same file
//! received twice (dropped again, or forwarded by two routes) is one receipt, the first.

use serde::{Deserialize, Serialize};

use super::{Records, Snapshot};
use crate::model::{Id, Millis, RecordMeta};

/// Lượt nhận: one file applied.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Mã: `nhan-` and the first 32 hex digits of the file's checksum.
    pub id: Id,
    /// Mã đơn vị gửi, as the file names it (its scope's unit, else its sender's unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<Id>,
    /// Tên đơn vị gửi.
    #[serde(default)]
    pub unit_name: String,
    /// Người gửi, as written in the file.
    #[serde(default)]
    pub sender: String,
    /// Thời điểm xuất tệp (ms since epoch).
    pub exported_at: Millis,
    /// Lúc nhận (ms since epoch).
    pub received_at: Millis,
    /// Ngày số liệu: the latest change of a record in the file (ms since epoch), else its
    /// export time. A file exported today from data last touched in March says March.
    pub data_at: Millis,
    /// Tên tệp, as the receiver's device named it.
    #[serde(default)]
    pub file_name: String,
    /// Số bản ghi trong tệp.
    #[serde(default)]
    pub counts: ReceiptCounts,
    /// Version and update time.
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), schemars(with = "super::schema::RecordMetaM"))]
    pub meta: RecordMeta,
}

/// Số bản ghi của một tệp, by kind.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReceiptCounts {
    /// Đơn vị.
    #[serde(default)]
    pub units: u32,
    /// Cán bộ.
    #[serde(default)]
    pub cadres: u32,
    /// Văn bản (user-made, and templates by reference).
    #[serde(default)]
    pub directives: u32,
    /// Hồ sơ đào tạo và mốc số liệu (kế hoạch, lớp, cử đi học, thay đổi trình độ, số liệu
    /// tổng hợp, mốc).
    #[serde(default)]
    pub training: u32,
    /// Bản ghi đã xóa.
    #[serde(default)]
    pub tombstones: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ReceiptCounts {
    /// What `records` holds.
    pub fn of(r: &Records) -> Self {
        ReceiptCounts {
            units: count(r.units.len()),
            cadres: count(r.cadres.len()),
            directives: count(r.directives.len() + r.templates.len()),
            training: count(
                r.plans.len()
                    + r.lines.len()
                    + r.enrollments.len()
                    + r.history.len()
                    + r.aggregates.len()
                    + r.baselines.len()
                    + r.receipts.len(),
            ),
            tombstones: count(r.tombstones.len()),
        }
    }
}

impl Receipt {
    /// The id of the receipt of a file with `checksum` ("sha256:<64 hex>").
    pub fn id_for(checksum: &str) -> Id {
        let hex = checksum.strip_prefix("sha256:").unwrap_or(checksum);
        let hex: String = hex.chars().filter(char::is_ascii_hexdigit).take(32).collect();
        format!("nhan-{hex}")
    }

    /// The receipt of `snapshot`, read from a file named `file_name` and received at
    /// `received_at`. The sending unit is the file's scope's unit, else its sender's.
    pub fn of(snapshot: &Snapshot, file_name: &str, received_at: Millis) -> Self {
        let (unit_id, unit_name) = sending_unit(snapshot);
        Receipt {
            id: Self::id_for(&snapshot.checksum),
            unit_id,
            unit_name,
            sender: snapshot.exported_by.sender.clone(),
            exported_at: snapshot.exported_at,
            received_at,
            data_at: data_at(&snapshot.records).unwrap_or(snapshot.exported_at),
            file_name: crate::text::clip(file_name, crate::limits::MAX_NAME_CHARS),
            counts: ReceiptCounts::of(&snapshot.records),
            meta: RecordMeta::at(1, received_at),
        }
    }
}

/// Đơn vị gửi: the unit a file speaks for — its scope's unit (a subtree export), else the
/// unit its sender chose — with its name (the scope's, else the sender's unit name).
pub fn sending_unit(snapshot: &Snapshot) -> (Option<Id>, String) {
    match &snapshot.scope {
        super::Scope::Subtree { unit_id, unit_name } => (
            Some(unit_id.clone()),
            if unit_name.is_empty() { snapshot.exported_by.unit_name.clone() } else { unit_name.clone() },
        ),
        super::Scope::All => (snapshot.exported_by.unit_id.clone(), snapshot.exported_by.unit_name.clone()),
    }
}

/// The latest change of a record in `r` (units, cadres, directives, training records,
/// baselines, tombstones), if it holds any.
pub fn data_at(r: &Records) -> Option<Millis> {
    let metas = r
        .units
        .iter()
        .map(|x| &x.meta)
        .chain(r.cadres.iter().map(|x| &x.meta))
        .chain(r.directives.iter().map(|x| &x.meta))
        .chain(r.tombstones.iter().map(|x| &x.meta))
        .chain(r.plans.iter().map(|x| &x.meta))
        .chain(r.lines.iter().map(|x| &x.meta))
        .chain(r.enrollments.iter().map(|x| &x.meta))
        .chain(r.history.iter().map(|x| &x.meta))
        .chain(r.aggregates.iter().map(|x| &x.meta))
        .chain(r.baselines.iter().map(|x| &x.meta));
    metas.map(|m| m.updated_at).filter(|&t| t > 0).max()
}
