//! What the view-model tests read: the built-in templates as shipped, and the demo rosters
//! that reproduce the seed documents' figures.

use dtbd_domain::demo::hoang_su_phi;
use dtbd_domain::directive::Directive;
use dtbd_domain::roster::Roster;

/// A file of `public/` as the app serves it.
pub fn public(path: &str) -> String {
    let full = format!("{}/../../public/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// A built-in template (`public/templates/<file>`), validated.
pub fn template(file: &str) -> Directive {
    Directive::from_json(&public(&format!("templates/{file}"))).unwrap()
}

/// Đề án 02-ĐA/HU (seed 002), the scheme most tests score.
pub fn scheme_02() -> Directive {
    template("002-hoang-su-phi-02-da-hu.json")
}

/// The Hoàng Su Phì demo roster (seed 002 section I's figures) drawn with `seed`.
pub fn hoang_su_phi_roster(seed: u64) -> Roster {
    let (units, cadres) = hoang_su_phi(seed);
    Roster { units, cadres }
}
