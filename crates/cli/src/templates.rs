//! The built-in templates (`public/templates/`), compiled into the binary: they are the app's
//! own files, which the pages fetch, so a report names "02-ĐA/HU" without a copy of `public/`
//! beside the program. A test fails when `index.json` lists a file not embedded here.

use dtbd_domain::directive::{parse_template_index, Directive, TemplateEntry};

/// `templates/index.json`.
const INDEX: &str = include_str!("../../../public/templates/index.json");

/// Every template file, by its name in the index.
const FILES: [(&str, &str); 5] = [
    ("000-quang-tri-37-kl-tu.json", include_str!("../../../public/templates/000-quang-tri-37-kl-tu.json")),
    ("001-lai-chau-05-nq-tu.json", include_str!("../../../public/templates/001-lai-chau-05-nq-tu.json")),
    ("002-hoang-su-phi-02-da-hu.json", include_str!("../../../public/templates/002-hoang-su-phi-02-da-hu.json")),
    ("003-quang-ngai-ke-hoach-2021.json", include_str!("../../../public/templates/003-quang-ngai-ke-hoach-2021.json")),
    ("004-quang-nam-7328-da-ubnd.json", include_str!("../../../public/templates/004-quang-nam-7328-da-ubnd.json")),
];

/// The catalogue.
pub fn index() -> Vec<TemplateEntry> {
    parse_template_index(INDEX).expect("the app's template index reads")
}

/// Every built-in template with its catalogue line, checked by the domain as the pages check
/// a fetched one.
pub fn all() -> Vec<(TemplateEntry, Directive)> {
    index()
        .into_iter()
        .filter_map(|entry| {
            let (_, text) = FILES.iter().find(|(file, _)| *file == entry.file)?;
            Directive::from_json(text).ok().map(|d| (entry, d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_of_the_index_is_embedded_and_valid() {
        let entries = index();
        assert_eq!(all().len(), entries.len(), "index.json lists a template not embedded or not valid");
        for (entry, d) in all() {
            assert_eq!(d.number, entry.number, "{}", entry.file);
            assert_eq!(d.id, format!("tpl-{}", entry.id));
        }
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/templates"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name() != "index.json")
            .count();
        assert_eq!(on_disk, FILES.len(), "a template file in public/templates is not embedded");
    }
}
