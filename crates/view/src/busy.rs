//! Đang xử lý: the progress panel of the two import pages (`trao-doi.html`, `nhap-excel.html`)
//! while a file is read, inflated, decrypted, checked, compared and written: what it is doing
//! in words, how far (a bar when it can be measured), and whether "Hủy" is still offered.
//!
//! *Why a panel and not a spinner:* a 40 MB snapshot takes seconds, and an officer who sees
//! no movement reloads the page; a step named and a bar moving say the page is alive, and
//! "Hủy" says nothing is changed until the write.

use dtbd_domain::number::format_number;

/// What the page is doing, in the order an import meets the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the picked file's bytes.
    Reading,
    /// Inflating a gzip file (the amount is compressed bytes read).
    Inflating,
    /// Deriving the key from the passphrase and decrypting (WebCrypto: no amount).
    Decrypting,
    /// Reading a CSV's rows or a workbook's sheets.
    ReadingSheets,
    /// Finding text typed in an old font (TCVN3, VNI) and converting it.
    Converting,
    /// Reading what this device holds, to compare with.
    LoadingLocal,
    /// Checking the file's records (format, limits, references).
    Checking,
    /// Comparing the file with what this device holds (the preview).
    Comparing,
    /// Drawing the preview.
    Showing,
    /// Merging the file with the choices made.
    Merging,
    /// Writing in one IndexedDB transaction: past the point of "Hủy".
    Writing,
}

impl Step {
    /// The step in words, before its amount.
    pub fn label(self) -> &'static str {
        match self {
            Step::Reading => "Đang đọc tệp…",
            Step::Inflating => "Đang giải nén…",
            Step::Decrypting => "Đang giải mã (mất vài giây)…",
            Step::ReadingSheets => "Đang đọc các trang tính…",
            Step::Converting => "Đang xem chữ trong tệp (phông cũ TCVN3, VNI)…",
            Step::LoadingLocal => "Đang đọc dữ liệu trên máy…",
            Step::Checking => "Đang kiểm tra…",
            Step::Comparing => "Đang so sánh với dữ liệu trên máy…",
            Step::Showing => "Đang hiện bản xem trước…",
            Step::Merging => "Đang gộp theo các lựa chọn…",
            Step::Writing => "Đang ghi…",
        }
    }
}

/// How far a step has gone, when it can be measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// Not measured: the bar moves without a figure.
    Unknown,
    /// Bytes done of a known total.
    Bytes {
        /// Bytes done.
        done: u64,
        /// Of this many.
        total: u64,
    },
}

/// What the panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The file being imported.
    pub file: String,
    /// The step under way.
    pub step: Step,
    /// How far it has gone.
    pub amount: Amount,
}

/// The bar's scale: `<progress max>`.
pub const BAR_MAX: u32 = 1000;

/// The panel's note once the write has begun.
pub const WRITING_NOTE: &str = "Đã bắt đầu ghi nên không hủy được nữa: dữ liệu được ghi trọn vẹn hoặc không ghi gì, và lần nhập này hoàn tác được sau đó.";

/// The panel's note while "Hủy" is offered.
pub const CANCEL_NOTE: &str = "Chưa có gì được ghi: bấm \"Hủy\" để dừng, dữ liệu trên máy giữ nguyên.";

/// "12,3" for a size in MB (binary, as the 50 MB limit is counted).
fn megabytes(bytes: u64) -> String {
    format_number(bytes as f64 / 1_048_576.0)
}

impl Progress {
    /// A step just begun.
    pub fn new(file: &str, step: Step) -> Progress {
        Progress { file: file.to_string(), step, amount: Amount::Unknown }
    }

    /// The same step, `done` of `total` bytes.
    pub fn bytes(&self, done: u64, total: u64) -> Progress {
        Progress { amount: Amount::Bytes { done: done.min(total), total }, ..self.clone() }
    }

