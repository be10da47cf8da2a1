//! Cấp ủy as officers write it in a roster sheet ("UV BCH Đảng bộ huyện khóa XXI", "UVBTV
//! Huyện ủy", "Đảng ủy viên", "Bí thư Đảng ủy xã") read into committee memberships: which
//! committees, at which level (the text's, else the person's unit's), and the term when written.
//! A party title that is also a seat gives the seat wherever it is written (Chức vụ or Cấp ủy).

use super::{contains_words, normalise, starts_with_word};
use crate::model::{Committee, GovLevel, Membership};

/// What one Cấp ủy text says: the seats, the level if the text names one, the term if written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommitteeReading {
    /// Cơ quan, each once, BCH before BTV.
    pub committees: Vec<Committee>,
    /// Cấp the text names ("huyện", "Huyện ủy", "xã"); None = the person's unit's level.
    pub level: Option<GovLevel>,
    /// Khóa / nhiệm kỳ ("XXI", "2020-2025"), empty when not written.
    pub term: String,
    /// The text says explicitly "not a member" ("không", "-").
    pub none: bool,
}

impl CommitteeReading {
    /// The memberships for a person whose unit is at `unit_level`.
    pub fn memberships(&self, unit_level: GovLevel) -> Vec<Membership> {
        let level = self.level.unwrap_or(unit_level);
        self.committees.iter().map(|&committee| Membership { committee, level, term: self.term.clone() }).collect()
    }

    /// How the review table says it: "Ủy viên BCH Đảng bộ, Ủy viên Ban Thường vụ · cấp huyện · khóa XXI".
    pub fn describe(&self) -> String {
        if self.none || self.committees.is_empty() {
            return "Không là cấp ủy viên".into();
        }
        let mut s = self.committees.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ");
        s.push_str(" · ");
        s.push_str(&self.level.map_or("cấp của đơn vị".to_string(), |l| l.label().to_lowercase()));
        if !self.term.is_empty() {
            s.push_str(" · khóa ");
            s.push_str(&self.term);
        }
        s
    }

    /// The stable code a choice is remembered by: committees, then `@level` when named.
    pub fn code(&self) -> String {
        if self.none || self.committees.is_empty() {
            return "khong".into();
        }
        let mut s = self.committees.iter().map(|c| c.code()).collect::<Vec<_>>().join("+");
        if let Some(l) = self.level {
            s.push('@');
            s.push_str(l.code());
        }
        s
    }

    /// The reading a remembered code stands for (the term is the text's).
    pub fn from_code(code: &str, term: &str) -> Option<Self> {
        if code == "khong" {
            return Some(Self { none: true, ..Self::default() });
        }
        let (seats, level) = match code.split_once('@') {
            Some((seats, level)) => (seats, Some(GovLevel::from_code(level)?)),
            None => (code, None),
        };
        let committees = seats.split('+').map(Committee::from_code).collect::<Option<Vec<_>>>()?;
        (!committees.is_empty()).then(|| Self { committees, level, term: term.to_string(), none: false })
    }
}

/// The choices the review offers for a Cấp ủy text: (code, label).
pub fn committee_choices() -> Vec<(String, String)> {
    let mut out = vec![("khong".to_string(), "Không là cấp ủy viên".to_string())];
    for level in [None, Some(GovLevel::Province), Some(GovLevel::District), Some(GovLevel::Commune)] {
        for seats in [
            vec![Committee::ExecutiveCommittee],
            vec![Committee::ExecutiveCommittee, Committee::StandingCommittee],
            vec![Committee::ExecutiveCommittee, Committee::InspectionCommittee],
        ] {
            let r = CommitteeReading { committees: seats, level, term: String::new(), none: false };
            out.push((r.code(), r.describe()));
        }
    }
    out
}

