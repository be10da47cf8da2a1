//! Bảng mã cũ: Vietnamese typed in the 8-bit font encodings older offices still use, TCVN3
//! (ABC, fonts ".VnTime", ".VnTimeH") and VNI (fonts "VNI-Times"), found inside spreadsheets
//! that are otherwise Unicode. Such a cell holds Latin-1 letters that only the old font drew as
//! Vietnamese ("NguyÔn V¨n A" is "Nguyễn Văn A" in TCVN3, "Nguyeãn Vaên A" in VNI), so a roster
//! read as it is would import names nobody can search and levels nothing recognises.
//!
//! [`detect_legacy`] looks at a sheet and names the encoding only when it is confident: it
//! reads every cell that holds Latin-1 letters three ways (as it is, as TCVN3, as VNI) and
//! checks each word against the shape of a Vietnamese syllable; an encoding wins when many more
//! cells become Vietnamese under it than read as Vietnamese already. [`convert_rows`] then
//! converts the cells that become Vietnamese, to precomposed Unicode (NFC), and leaves alone
//! every cell that already holds Unicode Vietnamese, every ASCII cell and every cell that does
//! not read as Vietnamese under the encoding. [`conversion_samples`] are the "before → after"
//! pairs the page shows.
//!
//! The letter table ([`toned`], [`compose_vietnamese`]) also puts the Windows-1258 combining
//! tone marks back on their letters (`encoding`).

use std::borrow::Cow;

/// The 8-bit font encodings recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyFont {
    /// TCVN3 (ABC), TCVN 5712:1993 VN3: one byte per letter, fonts ".VnTime" (lower case) and
    /// ".VnTimeH" (the same codes drawn in capitals).
    Tcvn3,
    /// VNI Windows: a base letter followed by a mark character, fonts "VNI-Times".
    Vni,
}

impl LegacyFont {
    /// Every encoding, in the order they are tried.
    pub const ALL: [LegacyFont; 2] = [LegacyFont::Tcvn3, LegacyFont::Vni];
}

/// One converted cell as a page shows it: the text in the file and the text imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionSample {
    /// Chữ trong tệp.
    pub before: String,
    /// Chữ sau khi chuyển.
    pub after: String,
}

// --- Vietnamese letters ---

/// The twelve vowel letters, each with its five tones, in the order of the tone index used
/// throughout: 0 ngang (none), 1 huyền (grave), 2 sắc (acute), 3 hỏi (hook above), 4 ngã
/// (tilde), 5 nặng (dot below). Upper case follows from `char::to_uppercase`.
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// The combining marks of the five tones, in tone order (index + 1 is the tone).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// `base` (an untoned vowel, either case) with `tone` (0–5), in the case of `base`.
pub(crate) fn toned(base: char, tone: usize) -> Option<char> {
    let l = lower(base);
    let row = VOWELS.iter().find(|row| row[0] == l)?;
    let c = *row.get(tone)?;
    Some(if l == base { c } else { upper(c) })
}

/// `c` in lower case without its tone, and the tone (0 for a letter that carries none).
fn untoned(c: char) -> (char, usize) {
    let l = lower(c);
    for row in &VOWELS {
        if let Some(tone) = row.iter().position(|&x| x == l) {
            return (row[0], tone);
        }
    }
    (l, 0)
}

/// The tone a combining mark writes (1–5), if it is one of the five.
fn tone_of_mark(c: char) -> Option<usize> {
    TONE_MARKS.iter().position(|&m| m == c).map(|i| i + 1)
}

/// A combining mark Vietnamese letters are decomposed into: a tone, or the circumflex
/// (U+0302), breve (U+0306) or horn (U+031B) of â ê ô ă ơ ư.
fn is_vietnamese_mark(c: char) -> bool {
    tone_of_mark(c).is_some() || matches!(c, '\u{302}' | '\u{306}' | '\u{31b}')
}

