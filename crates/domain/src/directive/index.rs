//! The roster indexed once per scoring pass: per-cadre facts in flat arrays, texts
//! (position titles, planned titles, unit names, terms, nhãn) interned and put once in the
//! [`fold_title`] form rules compare in,
//! and the unit tree as Euler-tour intervals so "is unit u inside unit a's subtree" is two
//! comparisons. Groups are evaluated into bit sets over cadres.

use std::collections::HashMap;

use crate::levels::Level;
use crate::model::{Cadre, Category, CivilGrade, Committee, Gender, GovLevel, Leadership, Region, UnitKind};
use crate::roster::Roster;
use crate::text::fold_title;

/// A set of cadres (by position in `Roster::cadres`), one bit each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// No cadre.
    pub fn empty(len: usize) -> Self {
        Bits { words: vec![0; len.div_ceil(64)], len }
    }

    /// Every cadre.
    pub fn full(len: usize) -> Self {
        let mut b = Bits { words: vec![u64::MAX; len.div_ceil(64)], len };
        b.trim();
        b
    }

    fn trim(&mut self) {
        let r = self.len % 64;
        if r != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= (1u64 << r) - 1;
            }
        }
    }

    pub(crate) fn words_mut(&mut self) -> &mut [u64] {
        &mut self.words
    }

    /// Number of cadres the set is over.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the set is over no cadre at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds cadre `i`.
    pub fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Removes cadre `i`.
    pub fn unset(&mut self, i: usize) {
        self.words[i / 64] &= !(1 << (i % 64));
    }

    /// True when cadre `i` is in.
    pub fn get(&self, i: usize) -> bool {
        self.words[i / 64] >> (i % 64) & 1 == 1
    }

    /// Keeps only cadres also in `o`.
    pub fn and_with(&mut self, o: &Bits) {
        self.words.iter_mut().zip(&o.words).for_each(|(a, b)| *a &= b);
    }

    /// Adds the cadres of `o`.
    pub fn or_with(&mut self, o: &Bits) {
        self.words.iter_mut().zip(&o.words).for_each(|(a, b)| *a |= b);
    }

    /// Removes the cadres of `o`.
    pub fn minus_with(&mut self, o: &Bits) {
        self.words.iter_mut().zip(&o.words).for_each(|(a, b)| *a &= !b);
    }

    /// Number of cadres in the set.
    pub fn count(&self) -> u32 {
        self.words.iter().map(|w| w.count_ones()).sum()
    }

    /// Number of cadres in both sets.
    pub fn count_and(&self, o: &Bits) -> u32 {
        self.words.iter().zip(&o.words).map(|(a, b)| (a & b).count_ones()).sum()
    }

    /// Positions of the cadres in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let t = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + t)
            })
        })
    }
}

pub(crate) const NONE: u32 = u32::MAX;

/// Facts about one unit.
#[derive(Debug, Clone)]
pub(crate) struct UnitFacts {
    pub level: GovLevel,
    pub kind: UnitKind,
    pub region: Region,
    pub name: u32,
}

/// Facts about one position held.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PosFact {
    pub owner: u32,
    pub unit: u32,
    pub lead: u8,
    pub title: u32,
}

/// One nhãn a cadre carries, its name and value interned.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabelFact {
    pub owner: u32,
    pub name: u32,
    pub value: u32,
}

/// FxHash: a fast non-cryptographic hasher for interning (no external crate).
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Rank of a leadership level: none 0, deputy 1, head 2.
pub fn leadership_rank(l: Leadership) -> u8 {
    match l {
        Leadership::None => 0,
        Leadership::Deputy => 1,
        Leadership::Head => 2,
    }
}

