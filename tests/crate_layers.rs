//! The layers are crates, so the compiler refuses an upward `use`; this test guards the
//! manifests that make it so. A layer may depend only on the layers below it, and only the
//! web crate (the root) may depend on a browser crate. The command line (`dtbd-cli`) is a
//! second top beside the web crate: on the domain, the view and the Excel crate, never on the
//! web crate, and with no browser crate. *Why:* the rules and what pages show
//! are tested natively in seconds, and a page can only bind what the view layer computed.

use std::path::PathBuf;

/// Crates that only make sense in a browser (or that pull one in).
const BROWSER_CRATES: [&str; 8] = [
    "leptos",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "indexed_db_futures",
    "gloo-storage",
    "uuid",
];

fn manifest(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Every crate named in the manifest's dependency tables (`[dependencies]`, target-specific
/// ones included; dev-dependencies left out: they never reach a build of the app).
fn dependencies(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_dependencies = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line.ends_with("dependencies]") && !line.contains("dev-dependencies");
            continue;
        }
        if in_dependencies && !line.is_empty() && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                names.push(name.trim().to_string());
            }
        }
    }
    names
}

fn dtbd_crates(deps: &[String]) -> Vec<&str> {
    deps.iter().map(String::as_str).filter(|d| d.starts_with("dtbd")).collect()
}

fn browser_crates(deps: &[String]) -> Vec<&str> {
    deps.iter().map(String::as_str).filter(|d| BROWSER_CRATES.contains(d)).collect()
}

#[test]
fn each_layer_depends_only_on_the_layers_below_it() {
    let domain = dependencies(&manifest("crates/domain/Cargo.toml"));
    assert!(domain.contains(&"serde".to_string()), "the parser reads the manifest: {domain:?}");
    assert_eq!(dtbd_crates(&domain), Vec::<&str>::new(), "dtbd-domain is the bottom layer");
    assert_eq!(browser_crates(&domain), Vec::<&str>::new(), "dtbd-domain has no browser crate");

    let view = dependencies(&manifest("crates/view/Cargo.toml"));
    assert_eq!(dtbd_crates(&view), vec!["dtbd-domain"], "dtbd-view sits on the domain alone");
    assert_eq!(browser_crates(&view), Vec::<&str>::new(), "dtbd-view has no browser crate");

    let xlsx = dependencies(&manifest("crates/xlsx/Cargo.toml"));
    assert_eq!(dtbd_crates(&xlsx), vec!["dtbd-domain"], "dtbd-xlsx sits on the domain alone");
    assert_eq!(browser_crates(&xlsx), Vec::<&str>::new(), "dtbd-xlsx has no browser crate");

    let cli = dependencies(&manifest("crates/cli/Cargo.toml"));
    let mut below = dtbd_crates(&cli);
    below.sort();
    assert_eq!(
        below,
        vec!["dtbd-domain", "dtbd-view", "dtbd-xlsx"],
        "dtbd-cli sits on the layers, not on the web crate"
    );
    assert_eq!(browser_crates(&cli), Vec::<&str>::new(), "dtbd-cli has no browser crate");

    let web = dependencies(&manifest("Cargo.toml"));
    assert!(web.contains(&"leptos".to_string()), "the parser reads target tables: {web:?}");
    let mut layers = dtbd_crates(&web);
    layers.sort();
    assert_eq!(layers, vec!["dtbd-domain", "dtbd-view", "dtbd-xlsx"]);
}

#[test]
fn only_the_store_knows_indexeddb_and_local_storage() {
    let ui = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir(&ui).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in ["indexed_db_futures", "gloo_storage", "local_storage()", "IdbDatabase"] {
            if text.contains(needle) {
                offenders.push(format!("{}: {needle}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