/// The letter `prev` becomes with the combining `mark` after it, if Vietnamese has one: a tone
/// on an untoned vowel, or a shape on a, e, o, u keeping its tone (decomposed Unicode puts the
/// dot below before the circumflex: "ộ" is o, U+0323, U+0302).
fn combine(prev: char, mark: char) -> Option<char> {
    let (base, tone) = untoned(prev);
    let letter = match tone_of_mark(mark) {
        Some(t) if tone == 0 => toned(base, t)?,
        Some(_) => return None,
        None => {
            let shaped = match (mark, base) {
                ('\u{302}', 'a') => 'â',
                ('\u{302}', 'e') => 'ê',
                ('\u{302}', 'o') => 'ô',
                ('\u{306}', 'a') => 'ă',
                ('\u{31b}', 'o') => 'ơ',
                ('\u{31b}', 'u') => 'ư',
                _ => return None,
            };
            toned(shaped, tone)?
        }
    };
    Some(if prev.is_uppercase() { upper(letter) } else { letter })
}

/// Vietnamese letters followed by combining marks (as Windows-1258 writes its tones, and as
/// decomposed Unicode, NFD, writes every mark) as the one precomposed letter (NFC); everything
/// else as it is. Borrowed when there is no such mark.
pub fn compose_vietnamese(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_vietnamese_mark) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_vietnamese_mark(c) {
            if let Some(composed) = out.chars().next_back().and_then(|prev| combine(prev, c)) {
                out.pop();
                out.push(composed);
                continue;
            }
        }
        out.push(c);
    }
    Cow::Owned(out)
}

// --- The shape of a syllable ---

/// Initial consonants, longest first so `ngh` is tried before `ng`; `f j w z` for the names of
/// the ethnic minorities' places and people.
const ONSETS: [&str; 32] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "f", "j", "w", "z", "",
];

/// Vowel groups a syllable is built around (without tone).
const NUCLEI: [&str; 56] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia",
    "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu",
    "ươ", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu", "ue",
];

/// Final consonants (`k` for Tây Nguyên names such as "Đắk Lắk").
const CODAS: [&str; 10] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k"];

fn is_vowel(c: char) -> bool {
    VOWELS.iter().any(|row| row[0] == c)
}

fn is_letter(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, 'ă' | 'â' | 'đ' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// True when `word` has the shape of one Vietnamese syllable: Vietnamese letters only, at most
/// one tone, an initial consonant, a vowel group and a final consonant that exist.
fn is_syllable(word: &str) -> bool {
    let mut letters = String::new();
    let mut tones = 0;
    for c in word.chars() {
        if letters.len() > 24 {
            return false;
        }
        let (base, tone) = untoned(c);
        if !is_letter(base) {
            return false;
        }
        tones += usize::from(tone > 0);
        letters.push(base);
    }
    if tones > 1 {
        return false;
    }
    ONSETS.iter().filter_map(|o| letters.strip_prefix(o)).any(|rest| {
        let split = rest.find(|c| !is_vowel(c)).unwrap_or(rest.len());
        let (nucleus, coda) = rest.split_at(split);
        NUCLEI.contains(&nucleus) && CODAS.contains(&coda)
    })
}

/// Vietnamese words and short capitalised abbreviations ("ĐH", "chưa qua ĐT", "Th.S"), with
/// a letter beyond ASCII: what sheets write for levels, no syllables all of it.
fn abbreviation(text: &str) -> bool {
    let short_caps = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| !matches!(c, '.' | ',' | '/' | '-')).collect();
        (1..=5).contains(&letters.len())
            && letters.first().is_some_and(|c| c.is_uppercase())
            && letters
                .iter()
                .all(|&c| c.is_alphabetic() && (c.is_ascii() || is_letter(untoned(c).0) || is_vowel(untoned(c).0)))
    };
    let mut words = text.split_whitespace().peekable();
    words.peek().is_some() && words.all(|w| short_caps(w) || is_syllable(&w.to_lowercase())) && !text.is_ascii()
}

/// A character that may be part of a word: a letter or digit, or any Latin-1 character from
/// 0xA1 up (the old fonts drew letters on "¨", "¸", "µ", "×", …).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{a1}'..='\u{ff}').contains(&c)
}

/// How the words of a text read: syllables and non-syllables, over the words that have a
/// non-ASCII character (ASCII words such as "UBND" or "B1" say nothing either way).
#[derive(Debug, Default, Clone, Copy)]
struct Reading {
    valid: u32,
    invalid: u32,
}

