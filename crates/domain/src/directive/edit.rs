//! Soạn văn bản: the editing operations the directive editor calls. Each one changes the
//! directive in place or, when it would break a rule, leaves it exactly as it was and says why
//! in Vietnamese. Deletions return a [`Removed`] that [`Directive::restore`] puts back where it
//! was (the toast's "Hoàn tác").
//!
//! Every operation is checked against [`Directive::validate`]: it is refused when it would add
//! an error the directive did not have before (so a directive whose header is still being
//! typed can be edited, but no operation adds a dangling reference, a duplicate id or a
//! cycle).

use std::collections::{HashMap, HashSet};

use super::group::GroupRule;
use super::target::{Target, TrainingNeed};
use super::{Directive, DirectiveKind, Group, Item, Section};
use crate::model::{Id, RecordMeta};

/// Hướng di chuyển among siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Lên (towards the start).
    Up,
    /// Xuống (towards the end).
    Down,
}

/// What a deletion took out, and where from, so it can be put back ([`Directive::restore`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Removed {
    /// Mục.
    Section {
        /// Mục cha (None = top level).
        parent: Option<String>,
        /// Vị trí among its siblings.
        index: usize,
        /// The section, with everything in it.
        section: Section,
    },
    /// Ý.
    Item {
        /// Mục chứa.
        section: String,
        /// Vị trí.
        index: usize,
        /// The item.
        item: Item,
    },
    /// Chỉ tiêu.
    Target {
        /// Ý chứa.
        item: String,
        /// Vị trí.
        index: usize,
        /// The target.
        target: Target,
    },
    /// Nhu cầu đào tạo.
    Need {
        /// Ý chứa.
        item: String,
        /// Vị trí.
        index: usize,
        /// The need.
        need: TrainingNeed,
    },
    /// Nhóm đối tượng.
    Group {
        /// Vị trí in the group list.
        index: usize,
        /// The group.
        group: Group,
    },
}

impl Removed {
    /// Toast text: "Đã xóa mục “2. Đối với cấp huyện”".
    pub fn label(&self) -> String {
        match self {
            Removed::Section { section, .. } => format!("Đã xóa mục “{}”", section_name(section)),
            Removed::Item { item, .. } => {
                format!("Đã xóa ý “{}”", short(&format!("{} {}", item.number, item.text), &item.id))
            }
            Removed::Target { target, .. } => format!("Đã xóa chỉ tiêu “{}”", short(&target.sentence, &target.id)),
            Removed::Need { need, .. } => format!("Đã xóa nhu cầu “{}”", short(&need.sentence, &need.id)),
            Removed::Group { group, .. } => format!("Đã xóa nhóm “{}”", short(&group.name, &group.id)),
        }
    }
}

pub(super) fn short(s: &str, fallback: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return fallback.to_string();
    }
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn section_name(s: &Section) -> String {
    short(&format!("{} {}", s.number.trim(), s.heading.trim()), &s.id)
}

fn find_section<'a>(list: &'a [Section], id: &str) -> Option<&'a Section> {
    list.iter().find_map(|s| if s.id == id { Some(s) } else { find_section(&s.sections, id) })
}

fn find_section_mut<'a>(list: &'a mut [Section], id: &str) -> Option<&'a mut Section> {
    for s in list.iter_mut() {
        if s.id == id {
            return Some(s);
        }
        if let Some(x) = find_section_mut(&mut s.sections, id) {
            return Some(x);
        }
    }
    None
}

/// The sibling list holding section `id`, and its index there.
fn siblings_mut<'a>(list: &'a mut Vec<Section>, id: &str) -> Option<(&'a mut Vec<Section>, usize)> {
    if let Some(i) = list.iter().position(|s| s.id == id) {
        return Some((list, i));
    }
    for s in list.iter_mut() {
        if let Some(x) = siblings_mut(&mut s.sections, id) {
            return Some(x);
        }
    }
    None
}

fn parent_of(list: &[Section], id: &str, parent: Option<&str>) -> Option<(Option<String>, usize)> {
    if let Some(i) = list.iter().position(|s| s.id == id) {
        return Some((parent.map(String::from), i));
    }
    list.iter().find_map(|s| parent_of(&s.sections, id, Some(&s.id)))
}

fn all_items_mut(list: &mut [Section]) -> Vec<(&str, &mut Item)> {
    let mut out = Vec::new();
    for s in list.iter_mut() {
        let sid = s.id.as_str();
        for it in s.items.iter_mut() {
            out.push((sid, it));
        }
        out.extend(all_items_mut(&mut s.sections));
    }
    out
}

fn move_in<T>(v: &mut [T], i: usize, dir: Direction, what: &str) -> Result<(), String> {
    match dir {
        Direction::Up if i == 0 => Err(format!("{what} đã ở vị trí đầu.")),
        Direction::Down if i + 1 >= v.len() => Err(format!("{what} đã ở vị trí cuối.")),
        Direction::Up => {
            v.swap(i, i - 1);
            Ok(())
        }
        Direction::Down => {
            v.swap(i, i + 1);
            Ok(())
        }
    }
}