/// Words that name a level: (normalised words, level), longest first.
const LEVEL_WORDS: &[(&str, GovLevel)] = &[
    ("dang uy xa", GovLevel::Commune),
    ("dang uy thi tran", GovLevel::Commune),
    ("dang uy phuong", GovLevel::Commune),
    ("tinh uy", GovLevel::Province),
    ("thanh uy", GovLevel::District),
    ("huyen uy", GovLevel::District),
    ("quan uy", GovLevel::District),
    ("thi uy", GovLevel::District),
    ("thi tran", GovLevel::Commune),
    ("phuong", GovLevel::Commune),
    ("tinh", GovLevel::Province),
    ("huyen", GovLevel::District),
    ("xa", GovLevel::Commune),
];

/// Party titles that are seats (a bí thư, phó bí thư of a committee sits on its BCH and BTV).
/// Bí thư Đoàn or Chi bộ is no committee seat.
const SEAT_TITLES: &[&str] = &["bi thu", "pho bi thu"];
const COMMITTEE_HEADS: &[&str] = &["dang uy", "huyen uy", "tinh uy", "thanh uy", "quan uy", "thi uy"];

/// The seats a party title gives ("Phó Bí thư Huyện ủy, Chủ tịch HĐND huyện" → BCH + BTV of
/// the district), or None when the title is no seat.
pub fn seats_of_title(title: &str) -> Option<CommitteeReading> {
    let t = crate::text::fold_title(title);
    let is_seat = SEAT_TITLES.iter().any(|s| COMMITTEE_HEADS.iter().any(|h| contains_words(&t, &format!("{s} {h}"))));
    if !is_seat {
        return None;
    }
    Some(CommitteeReading {
        committees: vec![Committee::ExecutiveCommittee, Committee::StandingCommittee],
        level: level_named(&t),
        term: String::new(),
        none: false,
    })
}

fn level_named(t: &str) -> Option<GovLevel> {
    LEVEL_WORDS.iter().find(|(w, _)| contains_words(t, w)).map(|(_, l)| *l)
}

/// The term written after "khóa" / "nhiệm kỳ" ("XXI", "2020-2025"), or a "2020-2025" span.
fn term_of(t: &str) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let span_at = |i: usize| match (words.get(i), words.get(i + 1)) {
        (Some(a), Some(b)) if year(a) && year(b) => Some(format!("{a}-{b}")),
        _ => None,
    };
    for (i, w) in words.iter().enumerate() {
        let after = match (*w, words.get(i + 1)) {
            ("khoa" | "nk", Some(_)) => i + 1,
            ("nhiem", Some(&"ky")) if i + 2 < words.len() => i + 2,
            _ => continue,
        };
        return span_at(after).unwrap_or_else(|| words[after].to_uppercase());
    }
    (0..words.len()).find_map(span_at).unwrap_or_default()
}