impl Reading {
    fn of(text: &str) -> Reading {
        let mut r = Reading::default();
        for word in text.split(|c: char| !word_char(c)) {
            if word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            if is_syllable(word) {
                r.valid += 1;
            } else {
                r.invalid += 1;
            }
        }
        r
    }

    /// Every checked word is a syllable, and there is one.
    fn all(self) -> bool {
        self.valid > 0 && self.invalid == 0
    }
}

// --- The encodings ---

/// TCVN3 (ABC) from 0xA1 to 0xFF: the seven capitals with a shape mark, then the lower-case
/// letters; `\0` where the ABC fonts have no letter (the capitals with a tone that TCVN 5712
/// VN1 adds there are not in TCVN3: capitals with a tone are the lower-case codes drawn by the
/// ".VnTimeH" font). Source: TCVN 5712:1993, as in glibc's TCVN5712-1 charmap.
const TCVN3: [char; 95] = [
    // 0xA1
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', '\0', //
    // 0xB0
    '\0', '\0', '\0', '\0', '\0', 'à', 'ả', 'ã', 'á', 'ạ', '\0', 'ằ', 'ẳ', 'ẵ', 'ắ', '\0', //
    // 0xC0
    '\0', '\0', '\0', '\0', '\0', '\0', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', '\0', 'ẻ', 'ẽ', //
    // 0xD0
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', '\0', '\0', '\0', 'ĩ', 'í', 'ị', 'ò', //
    // 0xE0
    '\0', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', //
    // 0xF0
    '\0', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', '\0',
];

/// The TCVN3 letter of a Latin-1 character, if the ABC fonts draw one there.
fn tcvn3_letter(c: char) -> Option<char> {
    let i = (c as u32).checked_sub(0xA1)?;
    TCVN3.get(i as usize).copied().filter(|&l| l != '\0')
}

/// VNI letters written with one character: ơ ư đ, and i and y with the tones VNI gives them a
/// character of their own.
const VNI_SINGLE: [(char, char); 18] = [
    ('ô', 'ơ'),
    ('Ô', 'Ơ'),
    ('ö', 'ư'),
    ('Ö', 'Ư'),
    ('ñ', 'đ'),
    ('Ñ', 'Đ'),
    ('ì', 'ì'),
    ('Ì', 'Ì'),
    ('í', 'í'),
    ('Í', 'Í'),
    ('æ', 'ỉ'),
    ('Æ', 'Ỉ'),
    ('ó', 'ĩ'),
    ('Ó', 'Ĩ'),
    ('ò', 'ị'),
    ('Ò', 'Ị'),
    ('î', 'ỵ'),
    ('Î', 'Ỵ'),
];

/// The shape a VNI mark gives its base letter.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Only a tone: on a, e, o, u, y, ơ, ư.
    Tone,
    /// The circumflex (â ê ô), with or without a tone: on a, e, o.
    Circumflex,
    /// The breve (ă), with or without a tone: on a.
    Breve,
}

/// VNI mark characters (lower- and upper-case forms): the shape and the tone they add to the
/// letter before them.
const VNI_MARKS: [(char, Shape, usize); 34] = [
    ('ø', Shape::Tone, 1),
    ('Ø', Shape::Tone, 1),
    ('ù', Shape::Tone, 2),
    ('Ù', Shape::Tone, 2),
    ('û', Shape::Tone, 3),
    ('Û', Shape::Tone, 3),
    ('õ', Shape::Tone, 4),
    ('Õ', Shape::Tone, 4),
    ('ï', Shape::Tone, 5),
    ('Ï', Shape::Tone, 5),
    ('â', Shape::Circumflex, 0),
    ('Â', Shape::Circumflex, 0),
    ('à', Shape::Circumflex, 1),
    ('À', Shape::Circumflex, 1),
    ('á', Shape::Circumflex, 2),
    ('Á', Shape::Circumflex, 2),
    ('å', Shape::Circumflex, 3),
    ('Å', Shape::Circumflex, 3),
    ('ã', Shape::Circumflex, 4),
    ('Ã', Shape::Circumflex, 4),
    ('ä', Shape::Circumflex, 5),
    ('Ä', Shape::Circumflex, 5),
    ('ê', Shape::Breve, 0),
    ('Ê', Shape::Breve, 0),
    ('è', Shape::Breve, 1),
    ('È', Shape::Breve, 1),
    ('é', Shape::Breve, 2),
    ('É', Shape::Breve, 2),
    ('ú', Shape::Breve, 3),
    ('Ú', Shape::Breve, 3),
    ('ü', Shape::Breve, 4),
    ('Ü', Shape::Breve, 4),
    ('ë', Shape::Breve, 5),
    ('Ë', Shape::Breve, 5),
];

