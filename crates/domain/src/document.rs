//! The official-document conventions a printout follows (Nghị định 30/2020/NĐ-CP for State
//! bodies, Hướng dẫn 36-HD/VPTW for Party bodies).

use super::text::fold;

/// True when the issuing body is a Party body (tỉnh ủy, huyện ủy, đảng ủy, ban thường vụ ...),
/// false for State bodies (ủy ban nhân dân, hội đồng nhân dân, sở ...).
pub fn is_party_issuer(issuer: &str) -> bool {
    let f = fold(issuer);
    let state = ["uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"];
    if state.iter().any(|s| f.contains(s)) || f.starts_with("so ") {
        return false;
    }
    f.split(|c: char| !c.is_alphanumeric()).any(|w| w == "uy" || w == "dang")
}

/// The motto block at the top right of a document `issuer` issues: "ĐẢNG CỘNG SẢN VIỆT NAM"
/// for Party documents; the national name and "Độc lập - Tự do - Hạnh phúc" for State
/// documents.
pub fn motto(issuer: &str) -> (&'static str, &'static str) {
    if is_party_issuer(issuer) {
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "")
    } else {
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    }
}

/// Phần đầu và chữ ký of a report the officer prints: the issuing unit (and the body above
/// it), number, place and date, and the signature block. The officer fills it once; the app
/// remembers it (a preference, not a record).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ReportHead {
    /// Cơ quan cấp trên ("HUYỆN ỦY HOÀNG SU PHÌ"), may be empty.
    #[serde(default)]
    pub parent: String,
    /// Cơ quan ban hành ("BAN TỔ CHỨC").
    #[serde(default)]
    pub issuer: String,
    /// Số, ký hiệu ("15-BC/BTCHU"), may be empty.
    #[serde(default)]
    pub number: String,
    /// Địa danh ("Hoàng Su Phì").
    #[serde(default)]
    pub place: String,
    /// Quyền hạn, chức vụ người ký ("T/M BAN THƯỜNG VỤ", "TRƯỞNG BAN"); one line each.
    #[serde(default)]
    pub signer_title: String,
    /// Họ tên người ký.
    #[serde(default)]
    pub signer_name: String,
    /// Nơi nhận, one per line.
    #[serde(default)]
    pub recipients: String,
}

impl ReportHead {
    /// The motto block for this issuer (Party or State).
    pub fn motto(&self) -> (&'static str, &'static str) {
        let who = if self.issuer.trim().is_empty() { &self.parent } else { &self.issuer };
        motto(&format!("{} {}", self.parent, who))
    }

    /// "Hoàng Su Phì, ngày 03 tháng 02 năm 2021" (just the date when no place is set).
    pub fn place_date(&self, date: crate::date::Date) -> String {
        let place = self.place.trim();
        if place.is_empty() {
            // "Ngày 03 tháng 02 năm 2021" starts the line with a capital.
            let s = date.long_vi();
            let mut c = s.chars();
            c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        } else {
            format!("{place}, {}", date.long_vi())
        }
    }

    /// "Số 15-BC/BTCHU" (empty when no number).
    pub fn number_line(&self) -> String {
        let n = self.number.trim();
        if n.is_empty() {
            String::new()
        } else {
            format!("Số {n}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_head_place_date_and_motto() {
        let d = crate::date::Date::new(2021, 2, 3).unwrap();
        let mut h = ReportHead {
            parent: "HUYỆN ỦY HOÀNG SU PHÌ".into(),
            issuer: "BAN TỔ CHỨC".into(),
            place: "Hoàng Su Phì".into(),
            ..Default::default()
        };
        assert_eq!(h.place_date(d), "Hoàng Su Phì, ngày 03 tháng 02 năm 2021");
        assert_eq!(h.motto().0, "ĐẢNG CỘNG SẢN VIỆT NAM");
        h.parent = "UBND HUYỆN HOÀNG SU PHÌ".into();
        h.issuer = "PHÒNG NỘI VỤ".into();
        assert_eq!(h.motto(), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"));
        h.place = " ".into();
        assert_eq!(h.place_date(d), "Ngày 03 tháng 02 năm 2021");
        assert_eq!(h.number_line(), "");
        h.number = "15-BC/PNV".into();
        assert_eq!(h.number_line(), "Số 15-BC/PNV");
    }

    #[test]
    fn party_and_state_issuers() {
        assert!(is_party_issuer("TỈNH UỶ QUẢNG TRỊ"));
        assert!(is_party_issuer("HUYỆN ỦY HOÀNG SU PHÌ"));
        assert!(is_party_issuer("ĐẢNG ỦY XÃ NẬM TY"));
        assert!(!is_party_issuer("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"));
        assert!(!is_party_issuer("UBND TỈNH QUẢNG NGÃI"));
        assert!(!is_party_issuer("SỞ NỘI VỤ"));
        assert!(!is_party_issuer("HỘI ĐỒNG NHÂN DÂN HUYỆN"));
        assert_eq!(motto("HUYỆN ỦY HOÀNG SU PHÌ"), ("ĐẢNG CỘNG SẢN VIỆT NAM", ""));
        assert_eq!(motto("UBND TỈNH QUẢNG NGÃI").1, "Độc lập - Tự do - Hạnh phúc");
    }
}
