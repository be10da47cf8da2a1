//! Tệp mã hóa: the envelope of an encrypted snapshot. The format only (pure, tested natively);
//! the WebCrypto calls that fill it live in `store::crypto`.
//!
//! ```json
//! {"format":"dtbd-ma-hoa","version":1,
//!  "kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":600000,"salt":"<base64, 16 bytes>"},
//!  "cipher":{"name":"AES-GCM","length":256,"iv":"<base64, 12 bytes>"},
//!  "ciphertext":"<base64: the snapshot JSON encrypted, with the 16-byte tag at the end>"}
//! ```
//!
//! The key is PBKDF2-HMAC-SHA-256 of the passphrase (UTF-8) with a random salt, at least
//! [`MIN_ITERATIONS`] iterations; the cipher AES-GCM-256 with a random 96-bit IV. A wrong
//! passphrase and a tampered file both fail the tag check; neither changes anything.

use crate::error::FieldError;

/// The `format` value that marks an encrypted file.
pub const FORMAT: &str = "dtbd-ma-hoa";
/// Envelope version this app writes and reads.
pub const VERSION: u32 = 1;
/// PBKDF2 iterations written (OWASP 2023 for PBKDF2-HMAC-SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// Fewest iterations accepted on reading: a file claiming fewer was not written by this app.
pub const MIN_ITERATIONS: u32 = 600_000;
/// Most iterations accepted on reading, so a crafted file cannot freeze the page.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Salt length in bytes.
pub const SALT_LEN: usize = 16;
/// AES-GCM IV length in bytes.
pub const IV_LEN: usize = 12;
/// AES-GCM tag length in bytes (the ciphertext is at least this long).
pub const TAG_LEN: usize = 16;
/// Shortest passphrase accepted when encrypting, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The decoded, checked parts of an envelope, ready for the cipher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// Salt, [`SALT_LEN`] bytes.
    pub salt: Vec<u8>,
    /// IV, [`IV_LEN`] bytes.
    pub iv: Vec<u8>,
    /// Ciphertext with its tag.
    pub ciphertext: Vec<u8>,
}

impl Sealed {
    /// The envelope's JSON text (written by hand, `format` first).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"kdf\":{{\"name\":\"PBKDF2\",\"hash\":\"SHA-256\",\"iterations\":{},\"salt\":\"{}\"}},\"cipher\":{{\"name\":\"AES-GCM\",\"length\":256,\"iv\":\"{}\"}},\"ciphertext\":\"{}\"}}",
            self.iterations,
            base64_encode(&self.salt),
            base64_encode(&self.iv),
            base64_encode(&self.ciphertext)
        )
    }
}

/// True when `bytes` are a JSON object whose top-level `format` member is [`FORMAT`], in
/// whatever place among its members (another tool may write its keys in any order); the
/// snapshot reader is never shown one.
///
/// *Bounded cost:* one pass over the bytes, no allocation and no recursion (nesting is a
/// counter), stopping at the top-level `format` member; a snapshot writes that member first,
/// so a 50 MB snapshot costs a few bytes. Only the members before it need to be well formed:
/// an envelope cut off after its `format` is still recognised, and [`parse`] then says what
/// is broken before any passphrase is asked.
pub fn is_envelope(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut scan = Scan { bytes, at: 0 };
    scan.skip_space();
    if !scan.eat(b'{') {
        return false;
    }
    loop {
        scan.skip_space();
        let Some(key) = scan.string() else { return false };
        scan.skip_space();
        if !scan.eat(b':') {
            return false;
        }
        scan.skip_space();
        if json_text_is(key, "format") {
            return scan.string().is_some_and(|value| json_text_is(value, FORMAT));
        }
        if !scan.skip_value() {
            return false;
        }
        scan.skip_space();
        if !scan.eat(b',') {
            return false;
        }
    }
}

/// True when the raw bytes of a JSON string (between its quotes) spell `text`; escapes are
/// decoded only when there are some.
fn json_text_is(raw: &[u8], text: &str) -> bool {
    if raw.contains(&b'\\') {
        let mut quoted = Vec::with_capacity(raw.len() + 2);
        quoted.push(b'"');
        quoted.extend_from_slice(raw);
        quoted.push(b'"');
        serde_json::from_slice::<String>(&quoted).is_ok_and(|decoded| decoded == text)
    } else {
        raw == text.as_bytes()
    }
}