/// The letter a VNI base character and the mark after it write, if they make one.
fn vni_pair(base: char, mark: char) -> Option<char> {
    let &(_, shape, tone) = VNI_MARKS.iter().find(|m| m.0 == mark)?;
    let base = match base {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        b => b,
    };
    let shaped = match (shape, lower(base)) {
        (Shape::Tone, 'a' | 'e' | 'o' | 'u' | 'y' | 'ơ' | 'ư') => base,
        (Shape::Circumflex, l @ ('a' | 'e' | 'o')) => {
            let c = match l {
                'a' => 'â',
                'e' => 'ê',
                _ => 'ô',
            };
            if base.is_uppercase() {
                upper(c)
            } else {
                c
            }
        }
        (Shape::Breve, 'a') => {
            if base.is_uppercase() {
                'Ă'
            } else {
                'ă'
            }
        }
        _ => return None,
    };
    toned(shaped, tone)
}

/// A text converted from one encoding: the Unicode text, whether anything changed, and how
/// many Latin-1 letters the encoding has no letter for (a sign the text is not in it).
struct Converted {
    text: String,
    changed: bool,
    unmapped: u32,
}

fn is_latin1_letter(c: char) -> bool {
    ('\u{a1}'..='\u{ff}').contains(&c) && c.is_alphabetic()
}

fn convert_tcvn3(text: &str) -> Converted {
    // Each output character, and whether it came from a lower-case TCVN3 code (which the
    // ".VnTimeH" font draws as a capital).
    let mut chars: Vec<(char, bool)> = Vec::with_capacity(text.len());
    let (mut changed, mut unmapped) = (false, 0);
    for c in text.chars() {
        match tcvn3_letter(c) {
            Some(l) => {
                changed = true;
                chars.push((l, l.is_lowercase()));
            }
            None => {
                unmapped += u32::from(is_latin1_letter(c));
                chars.push((c, false));
            }
        }
    }
    capitalise_vntimeh(&mut chars);
    Converted { text: chars.into_iter().map(|(c, _)| c).collect(), changed, unmapped }
}

/// Text typed in ".VnTimeH" has its toned capitals as lower-case codes, so "ĐẢNG ỦY" reads
/// "§¶NG ñY". The font is lost with the file, so the case comes from the plain letters around:
/// a word whose ASCII letters are two or more capitals, or a whole cell without a lower-case
/// ASCII letter and with such a word, is in capitals. ("Lª Hµ", "Lê Hà", has only single
/// capitals and stays as it is.)
fn capitalise_vntimeh(chars: &mut [(char, bool)]) {
    let words: Vec<(usize, usize)> = {
        let mut out = Vec::new();
        let mut start = None;
        for (i, &(c, _)) in chars.iter().enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, chars.len()));
        }
        out
    };
    let capital_word = |&(s, e): &(usize, usize)| {
        let ascii: Vec<char> = chars[s..e].iter().map(|x| x.0).filter(char::is_ascii_alphabetic).collect();
        ascii.len() >= 2 && ascii.iter().all(char::is_ascii_uppercase)
    };
    let capitals: Vec<bool> = words.iter().map(capital_word).collect();
    let whole_cell = !chars.iter().any(|x| x.0.is_ascii_lowercase()) && capitals.contains(&true);
    for (w, capital) in words.iter().zip(capitals) {
        if whole_cell || capital {
            for x in &mut chars[w.0..w.1] {
                if x.1 {
                    x.0 = upper(x.0);
                }
            }
        }
    }
}

