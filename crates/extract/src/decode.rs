//! Bytes → text: BOM, line endings, lossy decoding with a warning, binary detection.

use crate::ExtractError;

/// A document's text and whether decoding had to replace bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text with any BOM removed and CRLF/CR line endings turned into LF.
    pub text: String,
    /// True when invalid UTF-8 was replaced with U+FFFD.
    pub lossy: bool,
}

/// Decodes a document: UTF-8 (with or without a BOM), CRLF normalized to LF.
///
/// A few invalid bytes (a Latin-1 `é` in an otherwise UTF-8 file) are replaced and reported;
/// a file with NUL bytes, or one that is mostly undecodable, is refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ExtractError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 text and binaries both carry NUL bytes; neither is something we read.
    if bytes.contains(&0) {
        return Err(ExtractError::Binary);
    }
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            // More than 1 in 20 bytes broken: this is not a slightly mis-saved article.
            if bad * 20 > bytes.len() {
                return Err(ExtractError::NotUtf8 {
                    bad,
                    total: bytes.len(),
                });
            }
            (lossy.into_owned(), true)
        }
    };
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
        .count();
    if control * 10 > text.chars().count().max(1) {
        return Err(ExtractError::Binary);
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded { text, lossy })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_removed() {
        let d = decode(b"\xEF\xBB\xBF1. A\r\n2. B\r\n").unwrap();
        assert_eq!(d.text, "1. A\n2. B\n");
        assert!(!d.lossy);
    }

    #[test]
    fn a_stray_latin1_byte_decodes_lossily() {
        let d = decode(b"1. Am\xE9lie and a long enough line of text around it").unwrap();
        assert!(d.lossy);
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode(b"\x7FELF\0\0\x01"),
            Err(ExtractError::Binary)
        ));
    }

    #[test]
    fn mostly_invalid_bytes_are_refused() {
        assert!(matches!(
            decode(&[0xFF, 0xFE, 0xFA, 0xC3, 0x28, 0x80, 0x81]),
            Err(ExtractError::NotUtf8 { .. })
        ));
    }
}
