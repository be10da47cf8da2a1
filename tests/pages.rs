//! The list of pages (bundles) is written in three places that tools read in three languages:
//! `tools/build.sh` (which bundles are built), `Bundle::page` in `src/ui/app.rs` (where links
//! go) and `tests/e2e/pages.mjs` (what the screenshots and the accessibility check visit).
//! This test fails when they disagree, so a page added to one is added to all.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn read(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The quoted `"page|bin|title"` entries of build.sh's `pages=(…)` array, plus index.html
/// which it builds first.
fn built_pages() -> (BTreeSet<String>, BTreeSet<String>) {
    let script = read("tools/build.sh");
    let start = script.find("pages=(").expect("build.sh has a pages=( … ) array");
    let end = start + script[start..].find("\n)").expect("the pages array is closed");
    let mut pages = BTreeSet::from(["index.html".to_string()]);
    let mut bins = BTreeSet::from(["dtbd-danh-sach".to_string()]);
    for line in script[start..end].lines().skip(1) {
        let entry = line.trim().trim_matches('"');
        let mut fields = entry.split('|');
        let (Some(page), Some(bin)) = (fields.next(), fields.next()) else { continue };
        pages.insert(format!("{page}.html"));
        bins.insert(bin.to_string());
    }
    (pages, bins)
}

/// The `Bundle::X => "page.html"` arms of `Bundle::page`.
fn bundle_pages() -> BTreeSet<String> {
    let app = read("src/ui/app.rs");
    let start = app.find("fn page(self)").expect("Bundle::page exists");
    let body = &app[start..start + app[start..].find("\n    }").expect("Bundle::page ends")];
    body.lines()
        .filter(|line| line.trim_start().starts_with("Bundle::"))
        .filter_map(|line| line.split('"').nth(1))
        .map(str::to_string)
        .collect()
}

/// The HTML files named by `path: "page.html#/…"` in pages.mjs (`PAGES` and `PASS_THROUGH`).
fn e2e_pages() -> BTreeSet<String> {
    read("tests/e2e/pages.mjs")
        .lines()
        .filter_map(|line| line.split("path: \"").nth(1))
        .filter_map(|rest| rest.split('#').next())
        .map(str::to_string)
        .collect()
}

/// The `[[bin]]` names of Cargo.toml.
fn cargo_bins() -> BTreeSet<String> {
    let manifest = read("Cargo.toml");
    manifest
        .split("[[bin]]")
        .skip(1)
        .filter_map(|section| section.lines().find(|l| l.starts_with("name = ")))
        .filter_map(|line| line.split('"').nth(1))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_page_list_names_the_same_pages() {
    let (built, bins) = built_pages();
    assert!(built.len() >= 7, "build.sh lists the pages: {built:?}");
    assert_eq!(bundle_pages(), built, "Bundle::page (src/ui/app.rs) against tools/build.sh");
    assert_eq!(e2e_pages(), built, "tests/e2e/pages.mjs against tools/build.sh");
    let declared = cargo_bins();
    let missing: Vec<&String> = bins.difference(&declared).collect();
    assert!(missing.is_empty(), "bins built by tools/build.sh but not in Cargo.toml: {missing:?}");
}

/// The menu's labels in the order `ui::app` draws them (`nav(Route::…, "label")`).
fn app_menu() -> Vec<String> {
    let app = read("src/ui/app.rs");
    app.lines()
        .filter_map(|line| line.trim().strip_prefix("{nav(Route::"))
        .map(|rest| rest.split('"').nth(1).expect("a nav call names its label").to_string())
        .collect()
}

/// The menu `index.html` draws before the app starts (its frame, for a slow line).
fn frame_menu() -> Vec<(String, String)> {
    let html = read("index.html");
    let start = html.find("<nav").expect("index.html's frame has a menu");
    let nav = &html[start..start + html[start..].find("</nav>").expect("the menu ends")];
    nav.split("<a href=\"./")
        .skip(1)
        .map(|link| {
            let (href, rest) = link.split_once("\">").expect("a link has its href");
            let label = rest.split("</a>").next().expect("a link ends");
            (href.to_string(), label.trim().to_string())
        })
        .collect()
}

#[test]
fn the_frame_menu_is_the_apps_menu() {
    let frame = frame_menu();
    let labels: Vec<String> = frame.iter().map(|(_, label)| label.clone()).collect();
    assert_eq!(labels, app_menu(), "index.html's frame menu against ui::app's menu");
    let (built, _) = built_pages();
    for (href, label) in &frame {
        let page = href.split('#').next().unwrap_or_default();
        assert!(built.contains(page), "{label}: {page} is not a page tools/build.sh builds");
    }
}