fn convert_vni(text: &str) -> Converted {
    let mut out = String::with_capacity(text.len());
    let (mut changed, mut unmapped) = (false, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(l) = chars.peek().and_then(|&m| vni_pair(c, m)) {
            chars.next();
            out.push(l);
            changed = true;
        } else if let Some(&(_, l)) = VNI_SINGLE.iter().find(|s| s.0 == c) {
            out.push(l);
            changed |= l != c;
        } else {
            unmapped += u32::from(is_latin1_letter(c));
            out.push(c);
        }
    }
    Converted { text: out, changed, unmapped }
}

fn convert(text: &str, font: LegacyFont) -> Converted {
    match font {
        LegacyFont::Tcvn3 => convert_tcvn3(text),
        LegacyFont::Vni => convert_vni(text),
    }
}

/// `text` read as `font`, in Unicode NFC. Every character the encoding does not use is kept.
pub fn convert_text(text: &str, font: LegacyFont) -> String {
    convert(text, font).text
}

// --- One cell, one sheet ---

/// What a cell says about the sheet's encoding.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CellKind {
    /// No Latin-1 letter or sign: nothing to convert (ASCII, numbers, empty).
    Plain,
    /// Vietnamese (or any letter) beyond Latin-1: typed in Unicode, never converted.
    Unicode,
    /// Latin-1 letters: it may be an old font's text, or Unicode Vietnamese that happens to
    /// need no letter beyond Latin-1 ("Hà", "Hòa").
    Candidate { as_is: bool, font: [FontReading; 2] },
}

/// A candidate cell read as one encoding.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct FontReading {
    /// It changes, every checked word becomes a syllable and no Latin-1 letter is left over.
    all: bool,
    /// It changes and more words become syllables than not.
    most: bool,
}

fn font_index(font: LegacyFont) -> usize {
    match font {
        LegacyFont::Tcvn3 => 0,
        LegacyFont::Vni => 1,
    }
}

/// Longer cells are left as they are: Excel holds at most 32.767 characters in a cell, and no
/// field the import reads is longer than 2.000 (a hostile CSV's 10 MB cell costs nothing).
const LONGEST_CELL: usize = 32_767;

fn kind(cell: &str) -> CellKind {
    if cell.is_ascii() || cell.len() > LONGEST_CELL * 4 {
        return CellKind::Plain;
    }
    if cell.chars().any(|c| c > '\u{ff}' && (c.is_alphabetic() || is_vietnamese_mark(c))) {
        return CellKind::Unicode;
    }
    if !cell.chars().any(|c| ('\u{a1}'..='\u{ff}').contains(&c)) {
        return CellKind::Plain;
    }
    let mut font = [FontReading::default(); 2];
    for f in LegacyFont::ALL {
        let c = convert(cell, f);
        if c.changed {
            let r = Reading::of(&c.text);
            font[font_index(f)] =
                FontReading { all: r.all() && c.unmapped == 0, most: r.valid > r.invalid + c.unmapped };
        }
    }
    CellKind::Candidate { as_is: Reading::of(cell).all(), font }
}

/// Counts of cells for one encoding, over a sheet or a column.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Cells that read as Vietnamese in the encoding and not as they are.
    font: u32,
    /// Cells in Unicode Vietnamese: beyond Latin-1, or reading as they are and not in the
    /// encoding.
    unicode: u32,
    /// Cells with Latin-1 letters that read as Vietnamese neither way.
    neither: u32,
}

impl Tally {
    fn add(&mut self, kind: CellKind, f: usize) {
        match kind {
            CellKind::Plain => {}
            CellKind::Unicode => self.unicode += 1,
            CellKind::Candidate { as_is, font } => match (as_is, font[f].all) {
                (false, true) => self.font += 1,
                (true, false) => self.unicode += 1,
                (false, false) => self.neither += 1,
                (true, true) => {}
            },
        }
    }

    /// Confident: at least two cells, three times the Unicode ones, and no fewer than those
    /// that read as nothing.
    fn confident(self) -> bool {
        self.font >= 2 && self.font >= 3 * self.unicode && self.font >= self.neither
    }
}

