//! The official-document conventions a printout follows (Nghị định 30/2020/NĐ-CP for State
//! bodies, Hướng dẫn 36-HD/VPTW for Party bodies).

use super::directive::Directive;
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

/// The motto block at the top right: "ĐẢNG CỘNG SẢN VIỆT NAM" for Party documents; the
/// national name and "Độc lập - Tự do - Hạnh phúc" for State documents.
pub fn motto(d: &Directive) -> (&'static str, &'static str) {
    if is_party_issuer(&d.issuer) {
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "")
    } else {
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_and_state_issuers() {
        assert!(is_party_issuer("TỈNH UỶ QUẢNG TRỊ"));
        assert!(is_party_issuer("HUYỆN ỦY HOÀNG SU PHÌ"));
        assert!(is_party_issuer("ĐẢNG ỦY XÃ NẬM TY"));
        assert!(!is_party_issuer("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"));
        assert!(!is_party_issuer("UBND TỈNH QUẢNG NGÃI"));
        assert!(!is_party_issuer("SỞ NỘI VỤ"));
        assert!(!is_party_issuer("HỘI ĐỒNG NHÂN DÂN HUYỆN"));
    }
}