fn insert_after<T>(v: &mut Vec<T>, after: Option<usize>, x: T) -> usize {
    let at = after.map_or(v.len(), |i| i + 1);
    v.insert(at, x);
    at
}

/// Suggests the number of the next sibling from the previous one, keeping its style:
/// "I." → "II.", "2." → "3.", "2.1." → "2.2.", "a-" → "b-", "a)" → "b)", "-" → "-".
pub fn next_number(prev: &str) -> String {
    let p = prev.trim();
    if p.is_empty() {
        return String::new();
    }
    // Split the trailing punctuation.
    let body_end = p.char_indices().rev().find(|(_, c)| c.is_alphanumeric()).map(|(i, c)| i + c.len_utf8());
    let Some(end) = body_end else { return p.to_string() };
    let (body, tail) = p.split_at(end);
    let start = body.char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    let (head, last) = body.split_at(start);
    let next = if let Ok(n) = last.parse::<u32>() {
        if last.len() > 1 && last.starts_with('0') {
            format!("{:0width$}", n + 1, width = last.len())
        } else {
            (n + 1).to_string()
        }
    } else if let Some(n) = roman_value(last) {
        to_roman(n + 1, last.chars().next().is_some_and(char::is_lowercase))
    } else if last.chars().count() == 1 {
        let c = last.chars().next().unwrap_or('a');
        // Vietnamese lists skip no letters in practice: a, b, c, d, đ, e ...
        match c {
            'd' => "đ".into(),
            'đ' => "e".into(),
            'D' => "Đ".into(),
            'Đ' => "E".into(),
            'z' | 'Z' => last.to_string(),
            _ => char::from_u32(c as u32 + 1).map_or(last.to_string(), |x| x.to_string()),
        }
    } else {
        last.to_string()
    };
    format!("{head}{next}{tail}")
}

fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| "IVXLivxl".contains(c)) || s.eq_ignore_ascii_case("l") {
        return None;
    }
    let v = |c: char| match c.to_ascii_uppercase() {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let cs: Vec<u32> = s.chars().map(v).collect();
    let mut n = 0i64;
    for (i, x) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|y| y > x) {
            n -= i64::from(*x);
        } else {
            n += i64::from(*x);
        }
    }
    // "I" alone is roman; single "v" / "x" too ("i", "v", "x" as letters are rare after "h").
    (n > 0).then_some(n as u32)
}