/// Cells and characters looked at to decide a sheet's encoding: enough for any roster's
/// evidence, and a bound on time for a hostile file.
const SURVEY_CELLS: usize = 20_000;
const SURVEY_CHARS: usize = 2_000_000;

/// Per encoding, the sheet's tally and each column's.
struct Survey {
    sheet: [Tally; 2],
    columns: Vec<[Tally; 2]>,
}

fn survey(rows: &[Vec<String>]) -> Survey {
    let mut s = Survey { sheet: [Tally::default(); 2], columns: Vec::new() };
    let (mut cells, mut chars) = (0, 0);
    'rows: for row in rows {
        for (col, cell) in row.iter().enumerate() {
            let k = kind(cell);
            if k == CellKind::Plain {
                continue;
            }
            if s.columns.len() <= col {
                s.columns.resize(col + 1, [Tally::default(); 2]);
            }
            for f in 0..2 {
                s.sheet[f].add(k, f);
                s.columns[col][f].add(k, f);
            }
            cells += 1;
            chars += cell.len();
            if cells >= SURVEY_CELLS || chars >= SURVEY_CHARS {
                break 'rows;
            }
        }
    }
    s
}

/// The old font encoding a sheet's text is in, when the sheet says so clearly: more cells read
/// as Vietnamese in it than as they are (three to one), at least two, and more than in the
/// other encoding. `None` for Unicode, ASCII-only or unclear sheets.
pub fn detect_legacy(rows: &[Vec<String>]) -> Option<LegacyFont> {
    let s = survey(rows);
    let [t, v] = s.sheet;
    match (t.confident(), v.confident()) {
        (true, false) => Some(LegacyFont::Tcvn3),
        (false, true) => Some(LegacyFont::Vni),
        (true, true) if t.font > v.font => Some(LegacyFont::Tcvn3),
        (true, true) if v.font > t.font => Some(LegacyFont::Vni),
        _ => None,
    }
}

/// The rows with every cell written in `font` converted to Unicode NFC. A cell is converted
/// when it reads as Vietnamese in `font` and not as it is, or is no Vietnamese as it is in a
/// column of `font` text; a cell that reads as Vietnamese both
/// ways ("Hòa" is also TCVN3 for "Hũa") follows its column (converted unless the column holds
/// more Unicode cells than `font` ones). Unicode Vietnamese, ASCII, and text that is Vietnamese
/// in neither reading stay exactly as they are.
pub fn convert_rows(rows: &[Vec<String>], font: LegacyFont) -> Vec<Vec<String>> {
    let f = font_index(font);
    let columns = survey(rows).columns;
    let column_is_font = |col: usize| columns.get(col).is_none_or(|t| t[f].font >= t[f].unicode);
    rows.iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(col, cell)| match kind(cell) {
                    CellKind::Candidate { as_is, font: readings } => {
                        let r = readings[f];
                        // Not Vietnamese as written: converted when it reads as Vietnamese in
                        // `font`, or stands in a column of `font` text (abbreviations such as
                        // "§H" for "ĐH" are no word in either reading).
                        let abbreviated = || column_is_font(col) && abbreviation(&convert_text(cell, font));
                        let convert_it = if as_is {
                            r.all && column_is_font(col) || abbreviated()
                        } else {
                            r.all || r.most || abbreviated()
                        };
                        if convert_it {
                            convert_text(cell, font)
                        } else {
                            cell.clone()
                        }
                    }
                    _ => cell.clone(),
                })
                .collect()
        })
        .collect()
}

/// Up to `limit` cells that changed, the first of each distinct text, in reading order.
pub fn conversion_samples(before: &[Vec<String>], after: &[Vec<String>], limit: usize) -> Vec<ConversionSample> {
    let mut out: Vec<ConversionSample> = Vec::new();
    for (b_row, a_row) in before.iter().zip(after) {
        for (b, a) in b_row.iter().zip(a_row) {
            if out.len() >= limit {
                return out;
            }
            if b != a && !out.iter().any(|s| &s.before == b) {
                out.push(ConversionSample { before: b.clone(), after: a.clone() });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