/// The roster, indexed for scoring. Build it once per roster change; every directive is
/// scored from it.
#[derive(Debug)]
pub struct RosterIndex<'a> {
    /// The roster indexed.
    pub roster: &'a Roster,
    pub(crate) unit_by_id: FxMap<&'a str, u32>,
    pub(crate) units: Vec<UnitFacts>,
    pub(crate) parent: Vec<u32>,
    pub(crate) tin: Vec<u32>,
    pub(crate) tout: Vec<u32>,
    /// Distinct texts in the [`fold_title`] form.
    pub(crate) texts: Vec<String>,
    /// Number of cadres.
    pub(crate) n: usize,
    /// Columns, one entry per cadre.
    pub(crate) unit: Vec<u32>,
    pub(crate) birth: Vec<u16>,
    pub(crate) gender: Vec<Gender>,
    pub(crate) local: Vec<bool>,
    pub(crate) category: Vec<Category>,
    /// 0 = no grade, else grade rank + 1.
    pub(crate) grade: Vec<u8>,
    /// Rank held on each scale, in `Scale::ALL` order.
    pub(crate) held: [Vec<u8>; 6],
    /// Rank studied towards on each scale (0 = not studying).
    pub(crate) studying: [Vec<u8>; 6],
    /// Raw texts, matched on demand (rare rules), memoised per distinct text.
    pub(crate) ethnicity: Vec<&'a str>,
    pub(crate) field: Vec<&'a str>,
    pub(crate) minority: Vec<bool>,
    pub(crate) lao: Vec<bool>,
    pub(crate) planned_any: Vec<bool>,
    /// Sparse records with their owner.
    pub(crate) positions: Vec<PosFact>,
    pub(crate) memberships: Vec<(Committee, GovLevel, u32, u32)>,
    pub(crate) planned: Vec<(u32, u32)>,
    pub(crate) labels: Vec<LabelFact>,
    /// Cadres by main unit.
    pub(crate) by_unit: Vec<Vec<u32>>,
}

struct Interner<'a> {
    ids: FxMap<&'a str, u32>,
    texts: Vec<String>,
}

impl<'a> Interner<'a> {
    fn id(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.texts.len() as u32;
        self.texts.push(fold_title(s));
        self.ids.insert(s, i);
        i
    }
}

fn ranks(c: &Cadre) -> ([u8; 6], [u8; 6]) {
    fn r<L: Level>(q: &crate::levels::Qualification<L>) -> (u8, u8) {
        (q.level.rank(), q.studying.map_or(0, |s| s.rank()))
    }
    let all = [
        r(&c.professional),
        r(&c.political),
        r(&c.state_management),
        r(&c.foreign_language),
        r(&c.it),
        r(&c.defence_security),
    ];
    (all.map(|x| x.0), all.map(|x| x.1))
}

impl<'a> RosterIndex<'a> {
    /// Indexes `roster`.
    pub fn build(roster: &'a Roster) -> Self {
        let mut int = Interner { ids: FxMap::default(), texts: Vec::new() };
        let n_units = roster.units.len();
        let mut unit_by_id = FxMap::with_capacity_and_hasher(n_units, Default::default());
        for (i, u) in roster.units.iter().enumerate() {
            unit_by_id.entry(u.id.as_str()).or_insert(i as u32);
        }
        let units: Vec<UnitFacts> = roster
            .units
            .iter()
            .map(|u| UnitFacts { level: u.level, kind: u.kind, region: u.region, name: int.id(&u.name) })
            .collect();
        // Euler tour over the unit tree.
        let parent: Vec<u32> = roster
            .units
            .iter()
            .map(|u| u.parent_id.as_deref().and_then(|p| unit_by_id.get(p).copied()).unwrap_or(NONE))
            .collect();
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n_units];
        for (i, &p) in parent.iter().enumerate() {
            if p != NONE && p as usize != i {
                children[p as usize].push(i as u32);
            }
        }
        let mut tin = vec![NONE; n_units];
        let mut tout = vec![0; n_units];
        let mut clock = 0u32;
        let mut visit = |root: usize, tin: &mut Vec<u32>, tout: &mut Vec<u32>| {
            if tin[root] != NONE {
                return;
            }
            let mut stack = vec![(root as u32, 0usize)];
            tin[root] = clock;
            clock += 1;
            while let Some((u, ci)) = stack.last_mut() {
                let u = *u as usize;
                if let Some(&c) = children[u].get(*ci) {
                    *ci += 1;
                    if tin[c as usize] == NONE {
                        tin[c as usize] = clock;
                        clock += 1;
                        stack.push((c, 0));
                    }
                } else {
                    tout[u] = clock;
                    stack.pop();
                }
            }
        };
        for (i, &p) in parent.iter().enumerate() {
            if p == NONE {
                visit(i, &mut tin, &mut tout);
            }
        }
        for i in 0..n_units {
            // Units caught in a parent cycle: each becomes its own root.
            visit(i, &mut tin, &mut tout);
        }