/// Reads a Cấp ủy text; None when nothing in it says a seat (the review asks the officer).
/// Several seats may be written together ("UVBTV Huyện ủy, UV UBKT").
pub fn read_committee(text: &str) -> Option<CommitteeReading> {
    let t = normalise(text);
    // "UVBCH", "UVBTV", "ĐUV", "HUV" written as one word.
    let t = t
        .split(' ')
        .map(|w| match w {
            "uvbch" => "uv bch",
            "uvbtv" => "uv btv",
            "uvubkt" => "uv ubkt",
            "bch" => "bch",
            "duv" => "dang uy vien",
            "huv" => "huyen uy vien",
            "tuv" => "tinh uy vien",
            "btv" => "btv",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ");
    if t.is_empty() {
        return None;
    }
    if ["khong", "khong co", "k", "0", "no"].contains(&t.as_str()) {
        return Some(CommitteeReading { none: true, ..CommitteeReading::default() });
    }
    let mut committees = Vec::new();
    let mut add = |c: Committee| {
        if !committees.contains(&c) {
            committees.push(c);
        }
    };
    let has = |k: &str| contains_words(&t, k);
    let standing = has("btv") || has("ban thuong vu") || has("thuong vu") || has("thuong truc");
    let executive = standing
        || has("bch")
        || has("ban chap hanh")
        || has("cap uy vien")
        || has("dang uy vien")
        || has("huyen uy vien")
        || has("tinh uy vien")
        || has("thanh uy vien")
        || has("quan uy vien")
        || has("thi uy vien");
    let inspection = has("ubkt") || has("uy ban kiem tra");
    let council = has("dai bieu") || has("dbhdnd");
    // "Ủy viên", "Cấp ủy" alone mean the committee itself.
    let generic = starts_with_word(&t, "uy vien") || starts_with_word(&t, "uv") || starts_with_word(&t, "cap uy");
    let from_title = seats_of_title(text);
    if executive || from_title.is_some() || (generic && !inspection && !council) {
        add(Committee::ExecutiveCommittee);
    }
    if standing || from_title.is_some() {
        add(Committee::StandingCommittee);
    }
    if inspection {
        add(Committee::InspectionCommittee);
    }
    if council {
        add(Committee::PeoplesCouncil);
    }
    if committees.is_empty() {
        return None;
    }
    Some(CommitteeReading { committees, level: level_named(&t), term: term_of(&t), none: false })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Committee::{ExecutiveCommittee as Bch, InspectionCommittee as Ubkt, StandingCommittee as Btv};

    #[test]
    fn the_ways_officers_write_a_seat() {
        let cases: &[(&str, &[Committee], Option<GovLevel>, &str)] = &[
            ("UV BCH Đảng bộ huyện khóa XXI", &[Bch], Some(GovLevel::District), "XXI"),
            ("Ủy viên Ban Chấp hành Đảng bộ huyện", &[Bch], Some(GovLevel::District), ""),
            ("UVBTV Huyện ủy", &[Bch, Btv], Some(GovLevel::District), ""),
            ("Huyện ủy viên", &[Bch], Some(GovLevel::District), ""),
            ("Đảng ủy viên", &[Bch], None, ""),
            ("ĐUV", &[Bch], None, ""),
            ("Bí thư Đảng ủy xã", &[Bch, Btv], Some(GovLevel::Commune), ""),
            ("Phó Bí thư Huyện ủy", &[Bch, Btv], Some(GovLevel::District), ""),
            ("Ủy viên BTV, Chủ nhiệm UBKT Huyện ủy", &[Bch, Btv, Ubkt], Some(GovLevel::District), ""),
            ("Ủy viên BCH Đảng bộ xã nhiệm kỳ 2020 - 2025", &[Bch], Some(GovLevel::Commune), "2020-2025"),
            ("uv bch  dang bo tinh khoa xvii", &[Bch], Some(GovLevel::Province), "XVII"),
            (
                "Đại biểu HĐND cấp tỉnh khóa 2021-2026",
                &[Committee::PeoplesCouncil],
                Some(GovLevel::Province),
                "2021-2026",
            ),
        ];
        for (text, seats, level, term) in cases {
            let r = read_committee(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((r.committees.as_slice(), r.level, r.term.as_str()), (*seats, *level, *term), "{text}");
        }
        assert!(read_committee("Bí thư Đoàn xã").is_none(), "a youth union secretary holds no party seat");
        assert!(read_committee("Bí thư Chi bộ thôn 3").is_none());
        assert!(read_committee("").is_none());
        assert!(read_committee("không").unwrap().none);
        assert_eq!(read_committee("Ủy viên UBKT cấp huyện").unwrap().committees, vec![Ubkt]);
        assert_eq!(read_committee("Đại biểu HĐND cấp xã").unwrap().committees, vec![Committee::PeoplesCouncil]);
    }

    #[test]
    fn a_seat_without_a_level_takes_the_unit_s_and_codes_round_trip() {
        let r = read_committee("Đảng ủy viên").unwrap();
        let m = r.memberships(GovLevel::Commune);
        assert_eq!(m, vec![Membership { committee: Bch, level: GovLevel::Commune, term: String::new() }]);
        for (code, _) in committee_choices() {
            assert_eq!(CommitteeReading::from_code(&code, "").unwrap().code(), code);
        }
        assert_eq!(seats_of_title("Bí thư Đoàn Thanh niên"), None);
        assert!(seats_of_title("Phó Bí thư Đảng ủy, Chủ tịch HĐND xã Bản Luốc").is_some());
        assert!(seats_of_title("PBT Huyện ủy").is_some(), "abbreviated as the groups read it");
    }
}
