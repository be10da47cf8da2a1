//! Mã hóa tệp xuất: WebCrypto (no crypto crate in the wasm). PBKDF2-HMAC-SHA-256 derives an
//! AES-GCM-256 key from the passphrase; salt and IV come from `crypto.getRandomValues`. The
//! envelope format is `domain::envelope`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use super::StoreError;
use dtbd_domain::envelope::{Sealed, ITERATIONS, IV_LEN, SALT_LEN, WRONG_PASSPHRASE};

fn fail(context: &str) -> impl Fn(JsValue) -> StoreError + '_ {
    move |e| super::logged(format!("{context}: trình duyệt không mã hóa được."), &format!("{e:?}"))
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn subtle() -> Result<(web_sys::Crypto, web_sys::SubtleCrypto), StoreError> {
    let c = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| StoreError("Trình duyệt này không có WebCrypto: không mã hóa được.".into()))?;
    let s = c.subtle();
    Ok((c, s))
}

/// Fresh random bytes from the browser's CSPRNG.
fn random(c: &web_sys::Crypto, n: usize) -> Result<Vec<u8>, StoreError> {
    let mut b = vec![0u8; n];
    c.get_random_values_with_u8_array(&mut b).map_err(fail("Không tạo được số ngẫu nhiên"))?;
    Ok(b)
}

async fn derive(
    s: &web_sys::SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    ctx: &str,
) -> Result<CryptoKey, StoreError> {
    let raw = Uint8Array::from(passphrase.as_bytes());
    let usages = Array::of1(&"deriveKey".into());
    let base = JsFuture::from(s.import_key_with_str("raw", &raw, "PBKDF2", false, &usages).map_err(fail(ctx))?)
        .await
        .map_err(fail(ctx))?;
    let algorithm = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("iterations", iterations.into()),
        ("salt", Uint8Array::from(salt).into()),
    ]);
    let key_type = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = s
        .derive_key_with_object_and_object(&algorithm, base.unchecked_ref(), &key_type, false, &usages)
        .map_err(fail(ctx))?;
    Ok(JsFuture::from(key).await.map_err(fail(ctx))?.unchecked_into())
}

/// Encrypts `plain` with `passphrase`: the envelope's JSON text (see `domain::envelope`).
pub async fn encrypt(plain: &[u8], passphrase: &str) -> Result<String, StoreError> {
    let ctx = "Không mã hóa được tệp";
    let (c, s) = subtle()?;
    let salt = random(&c, SALT_LEN)?;
    let iv = random(&c, IV_LEN)?;
    let key = derive(&s, passphrase, &salt, ITERATIONS, ctx).await?;
    let algorithm = object(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(iv.as_slice()).into())]);
    let out = JsFuture::from(s.encrypt_with_object_and_u8_array(&algorithm, &key, plain).map_err(fail(ctx))?)
        .await
        .map_err(fail(ctx))?;
    let ciphertext = Uint8Array::new(&out).to_vec();
    Ok(Sealed { iterations: ITERATIONS, salt, iv, ciphertext }.to_json())
}

/// Opens an encrypted file whose envelope was checked when it was picked
/// (`envelope::open`): the plaintext, or [`WRONG_PASSPHRASE`]. Nothing is written either way.
pub async fn decrypt(sealed: &Sealed, passphrase: &str) -> Result<Vec<u8>, StoreError> {
    let ctx = "Không giải mã được tệp";
    let (_, s) = subtle()?;
    let key = derive(&s, passphrase, &sealed.salt, sealed.iterations, ctx).await?;
    let algorithm = object(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(sealed.iv.as_slice()).into())]);
    let promise = s.decrypt_with_object_and_u8_array(&algorithm, &key, &sealed.ciphertext).map_err(fail(ctx))?;
    // OperationError: the tag does not match (wrong passphrase or a changed file).
    let out = JsFuture::from(promise).await.map_err(|_| StoreError(WRONG_PASSPHRASE.into()))?;
    Ok(Uint8Array::new(&out).to_vec())
}