/// A forward-only reader over JSON text for [`is_envelope`]: it skips values without
/// building them.
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    /// A string's raw bytes between its quotes (escapes left as written).
    fn string(&mut self) -> Option<&'a [u8]> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.at;
        loop {
            match self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(&self.bytes[start..self.at - 1]);
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }

    /// Skips one value of any kind: a string, a nested object or array (by counting
    /// brackets outside strings), or a number or literal (up to the `,` or `}` after it).
    /// False when the text ends first.
    fn skip_value(&mut self) -> bool {
        let mut depth = 0usize;
        loop {
            let Some(&byte) = self.bytes.get(self.at) else { return false };
            match byte {
                b'"' => {
                    if self.string().is_none() {
                        return false;
                    }
                    if depth == 0 {
                        return true;
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' | b',' if depth == 0 => return true,
                b'}' | b']' => {
                    depth -= 1;
                    self.at += 1;
                    if depth == 0 {
                        return true;
                    }
                }
                _ => self.at += 1,
            }
        }
    }
}

/// An envelope recognised and checked as soon as a file is picked: `None` when the bytes are
/// not an encrypted file, else the envelope ready for the passphrase or what is wrong with it,
/// so a broken file is refused before the officer types anything.
pub fn open(bytes: &[u8]) -> Option<Result<Sealed, String>> {
    is_envelope(bytes).then(|| parse(bytes))
}

/// Reads and checks an envelope. Errors are Vietnamese and say what is wrong.
pub fn parse(bytes: &[u8]) -> Result<Sealed, String> {
    const BAD: &str = "Tệp mã hóa bị hỏng";
    let e: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|err| format!("{}.", FieldError::json(&format!("{BAD}: không đọc được"), &err)))?;
    let text = |path: &str| e.pointer(path).and_then(|v| v.as_str()).unwrap_or("");
    let number = |path: &str| e.pointer(path).and_then(|v| v.as_u64());
    if text("/format") != FORMAT {
        return Err(format!("{BAD}: không phải tệp mã hóa của ứng dụng này."));
    }
    let version = number("/version").unwrap_or(0);
    if version != u64::from(VERSION) {
        return Err(format!("Tệp mã hóa phiên bản {version} chưa được hỗ trợ (ứng dụng đọc phiên bản {VERSION}). Hãy cập nhật ứng dụng."));
    }
    let (kdf, hash, cipher, length) =
        (text("/kdf/name"), text("/kdf/hash"), text("/cipher/name"), number("/cipher/length").unwrap_or(0));
    if kdf != "PBKDF2" || hash != "SHA-256" || cipher != "AES-GCM" || length != 256 {
        return Err(format!(
            "{BAD}: cách mã hóa {kdf}/{hash}/{cipher}-{length} không được hỗ trợ (chỉ PBKDF2/SHA-256/AES-GCM-256)."
        ));
    }
    let iterations = number("/kdf/iterations").unwrap_or(0);
    if !(u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&iterations) {
        return Err(format!("{BAD}: số vòng lặp {iterations} nằm ngoài khoảng {MIN_ITERATIONS}-{MAX_ITERATIONS}."));
    }
    let field = |name: &str, text: &str, len: Option<usize>| -> Result<Vec<u8>, String> {
        let v = base64_decode(text).ok_or_else(|| format!("{BAD}: trường \"{name}\" không phải base64."))?;
        match len {
            Some(n) if v.len() != n => Err(format!("{BAD}: trường \"{name}\" phải dài {n} byte, tệp có {}.", v.len())),
            _ => Ok(v),
        }
    };
    let salt = field("salt", text("/kdf/salt"), Some(SALT_LEN))?;
    let iv = field("iv", text("/cipher/iv"), Some(IV_LEN))?;
    let ciphertext = field("ciphertext", text("/ciphertext"), None)?;
    if ciphertext.len() < TAG_LEN {
        return Err(format!("{BAD}: bản mã ngắn hơn {TAG_LEN} byte."));
    }
    Ok(Sealed { iterations: iterations as u32, salt, iv, ciphertext })
}