        let n = roster.cadres.len();
        let mut x = RosterIndex {
            roster,
            unit_by_id,
            units,
            parent,
            tin,
            tout,
            texts: Vec::new(),
            n,
            unit: Vec::with_capacity(n),
            birth: Vec::with_capacity(n),
            gender: Vec::with_capacity(n),
            local: Vec::with_capacity(n),
            category: Vec::with_capacity(n),
            grade: Vec::with_capacity(n),
            held: std::array::from_fn(|_| Vec::with_capacity(n)),
            studying: std::array::from_fn(|_| Vec::with_capacity(n)),
            ethnicity: Vec::with_capacity(n),
            field: Vec::with_capacity(n),
            minority: Vec::with_capacity(n),
            lao: Vec::with_capacity(n),
            planned_any: Vec::with_capacity(n),
            positions: Vec::with_capacity(n / 4),
            memberships: Vec::with_capacity(n / 8),
            planned: Vec::with_capacity(n / 8),
            labels: Vec::new(),
            by_unit: vec![Vec::new(); n_units],
        };
        for (ci, c) in roster.cadres.iter().enumerate() {
            let owner = ci as u32;
            for p in &c.positions {
                x.positions.push(PosFact {
                    owner,
                    unit: x.unit_by_id.get(p.unit_id.as_str()).copied().unwrap_or(NONE),
                    lead: leadership_rank(p.leadership),
                    title: int.id(&p.title),
                });
            }
            for m in &c.memberships {
                x.memberships.push((m.committee, m.level, int.id(&m.term), owner));
            }
            for p in &c.planned_for {
                x.planned.push((int.id(&p.title), owner));
            }
            for (name, value) in &c.labels {
                x.labels.push(LabelFact { owner, name: int.id(name), value: int.id(value) });
            }
            let (held, studying) = ranks(c);
            for s in 0..6 {
                x.held[s].push(held[s]);
                x.studying[s].push(studying[s]);
            }
            let u = x.unit_by_id.get(c.unit_id.as_str()).copied().unwrap_or(NONE);
            if u != NONE {
                x.by_unit[u as usize].push(owner);
            }
            x.unit.push(u);
            x.birth.push(c.birth_year);
            x.gender.push(c.gender);
            x.local.push(c.local);
            x.category.push(c.category);
            x.grade
                .push(c.civil_grade.map_or(0, |g| CivilGrade::ALL.iter().position(|x| *x == g).unwrap_or(0) as u8 + 1));
            x.ethnicity.push(c.ethnicity.as_str());
            x.field.push(c.professional_field.as_str());
            x.minority.push(!c.minority_language.trim().is_empty());
            x.lao.push(c.lao_language);
            x.planned_any.push(!c.planned_for.is_empty());
        }
        x.texts = int.texts;
        x
    }

    /// Number of cadres.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when the roster has no cadre.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Position of the unit with this id.
    pub fn unit_pos(&self, id: &str) -> Option<u32> {
        self.unit_by_id.get(id).copied()
    }

    /// Cadres whose raw text in `column`, in the [`fold_title`] form, satisfies `pred`
    /// (evaluated once per distinct text).
    pub(crate) fn match_column(&self, column: &[&'a str], pred: impl Fn(&str) -> bool) -> Bits {
        let mut memo: FxMap<&str, bool> = FxMap::default();
        let mut b = Bits::empty(self.n);
        for (i, s) in column.iter().enumerate() {
            let hit = *memo.entry(s).or_insert_with(|| pred(&fold_title(s)));
            if hit {
                b.set(i);
            }
        }
        b
    }

    /// True when unit `u` lies in the subtree of unit `a` (itself included).
    pub(crate) fn within(&self, u: u32, a: u32) -> bool {
        if u == NONE || a == NONE {
            return false;
        }
        let (tu, ta) = (self.tin[u as usize], self.tin[a as usize]);
        ta <= tu && tu < self.tout[a as usize]
    }

    /// Cadres working (main unit) in the subtree of `unit_id`.
    pub fn working_in(&self, unit_id: &str) -> Bits {
        let mut b = Bits::empty(self.len());
        if let Some(a) = self.unit_pos(unit_id) {
            for (u, members) in self.by_unit.iter().enumerate() {
                if self.within(u as u32, a) {
                    members.iter().for_each(|&i| b.set(i as usize));
                }
            }
        }
        b
    }
}