fn to_roman(mut n: u32, lower: bool) -> String {
    let mut s = String::new();
    for (v, r) in [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if lower {
        s.to_lowercase()
    } else {
        s
    }
}

impl Directive {
    /// A new, empty directive: no sections, one group "Toàn bộ cán bộ, công chức, viên chức"
    /// (every cadre in scope, id "g1") so a first target can be added at once. The header
    /// (cơ quan ban hành, trích yếu) is still to be typed: [`Directive::validate`] says so.
    pub fn blank(id: Id, kind: DirectiveKind) -> Directive {
        Directive {
            id,
            kind,
            number: String::new(),
            date: None,
            issuer: String::new(),
            authority: String::new(),
            place: String::new(),
            title: String::new(),
            period: None,
            scope_unit_id: None,
            scope: String::new(),
            signer: None,
            source: String::new(),
            groups: vec![Group {
                id: "g1".into(),
                name: "Toàn bộ cán bộ, công chức, viên chức".into(),
                rule: GroupRule::Everyone,
                stated_count: None,
                stated_bound: crate::number::Bound::Exact,
                stated_by_year: Vec::new(),
                note: String::new(),
            }],
            sections: Vec::new(),
            standards: Vec::new(),
            meta: RecordMeta::default(),
        }
    }

    /// Every id used in the directive (groups, sections, items, targets, needs).
    pub fn ids(&self) -> HashSet<&str> {
        let mut out: HashSet<&str> = self.groups.iter().map(|g| g.id.as_str()).collect();
        for (s, _) in self.sections_flat() {
            out.insert(&s.id);
            for it in &s.items {
                out.insert(&it.id);
                out.extend(it.targets.iter().map(|t| t.id.as_str()));
                out.extend(it.needs.iter().map(|n| n.id.as_str()));
            }
        }
        out
    }

    /// A fresh id: `prefix` followed by one more than the highest number already used after
    /// that prefix ("t12" when "t11" is the highest). Deterministic.
    pub fn new_id(&self, prefix: &str) -> String {
        let ids = self.ids();
        let max = ids
            .iter()
            .filter_map(|id| id.strip_prefix(prefix))
            .filter_map(|n| n.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut n = max + 1;
        loop {
            let id = format!("{prefix}{n}");
            if !ids.contains(id.as_str()) {
                return id;
            }
            n += 1;
        }
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        find_section(&self.sections, id)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.sections_flat().into_iter().find_map(|(s, _)| s.items.iter().find(|i| i.id == id))
    }

    /// The training need with this id.
    pub fn need(&self, id: &str) -> Option<&TrainingNeed> {
        self.needs().into_iter().find(|n| n.id == id)
    }

    /// Applies `f` to a copy; keeps the copy only when `f` succeeds and adds no validation
    /// error the directive did not already have.
    fn guarded<R>(&mut self, f: impl FnOnce(&mut Directive) -> Result<R, String>) -> Result<R, String> {
        let mut before: HashMap<String, usize> = HashMap::new();
        for e in self.validate() {
            *before.entry(e.message).or_default() += 1;
        }
        let mut copy = self.clone();
        let r = f(&mut copy)?;
        let mut new = Vec::new();
        for e in copy.validate() {
            match before.get_mut(&e.message) {
                Some(n) if *n > 0 => *n -= 1,
                _ => new.push(e.message),
            }
        }
        if !new.is_empty() {
            return Err(new.join("\n"));
        }
        *self = copy;
        Ok(r)
    }

    /// The number the next section would take after `after` under `parent` (or at the end).
    pub fn suggest_section_number(&self, parent: Option<&str>, after: Option<&str>) -> String {
        let list = match parent {
            Some(p) => match self.section(p) {
                Some(s) => &s.sections,
                None => return String::new(),
            },
            None => &self.sections,
        };
        let prev = match after {
            Some(a) => list.iter().find(|s| s.id == a),
            None => list.last(),
        };
        match prev {
            Some(s) => next_number(&s.number),
            None if parent.is_none() => "I.".into(),
            None => "1.".into(),
        }
    }

    /// Thêm mục: a new section under `parent` (None = top level), right after sibling `after`
    /// (None = at the end). Returns its id.
    pub fn add_section(
        &mut self,
        parent: Option<&str>,
        after: Option<&str>,
        number: &str,
        heading: &str,
    ) -> Result<String, String> {
        if number.trim().is_empty() && heading.trim().is_empty() {
            return Err("Mục mới cần có số thứ tự hoặc tiêu đề.".into());
        }
        let id = self.new_id("s");
        let section = Section {
            id: id.clone(),
            number: number.trim().into(),
            heading: heading.trim().into(),
            text: String::new(),
            items: Vec::new(),
            sections: Vec::new(),
        };
        self.guarded(|d| {
            let list = match parent {
                Some(p) => {
                    &mut find_section_mut(&mut d.sections, p)
                        .ok_or_else(|| format!("Không tìm thấy mục cha “{p}”."))?
                        .sections
                }
                None => &mut d.sections,
            };
            let after = match after {
                Some(a) => Some(
                    list.iter()
                        .position(|s| s.id == a)
                        .ok_or_else(|| format!("Không tìm thấy mục “{a}” trong mục cha đã chọn."))?,
                ),
                None => None,
            };
            insert_after(list, after, section);
            Ok(id)
        })
    }

    /// Sửa mục: number, heading and text.
    pub fn update_section(&mut self, id: &str, number: &str, heading: &str, text: &str) -> Result<(), String> {
        self.guarded(|d| {
            let s = find_section_mut(&mut d.sections, id).ok_or_else(|| format!("Không tìm thấy mục “{id}”."))?;
            s.number = number.trim().into();
            s.heading = heading.trim().into();
            s.text = text.trim().into();
            Ok(())
        })
    }

    /// Chuyển mục lên / xuống among its siblings.
    pub fn move_section(&mut self, id: &str, dir: Direction) -> Result<(), String> {
        self.guarded(|d| {
            let (list, i) = siblings_mut(&mut d.sections, id).ok_or_else(|| format!("Không tìm thấy mục “{id}”."))?;
            let name = section_name(&list[i]);
            move_in(list, i, dir, &format!("Mục “{name}”"))
        })
    }

    /// Xóa mục with everything in it. Refused when a target inside is used from outside (by a
    /// training need or as the first tier of another target).
    pub fn delete_section(&mut self, id: &str) -> Result<Removed, String> {
        let section = self.section(id).ok_or_else(|| format!("Không tìm thấy mục “{id}”."))?;
        let users = self.outside_users(&[section]);
        if !users.is_empty() {
            return Err(format!("Không xóa được mục “{}”: {}", section_name(section), users.join("; ")));
        }
        let (parent, index) =
            parent_of(&self.sections, id, None).ok_or_else(|| format!("Không tìm thấy mục “{id}”."))?;
        self.guarded(|d| {
            let (list, i) = siblings_mut(&mut d.sections, id).ok_or_else(|| format!("Không tìm thấy mục “{id}”."))?;
            let section = list.remove(i);
            Ok(Removed::Section { parent, index, section })
        })
    }

    /// Who outside `inside` uses a target in it: "chỉ tiêu “...” được nhu cầu “...” dùng".
    fn outside_users(&self, inside: &[&Section]) -> Vec<String> {
        fn collect<'a>(s: &'a Section, targets: &mut HashSet<&'a str>, needs: &mut HashSet<&'a str>) {
            for it in &s.items {
                targets.extend(it.targets.iter().map(|t| t.id.as_str()));
                needs.extend(it.needs.iter().map(|n| n.id.as_str()));
            }
            for c in &s.sections {
                collect(c, targets, needs);
            }
        }
        let (mut targets, mut needs) = (HashSet::new(), HashSet::new());
        for s in inside {
            collect(s, &mut targets, &mut needs);
        }
        self.users_of_targets(&targets, &needs)
    }

    fn users_of_targets(&self, targets: &HashSet<&str>, removed_needs: &HashSet<&str>) -> Vec<String> {
        let mut out = Vec::new();
        for n in self.needs() {
            if removed_needs.contains(n.id.as_str()) {
                continue;
            }
            for t in &n.targets {
                if targets.contains(t.as_str()) {
                    out.push(format!(
                        "chỉ tiêu “{}” được nhu cầu “{}” dùng",
                        self.target_label(t),
                        short(&n.sentence, &n.id)
                    ));
                }
            }
        }
        for t in self.targets() {
            if targets.contains(t.id.as_str()) {
                continue;
            }
            if let Some(up) = t.tier_of.as_deref().filter(|u| targets.contains(u)) {
                out.push(format!(
                    "chỉ tiêu “{}” là bậc trên của chỉ tiêu “{}”",
                    self.target_label(up),
                    short(&t.sentence, &t.id)
                ));
            }
        }
        out
    }

    fn target_label(&self, id: &str) -> String {
        self.target(id).map_or_else(|| id.to_string(), |t| short(&t.sentence, &t.id))
    }

    /// Thêm ý into section `section`, after item `after` (None = at the end). Returns its id.
    pub fn add_item(&mut self, section: &str, after: Option<&str>, number: &str, text: &str) -> Result<String, String> {
        let id = self.new_id("i");
        let item = Item {
            id: id.clone(),
            number: number.trim().into(),
            text: text.trim().into(),
            targets: Vec::new(),
            needs: Vec::new(),
            note: String::new(),
        };
        self.guarded(|d| {
            let s =
                find_section_mut(&mut d.sections, section).ok_or_else(|| format!("Không tìm thấy mục “{section}”."))?;
            let after = match after {
                Some(a) => Some(
                    s.items
                        .iter()
                        .position(|i| i.id == a)
                        .ok_or_else(|| format!("Không tìm thấy ý “{a}” trong mục."))?,
                ),
                None => None,
            };
            insert_after(&mut s.items, after, item);
            Ok(id)
        })
    }

    /// Sửa ý: number, text and note.
    pub fn update_item(&mut self, id: &str, number: &str, text: &str, note: &str) -> Result<(), String> {
        self.guarded(|d| {
            let (_, it) = all_items_mut(&mut d.sections)
                .into_iter()
                .find(|(_, i)| i.id == id)
                .ok_or_else(|| format!("Không tìm thấy ý “{id}”."))?;
            it.number = number.trim().into();
            it.text = text.trim().into();
            it.note = note.trim().into();
            Ok(())
        })
    }

    fn item_place(&self, id: &str) -> Option<(String, usize)> {
        self.sections_flat()
            .into_iter()
            .find_map(|(s, _)| s.items.iter().position(|i| i.id == id).map(|i| (s.id.clone(), i)))
    }

    /// Chuyển ý lên / xuống within its section.
    pub fn move_item(&mut self, id: &str, dir: Direction) -> Result<(), String> {
        let (section, i) = self.item_place(id).ok_or_else(|| format!("Không tìm thấy ý “{id}”."))?;
        self.guarded(|d| {
            let s = find_section_mut(&mut d.sections, &section).ok_or("Không tìm thấy mục.")?;
            move_in(&mut s.items, i, dir, "Ý")
        })
    }

    /// Xóa ý with its targets and needs. Refused when one of its targets is used elsewhere.
    pub fn delete_item(&mut self, id: &str) -> Result<Removed, String> {
        let (section, index) = self.item_place(id).ok_or_else(|| format!("Không tìm thấy ý “{id}”."))?;
        let item = self.item(id).ok_or("Không tìm thấy ý.")?;
        let targets: HashSet<&str> = item.targets.iter().map(|t| t.id.as_str()).collect();
        let needs: HashSet<&str> = item.needs.iter().map(|n| n.id.as_str()).collect();
        let users = self.users_of_targets(&targets, &needs);
        if !users.is_empty() {
            return Err(format!("Không xóa được ý này: {}", users.join("; ")));
        }
        self.guarded(|d| {
            let s = find_section_mut(&mut d.sections, &section).ok_or("Không tìm thấy mục.")?;
            let item = s.items.remove(index);
            Ok(Removed::Item { section, index, item })
        })
    }

    fn item_mut(&mut self, id: &str) -> Result<&mut Item, String> {
        all_items_mut(&mut self.sections)
            .into_iter()
            .find(|(_, i)| i.id == id)
            .map(|(_, i)| i)
            .ok_or_else(|| format!("Không tìm thấy ý “{id}”."))
    }

    /// (item id, index) of target `id`.
    fn target_place(&self, id: &str) -> Option<(String, usize)> {
        self.sections_flat()
            .into_iter()
            .flat_map(|(s, _)| s.items.iter())
            .find_map(|it| it.targets.iter().position(|t| t.id == id).map(|i| (it.id.clone(), i)))
    }

    fn need_place(&self, id: &str) -> Option<(String, usize)> {
        self.sections_flat()
            .into_iter()
            .flat_map(|(s, _)| s.items.iter())
            .find_map(|it| it.needs.iter().position(|n| n.id == id).map(|i| (it.id.clone(), i)))
    }

    /// Thêm chỉ tiêu at the end of item `item`. An empty id gets a fresh one ("t1", "t2" ...).
    /// Returns the target's id.
    pub fn add_target(&mut self, item: &str, mut target: Target) -> Result<String, String> {
        if target.id.trim().is_empty() {
            target.id = self.new_id("t");
        }
        if self.ids().contains(target.id.as_str()) {
            return Err(format!("Mã “{}” đã được dùng trong văn bản.", target.id));
        }
        let id = target.id.clone();
        self.guarded(|d| {
            d.item_mut(item)?.targets.push(target);
            Ok(id)
        })
    }

    /// Sửa chỉ tiêu: puts `target` in place of target `id`, keeping id `id` (references from
    /// needs and second tiers stay valid). Returns the old target (undo = replace it back).
    pub fn replace_target(&mut self, id: &str, mut target: Target) -> Result<Target, String> {
        let (item, i) = self.target_place(id).ok_or_else(|| format!("Không tìm thấy chỉ tiêu “{id}”."))?;
        target.id = id.to_string();
        self.guarded(|d| {
            let it = d.item_mut(&item)?;
            Ok(std::mem::replace(&mut it.targets[i], target))
        })
    }

    /// Chuyển chỉ tiêu lên / xuống within its item.
    pub fn move_target(&mut self, id: &str, dir: Direction) -> Result<(), String> {
        let (item, i) = self.target_place(id).ok_or_else(|| format!("Không tìm thấy chỉ tiêu “{id}”."))?;
        self.guarded(|d| move_in(&mut d.item_mut(&item)?.targets, i, dir, "Chỉ tiêu"))
    }

    /// Xóa chỉ tiêu. Refused when a need or a second-tier target uses it.
    pub fn delete_target(&mut self, id: &str) -> Result<Removed, String> {
        let (item, index) = self.target_place(id).ok_or_else(|| format!("Không tìm thấy chỉ tiêu “{id}”."))?;
        let users = self.users_of_targets(&HashSet::from([id]), &HashSet::new());
        if !users.is_empty() {
            return Err(format!("Không xóa được: {}", users.join("; ")));
        }
        self.guarded(|d| {
            let target = d.item_mut(&item)?.targets.remove(index);
            Ok(Removed::Target { item, index, target })
        })
    }

    /// Thêm nhu cầu đào tạo at the end of item `item`. An empty id gets a fresh one ("nc1").
    pub fn add_need(&mut self, item: &str, mut need: TrainingNeed) -> Result<String, String> {
        if need.id.trim().is_empty() {
            need.id = self.new_id("nc");
        }
        if self.ids().contains(need.id.as_str()) {
            return Err(format!("Mã “{}” đã được dùng trong văn bản.", need.id));
        }
        let id = need.id.clone();
        self.guarded(|d| {
            d.item_mut(item)?.needs.push(need);
            Ok(id)
        })
    }

    /// Sửa nhu cầu, keeping its id. Returns the old one.
    pub fn replace_need(&mut self, id: &str, mut need: TrainingNeed) -> Result<TrainingNeed, String> {
        let (item, i) = self.need_place(id).ok_or_else(|| format!("Không tìm thấy nhu cầu “{id}”."))?;
        need.id = id.to_string();
        self.guarded(|d| Ok(std::mem::replace(&mut d.item_mut(&item)?.needs[i], need)))
    }

    /// Xóa nhu cầu.
    pub fn delete_need(&mut self, id: &str) -> Result<Removed, String> {
        let (item, index) = self.need_place(id).ok_or_else(|| format!("Không tìm thấy nhu cầu “{id}”."))?;
        self.guarded(|d| {
            let need = d.item_mut(&item)?.needs.remove(index);
            Ok(Removed::Need { item, index, need })
        })
    }

    /// Who uses group `id`: "chỉ tiêu “...”", "nhu cầu “...”", "nhóm “...”". Empty when the
    /// group can be deleted.
    pub fn group_users(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        for g in &self.groups {
            if g.id != id && g.rule.references().contains(&id) {
                out.push(format!("nhóm “{}”", short(&g.name, &g.id)));
            }
        }
        for t in self.targets() {
            let in_criteria = t.measure.criteria().iter().any(|c| match c {
                super::Criterion::Person { rule } => rule.references().contains(&id),
                _ => false,
            });
            if t.group.as_deref() == Some(id) || in_criteria {
                out.push(format!("chỉ tiêu “{}”", short(&t.sentence, &t.id)));
            }
        }
        for n in self.needs() {
            if n.group.as_deref() == Some(id) {
                out.push(format!("nhu cầu “{}”", short(&n.sentence, &n.id)));
            }
        }
        out
    }

    /// Thêm nhóm at the end of the list. An empty id gets a fresh one ("g2"). Returns its id.
    pub fn add_group(&mut self, mut group: Group) -> Result<String, String> {
        if group.id.trim().is_empty() {
            group.id = self.new_id("g");
        }
        if self.ids().contains(group.id.as_str()) {
            return Err(format!("Mã “{}” đã được dùng trong văn bản.", group.id));
        }
        let id = group.id.clone();
        self.guarded(|d| {
            d.groups.push(group);
            Ok(id)
        })
    }

    /// Sửa nhóm, keeping its id. Refused when the new rule makes a cycle or names a missing
    /// group. Returns the old group.
    pub fn replace_group(&mut self, id: &str, mut group: Group) -> Result<Group, String> {
        let i = self.groups.iter().position(|g| g.id == id).ok_or_else(|| format!("Không tìm thấy nhóm “{id}”."))?;
        group.id = id.to_string();
        self.guarded(|d| Ok(std::mem::replace(&mut d.groups[i], group)))
    }

    /// Chuyển nhóm lên / xuống in the list.
    pub fn move_group(&mut self, id: &str, dir: Direction) -> Result<(), String> {
        let i = self.groups.iter().position(|g| g.id == id).ok_or_else(|| format!("Không tìm thấy nhóm “{id}”."))?;
        self.guarded(|d| move_in(&mut d.groups, i, dir, "Nhóm"))
    }

    /// Xóa nhóm. Refused while a target, a need or another group uses it (the message names
    /// them).
    pub fn delete_group(&mut self, id: &str) -> Result<Removed, String> {
        let index =
            self.groups.iter().position(|g| g.id == id).ok_or_else(|| format!("Không tìm thấy nhóm “{id}”."))?;
        let users = self.group_users(id);
        if !users.is_empty() {
            return Err(format!(
                "Không xóa được nhóm “{}”: đang được dùng bởi {}.",
                short(&self.groups[index].name, id),
                users.join(", ")
            ));
        }
        self.guarded(|d| {
            let group = d.groups.remove(index);
            Ok(Removed::Group { index, group })
        })
    }

    /// Hoàn tác a deletion: puts back what was removed at its place (or at the end when the
    /// list has since become shorter). Refused when its container is gone or its ids are now
    /// used by something else.
    pub fn restore(&mut self, removed: Removed) -> Result<(), String> {
        self.guarded(|d| {
            match removed {
                Removed::Section { parent, index, section } => {
                    let list = match parent.as_deref() {
                        Some(p) => {
                            &mut find_section_mut(&mut d.sections, p)
                                .ok_or("Không khôi phục được: mục cha đã bị xóa.")?
                                .sections
                        }
                        None => &mut d.sections,
                    };
                    let at = index.min(list.len());
                    list.insert(at, section);
                }
                Removed::Item { section, index, item } => {
                    let s = find_section_mut(&mut d.sections, &section)
                        .ok_or("Không khôi phục được: mục chứa ý đã bị xóa.")?;
                    let at = index.min(s.items.len());
                    s.items.insert(at, item);
                }
                Removed::Target { item, index, target } => {
                    let it = d.item_mut(&item).map_err(|_| "Không khôi phục được: ý chứa chỉ tiêu đã bị xóa.")?;
                    let at = index.min(it.targets.len());
                    it.targets.insert(at, target);
                }
                Removed::Need { item, index, need } => {
                    let it = d.item_mut(&item).map_err(|_| "Không khôi phục được: ý chứa nhu cầu đã bị xóa.")?;
                    let at = index.min(it.needs.len());
                    it.needs.insert(at, need);
                }
                Removed::Group { index, group } => {
                    let at = index.min(d.groups.len());
                    d.groups.insert(at, group);
                }
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::target::{Comparator, Criterion, Measure, Milestone};
    use crate::levels::Scale;

    const T002: &str = include_str!("../../../../public/templates/002-hoang-su-phi-02-da-hu.json");

    fn d002() -> Directive {
        Directive::from_json(T002).unwrap()
    }

    fn fresh() -> Directive {
        let mut d = Directive::blank("d".into(), DirectiveKind::Resolution);
        d.issuer = "HUYỆN ỦY X".into();
        d.title = "Về công tác cán bộ".into();
        d
    }

    fn share(group: &str) -> Target {
        Target {
            id: String::new(),
            sentence: "50% có trình độ thạc sĩ".into(),
            group: Some(group.into()),
            measure: Measure::Share {
                criteria: vec![Criterion::Level {
                    scale: Scale::Professional,
                    level: "thac_si".into(),
                    count_studying: false,
                }],
            },
            milestones: vec![Milestone {
                year: 2025,
                comparator: Comparator::AtLeast,
                value: Some(50.0),
                upper: None,
                increase: None,
                reached: None,
            }],
            start_year: None,
            continuing: false,
            counting: Default::default(),
            baseline: None,
            reported: Vec::new(),
            tier_of: None,
            note: String::new(),
        }
    }

    #[test]
    fn blank_directive_needs_only_its_header() {
        let d = Directive::blank("x".into(), DirectiveKind::Plan);
        let fields: Vec<String> = d.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["issuer", "title"]);
        assert!(fresh().validate().is_empty());
        assert_eq!(d.groups.len(), 1);
    }

    #[test]
    fn new_ids_are_unique_and_deterministic() {
        let mut d = fresh();
        assert_eq!(d.new_id("s"), "s1");
        let a = d.add_section(None, None, "I.", "Mục tiêu").unwrap();
        let b = d.add_section(None, None, "II.", "Nhiệm vụ").unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("s1", "s2"));
        assert_eq!(d.new_id("g"), "g2");
        let d = d002();
        let id = d.new_id("t");
        assert!(!d.ids().contains(id.as_str()));
        assert_eq!(id, d.clone().new_id("t"));
    }

    #[test]
    fn numbers_follow_their_style() {
        assert_eq!(next_number("I."), "II.");
        assert_eq!(next_number("III-"), "IV-");
        assert_eq!(next_number("2."), "3.");
        assert_eq!(next_number("2.1."), "2.2.");
        assert_eq!(next_number("a-"), "b-");
        assert_eq!(next_number("d)"), "đ)");
        assert_eq!(next_number("-"), "-");
        assert_eq!(next_number("09"), "10");
        assert_eq!(next_number("Phần I"), "Phần II");
        let mut d = fresh();
        assert_eq!(d.suggest_section_number(None, None), "I.");
        let s = d.add_section(None, None, "I.", "Mục tiêu").unwrap();
        assert_eq!(d.suggest_section_number(None, None), "II.");
        assert_eq!(d.suggest_section_number(Some(&s), None), "1.");
    }

    #[test]
    fn sections_add_rename_move_delete_restore() {
        let mut d = fresh();
        let s1 = d.add_section(None, None, "I.", "Mục tiêu").unwrap();
        let s3 = d.add_section(None, None, "III.", "Tổ chức thực hiện").unwrap();
        let s2 = d.add_section(None, Some(&s1), "II.", "Nhiệm vụ").unwrap();
        let order = |d: &Directive| d.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(order(&d), vec![s1.clone(), s2.clone(), s3.clone()]);
        let c = d.add_section(Some(&s2), None, "1.", "Đối với cấp huyện").unwrap();
        assert_eq!(d.section(&s2).unwrap().sections[0].id, c);
        assert!(d.add_section(None, None, " ", "").is_err());
        assert!(d.add_section(Some("nope"), None, "1.", "x").unwrap_err().contains("nope"));

        d.update_section(&s3, "IV.", "Tổ chức thực hiện", "Giao các cơ quan ...").unwrap();
        assert_eq!(d.section(&s3).unwrap().number, "IV.");
        assert!(d.update_section(&s3, "", "", "").is_err(), "an empty section is refused");
        assert_eq!(d.section(&s3).unwrap().number, "IV.", "a refused edit changes nothing");

        d.move_section(&s3, Direction::Up).unwrap();
        assert_eq!(order(&d), vec![s1.clone(), s3.clone(), s2.clone()]);
        assert!(d.move_section(&s1, Direction::Up).unwrap_err().contains("đầu"));
        assert!(d.move_section(&c, Direction::Down).unwrap_err().contains("cuối"));
        d.move_section(&s3, Direction::Down).unwrap();

        let before = d.clone();
        let removed = d.delete_section(&s2).unwrap();
        assert_eq!(removed, Removed::Section { parent: None, index: 1, section: before.sections[1].clone() });
        assert!(removed.label().contains("II. Nhiệm vụ"));
        assert!(d.section(&c).is_none());
        d.restore(removed).unwrap();
        assert_eq!(d, before);

        let removed = d.delete_section(&c).unwrap();
        d.restore(removed).unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn items_add_move_delete_restore() {
        let mut d = fresh();
        let s = d.add_section(None, None, "I.", "Mục tiêu").unwrap();
        let a = d.add_item(&s, None, "-", "Đoạn một").unwrap();
        let b = d.add_item(&s, None, "-", "Đoạn hai").unwrap();
        let m = d.add_item(&s, Some(&a), "-", "Đoạn giữa").unwrap();
        let order = |d: &Directive| d.section(&s).unwrap().items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(order(&d), vec![a.clone(), m.clone(), b.clone()]);
        d.update_item(&m, "+", "Đoạn giữa (sửa)", "ghi chú").unwrap();
        assert_eq!(d.item(&m).unwrap().text, "Đoạn giữa (sửa)");
        d.move_item(&b, Direction::Up).unwrap();
        assert_eq!(order(&d), vec![a.clone(), b.clone(), m.clone()]);
        assert!(d.move_item(&a, Direction::Up).is_err());
        let before = d.clone();
        let r = d.delete_item(&b).unwrap();
        assert_eq!(order(&d), vec![a.clone(), m.clone()]);
        d.restore(r).unwrap();
        assert_eq!(d, before);
        assert!(d.add_item("nope", None, "", "").is_err());
    }

    #[test]
    fn targets_add_replace_delete_restore() {
        let mut d = fresh();
        let s = d.add_section(None, None, "I.", "Mục tiêu").unwrap();
        let i = d.add_item(&s, None, "-", "").unwrap();
        let t = d.add_target(&i, share("g1")).unwrap();
        assert_eq!(t, "t1");
        assert!(d.validate().is_empty());
        let mut bad = share("khong_co");
        let err = d.add_target(&i, bad.clone()).unwrap_err();
        assert!(err.contains("khong_co"), "{err}");
        bad.group = Some("g1".into());
        bad.milestones[0].value = Some(150.0);
        assert!(d.add_target(&i, bad).is_err());
        assert_eq!(d.targets().len(), 1);

        let mut second = share("g1");
        second.tier_of = Some(t.clone());
        let t2 = d.add_target(&i, second).unwrap();
        assert_eq!(t2, "t2");
        let err = d.delete_target(&t).unwrap_err();
        assert!(err.contains("bậc trên"), "{err}");
        assert!(d.delete_item(&i).is_ok(), "deleting the item takes both tiers");

        let mut d = fresh();
        let s = d.add_section(None, None, "I.", "Mục tiêu").unwrap();
        let i = d.add_item(&s, None, "-", "").unwrap();
        let t = d.add_target(&i, share("g1")).unwrap();
        let mut changed = share("g1");
        changed.id = "other".into();
        changed.milestones[0].value = Some(60.0);
        let old = d.replace_target(&t, changed).unwrap();
        assert_eq!(d.target(&t).unwrap().milestones[0].value, Some(60.0));
        let before = d.clone();
        let r = d.delete_target(&t).unwrap();
        assert!(d.targets().is_empty());
        d.restore(r).unwrap();
        assert_eq!(d, before);
        d.replace_target(&t, old).unwrap();
        assert_eq!(d.target(&t).unwrap().milestones[0].value, Some(50.0));
    }

    #[test]
    fn needs_add_replace_delete_restore() {
        let mut d = fresh();
        let s = d.add_section(None, None, "I.", "").unwrap();
        let i = d.add_item(&s, None, "", "").unwrap();
        let t = d.add_target(&i, share("g1")).unwrap();
        let need = TrainingNeed {
            id: String::new(),
            sentence: "Sau đại học: 35 đồng chí".into(),
            group: Some("g1".into()),
            criterion: None,
            persons: Some(35),
            per_year_min: Some(7),
            per_year_max: Some(8),
            targets: vec![t.clone()],
        };
        let n = d.add_need(&i, need.clone()).unwrap();
        assert_eq!(n, "nc1");
        let err = d.delete_target(&t).unwrap_err();
        assert!(err.contains("nhu cầu"), "{err}");
        let err = d.delete_section(&s);
        assert!(err.is_ok(), "the need goes with the section");
        let mut d = fresh();
        let s = d.add_section(None, None, "I.", "").unwrap();
        let s2 = d.add_section(None, None, "II.", "").unwrap();
        let i = d.add_item(&s, None, "", "").unwrap();
        let i2 = d.add_item(&s2, None, "", "").unwrap();
        let t = d.add_target(&i, share("g1")).unwrap();
        let n = d.add_need(&i2, TrainingNeed { targets: vec![t.clone()], ..need.clone() }).unwrap();
        let err = d.delete_section(&s).unwrap_err();
        assert!(err.contains("nhu cầu") && err.contains("I."), "{err}");
        let mut bad = need.clone();
        bad.per_year_min = Some(9);
        assert!(d.replace_need(&n, bad).is_err());
        let mut ok = need.clone();
        ok.persons = Some(40);
        d.replace_need(&n, ok).unwrap();
        assert_eq!(d.need(&n).unwrap().persons, Some(40));
        let before = d.clone();
        let r = d.delete_need(&n).unwrap();
        assert!(d.need(&n).is_none());
        d.restore(r).unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn groups_add_replace_delete_restore() {
        let mut d = d002();
        let err = d.delete_group("g11").unwrap_err();
        assert!(err.contains("chỉ tiêu") && err.contains("nhóm"), "{err}");
        assert!(d.group_users("g13").iter().any(|u| u.contains("Các chức danh lãnh đạo")));
        let g = Group {
            id: String::new(),
            name: "Nữ".into(),
            rule: GroupRule::Gender { gender: crate::model::Gender::Female },
            stated_count: None,
            stated_bound: Default::default(),
            stated_by_year: Vec::new(),
            note: String::new(),
        };
        let id = d.add_group(g.clone()).unwrap();
        assert!(d.group(&id).is_some());
        // A cycle is refused.
        let cyc = Group { rule: GroupRule::Group { id: "g_huyen_all".into() }, ..g.clone() };
        let err = d.replace_group("g11", cyc).unwrap_err();
        assert!(err.contains("vòng tròn"), "{err}");
        let missing = Group { rule: GroupRule::Group { id: "nope".into() }, ..g.clone() };
        assert!(d.replace_group(&id, missing).is_err());
        d.move_group(&id, Direction::Up).unwrap();
        let before = d.clone();
        let r = d.delete_group(&id).unwrap();
        assert!(d.group(&id).is_none());
        d.restore(r).unwrap();
        assert_eq!(d, before);
        // Restoring over a reused id is refused and changes nothing.
        let r = d.delete_group(&id).unwrap();
        let again = d.add_group(g).unwrap();
        assert_eq!(again, id);
        let snapshot = d.clone();
        assert!(d.restore(r).is_err());
        assert_eq!(d, snapshot);
    }

    #[test]
    fn every_operation_on_a_template_keeps_it_valid() {
        let mut d = d002();
        let first = d.sections[0].id.clone();
        d.move_section(&first, Direction::Down).unwrap();
        let s = d.add_section(Some(&first), None, "3.", "Mới").unwrap();
        let i = d.add_item(&s, None, "-", "").unwrap();
        d.add_target(&i, share("g11")).unwrap();
        assert!(d.validate().is_empty(), "{:?}", d.validate());
    }
}