/// Checks a new passphrase and its confirmation before encrypting.
pub fn check_passphrase(passphrase: &str, confirmation: &str) -> Result<(), String> {
    let n = passphrase.chars().count();
    if n < MIN_PASSPHRASE_CHARS {
        return Err(format!("Mật khẩu: cần ít nhất {MIN_PASSPHRASE_CHARS} ký tự (mới có {n})."));
    }
    if passphrase != confirmation {
        return Err("Nhập lại mật khẩu: không khớp với mật khẩu.".into());
    }
    Ok(())
}

/// The message for a passphrase that does not open the file (or a file changed after it was
/// encrypted: AES-GCM cannot tell the two apart).
pub const WRONG_PASSPHRASE: &str =
    "Sai mật khẩu, hoặc tệp đã bị sửa sau khi mã hóa. Dữ liệu trên máy không thay đổi; hãy nhập lại mật khẩu.";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding required, no whitespace); `None` when malformed.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let t = text.as_bytes();
    if !t.len().is_multiple_of(4) {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(t.len() / 4 * 3);
    let last = t.len() / 4;
    for (k, q) in t.chunks(4).enumerate() {
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && k + 1 != last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &q[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed() -> Sealed {
        Sealed { iterations: ITERATIONS, salt: (0..16).collect(), iv: (100..112).collect(), ciphertext: vec![7; 40] }
    }

    #[test]
    fn base64_matches_the_rfc_4648_vectors_and_round_trips() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), enc);
            assert_eq!(base64_decode(enc).unwrap(), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64_decode(&base64_encode(&all)).unwrap(), all);
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9*", "Zm 9v"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_envelope_round_trips_and_is_recognised() {
        let s = sealed();
        let json = s.to_json();
        assert!(json.starts_with("{\"format\":\"dtbd-ma-hoa\",\"version\":1,"));
        assert!(json.contains("\"iterations\":600000"));
        assert!(is_envelope(json.as_bytes()));
        assert!(is_envelope(format!("\n  {}", json.replace(':', ": ")).as_bytes()));
        assert!(!is_envelope(br#"{"format":"dtbd-snapshot","version":3}"#));
        assert!(!is_envelope(b"\x1f\x8b\x08"));
        assert_eq!(parse(json.as_bytes()).unwrap(), s);
    }

    #[test]
    fn an_envelope_is_recognised_whatever_the_order_of_its_keys() {
        let s = sealed();
        let ok: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
        let members = ok.as_object().unwrap();
        // Every rotation of the members, so `format` stands in each place, before and after
        // the nested objects.
        let keys: Vec<&String> = members.keys().collect();
        for first in 0..keys.len() {
            let body: Vec<String> = (0..keys.len())
                .map(|k| keys[(first + k) % keys.len()])
                .map(|key| format!("{}: {}", serde_json::to_string(key).unwrap(), members[key]))
                .collect();
            let json = format!(" {{\n  {}\n}}", body.join(",\n  "));
            assert!(is_envelope(json.as_bytes()), "{json}");
            assert_eq!(open(json.as_bytes()), Some(Ok(s.clone())), "{json}");
        }
        // A byte order mark, an escaped key, a nested `format` that is not the file's.
        assert!(is_envelope(format!("\u{feff}{}", s.to_json()).as_bytes()));
        assert!(is_envelope(br#"{"v":[1,{"a":"}"}],"\u0066ormat":"dtbd-ma-hoa"}"#));
        assert!(!is_envelope(br#"{"kdf":{"format":"dtbd-ma-hoa"},"format":"dtbd-snapshot"}"#));
        assert!(!is_envelope(br#"{"records":{"format":"dtbd-ma-hoa"}}"#));
        assert!(!is_envelope(br#"["format","dtbd-ma-hoa"]"#));
        assert!(!is_envelope(br#"{"note":"\"format\":\"dtbd-ma-hoa\""}"#));
        assert!(!is_envelope(b"{\"format\":"));
        assert!(!is_envelope(b""));
    }

    #[test]
    fn recognising_costs_one_pass_whatever_the_file() {
        // A million nested brackets before the format member: no recursion to overflow.
        let deep = format!("{{\"x\":{}{},\"format\":\"{FORMAT}\"}}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert!(is_envelope(deep.as_bytes()));
        // A snapshot answers at its first member, however long the rest.
        let snapshot = format!("{{\"format\":\"dtbd-snapshot\",\"records\":\"{}", "x".repeat(10_000_000));
        let started = std::time::Instant::now();
        assert!(!is_envelope(snapshot.as_bytes()));
        assert!(started.elapsed() < std::time::Duration::from_millis(50), "{:?}", started.elapsed());
    }

    #[test]
    fn a_broken_envelope_is_refused_when_the_file_is_picked_before_any_passphrase() {
        let json = sealed().to_json();
        assert_eq!(open(br#"{"format":"dtbd-snapshot","schema_version":5}"#), None);
        // Cut after its format member: recognised, and said broken at once.
        let cut = &json.as_bytes()[..json.len() / 2];
        assert!(open(cut).unwrap().unwrap_err().starts_with("Tệp mã hóa bị hỏng: không đọc được"));
        // Every part is checked: version, iterations, base64, lengths.
        let mut reordered: serde_json::Value = serde_json::from_str(&json).unwrap();
        reordered["kdf"]["iterations"] = 5.into();
        let text = format!(
            "{{\"kdf\":{},\"format\":\"{FORMAT}\",\"version\":1,\"cipher\":{},\"ciphertext\":{}}}",
            reordered["kdf"], reordered["cipher"], reordered["ciphertext"]
        );
        assert!(open(text.as_bytes()).unwrap().unwrap_err().contains("số vòng lặp 5"));
        let short_iv = json.replace(&base64_encode(&sealed().iv), &base64_encode(&[1; 4]));
        assert!(open(short_iv.as_bytes()).unwrap().unwrap_err().contains("\"iv\" phải dài 12 byte, tệp có 4"));
    }

    #[test]
    fn bad_envelopes_say_what_is_wrong() {
        let ok: serde_json::Value = serde_json::from_str(&sealed().to_json()).unwrap();
        let with = |path: &[&str], v: serde_json::Value| {
            let mut e = ok.clone();
            let mut slot = &mut e;
            for p in path {
                slot = &mut slot[*p];
            }
            *slot = v;
            parse(e.to_string().as_bytes()).unwrap_err()
        };
        assert!(with(&["version"], 2.into()).contains("phiên bản 2"));
        assert!(with(&["kdf", "iterations"], 1000.into()).contains("số vòng lặp 1000"));
        assert!(with(&["kdf", "iterations"], 4_000_000_000u32.into()).contains("nằm ngoài"));
        assert!(with(&["kdf", "hash"], "SHA-1".into()).contains("SHA-1"));
        assert!(with(&["cipher", "name"], "AES-CBC".into()).contains("AES-CBC"));
        assert!(with(&["kdf", "salt"], base64_encode(&[1; 8]).into()).contains("\"salt\" phải dài 16 byte, tệp có 8"));
        assert!(with(&["cipher", "iv"], "@@@@".into()).contains("\"iv\" không phải base64"));
        assert!(with(&["ciphertext"], base64_encode(&[1; 15]).into()).contains("ngắn hơn 16"));
        assert!(with(&["format"], "khac".into()).contains("không phải tệp mã hóa"));
        assert!(parse(b"{\"format\":\"dtbd-ma-hoa\"").unwrap_err().starts_with("Tệp mã hóa bị hỏng: không đọc được"));
    }

    #[test]
    fn passphrases_need_eight_characters_and_a_matching_confirmation() {
        assert_eq!(check_passphrase("ngắn", "ngắn").unwrap_err(), "Mật khẩu: cần ít nhất 8 ký tự (mới có 4).");
        assert!(check_passphrase("mật khẩu dài", "mật khẩu dai").unwrap_err().contains("không khớp"));
        assert!(check_passphrase("mật khẩu dài", "mật khẩu dài").is_ok());
    }
}