    /// The panel's heading.
    pub fn heading(&self) -> String {
        format!("Tệp \"{}\"", self.file)
    }

    /// "Đang đọc tệp… 12 / 40 MB", "Đang so sánh với dữ liệu trên máy…".
    pub fn text(&self) -> String {
        match self.amount {
            Amount::Unknown => self.step.label().to_string(),
            Amount::Bytes { done, total } => {
                format!("{} {} / {} MB", self.step.label(), megabytes(done), megabytes(total))
            }
        }
    }

    /// The bar's value out of [`BAR_MAX`]; `None` when the step is not measured (the bar then
    /// moves without a value).
    pub fn bar(&self) -> Option<u32> {
        match self.amount {
            Amount::Bytes { done, total } if total > 0 => Some((done.min(total) * u64::from(BAR_MAX) / total) as u32),
            Amount::Bytes { .. } => Some(BAR_MAX),
            Amount::Unknown => None,
        }
    }

    /// True while "Hủy" is offered: until the write's transaction starts.
    pub fn cancellable(&self) -> bool {
        self.step != Step::Writing
    }

    /// The line under the bar: why "Hủy" is safe, or why it is gone.
    pub fn note(&self) -> &'static str {
        if self.cancellable() {
            CANCEL_NOTE
        } else {
            WRITING_NOTE
        }
    }
}

/// Said after "Hủy".
pub fn cancelled_message(file: &str) -> String {
    format!("Đã hủy: tệp \"{file}\" không được nhập, dữ liệu trên máy không thay đổi.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measured_step_says_how_far_in_megabytes_and_fills_the_bar() {
        let reading = Progress::new("du-lieu.json", Step::Reading).bytes(12 << 20, 40 << 20);
        assert_eq!(reading.text(), "Đang đọc tệp… 12 / 40 MB");
        assert_eq!(reading.bar(), Some(300));
        assert_eq!(reading.heading(), "Tệp \"du-lieu.json\"");
        let inflating = Progress::new("a.json.gz", Step::Inflating).bytes(3_500_000, 4_613_734);
        assert_eq!(inflating.text(), "Đang giải nén… 3,3 / 4,4 MB");
        assert_eq!(inflating.bar(), Some(758));
        // Never past the end, and an empty file is read at once.
        assert_eq!(reading.bytes(50, 40).bar(), Some(BAR_MAX));
        assert_eq!(reading.bytes(0, 0).bar(), Some(BAR_MAX));
        assert_eq!(reading.bytes(0, 0).text(), "Đang đọc tệp… 0 / 0 MB");
    }

    #[test]
    fn an_unmeasured_step_has_words_and_a_moving_bar() {
        let comparing = Progress::new("a.json", Step::Comparing);
        assert_eq!(comparing.text(), "Đang so sánh với dữ liệu trên máy…");
        assert_eq!(comparing.bar(), None);
        assert_eq!(Progress::new("a.json", Step::Checking).text(), "Đang kiểm tra…");
    }

    #[test]
    fn cancel_is_offered_until_the_write_begins_and_the_panel_says_so() {
        for step in [
            Step::Reading,
            Step::Inflating,
            Step::Decrypting,
            Step::ReadingSheets,
            Step::Converting,
            Step::LoadingLocal,
            Step::Checking,
            Step::Comparing,
            Step::Showing,
            Step::Merging,
        ] {
            let p = Progress::new("a.json", step);
            assert!(p.cancellable(), "{step:?}");
            assert_eq!(p.note(), CANCEL_NOTE);
            assert!(p.text().starts_with("Đang "), "{step:?}");
        }
        let writing = Progress::new("a.json", Step::Writing);
        assert!(!writing.cancellable());
        assert_eq!(writing.text(), "Đang ghi…");
        assert!(writing.note().contains("không hủy được"));
        assert_eq!(
            cancelled_message("a.json"),
            "Đã hủy: tệp \"a.json\" không được nhập, dữ liệu trên máy không thay đổi."
        );
    }
}
